import type { Role } from './permissions';

/** Where the session token is kept; the Apollo link reads it on every request. */
export const TOKEN_STORAGE_KEY = 'baophu.token';

/** The account as the API returns it with a session (AuthPayload.user, me). */
export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  scope: { id: string; name: string; level: string; path: string };
  collectionOrganization: { code: string; name: string } | null;
}

export interface Session {
  token: string;
  /** ISO date-time at which the API stops accepting the token. */
  expiresAt: string;
  user: SessionUser;
}

const EXPIRES_AT_KEY = 'baophu.tokenExpiresAt';
const USER_KEY = 'baophu.user';

/** The part of the Web Storage API the session needs; a Map-backed one in tests. */
export type SessionStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function browserStorage(): SessionStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    // Storage can be blocked (privacy settings): nobody can stay logged in then.
    return null;
  }
}

/**
 * The session kept across reloads: the token (read by the Apollo link on every request), when it
 * expires, and the account it belongs to (identity and permissions without a round trip).
 */
export class SessionStore {
  constructor(private readonly storage: SessionStorage | null = browserStorage()) {}

  read(): Session | null {
    const s = this.storage;
    if (!s) return null;
    const token = s.getItem(TOKEN_STORAGE_KEY);
    const expiresAt = s.getItem(EXPIRES_AT_KEY);
    const userText = s.getItem(USER_KEY);
    if (!token || !expiresAt || !userText) return null;
    try {
      return { token, expiresAt, user: JSON.parse(userText) as SessionUser };
    } catch {
      return null;
    }
  }

  /** Whether there is a token, whatever its state. */
  hasToken(): boolean {
    return !!this.storage?.getItem(TOKEN_STORAGE_KEY);
  }

  write(session: Session): void {
    const s = this.storage;
    if (!s) return;
    s.setItem(TOKEN_STORAGE_KEY, session.token);
    s.setItem(EXPIRES_AT_KEY, session.expiresAt);
    s.setItem(USER_KEY, JSON.stringify(session.user));
  }

  clear(): void {
    for (const key of [TOKEN_STORAGE_KEY, EXPIRES_AT_KEY, USER_KEY]) this.storage?.removeItem(key);
  }
}

/** True when the session's token is past its expiry (or the expiry cannot be read). */
export function isExpired(session: Pick<Session, 'expiresAt'>, now = Date.now()): boolean {
  const at = Date.parse(session.expiresAt);
  return Number.isNaN(at) || at <= now;
}
