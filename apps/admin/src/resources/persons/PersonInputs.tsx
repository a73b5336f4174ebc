import Stack from '@mui/material/Stack';
import { useEffect } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { RadioButtonGroupInput, required, SelectInput, TextInput } from 'react-admin';
import { LocalDateInput } from '../../components/LocalDateInput';
import {
  citizenIdValidator,
  digitsOnly,
  HamletInput,
  phoneValidator,
  sexChoices,
  siCodeValidator,
  supportCategoryChoices,
} from './PersonFields';

/** The citizen ID is checked against the date of birth and the sex: check it again when they change. */
const RecheckCitizenId = () => {
  const { trigger, getFieldState } = useFormContext();
  const [dateOfBirth, sex] = useWatch({ name: ['dateOfBirth', 'sex'] });
  useEffect(() => {
    if (getFieldState('citizenId').isTouched) void trigger('citizenId');
  }, [dateOfBirth, sex, trigger, getFieldState]);
  return null;
};

/** Who the person is: set once, when registering (the API does not correct them). */
export const IdentityInputs = () => (
  <>
    <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ width: '100%' }}>
      <LocalDateInput source="dateOfBirth" validate={required()} helperText="app.date_hint" sx={{ width: '12em' }} />
      <RadioButtonGroupInput source="sex" choices={sexChoices} validate={required()} helperText={false} />
    </Stack>
    <TextInput
      source="citizenId"
      validate={[required(), citizenIdValidator]}
      parse={digitsOnly}
      helperText="resources.persons.help.citizenId"
      inputProps={{ inputMode: 'numeric', autoComplete: 'off', maxLength: 14 }}
      sx={{ width: '16em' }}
    />
    <RecheckCitizenId />
  </>
);

/** The support category and, for a supported one, the dates it is certified for. */
export const SupportInputs = () => {
  const category = useWatch({ name: 'supportCategory' });
  return (
    <>
      <SelectInput source="supportCategory" choices={supportCategoryChoices} validate={required()} sx={{ minWidth: '16em' }} />
      {category && category !== 'OTHER' && (
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
          <LocalDateInput source="supportFrom" helperText="resources.persons.help.supportFrom" sx={{ width: '14em' }} />
          <LocalDateInput source="supportTo" helperText="resources.persons.help.supportTo" sx={{ width: '14em' }} />
        </Stack>
      )}
    </>
  );
};

/** What may change later: where the person lives, how to reach them, the old SI code. */
export const ContactInputs = () => (
  <>
    <TextInput
      source="phone"
      validate={phoneValidator}
      helperText="resources.persons.help.phone"
      inputProps={{ inputMode: 'tel', autoComplete: 'off' }}
      sx={{ width: '16em' }}
    />
    <HamletInput isRequired fullWidth />
    <TextInput
      source="siCode"
      validate={siCodeValidator}
      parse={digitsOnly}
      helperText="resources.persons.help.siCode"
      inputProps={{ inputMode: 'numeric', autoComplete: 'off', maxLength: 12 }}
      sx={{ width: '16em' }}
    />
  </>
);
