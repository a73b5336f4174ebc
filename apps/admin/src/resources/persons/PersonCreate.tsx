import { Create, required, SimpleForm, TextInput } from 'react-admin';
import { ContactInputs, IdentityInputs, SupportInputs } from './PersonInputs';

/** Supported people are certified for a period; an OTHER person has no dates to keep. */
export const withoutSupportDatesUnlessSupported = <T extends Record<string, unknown>>(data: T): T =>
  data.supportCategory === 'OTHER' ? { ...data, supportFrom: null, supportTo: null } : data;

/**
 * Registers a person in a hamlet of the user's scope. The citizen ID is checked in the browser as
 * the API checks it; what only the API knows (an ID already registered) comes back on the field.
 */
export const PersonCreate = () => (
  <Create redirect="show" transform={withoutSupportDatesUnlessSupported}>
    <SimpleForm defaultValues={{ supportCategory: 'OTHER' }}>
      <TextInput source="fullName" validate={required()} fullWidth inputProps={{ autoComplete: 'off' }} />
      <IdentityInputs />
      <SupportInputs />
      <ContactInputs />
    </SimpleForm>
  </Create>
);
