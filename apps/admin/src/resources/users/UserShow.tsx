import {
  EditButton,
  Show,
  TabbedShowLayout,
  TextField,
  TopToolbar,
  useRecordContext,
} from 'react-admin';
import { AuditTrail } from '../audit-events/AuditTrail';
import { ResetPasswordButton } from './ResetPasswordDialog';
import { ScopeField, UserStatus, useRoleLabel } from './UserFields';
import type { UserRecord } from './types';

type LabeledProps = { label?: string | false };

const RoleText = (_props: LabeledProps) => {
  const record = useRecordContext<UserRecord>();
  const roleLabel = useRoleLabel();
  return <span>{roleLabel(record?.role)}</span>;
};

const CollectionOrganizationText = (_props: LabeledProps) => {
  const record = useRecordContext<UserRecord>();
  return <span>{record?.collectionOrganization?.name ?? ''}</span>;
};

const ActiveStatus = (_props: LabeledProps) => {
  const record = useRecordContext<UserRecord>();
  return record ? <UserStatus active={record.active} /> : null;
};

const UserShowActions = () => (
  <TopToolbar>
    <EditButton />
    <ResetPasswordButton />
  </TopToolbar>
);

export const UserShow = () => {
  return (
    <Show actions={<UserShowActions />}>
      <TabbedShowLayout>
        <TabbedShowLayout.Tab label="resources.users.tabs.summary">
          <TextField source="username" />
          <TextField source="displayName" />
          <RoleText label="resources.users.fields.role" />
          <ScopeField label="resources.users.fields.scope" />
          <CollectionOrganizationText label="resources.users.fields.collectionOrganization" />
          <ActiveStatus label="resources.users.fields.active" />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="resources.users.tabs.audit" path="audit">
          <AuditTrail entity="user" label={false} />
        </TabbedShowLayout.Tab>
      </TabbedShowLayout>
    </Show>
  );
};
