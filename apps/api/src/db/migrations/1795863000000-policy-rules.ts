import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Contribution policy rows with effective dates, editable by administrators (seeded on first start). */
export class PolicyRules1795863000000 implements MigrationInterface {
  name = 'PolicyRules1795863000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "policy_rule" ("id" SERIAL NOT NULL, "parameter" character varying(100) NOT NULL, "effective_from" date NOT NULL, "effective_to" date, "value" jsonb, "check" boolean NOT NULL DEFAULT false, "source" text, "updated_by" integer, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8c70888384a960624d46a8188a9" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_policy_rule_parameter" ON "policy_rule"  ("parameter", "effective_from") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ix_policy_rule_parameter"`);
    await q.query(`DROP TABLE "policy_rule"`);
  }
}
