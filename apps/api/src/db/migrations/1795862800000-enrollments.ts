import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Enrollments, their contribution dues, payments and how payments settle dues. One ACTIVE
 * enrollment per person and scheme; receipt numbers unique per collection organization;
 * idempotency keys unique, so a retried payment is recognised.
 */
export class Enrollments1795862800000 implements MigrationInterface {
  name = 'Enrollments1795862800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "enrollment" ("id" SERIAL NOT NULL, "person_id" integer NOT NULL, "scheme" character varying(16) NOT NULL, "status" character varying(10) NOT NULL, "start_date" date NOT NULL, "end_date" date, "declared_monthly_income" integer, "payment_mode" character varying(16) NOT NULL, "member_order" integer, "collection_organization_id" integer, "registered_by" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "ck_enrollment_status" CHECK (status IN ('ACTIVE', 'LAPSED', 'STOPPED', 'DECEASED')), CONSTRAINT "ck_enrollment_scheme" CHECK (scheme IN ('VOLUNTARY_SI', 'HOUSEHOLD_HI')), CONSTRAINT "PK_7e200c699fa93865cdcdd025885" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_17674e4c697958bfdcfed582f6" ON "enrollment"  ("person_id") `);
    await q.query(`CREATE UNIQUE INDEX "uq_enrollment_active" ON "enrollment"  ("person_id", "scheme") WHERE status = 'ACTIVE'`);
    await q.query(`CREATE TABLE "contribution_due" ("id" SERIAL NOT NULL, "enrollment_id" integer NOT NULL, "period_start" date NOT NULL, "period_end" date NOT NULL, "due_date" date NOT NULL, "months" integer NOT NULL, "gross" integer NOT NULL, "support" integer NOT NULL, "payable" integer NOT NULL, "paid" integer NOT NULL DEFAULT '0', "status" character varying(10) NOT NULL, "settled_on" date, CONSTRAINT "uq_contribution_due_period" UNIQUE ("enrollment_id", "period_start"), CONSTRAINT "ck_contribution_due_paid" CHECK (paid >= 0 AND paid <= payable), CONSTRAINT "ck_contribution_due_status" CHECK (status IN ('OPEN', 'PAID', 'LATE_PAID', 'WAIVED', 'CANCELLED')), CONSTRAINT "PK_d2dbfdc1fa5eb4de16d40af9586" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_d740992400a411f7a9ad683861" ON "contribution_due"  ("due_date") `);
    await q.query(`CREATE TABLE "payment" ("id" SERIAL NOT NULL, "enrollment_id" integer NOT NULL, "amount" integer NOT NULL, "paid_on" date NOT NULL, "receipt_no" character varying(40), "collection_organization_key" integer NOT NULL DEFAULT '0', "idempotency_key" character varying(80), "recorded_by" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_payment_amount" CHECK (amount > 0), CONSTRAINT "PK_fcaec7df5adf9cac408c686b2ab" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_4ffc17c19f9f3011cb20029751" ON "payment"  ("enrollment_id") `);
    await q.query(`CREATE UNIQUE INDEX "uq_payment_idempotency_key" ON "payment"  ("idempotency_key") WHERE idempotency_key IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX "uq_payment_receipt" ON "payment"  ("collection_organization_key", "receipt_no") WHERE receipt_no IS NOT NULL`);
    await q.query(`CREATE TABLE "payment_allocation" ("id" SERIAL NOT NULL, "payment_id" integer NOT NULL, "due_id" integer NOT NULL, "amount" integer NOT NULL, CONSTRAINT "PK_c33ff68d0655802841f39d2bbdc" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_a7a02a0af35283a6e0d7eed69a" ON "payment_allocation"  ("payment_id") `);
    await q.query(`CREATE INDEX "IDX_11e21756d65c0bebd38c80b2ec" ON "payment_allocation"  ("due_id") `);
    await q.query(`ALTER TABLE "enrollment" ADD CONSTRAINT "FK_17674e4c697958bfdcfed582f63" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "enrollment" ADD CONSTRAINT "FK_73591ff41e4c3ec2ad4a0f2aaaf" FOREIGN KEY ("collection_organization_id") REFERENCES "collection_organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "contribution_due" ADD CONSTRAINT "FK_a852fe449db75d8c7cb3db7899b" FOREIGN KEY ("enrollment_id") REFERENCES "enrollment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "payment" ADD CONSTRAINT "FK_4ffc17c19f9f3011cb200297511" FOREIGN KEY ("enrollment_id") REFERENCES "enrollment"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "payment_allocation" ADD CONSTRAINT "FK_a7a02a0af35283a6e0d7eed69a5" FOREIGN KEY ("payment_id") REFERENCES "payment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "payment_allocation" ADD CONSTRAINT "FK_11e21756d65c0bebd38c80b2ec0" FOREIGN KEY ("due_id") REFERENCES "contribution_due"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "payment_allocation" DROP CONSTRAINT "FK_11e21756d65c0bebd38c80b2ec0"`);
    await q.query(`ALTER TABLE "payment_allocation" DROP CONSTRAINT "FK_a7a02a0af35283a6e0d7eed69a5"`);
    await q.query(`ALTER TABLE "payment" DROP CONSTRAINT "FK_4ffc17c19f9f3011cb200297511"`);
    await q.query(`ALTER TABLE "contribution_due" DROP CONSTRAINT "FK_a852fe449db75d8c7cb3db7899b"`);
    await q.query(`ALTER TABLE "enrollment" DROP CONSTRAINT "FK_73591ff41e4c3ec2ad4a0f2aaaf"`);
    await q.query(`ALTER TABLE "enrollment" DROP CONSTRAINT "FK_17674e4c697958bfdcfed582f63"`);
    await q.query(`DROP INDEX "public"."IDX_11e21756d65c0bebd38c80b2ec"`);
    await q.query(`DROP INDEX "public"."IDX_a7a02a0af35283a6e0d7eed69a"`);
    await q.query(`DROP TABLE "payment_allocation"`);
    await q.query(`DROP INDEX "public"."uq_payment_receipt"`);
    await q.query(`DROP INDEX "public"."uq_payment_idempotency_key"`);
    await q.query(`DROP INDEX "public"."IDX_4ffc17c19f9f3011cb20029751"`);
    await q.query(`DROP TABLE "payment"`);
    await q.query(`DROP INDEX "public"."IDX_d740992400a411f7a9ad683861"`);
    await q.query(`DROP TABLE "contribution_due"`);
    await q.query(`DROP INDEX "public"."uq_enrollment_active"`);
    await q.query(`DROP INDEX "public"."IDX_17674e4c697958bfdcfed582f6"`);
    await q.query(`DROP TABLE "enrollment"`);
  }
}
