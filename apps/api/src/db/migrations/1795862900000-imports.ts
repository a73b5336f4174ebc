import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Import jobs: one per uploaded file, with progress and the rejected rows. */
export class Imports1795862900000 implements MigrationInterface {
  name = 'Imports1795862900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "import_job" ("id" uuid NOT NULL, "kind" character varying(20) NOT NULL, "status" character varying(10) NOT NULL, "file_name" character varying(200) NOT NULL, "dry_run" boolean NOT NULL DEFAULT false, "keep_valid" boolean NOT NULL DEFAULT false, "total_rows" integer NOT NULL DEFAULT '0', "accepted_rows" integer NOT NULL DEFAULT '0', "rejected_rows" integer NOT NULL DEFAULT '0', "imported_rows" integer NOT NULL DEFAULT '0', "errors" jsonb NOT NULL DEFAULT '[]', "created_by" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_import_job_status" CHECK (status IN ('PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED')), CONSTRAINT "PK_65b4c7eccb8120972a7b8da7682" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_f68b41d55d92185faa590685c5" ON "import_job"  ("created_by") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."IDX_f68b41d55d92185faa590685c5"`);
    await q.query(`DROP TABLE "import_job"`);
  }
}
