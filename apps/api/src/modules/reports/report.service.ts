import type { EntityManager } from 'typeorm';
import { achievementPct, addMonths, firstDayOfMonth, lastDayOfMonth, monthOf, ORG_LEVELS, pointsChange, previousDay, type LocalDate, type Month, type OrgLevel, type Scheme } from '@bao-phu/domain';
import { DomainError } from '../../common/errors';
import type { RequestContext } from '../../graphql/context';
import { forbidden, inScope, requireRole } from '../auth/actor';
import type { RoleName } from '../auth/user.entity';
import { OrgUnitEntity } from '../org/org-unit.entity';
import { parseUnitId } from '../org/org-unit.service';
import { statisticsFor } from '../targets/metrics';
import type { ReportMeasure } from './report.types';

export const REPORT_READERS: readonly RoleName[] = ['ADMIN', 'PROVINCE_PLANNER', 'BASE_STAFF', 'SUPERVISOR'];

export interface ReportRow {
  unit: OrgUnitEntity;
  participants: number;
  target: number | null;
  achievementPct: number | null;
  newParticipants: number;
  lapsed: number;
  participantsAtYearStart: number;
  participantsLastYear: number;
  growthSinceYearStart: number;
  growthSinceYearStartPct: number | null;
  growthSinceLastYear: number;
  growthSinceLastYearPct: number | null;
  lastYearAchievementPct: number | null;
  pointsChangeSinceLastYear: number | null;
  duesFallingDue: number;
  duesPaidOnTime: number;
  onTimeRatePct: number | null;
  population: number | null;
  healthInsured: number | null;
  hiCoveragePct: number | null;
  campaigns: number;
  campaignEnrollments: number;
}

interface Counts {
  participants: number;
  atYearStart: number;
  lastYear: number;
  lapsed: number;
  fresh: number;
  due: number;
  onTime: number;
  campaigns: number;
  campaignEnrollments: number;
}

const ZERO: Counts = { participants: 0, atYearStart: 0, lastYear: 0, lapsed: 0, fresh: 0, due: 0, onTime: 0, campaigns: 0, campaignEnrollments: 0 };

/** Growth in percent of the earlier figure, rounded half-up to 2 decimals; null from 0. */
function growthPct(now: number, before: number): number | null {
  if (before === 0) return null;
  const sign = now >= before ? 1 : -1;
  return sign * (achievementPct(Math.abs(now - before), before) ?? 0);
}

const MAX_TREND_MONTHS = 60;

const minDate = (a: LocalDate, b: LocalDate) => (a < b ? a : b);

function monthsFromTo(from: Month, to: Month): Month[] {
  const out: Month[] = [];
  for (let m = from; m <= to && out.length <= MAX_TREND_MONTHS; m = addMonths(m, 1)) out.push(m);
  return out;
}

/** The value of a measure in a report row; null when the row has none (no target, nothing due...). */
export function measureOf(row: ReportRow, measure: ReportMeasure): number | null {
  switch (measure) {
    case 'PARTICIPANTS':
      return row.participants;
    case 'ACHIEVEMENT_PCT':
      return row.achievementPct;
    case 'NEW_PARTICIPANTS':
      return row.newParticipants;
    case 'LAPSED':
      return row.lapsed;
    case 'GROWTH_SINCE_YEAR_START_PCT':
      return row.growthSinceYearStartPct;
    case 'GROWTH_SINCE_LAST_YEAR_PCT':
      return row.growthSinceLastYearPct;
    case 'POINTS_CHANGE_SINCE_LAST_YEAR':
      return row.pointsChangeSinceLastYear;
    case 'ON_TIME_RATE_PCT':
      return row.onTimeRatePct;
    case 'HI_COVERAGE_PCT':
      return row.hiCoveragePct;
    case 'CAMPAIGN_ENROLLMENTS':
      return row.campaignEnrollments;
  }
}

const sameDayLastYear = (d: LocalDate) => `${Number(d.slice(0, 4)) - 1}${d.slice(4) === '-02-29' ? '-02-28' : d.slice(4)}`;

/**
 * Where each hamlet (and each commune, for campaigns) sat on a date, as a row per unit and each of
 * its ancestors then: the parent spans walked upwards from the units themselves. `$1` the date,
 * `$2` the path prefix the walk starts under (the province of the report today; '/' for the
 * country), so moves inside a province are followed.
 */
const STOOD_SQL = `
  WITH RECURSIVE up(start_id, unit_id) AS (
    SELECT u.id, u.id FROM org_unit u
     WHERE u.level IN ('HAMLET', 'COMMUNE') AND u.path LIKE $2 AND u.valid_from <= $1::date
    UNION ALL
    SELECT up.start_id, s.parent_id FROM up
      JOIN org_unit_parent s ON s.unit_id = up.unit_id AND s.valid_from <= $1::date AND (s.valid_to IS NULL OR s.valid_to >= $1::date))
  SELECT start_id, unit_id FROM up`;

/**
 * The drill-down report: a unit and each of its children on a date, either as the tree stood then
 * (`restated: false`) or regrouped in today's tree (`restated: true`). Records hang on hamlets, so
 * both read the same people and give the same total; every count at the unit is the sum of its
 * children's.
 */
export class ReportService {
  async hierarchy(ctx: RequestContext, unitId: string, scheme: Scheme, asOf: LocalDate, restated: boolean | null | undefined) {
    const actor = requireRole(ctx, REPORT_READERS);
    if (asOf > ctx.today) throw DomainError.badInput('asOf', 'target.asOf.future', { today: ctx.today });
    const unit = await ctx.loaders.unitById.load(parseUnitId(unitId, 'unitId'));
    if (!unit) throw DomainError.notFound('OrgUnit', unitId);
    if (!inScope(actor, unit.path) && !(unit.validTo !== null && (await this.closedInScope(ctx.ds.manager, actor.scopePath, unit.id)))) throw forbidden();
    if (asOf < unit.validFrom) throw DomainError.badInput('asOf', 'target.asOf.beforeUnit', { name: unit.name, date: unit.validFrom });
    const em = ctx.ds.manager;
    const restate = !!restated;
    if (restate && unit.validTo !== null) throw DomainError.badInput('restated', 'report.restated.closed', { name: unit.name, date: unit.validTo });
    if (!restate && unit.validTo !== null && asOf > unit.validTo) throw DomainError.badInput('asOf', 'report.asOf.afterUnit', { name: unit.name, date: unit.validTo });

    // The children: open today (restated), or open on the date under the unit then (as stood).
    const children: OrgUnitEntity[] = restate
      ? await em.getRepository(OrgUnitEntity).createQueryBuilder('u').where('u.parent_id = :id AND u.valid_to IS NULL', { id: unit.id }).orderBy('u.code').getMany()
      : await em
          .getRepository(OrgUnitEntity)
          .createQueryBuilder('u')
          .innerJoin('org_unit_parent', 's', 's.unit_id = u.id AND s.parent_id = :id AND s.valid_from <= :d AND (s.valid_to IS NULL OR s.valid_to >= :d)', { id: unit.id, d: asOf })
          .where('u.valid_from <= :d AND (u.valid_to IS NULL OR u.valid_to >= :d)', { d: asOf })
          .orderBy('u.code')
          .getMany();
    // The unit counted directly, not summed: that its counts equal its children's is then a
    // property the tests check, not a construction (campaigns are distinct, so not additive).
    const [counts, own] = await Promise.all([
      children.length ? this.counts(em, unit, children, scheme, asOf, restate) : Promise.resolve(new Map<number, Counts>()),
      this.counts(em, unit, [unit], scheme, asOf, restate),
    ]);
    const rows = await this.rows(em, [unit, ...children], new Map([...counts, [unit.id, own.get(unit.id) ?? ZERO]]), scheme, asOf);
    const breadcrumb = await this.breadcrumb(em, unit, restate ? null : asOf);
    return { unit, asOf, scheme, restated: restate, breadcrumb, total: rows[0], children: rows.slice(1) };
  }

  /**
   * A unit's monthly series from `from` to `to`: participants at each month's end (today in the
   * current month), the year's target and achievement, the month's new participants. Today's tree.
   */
  async trend(ctx: RequestContext, unitId: string, scheme: Scheme, from: Month, to: Month) {
    const { unit } = await this.openUnitInScope(ctx, unitId);
    if (from > to) throw DomainError.badInput('from', 'report.range.order', { from, to });
    const months = monthsFromTo(from, to);
    if (months.length > MAX_TREND_MONTHS) throw DomainError.badInput('from', 'report.range.tooLong', { max: MAX_TREND_MONTHS });
    if (to > monthOf(ctx.today)) throw DomainError.badInput('to', 'target.asOf.future', { today: ctx.today });
    const em = ctx.ds.manager;
    const points = [];
    for (const month of months) {
      const asOf = minDate(lastDayOfMonth(month), ctx.today);
      if (asOf < unit.validFrom) continue;
      const counts = await this.counts(em, unit, [unit], scheme, asOf, true);
      const monthStart = previousDay(firstDayOfMonth(month));
      const before = firstDayOfMonth(month) === `${month.slice(0, 4)}-01-01` ? ZERO : ((await this.counts(em, unit, [unit], scheme, monthStart, true)).get(unit.id) ?? ZERO);
      const [row] = await this.rows(em, [unit], counts, scheme, asOf);
      points.push({
        month,
        asOf,
        participants: row.participants,
        target: row.target,
        achievementPct: row.achievementPct,
        newParticipants: row.newParticipants - before.fresh,
        participantsLastYear: row.participantsLastYear,
      });
    }
    return { scheme, points };
  }

  /**
   * The lowest and highest units of a level under a unit (today's tree) on one measure; units whose
   * measure has no value are counted apart. Ties go by unit code.
   */
  async ranking(ctx: RequestContext, unitId: string, scheme: Scheme, asOf: LocalDate, measure: ReportMeasure, level: OrgLevel | null | undefined, take: number | null | undefined) {
    const { unit } = await this.openUnitInScope(ctx, unitId);
    if (asOf > ctx.today) throw DomainError.badInput('asOf', 'target.asOf.future', { today: ctx.today });
    const size = take ?? 5;
    if (!Number.isInteger(size) || size < 1 || size > 50) throw DomainError.badInput('take', 'report.take.range', { max: 50 });
    const depth = ORG_LEVELS.indexOf(unit.level);
    const at = level ?? ORG_LEVELS[depth + 1];
    if (!at || ORG_LEVELS.indexOf(at) <= depth) throw DomainError.badInput('level', 'report.level.below', { level: unit.level });
    const em = ctx.ds.manager;
    const units = await em
      .getRepository(OrgUnitEntity)
      .createQueryBuilder('u')
      .where('u.path LIKE :p AND u.level = :level AND u.valid_to IS NULL', { p: `${unit.path}%`, level: at })
      .orderBy('u.code')
      .getMany();
    const counts = units.length ? await this.counts(em, unit, units, scheme, asOf, true) : new Map<number, Counts>();
    const rows = await this.rows(em, units, counts, scheme, asOf);
    const valued = rows.map((row) => ({ row, value: measureOf(row, measure) })).filter((r): r is { row: ReportRow; value: number } => r.value !== null);
    const byCode = (a: { row: ReportRow }, b: { row: ReportRow }) => (a.row.unit.code < b.row.unit.code ? -1 : a.row.unit.code > b.row.unit.code ? 1 : 0);
    const lowest = [...valued].sort((a, b) => a.value - b.value || byCode(a, b)).slice(0, size);
    const highest = [...valued].sort((a, b) => b.value - a.value || byCode(a, b)).slice(0, size);
    const ranked = (list: typeof valued) => list.map((r, i) => ({ rank: i + 1, value: r.value, row: r.row }));
    return { measure, level: at, asOf, units: units.length, unranked: units.length - valued.length, lowest: ranked(lowest), highest: ranked(highest) };
  }

  /** An open unit in the caller's scope (trends and rankings read today's tree). */
  private async openUnitInScope(ctx: RequestContext, unitId: string) {
    const actor = requireRole(ctx, REPORT_READERS);
    const unit = await ctx.loaders.unitById.load(parseUnitId(unitId, 'unitId'));
    if (!unit) throw DomainError.notFound('OrgUnit', unitId);
    if (!inScope(actor, unit.path)) throw forbidden();
    if (unit.validTo !== null) throw DomainError.badInput('unitId', 'report.restated.closed', { name: unit.name, date: unit.validTo });
    return { actor, unit };
  }

  /** Report rows of units from their counts: targets of this year and last, statistics, the derived percentages. */
  private async rows(em: EntityManager, units: OrgUnitEntity[], counts: Map<number, Counts>, scheme: Scheme, asOf: LocalDate): Promise<ReportRow[]> {
    const year = Number(asOf.slice(0, 4));
    const [targets, lastTargets, stats] = await Promise.all([
      this.targets(em, units.map((u) => u.id), year, scheme),
      this.targets(em, units.map((u) => u.id), year - 1, scheme),
      statisticsFor(em, units, year),
    ]);
    const row = (u: OrgUnitEntity, c: Counts): ReportRow => {
      const target = targets.get(u.id) ?? null;
      const pct = target ? achievementPct(c.participants, target) : null;
      const lastTarget = lastTargets.get(u.id) ?? null;
      const lastPct = lastTarget ? achievementPct(c.lastYear, lastTarget) : null;
      const s = stats.get(u.id);
      return {
        unit: u,
        participants: c.participants,
        target,
        achievementPct: pct,
        newParticipants: c.fresh,
        lapsed: c.lapsed,
        participantsAtYearStart: c.atYearStart,
        participantsLastYear: c.lastYear,
        growthSinceYearStart: c.participants - c.atYearStart,
        growthSinceYearStartPct: growthPct(c.participants, c.atYearStart),
        growthSinceLastYear: c.participants - c.lastYear,
        growthSinceLastYearPct: growthPct(c.participants, c.lastYear),
        lastYearAchievementPct: lastPct,
        pointsChangeSinceLastYear: pointsChange(lastPct, pct),
        duesFallingDue: c.due,
        duesPaidOnTime: c.onTime,
        onTimeRatePct: c.due ? achievementPct(c.onTime, c.due) : null,
        population: s?.population ?? null,
        healthInsured: s?.healthInsured ?? null,
        hiCoveragePct: s?.population && s.healthInsured !== null ? achievementPct(Math.min(s.healthInsured, s.population), s.population) : null,
        campaigns: c.campaigns,
        campaignEnrollments: c.campaignEnrollments,
      };
    };
    return units.map((u) => row(u, counts.get(u.id) ?? ZERO));
  }

  /** A closed unit is reported on when one of its successors is in the caller's scope (history of one's own area). */
  private async closedInScope(em: EntityManager, scopePath: string, unitId: number): Promise<boolean> {
    const [row] = await em.query(
      `SELECT 1 FROM org_unit_succession s JOIN org_unit u ON u.id = s.successor_id WHERE s.predecessor_id = $1 AND u.path LIKE $2 LIMIT 1`,
      [unitId, `${scopePath}%`],
    );
    return !!row;
  }

  /** The unit's ancestors from the top: today's, or as they stood on the date. */
  private async breadcrumb(em: EntityManager, unit: OrgUnitEntity, asOf: LocalDate | null): Promise<OrgUnitEntity[]> {
    if (asOf === null) {
      const ids = unit.path.split('/').filter(Boolean).map(Number).filter((id) => id !== unit.id);
      if (!ids.length) return [];
      const rows = await em.getRepository(OrgUnitEntity).createQueryBuilder('u').where('u.id IN (:...ids)', { ids }).getMany();
      return ids.map((id) => rows.find((r) => r.id === id)!).filter(Boolean);
    }
    const chain: { unit_id: number; depth: number }[] = await em.query(
      `WITH RECURSIVE up(unit_id, depth) AS (
         SELECT $1::int, 0
         UNION ALL
         SELECT s.parent_id, up.depth + 1 FROM up JOIN org_unit_parent s ON s.unit_id = up.unit_id AND s.valid_from <= $2::date AND (s.valid_to IS NULL OR s.valid_to >= $2::date) WHERE up.depth < 10)
       SELECT unit_id, depth FROM up WHERE depth > 0 ORDER BY depth DESC`,
      [unit.id, asOf],
    );
    if (!chain.length) return [];
    const rows = await em.getRepository(OrgUnitEntity).createQueryBuilder('u').where('u.id IN (:...ids)', { ids: chain.map((c) => c.unit_id) }).getMany();
    return chain.map((c) => rows.find((r) => r.id === c.unit_id)!).filter(Boolean);
  }

  private async targets(em: EntityManager, unitIds: number[], year: number, scheme: Scheme): Promise<Map<number, number>> {
    const rows: { unit_id: number; value: number }[] = await em.query(
      `SELECT unit_id, value FROM target WHERE unit_id = ANY($1) AND year = $2 AND scheme = $3 AND metric = 'PARTICIPANTS' AND quarter IS NULL AND month IS NULL`,
      [unitIds, year, scheme],
    );
    return new Map(rows.map((r) => [r.unit_id, r.value]));
  }

  /**
   * The counts per key unit, set-based: which key each hamlet (and commune) falls under — today by
   * path, or then by the parent spans — then participants on the date, at the start of the year, on
   * the same date last year, those who fell away since the start of the year, new ones, dues and
   * their on-time payment, campaigns and the enrollments credited to them.
   */
  private async counts(em: EntityManager, unit: OrgUnitEntity, keys: OrgUnitEntity[], scheme: Scheme, asOf: LocalDate, restate: boolean): Promise<Map<number, Counts>> {
    const year = asOf.slice(0, 4);
    const yearEnd = previousDay(`${year}-01-01`);
    const lastYear = sameDayLastYear(asOf);
    const keyIds = keys.map((k) => k.id);
    let placement: string;
    let params: unknown[];
    if (restate) {
      placement = `SELECT h.id AS start_id, k.id AS key FROM org_unit h JOIN unnest($1::int[], $2::text[]) AS k(id, path) ON h.path LIKE k.path || '%' WHERE h.level IN ('HAMLET', 'COMMUNE')`;
      params = [keyIds, keys.map((k) => k.path)];
    } else {
      const top = unit.level === 'COUNTRY' ? '/' : `/${unit.path.split('/').filter(Boolean).slice(0, 2).join('/')}/`;
      placement = `SELECT start_id, unit_id AS key FROM (${STOOD_SQL.replace(/\$2/g, '$3').replace(/\$1/g, '$2')}) s WHERE unit_id = ANY($1::int[])`;
      params = [keyIds, asOf, `${top}%`];
    }
    const n = params.length;
    const p = (i: number) => `$${n + i}`;
    const covered = (dateParam: string, monthStart: string, monthEnd: string) => `
      SELECT DISTINCT e.person_id FROM contribution_due d JOIN enrollment e ON e.id = d.enrollment_id
       WHERE e.scheme = ${p(1)} AND d.status IN ('PAID', 'LATE_PAID') AND d.settled_on <= ${dateParam}::date
         AND d.period_start <= ${monthEnd}::date AND d.period_end >= ${monthStart}::date AND e.person_id IN (SELECT person_id FROM people)`;
    const rows: (Counts & { key: number })[] = await em.query(
      `WITH placement AS (${placement}),
       people AS (SELECT p.id AS person_id, pl.key FROM person p JOIN placement pl ON pl.start_id = p.hamlet_id),
       now_c AS (${covered(p(2), p(3), p(4))}),
       start_c AS (${covered(p(5), p(6), p(7))}),
       last_c AS (${covered(p(8), p(9), p(10))}),
       fresh AS (
         SELECT DISTINCT e.person_id FROM enrollment e
          WHERE e.scheme = ${p(1)} AND e.start_date BETWEEN ${p(11)}::date AND ${p(2)}::date AND e.person_id IN (SELECT person_id FROM people)
            AND NOT EXISTS (SELECT 1 FROM enrollment e2 JOIN contribution_due d ON d.enrollment_id = e2.id
                             WHERE e2.person_id = e.person_id AND e2.scheme = e.scheme AND e2.id <> e.id AND d.status IN ('PAID', 'LATE_PAID')
                               AND d.period_start < e.start_date AND d.period_end >= (e.start_date - interval '3 months')::date)),
       per_person AS (
         SELECT pe.key,
                count(n.person_id)::int AS participants,
                count(s.person_id)::int AS "atYearStart",
                count(l.person_id)::int AS "lastYear",
                count(*) FILTER (WHERE s.person_id IS NOT NULL AND n.person_id IS NULL)::int AS lapsed,
                count(f.person_id)::int AS fresh
           FROM people pe
           LEFT JOIN now_c n ON n.person_id = pe.person_id
           LEFT JOIN start_c s ON s.person_id = pe.person_id
           LEFT JOIN last_c l ON l.person_id = pe.person_id
           LEFT JOIN fresh f ON f.person_id = pe.person_id
          GROUP BY pe.key),
       dues AS (
         SELECT pe.key, count(*)::int AS due, count(*) FILTER (WHERE d.status = 'PAID' AND d.settled_on <= d.due_date)::int AS "onTime"
           FROM people pe JOIN enrollment e ON e.person_id = pe.person_id AND e.scheme = ${p(1)}
           JOIN contribution_due d ON d.enrollment_id = e.id AND d.due_date BETWEEN ${p(11)}::date AND ${p(2)}::date AND d.status NOT IN ('WAIVED', 'CANCELLED')
          GROUP BY pe.key),
       camp AS (
         SELECT pl.key, count(DISTINCT c.id)::int AS campaigns FROM campaign c JOIN placement pl ON pl.start_id = c.commune_id
          WHERE c.status <> 'CANCELLED' AND EXISTS (SELECT 1 FROM campaign_session s WHERE s.campaign_id = c.id AND s.session_date BETWEEN ${p(11)}::date AND ${p(2)}::date)
          GROUP BY pl.key),
       credited AS (
         SELECT pe.key, count(*)::int AS "campaignEnrollments" FROM people pe JOIN enrollment e ON e.person_id = pe.person_id
          WHERE e.scheme = ${p(1)} AND e.campaign_id IS NOT NULL AND e.credited_on BETWEEN ${p(11)}::date AND ${p(2)}::date
          GROUP BY pe.key)
       SELECT k.key,
              COALESCE(pp.participants, 0) AS participants, COALESCE(pp."atYearStart", 0) AS "atYearStart", COALESCE(pp."lastYear", 0) AS "lastYear",
              COALESCE(pp.lapsed, 0) AS lapsed, COALESCE(pp.fresh, 0) AS fresh, COALESCE(d.due, 0) AS due, COALESCE(d."onTime", 0) AS "onTime",
              COALESCE(c.campaigns, 0) AS campaigns, COALESCE(cr."campaignEnrollments", 0) AS "campaignEnrollments"
         FROM unnest($1::int[]) AS k(key)
         LEFT JOIN per_person pp ON pp.key = k.key
         LEFT JOIN dues d ON d.key = k.key
         LEFT JOIN camp c ON c.key = k.key
         LEFT JOIN credited cr ON cr.key = k.key`,
      [
        ...params,
        scheme,
        asOf,
        firstDayOfMonth(monthOf(asOf)),
        lastDayOfMonth(monthOf(asOf)),
        yearEnd,
        firstDayOfMonth(monthOf(yearEnd)),
        lastDayOfMonth(monthOf(yearEnd)),
        lastYear,
        firstDayOfMonth(monthOf(lastYear)),
        lastDayOfMonth(monthOf(lastYear)),
        `${year}-01-01`,
      ],
    );
    return new Map(rows.map((r) => [Number(r.key), r]));
  }
}

export const reportService = new ReportService();
