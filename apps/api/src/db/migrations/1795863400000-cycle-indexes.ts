import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes the collection lists need at national size: who serves a hamlet or commune (the collector
 * lookup read the whole collector_area table per miss), and the open dues of an enrollment.
 */
export class CycleIndexes1795863400000 implements MigrationInterface {
  name = 'CycleIndexes1795863400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "ix_collector_area_unit" ON "collector_area"  ("unit_id") `);
    await q.query(`CREATE INDEX "ix_contribution_due_open" ON "contribution_due"  ("enrollment_id") WHERE status = 'OPEN'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ix_contribution_due_open"`);
    await q.query(`DROP INDEX "public"."ix_collector_area_unit"`);
  }
}
