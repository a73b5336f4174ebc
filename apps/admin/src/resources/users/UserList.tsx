import { CreateButton, DataTable, List, NullableBooleanInput, SearchInput, SelectInput, TopToolbar } from 'react-admin';
import { roleChoices, UserStatus, useRoleLabel } from './UserFields';
import type { UserRecord } from './types';

/** `q` looks in the username and the display name. */
const userFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="role" source="role" choices={roleChoices} alwaysOn />,
  <NullableBooleanInput
    key="active"
    source="active"
    trueLabel="resources.users.status.active"
    falseLabel="resources.users.status.inactive"
    alwaysOn
    sx={{ minWidth: '12em' }}
  />,
];

const UserListActions = () => (
  <TopToolbar>
    <CreateButton />
  </TopToolbar>
);

const Column = DataTable.Col<UserRecord>;

/** The accounts in the user's scope (the API filters: a planner sees their province's). */
export const UserList = () => {
  const roleLabel = useRoleLabel();
  return (
    <List
      filters={userFilters}
      actions={<UserListActions />}
      sort={{ field: 'username', order: 'ASC' }}
      perPage={25}
      exporter={false}
    >
      <DataTable rowClick="show" bulkActionButtons={false}>
        <Column source="username" />
        <Column source="displayName" />
        <Column source="role" render={(user) => roleLabel(user.role)} />
        <Column source="scope" disableSort render={(user) => user.scope?.name} />
        <Column source="collectionOrganization" disableSort render={(user) => user.collectionOrganization?.name ?? ''} />
        <Column source="active" disableSort render={(user) => <UserStatus active={user.active} />} />
      </DataTable>
    </List>
  );
};
