import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bulk writers refresh the report rollups after their commit, not in it.
 *
 * A transaction that sets `baophu.rollup = 'deferred'` (SET LOCAL; the imports do) still notes its
 * (hamlet, year) pairs in `report_rollup_pending`, but its flush at commit leaves them there: they
 * commit with its rows. `rollup_catch_up(n)` then refreshes the pairs of up to n hamlets that
 * committed transactions left and returns how many hamlets it did; called in a loop, one
 * transaction per call, so the rollup lock (which every writing transaction's commit takes) is
 * held for a fraction of a second at a time instead of the many seconds an import of 100,000
 * enrollments in 5,000 hamlets costs in one go.
 *
 * Only committed pairs are seen (READ COMMITTED): a transaction still running refreshes its own at
 * its commit, or leaves them for the next catch-up. A refresh recomputes a hamlet's year from the
 * raw rows, so a pair refreshed late, twice, or after other writers touched the same hamlet gives
 * the same rows as one refreshed at once.
 *
 * Also: a deleted enrollment notes every year its dues counted in (it noted none past its start).
 */
const NOTE_ENROLLMENTS = (deleted: string) => `
      CREATE OR REPLACE FUNCTION rollup_note_enrollments() RETURNS trigger LANGUAGE plpgsql AS $$
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
          IF TG_OP = 'DELETE' THEN
            INSERT INTO report_rollup_pending (txid, hamlet_id, year)
            ${deleted}
            ON CONFLICT DO NOTHING;
          END IF;
        END IF;
        INSERT INTO report_rollup_dirty VALUES (txid_current()) ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`;

/**
 * A deleted enrollment's dues are gone (ON DELETE CASCADE) before this statement's trigger runs,
 * and the dues' own trigger no longer finds their enrollment: the years its dues counted in are
 * read from the hamlet's rollup rows instead (every year with a row from the start year on).
 */
const DELETED_BY_ROLLUP_ROWS = `SELECT DISTINCT txid_current(), p.hamlet_id, extract(year FROM r.month)::int FROM rollup_old e JOIN person p ON p.id = e.person_id
              JOIN report_rollup r ON r.unit_id = p.hamlet_id AND r.scheme = e.scheme AND r.month >= date_trunc('year', e.start_date)`;
/** What 1795863600000 had: the dues joined, which finds none. */
const DELETED_BY_DUES = `SELECT DISTINCT txid_current(), p.hamlet_id, g.year FROM rollup_old e JOIN person p ON p.id = e.person_id
              JOIN contribution_due d ON d.enrollment_id = e.id
             CROSS JOIN LATERAL generate_series(extract(year FROM least(d.period_start, d.due_date))::int, extract(year FROM greatest(d.period_end, d.due_date))::int + 1) AS g(year)`;

export class RollupCatchUp1795863700000 implements MigrationInterface {
  name = 'RollupCatchUp1795863700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION rollup_flush() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE h int[]; y int[];
      BEGIN
        DELETE FROM report_rollup_dirty WHERE txid = NEW.txid;
        -- a bulk writer leaves its pairs, committed with its rows, to rollup_catch_up()
        IF current_setting('baophu.rollup', true) = 'deferred' THEN RETURN NULL; END IF;
        WITH gone AS (DELETE FROM report_rollup_pending WHERE txid = NEW.txid RETURNING hamlet_id, year)
        SELECT array_agg(hamlet_id), array_agg(year) INTO h, y FROM gone;
        IF h IS NOT NULL THEN PERFORM rollup_refresh(h, y); END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION rollup_catch_up(p_hamlets int) RETURNS int LANGUAGE plpgsql SET jit = off AS $$
      DECLARE h int[]; y int[];
      BEGIN
        -- the lock first: the pairs are then taken from a snapshot no other catch-up is working on
        PERFORM pg_advisory_xact_lock(7310, 1);
        WITH pick AS (SELECT DISTINCT hamlet_id FROM report_rollup_pending ORDER BY hamlet_id LIMIT p_hamlets),
        gone AS (DELETE FROM report_rollup_pending p USING pick WHERE p.hamlet_id = pick.hamlet_id RETURNING p.hamlet_id, p.year)
        SELECT array_agg(hamlet_id), array_agg(year) INTO h, y FROM gone;
        IF h IS NULL THEN RETURN 0; END IF;
        PERFORM rollup_refresh(h, y);
        RETURN (SELECT count(DISTINCT x) FROM unnest(h) AS x);
      END $$`);
    await q.query(NOTE_ENROLLMENTS(DELETED_BY_ROLLUP_ROWS));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(NOTE_ENROLLMENTS(DELETED_BY_DUES));
    await q.query(`DROP FUNCTION rollup_catch_up(int)`);
    await q.query(`
      CREATE OR REPLACE FUNCTION rollup_flush() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE h int[]; y int[];
      BEGIN
        DELETE FROM report_rollup_dirty WHERE txid = NEW.txid;
        WITH gone AS (DELETE FROM report_rollup_pending WHERE txid = NEW.txid RETURNING hamlet_id, year)
        SELECT array_agg(hamlet_id), array_agg(year) INTO h, y FROM gone;
        IF h IS NOT NULL THEN PERFORM rollup_refresh(h, y); END IF;
        RETURN NULL;
      END $$`);
  }
}
