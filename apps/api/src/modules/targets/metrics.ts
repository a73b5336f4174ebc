import type { EntityManager } from 'typeorm';
import { firstDayOfMonth, lastDayOfMonth, monthOf, type LocalDate, type Scheme } from '@bao-phu/domain';

/** A unit as the metrics need it: its id and materialized path (its subtree is a prefix match). */
export interface UnitRef {
  id: number;
  path: string;
}

/** Paid dues count only once they are fully paid; a partly paid or waived due covers nothing. */
const PAID = `d.status IN ('PAID', 'LATE_PAID')`;

const unitsCte = `u AS (SELECT * FROM unnest($1::int[], $2::text[]) AS u(id, path))`;

function counts(rows: { id: number; n: number }[], units: readonly UnitRef[]): Map<number, number> {
  const map = new Map<number, number>(units.map((u) => [u.id, 0]));
  for (const r of rows) map.set(Number(r.id), Number(r.n));
  return map;
}

/**
 * Participants of each unit on a date (DESIGN.md §6): distinct persons living in the unit's subtree
 * with a fully paid due of the scheme covering the date's month, paid on or before the date (a
 * report for 13 June does not count a payment made on 28 June). Set-based: one statement for all
 * the units, whatever their number.
 */
export async function participantsAt(em: EntityManager, units: readonly UnitRef[], scheme: Scheme, date: LocalDate): Promise<Map<number, number>> {
  if (!units.length) return new Map();
  const month = monthOf(date);
  const rows: { id: number; n: number }[] = await em.query(
    `WITH ${unitsCte},
     covered AS (
       SELECT DISTINCT e.person_id, h.path
         FROM contribution_due d
         JOIN enrollment e ON e.id = d.enrollment_id
         JOIN person p ON p.id = e.person_id
         JOIN org_unit h ON h.id = p.hamlet_id
        WHERE e.scheme = $3 AND ${PAID} AND d.settled_on <= $6::date
          AND d.period_start <= $5::date AND d.period_end >= $4::date
          AND h.path LIKE ANY (SELECT u.path || '%' FROM u))
     SELECT u.id, count(c.person_id)::int AS n FROM u LEFT JOIN covered c ON c.path LIKE u.path || '%' GROUP BY u.id`,
    [units.map((u) => u.id), units.map((u) => u.path), scheme, firstDayOfMonth(month), lastDayOfMonth(month), date],
  );
  return counts(rows, units);
}

/**
 * New participants of each unit over [from, to] (DESIGN.md §6): persons whose enrollment in the
 * scheme began in the period with no paid coverage of the same scheme in the 3 months before it.
 */
export async function newParticipantsBetween(
  em: EntityManager,
  units: readonly UnitRef[],
  scheme: Scheme,
  from: LocalDate,
  to: LocalDate,
): Promise<Map<number, number>> {
  if (!units.length || to < from) return counts([], units);
  const rows: { id: number; n: number }[] = await em.query(
    `WITH ${unitsCte},
     fresh AS (
       SELECT DISTINCT e.person_id, h.path
         FROM enrollment e
         JOIN person p ON p.id = e.person_id
         JOIN org_unit h ON h.id = p.hamlet_id
        WHERE e.scheme = $3 AND e.start_date BETWEEN $4::date AND $5::date
          AND h.path LIKE ANY (SELECT u.path || '%' FROM u)
          AND NOT EXISTS (
                SELECT 1 FROM enrollment e2 JOIN contribution_due d ON d.enrollment_id = e2.id
                 WHERE e2.person_id = e.person_id AND e2.scheme = e.scheme AND e2.id <> e.id AND ${PAID}
                   AND d.period_start < e.start_date AND d.period_end >= (e.start_date - interval '3 months')::date))
     SELECT u.id, count(f.person_id)::int AS n FROM u LEFT JOIN fresh f ON f.path LIKE u.path || '%' GROUP BY u.id`,
    [units.map((u) => u.id), units.map((u) => u.path), scheme, from, to],
  );
  return counts(rows, units);
}

export interface Statistics {
  year: number | null;
  population: number | null;
  workingAgePopulation: number | null;
  households: number | null;
  healthInsured: number | null;
}

const EMPTY: Statistics = { year: null, population: null, workingAgePopulation: null, households: null, healthInsured: null };

/**
 * The statistics of each unit for a year: its own latest row of that year or before, or else the
 * sum of the rows of its nearest descendants that have one (a base office has no census of its own:
 * its communes do). Open units only, so a pre-2025 commune is not counted beside its successor.
 */
export async function statisticsFor(em: EntityManager, units: readonly UnitRef[], year: number): Promise<Map<number, Statistics>> {
  // In a transaction the rows may be its own, not committed yet: read them, keep nothing.
  if (em.queryRunner?.isTransactionActive) return walkStatistics(em, units, year);
  // One connection for the version and the walk: through the replica manager, each statement
  // could otherwise go to another replica, and one further behind would be kept under a newer version.
  // (An entity manager of a query runner already has one: a second one would wait for it, for
  // ever with PGlite's single connection.)
  const runner = em.queryRunner ? null : em.connection.createQueryRunner();
  try {
    const one = runner ? runner.manager : em;
    const [{ version }]: { version: string }[] = await one.query(`SELECT version::text AS version FROM statistics_version WHERE id = 1`);
    let kept = keptStatistics.get(em.connection.driver);
    if (!kept || BigInt(version) > BigInt(kept.version)) keptStatistics.set(em.connection.driver, (kept = { version, byKey: new Map() }));
    // A version older than the one kept (a replica behind the primary): read, keep nothing.
    if (kept.version !== version) return await walkStatistics(one, units, year);
    const missing = units.filter((u) => !kept!.byKey.has(`${year}:${u.id}`));
    if (missing.length) {
      const read = await walkStatistics(one, missing, year);
      if (kept.byKey.size + read.size > KEPT_MAX) kept.byKey.clear();
      for (const [id, stats] of read) kept.byKey.set(`${year}:${id}`, stats);
    }
    return new Map(units.map((u) => [u.id, { ...kept!.byKey.get(`${year}:${u.id}`)! }]));
  } finally {
    await runner?.release();
  }
}

/**
 * Statistics already summed, per unit and year, with the `statistics_version` they were read at
 * (the migration StatisticsVersion: a new version with every write of `unit_statistic` or
 * `org_unit`), per database: a report of the nation summed the rows of 3,321 communes every time
 * (40–60 ms of 95 ms on L), for figures that change once a year.
 */
const keptStatistics = new WeakMap<object, { version: string; byKey: Map<string, Statistics> }>();
/** Units × years kept at most (every hamlet of the country for one year is about 100,000). */
const KEPT_MAX = 200_000;

async function walkStatistics(em: EntityManager, units: readonly UnitRef[], year: number): Promise<Map<number, Statistics>> {
  const out = new Map<number, Statistics>(units.map((u) => [u.id, { ...EMPTY }]));
  // Level by level from each unit down, by id (the units' own rows, then their children's, …),
  // stopping for a unit at the first level with a row: a province reads its communes' rows without
  // touching its hamlets' (a scan of the subtree by path cost 40–80 ms a report).
  let frontier = new Map<number, number[]>(units.map((u) => [u.id, [u.id]]));
  /** Units below the first level that are closed: walked through, their own rows not counted. */
  const closed = new Set<number>();
  for (let level = 0; frontier.size && level < 8; level++) {
    const ids = [...new Set([...frontier.values()].flat())].filter((id) => !closed.has(id));
    // The units asked for are checked open here; those below were by the children's query (no
    // join of thousands of rows back to org_unit: at the nation that join was a third of the time).
    const rows: { unit_id: number; year: number; population: number | null; working_age_population: number | null; households: number | null; health_insured: number | null }[] =
      await em.query(
        level === 0
          ? `SELECT DISTINCT ON (s.unit_id) s.unit_id, s.year, s.population, s.working_age_population, s.households, s.health_insured
               FROM unit_statistic s JOIN org_unit o ON o.id = s.unit_id
              WHERE s.unit_id = ANY($1::int[]) AND s.year <= $2 AND o.valid_to IS NULL
              ORDER BY s.unit_id, s.year DESC`
          : `SELECT DISTINCT ON (s.unit_id) s.unit_id, s.year, s.population, s.working_age_population, s.households, s.health_insured
               FROM unit_statistic s
              WHERE s.unit_id = ANY($1::int[]) AND s.year <= $2
              ORDER BY s.unit_id, s.year DESC`,
        [ids, year],
      );
    const byId = new Map(rows.map((r) => [r.unit_id, r]));
    const deeper: [number, number[]][] = [];
    for (const [unitId, at] of frontier) {
      const chosen = at.map((id) => byId.get(id)).filter((r): r is (typeof rows)[number] => !!r);
      if (!chosen.length) {
        deeper.push([unitId, at]);
        continue;
      }
      const sum = (pick: (r: (typeof rows)[number]) => number | null) =>
        chosen.some((r) => pick(r) !== null) ? chosen.reduce((n, r) => n + (pick(r) ?? 0), 0) : null;
      out.set(unitId, {
        year: Math.max(...chosen.map((r) => r.year)),
        population: sum((r) => r.population),
        workingAgePopulation: sum((r) => r.working_age_population),
        households: sum((r) => r.households),
        healthInsured: sum((r) => r.health_insured),
      });
    }
    if (!deeper.length) break;
    // Children by today's parent (closed ones too: an open unit under a closed one still counts, as by path).
    const children: { id: number; parent_id: number; open: boolean }[] = await em.query(`SELECT id, parent_id, valid_to IS NULL AS open FROM org_unit WHERE parent_id = ANY($1::int[])`, [
      [...new Set(deeper.flatMap(([, at]) => at))],
    ]);
    const byParent = new Map<number, number[]>();
    for (const c of children) {
      byParent.set(c.parent_id, [...(byParent.get(c.parent_id) ?? []), c.id]);
      if (!c.open) closed.add(c.id);
    }
    frontier = new Map();
    for (const [unitId, at] of deeper) {
      const next = at.flatMap((id) => byParent.get(id) ?? []);
      if (next.length) frontier.set(unitId, next);
    }
  }
  return out;
}

/**
 * People not yet covered: for voluntary SI the working-age population without voluntary SI, for
 * household HI the population without any health insurance. Null when the statistic is missing.
 */
export function potentialOf(scheme: Scheme, stats: Statistics, participants: number): number | null {
  if (scheme === 'VOLUNTARY_SI') return stats.workingAgePopulation === null ? null : Math.max(0, stats.workingAgePopulation - participants);
  if (stats.population === null || stats.healthInsured === null) return null;
  return Math.max(0, stats.population - stats.healthInsured);
}
