import { Edit, Labeled, required, SimpleForm, TextInput } from 'react-admin';
import { LocalDateInput } from '../../components/LocalDateInput';
import { LevelField, ParentField } from './OrgUnitFields';

/**
 * Corrections of code, name and start date, without a history entry. A real rename or move is
 * a dialog on the show page, which keeps the history.
 */
export const OrgUnitEdit = () => (
  // Pessimistic, so the API's field errors come back onto the inputs.
  <Edit mutationMode="pessimistic" redirect="show">
    <SimpleForm>
      <TextInput source="code" validate={required()} />
      <TextInput source="name" validate={required()} fullWidth />
      <LocalDateInput source="validFrom" validate={required()} helperText="app.date_hint" />
      <Labeled source="level">
        <LevelField />
      </Labeled>
      <Labeled source="parent">
        <ParentField />
      </Labeled>
    </SimpleForm>
  </Edit>
);
