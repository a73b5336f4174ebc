import {
  BooleanInput,
  Edit,
  Labeled,
  required,
  ShowButton,
  TabbedForm,
  TextField,
  TextInput,
  TopToolbar,
} from 'react-admin';
import { AuditTrail } from '../audit-events/AuditTrail';
import { ResetPasswordButton } from './ResetPasswordDialog';
import {
  CollectionOrganizationInput,
  RoleInput,
  ScopeInput,
  withoutCollectionOrganizationUnlessCollector,
} from './UserFields';

const UserEditActions = () => (
  <TopToolbar>
    <ShowButton />
    <ResetPasswordButton />
  </TopToolbar>
);

/**
 * The account's name, role, scope, collection organization and whether it may log in. The
 * username never changes. Deactivating it, or changing its role or scope, ends its sessions.
 */
export const UserEdit = () => {
  return (
    // Pessimistic, so the API's field errors come back onto the inputs.
    <Edit
      mutationMode="pessimistic"
      redirect="show"
      actions={<UserEditActions />}
      transform={withoutCollectionOrganizationUnlessCollector}
    >
      <TabbedForm>
        <TabbedForm.Tab label="resources.users.tabs.summary">
          <Labeled source="username">
            <TextField source="username" />
          </Labeled>
          <TextInput source="displayName" validate={required()} fullWidth />
          <RoleInput />
          <ScopeInput />
          <CollectionOrganizationInput />
          <BooleanInput source="active" helperText="resources.users.help.active" />
        </TabbedForm.Tab>
        <TabbedForm.Tab label="resources.users.tabs.audit" path="audit">
          <AuditTrail entity="user" label={false} />
        </TabbedForm.Tab>
      </TabbedForm>
    </Edit>
  );
};
