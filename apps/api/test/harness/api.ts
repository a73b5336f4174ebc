import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { todayInVietnam } from '@bao-phu/domain';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config';
import { openDatabase, type OpenDatabase } from '../../src/db/open';
import { createLogger } from '../../src/log';
import type { Clock } from '../../src/jobs/clock';
import type { ScheduledJob } from '../../src/jobs/job';
import { startScheduler, type Scheduler } from '../../src/jobs/scheduler';
import { DEMO_PASSWORD } from '../../src/seed/accounts';
import { prepareDatabase } from '../../src/seed/prepare';
import { createAppServer, type AppServer } from '../../src/server';
import { seedingLock, treeDigest } from './seeding-lock';

export interface GraphQLResponse<T = Record<string, any>> {
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[];
}

export interface Client {
  /** POSTs a GraphQL operation and returns the parsed body (errors included). */
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** Like gql, but fails the test on any error, and returns `data`. */
  ok<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

/** The test API; its own gql/ok act as the first administrator (TEST_ADMIN). */
export interface TestApi extends Client {
  url: string;
  ds: DataSource;
  kind: 'embedded' | 'postgres';
  /** The scheduled jobs (pg-boss), when started with the `jobs` option; stopped by close(). */
  scheduler: Scheduler | null;
  /** A client sending this token (null: none). */
  as(token: string | null): Client;
  /** Logs in and returns the token; fails the test when the login is refused. */
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/** The first administrator every test API gets (ADMIN_USERNAME / ADMIN_PASSWORD). */
export const TEST_ADMIN = { username: 'root.admin', password: 'test-Password-1' };

export interface TestApiOptions {
  referenceUnits?: boolean;
  demo?: boolean;
  /**
   * Start the scheduled jobs (pg-boss) as main.ts does, with this clock and these jobs (default:
   * the system clock and every registered job). Off by default: tests that do not need it never
   * start pg-boss.
   */
  jobs?: boolean | { clock?: Clock; jobs?: ScheduledJob[] };
  /** Settings of the API's environment (CONTRACT.md names) for this test API only. */
  env?: Record<string, string>;
}

/**
 * Seeding the demo (10,000 people with their dues and payments) or the reference units takes
 * seconds to a minute per test file; the database each test file gets is instead copied from one
 * seeded once: a template database on the PostgreSQL server, a PGlite tarball in the temporary
 * folder. The copy is keyed by the day (the demo plays payments up to today) and a digest of the
 * code and data that seed it, so a change of either seeds afresh. Each test file still gets a
 * database of its own.
 */
async function openSeededTestDatabase(variant: 'demo' | 'reference', options: TestApiOptions): Promise<OpenDatabase> {
  const key = `${variant}_${seedKey()}`;
  const seed = async (db: OpenDatabase) => {
    await prepareDatabase(
      db.ds,
      { seed: options.demo ? 'demo' : 'none', referenceUnits: 'all', adminUsername: TEST_ADMIN.username, adminPassword: TEST_ADMIN.password },
      createLogger('silent'),
    );
  };
  const serverUrl = process.env.TEST_DATABASE_URL?.trim();
  if (!serverUrl) {
    // Not compressed: a copy of the demo (about 470 MB) opens in about 3 s, its gzip in about 9.
    const file = path.join(os.tmpdir(), `baophu-test-${key}.tar`);
    // Test files run side by side (Vitest's workers): one seeds, the others wait for its copy.
    const release = await seedingLock(`${file}.lock`, () => fs.existsSync(file));
    if (!release) return openDatabase(null, null, false, { loadFrom: new Blob([fs.readFileSync(file)]) });
    try {
      if (fs.existsSync(file)) return await openDatabase(null, null, false, { loadFrom: new Blob([fs.readFileSync(file)]) });
      return await seedPglite(file, variant, seed);
    } finally {
      release();
    }
  }
  const template = `baophu_tpl_${key}`.slice(0, 60);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    // One process seeds the template; the others wait for it, then copy it.
    await admin.query(`SELECT pg_advisory_lock(hashtext('baophu-test-template'))`);
    const [exists] = (await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [template])).rows;
    if (!exists) {
      const stale = (await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE 'baophu\\_tpl\\_${variant}\\_%'`)).rows as { datname: string }[];
      for (const { datname } of stale) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${template}`);
      const url = new URL(serverUrl);
      url.pathname = `/${template}`;
      const db = await openDatabase(url.toString(), null);
      try {
        await seed(db);
      } catch (err) {
        await db.close();
        await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
        throw err;
      }
      await db.close();
    }
    const name = `baophu_t_${randomBytes(6).toString('hex')}`;
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const drop = async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
    try {
      const db = await openDatabase(url.toString(), null);
      return { ...db, close: async () => { await db.close(); await drop(); } };
    } catch (err) {
      await drop();
      throw err;
    }
  } finally {
    await admin.query(`SELECT pg_advisory_unlock(hashtext('baophu-test-template'))`).catch(() => {});
    await admin.end();
  }
}

/** Seeds an in-memory PGlite and keeps a copy of it in `file` for the next test files. */
async function seedPglite(file: string, variant: string, seed: (db: OpenDatabase) => Promise<void>): Promise<OpenDatabase> {
  const db = await openDatabase(null, null);
  await seed(db);
  const tar = Buffer.from(await (await db.dump!('none')).arrayBuffer());
  const partial = `${file}.${process.pid}`;
  fs.writeFileSync(partial, tar);
  fs.renameSync(partial, file);
  // Copies of earlier days or code versions are of no use any more (each is about 470 MB).
  for (const old of fs.readdirSync(os.tmpdir())) {
    if (old.startsWith(`baophu-test-${variant}_`) && /\.tar(\.gz)?$/.test(old) && path.join(os.tmpdir(), old) !== file) fs.rmSync(path.join(os.tmpdir(), old), { force: true });
  }
  return db;
}

let cachedSeedKey: string | undefined;

/** Today (Vietnam) and a digest of the API's and the domain's code and the reference data. */
function seedKey(): string {
  if (cachedSeedKey) return cachedSeedKey;
  const digest = treeDigest(['../../src', '../../reference', '../../../../packages/domain/src'].map((r) => path.resolve(__dirname, r)));
  cachedSeedKey = `${todayInVietnam().replace(/-/g, '')}_${digest.slice(0, 16)}`;
  return cachedSeedKey;
}

/**
 * A fresh, empty database for one test file: an in-memory PGlite by default, or a new database on
 * the server of TEST_DATABASE_URL. `close` drops it.
 */
export async function openTestDatabase(): Promise<OpenDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL?.trim();
  if (!serverUrl) return openDatabase(null, null);
  const name = `baophu_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const drop = async () => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  };
  try {
    const db = await openDatabase(url.toString(), null);
    return { ...db, close: async () => { await db.close(); await drop(); } };
  } catch (err) {
    await drop();
    throw err;
  }
}

/**
 * Boots the real API over HTTP on a fresh database of its own (see openTestDatabase). One per
 * test file.
 */
export async function startTestApi(options: TestApiOptions = {}): Promise<TestApi> {
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: '',
    LOG_LEVEL: 'silent',
    PORT: '0',
    ADMIN_USERNAME: TEST_ADMIN.username,
    ADMIN_PASSWORD: TEST_ADMIN.password,
    ...options.env,
  });
  let db: OpenDatabase | undefined;
  let server: AppServer | undefined;
  let scheduler: Scheduler | null = null;
  try {
    const variant = options.demo ? 'demo' : options.referenceUnits ? 'reference' : null;
    db = variant ? await openSeededTestDatabase(variant, options) : await openTestDatabase();
    const logger = createLogger('silent');
    await prepareDatabase(
      db.ds,
      {
        seed: options.demo ? 'demo' : 'none',
        referenceUnits: options.referenceUnits || options.demo ? 'all' : 'none',
        adminUsername: TEST_ADMIN.username,
        adminPassword: TEST_ADMIN.password,
      },
      logger,
    );
    server = await createAppServer(config, db.ds, logger, db.kind);
    const port = await server.listen(0, '127.0.0.1');
    const url = `http://127.0.0.1:${port}`;
    if (options.jobs) {
      const jobs = options.jobs === true ? {} : options.jobs;
      scheduler = await startScheduler({ ds: db.ds, kind: db.kind, logger, clock: jobs.clock, jobs: jobs.jobs });
    }
    const client = (token: string | null): Client => {
      const gql = async <T>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> => {
        const res = await fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify({ query, variables }),
        });
        return (await res.json()) as GraphQLResponse<T>;
      };
      return {
        gql,
        async ok<T>(query: string, variables?: Record<string, unknown>) {
          const body = await gql<T>(query, variables);
          if (body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors, null, 2)}`);
          return body.data as T;
        },
      };
    };
    const login = async (username: string, password = DEMO_PASSWORD) => {
      const data = await client(null).ok<{ login: { token: string } }>(
        `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`,
        { u: username, p: password },
      );
      return data.login.token;
    };
    // With the demo, accounts exist before ADMIN_USERNAME is looked at: the demo's admin is the first.
    const admin = client(options.demo ? await login('admin') : await login(TEST_ADMIN.username, TEST_ADMIN.password));
    const opened = db;
    const srv = server;
    const jobs = scheduler;
    return {
      url,
      ds: opened.ds,
      kind: opened.kind,
      scheduler: jobs,
      ...admin,
      as: client,
      login,
      async close() {
        await jobs?.stop();
        await srv.close();
        await opened.close();
      },
    };
  } catch (err) {
    await scheduler?.stop().catch(() => {});
    await server?.close().catch(() => {});
    await db?.close().catch(() => {});
    throw err;
  }
}

/** Uploads a file to POST /api/imports/{kind} and returns the HTTP status and JSON body. */
export async function upload(
  api: TestApi,
  token: string | null,
  kind: string,
  content: string | Uint8Array,
  options: { fileName?: string; dryRun?: boolean; keepValid?: boolean } = {},
): Promise<{ status: number; body: any }> {
  const form = new FormData();
  if (options.dryRun) form.set('dryRun', 'true');
  if (options.keepValid) form.set('keepValid', 'true');
  form.set('file', new Blob([content]), options.fileName ?? 'persons.csv');
  const res = await fetch(`${api.url}/api/imports/${kind}`, { method: 'POST', body: form, headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, body: await res.json() };
}

/** Polls importJob until it has finished, and returns it. */
export async function finishedImport(client: Client, importId: string): Promise<any> {
  for (let i = 0; i < 600; i++) {
    const data = await client.ok(`query($id: ID!) { importJob(id: $id) { id status totalRows acceptedRows rejectedRows importedRows errors { line message messageEn } } }`, { id: importId });
    if (data.importJob.status === 'SUCCEEDED' || data.importJob.status === 'FAILED') return data.importJob;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`import ${importId} did not finish`);
}
