import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL server the benchmarks use; each run works in databases of its own named bench_*. */
export const serverUrl = process.env.BENCH_DATABASE_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/postgres';

async function admin<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** True when the server answers; `reason` says why not otherwise. */
export async function probeServer(): Promise<{ ok: true; version: string } | { ok: false; reason: string }> {
  try {
    const version = await admin(async (c) => (await c.query('SHOW server_version')).rows[0].server_version as string);
    return { ok: true, version };
  } catch (err) {
    return { ok: false, reason: (err as Error).message };
  }
}

export interface BenchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

const live = new Set<string>();

/**
 * Creates a database bench_<label>_<random> on the server, empty or (template) a copy of another
 * bench database, which must have no connection left; drop() removes it.
 */
export async function createBenchDatabase(label: string, template?: string): Promise<BenchDatabase> {
  const name = `bench_${label.replace(/\W/g, '_')}_${randomBytes(4).toString('hex')}`;
  const sql = template ? `CREATE DATABASE ${name} TEMPLATE ${template.replace(/\W/g, '')}` : `CREATE DATABASE ${name}`;
  // A backend of a pool just closed may take a moment to go: "source database is being accessed".
  for (let attempt = 0; ; attempt++) {
    try {
      await admin((c) => c.query(sql));
      break;
    } catch (err) {
      if (!template || attempt >= 50 || !/being accessed by other users/.test((err as Error).message)) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  live.add(name);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      if (!live.delete(name)) return;
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/**
 * A database kept on the server from one run to the next, for a benchmark to clone (createBenchDatabase
 * with it as template): `baophu_bench_<label>_<key>`, where the key says what made it (the code, the
 * migrations, the day). When it is missing, `make` fills a new bench database, which is then renamed
 * to it, with what `make` returned kept as JSON in the database's comment; the other keeps of the
 * same label are dropped. Returns that JSON and whether it was made now.
 */
export async function keptDatabase<T>(label: string, key: string, make: (db: BenchDatabase) => Promise<T>): Promise<{ name: string; meta: T; made: boolean }> {
  const name = `baophu_bench_${label}_${key}`.replace(/\W/g, '_').slice(0, 63);
  const found = await admin(async (c) => (await c.query(`SELECT shobj_description(oid, 'pg_database') AS meta FROM pg_database WHERE datname = $1`, [name])).rows[0] as { meta: string | null } | undefined);
  if (found?.meta) return { name, meta: JSON.parse(found.meta) as T, made: false };
  const db = await createBenchDatabase(label);
  let meta: T;
  try {
    meta = await make(db);
  } catch (err) {
    await db.drop();
    throw err;
  }
  await admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`ALTER DATABASE ${db.name} RENAME TO ${name}`);
    live.delete(db.name);
    await c.query(`COMMENT ON DATABASE ${name} IS ${pg.escapeLiteral(JSON.stringify(meta))}`);
    const { rows } = await c.query(`SELECT datname FROM pg_database WHERE datname LIKE $1 AND datname <> $2`, [`${name.slice(0, name.length - key.length)}%`, name]);
    for (const r of rows as { datname: string }[]) await c.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
  });
  return { name, meta, made: true };
}

/** Drops every database this process created and has not dropped yet (after a failure). */
export async function dropLeftovers(): Promise<void> {
  for (const name of [...live]) {
    live.delete(name);
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).catch(() => {});
  }
}
