import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenDatabase } from '../src/db/open';
import { createLogger } from '../src/log';
import { prepareDatabase } from '../src/seed/prepare';

/**
 * Several API replicas started at once on a new PostgreSQL database (a deployment rolled out, a
 * cluster restarted): each runs the same first-start preparation — migrations, the reference
 * units, the first administrator. Without a lock they raced: the second one's migration found the
 * tables already made, or its load of the units ran into the first one's rows, and that replica
 * stopped at start. On the embedded database one process owns the data folder, so this is a
 * PostgreSQL test.
 */
const serverUrl = process.env.TEST_DATABASE_URL?.trim();
const name = `baophu_t_${randomBytes(6).toString('hex')}`;
const opened: OpenDatabase[] = [];

afterAll(async () => {
  for (const db of opened) await db.close().catch(() => {});
  if (!serverUrl) return;
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await c.end();
});

describe.skipIf(!serverUrl)('three API processes preparing one new database at once', () => {
  it('all start: the migrations run once, the units load once, one first administrator', async () => {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(serverUrl!);
    url.pathname = `/${name}`;
    for (let i = 0; i < 3; i++) opened.push(await openDatabase(url.toString(), null));
    const config = { seed: 'none' as const, referenceUnits: 'all' as const, adminUsername: 'quantri.dau', adminPassword: 'first-Admin-Password-1' };
    const results = await Promise.allSettled(opened.map((db) => prepareDatabase(db.ds, config, createLogger('silent'))));
    expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ready'))).toEqual(['ready', 'ready', 'ready']);

    const ds = opened[0].ds;
    const migrations = ds.migrations.length;
    const [{ applied, distinct }] = await ds.query(`SELECT count(*)::int AS applied, count(DISTINCT name)::int AS distinct FROM migrations`);
    expect({ applied, distinct }).toEqual({ applied: migrations, distinct: migrations });
    const [{ provinces, communes }] = await ds.query(
      `SELECT count(*) FILTER (WHERE level = 'PROVINCE' AND valid_to IS NULL)::int AS provinces, count(*) FILTER (WHERE level = 'COMMUNE' AND valid_to IS NULL)::int AS communes FROM org_unit`,
    );
    expect({ provinces, communes }).toEqual({ provinces: 34, communes: 3321 });
    const users = await ds.query(`SELECT username FROM app_user`);
    expect(users).toEqual([{ username: 'quantri.dau' }]);
    // The next start of any of them finds everything done and waits for no one.
    await prepareDatabase(opened[2].ds, config, createLogger('silent'));
  });
});
