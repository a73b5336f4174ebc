import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Targets handed down the hierarchy, with every revision kept; unit statistics get an optimistic
 * lock and who last changed them. One target per unit, period, scheme and metric: the period's
 * empty quarter and month count as 0 in the unique index, so a yearly target cannot be doubled.
 */
export class Targets1795863100000 implements MigrationInterface {
  name = 'Targets1795863100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "target" ("id" SERIAL NOT NULL, "unit_id" integer NOT NULL, "year" integer NOT NULL, "quarter" integer, "month" integer, "scheme" character varying(16) NOT NULL, "metric" character varying(20) NOT NULL, "value" integer NOT NULL, "status" character varying(10) NOT NULL, "revision" integer NOT NULL, "updated_by" integer, "published_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "ck_target_period" CHECK ((quarter IS NULL OR month IS NULL) AND (quarter IS NULL OR quarter BETWEEN 1 AND 4) AND (month IS NULL OR month BETWEEN 1 AND 12)), CONSTRAINT "ck_target_value" CHECK (value >= 0), CONSTRAINT "ck_target_status" CHECK (status IN ('DRAFT', 'PUBLISHED')), CONSTRAINT "ck_target_metric" CHECK (metric IN ('PARTICIPANTS', 'NEW_PARTICIPANTS')), CONSTRAINT "ck_target_scheme" CHECK (scheme IN ('VOLUNTARY_SI', 'HOUSEHOLD_HI')), CONSTRAINT "PK_9d962204b13c18851ea88fc72f3" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_db7ee5e6e8e1e9df6198767a23" ON "target"  ("unit_id") `);
    await q.query(`CREATE INDEX "ix_target_year_scheme_metric" ON "target"  ("year", "scheme", "metric") `);
    await q.query(`CREATE UNIQUE INDEX "uq_target_period" ON "target" ("unit_id", "year", "scheme", "metric", (COALESCE("quarter", 0)), (COALESCE("month", 0)))`);
    await q.query(`CREATE TABLE "target_revision" ("id" SERIAL NOT NULL, "target_id" integer NOT NULL, "revision" integer NOT NULL, "value" integer NOT NULL, "previous_value" integer, "status" character varying(10) NOT NULL, "action" character varying(10) NOT NULL, "supplementary" boolean NOT NULL DEFAULT false, "note" character varying(500), "changed_by" integer, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_target_revision_action" CHECK (action IN ('SET', 'ALLOCATE', 'IMPORT', 'PUBLISH')), CONSTRAINT "PK_bda40f5328f3b54f40c63b84cc7" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_62efb6c39d0cc69f7888fbc376" ON "target_revision"  ("target_id") `);
    await q.query(`ALTER TABLE "unit_statistic" ADD "updated_by" integer`);
    await q.query(`ALTER TABLE "unit_statistic" ADD "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
    // Rows already there start at version 1.
    await q.query(`ALTER TABLE "unit_statistic" ADD "version" integer NOT NULL DEFAULT 1`);
    await q.query(`ALTER TABLE "unit_statistic" ALTER COLUMN "version" DROP DEFAULT`);
    await q.query(`ALTER TABLE "unit_statistic" ADD CONSTRAINT "ck_unit_statistic_values" CHECK ((population IS NULL OR population >= 0) AND (working_age_population IS NULL OR working_age_population >= 0) AND (households IS NULL OR households >= 0) AND (health_insured IS NULL OR health_insured >= 0))`);
    await q.query(`ALTER TABLE "target" ADD CONSTRAINT "FK_db7ee5e6e8e1e9df6198767a231" FOREIGN KEY ("unit_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "target_revision" ADD CONSTRAINT "FK_62efb6c39d0cc69f7888fbc3769" FOREIGN KEY ("target_id") REFERENCES "target"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "target_revision" DROP CONSTRAINT "FK_62efb6c39d0cc69f7888fbc3769"`);
    await q.query(`ALTER TABLE "target" DROP CONSTRAINT "FK_db7ee5e6e8e1e9df6198767a231"`);
    await q.query(`ALTER TABLE "unit_statistic" DROP CONSTRAINT "ck_unit_statistic_values"`);
    await q.query(`ALTER TABLE "unit_statistic" DROP COLUMN "version"`);
    await q.query(`ALTER TABLE "unit_statistic" DROP COLUMN "updated_at"`);
    await q.query(`ALTER TABLE "unit_statistic" DROP COLUMN "updated_by"`);
    await q.query(`DROP INDEX "public"."IDX_62efb6c39d0cc69f7888fbc376"`);
    await q.query(`DROP TABLE "target_revision"`);
    await q.query(`DROP INDEX "public"."uq_target_period"`);
    await q.query(`DROP INDEX "public"."ix_target_year_scheme_metric"`);
    await q.query(`DROP INDEX "public"."IDX_db7ee5e6e8e1e9df6198767a23"`);
    await q.query(`DROP TABLE "target"`);
  }
}
