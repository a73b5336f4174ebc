import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `rollup_points` and `rollup_compute` faster, with the same rows (checked on the generator's S
 * database: every base office's points, and the whole `report_rollup` table, identical before and
 * after). They run at every writing transaction's commit (rollup_refresh) and in the bulk builds
 * (the generator: a base office's hamlets at a time).
 *
 * What a bulk call cost, and what changed (a base office of S, 420 hamlets, 2,832 (hamlet, year)
 * pairs, 34,000 enrollments, 282,000 dues, 396,000 covered months):
 * - The statement of a SQL function is planned without its arguments: `unnest(p_hamlet, p_year)` is
 *   10 rows to the planner whatever the call, so every estimate after it was 10–1,000 times too low,
 *   and the plan sorted (GroupAggregate, merge joins) where hashing is cheaper: the day counts
 *   sorted 673,000 rows on five keys, the year-to-date sums joined each month to all the months of
 *   its (hamlet, year, scheme) and filtered 1.7 million rows, and a join on the keys multiplied the
 *   covered months by the years asked before filtering them. Now: `SET enable_sort = off` (hash
 *   aggregates and hash joins; the windows still sort), the reads through the indexes forced
 *   (`LATERAL … OFFSET 0`, one table at a time, and the new-participant test as probes: a hash of
 *   all of `enrollment` or `contribution_due` per call grows with the country, not with the call;
 *   on a database not analyzed yet, as the generator's while it loads, the old text did just that
 *   and took 10–13 s of CPU per base office of M where this takes 2.4–5.5), and no join on the keys
 *   at all: each hamlet's years asked travel with its rows as an array (`year = ANY (years)`), the
 *   months of the year-to-date sums are joined on all their keys.
 * - A due covering one month (most of them) gives its month without `generate_series`; the months
 *   are `timestamp`, not `timestamptz` (no time zone rules per row); `scheme` compares as "C"; the
 *   day counts group by month without the year (the month says it).
 * - `rollup_compute` joins each month's runs end to end with one window in day order instead of six
 *   ordered aggregates (six sorts per month).
 *
 * At a commit, the largest hamlet of the demo (two years): rollup_refresh 36–40 ms instead of 66–84.
 */
export class RollupPointsSpeed1795863800000 implements MigrationInterface {
  name = 'RollupPointsSpeed1795863800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION rollup_points(p_hamlet int[], p_year int[])
      RETURNS TABLE (unit_id int, scheme varchar, month date, day int, p int, r int, f int, du int, ot int, cr int)
      LANGUAGE sql STABLE SET jit = off SET enable_sort = off AS $$
        -- each hamlet once, with the years asked for it: its rows carry them (year = ANY (years)) instead of joining the keys again
        WITH keys AS (SELECT k.hamlet_id, array_agg(DISTINCT k.year) AS years FROM unnest(p_hamlet, p_year) AS k(hamlet_id, year) GROUP BY 1),
        -- each person, enrollment and due of the hamlets read once, through the indexes (OFFSET 0 keeps the nested loop
        -- whatever the estimates: a hash of the whole table per call costs what the country costs, not what the call asks)
        en AS (
          SELECT e.hamlet_id, k.years, e.id, e.person_id, e.scheme COLLATE "C" AS scheme, e.start_date, e.campaign_id, e.credited_on
            FROM keys k
           CROSS JOIN LATERAL (SELECT p.id FROM person p WHERE p.hamlet_id = k.hamlet_id OFFSET 0) p
           CROSS JOIN LATERAL (SELECT e.hamlet_id, e.id, e.person_id, e.scheme, e.start_date, e.campaign_id, e.credited_on
                                 FROM (SELECT k.hamlet_id, e.* FROM enrollment e WHERE e.person_id = p.id OFFSET 0) e) e),
        du AS (
          SELECT en.hamlet_id, en.years, en.person_id, en.scheme, d.period_start, d.period_end, d.due_date, d.status, d.settled_on
            FROM en CROSS JOIN LATERAL (SELECT d.period_start, d.period_end, d.due_date, d.status, d.settled_on
                                          FROM contribution_due d WHERE d.enrollment_id = en.id OFFSET 0) d),
        -- the months each paid due covers (from the month of its start to its end): one without generate_series when it covers one
        paid AS (
          SELECT x.hamlet_id, x.years, x.person_id, x.scheme, x.settled_on, x.period_end, date_trunc('month', x.period_start::timestamp) AS start
            FROM du x WHERE x.status IN ('PAID', 'LATE_PAID') AND x.settled_on IS NOT NULL),
        months AS (
          SELECT x.hamlet_id, x.years, x.person_id, x.scheme, x.settled_on, x.start AS month
            FROM paid x WHERE x.period_end >= x.start AND x.period_end < x.start + interval '1 month'
          UNION ALL
          SELECT x.hamlet_id, x.years, x.person_id, x.scheme, x.settled_on, m.month
            FROM paid x CROSS JOIN LATERAL generate_series(x.start, x.period_end::timestamp, interval '1 month') AS m(month)
           WHERE x.period_end >= x.start + interval '1 month'),
        -- when each month became covered, per person and scheme: the months of the years asked (asked), and the December before each
        cov AS (
          SELECT x.hamlet_id, x.person_id, x.scheme, x.month::date AS month, min(x.settled_on) AS first,
                 bool_or(date_part('year', x.month)::int = ANY (x.years)) AS asked
            FROM months x
           WHERE date_part('year', x.month)::int = ANY (x.years) OR (date_part('month', x.month) = 12 AND date_part('year', x.month)::int + 1 = ANY (x.years))
           GROUP BY 1, 2, 3, 4),
        -- a payment settled after the month never counts for it (reports on a date count payments made by then)
        covered AS (
          SELECT c.*, CASE WHEN c.first < c.month THEN 1 ELSE date_part('day', c.first)::int END AS day
            FROM cov c WHERE c.first < c.month + interval '1 month'),
        fresh AS (
          SELECT e.hamlet_id, e.scheme, min(e.start_date) AS start
            FROM en e
           WHERE date_part('year', e.start_date)::int = ANY (e.years)
             -- a probe per enrollment through the indexes (OFFSET 0: never a join of the whole tables, whatever the statistics)
             AND NOT EXISTS (SELECT 1 FROM enrollment e2
                              WHERE e2.person_id = e.person_id AND e2.scheme = e.scheme AND e2.id <> e.id
                                AND EXISTS (SELECT 1 FROM contribution_due d
                                             WHERE d.enrollment_id = e2.id AND d.status IN ('PAID', 'LATE_PAID')
                                               AND d.period_start < e.start_date AND d.period_end >= (e.start_date - interval '3 months')::date OFFSET 0)
                              OFFSET 0)
           GROUP BY e.hamlet_id, date_part('year', e.start_date), e.scheme, e.person_id),
        -- (hamlet, scheme, month) says the year: the month of an event is in the year it counts for
        ev AS (
          SELECT c.hamlet_id, c.scheme, c.month, c.day, 1 AS p, (dec.person_id IS NOT NULL)::int AS r, 0 AS f, 0 AS du, 0 AS ot, 0 AS cr
            FROM covered c
            LEFT JOIN covered dec ON dec.person_id = c.person_id AND dec.scheme = c.scheme AND dec.month = make_date(date_part('year', c.month)::int - 1, 12, 1)
           WHERE c.asked
          UNION ALL
          SELECT f.hamlet_id, f.scheme, date_trunc('month', f.start)::date, date_part('day', f.start)::int, 0, 0, 1, 0, 0, 0 FROM fresh f
          UNION ALL
          SELECT x.hamlet_id, x.scheme, date_trunc('month', x.due_date)::date, date_part('day', x.due_date)::int,
                 0, 0, 0, 1, (x.status = 'PAID' AND x.settled_on <= x.due_date)::int, 0
            FROM du x
           WHERE x.status NOT IN ('WAIVED', 'CANCELLED') AND date_part('year', x.due_date)::int = ANY (x.years)
          UNION ALL
          SELECT e.hamlet_id, e.scheme, date_trunc('month', e.credited_on)::date, date_part('day', e.credited_on)::int, 0, 0, 0, 0, 0, 1
            FROM en e
           WHERE e.campaign_id IS NOT NULL AND date_part('year', e.credited_on)::int = ANY (e.years)),
        daily AS (
          SELECT hamlet_id, scheme, month, day, sum(p)::int AS p, sum(r)::int AS r, sum(f)::int AS f, sum(du)::int AS du, sum(ot)::int AS ot, sum(cr)::int AS cr
            FROM ev GROUP BY 1, 2, 3, 4),
        -- what the year-to-date counts carry into each month: the months before it, summed (each month of the year joined to its own sums only)
        msum AS (
          SELECT hamlet_id, scheme, month, sum(f)::int AS f, sum(du)::int AS du, sum(ot)::int AS ot, sum(cr)::int AS cr FROM daily GROUP BY 1, 2, 3),
        monthly AS (
          SELECT s.hamlet_id, s.year, s.scheme, m.month,
                 coalesce(d.f, 0) AS f, coalesce(d.du, 0) AS du, coalesce(d.ot, 0) AS ot, coalesce(d.cr, 0) AS cr
            FROM (SELECT DISTINCT hamlet_id, date_part('year', month)::int AS year, scheme FROM msum) s
            CROSS JOIN LATERAL (SELECT make_date(s.year, i, 1) AS month FROM generate_series(1, 12) AS i) m
            LEFT JOIN msum d ON d.hamlet_id = s.hamlet_id AND d.scheme = s.scheme AND d.month = m.month),
        carry AS (
          SELECT hamlet_id, scheme, month,
                 (sum(f) OVER w - f)::int AS f, (sum(du) OVER w - du)::int AS du, (sum(ot) OVER w - ot)::int AS ot, (sum(cr) OVER w - cr)::int AS cr
            FROM monthly WINDOW w AS (PARTITION BY hamlet_id, year, scheme ORDER BY month))
        SELECT hamlet_id, scheme::varchar, month, day, sum(p)::int, sum(r)::int, sum(f)::int, sum(du)::int, sum(ot)::int, sum(cr)::int
          FROM (SELECT hamlet_id, scheme, month, 1 AS day, 0 AS p, 0 AS r, f, du, ot, cr FROM carry
                UNION ALL
                SELECT hamlet_id, scheme, month, day, p, r, f, du, ot, cr FROM daily) x
         GROUP BY 1, 2, 3, 4
      $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION rollup_compute(p_hamlet int[], p_year int[])
      RETURNS TABLE (unit_id int, scheme varchar, month date, participants int[], retained int[], fresh int[], due int[], on_time int[], credited int[])
      LANGUAGE sql STABLE SET jit = off AS $$
        WITH runs AS (
          SELECT unit_id, scheme, month, day,
                 sum(p) OVER w AS p, sum(r) OVER w AS r, sum(f) OVER w AS f, sum(du) OVER w AS du, sum(ot) OVER w AS ot, sum(cr) OVER w AS cr,
                 coalesce(lead(day) OVER w, extract(day FROM month + interval '1 month - 1 day')::int + 1) - day AS len
            FROM rollup_points(p_hamlet, p_year) WINDOW w AS (PARTITION BY unit_id, scheme, month ORDER BY day)),
        -- the runs joined end to end in the window's order (day), read once per month from its row of
        -- day 1 (every month rollup_points gives starts on day 1: what the year carries in)
        dense AS (
          SELECT unit_id, scheme, month, day,
                 rollup_cat(array_fill(p::int, ARRAY[len])) OVER a AS participants, rollup_cat(array_fill(r::int, ARRAY[len])) OVER a AS retained,
                 rollup_cat(array_fill(f::int, ARRAY[len])) OVER a AS fresh, rollup_cat(array_fill(du::int, ARRAY[len])) OVER a AS due,
                 rollup_cat(array_fill(ot::int, ARRAY[len])) OVER a AS on_time, rollup_cat(array_fill(cr::int, ARRAY[len])) OVER a AS credited
            FROM runs WINDOW a AS (PARTITION BY unit_id, scheme, month ORDER BY day ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING))
        SELECT unit_id, scheme, month, participants, retained, fresh, due, on_time, credited FROM dense WHERE day = 1
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    // As 1795863600000 made them (CREATE OR REPLACE keeps the grants and what depends on them; the SET of enable_sort goes with the old text).
    await q.query(`
      CREATE OR REPLACE FUNCTION rollup_points(p_hamlet int[], p_year int[])
      RETURNS TABLE (unit_id int, scheme varchar, month date, day int, p int, r int, f int, du int, ot int, cr int)
      LANGUAGE sql STABLE SET jit = off AS $$
        WITH keys AS (SELECT DISTINCT k.hamlet_id, k.year FROM unnest(p_hamlet, p_year) AS k(hamlet_id, year)),
        -- each person, enrollment and due of the hamlets read once (not once per year asked)
        en AS (
          SELECT p.hamlet_id, e.id, e.person_id, e.scheme, e.start_date, e.campaign_id, e.credited_on
            FROM (SELECT DISTINCT hamlet_id FROM keys) h JOIN person p ON p.hamlet_id = h.hamlet_id JOIN enrollment e ON e.person_id = p.id),
        du AS (
          SELECT en.hamlet_id, en.person_id, en.scheme, d.enrollment_id, d.period_start, d.period_end, d.due_date, d.status, d.settled_on
            FROM en JOIN contribution_due d ON d.enrollment_id = en.id),
        -- when each month became covered, per person and scheme: the months of the years asked, and the December before each
        cov AS (
          SELECT x.hamlet_id, x.person_id, x.scheme, m.month::date AS month, min(x.settled_on) AS first
            FROM du x CROSS JOIN LATERAL generate_series(date_trunc('month', x.period_start), x.period_end, interval '1 month') AS m(month)
           WHERE x.status IN ('PAID', 'LATE_PAID') AND x.settled_on IS NOT NULL
             AND EXISTS (SELECT 1 FROM keys k WHERE k.hamlet_id = x.hamlet_id
                          AND (k.year = extract(year FROM m.month)::int OR m.month = make_date(k.year - 1, 12, 1)))
           GROUP BY 1, 2, 3, 4),
        -- a payment settled after the month never counts for it (reports on a date count payments made by then)
        covered AS (
          SELECT c.*, CASE WHEN c.first < c.month THEN 1 ELSE extract(day FROM c.first)::int END AS day
            FROM cov c WHERE c.first < c.month + interval '1 month'),
        fresh AS (
          SELECT e.hamlet_id, extract(year FROM e.start_date)::int AS year, e.scheme, min(e.start_date) AS start
            FROM en e JOIN keys k ON k.hamlet_id = e.hamlet_id AND k.year = extract(year FROM e.start_date)::int
           WHERE NOT EXISTS (SELECT 1 FROM enrollment e2 JOIN contribution_due d ON d.enrollment_id = e2.id
                              WHERE e2.person_id = e.person_id AND e2.scheme = e.scheme AND e2.id <> e.id AND d.status IN ('PAID', 'LATE_PAID')
                                AND d.period_start < e.start_date AND d.period_end >= (e.start_date - interval '3 months')::date)
           GROUP BY 1, 2, 3, e.person_id),
        ev AS (
          SELECT c.hamlet_id, k.year, c.scheme, c.month, c.day, 1 AS p, (dec.person_id IS NOT NULL)::int AS r, 0 AS f, 0 AS du, 0 AS ot, 0 AS cr
            FROM covered c JOIN keys k ON k.hamlet_id = c.hamlet_id AND k.year = extract(year FROM c.month)::int
            LEFT JOIN covered dec ON dec.person_id = c.person_id AND dec.scheme = c.scheme AND dec.month = make_date(k.year - 1, 12, 1)
          UNION ALL
          SELECT f.hamlet_id, f.year, f.scheme, date_trunc('month', f.start)::date, extract(day FROM f.start)::int, 0, 0, 1, 0, 0, 0 FROM fresh f
          UNION ALL
          SELECT x.hamlet_id, k.year, x.scheme, date_trunc('month', x.due_date)::date, extract(day FROM x.due_date)::int,
                 0, 0, 0, 1, (x.status = 'PAID' AND x.settled_on <= x.due_date)::int, 0
            FROM du x JOIN keys k ON k.hamlet_id = x.hamlet_id AND k.year = extract(year FROM x.due_date)::int
           WHERE x.status NOT IN ('WAIVED', 'CANCELLED')
          UNION ALL
          SELECT e.hamlet_id, k.year, e.scheme, date_trunc('month', e.credited_on)::date, extract(day FROM e.credited_on)::int, 0, 0, 0, 0, 0, 1
            FROM en e JOIN keys k ON k.hamlet_id = e.hamlet_id AND k.year = extract(year FROM e.credited_on)::int
           WHERE e.campaign_id IS NOT NULL),
        daily AS (
          SELECT hamlet_id, year, scheme, month, day, sum(p)::int AS p, sum(r)::int AS r, sum(f)::int AS f, sum(du)::int AS du, sum(ot)::int AS ot, sum(cr)::int AS cr
            FROM ev GROUP BY 1, 2, 3, 4, 5),
        -- what the year-to-date counts carry into each month: the months before it, summed
        monthly AS (
          SELECT s.hamlet_id, s.year, s.scheme, m.month::date AS month,
                 coalesce(sum(d.f), 0)::int AS f, coalesce(sum(d.du), 0)::int AS du, coalesce(sum(d.ot), 0)::int AS ot, coalesce(sum(d.cr), 0)::int AS cr
            FROM (SELECT DISTINCT hamlet_id, year, scheme FROM daily) s
            CROSS JOIN LATERAL generate_series(make_date(s.year, 1, 1), make_date(s.year, 12, 1), interval '1 month') AS m(month)
            LEFT JOIN daily d ON d.hamlet_id = s.hamlet_id AND d.year = s.year AND d.scheme = s.scheme AND d.month = m.month
           GROUP BY 1, 2, 3, 4),
        carry AS (
          SELECT hamlet_id, scheme, month,
                 (sum(f) OVER w - f)::int AS f, (sum(du) OVER w - du)::int AS du, (sum(ot) OVER w - ot)::int AS ot, (sum(cr) OVER w - cr)::int AS cr
            FROM monthly WINDOW w AS (PARTITION BY hamlet_id, year, scheme ORDER BY month))
        SELECT hamlet_id, scheme, month, day, sum(p)::int, sum(r)::int, sum(f)::int, sum(du)::int, sum(ot)::int, sum(cr)::int
          FROM (SELECT hamlet_id, scheme, month, 1 AS day, 0 AS p, 0 AS r, f, du, ot, cr FROM carry
                UNION ALL
                SELECT hamlet_id, scheme, month, day, p, r, f, du, ot, cr FROM daily) x
         GROUP BY 1, 2, 3, 4
      $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION rollup_compute(p_hamlet int[], p_year int[])
      RETURNS TABLE (unit_id int, scheme varchar, month date, participants int[], retained int[], fresh int[], due int[], on_time int[], credited int[])
      LANGUAGE sql STABLE SET jit = off AS $$
        WITH runs AS (
          SELECT unit_id, scheme, month, day,
                 sum(p) OVER w AS p, sum(r) OVER w AS r, sum(f) OVER w AS f, sum(du) OVER w AS du, sum(ot) OVER w AS ot, sum(cr) OVER w AS cr,
                 coalesce(lead(day) OVER w, extract(day FROM month + interval '1 month - 1 day')::int + 1) - day AS len
            FROM rollup_points(p_hamlet, p_year) WINDOW w AS (PARTITION BY unit_id, scheme, month ORDER BY day))
        -- every month rollup_points gives starts on day 1 (what the year carries in)
        SELECT unit_id, scheme, month,
               rollup_cat(array_fill(p::int, ARRAY[len]) ORDER BY day), rollup_cat(array_fill(r::int, ARRAY[len]) ORDER BY day),
               rollup_cat(array_fill(f::int, ARRAY[len]) ORDER BY day), rollup_cat(array_fill(du::int, ARRAY[len]) ORDER BY day),
               rollup_cat(array_fill(ot::int, ARRAY[len]) ORDER BY day), rollup_cat(array_fill(cr::int, ARRAY[len]) ORDER BY day)
          FROM runs GROUP BY unit_id, scheme, month
      $$`);
  }
}
