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
 * Hamlet rows are computed from the raw rows (`rollup_compute`); every other unit's row is the sum
 * of its hamlets' (by today's paths). Statement-level triggers on contribution_due, enrollment and
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
    // Element-wise sums of int arrays; NULL is "nothing yet".
    await q.query(`
      CREATE FUNCTION rollup_add(a int[], b int[]) RETURNS int[] LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE WHEN a IS NULL THEN b WHEN b IS NULL THEN a
               ELSE (SELECT array_agg(coalesce(x, 0) + coalesce(y, 0) ORDER BY i) FROM unnest(a, b) WITH ORDINALITY AS t(x, y, i)) END
      $$`);
    await q.query(`
      CREATE FUNCTION rollup_sub(a int[], b int[]) RETURNS int[] LANGUAGE sql IMMUTABLE AS $$
        SELECT rollup_add(a, (SELECT array_agg(-x ORDER BY i) FROM unnest(b) WITH ORDINALITY AS t(x, i)))
      $$`);
    await q.query(`CREATE AGGREGATE rollup_sum(int[]) (SFUNC = rollup_add, STYPE = int[])`);

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

    // The hamlet rows of (hamlet, year) pairs, from persons, enrollments and dues.
    await q.query(`
      CREATE FUNCTION rollup_compute(p_hamlet int[], p_year int[])
      RETURNS TABLE (unit_id int, scheme varchar, month date, participants int[], retained int[], fresh int[], due int[], on_time int[], credited int[])
      LANGUAGE sql STABLE SET jit = off AS $$
        WITH keys AS (SELECT DISTINCT k.hamlet_id, k.year FROM unnest(p_hamlet, p_year) AS k(hamlet_id, year)),
        pe AS (SELECT p.id AS person_id, k.hamlet_id, k.year FROM keys k JOIN person p ON p.hamlet_id = k.hamlet_id),
        -- when each month from December before to December became covered, per person and scheme
        cov AS (
          SELECT pe.hamlet_id, pe.year, pe.person_id, e.scheme, m.month::date AS month, min(d.settled_on) AS first
            FROM pe JOIN enrollment e ON e.person_id = pe.person_id
            JOIN contribution_due d ON d.enrollment_id = e.id AND d.status IN ('PAID', 'LATE_PAID') AND d.settled_on IS NOT NULL
                 AND d.period_end >= make_date(pe.year - 1, 12, 1) AND d.period_start <= make_date(pe.year, 12, 31)
            CROSS JOIN LATERAL generate_series(date_trunc('month', greatest(d.period_start, make_date(pe.year - 1, 12, 1))),
                                               least(d.period_end, make_date(pe.year, 12, 31)), interval '1 month') AS m(month)
           GROUP BY 1, 2, 3, 4, 5),
        -- a payment settled after the month never counts for it (reports on a date count payments made by then)
        covered AS (
          SELECT c.*, CASE WHEN c.first < c.month THEN 1 ELSE extract(day FROM c.first)::int END AS day
            FROM cov c WHERE c.first < c.month + interval '1 month'),
        fresh AS (
          SELECT pe.hamlet_id, pe.year, e.scheme, min(e.start_date) AS start
            FROM pe JOIN enrollment e ON e.person_id = pe.person_id AND e.start_date BETWEEN make_date(pe.year, 1, 1) AND make_date(pe.year, 12, 31)
           WHERE NOT EXISTS (SELECT 1 FROM enrollment e2 JOIN contribution_due d ON d.enrollment_id = e2.id
                              WHERE e2.person_id = e.person_id AND e2.scheme = e.scheme AND e2.id <> e.id AND d.status IN ('PAID', 'LATE_PAID')
                                AND d.period_start < e.start_date AND d.period_end >= (e.start_date - interval '3 months')::date)
           GROUP BY pe.hamlet_id, pe.year, e.scheme, e.person_id),
        ev AS (
          SELECT c.hamlet_id, c.year, c.scheme, c.month, c.day, 1 AS p, (dec.person_id IS NOT NULL)::int AS r, 0 AS f, 0 AS du, 0 AS ot, 0 AS cr
            FROM covered c
            LEFT JOIN covered dec ON dec.person_id = c.person_id AND dec.scheme = c.scheme AND dec.year = c.year AND dec.month = make_date(c.year - 1, 12, 1)
           WHERE c.month >= make_date(c.year, 1, 1)
          UNION ALL
          SELECT f.hamlet_id, f.year, f.scheme, date_trunc('month', f.start)::date, extract(day FROM f.start)::int, 0, 0, 1, 0, 0, 0 FROM fresh f
          UNION ALL
          SELECT pe.hamlet_id, pe.year, e.scheme, date_trunc('month', d.due_date)::date, extract(day FROM d.due_date)::int,
                 0, 0, 0, 1, (d.status = 'PAID' AND d.settled_on <= d.due_date)::int, 0
            FROM pe JOIN enrollment e ON e.person_id = pe.person_id
            JOIN contribution_due d ON d.enrollment_id = e.id AND d.due_date BETWEEN make_date(pe.year, 1, 1) AND make_date(pe.year, 12, 31)
                 AND d.status NOT IN ('WAIVED', 'CANCELLED')
          UNION ALL
          SELECT pe.hamlet_id, pe.year, e.scheme, date_trunc('month', e.credited_on)::date, extract(day FROM e.credited_on)::int, 0, 0, 0, 0, 0, 1
            FROM pe JOIN enrollment e ON e.person_id = pe.person_id AND e.campaign_id IS NOT NULL
                 AND e.credited_on BETWEEN make_date(pe.year, 1, 1) AND make_date(pe.year, 12, 31)),
        daily AS (
          SELECT hamlet_id, year, scheme, month, day, sum(p) AS p, sum(r) AS r, sum(f) AS f, sum(du) AS du, sum(ot) AS ot, sum(cr) AS cr
            FROM ev GROUP BY 1, 2, 3, 4, 5),
        -- every day of the year of each (hamlet, year, scheme) with anything in it, so running sums carry
        grid AS (
          SELECT s.hamlet_id, s.year, s.scheme, m.month::date AS month, g.day
            FROM (SELECT DISTINCT hamlet_id, year, scheme FROM daily) s
            CROSS JOIN LATERAL generate_series(make_date(s.year, 1, 1), make_date(s.year, 12, 1), interval '1 month') AS m(month)
            CROSS JOIN LATERAL generate_series(1, extract(day FROM m.month + interval '1 month - 1 day')::int) AS g(day)),
        run AS (
          SELECT g.hamlet_id, g.scheme, g.month, g.day,
                 sum(coalesce(d.p, 0)) OVER mon AS p, sum(coalesce(d.r, 0)) OVER mon AS r,
                 sum(coalesce(d.f, 0)) OVER yr AS f, sum(coalesce(d.du, 0)) OVER yr AS du,
                 sum(coalesce(d.ot, 0)) OVER yr AS ot, sum(coalesce(d.cr, 0)) OVER yr AS cr
            FROM grid g
            LEFT JOIN daily d ON d.hamlet_id = g.hamlet_id AND d.year = g.year AND d.scheme = g.scheme AND d.month = g.month AND d.day = g.day
          WINDOW mon AS (PARTITION BY g.hamlet_id, g.scheme, g.month ORDER BY g.day),
                 yr AS (PARTITION BY g.hamlet_id, g.scheme, g.year ORDER BY g.month, g.day))
        SELECT hamlet_id, scheme, month,
               array_agg(p::int ORDER BY day), array_agg(r::int ORDER BY day), array_agg(f::int ORDER BY day),
               array_agg(du::int ORDER BY day), array_agg(ot::int ORDER BY day), array_agg(cr::int ORDER BY day)
          FROM run GROUP BY hamlet_id, scheme, month
      $$`);

    // Recompute (hamlet, year) pairs and add the difference to every unit on each hamlet's path.
    await q.query(`
      CREATE FUNCTION rollup_refresh(p_hamlet int[], p_year int[]) RETURNS void LANGUAGE sql SET jit = off AS $$
        WITH keys AS (SELECT DISTINCT k.hamlet_id, k.year FROM unnest(p_hamlet, p_year) AS k(hamlet_id, year)),
        fresh AS (SELECT * FROM rollup_compute(p_hamlet, p_year)),
        stale AS (
          SELECT r.* FROM report_rollup r JOIN keys k ON r.unit_id = k.hamlet_id
             AND r.month BETWEEN make_date(k.year, 1, 1) AND make_date(k.year, 12, 1)),
        delta AS (
          SELECT coalesce(n.unit_id, o.unit_id) AS hamlet_id, coalesce(n.scheme, o.scheme) AS scheme, coalesce(n.month, o.month) AS month,
                 rollup_sub(n.participants, o.participants) AS participants, rollup_sub(n.retained, o.retained) AS retained,
                 rollup_sub(n.fresh, o.fresh) AS fresh, rollup_sub(n.due, o.due) AS due,
                 rollup_sub(n.on_time, o.on_time) AS on_time, rollup_sub(n.credited, o.credited) AS credited
            FROM fresh n FULL JOIN stale o ON o.unit_id = n.unit_id AND o.scheme = n.scheme AND o.month = n.month
           WHERE n.participants IS DISTINCT FROM o.participants OR n.retained IS DISTINCT FROM o.retained OR n.fresh IS DISTINCT FROM o.fresh
              OR n.due IS DISTINCT FROM o.due OR n.on_time IS DISTINCT FROM o.on_time OR n.credited IS DISTINCT FROM o.credited),
        up AS (
          SELECT a.unit_id, d.scheme, d.month,
                 rollup_sum(d.participants) AS participants, rollup_sum(d.retained) AS retained, rollup_sum(d.fresh) AS fresh,
                 rollup_sum(d.due) AS due, rollup_sum(d.on_time) AS on_time, rollup_sum(d.credited) AS credited
            FROM delta d JOIN org_unit h ON h.id = d.hamlet_id
            CROSS JOIN LATERAL unnest(string_to_array(trim(BOTH '/' FROM h.path), '/')::int[]) AS a(unit_id)
           GROUP BY 1, 2, 3)
        INSERT INTO report_rollup AS r (unit_id, scheme, month, participants, retained, fresh, due, on_time, credited)
        SELECT unit_id, scheme, month, participants, retained, fresh, due, on_time, credited FROM up
        ON CONFLICT (unit_id, scheme, month) DO UPDATE SET
          participants = rollup_add(r.participants, excluded.participants), retained = rollup_add(r.retained, excluded.retained),
          fresh = rollup_add(r.fresh, excluded.fresh), due = rollup_add(r.due, excluded.due),
          on_time = rollup_add(r.on_time, excluded.on_time), credited = rollup_add(r.credited, excluded.credited)
      $$`);

    // The rows of every unit under (and including) a unit, summed again from its hamlets' rows.
    await q.query(`
      CREATE FUNCTION rollup_rederive(p_unit int) RETURNS void LANGUAGE plpgsql SET jit = off AS $$
      DECLARE root text;
      BEGIN
        SELECT path INTO root FROM org_unit WHERE id = p_unit;
        DELETE FROM report_rollup r USING org_unit u WHERE r.unit_id = u.id AND u.path LIKE root || '%' AND u.level <> 'HAMLET';
        INSERT INTO report_rollup (unit_id, scheme, month, participants, retained, fresh, due, on_time, credited)
        SELECT a.unit_id, r.scheme, r.month, rollup_sum(r.participants), rollup_sum(r.retained), rollup_sum(r.fresh),
               rollup_sum(r.due), rollup_sum(r.on_time), rollup_sum(r.credited)
          FROM report_rollup r JOIN org_unit h ON h.id = r.unit_id AND h.level = 'HAMLET' AND h.path LIKE root || '%'
          CROSS JOIN LATERAL unnest(string_to_array(trim(BOTH '/' FROM h.path), '/')::int[]) AS a(unit_id)
          JOIN org_unit au ON au.id = a.unit_id AND au.level <> 'HAMLET' AND au.path LIKE root || '%'
         GROUP BY 1, 2, 3;
      END $$`);

    // Everything again from the raw rows: the hamlets of every year with records, then the sums above them.
    await q.query(`
      CREATE FUNCTION rollup_rebuild() RETURNS void LANGUAGE plpgsql SET jit = off AS $$
      DECLARE h int[]; y int[]; top int;
      BEGIN
        DELETE FROM report_rollup;
        DELETE FROM report_rollup_pending;
        DELETE FROM report_rollup_dirty;
        SELECT array_agg(k.hamlet_id), array_agg(k.year) INTO h, y FROM (
          SELECT DISTINCT p.hamlet_id, g.year FROM person p JOIN enrollment e ON e.person_id = p.id
            JOIN contribution_due d ON d.enrollment_id = e.id
            CROSS JOIN LATERAL generate_series(extract(year FROM least(d.period_start, d.due_date, e.start_date))::int,
                                               extract(year FROM greatest(d.period_end, d.due_date))::int + 1) AS g(year)
          UNION
          SELECT DISTINCT p.hamlet_id, extract(year FROM e.credited_on)::int FROM person p JOIN enrollment e ON e.person_id = p.id WHERE e.credited_on IS NOT NULL
          UNION
          SELECT DISTINCT p.hamlet_id, extract(year FROM e.start_date)::int FROM person p JOIN enrollment e ON e.person_id = p.id) k;
        IF h IS NULL THEN RETURN; END IF;
        INSERT INTO report_rollup SELECT * FROM rollup_compute(h, y);
        FOR top IN SELECT id FROM org_unit WHERE parent_id IS NULL LOOP
          PERFORM rollup_rederive(top);
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
    for (const fn of ['rollup_flush()', 'rollup_note_persons()', 'rollup_note_enrollments()', 'rollup_note_dues()', 'rollup_rebuild()', 'rollup_rederive(int)', 'rollup_refresh(int[], int[])', 'rollup_compute(int[], int[])']) {
      await q.query(`DROP FUNCTION ${fn}`);
    }
    await q.query(`DROP INDEX ix_org_unit_parent_valid_to`);
    await q.query(`DROP INDEX ix_org_unit_parent_valid_from`);
    await q.query(`DROP TABLE report_rollup_dirty`);
    await q.query(`DROP TABLE report_rollup_pending`);
    await q.query(`DROP TABLE report_rollup`);
    await q.query(`DROP AGGREGATE rollup_sum(int[])`);
    await q.query(`DROP FUNCTION rollup_sub(int[], int[])`);
    await q.query(`DROP FUNCTION rollup_add(int[], int[])`);
  }
}
