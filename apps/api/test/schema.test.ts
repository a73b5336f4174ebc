import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getSchema, printSchemaFile, SCHEMA_FILE } from '../src/graphql/schema';
import { openTestDatabase } from './harness/api';

describe('schema.graphql', () => {
  it('is what the code emits (run `pnpm --filter api emit-schema` after changing the API)', async () => {
    const emitted = printSchemaFile(await getSchema());
    const committed = fs.existsSync(SCHEMA_FILE) ? fs.readFileSync(SCHEMA_FILE, 'utf8') : '';
    expect(committed, 'apps/api/schema.graphql is stale').toBe(emitted);
  });
});

describe('migrations', () => {
  it('build exactly the schema the entities describe, and roll back to nothing', async () => {
    const db = await openTestDatabase();
    try {
      await db.ds.runMigrations({ transaction: 'each' });
      const pending = await db.ds.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
      for (let i = 0; i < db.ds.migrations.length; i++) await db.ds.undoLastMigration({ transaction: 'each' });
      const tables: { table_name: string }[] = await db.ds.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`,
      );
      expect(tables).toEqual([]);
      // The job queue's schema (pg-boss, not TypeORM entities) goes with its migration.
      expect(await db.ds.query(`SELECT nspname FROM pg_namespace WHERE nspname = 'pgboss'`)).toEqual([]);
    } finally {
      await db.close();
    }
  });
});
