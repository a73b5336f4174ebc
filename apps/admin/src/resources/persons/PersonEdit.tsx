import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import {
  Edit,
  Labeled,
  required,
  ShowButton,
  SimpleForm,
  TextField,
  TextInput,
  TopToolbar,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { LocalDateField } from '../../components/LocalDateField';
import { withoutSupportDatesUnlessSupported } from './PersonCreate';
import { useEnumLabels } from './PersonFields';
import { ContactInputs, SupportInputs } from './PersonInputs';
import type { PersonRecord } from './types';

const PersonEditActions = () => (
  <TopToolbar>
    <ShowButton />
  </TopToolbar>
);

/** Citizen ID, date of birth and sex as registered: shown, not edited (the API keeps them). */
const FixedIdentity = () => {
  const record = useRecordContext<PersonRecord>();
  const translate = useTranslate();
  const labels = useEnumLabels();
  if (!record) return null;
  return (
    <>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={4}>
        <Labeled source="citizenId">
          <TextField source="citizenId" />
        </Labeled>
        <Labeled source="dateOfBirth">
          <LocalDateField source="dateOfBirth" />
        </Labeled>
        <Labeled source="sex">
          <Typography variant="body2">{labels.sex(record.sex)}</Typography>
        </Labeled>
      </Stack>
      <Typography variant="caption" color="text.secondary" sx={{ mb: 2 }}>
        {translate('resources.persons.help.fixed')}
      </Typography>
    </>
  );
};

/** Corrections of the name, hamlet, support category, phone and SI code; only changed fields are sent. */
export const PersonEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show" actions={<PersonEditActions />} transform={withoutSupportDatesUnlessSupported}>
    <SimpleForm>
      <TextInput source="fullName" validate={required()} fullWidth inputProps={{ autoComplete: 'off' }} />
      <FixedIdentity />
      <SupportInputs />
      <ContactInputs />
    </SimpleForm>
  </Edit>
);
