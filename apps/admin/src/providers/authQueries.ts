import { gql, type TypedDocumentNode } from '@apollo/client';
import type { SessionUser } from './session';

/** The documents of the session: login, logout, change of password. */

const SESSION_USER_FIELDS = gql`
  fragment SessionUserFields on User {
    id
    username
    displayName
    role
    scope {
      id
      name
      level
      path
    }
    collectionOrganization {
      code
      name
    }
  }
`;

export interface AuthPayload {
  token: string;
  expiresAt: string;
  user: SessionUser;
}

export const LOGIN: TypedDocumentNode<{ login: AuthPayload }, { username: string; password: string }> = gql`
  mutation Login($username: String!, $password: String!) {
    login(username: $username, password: $password) {
      token
      expiresAt
      user {
        ...SessionUserFields
      }
    }
  }
  ${SESSION_USER_FIELDS}
`;

export const LOGOUT: TypedDocumentNode<{ logout: boolean }, Record<string, never>> = gql`
  mutation Logout {
    logout
  }
`;

export const CHANGE_PASSWORD: TypedDocumentNode<
  { changePassword: AuthPayload },
  { currentPassword: string; newPassword: string }
> = gql`
  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {
      token
      expiresAt
      user {
        ...SessionUserFields
      }
    }
  }
  ${SESSION_USER_FIELDS}
`;
