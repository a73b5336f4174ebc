import { createHash } from 'node:crypto';
import { In, type EntityManager } from 'typeorm';
import { achievementPct, addMonths, firstDayOfMonth, isLocalDate, isMonth, lastDayOfMonth, monthOf, todayInVietnam, type LocalDate } from '@bao-phu/domain';
import { DomainError, FieldErrors } from '../../common/errors';
import type { RequestContext } from '../../graphql/context';
import { runList, SortDirection, type ListArgs, type Page } from '../../graphql/list';
import { recordAudit } from '../audit/audit.service';
import { forbidden, inScope, requireRole, type Actor } from '../auth/actor';
import type { RoleName } from '../auth/user.entity';
import { EnrollmentEntity } from '../enrollment/enrollment.entity';
import { OrgUnitEntity } from '../org/org-unit.entity';
import { parseUnitId } from '../org/org-unit.service';
import { PersonEntity } from '../people/person.entity';
import { CollectionOrganizationEntity } from './collection-organization.entity';
import {
  CollectionCycleEntity,
  CollectorAreaEntity,
  CollectorEntity,
  DueListEntryEntity,
  FollowUpEntity,
  type DueListKind,
  type FollowUpOutcome,
  type NonCollectionReason,
} from './cycle.entity';

export const CYCLE_READERS: readonly RoleName[] = ['ADMIN', 'PROVINCE_PLANNER', 'BASE_STAFF', 'SUPERVISOR', 'COLLECTOR'];
export const CYCLE_WRITERS: readonly RoleName[] = ['ADMIN', 'BASE_STAFF'];
/** The on-time collection rate the offices aim at (DESIGN.md §2). */
export const ON_TIME_GOAL_PCT = 98;
/** Reasons after which someone should go and see the person; a payment made elsewhere is checked at the office. */
export const REASONS_NEEDING_VISIT: readonly NonCollectionReason[] = ['NO_MONEY', 'AWAY_FOR_WORK', 'FORGOT', 'WANTS_TO_STOP', 'MOVED_AWAY', 'DECEASED', 'UNREACHABLE', 'ILL', 'OTHER'];
const FOLLOW_UP_DAYS = 10;
const MAX_ENTRIES = 5_000;

const addDays = (date: string, days: number) => {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
};

/** The 20th of the month after the cycle's: the organizations' reasons are due by then. */
export function reasonsDeadline(month: string): LocalDate {
  return `${addMonths(month, 1)}-20`;
}

/**
 * The entries of a base office's cycle for `month` (sent on its 25th): the open dues of active
 * enrollments whose payment window reaches into the next month (what is still owed on them; a
 * household HI card is due the day before it starts, so its window opens with its due date), and
 * the dues whose deadline fell in the previous month and are still open (active or lapsed since).
 * Each with the organization, the collector (the enrollment's, or the one serving the person's
 * hamlet or commune for that organization), and where the person lives. `$1` base path, `$2`–`$3`
 * next month, `$4`–`$5` previous month.
 */
export const ENTRIES_SQL = `
  WITH people AS (
    SELECT p.id AS person_id, h.id AS hamlet_id, h.parent_id AS commune_id
      FROM person p JOIN org_unit h ON h.id = p.hamlet_id
     WHERE h.path LIKE $1),
  open_dues AS (
    SELECT CASE WHEN e.status = 'ACTIVE' AND LEAST(d.period_start, d.due_date) <= $3::date AND d.due_date >= $2::date THEN 'DUE_NEXT_MONTH'
                WHEN d.due_date BETWEEN $4::date AND $5::date THEN 'UNPAID_LAST_MONTH' END AS kind,
           e.collection_organization_id, e.collector_id, e.id AS enrollment_id, d.id AS due_id, e.person_id,
           s.hamlet_id, s.commune_id, e.scheme, d.period_start, d.due_date, d.payable - d.paid AS amount
      FROM people s
      JOIN enrollment e ON e.person_id = s.person_id AND e.status IN ('ACTIVE', 'LAPSED')
      JOIN contribution_due d ON d.enrollment_id = e.id AND d.status = 'OPEN' AND d.paid < d.payable
     WHERE (e.status = 'ACTIVE' AND LEAST(d.period_start, d.due_date) <= $3::date AND d.due_date >= $2::date) OR d.due_date BETWEEN $4::date AND $5::date)
  SELECT o.kind, o.collection_organization_id, COALESCE(o.collector_id, area.collector_id) AS collector_id, o.enrollment_id, o.due_id, o.person_id,
         o.hamlet_id, o.commune_id, o.scheme, o.period_start, o.due_date, o.amount
    FROM open_dues o
    LEFT JOIN LATERAL (
      SELECT c.id AS collector_id FROM collector c JOIN collector_area a ON a.collector_id = c.id
       WHERE c.active AND c.collection_organization_id = o.collection_organization_id AND a.unit_id IN (o.hamlet_id, o.commune_id)
       ORDER BY (a.unit_id = o.hamlet_id) DESC, c.id LIMIT 1) area ON o.collector_id IS NULL`;

/** The frozen lists of the monthly collection cycle, the organizations' reasons, follow-ups and the on-time rate. */
export class CycleService {
  /** The base office, in scope: FORBIDDEN otherwise; a unit that is not a base office is a bad input. */
  private async base(ctx: RequestContext, actor: Actor, baseUnitId: string): Promise<OrgUnitEntity> {
    const unit = await ctx.loaders.unitById.load(parseUnitId(baseUnitId, 'baseUnitId'));
    if (!unit) throw DomainError.notFound('OrgUnit', baseUnitId);
    if (unit.level !== 'BASE') throw DomainError.badInput('baseUnitId', 'cycle.base.level');
    if (!inScope(actor, unit.path)) throw forbidden();
    return unit;
  }

  private checkMonth(month: string, today: LocalDate, field = 'month'): void {
    if (!isMonth(month)) throw DomainError.badInput(field, 'cycle.month.format');
    const latest = addMonths(monthOf(today), 1);
    if (month > latest) throw DomainError.badInput(field, 'cycle.month.future', { latest });
  }

  /** The latest version of a base office's cycle for a month, or null when none was generated. */
  async current(ctx: RequestContext, baseUnitId: string, month: string): Promise<CollectionCycleEntity | null> {
    const actor = requireRole(ctx, CYCLE_READERS);
    const base = await this.base(ctx, actor, baseUnitId);
    if (!isMonth(month)) throw DomainError.badInput('month', 'cycle.month.format');
    return ctx.ds.getRepository(CollectionCycleEntity).findOne({ where: { baseUnitId: base.id, month }, order: { version: 'DESC' } });
  }

  async generate(ctx: RequestContext, baseUnitId: string, month: string): Promise<CollectionCycleEntity> {
    const actor = requireRole(ctx, CYCLE_WRITERS);
    const base = await this.base(ctx, actor, baseUnitId);
    this.checkMonth(month, ctx.today);
    return ctx.ds.transaction(async (em) => {
      const { cycle, created } = await generateCycle(em, base, month, actor.id);
      if (created) {
        await recordAudit(em, ctx, { action: 'collectionCycle.generate', entity: 'collectionCycle', entityId: cycle.id, scopePath: base.path, before: null, after: { month, version: cycle.version } });
      }
      return cycle;
    });
  }

  /**
   * Entries of a cycle: a collector sees only its organization's; others what they ask for.
   * Paged (default 1,000, at most 5,000) in a stable order: commune, hamlet, person, kind.
   */
  async entries(ctx: RequestContext, cycle: CollectionCycleEntity, f: { organizationId?: string | null; kind?: DueListKind | null; communeId?: string | null; withoutReason?: boolean | null; skip?: number | null; take?: number | null }) {
    const actor = requireRole(ctx, CYCLE_READERS);
    const organizationId = this.organizationFor(actor, f.organizationId);
    const qb = ctx.ds.getRepository(DueListEntryEntity).createQueryBuilder('x').where('x.cycle_id = :id', { id: cycle.id });
    if (organizationId !== undefined) qb.andWhere('x.collection_organization_id = :org', { org: organizationId });
    if (f.kind) qb.andWhere('x.kind = :kind', { kind: f.kind });
    if (f.communeId) qb.andWhere('x.commune_id = :commune', { commune: parseUnitId(f.communeId, 'communeId') });
    if (f.withoutReason) qb.andWhere('x.reason IS NULL');
    const take = f.take ?? 1_000;
    if (!Number.isInteger(take) || take < 0 || take > MAX_ENTRIES) throw DomainError.badInput('take', 'list.badTake', { max: MAX_ENTRIES });
    const rows = await qb
      .innerJoin(OrgUnitEntity, 'c', 'c.id = x.commune_id')
      .innerJoin(OrgUnitEntity, 'h', 'h.id = x.hamlet_id')
      .innerJoin(PersonEntity, 'p', 'p.id = x.person_id')
      .orderBy('c.code')
      .addOrderBy('h.code')
      .addOrderBy('p.search_key')
      .addOrderBy('x.kind')
      .addOrderBy('x.id')
      .offset(f.skip ?? 0)
      .limit(take)
      .getMany();
    // What the page's entries show, one statement each for the whole page (not one per entry).
    if (!rows.length) return [];
    const distinct = <T>(values: (T | null)[]) => [...new Set(values.filter((v): v is T => v !== null))];
    const [people, collectors, orgs, followUps, promises] = await Promise.all([
      ctx.ds.getRepository(PersonEntity).findBy({ id: In(distinct(rows.map((r) => r.personId))) }),
      ctx.ds.getRepository(CollectorEntity).findBy({ id: In(distinct(rows.map((r) => r.collectorId))) }),
      ctx.ds.getRepository(CollectionOrganizationEntity).findBy({ id: In(distinct(rows.map((r) => r.collectionOrganizationId))) }),
      ctx.ds.getRepository(FollowUpEntity).findBy({ entryId: In(rows.map((r) => r.id)) }),
      ctx.ds.query(
        `SELECT DISTINCT ON (enrollment_id) enrollment_id, promised_date FROM follow_up WHERE enrollment_id = ANY($1) AND outcome = 'WILL_PAY' ORDER BY enrollment_id, closed_at DESC`,
        [distinct(rows.map((r) => r.enrollmentId))],
      ) as Promise<{ enrollment_id: number; promised_date: string }[]>,
    ]);
    const index = <T extends { id: number }>(list: T[]) => new Map(list.map((x) => [x.id, x]));
    const [p, c, o] = [index(people), index(collectors), index(orgs)];
    const byEntry = new Map(followUps.map((x) => [x.entryId, x]));
    const promised = new Map(promises.map((x) => [x.enrollment_id, x.promised_date]));
    return rows.map((r) =>
      Object.assign(r, {
        person: p.get(r.personId),
        collector: r.collectorId ? (c.get(r.collectorId) ?? null) : null,
        collectionOrganization: r.collectionOrganizationId ? (o.get(r.collectionOrganizationId) ?? null) : null,
        followUp: byEntry.get(r.id) ?? null,
        promisedDate: promised.get(r.enrollmentId) ?? null,
      }),
    );
  }

  /** The organization whose entries the actor may see: a collector its own, always. */
  private organizationFor(actor: Actor, requested: string | null | undefined): number | undefined {
    const asked = requested ? parseUnitId(requested, 'organizationId') : undefined;
    if (actor.role !== 'COLLECTOR') return asked;
    if (asked !== undefined && asked !== actor.collectionOrganizationId) throw forbidden();
    return actor.collectionOrganizationId ?? -1;
  }

  /** Per organization and kind: entries, amount, reasons missing, the deadline and whether it is late. */
  async summary(ctx: RequestContext, cycle: CollectionCycleEntity) {
    const actor = requireRole(ctx, CYCLE_READERS);
    const organizationId = this.organizationFor(actor, null);
    const rows: { org: number | null; code: string | null; name: string | null; kind: DueListKind; entries: number; amount: string; missing: number }[] = await ctx.ds.query(
      `SELECT x.collection_organization_id AS org, o.code, o.name, x.kind, count(*)::int AS entries, sum(x.amount)::bigint AS amount,
              count(*) FILTER (WHERE x.reason IS NULL AND x.kind = 'UNPAID_LAST_MONTH')::int AS missing
         FROM due_list_entry x LEFT JOIN collection_organization o ON o.id = x.collection_organization_id
        WHERE x.cycle_id = $1 AND ($2::int IS NULL OR x.collection_organization_id = $2)
        GROUP BY 1, 2, 3, 4 ORDER BY o.code NULLS LAST, x.kind`,
      [cycle.id, organizationId ?? null],
    );
    const deadline = reasonsDeadline(cycle.month);
    return rows.map((r) => ({
      organizationId: r.org,
      organizationCode: r.code,
      organizationName: r.name,
      kind: r.kind,
      entries: r.entries,
      amount: Number(r.amount),
      reasonsMissing: r.missing,
      reasonsDeadline: deadline,
      late: r.missing > 0 && ctx.today > deadline,
    }));
  }

  /** Totals grouped by commune, hamlet or collector, for the printed lists and the screens. */
  async groups(ctx: RequestContext, cycle: CollectionCycleEntity, by: 'COMMUNE' | 'HAMLET' | 'COLLECTOR', f: { organizationId?: string | null; kind?: DueListKind | null }) {
    const actor = requireRole(ctx, CYCLE_READERS);
    const organizationId = this.organizationFor(actor, f.organizationId);
    const key = by === 'COMMUNE' ? 'x.commune_id' : by === 'HAMLET' ? 'x.hamlet_id' : 'x.collector_id';
    const label = by === 'COLLECTOR' ? `(SELECT name FROM collector WHERE id = ${key})` : `(SELECT name FROM org_unit WHERE id = ${key})`;
    const rows: { key: number | null; label: string | null; entries: number; amount: string }[] = await ctx.ds.query(
      `SELECT ${key} AS key, ${label} AS label, count(*)::int AS entries, sum(x.amount)::bigint AS amount
         FROM due_list_entry x
        WHERE x.cycle_id = $1 AND ($2::int IS NULL OR x.collection_organization_id = $2) AND ($3::text IS NULL OR x.kind = $3)
        GROUP BY 1 ORDER BY 2 NULLS LAST`,
      [cycle.id, organizationId ?? null, f.kind ?? null],
    );
    return rows.map((r) => ({ id: r.key, label: r.label, entries: r.entries, amount: Number(r.amount) }));
  }

  /**
   * The organization says why a payment was not collected. Only the entry's own organization (or
   * base staff); a reason that calls for it opens a follow-up visit. Reporting again corrects it.
   */
  async reportNonCollection(ctx: RequestContext, entryId: string, reason: NonCollectionReason, note: string | null | undefined): Promise<DueListEntryEntity> {
    const actor = requireRole(ctx, ['ADMIN', 'BASE_STAFF', 'COLLECTOR']);
    return ctx.ds.transaction(async (em) => {
      const entry = await em.getRepository(DueListEntryEntity).findOne({ where: { id: parseUnitId(entryId, 'entryId') }, lock: { mode: 'pessimistic_write' } });
      if (!entry) throw DomainError.notFound('DueListEntry', entryId);
      const hamlet = await em.getRepository(OrgUnitEntity).findOneByOrFail({ id: entry.hamletId });
      if (!inScope(actor, hamlet.path)) throw forbidden();
      if (actor.role === 'COLLECTOR' && entry.collectionOrganizationId !== actor.collectionOrganizationId) throw DomainError.badInput('entryId', 'cycle.entry.otherOrganization');
      await this.applyReason(em, ctx, actor, entry, hamlet.path, reason, note ?? null);
      return em.getRepository(DueListEntryEntity).findOneByOrFail({ id: entry.id });
    });
  }

  /** Writes a reason on an entry (and its follow-up) inside the caller's transaction. */
  async applyReason(em: EntityManager, ctx: RequestContext, actor: Actor, entry: DueListEntryEntity, scopePath: string, reason: NonCollectionReason, note: string | null): Promise<void> {
    const clean = note?.replace(/\s+/g, ' ').trim().slice(0, 500) || null;
    await em.update(DueListEntryEntity, { id: entry.id }, { reason, reasonNote: clean, reasonReportedAt: new Date(), reasonReportedBy: actor.id });
    const open = await em.getRepository(FollowUpEntity).findOneBy({ entryId: entry.id });
    if (REASONS_NEEDING_VISIT.includes(reason) && !open) {
      const cycle = await em.getRepository(CollectionCycleEntity).findOneByOrFail({ id: entry.cycleId });
      await em.insert(FollowUpEntity, { entryId: entry.id, enrollmentId: entry.enrollmentId, baseUnitId: cycle.baseUnitId, dueDate: addDays(todayInVietnam(), FOLLOW_UP_DAYS), assigneeUserId: null, assigneeName: null, outcome: null, promisedDate: null, note: null, closedAt: null, closedBy: null });
    }
    await recordAudit(em, ctx, { action: 'dueListEntry.reason', entity: 'dueListEntry', entityId: entry.id, scopePath, before: { reason: entry.reason, note: entry.reasonNote }, after: { reason, note: clean } });
  }

  async followUps(ctx: RequestContext, f: { baseUnitId: string; open?: boolean | null; assigneeUserId?: string | null }, args: ListArgs): Promise<Page<FollowUpEntity>> {
    const actor = requireRole(ctx, ['ADMIN', 'PROVINCE_PLANNER', 'BASE_STAFF', 'SUPERVISOR']);
    const base = await this.base(ctx, actor, f.baseUnitId);
    const qb = ctx.ds.getRepository(FollowUpEntity).createQueryBuilder('f').where('f.base_unit_id = :b', { b: base.id });
    if (f.open === true) qb.andWhere('f.outcome IS NULL');
    if (f.open === false) qb.andWhere('f.outcome IS NOT NULL');
    if (f.assigneeUserId) qb.andWhere('f.assignee_user_id = :a', { a: parseUnitId(f.assigneeUserId, 'assigneeUserId') });
    return runList(qb, args, { dueDate: 'f.due_date', createdAt: 'f.created_at' }, [{ field: 'dueDate', direction: SortDirection.ASC }], 'f.id');
  }

  async assignFollowUp(ctx: RequestContext, id: string, input: { assigneeUserId?: string | null; assigneeName?: string | null; dueDate?: string | null }): Promise<FollowUpEntity> {
    const actor = requireRole(ctx, CYCLE_WRITERS);
    const errors = new FieldErrors();
    if (input.dueDate && !isLocalDate(input.dueDate)) errors.add('dueDate', 'common.invalidDate');
    if (!input.assigneeUserId && !input.assigneeName?.trim()) errors.add('assigneeName', 'common.required');
    errors.throwIfAny();
    return ctx.ds.transaction(async (em) => {
      const { followUp, path } = await this.followUpInScope(em, actor, id);
      let assigneeName = input.assigneeName?.trim().slice(0, 120) || null;
      let assigneeUserId: number | null = null;
      if (input.assigneeUserId) {
        assigneeUserId = parseUnitId(input.assigneeUserId, 'assigneeUserId');
        const [user]: { display_name: string; path: string }[] = await em.query(`SELECT a.display_name, u.path FROM app_user a JOIN org_unit u ON u.id = a.scope_unit_id WHERE a.id = $1`, [assigneeUserId]);
        // Someone of the caller's own area (an account elsewhere is as unknown as a missing one).
        if (!user || !inScope(actor, user.path)) throw DomainError.badInput('assigneeUserId', 'campaign.member.userUnknown');
        assigneeName ??= user.display_name;
      }
      await em.update(FollowUpEntity, { id: followUp.id }, { assigneeUserId, assigneeName, dueDate: input.dueDate ?? followUp.dueDate });
      await recordAudit(em, ctx, { action: 'followUp.assign', entity: 'followUp', entityId: followUp.id, scopePath: path, before: { assigneeName: followUp.assigneeName }, after: { assigneeName, dueDate: input.dueDate ?? followUp.dueDate } });
      return em.getRepository(FollowUpEntity).findOneByOrFail({ id: followUp.id });
    });
  }

  private async followUpInScope(em: EntityManager, actor: Actor, id: string): Promise<{ followUp: FollowUpEntity; path: string }> {
    const followUp = await em.getRepository(FollowUpEntity).findOne({ where: { id: parseUnitId(id, 'id') }, lock: { mode: 'pessimistic_write' } });
    if (!followUp) throw DomainError.notFound('FollowUp', id);
    const base = await em.getRepository(OrgUnitEntity).findOneByOrFail({ id: followUp.baseUnitId });
    if (!inScope(actor, base.path)) throw forbidden();
    return { followUp, path: base.path };
  }

  /**
   * Records what the visit found. STOPPED, MOVED_AWAY and DECEASED end the enrollment (from today;
   * its open dues after today are cancelled), so the next cycle no longer lists it; WILL_PAY keeps
   * the promised day, shown on the next cycle's entry.
   */
  async closeFollowUp(ctx: RequestContext, id: string, input: { outcome: FollowUpOutcome; promisedDate?: string | null; note?: string | null }): Promise<FollowUpEntity> {
    const actor = requireRole(ctx, CYCLE_WRITERS);
    const today = ctx.today;
    if (input.outcome === 'WILL_PAY' && !input.promisedDate) throw DomainError.badInput('promisedDate', 'common.required');
    if (input.promisedDate && (!isLocalDate(input.promisedDate) || input.promisedDate < today)) throw DomainError.badInput('promisedDate', 'followUp.promised.past');
    return ctx.ds.transaction(async (em) => {
      const { followUp, path } = await this.followUpInScope(em, actor, id);
      if (followUp.outcome) throw new DomainError('CONFLICT', 'followUp.closed');
      if (input.outcome === 'STOPPED' || input.outcome === 'MOVED_AWAY' || input.outcome === 'DECEASED') {
        const status = input.outcome === 'DECEASED' ? 'DECEASED' : 'STOPPED';
        const enrollment = await em.getRepository(EnrollmentEntity).findOneByOrFail({ id: followUp.enrollmentId });
        if (enrollment.status === 'ACTIVE' || enrollment.status === 'LAPSED') {
          await em.update(EnrollmentEntity, { id: enrollment.id }, { status, endDate: today });
          await em.query(`UPDATE contribution_due SET status = 'CANCELLED' WHERE enrollment_id = $1 AND status = 'OPEN' AND paid = 0 AND period_start > $2::date`, [enrollment.id, today]);
          await recordAudit(em, ctx, { action: 'enrollment.end', entity: 'enrollment', entityId: enrollment.id, scopePath: path, before: { status: enrollment.status }, after: { status, endDate: today, because: `followUp ${followUp.id}` } });
        }
      }
      await em.update(FollowUpEntity, { id: followUp.id }, { outcome: input.outcome, promisedDate: input.outcome === 'WILL_PAY' ? input.promisedDate! : null, note: input.note?.trim().slice(0, 500) || null, closedAt: new Date(), closedBy: actor.id });
      await recordAudit(em, ctx, { action: 'followUp.close', entity: 'followUp', entityId: followUp.id, scopePath: path, before: null, after: { outcome: input.outcome, promisedDate: input.promisedDate ?? null } });
      return em.getRepository(FollowUpEntity).findOneByOrFail({ id: followUp.id });
    });
  }

  /**
   * On-time collection rate (DESIGN.md §6) per month for a unit (and one organization if asked):
   * dues falling due in the month paid in full on or before their due date ÷ dues falling due in
   * the month, waived and cancelled ones left out.
   */
  async onTime(ctx: RequestContext, unitId: string, from: string, to: string, organizationId?: string | null) {
    const actor = requireRole(ctx, CYCLE_READERS);
    if (!isMonth(from)) throw DomainError.badInput('from', 'cycle.month.format');
    if (!isMonth(to)) throw DomainError.badInput('to', 'cycle.month.format');
    if (to < from) throw DomainError.badInput('to', 'campaign.period.order');
    if (addMonths(from, 36) <= to) throw DomainError.badInput('to', 'cycle.range.long', { max: 36 });
    const unit = await ctx.loaders.unitById.load(parseUnitId(unitId, 'unitId'));
    if (!unit) throw DomainError.notFound('OrgUnit', unitId);
    if (!inScope(actor, unit.path)) throw forbidden();
    const org = this.organizationFor(actor, organizationId);
    const rows: { month: string; due: number; on_time: number }[] = await ctx.ds.query(
      `SELECT to_char(d.due_date, 'YYYY-MM') AS month, count(*)::int AS due,
              count(*) FILTER (WHERE d.status = 'PAID' AND d.settled_on <= d.due_date)::int AS on_time
         FROM contribution_due d JOIN enrollment e ON e.id = d.enrollment_id JOIN person p ON p.id = e.person_id JOIN org_unit h ON h.id = p.hamlet_id
        WHERE h.path LIKE $1 AND d.due_date BETWEEN $2::date AND $3::date AND d.status NOT IN ('WAIVED', 'CANCELLED')
          AND ($4::int IS NULL OR e.collection_organization_id = $4)
        GROUP BY 1 ORDER BY 1`,
      [`${unit.path}%`, firstDayOfMonth(from), lastDayOfMonth(to), org ?? null],
    );
    const byMonth = new Map(rows.map((r) => [r.month, r]));
    const out = [];
    for (let m = from; m <= to; m = addMonths(m, 1)) {
      const r = byMonth.get(m);
      const pct = r && r.due ? achievementPct(r.on_time, r.due) : null;
      out.push({ month: m, due: r?.due ?? 0, paidOnTime: r?.on_time ?? 0, ratePct: pct, meetsGoal: pct === null ? null : pct >= ON_TIME_GOAL_PCT });
    }
    return out;
  }

  // Collectors

  async collectors(ctx: RequestContext, f: { organizationId?: string | null; withinId?: string | null }, args: ListArgs): Promise<Page<CollectorEntity>> {
    const actor = requireRole(ctx, CYCLE_READERS);
    const qb = ctx.ds.getRepository(CollectorEntity).createQueryBuilder('c');
    const org = this.organizationFor(actor, f.organizationId);
    if (org !== undefined) qb.andWhere('c.collection_organization_id = :org', { org });
    // Collectors serving somewhere in the caller's scope (or the subtree asked for).
    let path = actor.scopePath;
    if (f.withinId) {
      const within = await ctx.loaders.unitById.load(parseUnitId(f.withinId, 'withinId'));
      if (!within) throw DomainError.notFound('OrgUnit', f.withinId);
      if (!inScope(actor, within.path)) throw forbidden();
      path = within.path;
    }
    qb.andWhere('EXISTS (SELECT 1 FROM collector_area a JOIN org_unit u ON u.id = a.unit_id WHERE a.collector_id = c.id AND u.path LIKE :path)', { path: `${path}%` });
    return runList(qb, args, { name: 'c.name' }, [{ field: 'name', direction: SortDirection.ASC }], 'c.id');
  }

  async createCollector(ctx: RequestContext, input: { organizationId: string; name: string; phone?: string | null; userId?: string | null; areaIds: string[] }): Promise<CollectorEntity> {
    const actor = requireRole(ctx, CYCLE_WRITERS);
    const errors = new FieldErrors();
    const name = input.name?.replace(/\s+/g, ' ').trim();
    if (!name) errors.add('name', 'common.required');
    else if (name.length > 120) errors.add('name', 'common.tooLong', { max: 120 });
    if (input.phone && !/^\+?\d[\d\s.]{7,14}$/.test(input.phone.trim())) errors.add('phone', 'cycle.collector.phone');
    if (!input.areaIds.length) errors.add('areaIds', 'common.required');
    errors.throwIfAny();
    return ctx.ds.transaction(async (em) => {
      const org = await em.getRepository(CollectionOrganizationEntity).findOneBy({ id: parseUnitId(input.organizationId, 'organizationId') });
      if (!org) throw DomainError.badInput('organizationId', 'user.collector.unknown', { id: input.organizationId });
      const areas = await em.getRepository(OrgUnitEntity).findBy({ id: In(input.areaIds.map((a, i) => parseUnitId(a, `areaIds.${i}`))) });
      if (areas.length !== new Set(input.areaIds).size || areas.some((a) => (a.level !== 'HAMLET' && a.level !== 'COMMUNE') || a.validTo !== null)) throw DomainError.badInput('areaIds', 'cycle.collector.area');
      if (areas.some((a) => !inScope(actor, a.path))) throw forbidden();
      const { identifiers } = await em.insert(CollectorEntity, { collectionOrganizationId: org.id, name: name!, phone: input.phone?.replace(/[\s.]/g, '') || null, userId: input.userId ? parseUnitId(input.userId, 'userId') : null, active: true });
      const id = identifiers[0].id as number;
      await em.insert(CollectorAreaEntity, areas.map((a) => ({ collectorId: id, unitId: a.id })));
      await recordAudit(em, ctx, { action: 'collector.create', entity: 'collector', entityId: id, scopePath: areas[0].path, before: null, after: { organization: org.code, name, areas: areas.map((a) => a.code) } });
      return em.getRepository(CollectorEntity).findOneByOrFail({ id });
    });
  }

  /** Sets (or clears) the collector of enrollments of the caller's scope. */
  async assignCollector(ctx: RequestContext, enrollmentIds: string[], collectorId: string | null): Promise<number> {
    const actor = requireRole(ctx, CYCLE_WRITERS);
    if (!enrollmentIds.length || enrollmentIds.length > 1_000) throw DomainError.badInput('enrollmentIds', 'cycle.assign.count', { max: 1_000 });
    return ctx.ds.transaction(async (em) => {
      const ids = enrollmentIds.map((e, i) => parseUnitId(e, `enrollmentIds.${i}`));
      const rows: { id: number; path: string; org: number | null }[] = await em.query(
        `SELECT e.id, h.path, e.collection_organization_id AS org FROM enrollment e JOIN person p ON p.id = e.person_id JOIN org_unit h ON h.id = p.hamlet_id WHERE e.id = ANY($1)`,
        [ids],
      );
      if (rows.length !== new Set(ids).size) throw DomainError.badInput('enrollmentIds', 'common.invalidId');
      if (rows.some((r) => !inScope(actor, r.path))) throw forbidden();
      let collector: CollectorEntity | null = null;
      if (collectorId) {
        collector = await em.getRepository(CollectorEntity).findOneBy({ id: parseUnitId(collectorId, 'collectorId') });
        if (!collector) throw DomainError.badInput('collectorId', 'cycle.collector.unknown');
        if (rows.some((r) => r.org !== collector!.collectionOrganizationId)) throw DomainError.badInput('collectorId', 'cycle.collector.otherOrganization');
      }
      await em.query(`UPDATE enrollment SET collector_id = $2, version = version + 1 WHERE id = ANY($1)`, [ids, collector?.id ?? null]);
      await recordAudit(em, ctx, { action: 'enrollment.assignCollector', entity: 'enrollment', entityId: ids.join(','), scopePath: actor.scopePath, before: null, after: { collectorId: collector?.id ?? null, count: ids.length } });
      return ids.length;
    });
  }
}

/**
 * Generates (or finds) the cycle of a base office for a month inside the caller's transaction: the
 * same entries as the latest version give that version back; otherwise a new version is written
 * with the entries (set-based, one statement) and the reasons already reported carried over.
 */
export async function generateCycle(em: EntityManager, base: Pick<OrgUnitEntity, 'id' | 'path'>, month: string, by: number | null): Promise<{ cycle: CollectionCycleEntity; created: boolean }> {
  // One generation at a time per base office and month (the job and a user may overlap).
  await em.query(`SELECT pg_advisory_xact_lock(hashtext('collection_cycle'), $1)`, [base.id]);
  const next = addMonths(month, 1);
  const prev = addMonths(month, -1);
  const params = [`${base.path}%`, firstDayOfMonth(next), lastDayOfMonth(next), firstDayOfMonth(prev), lastDayOfMonth(prev)];
  const repo = em.getRepository(CollectionCycleEntity);
  const latest = await repo.findOne({ where: { baseUnitId: base.id, month }, order: { version: 'DESC' } });
  // The entries are written once, then their digest decides: the same as the latest version's,
  // and the new version is rolled back (the query is not run a second time just to compare).
  await em.query('SAVEPOINT cycle_generation');
  const { identifiers } = await repo.insert({ baseUnitId: base.id, month, version: (latest?.version ?? 0) + 1, fingerprint: '-', generatedBy: by });
  const id = identifiers[0].id as number;
  await em.query(
    `INSERT INTO due_list_entry (cycle_id, kind, collection_organization_id, collector_id, enrollment_id, due_id, person_id, hamlet_id, commune_id, scheme, period_start, due_date, amount)
     SELECT $6, kind, collection_organization_id, collector_id, enrollment_id, due_id, person_id, hamlet_id, commune_id, scheme, period_start, due_date, amount FROM (${ENTRIES_SQL}) x`,
    [...params, id],
  );
  const [{ digest }]: { digest: string | null }[] = await em.query(
    `SELECT md5(string_agg(concat_ws(':', kind, due_id, amount, collection_organization_id, collector_id), ',' ORDER BY kind, due_id)) AS digest FROM due_list_entry WHERE cycle_id = $1`,
    [id],
  );
  const fingerprint = digest ?? createHash('md5').update('').digest('hex');
  if (latest && latest.fingerprint === fingerprint) {
    await em.query('ROLLBACK TO SAVEPOINT cycle_generation');
    return { cycle: latest, created: false };
  }
  await em.query('RELEASE SAVEPOINT cycle_generation');
  await repo.update({ id }, { fingerprint });
  if (latest) {
    await em.query(
      `UPDATE due_list_entry n SET reason = o.reason, reason_note = o.reason_note, reason_reported_at = o.reason_reported_at, reason_reported_by = o.reason_reported_by
         FROM due_list_entry o WHERE n.cycle_id = $1 AND o.cycle_id = $2 AND o.due_id = n.due_id AND o.kind = n.kind AND o.reason IS NOT NULL`,
      [id, latest.id],
    );
    // The follow-ups those reasons opened go with them to the new version's entries.
    await em.query(
      `UPDATE follow_up f SET entry_id = n.id
         FROM due_list_entry o JOIN due_list_entry n ON n.cycle_id = $1 AND n.due_id = o.due_id AND n.kind = o.kind
        WHERE f.entry_id = o.id AND o.cycle_id = $2`,
      [id, latest.id],
    );
  }
  return { cycle: await repo.findOneByOrFail({ id }), created: true };
}

export const cycleService = new CycleService();

