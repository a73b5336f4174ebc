import { randomBytes, randomUUID } from 'node:crypto';
import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import { DomainError } from '../../common/errors';
import type { RequestContext } from '../../graphql/context';
import { recordAudit } from '../audit/audit.service';
import { SystemStateEntity } from '../system/system-state.entity';
import { requireActor, type Actor } from './actor';
import { decoyHash, hashPassword, passwordProblem, verifyPassword } from './password';
import { SessionCache } from './session-cache';
import { LoginThrottle } from './throttle';
import { SESSION_HOURS, signToken, verifyToken } from './tokens';
import { SessionEntity, UserEntity } from './user.entity';

/** What the auth layer keeps for the life of the process. */
export interface AuthRuntime {
  secret: string;
  byUsername: LoginThrottle;
  byAddress: LoginThrottle;
  /** Actors of verified sessions, kept `SESSION_CACHE_SECONDS` (session-cache.ts). */
  sessions: SessionCache;
}

const SECRET_KEY = 'auth.secret';

/**
 * The signing secret: AUTH_SECRET when set (same value on every replica), otherwise one generated
 * on first start and kept in the database, so tokens survive restarts.
 */
export async function createAuthRuntime(ds: DataSource, configured: string | null, sessionCacheMs = 0): Promise<AuthRuntime> {
  let secret = configured;
  if (!secret) {
    const repo = ds.getRepository(SystemStateEntity);
    await repo
      .createQueryBuilder()
      .insert()
      .values({ key: SECRET_KEY, value: randomBytes(32).toString('base64url') })
      .orIgnore()
      .execute();
    secret = (await repo.findOneByOrFail({ key: SECRET_KEY })).value;
  }
  return {
    secret,
    // 5 failures per username and 30 per address in 15 minutes.
    byUsername: new LoginThrottle(5, 15 * 60_000),
    byAddress: new LoginThrottle(30, 15 * 60_000),
    sessions: new SessionCache(sessionCacheMs),
  };
}

interface ActorRow {
  id: number;
  username: string;
  display_name: string;
  role: Actor['role'];
  scope_unit_id: number;
  scope_path: string;
  collection_organization_id: number | null;
}

/**
 * The actor of a request from its Authorization header: null without a header; 'invalid' or
 * 'expired' for a token that cannot be used (forged, revoked, expired, user deactivated).
 */
export async function resolveActor(ds: DataSource, runtime: AuthRuntime, header: string | undefined): Promise<Actor | 'invalid' | 'expired' | null> {
  if (!header) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!m) return 'invalid';
  const claims = verifyToken(runtime.secret, m[1]);
  if (claims === null || claims === 'expired') return claims ?? 'invalid';
  const cached = runtime.sessions.get(claims.sessionId);
  if (cached) return cached;
  const rows: ActorRow[] = await ds.query(
    `SELECT u.id, u.username, u.display_name, u.role, u.scope_unit_id, o.path AS scope_path, u.collection_organization_id
       FROM user_session s JOIN app_user u ON u.id = s.user_id JOIN org_unit o ON o.id = u.scope_unit_id
      WHERE s.id = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.active`,
    [claims.sessionId],
  );
  const row = rows[0];
  if (!row) return 'invalid';
  const actor: Actor = {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    scopeUnitId: row.scope_unit_id,
    scopePath: row.scope_path,
    collectionOrganizationId: row.collection_organization_id,
    sessionId: claims.sessionId,
  };
  runtime.sessions.put(actor, claims.expiresAt);
  return actor;
}

export interface AuthResult {
  token: string;
  expiresAt: Date;
  user: UserEntity;
}

/** Ends every session of a user (deactivation, password change, role or scope change), in this process's cache too. */
export async function revokeSessions(em: EntityManager, auth: AuthRuntime, userId: number): Promise<void> {
  auth.sessions.forgetUser(userId);
  await em.update(SessionEntity, { userId, revokedAt: IsNull() }, { revokedAt: new Date() });
}

async function openSession(em: EntityManager, ctx: RequestContext, user: UserEntity): Promise<AuthResult> {
  const id = randomUUID();
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3600_000);
  await em.insert(SessionEntity, { id, userId: user.id, expiresAt, revokedAt: null, address: ctx.address.slice(0, 64) });
  return { token: signToken(ctx.auth.secret, id, expiresAt), expiresAt, user };
}

export class AuthService {
  /**
   * Logs in. A wrong password and an unknown user get the same answer in the same time; after 5
   * failures for a username (or 30 from an address) in 15 minutes, logins wait.
   */
  async login(ctx: RequestContext, usernameInput: string, password: string): Promise<AuthResult> {
    const username = (usernameInput ?? '').trim().toLowerCase();
    const userKey = `u:${username}`;
    const addressKey = `a:${ctx.address}`;
    const wait = Math.max(ctx.auth.byUsername.retryAfter(userKey), ctx.auth.byAddress.retryAfter(addressKey));
    if (wait > 0) throw new DomainError('UNAUTHENTICATED', 'auth.throttled', { minutes: Math.ceil(wait / 60) });
    const user = username ? await ctx.ds.getRepository(UserEntity).findOneBy({ username }) : null;
    const ok = user ? await verifyPassword(user.passwordHash, password ?? '') : (await verifyPassword(await decoyHash(), password ?? ''), false);
    if (!user || !ok || !user.active) {
      ctx.auth.byUsername.fail(userKey);
      ctx.auth.byAddress.fail(addressKey);
      throw new DomainError('UNAUTHENTICATED', 'auth.invalidCredentials');
    }
    ctx.auth.byUsername.reset(userKey);
    return ctx.ds.transaction(async (em) => {
      const result = await openSession(em, ctx, user);
      await recordAudit(em, { ...ctx, actor: actorOf(user, result) }, {
        action: 'session.login',
        entity: 'user',
        entityId: user.id,
        scopePath: await scopePathOf(em, user),
        after: { address: ctx.address },
      });
      return result;
    });
  }

  /** Ends the caller's session; the token stops working at once. */
  async logout(ctx: RequestContext): Promise<boolean> {
    const actor = requireActor(ctx);
    await ctx.ds.transaction(async (em) => {
      ctx.auth.sessions.forgetSession(actor.sessionId, actor.id);
      await em.update(SessionEntity, { id: actor.sessionId }, { revokedAt: new Date() });
      await recordAudit(em, ctx, { action: 'session.logout', entity: 'user', entityId: actor.id, scopePath: actor.scopePath });
    });
    return true;
  }

  /** The caller, or null without a token (a bad token is UNAUTHENTICATED). */
  async me(ctx: RequestContext): Promise<UserEntity | null> {
    if (!ctx.actor && !ctx.authProblem) return null;
    const actor = requireActor(ctx);
    return ctx.ds.getRepository(UserEntity).findOneBy({ id: actor.id });
  }

  /** Changes the caller's password: every other session ends, and a new token is returned. */
  async changePassword(ctx: RequestContext, currentPassword: string, newPassword: string): Promise<AuthResult> {
    const actor = requireActor(ctx);
    const problem = passwordProblem(newPassword ?? '', actor.username);
    if (problem) throw DomainError.badInput('newPassword', problem);
    return ctx.ds.transaction(async (em) => {
      const user = await em.getRepository(UserEntity).findOneOrFail({ where: { id: actor.id }, lock: { mode: 'pessimistic_write' } });
      if (!(await verifyPassword(user.passwordHash, currentPassword ?? ''))) throw DomainError.badInput('currentPassword', 'auth.password.wrong');
      user.passwordHash = await hashPassword(newPassword);
      user.passwordChangedAt = new Date();
      await em.save(user);
      await revokeSessions(em, ctx.auth, user.id);
      await recordAudit(em, ctx, { action: 'user.changePassword', entity: 'user', entityId: user.id, scopePath: actor.scopePath, after: { passwordChangedAt: user.passwordChangedAt.toISOString() } });
      return openSession(em, ctx, user);
    });
  }
}

function actorOf(user: UserEntity, session: AuthResult): Actor {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    scopeUnitId: user.scopeUnitId,
    scopePath: '',
    collectionOrganizationId: user.collectionOrganizationId,
    sessionId: session.token,
  };
}

export async function scopePathOf(em: EntityManager, user: Pick<UserEntity, 'scopeUnitId'>): Promise<string | null> {
  const rows: { path: string }[] = await em.query('SELECT path FROM org_unit WHERE id = $1', [user.scopeUnitId]);
  return rows[0]?.path ?? null;
}

export const authService = new AuthService();
