import type { EntityManager } from 'typeorm';
import { firstDayOfMonth, lastDayOfMonth, monthOf, previousDay, type LocalDate, type Scheme } from '@bao-phu/domain';
import type { OrgUnitEntity } from '../org/org-unit.entity';

export interface Counts {
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

export const ZERO: Counts = { participants: 0, atYearStart: 0, lastYear: 0, lapsed: 0, fresh: 0, due: 0, onTime: 0, campaigns: 0, campaignEnrollments: 0 };

export const sameDayLastYear = (d: LocalDate) => `${Number(d.slice(0, 4)) - 1}${d.slice(4) === '-02-29' ? '-02-28' : d.slice(4)}`;

/**
 * Where each hamlet (and each commune, for campaigns) sat on a date, as a row per unit and each of
 * its ancestors then: the parent spans walked upwards from the units themselves. `$1` the date,
 * `$2` the path prefix the walk starts under (the province of the report today; '/' for the
 * country), so moves inside a province are followed.
 */
export const STOOD_SQL = `
  WITH RECURSIVE up(start_id, unit_id) AS (
    SELECT u.id, u.id FROM org_unit u
     WHERE u.level IN ('HAMLET', 'COMMUNE') AND u.path LIKE $2 AND u.valid_from <= $1::date
    UNION ALL
    SELECT up.start_id, s.parent_id FROM up
      JOIN org_unit_parent s ON s.unit_id = up.unit_id AND s.valid_from <= $1::date AND (s.valid_to IS NULL OR s.valid_to >= $1::date))
  SELECT start_id, unit_id FROM up`;

/**
 * The counts per key unit straight from persons, enrollments and dues — what the rollups must
 * equal (test/report-rollups.e2e.test.ts recounts with it). Set-based: which key each hamlet (and commune) falls under — today by
 * path, or then by the parent spans — then participants on the date, at the start of the year, on
 * the same date last year, those who fell away since the start of the year, new ones, dues and
 * their on-time payment, campaigns and the enrollments credited to them.
 */
export async function recountFromRaw(em: EntityManager, unit: OrgUnitEntity, keys: OrgUnitEntity[], scheme: Scheme, asOf: LocalDate, restate: boolean): Promise<Map<number, Counts>> {
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