import { gql, type TypedDocumentNode } from '@apollo/client';
import type { ResourceDescriptor } from '../../providers/dataProvider';
import type { CollectionOrganization, UserRecord } from './types';

/** The GraphQL side of the users resource (accounts): its selection, its verbs, its descriptor. */

export const USER_FIELDS = gql`
  fragment UserFields on User {
    id
    username
    displayName
    role
    active
    scope {
      id
      code
      name
      level
      path
    }
    collectionOrganization {
      id
      code
      name
    }
  }
`;

export const usersDescriptor: ResourceDescriptor = {
  list: 'users',
  filterType: 'UserFilter',
  one: 'user',
  fields: USER_FIELDS,
  sortFields: ['username', 'displayName', 'role'],
  create: {
    mutation: 'createUser',
    inputType: 'CreateUserInput',
    inputFields: ['username', 'displayName', 'password', 'role', 'scopeUnitId', 'collectionOrganizationId'],
  },
  update: {
    mutation: 'updateUser',
    inputType: 'UpdateUserInput',
    inputFields: ['displayName', 'role', 'scopeUnitId', 'collectionOrganizationId', 'active'],
  },
  // The forms edit ids; the API returns the objects.
  toRecord: (user: Omit<UserRecord, 'scopeUnitId' | 'collectionOrganizationId'>): UserRecord => ({
    ...user,
    scopeUnitId: user.scope?.id ?? null,
    collectionOrganizationId: user.collectionOrganization?.id ?? null,
  }),
};

export const RESET_USER_PASSWORD: TypedDocumentNode<
  { resetUserPassword: Pick<UserRecord, 'id' | 'username'> },
  { id: string; newPassword: string }
> = gql`
  mutation ResetUserPassword($id: ID!, $newPassword: String!) {
    resetUserPassword(id: $id, newPassword: $newPassword) {
      id
      username
    }
  }
`;

/** There are a handful (Bưu điện, Viettel … per province), by name: one page holds them all. */
export const COLLECTION_ORGANIZATIONS: TypedDocumentNode<
  { collectionOrganizations: { items: CollectionOrganization[]; totalCount: number } },
  { take: number }
> = gql`
  query CollectionOrganizationChoices($take: Int) {
    collectionOrganizations(take: $take) {
      items {
        id
        code
        name
      }
      totalCount
    }
  }
`;
