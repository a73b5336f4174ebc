import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A version of what unit statistics a report reads: `statistics_version.version` takes a new value
 * from a sequence in every statement that writes `unit_statistic` or `org_unit` (the statistics
 * walk follows `org_unit.parent_id` and `valid_to`). The API keeps the statistics it has summed per
 * unit and year while the version it reads is the same (modules/targets/metrics.ts): at the nation
 * the walk read the rows of 3,321 communes, 40–60 ms of a 95 ms report on L.
 *
 * The version is a row, not the sequence itself: it commits with the rows it stands for (a reader
 * never sees a new version before the new rows), and a rolled-back write leaves the row as it was
 * while its number is used up, so no version ever names two states.
 */
export class StatisticsVersion1795863900000 implements MigrationInterface {
  name = 'StatisticsVersion1795863900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE statistics_version_seq`);
    await q.query(`CREATE TABLE statistics_version (id int PRIMARY KEY CHECK (id = 1), version bigint NOT NULL)`);
    await q.query(`INSERT INTO statistics_version (id, version) VALUES (1, nextval('statistics_version_seq'))`);
    await q.query(`
      CREATE FUNCTION statistics_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE statistics_version SET version = nextval('statistics_version_seq') WHERE id = 1;
        RETURN NULL;
      END $$`);
    for (const table of ['unit_statistic', 'org_unit']) {
      await q.query(`CREATE TRIGGER ${table}_statistics_version AFTER INSERT OR UPDATE OR DELETE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION statistics_version_bump()`);
      await q.query(`CREATE TRIGGER ${table}_statistics_version_truncate AFTER TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION statistics_version_bump()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['unit_statistic', 'org_unit']) {
      await q.query(`DROP TRIGGER ${table}_statistics_version_truncate ON ${table}`);
      await q.query(`DROP TRIGGER ${table}_statistics_version ON ${table}`);
    }
    await q.query(`DROP FUNCTION statistics_version_bump()`);
    await q.query(`DROP TABLE statistics_version`);
    await q.query(`DROP SEQUENCE statistics_version_seq`);
  }
}
