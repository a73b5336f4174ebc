import { ALLOWED_PARENT_LEVELS, todayInVietnam, type OrgLevel } from '@bao-phu/domain';
import { useWatch } from 'react-hook-form';
import { Create, required, SelectInput, SimpleForm, TextInput } from 'react-admin';
import { LocalDateInput } from '../../components/LocalDateInput';
import { levelChoices } from './OrgUnitFields';
import { ParentInput } from './ParentInput';

/** The parent input for the chosen level; none for the top level. */
const CreateParentInput = () => {
  const level = useWatch<{ level?: OrgLevel }, 'level'>({ name: 'level' });
  return level ? <ParentInput childLevel={level} source="parentId" /> : null;
};

/** A top-level unit has no parent, even if one was picked before the level was changed. */
const dropParentOfRoot = (data: Record<string, unknown>) =>
  ALLOWED_PARENT_LEVELS[data.level as OrgLevel]?.length === 0 ? { ...data, parentId: null } : data;

export const OrgUnitCreate = () => (
  <Create redirect="show" transform={dropParentOfRoot}>
    <SimpleForm defaultValues={() => ({ validFrom: todayInVietnam() })}>
      <TextInput source="code" validate={required()} />
      <TextInput source="name" validate={required()} fullWidth />
      <SelectInput source="level" choices={levelChoices} validate={required()} />
      <CreateParentInput />
      <LocalDateInput source="validFrom" validate={required()} helperText="app.date_hint" />
    </SimpleForm>
  </Create>
);
