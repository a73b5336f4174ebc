import DataLoader from 'dataloader';
import { QueryFailedError, type EntityManager } from 'typeorm';
import {
  achievementPct,
  allocateTarget,
  AllocationError,
  linearForecast,
  paceOf,
  pointsChange,
  shortfall,
  yearShareElapsed,
  type AllocationMethod,
  type LocalDate,
  type Scheme,
  type TargetMetric,
} from '@bao-phu/domain';
import { DomainError, FieldErrors } from '../../common/errors';
import type { RequestContext } from '../../graphql/context';
import { runList, SortDirection, type ListArgs, type Page } from '../../graphql/list';
import { requestLoader } from '../../graphql/row-loaders';
import { recordAudit } from '../audit/audit.service';
import { forbidden, inScope, requireRole, type Actor } from '../auth/actor';
import type { RoleName } from '../auth/user.entity';
import { OrgUnitEntity } from '../org/org-unit.entity';
import { parseUnitId } from '../org/org-unit.service';
import { newParticipantsBetween, participantsAt, potentialOf, statisticsFor, type UnitRef } from './metrics';
import { TargetEntity, TargetRevisionEntity, type TargetAction } from './target.entity';
import type { AllocateTargetInput, SetTargetInput, TargetFilter } from './target.types';

export const TARGET_READERS: readonly RoleName[] = ['ADMIN', 'PROVINCE_PLANNER', 'BASE_STAFF', 'SUPERVISOR'];
export const TARGET_WRITERS: readonly RoleName[] = ['ADMIN', 'PROVINCE_PLANNER', 'BASE_STAFF'];
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

/**
 * Who sets the target of a unit of a level: planners the province's and its base offices', base
 * staff their communes' and hamlets'; administrators any. Always within the caller's scope.
 */
export function mayWriteTargetOf(actor: Actor, unit: Pick<OrgUnitEntity, 'path' | 'level'>): boolean {
  if (!inScope(actor, unit.path)) return false;
  switch (actor.role) {
    case 'ADMIN':
      return true;
    case 'PROVINCE_PLANNER':
      return unit.level === 'PROVINCE' || unit.level === 'BASE';
    case 'BASE_STAFF':
      return unit.level === 'COMMUNE' || unit.level === 'HAMLET';
    default:
      return false;
  }
}

export interface TargetKey {
  unitId: number;
  year: number;
  quarter: number | null;
  month: number | null;
  scheme: Scheme;
  metric: TargetMetric;
}

interface Period {
  year: number;
  quarter: number | null;
  month: number | null;
}

/** Checks a year and an optional quarter or month; the problems go to `errors`. */
export function checkPeriod(input: { year: number; quarter?: number | null; month?: number | null }, errors: FieldErrors): Period {
  const quarter = input.quarter ?? null;
  const month = input.month ?? null;
  if (!Number.isInteger(input.year) || input.year < MIN_YEAR || input.year > MAX_YEAR) errors.add('year', 'target.year.range', { min: MIN_YEAR, max: MAX_YEAR });
  if (quarter !== null && (!Number.isInteger(quarter) || quarter < 1 || quarter > 4)) errors.add('quarter', 'target.quarter.range');
  if (month !== null && (!Number.isInteger(month) || month < 1 || month > 12)) errors.add('month', 'target.month.range');
  if (quarter !== null && month !== null) errors.add('month', 'target.period.both');
  return { year: input.year, quarter, month };
}


async function lockTarget(em: EntityManager, key: TargetKey): Promise<TargetEntity | null> {
  return em
    .getRepository(TargetEntity)
    .createQueryBuilder('t')
    .setLock('pessimistic_write')
    .where('t.unit_id = :unitId AND t.year = :year AND t.scheme = :scheme AND t.metric = :metric', key)
    .andWhere('COALESCE(t.quarter, 0) = :quarter AND COALESCE(t.month, 0) = :month', { quarter: key.quarter ?? 0, month: key.month ?? 0 })
    .getOne();
}

/**
 * Writes one target value inside the caller's transaction: creates it (revision 1) or changes it
 * (revision + 1, back to DRAFT; a change of a published target is marked supplementary), and keeps
 * the revision and the audit event. An unchanged value writes nothing. `expectedVersion` (0 = "I
 * saw no target") guards against overwriting someone else's save: CONFLICT.
 */
export async function writeTarget(
  em: EntityManager,
  ctx: RequestContext,
  actor: Actor,
  unit: Pick<OrgUnitEntity, 'id' | 'path'>,
  key: TargetKey,
  value: number,
  action: TargetAction,
  opts: { expectedVersion?: number | null; note?: string | null } = {},
): Promise<TargetEntity> {
  const existing = await lockTarget(em, key);
  const expected = opts.expectedVersion ?? null;
  if (expected !== null && (existing?.version ?? 0) !== expected) throw new DomainError('CONFLICT', 'target.conflict');
  const repo = em.getRepository(TargetEntity);
  let target: TargetEntity;
  let supplementary = false;
  if (existing) {
    if (existing.value === value) return existing;
    supplementary = existing.status === 'PUBLISHED';
    await repo.update({ id: existing.id }, { value, status: 'DRAFT', revision: existing.revision + 1, updatedBy: actor.id });
    target = await repo.findOneByOrFail({ id: existing.id });
  } else {
    const { identifiers } = await repo.insert({ ...key, value, status: 'DRAFT', revision: 1, updatedBy: actor.id, publishedAt: null });
    target = await repo.findOneByOrFail({ id: identifiers[0].id as number });
  }
  await em.insert(TargetRevisionEntity, {
    targetId: target.id,
    revision: target.revision,
    value,
    previousValue: existing?.value ?? null,
    status: 'DRAFT',
    action,
    supplementary,
    note: opts.note?.trim().slice(0, 500) || null,
    changedBy: actor.id,
  });
  await recordAudit(em, ctx, {
    action: `target.${action.toLowerCase()}`,
    entity: 'target',
    entityId: target.id,
    scopePath: unit.path,
    before: existing ? { value: existing.value, status: existing.status } : null,
    after: { value, status: 'DRAFT', revision: target.revision },
  });
  return target;
}

/** Unique index races (two first saves of the same target at once) are conflicts, not crashes. */
function asConflict(err: unknown): never {
  if (err instanceof QueryFailedError && (err.driverError as { constraint?: string }).constraint === 'uq_target_period') {
    throw new DomainError('CONFLICT', 'target.conflict');
  }
  throw err;
}

async function loadUnit(ctx: RequestContext, id: string, field: string): Promise<OrgUnitEntity> {
  const unit = await ctx.loaders.unitById.load(parseUnitId(id, field));
  if (!unit) throw DomainError.notFound('OrgUnit', id);
  return unit;
}

/** The level targets are handed down to from a level: province → base office → commune → hamlet. */
const TARGET_CHILD_LEVEL: Partial<Record<string, string>> = { COUNTRY: 'PROVINCE', PROVINCE: 'BASE', BASE: 'COMMUNE', COMMUNE: 'HAMLET' };

/**
 * The open children of a unit, by code; with `targetLevel`, only those of the level targets are
 * handed down to (a commune not yet assigned to a base office sits under its province, but a
 * province's target goes to its base offices).
 */
async function openChildren(em: EntityManager, parent: Pick<OrgUnitEntity, 'id' | 'level'>, targetLevel = false): Promise<OrgUnitEntity[]> {
  const qb = em.getRepository(OrgUnitEntity).createQueryBuilder('u').where('u.parent_id = :parentId AND u.valid_to IS NULL', { parentId: parent.id });
  if (targetLevel) qb.andWhere('u.level = :level', { level: TARGET_CHILD_LEVEL[parent.level] ?? '-' });
  return qb.orderBy('u.code', 'ASC').addOrderBy('u.id', 'ASC').getMany();
}

function targetsOf(em: EntityManager, unitIds: number[], period: Period, scheme: Scheme, metric: TargetMetric): Promise<TargetEntity[]> {
  if (!unitIds.length) return Promise.resolve([]);
  return em
    .getRepository(TargetEntity)
    .createQueryBuilder('t')
    .where('t.unit_id IN (:...unitIds) AND t.year = :year AND t.scheme = :scheme AND t.metric = :metric', { unitIds, year: period.year, scheme, metric })
    .andWhere('COALESCE(t.quarter, 0) = :quarter AND COALESCE(t.month, 0) = :month', { quarter: period.quarter ?? 0, month: period.month ?? 0 })
    .getMany();
}

/** The last day of a period, and its first. */
function periodBounds(p: Period): { from: LocalDate; to: LocalDate } {
  const pad = (n: number) => String(n).padStart(2, '0');
  const first = p.month ?? (p.quarter ? (p.quarter - 1) * 3 + 1 : 1);
  const last = p.month ?? (p.quarter ? p.quarter * 3 : 12);
  const lastDay = new Date(Date.UTC(p.year, last, 0)).getUTCDate();
  return { from: `${p.year}-${pad(first)}-01`, to: `${p.year}-${pad(last)}-${pad(lastDay)}` };
}

/** Targets: set, allocated down the tree, published; with the figures an allocation and a board need. */
export class TargetService {
  async list(ctx: RequestContext, filter: TargetFilter | null | undefined, args: ListArgs): Promise<Page<TargetEntity>> {
    const actor = requireRole(ctx, TARGET_READERS);
    const f = filter ?? {};
    const qb = ctx.ds.getRepository(TargetEntity).createQueryBuilder('t').innerJoin(OrgUnitEntity, 'u', 'u.id = t.unit_id').where('u.path LIKE :scope', { scope: `${actor.scopePath}%` });
    if (f.unitId) qb.andWhere('t.unit_id = :unitId', { unitId: parseUnitId(f.unitId, 'filter.unitId') });
    if (f.parentId) qb.andWhere('u.parent_id = :parentId', { parentId: parseUnitId(f.parentId, 'filter.parentId') });
    if (f.withinId) {
      const within = await loadUnit(ctx, f.withinId, 'filter.withinId');
      qb.andWhere('u.path LIKE :within', { within: `${within.path}%` });
    }
    if (f.level) qb.andWhere('u.level = :level', { level: f.level });
    if (f.year != null) qb.andWhere('t.year = :year', { year: f.year });
    if (f.scheme) qb.andWhere('t.scheme = :scheme', { scheme: f.scheme });
    if (f.metric) qb.andWhere('t.metric = :metric', { metric: f.metric });
    if (f.status) qb.andWhere('t.status = :status', { status: f.status });
    if (f.yearly) qb.andWhere('t.quarter IS NULL AND t.month IS NULL');
    return runList(
      qb,
      args,
      { year: 't.year', value: 't.value', status: 't.status', updatedAt: 't.updated_at', unitCode: 'u.code', unitName: 'u.name' },
      [
        { field: 'year', direction: SortDirection.DESC },
        { field: 'unitCode', direction: SortDirection.ASC },
      ],
      't.id',
    );
  }

  async get(ctx: RequestContext, id: string): Promise<TargetEntity | null> {
    const actor = requireRole(ctx, TARGET_READERS);
    const target = await ctx.ds.getRepository(TargetEntity).findOneBy({ id: parseUnitId(id, 'id') });
    if (!target) return null;
    const unit = await ctx.loaders.unitById.load(target.unitId);
    if (!unit || !inScope(actor, unit.path)) throw forbidden();
    return target;
  }

  /** Every change of a target, newest first, with who made it (a page of targets reads theirs in one statement). */
  async history(ctx: RequestContext, target: TargetEntity): Promise<(TargetRevisionEntity & { changedByName: string | null })[]> {
    requireRole(ctx, TARGET_READERS);
    type Revision = TargetRevisionEntity & { changedByName: string | null };
    const loader = requestLoader(ctx, 'target.history', () =>
      new DataLoader<number, Revision[]>(async (ids) => {
        const rows: Revision[] = await ctx.ds
          .getRepository(TargetRevisionEntity)
          .createQueryBuilder('r')
          .leftJoin('app_user', 'a', 'a.id = r.changed_by')
          .addSelect('a.display_name', 'changed_by_name')
          .where('r.target_id IN (:...ids)', { ids: [...ids] })
          .orderBy('r.id', 'DESC')
          .getRawAndEntities()
          .then(({ entities, raw }) => entities.map((e, i) => Object.assign(e, { changedByName: (raw[i] as { changed_by_name: string | null }).changed_by_name })));
        const byTarget = new Map<number, Revision[]>(ids.map((id) => [id, []]));
        for (const r of rows) byTarget.get(r.targetId)?.push(r);
        return ids.map((id) => byTarget.get(id)!);
      }),
    );
    return loader.load(target.id);
  }

  /** Checks one input: the unit (open, in scope, of a level the caller sets), value and period. */
  private async checkSet(ctx: RequestContext, actor: Actor, input: SetTargetInput, prefix = ''): Promise<{ unit: OrgUnitEntity; key: TargetKey }> {
    const errors = new FieldErrors();
    const unit = await loadUnit(ctx, input.unitId, `${prefix}unitId`);
    if (!Number.isSafeInteger(input.value) || input.value < 0) errors.add(`${prefix}value`, 'target.value.negative');
    const period = checkPeriod(input, errors);
    if (unit.validTo !== null) errors.add(`${prefix}unitId`, 'target.unit.closed', { name: unit.name, date: unit.validTo });
    if (unit.level === 'COUNTRY') errors.add(`${prefix}unitId`, 'target.unit.country');
    errors.throwIfAny();
    if (!mayWriteTargetOf(actor, unit)) throw forbidden();
    return { unit, key: { unitId: unit.id, ...period, scheme: input.scheme, metric: input.metric } };
  }

  async set(ctx: RequestContext, input: SetTargetInput): Promise<TargetEntity> {
    const [target] = await this.setMany(ctx, [input], '');
    return target;
  }

  /** Several targets in one transaction (the allocation sheet's save): all are saved or none. */
  async setMany(ctx: RequestContext, inputs: SetTargetInput[], prefix = 'inputs'): Promise<TargetEntity[]> {
    const actor = requireRole(ctx, TARGET_WRITERS);
    if (inputs.length > 500) throw DomainError.badInput(prefix || 'inputs', 'target.tooMany', { max: 500 });
    const checked: { unit: OrgUnitEntity; key: TargetKey }[] = [];
    for (const [i, input] of inputs.entries()) checked.push(await this.checkSet(ctx, actor, input, prefix ? `${prefix}.${i}.` : ''));
    const seen = new Set<string>();
    for (const [i, { key }] of checked.entries()) {
      const k = JSON.stringify(key);
      if (seen.has(k)) throw DomainError.badInput(prefix ? `${prefix}.${i}.unitId` : 'unitId', 'target.repeated');
      seen.add(k);
    }
    try {
      return await ctx.ds.transaction(async (em) => {
        const out: TargetEntity[] = [];
        for (const [i, { unit, key }] of checked.entries()) {
          out.push(await writeTarget(em, ctx, actor, unit, key, inputs[i].value, 'SET', { expectedVersion: inputs[i].expectedVersion, note: inputs[i].note }));
        }
        return out;
      });
    } catch (err) {
      asConflict(err);
    }
  }

  /** The parent's target, refused when missing or, for someone who cannot set it, not yet published. */
  private async parentTarget(em: EntityManager, actor: Actor, parent: OrgUnitEntity, period: Period, scheme: Scheme, metric: TargetMetric): Promise<TargetEntity> {
    const [target] = await targetsOf(em, [parent.id], period, scheme, metric);
    if (!target) throw DomainError.badInput('parentUnitId', 'target.parent.none', { name: parent.name, year: period.year });
    if (target.status === 'DRAFT' && !mayWriteTargetOf(actor, parent)) throw DomainError.badInput('parentUnitId', 'target.parent.notPublished', { name: parent.name });
    return target;
  }

  /** The children the caller may allocate to: open, of a level it sets; FORBIDDEN otherwise. */
  private async allocatableChildren(em: EntityManager, actor: Actor, parent: OrgUnitEntity): Promise<OrgUnitEntity[]> {
    if (!inScope(actor, parent.path) && !actor.scopePath.startsWith(parent.path)) throw forbidden();
    const children = await openChildren(em, parent, true);
    if (!children.length) throw DomainError.badInput('parentUnitId', 'target.children.none', { name: parent.name });
    if (!children.every((c) => mayWriteTargetOf(actor, c))) throw forbidden();
    return children;
  }

  /**
   * Splits the parent's target over its open children with the chosen method and saves the shares
   * as drafts (the user edits them, then publishes). They sum exactly to the parent's target.
   */
  async allocate(ctx: RequestContext, input: AllocateTargetInput): Promise<TargetEntity[]> {
    const actor = requireRole(ctx, TARGET_WRITERS);
    const errors = new FieldErrors();
    const period = checkPeriod(input, errors);
    errors.throwIfAny();
    const parent = await loadUnit(ctx, input.parentUnitId, 'parentUnitId');
    if (parent.validTo !== null) throw DomainError.badInput('parentUnitId', 'target.unit.closed', { name: parent.name, date: parent.validTo });
    try {
      return await ctx.ds.transaction(async (em) => {
        const children = await this.allocatableChildren(em, actor, parent);
        const total = await this.parentTarget(em, actor, parent, period, input.scheme, input.metric);
        const weights = await this.weights(em, children, period, input.scheme, input.metric, input.method);
        if (input.method !== 'EQUAL' && weights.every((w) => w === 0)) {
          throw DomainError.badInput('method', input.method === 'PROPORTIONAL_POTENTIAL' ? 'target.allocate.noPotential' : 'target.allocate.noLastYear', { year: period.year - 1 });
        }
        let shares;
        try {
          shares = allocateTarget(total.value, children.map((c, i) => ({ id: String(c.id), weight: weights[i] })), input.method as AllocationMethod);
        } catch (err) {
          if (err instanceof AllocationError) throw DomainError.badInput('method', 'target.allocate.invalid', { reason: err.message });
          throw err;
        }
        const out: TargetEntity[] = [];
        for (const [i, child] of children.entries()) {
          const key = { unitId: child.id, ...period, scheme: input.scheme, metric: input.metric };
          out.push(await writeTarget(em, ctx, actor, child, key, shares[i].value, 'ALLOCATE', { note: input.method }));
        }
        return out;
      });
    } catch (err) {
      asConflict(err);
    }
  }

  /** What each child weighs for a method: last year's result or its potential (1 each for EQUAL). */
  private async weights(em: EntityManager, children: OrgUnitEntity[], period: Period, scheme: Scheme, metric: TargetMetric, method: AllocationMethod): Promise<number[]> {
    if (method === 'EQUAL') return children.map(() => 1);
    if (method === 'PROPORTIONAL_LAST_YEAR') {
      const last = await this.lastYearActuals(em, children, period.year, scheme, metric);
      return children.map((c) => last.get(c.id) ?? 0);
    }
    const potential = await this.potentials(em, children, period.year, scheme);
    return children.map((c) => potential.get(c.id) ?? 0);
  }

  private lastYearActuals(em: EntityManager, units: UnitRef[], year: number, scheme: Scheme, metric: TargetMetric): Promise<Map<number, number>> {
    return metric === 'PARTICIPANTS'
      ? participantsAt(em, units, scheme, `${year - 1}-12-31`)
      : newParticipantsBetween(em, units, scheme, `${year - 1}-01-01`, `${year - 1}-12-31`);
  }

  /** People not yet covered at the start of the year, from the latest statistics up to that year. */
  private async potentials(em: EntityManager, units: UnitRef[], year: number, scheme: Scheme): Promise<Map<number, number | null>> {
    const [stats, covered] = await Promise.all([statisticsFor(em, units, year), participantsAt(em, units, scheme, `${year - 1}-12-31`)]);
    return new Map(units.map((u) => [u.id, potentialOf(scheme, stats.get(u.id)!, covered.get(u.id) ?? 0)]));
  }

  /**
   * Publishes the children's drafts (and the parent's own draft when the caller sets it), once the
   * children's targets sum to at least the parent's; otherwise says by how much they fall short.
   */
  async publish(ctx: RequestContext, parentUnitId: string, input: { year: number; scheme: Scheme; metric: TargetMetric; quarter?: number | null; month?: number | null }): Promise<TargetEntity[]> {
    const actor = requireRole(ctx, TARGET_WRITERS);
    const errors = new FieldErrors();
    const period = checkPeriod(input, errors);
    errors.throwIfAny();
    const parent = await loadUnit(ctx, parentUnitId, 'parentUnitId');
    return ctx.ds.transaction(async (em) => {
      const children = await this.allocatableChildren(em, actor, parent);
      const total = await this.parentTarget(em, actor, parent, period, input.scheme, input.metric);
      const targets = await targetsOf(em, children.map((c) => c.id), period, input.scheme, input.metric);
      const missing = shortfall(total.value, targets.map((t) => t.value));
      if (missing > 0) {
        const sum = targets.reduce((n, t) => n + t.value, 0);
        throw DomainError.badInput('parentUnitId', 'target.publish.shortfall', { shortfall: missing, sum, target: total.value, name: parent.name });
      }
      const toPublish = targets.filter((t) => t.status === 'DRAFT');
      if (total.status === 'DRAFT') toPublish.push(total);
      const byId = new Map([...children, parent].map((u) => [u.id, u]));
      for (const t of toPublish) {
        await em.getRepository(TargetEntity).update({ id: t.id }, { status: 'PUBLISHED', publishedAt: new Date(), updatedBy: actor.id });
        await em.insert(TargetRevisionEntity, { targetId: t.id, revision: t.revision, value: t.value, previousValue: t.value, status: 'PUBLISHED', action: 'PUBLISH', supplementary: false, note: null, changedBy: actor.id });
        await recordAudit(em, ctx, { action: 'target.publish', entity: 'target', entityId: t.id, scopePath: byId.get(t.unitId)!.path, before: { status: 'DRAFT' }, after: { status: 'PUBLISHED', value: t.value } });
      }
      const ids = targets.map((t) => t.id);
      const saved = await em.getRepository(TargetEntity).createQueryBuilder('t').where('t.id IN (:...ids)', { ids: ids.length ? ids : [0] }).getMany();
      const order = new Map(children.map((c, i) => [c.id, i]));
      return saved.sort((a, b) => order.get(a.unitId)! - order.get(b.unitId)!);
    });
  }

  /** The allocation sheet: the parent's target and, per open child, what the methods weigh. */
  async sheet(ctx: RequestContext, parentUnitId: string, input: { year: number; scheme: Scheme; metric: TargetMetric; quarter?: number | null; month?: number | null }) {
    const actor = requireRole(ctx, TARGET_READERS);
    const errors = new FieldErrors();
    const period = checkPeriod(input, errors);
    errors.throwIfAny();
    const parent = await loadUnit(ctx, parentUnitId, 'parentUnitId');
    if (!inScope(actor, parent.path)) throw forbidden();
    const em = ctx.ds.manager;
    const children = await openChildren(em, parent, true);
    const [targets, last, potential, now] = await Promise.all([
      targetsOf(em, [parent.id, ...children.map((c) => c.id)], period, input.scheme, input.metric),
      this.lastYearActuals(em, children, period.year, input.scheme, input.metric),
      this.potentials(em, children, period.year, input.scheme),
      participantsAt(em, children, input.scheme, ctx.today),
    ]);
    const byUnit = new Map(targets.map((t) => [t.unitId, t]));
    const parentTarget = byUnit.get(parent.id) ?? null;
    const childTargets = children.map((c) => byUnit.get(c.id)?.value ?? 0);
    return {
      parent,
      parentTarget,
      year: period.year,
      scheme: input.scheme,
      metric: input.metric,
      children: children.map((c) => ({ unit: c, target: byUnit.get(c.id) ?? null, lastYearActual: last.get(c.id) ?? 0, potential: potential.get(c.id) ?? null, participants: now.get(c.id) ?? 0 })),
      childrenSum: childTargets.reduce((a, b) => a + b, 0),
      shortfall: parentTarget ? shortfall(parentTarget.value, childTargets) : null,
      canEdit: children.length > 0 && children.every((c) => mayWriteTargetOf(actor, c)),
    };
  }

  /**
   * A unit and its open children against their yearly targets on `asOf`: participants,
   * achievement, the change since `compareWith`, last year at the same date, new participants,
   * the year-end forecast and the pace.
   */
  async achievement(ctx: RequestContext, unitId: string, scheme: Scheme, asOf: LocalDate | null | undefined, compareWith: LocalDate | null | undefined) {
    const actor = requireRole(ctx, TARGET_READERS);
    const date = asOf ?? ctx.today;
    if (date > ctx.today) throw DomainError.badInput('asOf', 'target.asOf.future', { today: ctx.today });
    if (compareWith && compareWith > date) throw DomainError.badInput('compareWith', 'target.compare.after');
    const unit = await loadUnit(ctx, unitId, 'unitId');
    if (!inScope(actor, unit.path)) throw forbidden();
    if (date < unit.validFrom) throw DomainError.badInput('asOf', 'target.asOf.beforeUnit', { name: unit.name, date: unit.validFrom });
    const em = ctx.ds.manager;
    const children = await openChildren(em, unit);
    const units: UnitRef[] = [unit, ...children];
    const year = Number(date.slice(0, 4));
    const sameDayLastYear = `${year - 1}${date.slice(4) === '-02-29' ? '-02-28' : date.slice(4)}`;
    const ids = units.map((u) => u.id);
    const compareYear = compareWith ? Number(compareWith.slice(0, 4)) : null;
    const [now, atYearStart, lastYear, fresh, targets, newTargets, lastTargets, then, thenTargets] = await Promise.all([
      participantsAt(em, units, scheme, date),
      participantsAt(em, units, scheme, `${year - 1}-12-31`),
      participantsAt(em, units, scheme, sameDayLastYear),
      newParticipantsBetween(em, units, scheme, `${year}-01-01`, date),
      targetsOf(em, ids, { year, quarter: null, month: null }, scheme, 'PARTICIPANTS'),
      targetsOf(em, ids, { year, quarter: null, month: null }, scheme, 'NEW_PARTICIPANTS'),
      targetsOf(em, ids, { year: year - 1, quarter: null, month: null }, scheme, 'PARTICIPANTS'),
      compareWith ? participantsAt(em, units, scheme, compareWith) : Promise.resolve(null),
      compareYear ? targetsOf(em, ids, { year: compareYear, quarter: null, month: null }, scheme, 'PARTICIPANTS') : Promise.resolve([]),
    ]);
    const index = (list: TargetEntity[]) => new Map(list.map((t) => [t.unitId, t]));
    const [t, tn, tl, tt] = [index(targets), index(newTargets), index(lastTargets), index(thenTargets)];
    const elapsedPct = Math.round(yearShareElapsed(date) * 10_000) / 100;
    const row = (u: OrgUnitEntity) => {
      const target = t.get(u.id) ?? null;
      const participants = now.get(u.id) ?? 0;
      const pct = target ? achievementPct(participants, target.value) : null;
      const start = atYearStart.get(u.id) ?? 0;
      const forecast = linearForecast(participants, date, start);
      const participantsThen = then ? (then.get(u.id) ?? 0) : null;
      const targetThen = tt.get(u.id) ?? null;
      const pctThen = participantsThen !== null && targetThen ? achievementPct(participantsThen, targetThen.value) : null;
      const last = tl.get(u.id) ?? null;
      return {
        unit: u,
        target: target?.value ?? null,
        targetStatus: target?.status ?? null,
        participants,
        achievementPct: pct,
        participantsThen,
        achievementPctThen: pctThen,
        pointsChange: pointsChange(pctThen, pct),
        participantsAtYearStart: start,
        lastYearParticipants: lastYear.get(u.id) ?? 0,
        lastYearAchievementPct: last ? achievementPct(lastYear.get(u.id) ?? 0, last.value) : null,
        newParticipants: fresh.get(u.id) ?? 0,
        newParticipantsTarget: tn.get(u.id)?.value ?? null,
        forecast,
        forecastPct: target ? achievementPct(forecast, target.value) : null,
        paceVsYearPoints: pct === null ? null : pointsChange(elapsedPct, pct),
        pace: paceOf(forecast, target?.value ?? null),
      };
    };
    return { unit, scheme, asOf: date, compareWith: compareWith ?? null, yearElapsedPct: elapsedPct, total: row(unit), children: children.map(row) };
  }
}

export const targetService = new TargetService();

