import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mobilization models: campaigns in a commune with the hamlets they cover, their sessions, members,
 * door-to-door visits and end-of-day reports; an enrollment remembers the campaign, the member and
 * the visit credited with it, and the day it was credited.
 */
export class Campaigns1795863200000 implements MigrationInterface {
  name = 'Campaigns1795863200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "campaign" ("id" SERIAL NOT NULL, "code" character varying(40) NOT NULL, "name" character varying(200) NOT NULL, "commune_id" integer NOT NULL, "launch_date" date NOT NULL, "status" character varying(10) NOT NULL, "target_new_vsi" integer, "target_new_hhi" integer, "reason" text, "partners" text, "created_by" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "ck_campaign_targets" CHECK ((target_new_vsi IS NULL OR target_new_vsi >= 0) AND (target_new_hhi IS NULL OR target_new_hhi >= 0)), CONSTRAINT "ck_campaign_status" CHECK (status IN ('PLANNED', 'ACTIVE', 'COMPLETED', 'CANCELLED')), CONSTRAINT "PK_0ce34d26e7f2eb316a3a592cdc4" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_4e5c2cc77cc6882b0e1d9549a1" ON "campaign"  ("commune_id") `);
    await q.query(`CREATE UNIQUE INDEX "uq_campaign_code" ON "campaign"  ("code") `);
    await q.query(`CREATE TABLE "campaign_hamlet" ("campaign_id" integer NOT NULL, "hamlet_id" integer NOT NULL, CONSTRAINT "PK_d4f62b85cfedc34c761cb3e95c3" PRIMARY KEY ("campaign_id", "hamlet_id"))`);
    await q.query(`CREATE TABLE "campaign_session" ("id" SERIAL NOT NULL, "campaign_id" integer NOT NULL, "session_date" date NOT NULL, "target_new_vsi" integer, "target_new_hhi" integer, CONSTRAINT "uq_campaign_session_date" UNIQUE ("campaign_id", "session_date"), CONSTRAINT "ck_campaign_session_targets" CHECK ((target_new_vsi IS NULL OR target_new_vsi >= 0) AND (target_new_hhi IS NULL OR target_new_hhi >= 0)), CONSTRAINT "PK_de1798ed499c6e2a6af8799712f" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_60b22db3b6a1dc519992efe643" ON "campaign_session"  ("session_date") `);
    await q.query(`CREATE TABLE "campaign_member" ("id" SERIAL NOT NULL, "campaign_id" integer NOT NULL, "name" character varying(120) NOT NULL, "role" character varying(20) NOT NULL, "organization" character varying(200), "user_id" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_campaign_member_role" CHECK (role IN ('LEADER', 'SI_OFFICER', 'POST_OFFICE', 'VIETTEL', 'COMMUNE_OFFICIAL', 'HAMLET_HEAD', 'OTHER')), CONSTRAINT "PK_834a746344b26d011d8f2239339" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_4821d8910fe2395cfd16428901" ON "campaign_member"  ("campaign_id") `);
    await q.query(`CREATE UNIQUE INDEX "uq_campaign_member_user" ON "campaign_member"  ("campaign_id", "user_id") WHERE user_id IS NOT NULL`);
    await q.query(`CREATE TABLE "visit" ("id" SERIAL NOT NULL, "campaign_id" integer NOT NULL, "session_id" integer, "member_id" integer NOT NULL, "person_id" integer, "household_id" integer, "contact_name" character varying(120), "hamlet_id" integer NOT NULL, "visit_date" date NOT NULL, "outcome" character varying(16) NOT NULL, "refusal_reason" character varying(300), "follow_up_date" date, "note" character varying(500), "created_by" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_visit_target" CHECK (person_id IS NOT NULL OR household_id IS NOT NULL OR contact_name IS NOT NULL), CONSTRAINT "ck_visit_outcome" CHECK (outcome IN ('ENROLLED', 'INTERESTED', 'REFUSED', 'NOT_HOME', 'ALREADY_INSURED')), CONSTRAINT "PK_c9919ef5a07627657c535d8eb88" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_3198d5d61af146ab4b0d2556c4" ON "visit"  ("campaign_id") `);
    await q.query(`CREATE INDEX "IDX_d7ff25a220e3a73e699e7fb8ab" ON "visit"  ("session_id") `);
    await q.query(`CREATE INDEX "IDX_6488465fc7657b1c4c5314f19a" ON "visit"  ("member_id") `);
    await q.query(`CREATE INDEX "IDX_ea9b13a52b676811807311bc7f" ON "visit"  ("person_id") `);
    await q.query(`CREATE TABLE "campaign_report" ("id" SERIAL NOT NULL, "campaign_id" integer NOT NULL, "report_date" date NOT NULL, "lessons" text, "recipients" jsonb NOT NULL, "sent_by" integer, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_campaign_report_day" UNIQUE ("campaign_id", "report_date"), CONSTRAINT "PK_f3dc7801ee5ce2708c73fc27af5" PRIMARY KEY ("id"))`);
    await q.query(`ALTER TABLE "enrollment" ADD "campaign_id" integer`);
    await q.query(`ALTER TABLE "enrollment" ADD "campaign_member_id" integer`);
    await q.query(`ALTER TABLE "enrollment" ADD "visit_id" integer`);
    await q.query(`ALTER TABLE "enrollment" ADD "credited_on" date`);
    await q.query(`CREATE INDEX "IDX_30b65b7860932b723e133c2b01" ON "enrollment"  ("campaign_id") `);
    await q.query(`CREATE INDEX "IDX_9e0d31152241baa01a1ffbbfed" ON "enrollment"  ("visit_id") `);
    await q.query(`ALTER TABLE "campaign" ADD CONSTRAINT "FK_4e5c2cc77cc6882b0e1d9549a10" FOREIGN KEY ("commune_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "campaign_hamlet" ADD CONSTRAINT "FK_3ccf58757f0ac1fb7c03e9317ab" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "campaign_hamlet" ADD CONSTRAINT "FK_cdab0eadec297b4f230d42cd6e1" FOREIGN KEY ("hamlet_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "campaign_session" ADD CONSTRAINT "FK_5b4f356c86de713ffe7e874cd3c" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "campaign_member" ADD CONSTRAINT "FK_4821d8910fe2395cfd164289013" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "visit" ADD CONSTRAINT "FK_3198d5d61af146ab4b0d2556c47" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "visit" ADD CONSTRAINT "FK_d7ff25a220e3a73e699e7fb8ab0" FOREIGN KEY ("session_id") REFERENCES "campaign_session"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "visit" ADD CONSTRAINT "FK_6488465fc7657b1c4c5314f19a6" FOREIGN KEY ("member_id") REFERENCES "campaign_member"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "campaign_report" ADD CONSTRAINT "FK_9b5265674d63502f50b392fc4de" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "enrollment" ADD CONSTRAINT "FK_30b65b7860932b723e133c2b01a" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "enrollment" ADD CONSTRAINT "FK_fde4da0eef4cc2711bfae92421a" FOREIGN KEY ("campaign_member_id") REFERENCES "campaign_member"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "enrollment" DROP CONSTRAINT "FK_fde4da0eef4cc2711bfae92421a"`);
    await q.query(`ALTER TABLE "enrollment" DROP CONSTRAINT "FK_30b65b7860932b723e133c2b01a"`);
    await q.query(`ALTER TABLE "campaign_report" DROP CONSTRAINT "FK_9b5265674d63502f50b392fc4de"`);
    await q.query(`ALTER TABLE "visit" DROP CONSTRAINT "FK_6488465fc7657b1c4c5314f19a6"`);
    await q.query(`ALTER TABLE "visit" DROP CONSTRAINT "FK_d7ff25a220e3a73e699e7fb8ab0"`);
    await q.query(`ALTER TABLE "visit" DROP CONSTRAINT "FK_3198d5d61af146ab4b0d2556c47"`);
    await q.query(`ALTER TABLE "campaign_member" DROP CONSTRAINT "FK_4821d8910fe2395cfd164289013"`);
    await q.query(`ALTER TABLE "campaign_session" DROP CONSTRAINT "FK_5b4f356c86de713ffe7e874cd3c"`);
    await q.query(`ALTER TABLE "campaign_hamlet" DROP CONSTRAINT "FK_cdab0eadec297b4f230d42cd6e1"`);
    await q.query(`ALTER TABLE "campaign_hamlet" DROP CONSTRAINT "FK_3ccf58757f0ac1fb7c03e9317ab"`);
    await q.query(`ALTER TABLE "campaign" DROP CONSTRAINT "FK_4e5c2cc77cc6882b0e1d9549a10"`);
    await q.query(`DROP INDEX "public"."IDX_9e0d31152241baa01a1ffbbfed"`);
    await q.query(`DROP INDEX "public"."IDX_30b65b7860932b723e133c2b01"`);
    await q.query(`ALTER TABLE "enrollment" DROP COLUMN "credited_on"`);
    await q.query(`ALTER TABLE "enrollment" DROP COLUMN "visit_id"`);
    await q.query(`ALTER TABLE "enrollment" DROP COLUMN "campaign_member_id"`);
    await q.query(`ALTER TABLE "enrollment" DROP COLUMN "campaign_id"`);
    await q.query(`DROP TABLE "campaign_report"`);
    await q.query(`DROP INDEX "public"."IDX_ea9b13a52b676811807311bc7f"`);
    await q.query(`DROP INDEX "public"."IDX_6488465fc7657b1c4c5314f19a"`);
    await q.query(`DROP INDEX "public"."IDX_d7ff25a220e3a73e699e7fb8ab"`);
    await q.query(`DROP INDEX "public"."IDX_3198d5d61af146ab4b0d2556c4"`);
    await q.query(`DROP TABLE "visit"`);
    await q.query(`DROP INDEX "public"."uq_campaign_member_user"`);
    await q.query(`DROP INDEX "public"."IDX_4821d8910fe2395cfd16428901"`);
    await q.query(`DROP TABLE "campaign_member"`);
    await q.query(`DROP INDEX "public"."IDX_60b22db3b6a1dc519992efe643"`);
    await q.query(`DROP TABLE "campaign_session"`);
    await q.query(`DROP TABLE "campaign_hamlet"`);
    await q.query(`DROP INDEX "public"."uq_campaign_code"`);
    await q.query(`DROP INDEX "public"."IDX_4e5c2cc77cc6882b0e1d9549a1"`);
    await q.query(`DROP TABLE "campaign"`);
  }
}
