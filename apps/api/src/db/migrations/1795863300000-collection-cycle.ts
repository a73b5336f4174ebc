import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The monthly collection cycle: collectors and the hamlets or communes they serve (an enrollment
 * remembers its collector), the frozen lists of each base office's month (versions kept), the
 * organizations' reasons per entry, and the follow-up visits the reasons call for.
 */
export class CollectionCycle1795863300000 implements MigrationInterface {
  name = 'CollectionCycle1795863300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "collector" ("id" SERIAL NOT NULL, "collection_organization_id" integer NOT NULL, "name" character varying(120) NOT NULL, "phone" character varying(15), "user_id" integer, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0d93071208ac3e8dd49506d903f" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_8f2e62a6034b44aad8622829b7" ON "collector"  ("collection_organization_id") `);
    await q.query(`CREATE TABLE "collector_area" ("collector_id" integer NOT NULL, "unit_id" integer NOT NULL, CONSTRAINT "PK_cb165e54cb7c3a7eebb743a08f9" PRIMARY KEY ("collector_id", "unit_id"))`);
    await q.query(`CREATE TABLE "collection_cycle" ("id" SERIAL NOT NULL, "base_unit_id" integer NOT NULL, "month" character(7) NOT NULL, "version" integer NOT NULL, "fingerprint" character varying(64) NOT NULL, "generated_by" integer, "generated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_collection_cycle_version" UNIQUE ("base_unit_id", "month", "version"), CONSTRAINT "PK_ebc4d632fc98dba50a082b68fc1" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_ec931f7961c1643573d4ec040c" ON "collection_cycle"  ("month") `);
    await q.query(`CREATE TABLE "due_list_entry" ("id" SERIAL NOT NULL, "cycle_id" integer NOT NULL, "kind" character varying(20) NOT NULL, "collection_organization_id" integer, "collector_id" integer, "enrollment_id" integer NOT NULL, "due_id" integer NOT NULL, "person_id" integer NOT NULL, "hamlet_id" integer NOT NULL, "commune_id" integer NOT NULL, "scheme" character varying(16) NOT NULL, "period_start" date NOT NULL, "due_date" date NOT NULL, "amount" integer NOT NULL, "reason" character varying(20), "reason_note" character varying(500), "reason_reported_at" TIMESTAMP WITH TIME ZONE, "reason_reported_by" integer, CONSTRAINT "ck_due_list_entry_reason" CHECK (reason IS NULL OR reason IN ('NO_MONEY', 'AWAY_FOR_WORK', 'FORGOT', 'WANTS_TO_STOP', 'MOVED_AWAY', 'DECEASED', 'UNREACHABLE', 'PAID_ELSEWHERE', 'ILL', 'OTHER')), CONSTRAINT "ck_due_list_entry_kind" CHECK (kind IN ('DUE_NEXT_MONTH', 'UNPAID_LAST_MONTH')), CONSTRAINT "PK_029f0ea2a3eabfa6ea1223fda3d" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_f749398f153d55748df662a327" ON "due_list_entry"  ("enrollment_id") `);
    await q.query(`CREATE INDEX "ix_due_list_entry_cycle_org" ON "due_list_entry"  ("cycle_id", "collection_organization_id", "kind") `);
    await q.query(`CREATE TABLE "follow_up" ("id" SERIAL NOT NULL, "entry_id" integer NOT NULL, "enrollment_id" integer NOT NULL, "base_unit_id" integer NOT NULL, "assignee_user_id" integer, "assignee_name" character varying(120), "due_date" date NOT NULL, "outcome" character varying(12), "promised_date" date, "note" character varying(500), "closed_at" TIMESTAMP WITH TIME ZONE, "closed_by" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_follow_up_outcome" CHECK (outcome IS NULL OR outcome IN ('WILL_PAY', 'PAID', 'STOPPED', 'MOVED_AWAY', 'DECEASED', 'NOT_FOUND')), CONSTRAINT "PK_5c0a5f5b32937e47e0ab09d596c" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_9b91900c29c0a568a454d5821f" ON "follow_up"  ("entry_id") `);
    await q.query(`CREATE INDEX "IDX_1077241c4c57e8767eac5468eb" ON "follow_up"  ("enrollment_id") `);
    await q.query(`ALTER TABLE "enrollment" ADD "collector_id" integer`);
    await q.query(`ALTER TABLE "collector" ADD CONSTRAINT "FK_8f2e62a6034b44aad8622829b7f" FOREIGN KEY ("collection_organization_id") REFERENCES "collection_organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "collector_area" ADD CONSTRAINT "FK_7a9ea2eb10cafd6ad55f93bc990" FOREIGN KEY ("collector_id") REFERENCES "collector"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "collector_area" ADD CONSTRAINT "FK_b1b676b9de0ef7e90b81a92d5fc" FOREIGN KEY ("unit_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "collection_cycle" ADD CONSTRAINT "FK_c8d3d321db084c6b89c3555f95c" FOREIGN KEY ("base_unit_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "due_list_entry" ADD CONSTRAINT "FK_6b353430517791d373d1119f5cc" FOREIGN KEY ("cycle_id") REFERENCES "collection_cycle"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "follow_up" ADD CONSTRAINT "FK_9b91900c29c0a568a454d5821fc" FOREIGN KEY ("entry_id") REFERENCES "due_list_entry"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "enrollment" ADD CONSTRAINT "FK_3989413253027d9068e1258d5cd" FOREIGN KEY ("collector_id") REFERENCES "collector"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "enrollment" DROP CONSTRAINT "FK_3989413253027d9068e1258d5cd"`);
    await q.query(`ALTER TABLE "follow_up" DROP CONSTRAINT "FK_9b91900c29c0a568a454d5821fc"`);
    await q.query(`ALTER TABLE "due_list_entry" DROP CONSTRAINT "FK_6b353430517791d373d1119f5cc"`);
    await q.query(`ALTER TABLE "collection_cycle" DROP CONSTRAINT "FK_c8d3d321db084c6b89c3555f95c"`);
    await q.query(`ALTER TABLE "collector_area" DROP CONSTRAINT "FK_b1b676b9de0ef7e90b81a92d5fc"`);
    await q.query(`ALTER TABLE "collector_area" DROP CONSTRAINT "FK_7a9ea2eb10cafd6ad55f93bc990"`);
    await q.query(`ALTER TABLE "collector" DROP CONSTRAINT "FK_8f2e62a6034b44aad8622829b7f"`);
    await q.query(`ALTER TABLE "enrollment" DROP COLUMN "collector_id"`);
    await q.query(`DROP INDEX "public"."IDX_1077241c4c57e8767eac5468eb"`);
    await q.query(`DROP INDEX "public"."IDX_9b91900c29c0a568a454d5821f"`);
    await q.query(`DROP TABLE "follow_up"`);
    await q.query(`DROP INDEX "public"."ix_due_list_entry_cycle_org"`);
    await q.query(`DROP INDEX "public"."IDX_f749398f153d55748df662a327"`);
    await q.query(`DROP TABLE "due_list_entry"`);
    await q.query(`DROP INDEX "public"."IDX_ec931f7961c1643573d4ec040c"`);
    await q.query(`DROP TABLE "collection_cycle"`);
    await q.query(`DROP TABLE "collector_area"`);
    await q.query(`DROP INDEX "public"."IDX_8f2e62a6034b44aad8622829b7"`);
    await q.query(`DROP TABLE "collector"`);
  }
}
