import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Installation facts that survive restarts, e.g. that the demo seed has run. */
export class SystemState1795862500000 implements MigrationInterface {
  name = 'SystemState1795862500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "system_state" ("key" character varying(100) NOT NULL, "value" text NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a291c88459a85c912ca5f83eb83" PRIMARY KEY ("key"))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "system_state"`);
  }
}
