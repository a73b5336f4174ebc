import type { EntityManager } from 'typeorm';
import { DomainError } from '../../common/errors';
import type { RequestContext } from '../../graphql/context';
import { runList, SortDirection, type ListArgs, type Page } from '../../graphql/list';
import { requireRole } from '../auth/actor';
import { parseUnitId } from '../org/org-unit.service';
import { OrgUnitEntity } from '../org/org-unit.entity';
import { AuditEventEntity } from './audit-event.entity';

type Values = Record<string, unknown> | null | undefined;

export interface AuditInput {
  action: string;
  entity: string;
  entityId: string | number;
  /** Path of the org unit the change belongs to (the unit itself, a user's scope …). */
  scopePath: string | null;
  before?: Values;
  after?: Values;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields whose values differ between before and after. */
export function diff(before: Values, after: Values): Record<string, { before: unknown; after: unknown }> {
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const key of new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])) {
    const b = before?.[key] ?? null;
    const a = after?.[key] ?? null;
    if (!same(a, b)) changes[key] = { before: b, after: a };
  }
  return changes;
}

/**
 * Writes the audit event of a change, in the transaction of the change itself: no change without
 * its event, no event of a change rolled back.
 */
export async function recordAudit(em: EntityManager, ctx: RequestContext, input: AuditInput): Promise<void> {
  await em.insert(AuditEventEntity, {
    actorId: ctx.actor?.id ?? null,
    actorUsername: ctx.actor?.username ?? 'system',
    requestId: ctx.requestId,
    action: input.action,
    entity: input.entity,
    entityId: String(input.entityId),
    scopePath: input.scopePath,
    changes: diff(input.before, input.after) as never,
  });
}

export interface AuditFilterInput {
  entity?: string | null;
  entityId?: string | null;
  actorId?: string | null;
  action?: string | null;
  withinId?: string | null;
  from?: string | null;
  to?: string | null;
}

export class AuditService {
  /** Audit events, newest first: admins see all, planners those of their scope. */
  async list(ctx: RequestContext, filter: AuditFilterInput | null | undefined, args: ListArgs): Promise<Page<AuditEventEntity>> {
    const actor = requireRole(ctx, ['ADMIN', 'PROVINCE_PLANNER']);
    const f = filter ?? {};
    const qb = ctx.ds.getRepository(AuditEventEntity).createQueryBuilder('e');
    if (actor.role !== 'ADMIN') qb.andWhere('e.scope_path LIKE :scope', { scope: `${actor.scopePath}%` });
    if (f.entity) qb.andWhere('e.entity = :entity', { entity: f.entity });
    if (f.entityId) qb.andWhere('e.entity_id = :entityId', { entityId: f.entityId });
    if (f.action) qb.andWhere('e.action = :action', { action: f.action });
    if (f.actorId) qb.andWhere('e.actor_id = :actorId', { actorId: parseUnitId(f.actorId, 'filter.actorId') });
    if (f.from) qb.andWhere(`e.at >= CAST(CAST(:from AS date) AS timestamp) AT TIME ZONE 'Asia/Ho_Chi_Minh'`, { from: f.from });
    if (f.to) qb.andWhere(`e.at < CAST(CAST(:to AS date) + 1 AS timestamp) AT TIME ZONE 'Asia/Ho_Chi_Minh'`, { to: f.to });
    if (f.withinId) {
      const unit = await ctx.ds.getRepository(OrgUnitEntity).findOneBy({ id: parseUnitId(f.withinId, 'filter.withinId') });
      if (!unit) throw DomainError.badInput('filter.withinId', 'org.parent.notFound', { id: f.withinId });
      qb.andWhere('e.scope_path LIKE :within', { within: `${unit.path}%` });
    }
    return runList(qb, args, { at: 'e.at', action: 'e.action', entity: 'e.entity' }, [{ field: 'at', direction: SortDirection.DESC }], 'e.id');
  }
}

export const auditService = new AuditService();
