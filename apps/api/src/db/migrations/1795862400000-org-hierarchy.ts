import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The organization tree with its history: units (materialized path, validity), name and parent
 * spans, successions (merge / split), and yearly unit statistics. pg_trgm backs the
 * diacritic-insensitive search on `search_key` (fastupdate off: entries go straight into the index
 * instead of a pending list that only VACUUM merges, and PGlite never autovacuums); `path` is indexed for prefix (subtree) matches.
 */
export class OrgHierarchy1795862400000 implements MigrationInterface {
  name = 'OrgHierarchy1795862400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE TABLE "org_unit" ("id" SERIAL NOT NULL, "code" character varying(40) NOT NULL, "name" character varying(200) NOT NULL, "level" character varying(16) NOT NULL, "parent_id" integer, "path" text NOT NULL, "valid_from" date NOT NULL, "valid_to" date, "search_key" text NOT NULL, "synthetic" boolean NOT NULL DEFAULT false, "version" integer NOT NULL, CONSTRAINT "ck_org_unit_validity" CHECK (valid_to IS NULL OR valid_to >= valid_from), CONSTRAINT "ck_org_unit_level" CHECK (level IN ('COUNTRY', 'PROVINCE', 'BASE', 'COMMUNE', 'HAMLET')), CONSTRAINT "PK_ba1c59043dc14bb66023c1d07c7" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_b8e4301109a2850200ba2c7c51" ON "org_unit"  ("parent_id") `);
    await q.query(`CREATE UNIQUE INDEX "uq_org_unit_open_code" ON "org_unit"  ("code") WHERE valid_to IS NULL`);
    await q.query(`CREATE INDEX "ix_org_unit_code_level" ON "org_unit" ("code", "level")`);
    await q.query(`CREATE UNIQUE INDEX "uq_org_unit_country" ON "org_unit" ("level") WHERE level = 'COUNTRY'`);
    await q.query(`CREATE TABLE "org_unit_name" ("id" SERIAL NOT NULL, "unit_id" integer NOT NULL, "name" character varying(200) NOT NULL, "valid_from" date NOT NULL, "valid_to" date, CONSTRAINT "PK_a6dd0c9c10fb8e80d5087edca0a" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_298ea810a05f956db49377e92b" ON "org_unit_name"  ("unit_id") `);
    await q.query(`CREATE TABLE "org_unit_parent" ("id" SERIAL NOT NULL, "unit_id" integer NOT NULL, "parent_id" integer NOT NULL, "valid_from" date NOT NULL, "valid_to" date, CONSTRAINT "PK_b8e4301109a2850200ba2c7c512" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_abd9bd832612eb36dba4aa01a9" ON "org_unit_parent"  ("unit_id") `);
    await q.query(`CREATE INDEX "IDX_0ca6a0b859d7dfeee8bf73f18e" ON "org_unit_parent"  ("parent_id") `);
    await q.query(`CREATE TABLE "org_unit_succession" ("id" SERIAL NOT NULL, "predecessor_id" integer NOT NULL, "successor_id" integer NOT NULL, "kind" character varying(8) NOT NULL, "effective_date" date NOT NULL, CONSTRAINT "uq_org_unit_succession" UNIQUE ("predecessor_id", "successor_id"), CONSTRAINT "ck_org_unit_succession_kind" CHECK (kind IN ('MERGE', 'SPLIT')), CONSTRAINT "PK_86ae4a3d423340e62eb0ea35d75" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_e9ba875803f2ffd8ab13a9e849" ON "org_unit_succession"  ("predecessor_id") `);
    await q.query(`CREATE INDEX "IDX_ab64fcfdc28a6cab5a692954fc" ON "org_unit_succession"  ("successor_id") `);
    await q.query(`CREATE TABLE "unit_statistic" ("id" SERIAL NOT NULL, "unit_id" integer NOT NULL, "year" integer NOT NULL, "population" integer, "working_age_population" integer, "households" integer, "health_insured" integer, CONSTRAINT "uq_unit_statistic_unit_year" UNIQUE ("unit_id", "year"), CONSTRAINT "PK_c9c1c9a6b3e73608597e5d844b7" PRIMARY KEY ("id"))`);
    await q.query(`ALTER TABLE "org_unit" ADD CONSTRAINT "FK_b8e4301109a2850200ba2c7c512" FOREIGN KEY ("parent_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "org_unit_name" ADD CONSTRAINT "FK_298ea810a05f956db49377e92b2" FOREIGN KEY ("unit_id") REFERENCES "org_unit"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "org_unit_parent" ADD CONSTRAINT "FK_abd9bd832612eb36dba4aa01a92" FOREIGN KEY ("unit_id") REFERENCES "org_unit"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "org_unit_parent" ADD CONSTRAINT "FK_0ca6a0b859d7dfeee8bf73f18e6" FOREIGN KEY ("parent_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "org_unit_succession" ADD CONSTRAINT "FK_e9ba875803f2ffd8ab13a9e849d" FOREIGN KEY ("predecessor_id") REFERENCES "org_unit"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "org_unit_succession" ADD CONSTRAINT "FK_ab64fcfdc28a6cab5a692954fc7" FOREIGN KEY ("successor_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "unit_statistic" ADD CONSTRAINT "FK_1757b78de9284695fad95b2b184" FOREIGN KEY ("unit_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`CREATE INDEX "ix_org_unit_search_key_trgm" ON "org_unit" USING gin ("search_key" gin_trgm_ops) WITH (fastupdate = off)`);
    await q.query(`CREATE INDEX "ix_org_unit_path" ON "org_unit" ("path" text_pattern_ops)`);
    // The root every tree and every national scope hangs from.
    await q.query(`INSERT INTO "org_unit" ("code", "name", "level", "path", "valid_from", "search_key", "version")
                   VALUES ('VN', 'Việt Nam', 'COUNTRY', '', '1900-01-01', 'viet nam vn', 1)`);
    await q.query(`UPDATE "org_unit" SET "path" = '/' || "id" || '/' WHERE "level" = 'COUNTRY'`);
    await q.query(`INSERT INTO "org_unit_name" ("unit_id", "name", "valid_from") SELECT "id", "name", "valid_from" FROM "org_unit" WHERE "level" = 'COUNTRY'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ix_org_unit_path"`);
    await q.query(`DROP INDEX "public"."ix_org_unit_search_key_trgm"`);
    await q.query(`ALTER TABLE "unit_statistic" DROP CONSTRAINT "FK_1757b78de9284695fad95b2b184"`);
    await q.query(`ALTER TABLE "org_unit_succession" DROP CONSTRAINT "FK_ab64fcfdc28a6cab5a692954fc7"`);
    await q.query(`ALTER TABLE "org_unit_succession" DROP CONSTRAINT "FK_e9ba875803f2ffd8ab13a9e849d"`);
    await q.query(`ALTER TABLE "org_unit_parent" DROP CONSTRAINT "FK_0ca6a0b859d7dfeee8bf73f18e6"`);
    await q.query(`ALTER TABLE "org_unit_parent" DROP CONSTRAINT "FK_abd9bd832612eb36dba4aa01a92"`);
    await q.query(`ALTER TABLE "org_unit_name" DROP CONSTRAINT "FK_298ea810a05f956db49377e92b2"`);
    await q.query(`ALTER TABLE "org_unit" DROP CONSTRAINT "FK_b8e4301109a2850200ba2c7c512"`);
    await q.query(`DROP TABLE "unit_statistic"`);
    await q.query(`DROP INDEX "public"."IDX_ab64fcfdc28a6cab5a692954fc"`);
    await q.query(`DROP INDEX "public"."IDX_e9ba875803f2ffd8ab13a9e849"`);
    await q.query(`DROP TABLE "org_unit_succession"`);
    await q.query(`DROP INDEX "public"."IDX_0ca6a0b859d7dfeee8bf73f18e"`);
    await q.query(`DROP INDEX "public"."IDX_abd9bd832612eb36dba4aa01a9"`);
    await q.query(`DROP TABLE "org_unit_parent"`);
    await q.query(`DROP INDEX "public"."IDX_298ea810a05f956db49377e92b"`);
    await q.query(`DROP TABLE "org_unit_name"`);
    await q.query(`DROP INDEX "public"."uq_org_unit_country"`);
    await q.query(`DROP INDEX "public"."ix_org_unit_code_level"`);
    await q.query(`DROP INDEX "public"."uq_org_unit_open_code"`);
    await q.query(`DROP INDEX "public"."IDX_b8e4301109a2850200ba2c7c51"`);
    await q.query(`DROP TABLE "org_unit"`);
  }
}
