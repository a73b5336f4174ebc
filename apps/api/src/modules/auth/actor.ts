import { DomainError } from '../../common/errors';
import type { RequestContext } from '../../graphql/context';
import type { RoleName } from './user.entity';

/** Who is asking: the user behind a valid session token. */
export interface Actor {
  id: number;
  username: string;
  displayName: string;
  role: RoleName;
  scopeUnitId: number;
  /** Materialized path of the scope unit: the actor sees and changes units whose path starts with it. */
  scopePath: string;
  collectionOrganizationId: number | null;
  sessionId: string;
}

/** The caller, or UNAUTHENTICATED when there is no valid session. */
export function requireActor(ctx: RequestContext): Actor {
  if (ctx.actor) return ctx.actor;
  if (ctx.authProblem === 'expired') throw new DomainError('UNAUTHENTICATED', 'auth.expired');
  throw new DomainError('UNAUTHENTICATED', ctx.authProblem === 'invalid' ? 'auth.invalidToken' : 'auth.required');
}

/** The caller if it has one of `roles`, else FORBIDDEN. */
export function requireRole(ctx: RequestContext, roles: readonly RoleName[]): Actor {
  const actor = requireActor(ctx);
  if (!roles.includes(actor.role)) throw forbidden();
  return actor;
}

export function forbidden(): DomainError {
  return new DomainError('FORBIDDEN', 'auth.forbidden');
}

/** True when a unit (by its path) is in the actor's subtree. */
export function inScope(actor: Actor, path: string): boolean {
  return path.startsWith(actor.scopePath);
}

/** FORBIDDEN unless the unit (by its path) is in the actor's subtree. */
export function requireInScope(actor: Actor, path: string): void {
  if (!inScope(actor, path)) throw forbidden();
}

/** In the subtree, or one of the scope's ancestors (shown so a user can place its scope in the tree). */
export function canSeeUnit(actor: Actor, path: string): boolean {
  return inScope(actor, path) || actor.scopePath.startsWith(path);
}

export const WRITERS_OF_UNITS: readonly RoleName[] = ['ADMIN', 'PROVINCE_PLANNER', 'BASE_STAFF'];
