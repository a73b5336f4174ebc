import type { ApolloClient, OperationVariables, TypedDocumentNode } from '@apollo/client';
import type { AuthProvider, UserIdentity } from 'react-admin';
import { CHANGE_PASSWORD, LOGIN, LOGOUT, type AuthPayload } from './authQueries';
import { toHttpError } from './graphqlErrors';
import { canAccess, type Permissions } from './permissions';
import { isExpired, SessionStore, type Session } from './session';

export interface AuthProviderOptions {
  client: ApolloClient;
  /** The user's language, for the API's two-language error messages. */
  getLocale: () => string;
  /** Translates a key in the user's language (the role label of the identity). */
  translate: (key: string) => string;
  store?: SessionStore;
  /** How long logout waits for the API before forgetting the session anyway. */
  logoutTimeoutMs?: number;
}

/** react-admin's AuthProvider plus the one account action that replaces the session's token. */
export interface BaoPhuAuthProvider extends AuthProvider {
  /**
   * Changes the user's password. The API ends every session of the user and answers with a new
   * token, which replaces the stored one. Rejects with an HttpError (field errors on
   * `currentPassword` / `newPassword`).
   */
  changePassword(params: { currentPassword: string; newPassword: string }): Promise<void>;
}

/** The identity react-admin's user menu reads; `fullName` is the account's display name. */
export interface BaoPhuIdentity extends UserIdentity {
  username: string;
  fullName: string;
  role: Permissions['role'];
  /** The role in the user's language at the time of the call; screens translate `role` themselves. */
  roleLabel: string;
  scope: Permissions['scope'];
  collectionOrganization: { code: string; name: string } | null;
}

const toSession = (payload: AuthPayload): Session => ({
  token: payload.token,
  expiresAt: payload.expiresAt,
  user: payload.user,
});

const isUnauthenticated = (error: unknown): boolean => {
  const e = error as { status?: number; body?: { code?: string } } | null;
  return e?.status === 401 || e?.body?.code === 'UNAUTHENTICATED';
};

/**
 * Sessions against the API: `login` stores the token, its expiry and the account; every request
 * then carries the token (providers/apollo.ts). A token the API no longer accepts (revoked,
 * expired, account deactivated) logs the user out; a FORBIDDEN answer leaves them where they are
 * with the API's message.
 */
export function createAuthProvider({
  client,
  getLocale,
  translate,
  store = new SessionStore(),
  logoutTimeoutMs = 3000,
}: AuthProviderOptions): BaoPhuAuthProvider {
  async function mutate<TData, TVariables extends OperationVariables>(
    mutation: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
    context?: Record<string, unknown>,
  ): Promise<TData> {
    try {
      const { data } = await client.mutate<TData, TVariables>({ mutation, variables, fetchPolicy: 'no-cache', context });
      return data as TData;
    } catch (error) {
      throw toHttpError(error, getLocale());
    }
  }

  /** Nothing cached for one account may show up for the next one. */
  const forgetCachedData = () => client.clearStore().catch(() => undefined);

  const permissions = (): Permissions | null => {
    const session = store.read();
    return session ? { role: session.user.role, scope: session.user.scope } : null;
  };

  return {
    async login({ username, password }: { username?: string; password?: string }) {
      const data = await mutate(LOGIN, { username: (username ?? '').trim(), password: password ?? '' });
      store.write(toSession(data.login));
      await forgetCachedData();
    },

    async logout() {
      const token = store.read()?.token;
      // Forget the session first: whatever the API answers, this browser is logged out.
      store.clear();
      if (token) {
        const revoke = mutate(LOGOUT, {}, { headers: { Authorization: `Bearer ${token}` } }).catch(() => undefined);
        await Promise.race([revoke, new Promise((resolve) => setTimeout(resolve, logoutTimeoutMs))]);
      }
      await forgetCachedData();
    },

    async checkAuth() {
      const session = store.read();
      // First visit: straight to the login page, without an error message.
      if (!session) throw { message: false };
      if (isExpired(session)) {
        store.clear();
        throw { message: 'app.auth.expired' };
      }
    },

    async checkError(error: unknown) {
      if (isUnauthenticated(error)) {
        const message = (error as Error).message;
        throw { message: message || 'ra.notification.logged_out' };
      }
      // FORBIDDEN and everything else: stay; the page or the notification shows the API's message.
    },

    async getIdentity(): Promise<BaoPhuIdentity> {
      const session = store.read();
      if (!session) throw new Error('Not logged in');
      const { user } = session;
      return {
        id: user.id,
        username: user.username,
        fullName: user.displayName,
        role: user.role,
        roleLabel: translate(`app.roles.${user.role}`),
        scope: user.scope,
        collectionOrganization: user.collectionOrganization ?? null,
      };
    },

    async getPermissions() {
      return permissions();
    },

    async canAccess(params: { action: string; resource: string; record?: Record<string, unknown> }) {
      return canAccess(permissions(), params);
    },

    async changePassword({ currentPassword, newPassword }) {
      const data = await mutate(CHANGE_PASSWORD, { currentPassword, newPassword });
      store.write(toSession(data.changePassword));
    },
  };
}
