import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts, sessions (revocable logins), the audit trail, and collection organizations (which a
 * COLLECTOR account belongs to). audit_event.scope_path is indexed for prefix (subtree) matches.
 */
export class AccountsAudit1795862600000 implements MigrationInterface {
  name = 'AccountsAudit1795862600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "audit_event" ("id" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_id" integer, "actor_username" character varying(60) NOT NULL, "request_id" character varying(64), "action" character varying(60) NOT NULL, "entity" character varying(40) NOT NULL, "entity_id" character varying(40) NOT NULL, "scope_path" text, "changes" jsonb NOT NULL, CONSTRAINT "PK_481efbe8b0a403efe3f47a6528f" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_06d570d7d1b40fbc994b5955be" ON "audit_event"  ("at") `);
    await q.query(`CREATE INDEX "ix_audit_event_entity" ON "audit_event"  ("entity", "entity_id") `);
    await q.query(`CREATE TABLE "collection_organization" ("id" SERIAL NOT NULL, "code" character varying(40) NOT NULL, "name" character varying(200) NOT NULL, CONSTRAINT "PK_73388b02b232b0e72b91e30600d" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_collection_organization_code" ON "collection_organization"  ("code") `);
    await q.query(`CREATE TABLE "app_user" ("id" SERIAL NOT NULL, "username" character varying(60) NOT NULL, "display_name" character varying(120) NOT NULL, "password_hash" character varying(200) NOT NULL, "role" character varying(20) NOT NULL, "scope_unit_id" integer NOT NULL, "collection_organization_id" integer, "active" boolean NOT NULL DEFAULT true, "password_changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "ck_app_user_collector" CHECK ((role = 'COLLECTOR') = (collection_organization_id IS NOT NULL)), CONSTRAINT "ck_app_user_role" CHECK (role IN ('ADMIN', 'PROVINCE_PLANNER', 'BASE_STAFF', 'SUPERVISOR', 'COLLECTOR')), CONSTRAINT "PK_22a5c4a3d9b2fb8e4e73fc4ada1" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_0e221aa6f52c9d10bd9094ec23" ON "app_user"  ("scope_unit_id") `);
    await q.query(`CREATE UNIQUE INDEX "uq_app_user_username" ON "app_user"  ("username") `);
    await q.query(`CREATE TABLE "user_session" ("id" uuid NOT NULL, "user_id" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "address" character varying(64), CONSTRAINT "PK_adf3b49590842ac3cf54cac451a" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_13275383dcdf095ee29f2b3455" ON "user_session"  ("user_id") `);
    await q.query(`ALTER TABLE "app_user" ADD CONSTRAINT "FK_0e221aa6f52c9d10bd9094ec239" FOREIGN KEY ("scope_unit_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "app_user" ADD CONSTRAINT "FK_adc56f13b646d37d686155299d9" FOREIGN KEY ("collection_organization_id") REFERENCES "collection_organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "user_session" ADD CONSTRAINT "FK_13275383dcdf095ee29f2b3455a" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`CREATE INDEX "ix_audit_event_scope_path" ON "audit_event" ("scope_path" text_pattern_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ix_audit_event_scope_path"`);
    await q.query(`ALTER TABLE "user_session" DROP CONSTRAINT "FK_13275383dcdf095ee29f2b3455a"`);
    await q.query(`ALTER TABLE "app_user" DROP CONSTRAINT "FK_adc56f13b646d37d686155299d9"`);
    await q.query(`ALTER TABLE "app_user" DROP CONSTRAINT "FK_0e221aa6f52c9d10bd9094ec239"`);
    await q.query(`DROP INDEX "public"."IDX_13275383dcdf095ee29f2b3455"`);
    await q.query(`DROP TABLE "user_session"`);
    await q.query(`DROP INDEX "public"."uq_app_user_username"`);
    await q.query(`DROP INDEX "public"."IDX_0e221aa6f52c9d10bd9094ec23"`);
    await q.query(`DROP TABLE "app_user"`);
    await q.query(`DROP INDEX "public"."uq_collection_organization_code"`);
    await q.query(`DROP TABLE "collection_organization"`);
    await q.query(`DROP INDEX "public"."ix_audit_event_entity"`);
    await q.query(`DROP INDEX "public"."IDX_06d570d7d1b40fbc994b5955be"`);
    await q.query(`DROP TABLE "audit_event"`);
  }
}
