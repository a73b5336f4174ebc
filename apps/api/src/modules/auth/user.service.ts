import type { EntityManager } from 'typeorm';
import { DomainError, FieldErrors } from '../../common/errors';
import type { RequestContext } from '../../graphql/context';
import { likeEscape, runList, SortDirection, type ListArgs, type Page } from '../../graphql/list';
import { recordAudit } from '../audit/audit.service';
import { CollectionOrganizationEntity } from '../collection/collection-organization.entity';
import { OrgUnitEntity } from '../org/org-unit.entity';
import { parseUnitId } from '../org/org-unit.service';
import { forbidden, inScope, requireRole, type Actor } from './actor';
import { revokeSessions } from './auth.service';
import { hashPassword, passwordProblem } from './password';
import { ROLES, UserEntity, type RoleName } from './user.entity';

const USERNAME_RE = /^[a-z0-9][a-z0-9._-]{2,59}$/;

/** The level a role's scope must have (null: any). */
const SCOPE_LEVEL: Record<RoleName, string | null> = {
  ADMIN: null,
  PROVINCE_PLANNER: 'PROVINCE',
  BASE_STAFF: 'BASE',
  SUPERVISOR: null,
  COLLECTOR: null,
};

/** Roles a user manager may hand out: admins any, planners all but ADMIN. */
function grantable(actor: Actor): readonly RoleName[] {
  return actor.role === 'ADMIN' ? ROLES : ROLES.filter((r) => r !== 'ADMIN');
}

export interface CreateUserData {
  username: string;
  displayName: string;
  password: string;
  role: RoleName;
  scopeUnitId: string;
  collectionOrganizationId?: string | null;
}

export interface UpdateUserData {
  displayName?: string | null;
  role?: RoleName | null;
  scopeUnitId?: string | null;
  collectionOrganizationId?: string | null;
  active?: boolean | null;
}

export interface UserFilterInput {
  q?: string | null;
  role?: RoleName | null;
  active?: boolean | null;
  withinId?: string | null;
}

const MANAGERS: readonly RoleName[] = ['ADMIN', 'PROVINCE_PLANNER'];

function snapshot(u: UserEntity) {
  return {
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    scopeUnitId: u.scopeUnitId,
    collectionOrganizationId: u.collectionOrganizationId,
    active: u.active,
  };
}

async function loadScope(em: EntityManager, actor: Actor, id: string, field: string, role: RoleName): Promise<OrgUnitEntity> {
  const unit = await em.getRepository(OrgUnitEntity).findOneBy({ id: parseUnitId(id, field) });
  if (!unit) throw DomainError.badInput(field, 'org.parent.notFound', { id });
  if (!inScope(actor, unit.path)) throw DomainError.badInput(field, 'user.scope.outside');
  if (unit.validTo !== null) throw DomainError.badInput(field, 'org.closed', { name: unit.name, date: unit.validTo });
  const level = SCOPE_LEVEL[role];
  if (level && unit.level !== level) throw DomainError.badInput(field, 'user.scope.level', { role, level });
  return unit;
}

async function checkCollectionOrganization(em: EntityManager, role: RoleName, id: string | null | undefined): Promise<number | null> {
  if (role !== 'COLLECTOR') {
    if (id) throw DomainError.badInput('collectionOrganizationId', 'user.collector.onlyCollector');
    return null;
  }
  if (!id) throw DomainError.badInput('collectionOrganizationId', 'user.collector.required');
  const org = await em.getRepository(CollectionOrganizationEntity).findOneBy({ id: parseUnitId(id, 'collectionOrganizationId') });
  if (!org) throw DomainError.badInput('collectionOrganizationId', 'user.collector.unknown', { id });
  return org.id;
}

/** Accounts: admins manage all; planners manage the non-admin accounts of their province. */
export class UserService {
  async get(ctx: RequestContext, id: string): Promise<UserEntity | null> {
    const actor = requireRole(ctx, MANAGERS);
    const user = await ctx.ds.getRepository(UserEntity).findOneBy({ id: parseUnitId(id, 'id') });
    if (!user) return null;
    const scope = await ctx.loaders.unitById.load(user.scopeUnitId);
    if (!scope || !inScope(actor, scope.path)) throw forbidden();
    return user;
  }

  async list(ctx: RequestContext, filter: UserFilterInput | null | undefined, args: ListArgs): Promise<Page<UserEntity>> {
    const actor = requireRole(ctx, MANAGERS);
    const f = filter ?? {};
    const qb = ctx.ds
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .innerJoin(OrgUnitEntity, 's', 's.id = u.scope_unit_id')
      .where('s.path LIKE :scope', { scope: `${actor.scopePath}%` });
    if (f.q) qb.andWhere('(u.username ILIKE :q OR u.display_name ILIKE :q)', { q: `%${likeEscape(f.q.trim())}%` });
    if (f.role) qb.andWhere('u.role = :role', { role: f.role });
    if (f.active != null) qb.andWhere('u.active = :active', { active: f.active });
    if (f.withinId) {
      const within = await ctx.loaders.unitById.load(parseUnitId(f.withinId, 'filter.withinId'));
      qb.andWhere('s.path LIKE :within', { within: `${within?.path ?? '/none/'}%` });
    }
    return runList(qb, args, { username: 'u.username', displayName: 'u.displayName', role: 'u.role' }, [{ field: 'username', direction: SortDirection.ASC }], 'u.id');
  }

  async create(ctx: RequestContext, input: CreateUserData): Promise<UserEntity> {
    const actor = requireRole(ctx, MANAGERS);
    const errors = new FieldErrors();
    const username = (input.username ?? '').trim().toLowerCase();
    if (!USERNAME_RE.test(username)) errors.add('username', 'user.username.invalid');
    const displayName = (input.displayName ?? '').replace(/\s+/g, ' ').trim();
    if (!displayName) errors.add('displayName', 'common.required');
    else if (displayName.length > 120) errors.add('displayName', 'common.tooLong', { max: 120 });
    const weak = passwordProblem(input.password ?? '', username);
    if (weak) errors.add('password', weak);
    if (!grantable(actor).includes(input.role)) errors.add('role', 'user.role.notGrantable');
    errors.throwIfAny();
    return ctx.ds.transaction(async (em) => {
      const scope = await loadScope(em, actor, input.scopeUnitId, 'scopeUnitId', input.role);
      const collectionOrganizationId = await checkCollectionOrganization(em, input.role, input.collectionOrganizationId);
      if (await em.getRepository(UserEntity).existsBy({ username })) throw DomainError.badInput('username', 'user.username.taken', { username });
      const { identifiers } = await em.insert(UserEntity, {
        username,
        displayName,
        passwordHash: await hashPassword(input.password),
        role: input.role,
        scopeUnitId: scope.id,
        collectionOrganizationId,
        active: true,
      });
      const user = await em.getRepository(UserEntity).findOneByOrFail({ id: identifiers[0].id as number });
      await recordAudit(em, ctx, { action: 'user.create', entity: 'user', entityId: user.id, scopePath: scope.path, before: null, after: snapshot(user) });
      return user;
    });
  }

  /** Edits an account; deactivating it, or changing its role or scope, ends its sessions. */
  async update(ctx: RequestContext, id: string, input: UpdateUserData): Promise<UserEntity> {
    const actor = requireRole(ctx, MANAGERS);
    return ctx.ds.transaction(async (em) => {
      const user = await this.lockManaged(em, actor, id);
      const before = snapshot(user);
      if (input.displayName != null) {
        const displayName = input.displayName.replace(/\s+/g, ' ').trim();
        if (!displayName) throw DomainError.badInput('displayName', 'common.required');
        user.displayName = displayName;
      }
      const role = input.role ?? user.role;
      if (input.role != null && !grantable(actor).includes(input.role)) throw DomainError.badInput('role', 'user.role.notGrantable');
      if (input.scopeUnitId != null || input.role != null) {
        const scope = await loadScope(em, actor, input.scopeUnitId ?? String(user.scopeUnitId), 'scopeUnitId', role);
        user.scopeUnitId = scope.id;
      }
      user.role = role;
      if (input.collectionOrganizationId !== undefined || input.role != null) {
        user.collectionOrganizationId = await checkCollectionOrganization(
          em,
          role,
          input.collectionOrganizationId !== undefined ? input.collectionOrganizationId : user.collectionOrganizationId === null ? null : String(user.collectionOrganizationId),
        );
      }
      if (input.active != null) {
        if (input.active === false && user.id === actor.id) throw DomainError.badInput('active', 'user.active.self');
        user.active = input.active;
      }
      const saved = await em.save(user);
      const after = snapshot(saved);
      if (!after.active || after.role !== before.role || after.scopeUnitId !== before.scopeUnitId) await revokeSessions(em, ctx.auth, user.id);
      // Sessions that go on (a new name or collection organization) are read afresh by this process.
      else ctx.auth.sessions.forgetUser(user.id);
      const scope = await em.getRepository(OrgUnitEntity).findOneByOrFail({ id: saved.scopeUnitId });
      await recordAudit(em, ctx, { action: 'user.update', entity: 'user', entityId: user.id, scopePath: scope.path, before, after });
      return saved;
    });
  }

  /** Sets a new password for someone who lost theirs; their sessions end. */
  async resetPassword(ctx: RequestContext, id: string, newPassword: string): Promise<UserEntity> {
    const actor = requireRole(ctx, MANAGERS);
    return ctx.ds.transaction(async (em) => {
      const user = await this.lockManaged(em, actor, id);
      const weak = passwordProblem(newPassword ?? '', user.username);
      if (weak) throw DomainError.badInput('newPassword', weak);
      user.passwordHash = await hashPassword(newPassword);
      user.passwordChangedAt = new Date();
      const saved = await em.save(user);
      await revokeSessions(em, ctx.auth, user.id);
      const scope = await em.getRepository(OrgUnitEntity).findOneByOrFail({ id: saved.scopeUnitId });
      await recordAudit(em, ctx, { action: 'user.resetPassword', entity: 'user', entityId: user.id, scopePath: scope.path, after: { passwordChangedAt: saved.passwordChangedAt.toISOString() } });
      return saved;
    });
  }

  /** The account, locked, if the actor may manage it (in scope; planners never manage admins). */
  private async lockManaged(em: EntityManager, actor: Actor, id: string): Promise<UserEntity> {
    const user = await em.getRepository(UserEntity).findOne({ where: { id: parseUnitId(id, 'id') }, lock: { mode: 'pessimistic_write' } });
    if (!user) throw DomainError.notFound('user', id);
    const scope = await em.getRepository(OrgUnitEntity).findOneByOrFail({ id: user.scopeUnitId });
    if (!inScope(actor, scope.path) || !grantable(actor).includes(user.role)) throw forbidden();
    return user;
  }
}

export const userService = new UserService();
