import { Create, PasswordInput, required, SimpleForm, TextInput } from 'react-admin';
import { newPassword } from '../../components/passwords';
import {
  CollectionOrganizationInput,
  RoleInput,
  ScopeInput,
  withoutCollectionOrganizationUnlessCollector,
} from './UserFields';

const usernameOf = (values: Record<string, unknown>) => values.username;

export const UserCreate = () => (
  <Create redirect="show" transform={withoutCollectionOrganizationUnlessCollector}>
    <SimpleForm>
      <TextInput
        source="username"
        validate={required()}
        helperText="resources.users.help.username"
        autoComplete="off"
        parse={(value: string) => value.toLowerCase()}
      />
      <TextInput source="displayName" validate={required()} fullWidth />
      <PasswordInput
        source="password"
        validate={[required(), newPassword(usernameOf)]}
        helperText="resources.users.help.password"
        autoComplete="new-password"
      />
      <RoleInput />
      <ScopeInput />
      <CollectionOrganizationInput />
    </SimpleForm>
  </Create>
);
