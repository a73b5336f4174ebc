import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Report rollups: the drill-down reports read `report_rollup`, one row per unit (every level),
 * scheme and month, instead of scanning persons, enrollments and dues.
 *
 * Each row holds, for each day d of its month, counts as they stood at the end of day d:
 * - `participants[d]`: persons covered in the month by a payment settled by day d (DESIGN.md §6);
 * - `retained[d]`: those of them who were also covered on 31 December of the year before, so
 *   `lapsed = participants at the year's start − retained`;
 * - `fresh[d]`, `due[d]`, `on_time[d]`, `credited[d]`: since 1 January up to day d — new
 *   participants, dues falling due (waived and cancelled left out), of those paid by their due
 *   date, enrollments credited to a campaign.
 * A report on a date reads three rows per unit: the date's month, December of the year before,
 * the same month last year.
 *
 * Hamlet rows are computed from the raw rows (`rollup_points`: the value on day 1 and the days that
 * change, made dense by `rollup_apply`); every other unit's row is the sum of its hamlets' (by
 * today's paths). Statement-level triggers on contribution_due, enrollment and
 * person note which (hamlet, year) pairs a statement touched in `report_rollup_pending` (under the
 * transaction's id, so concurrent writers never share a note) and mark the transaction in
 * `report_rollup_dirty`, whose deferred constraint trigger fires once, at the end of the writing
 * transaction: it recomputes the pairs and adds the difference to every unit on the hamlet's path. So the rollups are current in the same
 * transaction as the writes, and a thousand payments in one transaction cost one refresh.
 * `SET baophu.rollup = 'off'` (seeding, bulk generators) skips the bookkeeping: run
 * `rollup_rebuild()` afterwards. `rollup_rederive(unit)` sums the hamlets again under a unit after
 * the tree changes.
 */
export class ReportRollups1795863600000 implements MigrationInterface {
  name = 'ReportRollups1795863600000';

  async up(q: QueryRunner): Promise<void> {
    // Concatenation of int arrays, in C: dense day arrays are built from runs (array_fill) joined end to end.
    await q.query(`CREATE AGGREGATE rollup_cat(int[]) (SFUNC = array_cat, STYPE = int[], INITCOND = '{}')`);

    await q.query(`
      CREATE TABLE report_rollup (
        unit_id int NOT NULL REFERENCES org_unit(id) ON DELETE CASCADE,
        scheme varchar(16) NOT NULL,
        month date NOT NULL,
        participants int[] NOT NULL,
        retained int[] NOT NULL,
        fresh int[] NOT NULL,
        due int[] NOT NULL,
        on_time int[] NOT NULL,
        credited int[] NOT NULL,
        CONSTRAINT pk_report_rollup PRIMARY KEY (unit_id, scheme, month)
      )`);
    await q.query(`
      CREATE TABLE report_rollup_pending (
        txid bigint NOT NULL,
        hamlet_id int NOT NULL,
        year int NOT NULL,
        CONSTRAINT pk_report_rollup_pending PRIMARY KEY (txid, hamlet_id, year)
      )`);
    // One row per writing transaction: its deferred trigger refreshes the transaction's pairs once.
    await q.query(`CREATE TABLE report_rollup_dirty (txid bigint NOT NULL, CONSTRAINT pk_report_rollup_dirty PRIMARY KEY (txid))`);

    // The hamlet rows of (hamlet, year) pairs, from persons, enrollments and dues, as increments:
    // for each month of the year, what the year-to-date counts carry in on day 1, and the change on
    // each day something happened (sparse rows; rollup_apply makes the dense arrays from them).
    await q.query(`
      CREATE FUNCTION rollup_points(p_hamlet int[], p_year int[])
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

    // The dense hamlet rows of (hamlet, year) pairs, without writing them (bulk loaders write them
    // in parallel chunks, then sum the levels above).
    await q.query(`
      CREATE FUNCTION rollup_compute(p_hamlet int[], p_year int[])
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

    // Adds increments (unit, scheme, month, day, change of each count from that day on) to the
    // dense rows, creating the rows that do not exist; the caller holds the rollup lock.
    await q.query(`
      CREATE FUNCTION rollup_apply(p_unit int[], p_scheme varchar[], p_month date[], p_day int[], p_p int[], p_r int[], p_f int[], p_du int[], p_ot int[], p_cr int[])
      RETURNS void LANGUAGE sql SET jit = off AS $$
        WITH inc AS (
          SELECT t.unit_id, t.scheme, t.month, t.day, sum(t.p) AS p, sum(t.r) AS r, sum(t.f) AS f, sum(t.du) AS du, sum(t.ot) AS ot, sum(t.cr) AS cr
            FROM unnest(p_unit, p_scheme, p_month, p_day, p_p, p_r, p_f, p_du, p_ot, p_cr) AS t(unit_id, scheme, month, day, p, r, f, du, ot, cr)
           GROUP BY 1, 2, 3, 4),
        targets AS (SELECT DISTINCT unit_id, scheme, month FROM inc),
        -- the rows there already, as increments too
        old AS (
          SELECT r.unit_id, r.scheme, r.month, t.i::int AS day,
                 t.p - coalesce(lag(t.p) OVER w, 0) AS p, t.r - coalesce(lag(t.r) OVER w, 0) AS r, t.f - coalesce(lag(t.f) OVER w, 0) AS f,
                 t.du - coalesce(lag(t.du) OVER w, 0) AS du, t.ot - coalesce(lag(t.ot) OVER w, 0) AS ot, t.cr - coalesce(lag(t.cr) OVER w, 0) AS cr
            FROM targets x JOIN report_rollup r ON r.unit_id = x.unit_id AND r.scheme = x.scheme AND r.month = x.month
            CROSS JOIN LATERAL unnest(r.participants, r.retained, r.fresh, r.due, r.on_time, r.credited) WITH ORDINALITY AS t(p, r, f, du, ot, cr, i)
          WINDOW w AS (PARTITION BY r.unit_id, r.scheme, r.month ORDER BY t.i)),
        total AS (
          SELECT unit_id, scheme, month, day, sum(p) AS p, sum(r) AS r, sum(f) AS f, sum(du) AS du, sum(ot) AS ot, sum(cr) AS cr
            FROM (SELECT * FROM inc UNION ALL SELECT * FROM old WHERE p <> 0 OR r <> 0 OR f <> 0 OR du <> 0 OR ot <> 0 OR cr <> 0) a
           GROUP BY 1, 2, 3, 4),
        runs AS (
          SELECT unit_id, scheme, month, day,
                 sum(p) OVER w AS p, sum(r) OVER w AS r, sum(f) OVER w AS f, sum(du) OVER w AS du, sum(ot) OVER w AS ot, sum(cr) OVER w AS cr,
                 coalesce(lead(day) OVER w, extract(day FROM month + interval '1 month - 1 day')::int + 1) - day AS len
            FROM total WINDOW w AS (PARTITION BY unit_id, scheme, month ORDER BY day)),
        dense AS (
          SELECT unit_id, scheme, month, min(day) AS first,
                 rollup_cat(array_fill(p::int, ARRAY[len]) ORDER BY day) AS p, rollup_cat(array_fill(r::int, ARRAY[len]) ORDER BY day) AS r,
                 rollup_cat(array_fill(f::int, ARRAY[len]) ORDER BY day) AS f, rollup_cat(array_fill(du::int, ARRAY[len]) ORDER BY day) AS du,
                 rollup_cat(array_fill(ot::int, ARRAY[len]) ORDER BY day) AS ot, rollup_cat(array_fill(cr::int, ARRAY[len]) ORDER BY day) AS cr
            FROM runs GROUP BY 1, 2, 3)
        INSERT INTO report_rollup AS r (unit_id, scheme, month, participants, retained, fresh, due, on_time, credited)
        SELECT unit_id, scheme, month, z || p, z || r, z || f, z || du, z || ot, z || cr
          FROM dense CROSS JOIN LATERAL (SELECT array_fill(0, ARRAY[first - 1]) AS z) zeros
        ON CONFLICT (unit_id, scheme, month) DO UPDATE SET
          participants = excluded.participants, retained = excluded.retained, fresh = excluded.fresh,
          due = excluded.due, on_time = excluded.on_time, credited = excluded.credited
      $$`);

    // Recompute (hamlet, year) pairs: the hamlets' rows are replaced, and every unit above each
    // hamlet gets the difference. One writer at a time (the lock is held to the end of the
    // transaction, which is when this runs): the units above are read and rewritten.
    await q.query(`
      CREATE FUNCTION rollup_refresh(p_hamlet int[], p_year int[]) RETURNS void LANGUAGE plpgsql SET jit = off AS $$
      DECLARE a_unit int[]; a_scheme varchar[]; a_month date[]; a_day int[]; a_p int[]; a_r int[]; a_f int[]; a_du int[]; a_ot int[]; a_cr int[];
      BEGIN
        PERFORM pg_advisory_xact_lock(7310, 1);
        WITH keys AS (SELECT DISTINCT k.hamlet_id, k.year FROM unnest(p_hamlet, p_year) AS k(hamlet_id, year)),
        fresh AS (SELECT * FROM rollup_points(p_hamlet, p_year)),
        fresh_inc AS (SELECT * FROM fresh),
        stale AS (
          SELECT h.unit_id, h.scheme, h.month, t.i::int AS day,
                 t.p - coalesce(lag(t.p) OVER w, 0) AS p, t.r - coalesce(lag(t.r) OVER w, 0) AS r, t.f - coalesce(lag(t.f) OVER w, 0) AS f,
                 t.du - coalesce(lag(t.du) OVER w, 0) AS du, t.ot - coalesce(lag(t.ot) OVER w, 0) AS ot, t.cr - coalesce(lag(t.cr) OVER w, 0) AS cr
            FROM keys k JOIN report_rollup h ON h.unit_id = k.hamlet_id AND h.month BETWEEN make_date(k.year, 1, 1) AND make_date(k.year, 12, 1)
            CROSS JOIN LATERAL unnest(h.participants, h.retained, h.fresh, h.due, h.on_time, h.credited) WITH ORDINALITY AS t(p, r, f, du, ot, cr, i)
          WINDOW w AS (PARTITION BY h.unit_id, h.scheme, h.month ORDER BY t.i)),
        delta AS (
          SELECT unit_id, scheme, month, day, sum(p) AS p, sum(r) AS r, sum(f) AS f, sum(du) AS du, sum(ot) AS ot, sum(cr) AS cr
            FROM (SELECT * FROM fresh_inc UNION ALL SELECT unit_id, scheme, month, day, -p, -r, -f, -du, -ot, -cr FROM stale) x
           GROUP BY 1, 2, 3, 4
          HAVING sum(p) <> 0 OR sum(r) <> 0 OR sum(f) <> 0 OR sum(du) <> 0 OR sum(ot) <> 0 OR sum(cr) <> 0),
        up AS (
          SELECT a.unit_id, d.scheme, d.month, d.day, d.p, d.r, d.f, d.du, d.ot, d.cr
            FROM delta d JOIN org_unit h ON h.id = d.unit_id
            CROSS JOIN LATERAL unnest(string_to_array(trim(BOTH '/' FROM h.path), '/')::int[]) AS a(unit_id))
        SELECT array_agg(unit_id), array_agg(scheme), array_agg(month), array_agg(day), array_agg(p::int), array_agg(r::int),
               array_agg(f::int), array_agg(du::int), array_agg(ot::int), array_agg(cr::int)
          INTO a_unit, a_scheme, a_month, a_day, a_p, a_r, a_f, a_du, a_ot, a_cr FROM up;
        IF a_unit IS NOT NULL THEN PERFORM rollup_apply(a_unit, a_scheme, a_month, a_day, a_p, a_r, a_f, a_du, a_ot, a_cr); END IF;
      END $$`);

    // The rows of every unit under (and including) a unit, summed again from its hamlets' rows.
    await q.query(`
      CREATE FUNCTION rollup_rederive(p_unit int) RETURNS void LANGUAGE plpgsql SET jit = off AS $$
      DECLARE v_root text; a_unit int[]; a_scheme varchar[]; a_month date[]; a_day int[]; a_p int[]; a_r int[]; a_f int[]; a_du int[]; a_ot int[]; a_cr int[];
      BEGIN
        PERFORM pg_advisory_xact_lock(7310, 1);
        SELECT path INTO v_root FROM org_unit WHERE id = p_unit;
        DELETE FROM report_rollup x USING org_unit o WHERE x.unit_id = o.id AND o.path LIKE v_root || '%' AND o.level <> 'HAMLET';
        WITH inc AS (
          SELECT h.unit_id, h.scheme, h.month, t.i::int AS day,
                 t.p - coalesce(lag(t.p) OVER w, 0) AS p, t.r - coalesce(lag(t.r) OVER w, 0) AS r, t.f - coalesce(lag(t.f) OVER w, 0) AS f,
                 t.du - coalesce(lag(t.du) OVER w, 0) AS du, t.ot - coalesce(lag(t.ot) OVER w, 0) AS ot, t.cr - coalesce(lag(t.cr) OVER w, 0) AS cr
            FROM report_rollup h JOIN org_unit o ON o.id = h.unit_id AND o.level = 'HAMLET' AND o.path LIKE v_root || '%'
            CROSS JOIN LATERAL unnest(h.participants, h.retained, h.fresh, h.due, h.on_time, h.credited) WITH ORDINALITY AS t(p, r, f, du, ot, cr, i)
          WINDOW w AS (PARTITION BY h.unit_id, h.scheme, h.month ORDER BY t.i)),
        up AS (
          SELECT a.unit_id, i.scheme, i.month, i.day, sum(i.p)::int AS p, sum(i.r)::int AS r, sum(i.f)::int AS f, sum(i.du)::int AS du, sum(i.ot)::int AS ot, sum(i.cr)::int AS cr
            FROM inc i JOIN org_unit h ON h.id = i.unit_id
            CROSS JOIN LATERAL unnest(string_to_array(trim(BOTH '/' FROM h.path), '/')::int[]) AS a(unit_id)
            JOIN org_unit au ON au.id = a.unit_id AND au.level <> 'HAMLET' AND au.path LIKE v_root || '%'
           WHERE i.p <> 0 OR i.r <> 0 OR i.f <> 0 OR i.du <> 0 OR i.ot <> 0 OR i.cr <> 0
           GROUP BY 1, 2, 3, 4)
        SELECT array_agg(unit_id), array_agg(scheme), array_agg(month), array_agg(day), array_agg(p), array_agg(r), array_agg(f), array_agg(du), array_agg(ot), array_agg(cr)
          INTO a_unit, a_scheme, a_month, a_day, a_p, a_r, a_f, a_du, a_ot, a_cr FROM up;
        IF a_unit IS NOT NULL THEN PERFORM rollup_apply(a_unit, a_scheme, a_month, a_day, a_p, a_r, a_f, a_du, a_ot, a_cr); END IF;
      END $$`);

    // Everything again from the raw rows, province by province: the hamlets of every year with
    // records, with the units above them.
    await q.query(`
      CREATE FUNCTION rollup_rebuild() RETURNS void LANGUAGE plpgsql SET jit = off AS $$
      DECLARE top record; a_hamlet int[]; a_year int[];
      BEGIN
        PERFORM pg_advisory_xact_lock(7310, 1);
        DELETE FROM report_rollup;
        DELETE FROM report_rollup_pending;
        DELETE FROM report_rollup_dirty;
        FOR top IN SELECT DISTINCT split_part(o.path, '/', 3) AS province FROM person p JOIN org_unit o ON o.id = p.hamlet_id LOOP
          SELECT array_agg(k.hamlet_id), array_agg(k.year) INTO a_hamlet, a_year FROM (
            SELECT DISTINCT p.hamlet_id, g.year FROM person p JOIN org_unit o ON o.id = p.hamlet_id AND split_part(o.path, '/', 3) = top.province
              JOIN enrollment e ON e.person_id = p.id
              LEFT JOIN contribution_due d ON d.enrollment_id = e.id
              CROSS JOIN LATERAL generate_series(extract(year FROM least(d.period_start, d.due_date, e.start_date))::int,
                                                 extract(year FROM greatest(d.period_end, d.due_date, e.credited_on, e.start_date))::int + 1) AS g(year)) k;
          IF a_hamlet IS NOT NULL THEN PERFORM rollup_refresh(a_hamlet, a_year); END IF;
        END LOOP;
      END $$`);

    // A report as the tree stood asks whether anything in the province moved after its date.
    await q.query(`CREATE INDEX ix_org_unit_parent_valid_from ON org_unit_parent (valid_from)`);
    await q.query(`CREATE INDEX ix_org_unit_parent_valid_to ON org_unit_parent (valid_to)`);

    // Bookkeeping: which (hamlet, year) pairs a statement touched.
    await q.query(`
      CREATE FUNCTION rollup_note_dues() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('baophu.rollup', true) = 'off' THEN RETURN NULL; END IF;
        IF TG_OP <> 'DELETE' THEN
          INSERT INTO report_rollup_pending (txid, hamlet_id, year)
          SELECT DISTINCT txid_current(), p.hamlet_id, g.year FROM rollup_new d JOIN enrollment e ON e.id = d.enrollment_id JOIN person p ON p.id = e.person_id
           CROSS JOIN LATERAL generate_series(extract(year FROM least(d.period_start, d.due_date))::int, extract(year FROM greatest(d.period_end, d.due_date))::int + 1) AS g(year)
          ON CONFLICT DO NOTHING;
        END IF;
        IF TG_OP <> 'INSERT' THEN
          INSERT INTO report_rollup_pending (txid, hamlet_id, year)
          SELECT DISTINCT txid_current(), p.hamlet_id, g.year FROM rollup_old d JOIN enrollment e ON e.id = d.enrollment_id JOIN person p ON p.id = e.person_id
           CROSS JOIN LATERAL generate_series(extract(year FROM least(d.period_start, d.due_date))::int, extract(year FROM greatest(d.period_end, d.due_date))::int + 1) AS g(year)
          ON CONFLICT DO NOTHING;
        END IF;
        INSERT INTO report_rollup_dirty VALUES (txid_current()) ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION rollup_note_enrollments() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('baophu.rollup', true) = 'off' THEN RETURN NULL; END IF;
        IF TG_OP <> 'DELETE' THEN
          INSERT INTO report_rollup_pending (txid, hamlet_id, year)
          SELECT DISTINCT txid_current(), p.hamlet_id, g.year FROM rollup_new e JOIN person p ON p.id = e.person_id
           CROSS JOIN LATERAL (VALUES (extract(year FROM e.start_date)::int), (extract(year FROM e.credited_on)::int)) AS g(year)
           WHERE g.year IS NOT NULL
          ON CONFLICT DO NOTHING;
        END IF;
        IF TG_OP <> 'INSERT' THEN
          INSERT INTO report_rollup_pending (txid, hamlet_id, year)
          SELECT DISTINCT txid_current(), p.hamlet_id, g.year FROM rollup_old e JOIN person p ON p.id = e.person_id
           CROSS JOIN LATERAL (VALUES (extract(year FROM e.start_date)::int), (extract(year FROM e.credited_on)::int)) AS g(year)
           WHERE g.year IS NOT NULL
          ON CONFLICT DO NOTHING;
          -- an enrollment's dues go with it (ON DELETE CASCADE) after this trigger's rows: note their years too
          IF TG_OP = 'DELETE' THEN
            INSERT INTO report_rollup_pending (txid, hamlet_id, year)
            SELECT DISTINCT txid_current(), p.hamlet_id, g.year FROM rollup_old e JOIN person p ON p.id = e.person_id
              JOIN contribution_due d ON d.enrollment_id = e.id
             CROSS JOIN LATERAL generate_series(extract(year FROM least(d.period_start, d.due_date))::int, extract(year FROM greatest(d.period_end, d.due_date))::int + 1) AS g(year)
            ON CONFLICT DO NOTHING;
          END IF;
        END IF;
        INSERT INTO report_rollup_dirty VALUES (txid_current()) ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    // A person moving to another hamlet takes every year of their records from one to the other.
    await q.query(`
      CREATE FUNCTION rollup_note_persons() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('baophu.rollup', true) = 'off' THEN RETURN NULL; END IF;
        INSERT INTO report_rollup_pending (txid, hamlet_id, year)
        SELECT DISTINCT txid_current(), h.hamlet_id, g.year
          FROM rollup_old o JOIN rollup_new n ON n.id = o.id AND n.hamlet_id IS DISTINCT FROM o.hamlet_id
          CROSS JOIN LATERAL (VALUES (o.hamlet_id), (n.hamlet_id)) AS h(hamlet_id)
          JOIN enrollment e ON e.person_id = n.id
          LEFT JOIN contribution_due d ON d.enrollment_id = e.id
          CROSS JOIN LATERAL generate_series(extract(year FROM least(d.period_start, d.due_date, e.start_date))::int,
                                             extract(year FROM greatest(d.period_end, d.due_date, e.credited_on, e.start_date))::int + 1) AS g(year)
         WHERE h.hamlet_id IS NOT NULL
        ON CONFLICT DO NOTHING;
        INSERT INTO report_rollup_dirty VALUES (txid_current()) ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    // At the end of the transaction: the pairs it noted, recomputed once.
    await q.query(`
      CREATE FUNCTION rollup_flush() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE h int[]; y int[];
      BEGIN
        DELETE FROM report_rollup_dirty WHERE txid = NEW.txid;
        WITH gone AS (DELETE FROM report_rollup_pending WHERE txid = NEW.txid RETURNING hamlet_id, year)
        SELECT array_agg(hamlet_id), array_agg(year) INTO h, y FROM gone;
        IF h IS NOT NULL THEN PERFORM rollup_refresh(h, y); END IF;
        RETURN NULL;
      END $$`);

    for (const [table, fn] of [
      ['contribution_due', 'rollup_note_dues'],
      ['enrollment', 'rollup_note_enrollments'],
    ] as const) {
      await q.query(`CREATE TRIGGER ${table}_rollup_ins AFTER INSERT ON ${table} REFERENCING NEW TABLE AS rollup_new FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
      await q.query(
        `CREATE TRIGGER ${table}_rollup_upd AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS rollup_old NEW TABLE AS rollup_new FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
      );
      await q.query(`CREATE TRIGGER ${table}_rollup_del AFTER DELETE ON ${table} REFERENCING OLD TABLE AS rollup_old FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
    }
    await q.query(
      `CREATE TRIGGER person_rollup_upd AFTER UPDATE ON person REFERENCING OLD TABLE AS rollup_old NEW TABLE AS rollup_new FOR EACH STATEMENT EXECUTE FUNCTION rollup_note_persons()`,
    );
    await q.query(
      `CREATE CONSTRAINT TRIGGER report_rollup_flush AFTER INSERT ON report_rollup_dirty DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION rollup_flush()`,
    );
    await q.query(`SELECT rollup_rebuild()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER report_rollup_flush ON report_rollup_dirty`);
    await q.query(`DROP TRIGGER person_rollup_upd ON person`);
    for (const table of ['contribution_due', 'enrollment']) {
      for (const op of ['ins', 'upd', 'del']) await q.query(`DROP TRIGGER ${table}_rollup_${op} ON ${table}`);
    }
    for (const fn of ['rollup_flush()', 'rollup_note_persons()', 'rollup_note_enrollments()', 'rollup_note_dues()', 'rollup_rebuild()', 'rollup_rederive(int)', 'rollup_refresh(int[], int[])', 'rollup_apply(int[], varchar[], date[], int[], int[], int[], int[], int[], int[], int[])', 'rollup_compute(int[], int[])', 'rollup_points(int[], int[])']) {
      await q.query(`DROP FUNCTION ${fn}`);
    }
    await q.query(`DROP INDEX ix_org_unit_parent_valid_to`);
    await q.query(`DROP INDEX ix_org_unit_parent_valid_from`);
    await q.query(`DROP TABLE report_rollup_dirty`);
    await q.query(`DROP TABLE report_rollup_pending`);
    await q.query(`DROP TABLE report_rollup`);
    await q.query(`DROP AGGREGATE rollup_cat(int[])`);
  }
}
