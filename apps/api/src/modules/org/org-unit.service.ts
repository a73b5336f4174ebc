import { type EntityManager, IsNull, QueryFailedError } from 'typeorm';
import { ORG_LEVEL_LABELS, canNestUnder, foldVietnamese, isLocalDate, previousDay, type OrgLevel } from '@bao-phu/domain';
import { DomainError, FieldErrors } from '../../common/errors';
import type { RequestContext } from '../../graphql/context';
import { recordAudit } from '../audit/audit.service';
import { canSeeUnit, forbidden, inScope, requireActor, requireRole, WRITERS_OF_UNITS, type Actor } from '../auth/actor';
import { likeEscape, runList, SortDirection, type ListArgs, type Page, type SortableFields } from '../../graphql/list';
import {
  OrgUnitEntity,
  OrgUnitNameEntity,
  OrgUnitParentEntity,
  OrgUnitSuccessionEntity,
  UnitStatisticEntity,
} from './org-unit.entity';

export interface OrgUnitFilterInput {
  q?: string | null;
  level?: OrgLevel | null;
  parentId?: string | null;
  withinId?: string | null;
  includeClosed?: boolean | null;
  asOf?: string | null;
  ids?: string[] | null;
}

export interface CreateOrgUnitData {
  code: string;
  name: string;
  level: OrgLevel;
  parentId?: string | null;
  validFrom: string;
}

export interface UpdateOrgUnitData {
  code?: string | null;
  name?: string | null;
  validFrom?: string | null;
}

export interface MergeOrgUnitsData {
  sourceIds: string[];
  intoId?: string | null;
  into?: { code: string; name: string } | null;
  effectiveDate: string;
}

const CODE_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
const MAX_NAME = 200;
const UNIQUE_OPEN_CODE = 'uq_org_unit_open_code';

const SORTABLE: SortableFields = {
  code: 'u.code',
  // Folded names sort the same on every server collation (PGlite's is C, where "Đ" follows "Z").
  name: 'u.searchKey',
  level: `CASE u.level WHEN 'COUNTRY' THEN 0 WHEN 'PROVINCE' THEN 1 WHEN 'BASE' THEN 2 WHEN 'COMMUNE' THEN 3 ELSE 4 END`,
  validFrom: 'u.validFrom',
  validTo: 'u.validTo',
};

/** Parses a GraphQL ID of a unit; a malformed id is a bad input on `field`. */
export function parseUnitId(value: string | number, field: string): number {
  const n = typeof value === 'number' ? value : /^\d{1,10}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n <= 0 || n > 2_147_483_647) throw DomainError.badInput(field, 'common.invalidId');
  return n;
}

const levelParams = (level: OrgLevel, parentLevel?: OrgLevel) => ({
  level: ORG_LEVEL_LABELS[level].vi,
  levelEn: ORG_LEVEL_LABELS[level].en.toLowerCase(),
  ...(parentLevel ? { parentLevel: ORG_LEVEL_LABELS[parentLevel].vi, parentLevelEn: ORG_LEVEL_LABELS[parentLevel].en.toLowerCase() } : {}),
});

function cleanName(name: string | null | undefined, field: string, errors: FieldErrors): string {
  const clean = (name ?? '').replace(/\s+/g, ' ').trim();
  if (!clean) errors.add(field, 'org.name.empty');
  else if (clean.length > MAX_NAME) errors.add(field, 'common.tooLong', { max: MAX_NAME });
  return clean;
}

function cleanCode(code: string | null | undefined, field: string, errors: FieldErrors): string {
  const clean = (code ?? '').trim();
  if (!clean) errors.add(field, 'common.required');
  else if (!CODE_RE.test(clean)) errors.add(field, 'org.code.invalid');
  return clean;
}

function checkDate(value: string, field: string, errors: FieldErrors) {
  if (!isLocalDate(value)) errors.add(field, 'common.invalidDate');
}

function isOpenOn(unit: OrgUnitEntity, date: string): boolean {
  return unit.validFrom <= date && (unit.validTo === null || unit.validTo >= date);
}

/** Runs `work` in one transaction and turns the open-code unique violation into a field error. */
async function inTransaction<T>(ctx: RequestContext, codeField: string, work: (em: EntityManager) => Promise<T>): Promise<T> {
  try {
    return await ctx.ds.transaction(work);
  } catch (err) {
    if (err instanceof QueryFailedError && (err.driverError as { constraint?: string })?.constraint === UNIQUE_OPEN_CODE) {
      const code = /\(code\)=\((.*)\)/.exec((err.driverError as { detail?: string }).detail ?? '')?.[1] ?? '';
      throw DomainError.badInput(codeField, 'org.code.duplicate', { code });
    }
    throw err;
  }
}

async function lockUnit(em: EntityManager, id: number, field: string): Promise<OrgUnitEntity> {
  const unit = await em.getRepository(OrgUnitEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!unit) throw DomainError.badInput(field, 'common.notFound', { what: 'đơn vị / unit', id });
  return unit;
}

function requireOpen(unit: OrgUnitEntity, field: string) {
  if (unit.validTo !== null) throw DomainError.badInput(field, 'org.closed', { name: unit.name, date: unit.validTo });
}

async function assertCodeFree(em: EntityManager, code: string, field: string, exceptId?: number) {
  const clash = await em.getRepository(OrgUnitEntity).findOne({ where: { code, validTo: IsNull() } });
  if (clash && clash.id !== exceptId) throw DomainError.badInput(field, 'org.code.duplicate', { code });
}

/** The span (name or parent) that is open now: the last one without an end. */
async function openSpan<T extends OrgUnitNameEntity | OrgUnitParentEntity>(
  em: EntityManager,
  entity: new () => T,
  unitId: number,
): Promise<T | null> {
  return em.getRepository(entity).findOne({ where: { unitId, validTo: IsNull() } as never, order: { validFrom: 'DESC' } as never });
}

export interface NewUnitRow {
  code: string;
  name: string;
  level: OrgLevel;
  validFrom: string;
  synthetic?: boolean;
}

/** Inserts an open unit under `parent` (null: a root) with its first name and parent spans. */
export async function insertOrgUnit(em: EntityManager, row: NewUnitRow, parent: Pick<OrgUnitEntity, 'id' | 'path'> | null): Promise<OrgUnitEntity> {
  const { identifiers } = await em.insert(OrgUnitEntity, {
    code: row.code,
    name: row.name,
    level: row.level,
    parentId: parent?.id ?? null,
    path: '',
    validFrom: row.validFrom,
    validTo: null,
    searchKey: foldVietnamese(`${row.name} ${row.code}`),
    synthetic: row.synthetic ?? false,
  });
  const id = identifiers[0].id as number;
  await em.update(OrgUnitEntity, { id }, { path: `${parent?.path ?? '/'}${id}/` });
  await em.insert(OrgUnitNameEntity, { unitId: id, name: row.name, validFrom: row.validFrom, validTo: null });
  if (parent) await em.insert(OrgUnitParentEntity, { unitId: id, parentId: parent.id, validFrom: row.validFrom, validTo: null });
  return em.getRepository(OrgUnitEntity).findOneByOrFail({ id });
}

/**
 * Ends the current parent span the day before `date` and opens one under `newParent`; a change on
 * the first day of the current span replaces it (nothing to remember). Moves the subtree's paths.
 */
export async function reparent(em: EntityManager, unit: OrgUnitEntity, newParent: OrgUnitEntity, date: string): Promise<void> {
  const span = await openSpan(em, OrgUnitParentEntity, unit.id);
  if (span && span.validFrom === date) {
    await em.update(OrgUnitParentEntity, { id: span.id }, { parentId: newParent.id });
  } else {
    if (span) await em.update(OrgUnitParentEntity, { id: span.id }, { validTo: previousDay(date) });
    await em.insert(OrgUnitParentEntity, { unitId: unit.id, parentId: newParent.id, validFrom: date, validTo: null });
  }
  const oldPath = unit.path;
  const newPath = `${newParent.path}${unit.id}/`;
  await em.query('UPDATE org_unit SET path = $1 || substr(path, $2) WHERE path LIKE $3', [newPath, oldPath.length + 1, `${oldPath}%`]);
  await em.update(OrgUnitEntity, { id: unit.id }, { parentId: newParent.id });
  unit.parentId = newParent.id;
  unit.path = newPath;
}

/**
 * Who may change the tree: admins anywhere in their scope; planners below their province
 * (not the province itself); base staff only hamlets of their base office.
 */
function assertCanChange(actor: Actor, unit: Pick<OrgUnitEntity, 'id' | 'level' | 'path'>): void {
  if (!inScope(actor, unit.path)) throw forbidden();
  if (actor.role === 'ADMIN') return;
  if (actor.role === 'PROVINCE_PLANNER' && unit.id !== actor.scopeUnitId && unit.level !== 'PROVINCE') return;
  if (actor.role === 'BASE_STAFF' && unit.level === 'HAMLET') return;
  throw forbidden();
}

/** Whether the actor may put a unit of `level` under `parent` (create, move, merge into a new unit). */
function assertCanPlaceUnder(actor: Actor, parent: Pick<OrgUnitEntity, 'path'>, level: OrgLevel): void {
  if (!inScope(actor, parent.path)) throw forbidden();
  if (actor.role === 'ADMIN') return;
  if (actor.role === 'PROVINCE_PLANNER' && level !== 'PROVINCE' && level !== 'COUNTRY') return;
  if (actor.role === 'BASE_STAFF' && level === 'HAMLET') return;
  throw forbidden();
}

/** The fields of a unit an audit event compares. */
function auditView(u: OrgUnitEntity) {
  return { code: u.code, name: u.name, level: u.level, parentId: u.parentId, validFrom: u.validFrom, validTo: u.validTo };
}

/** True when the scope is the whole tree (the country): no filter needed. */
function wholeTree(actor: Actor): boolean {
  return actor.scopePath.split('/').filter(Boolean).length === 1;
}

/** The organization tree: reading it (now or as of a date) and changing it with history kept. */
/**
 * After units moved, the report rollups above the hamlets are summed again under the lowest unit
 * holding every path concerned (the hamlets' own rows do not change: they hold their records).
 */
async function rederiveRollups(em: EntityManager, paths: string[]): Promise<void> {
  const split = paths.map((p) => p.split('/').filter(Boolean));
  const common: string[] = [];
  for (let i = 0; split.every((ids) => i < ids.length && ids[i] === split[0][i]); i++) common.push(split[0][i]);
  if (common.length) await em.query('SELECT rollup_rederive($1)', [Number(common[common.length - 1])]);
}

export class OrgUnitService {
  /**
   * One unit: in the caller's subtree, one of its scope's ancestors, or a closed unit (the
   * pre-reform history is public); anything else is FORBIDDEN.
   */
  async get(ctx: RequestContext, id: string): Promise<OrgUnitEntity | null> {
    const actor = requireActor(ctx);
    const unit = await ctx.loaders.unitById.load(parseUnitId(id, 'id'));
    if (unit && !canSeeUnit(actor, unit.path) && unit.validTo === null) throw forbidden();
    return unit;
  }

  /**
   * Lists units. `q` matches names without diacritics and codes; `asOf` shows the units open on
   * that date with the names and parents they had then; closed units only with `includeClosed`;
   * `withinId` is the subtree including the unit itself. Only units the caller may see.
   */
  async list(ctx: RequestContext, filter: OrgUnitFilterInput | null | undefined, args: ListArgs): Promise<Page<OrgUnitEntity>> {
    const actor = requireActor(ctx);
    const f = filter ?? {};
    const asOf = f.asOf ?? null;
    if (asOf !== null && !isLocalDate(asOf)) throw DomainError.badInput('filter.asOf', 'common.invalidDate');
    const qb = ctx.ds.getRepository(OrgUnitEntity).createQueryBuilder('u');
    // Only the caller's subtree and the ancestors of its scope, counted the same way.
    if (!wholeTree(actor)) {
      // The ancestors by id rather than `:scopePath LIKE u.path || '%'`, so the path index serves
      // the subtree and the primary key the ancestors (a full scan otherwise: docs/PERFORMANCE.md).
      const ancestorIds = actor.scopePath.split('/').filter(Boolean).map(Number);
      qb.andWhere('(u.path LIKE :scopePrefix OR u.id = ANY(:ancestorIds))', { scopePrefix: `${actor.scopePath}%`, ancestorIds });
    }
    if (asOf) {
      qb.andWhere('u.valid_from <= :asOf', { asOf });
      if (!f.includeClosed) qb.andWhere('(u.valid_to IS NULL OR u.valid_to >= :asOf)');
    } else if (!f.includeClosed) {
      qb.andWhere('u.valid_to IS NULL');
    }
    const q = f.q ? foldVietnamese(f.q) : '';
    if (q) qb.andWhere('u.search_key LIKE :q', { q: `%${likeEscape(q)}%` });
    if (f.level) qb.andWhere('u.level = :level', { level: f.level });
    if (f.ids) qb.andWhere('u.id = ANY(:ids)', { ids: f.ids.map((id) => parseUnitId(id, 'filter.ids')) });
    if (f.parentId) {
      const parentId = parseUnitId(f.parentId, 'filter.parentId');
      if (asOf) {
        qb.andWhere(
          `EXISTS (SELECT 1 FROM org_unit_parent p WHERE p.unit_id = u.id AND p.parent_id = :parentId
             AND p.valid_from <= :asOf AND (p.valid_to IS NULL OR p.valid_to >= :asOf))`,
          { parentId },
        );
      } else {
        qb.andWhere('u.parent_id = :parentId', { parentId });
      }
    }
    if (f.withinId) {
      const withinId = parseUnitId(f.withinId, 'filter.withinId');
      if (asOf) {
        qb.andWhere(
          `u.id IN (WITH RECURSIVE t(id) AS (SELECT CAST(:withinId AS int) UNION
             SELECT p.unit_id FROM org_unit_parent p JOIN t ON p.parent_id = t.id
             WHERE p.valid_from <= :asOf AND (p.valid_to IS NULL OR p.valid_to >= :asOf)) SELECT id FROM t)`,
          { withinId },
        );
      } else {
        const within = await ctx.loaders.unitById.load(withinId);
        if (!within) return { items: [], totalCount: 0 };
        qb.andWhere('u.path LIKE :prefix', { prefix: `${within.path}%` });
      }
    }
    const page = await runList(qb, args, SORTABLE, [
      { field: 'level', direction: SortDirection.ASC },
      { field: 'name', direction: SortDirection.ASC },
    ], 'u.id');
    for (const unit of page.items) ctx.loaders.unitById.prime(unit.id, unit);
    return asOf ? { ...page, items: await this.asOf(ctx, page.items, asOf) } : page;
  }

  /** Copies of `units` carrying the name and parent they had on `date`. */
  private async asOf(ctx: RequestContext, units: OrgUnitEntity[], date: string): Promise<OrgUnitEntity[]> {
    if (!units.length) return units;
    const ids = units.map((u) => u.id);
    const [names, parents] = await Promise.all([
      ctx.ds.query(
        'SELECT unit_id, name FROM org_unit_name WHERE unit_id = ANY($1) AND valid_from <= $2 AND (valid_to IS NULL OR valid_to >= $2)',
        [ids, date],
      ) as Promise<{ unit_id: number; name: string }[]>,
      ctx.ds.query(
        'SELECT unit_id, parent_id FROM org_unit_parent WHERE unit_id = ANY($1) AND valid_from <= $2 AND (valid_to IS NULL OR valid_to >= $2)',
        [ids, date],
      ) as Promise<{ unit_id: number; parent_id: number }[]>,
    ]);
    const nameOf = new Map(names.map((r) => [r.unit_id, r.name]));
    const parentOf = new Map(parents.map((r) => [r.unit_id, r.parent_id]));
    return units.map((u) =>
      Object.assign(new OrgUnitEntity(), u, {
        name: nameOf.get(u.id) ?? u.name,
        parentId: parentOf.has(u.id) ? parentOf.get(u.id)! : u.parentId,
      }),
    );
  }

  /** Children sorted by name: open ones today, or those under the unit on `asOf`. */
  async children(ctx: RequestContext, unit: OrgUnitEntity, opts: { includeClosed?: boolean | null; asOf?: string | null }) {
    const actor = requireActor(ctx);
    if (!opts.includeClosed && !opts.asOf) {
      const children = await ctx.loaders.openChildren.load(unit.id);
      return wholeTree(actor) ? children : children.filter((c) => canSeeUnit(actor, c.path));
    }
    const page = await this.list(
      ctx,
      { parentId: String(unit.id), includeClosed: opts.includeClosed, asOf: opts.asOf },
      { take: 200, sort: [{ field: 'name', direction: SortDirection.ASC }] },
    );
    return page.items;
  }

  /** Open children today that the caller may see. */
  async childCount(ctx: RequestContext, unit: OrgUnitEntity): Promise<number> {
    const actor = requireActor(ctx);
    if (wholeTree(actor)) return ctx.loaders.openChildCount.load(unit.id);
    return (await this.children(ctx, unit, {})).length;
  }

  /** Ancestors from the root down, not including the unit. */
  async ancestors(ctx: RequestContext, unit: OrgUnitEntity): Promise<OrgUnitEntity[]> {
    const ids = unit.path.split('/').filter(Boolean).map(Number).filter((id) => id !== unit.id);
    const rows = await ctx.loaders.unitById.loadMany(ids);
    return rows.filter((r): r is OrgUnitEntity => !!r && !(r instanceof Error));
  }

  async create(ctx: RequestContext, input: CreateOrgUnitData): Promise<OrgUnitEntity> {
    const actor = requireRole(ctx, WRITERS_OF_UNITS);
    const errors = new FieldErrors();
    const code = cleanCode(input.code, 'code', errors);
    const name = cleanName(input.name, 'name', errors);
    checkDate(input.validFrom, 'validFrom', errors);
    const level = input.level;
    if (level === 'COUNTRY') errors.add('level', 'org.level.country');
    else if (!input.parentId) errors.add('parentId', 'org.parent.required', levelParams(level));
    const parentId = input.parentId && !errors.has('parentId') ? parseUnitId(input.parentId, 'parentId') : null;
    errors.throwIfAny();
    return inTransaction(ctx, 'code', async (em) => {
      let parent: OrgUnitEntity | null = null;
      if (parentId !== null) {
        parent = await em.getRepository(OrgUnitEntity).findOne({ where: { id: parentId }, lock: { mode: 'pessimistic_read' } });
        if (!parent) throw DomainError.badInput('parentId', 'org.parent.notFound', { id: parentId });
        assertCanPlaceUnder(actor, parent, level);
        if (!canNestUnder(level, parent.level)) throw DomainError.badInput('parentId', 'org.parent.wrongLevel', levelParams(level, parent.level));
        requireOpen(parent, 'parentId');
        if (parent.validFrom > input.validFrom) throw DomainError.badInput('validFrom', 'org.date.beforeParent', { date: parent.validFrom });
      }
      await assertCodeFree(em, code, 'code');
      const unit = await insertOrgUnit(em, { code, name, level, validFrom: input.validFrom }, parent);
      await recordAudit(em, ctx, { action: 'orgUnit.create', entity: 'orgUnit', entityId: unit.id, scopePath: unit.path, before: null, after: auditView(unit) });
      return unit;
    });
  }

  /** Corrects a unit's code, name or start date without a history entry (a typo, a wrong date). */
  async update(ctx: RequestContext, id: string, input: UpdateOrgUnitData): Promise<OrgUnitEntity> {
    const actor = requireRole(ctx, WRITERS_OF_UNITS);
    const unitId = parseUnitId(id, 'id');
    const errors = new FieldErrors();
    const code = input.code != null ? cleanCode(input.code, 'code', errors) : null;
    const name = input.name != null ? cleanName(input.name, 'name', errors) : null;
    if (input.validFrom != null) checkDate(input.validFrom, 'validFrom', errors);
    errors.throwIfAny();
    return inTransaction(ctx, 'code', async (em) => {
      const unit = await lockUnit(em, unitId, 'id');
      assertCanChange(actor, unit);
      const before = auditView(unit);
      if (code !== null && code !== unit.code) {
        if (unit.validTo === null) await assertCodeFree(em, code, 'code', unit.id);
        unit.code = code;
      }
      if (name !== null && name !== unit.name) {
        const span = await em.getRepository(OrgUnitNameEntity).findOne({ where: { unitId }, order: { validFrom: 'DESC' } });
        if (span) await em.update(OrgUnitNameEntity, { id: span.id }, { name });
        unit.name = name;
      }
      const validFrom = input.validFrom;
      if (validFrom != null && validFrom !== unit.validFrom) {
        if (unit.validTo !== null && validFrom > unit.validTo) throw DomainError.badInput('validFrom', 'org.date.afterChange', { date: unit.validTo });
        for (const entity of [OrgUnitNameEntity, OrgUnitParentEntity] as const) {
          const spans = await em.getRepository(entity).find({ where: { unitId }, order: { validFrom: 'ASC' } });
          if (spans[1] && validFrom >= spans[1].validFrom) throw DomainError.badInput('validFrom', 'org.date.afterChange', { date: spans[1].validFrom });
          if (spans[0]) await em.update(entity, { id: spans[0].id }, { validFrom });
        }
        if (unit.parentId !== null) {
          const parent = await em.getRepository(OrgUnitEntity).findOneByOrFail({ id: unit.parentId });
          if (parent.validFrom > validFrom) throw DomainError.badInput('validFrom', 'org.date.beforeParent', { date: parent.validFrom });
        }
        unit.validFrom = validFrom;
      }
      unit.searchKey = foldVietnamese(`${unit.name} ${unit.code}`);
      const saved = await em.getRepository(OrgUnitEntity).save(unit);
      await recordAudit(em, ctx, { action: 'orgUnit.update', entity: 'orgUnit', entityId: unit.id, scopePath: unit.path, before, after: auditView(saved) });
      return saved;
    });
  }

  /** Renames a unit from `effectiveDate` on; the earlier name stays in its history. */
  async rename(ctx: RequestContext, id: string, newName: string, effectiveDate: string): Promise<OrgUnitEntity> {
    const actor = requireRole(ctx, WRITERS_OF_UNITS);
    const unitId = parseUnitId(id, 'id');
    const errors = new FieldErrors();
    const name = cleanName(newName, 'name', errors);
    checkDate(effectiveDate, 'effectiveDate', errors);
    if (!errors.has('effectiveDate') && effectiveDate > ctx.today) errors.add('effectiveDate', 'common.futureDate', { today: ctx.today });
    errors.throwIfAny();
    return inTransaction(ctx, 'code', async (em) => {
      const unit = await lockUnit(em, unitId, 'id');
      assertCanChange(actor, unit);
      requireOpen(unit, 'id');
      if (name === unit.name) throw DomainError.badInput('name', 'org.name.same');
      const before = { name: unit.name };
      const span = await openSpan(em, OrgUnitNameEntity, unit.id);
      const since = span?.validFrom ?? unit.validFrom;
      if (effectiveDate < since) throw DomainError.badInput('effectiveDate', 'org.date.beforeStart', { date: since });
      if (span && span.validFrom === effectiveDate) {
        await em.update(OrgUnitNameEntity, { id: span.id }, { name });
      } else {
        if (span) await em.update(OrgUnitNameEntity, { id: span.id }, { validTo: previousDay(effectiveDate) });
        await em.insert(OrgUnitNameEntity, { unitId: unit.id, name, validFrom: effectiveDate, validTo: null });
      }
      unit.name = name;
      unit.searchKey = foldVietnamese(`${name} ${unit.code}`);
      const saved = await em.getRepository(OrgUnitEntity).save(unit);
      await recordAudit(em, ctx, { action: 'orgUnit.rename', entity: 'orgUnit', entityId: unit.id, scopePath: unit.path, before, after: { name, effectiveDate } });
      return saved;
    });
  }

  /** Moves a unit (and its subtree) under another parent from `effectiveDate` on. */
  async move(ctx: RequestContext, id: string, newParentId: string, effectiveDate: string): Promise<OrgUnitEntity> {
    const actor = requireRole(ctx, WRITERS_OF_UNITS);
    const unitId = parseUnitId(id, 'id');
    const parentId = parseUnitId(newParentId, 'newParentId');
    const errors = new FieldErrors();
    checkDate(effectiveDate, 'effectiveDate', errors);
    if (!errors.has('effectiveDate') && effectiveDate > ctx.today) errors.add('effectiveDate', 'common.futureDate', { today: ctx.today });
    errors.throwIfAny();
    return inTransaction(ctx, 'code', async (em) => {
      const unit = await lockUnit(em, unitId, 'id');
      assertCanChange(actor, unit);
      requireOpen(unit, 'id');
      const parent = await em.getRepository(OrgUnitEntity).findOne({ where: { id: parentId }, lock: { mode: 'pessimistic_read' } });
      if (!parent) throw DomainError.badInput('newParentId', 'org.parent.notFound', { id: parentId });
      assertCanPlaceUnder(actor, parent, unit.level);
      const before = { parentId: unit.parentId, path: unit.path };
      if (parent.path.startsWith(unit.path)) throw DomainError.badInput('newParentId', 'org.parent.cycle');
      if (!canNestUnder(unit.level, parent.level)) throw DomainError.badInput('newParentId', 'org.parent.wrongLevel', levelParams(unit.level, parent.level));
      if (parent.id === unit.parentId) throw DomainError.badInput('newParentId', 'org.parent.same');
      if (!isOpenOn(parent, effectiveDate) || parent.validTo !== null) {
        throw DomainError.badInput('newParentId', 'org.parent.closed', { date: effectiveDate });
      }
      const span = await openSpan(em, OrgUnitParentEntity, unit.id);
      const since = span?.validFrom ?? unit.validFrom;
      if (effectiveDate < since) throw DomainError.badInput('effectiveDate', 'org.date.beforeStart', { date: since });
      ctx.auth.sessions.forgetAll(); // the scope paths of users in the subtree change
      await reparent(em, unit, parent, effectiveDate);
      await rederiveRollups(em, [before.path, parent.path]);
      await recordAudit(em, ctx, { action: 'orgUnit.move', entity: 'orgUnit', entityId: unit.id, scopePath: unit.path, before, after: { parentId: parent.id, path: unit.path, effectiveDate } });
      return em.getRepository(OrgUnitEntity).findOneByOrFail({ id: unit.id });
    });
  }

  /**
   * Merges units of one level into an existing open unit or a new one, from `effectiveDate` on:
   * the sources close the day before, name the target as successor, and hand it their open children.
   */
  async merge(ctx: RequestContext, input: MergeOrgUnitsData): Promise<OrgUnitEntity> {
    const actor = requireRole(ctx, WRITERS_OF_UNITS);
    const errors = new FieldErrors();
    const date = input.effectiveDate;
    checkDate(date, 'effectiveDate', errors);
    if (!errors.has('effectiveDate') && date > ctx.today) errors.add('effectiveDate', 'common.futureDate', { today: ctx.today });
    const sourceIds = (input.sourceIds ?? []).map((s) => parseUnitId(s, 'sourceIds'));
    if (!sourceIds.length) errors.add('sourceIds', 'org.merge.noSources');
    else if (new Set(sourceIds).size !== sourceIds.length) errors.add('sourceIds', 'org.merge.duplicateSource');
    if (!!input.intoId === !!input.into) errors.add('intoId', 'org.merge.targetChoice');
    const intoId = input.intoId ? parseUnitId(input.intoId, 'intoId') : null;
    if (intoId !== null && sourceIds.includes(intoId)) errors.add('intoId', 'org.merge.intoSource');
    let newCode = '';
    let newName = '';
    if (input.into) {
      newCode = cleanCode(input.into.code, 'into.code', errors);
      newName = cleanName(input.into.name, 'into.name', errors);
      if (sourceIds.length === 1) errors.add('sourceIds', 'org.merge.minimum');
    }
    errors.throwIfAny();
    return inTransaction(ctx, 'into.code', async (em) => {
      const sources: OrgUnitEntity[] = [];
      for (const id of [...sourceIds].sort((a, b) => a - b)) sources.push(await lockUnit(em, id, 'sourceIds'));
      const level = sources[0].level;
      for (const s of sources) {
        assertCanChange(actor, s);
        requireOpen(s, 'sourceIds');
        if (s.level !== level) throw DomainError.badInput('sourceIds', 'org.merge.levels', levelParams(level));
        if (s.validFrom >= date) throw DomainError.badInput('effectiveDate', 'org.date.beforeStart', { date: s.validFrom });
      }
      let target: OrgUnitEntity;
      if (intoId !== null) {
        target = await lockUnit(em, intoId, 'intoId');
        assertCanChange(actor, target);
        requireOpen(target, 'intoId');
        if (target.level !== level) throw DomainError.badInput('intoId', 'org.merge.levels', levelParams(level));
        if (target.validFrom > date) throw DomainError.badInput('effectiveDate', 'org.date.beforeStart', { date: target.validFrom });
      }
      const closeOn = previousDay(date);
      for (const s of sources) {
        await em.update(OrgUnitEntity, { id: s.id }, { validTo: closeOn });
        await em.update(OrgUnitNameEntity, { unitId: s.id, validTo: IsNull() }, { validTo: closeOn });
        await em.update(OrgUnitParentEntity, { unitId: s.id, validTo: IsNull() }, { validTo: closeOn });
      }
      if (intoId === null) {
        // The new unit hangs where the first source hung; its code may be one of the sources'
        // (post-2025 communes kept the code of one of their predecessors), now that they are closed.
        const first = sources.find((s) => s.id === sourceIds[0])!;
        await assertCodeFree(em, newCode, 'into.code');
        const parentPath = first.path.slice(0, first.path.length - `${first.id}/`.length);
        const parent = first.parentId === null ? null : { id: first.parentId, path: parentPath };
        if (parent) assertCanPlaceUnder(actor, parent, level);
        target = await insertOrgUnit(em, { code: newCode, name: newName, level, validFrom: date }, parent);
      }
      for (const s of sources) {
        await recordAudit(em, ctx, {
          action: 'orgUnit.merge',
          entity: 'orgUnit',
          entityId: s.id,
          scopePath: s.path,
          before: { validTo: null, successorId: null },
          after: { validTo: closeOn, successorId: target!.id },
        });
        await em.insert(OrgUnitSuccessionEntity, { predecessorId: s.id, successorId: target!.id, kind: 'MERGE', effectiveDate: date });
        const children = await em.getRepository(OrgUnitEntity).find({ where: { parentId: s.id, validTo: IsNull() }, lock: { mode: 'pessimistic_write' } });
        if (children.length) ctx.auth.sessions.forgetAll(); // the scope paths of users in the subtree change
        for (const child of children) await reparent(em, child, target!, date);
      }
      const merged = await em.getRepository(OrgUnitEntity).findOneByOrFail({ id: target!.id });
      await rederiveRollups(em, [...sources.map((x) => x.path), merged.path]);
      await recordAudit(em, ctx, {
        action: intoId === null ? 'orgUnit.mergeInto.new' : 'orgUnit.mergeInto',
        entity: 'orgUnit',
        entityId: merged.id,
        scopePath: merged.path,
        before: intoId === null ? null : { predecessors: null },
        after: { ...(intoId === null ? auditView(merged) : {}), predecessors: sources.map((x) => x.id), effectiveDate: date },
      });
      return merged;
    });
  }

  /** Deletes a unit entered by mistake; refused while it has children, data or merge history. */
  async delete(ctx: RequestContext, id: string): Promise<string> {
    const actor = requireRole(ctx, WRITERS_OF_UNITS);
    const unitId = parseUnitId(id, 'id');
    return inTransaction(ctx, 'code', async (em) => {
      const unit = await lockUnit(em, unitId, 'id');
      assertCanChange(actor, unit);
      const children = await em.getRepository(OrgUnitEntity).countBy({ parentId: unit.id });
      if (children) throw DomainError.badInput('id', 'org.delete.hasChildren', { count: children });
      const formerChildren = await em.getRepository(OrgUnitParentEntity).countBy({ parentId: unit.id });
      if (formerChildren) throw DomainError.badInput('id', 'org.delete.hasChildren', { count: formerChildren });
      const stats = await em.getRepository(UnitStatisticEntity).countBy({ unitId: unit.id });
      if (stats) throw DomainError.badInput('id', 'org.delete.hasData', { what: `${stats} thống kê / statistics` });
      const history = await em
        .getRepository(OrgUnitSuccessionEntity)
        .createQueryBuilder('s')
        .where('s.predecessor_id = :id OR s.successor_id = :id', { id: unit.id })
        .getCount();
      if (history) throw DomainError.badInput('id', 'org.delete.hasHistory');
      await em.delete(OrgUnitEntity, { id: unit.id });
      await recordAudit(em, ctx, { action: 'orgUnit.delete', entity: 'orgUnit', entityId: unit.id, scopePath: unit.path, before: auditView(unit), after: null });
      return String(unit.id);
    });
  }
}

export const orgUnitService = new OrgUnitService();
