import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { todayInVietnam } from '../../packages/domain/src';
import { seedingLock, treeDigest } from '../../apps/api/test/harness/seeding-lock';

const ROOT = path.resolve(__dirname, '..', '..');
const MAIN = path.join(ROOT, 'apps', 'api', 'dist', 'main.js');

export interface StopResult {
  /** The exit code when the product stopped by itself on SIGTERM; null when it had to be killed. */
  exitCode: number | null;
  /** Whether the data folder's lock file was gone after the stop. */
  lockReleased: boolean;
}

export interface RunningProduct {
  url: string;
  output(): string;
  stop(): Promise<StopResult>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts the built product as a user would (`node apps/api/dist/main.js`, what `pnpm start` runs)
 * with the demo data: on a copy of a seeded embedded database, or on a new database of the server
 * at TEST_DATABASE_URL copied from a seeded one (dropped on stop). See seededDemo.
 */
export async function startProduct(): Promise<RunningProduct> {
  if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "pnpm run build" first (pnpm test does)`);
  const server = process.env.TEST_DATABASE_URL?.trim() || null;
  const seeded = await seededDemo(server);
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baophu-e2e-'));
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATA_DIR: dataDir, SEED: 'demo' };
  delete env.DATABASE_URL;
  let drop: (() => Promise<void>) | undefined;
  if (server) {
    // Unique when test files run side by side (Vitest's workers).
    const name = `baophu_e2e_${Date.now().toString(36)}_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
    await withAdmin(server, (admin) => admin.query(`CREATE DATABASE ${name} TEMPLATE ${seeded}`));
    env.DATABASE_URL = databaseUrl(server, name);
    drop = () => withAdmin(server, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  } else fs.cpSync(seeded, dataDir, { recursive: true });
  return launch(env, dataDir, { drop });
}

async function withAdmin<T>(server: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: server });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

function databaseUrl(server: string, name: string): string {
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * The demo as the product's own first start seeds it (SEED=demo), once per day and build: the
 * first test file to ask starts the product on an empty database, lets it seed, and stops it
 * (tens of seconds on PGlite); every file then starts the product on a copy — of that data folder
 * on PGlite, of that database (a template) on a server — and the product finds its demo there, as
 * after a restart. Returns the folder or the template's name.
 */
async function seededDemo(server: string | null): Promise<string> {
  const key = seedKey();
  if (server) {
    const template = `baophu_e2e_tpl_${key}`;
    return withAdmin(server, async (admin) => {
      // One process seeds; the others wait on the lock, then find it.
      await admin.query(`SELECT pg_advisory_lock(hashtext('baophu-e2e-template'))`);
      try {
        if ((await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [template])).rows.length) return template;
        for (const { datname } of (await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE 'baophu\\_e2e\\_tpl\\_%'`)).rows as { datname: string }[])
          await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
        await admin.query(`CREATE DATABASE ${template}`);
        try {
          const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'baophu-e2e-seed-'));
          await seedOnce({ ...process.env, DATABASE_URL: databaseUrl(server, template) }, scratch).finally(() => fs.rmSync(scratch, { recursive: true, force: true }));
        } catch (err) {
          await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
          throw err;
        }
        return template;
      } finally {
        await admin.query(`SELECT pg_advisory_unlock(hashtext('baophu-e2e-template'))`).catch(() => {});
      }
    });
  }
  const folder = path.join(os.tmpdir(), `baophu-e2e-demo-${key}`);
  // One process seeds; the others wait for its folder.
  const release = await seedingLock(`${folder}.lock`, () => fs.existsSync(folder));
  if (!release) return folder;
  try {
    if (fs.existsSync(folder)) return folder;
    const partial = `${folder}.${process.pid}`;
    fs.rmSync(partial, { recursive: true, force: true });
    fs.mkdirSync(partial);
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.DATABASE_URL;
    await seedOnce(env, partial).catch((err) => {
      fs.rmSync(partial, { recursive: true, force: true });
      throw err;
    });
    fs.renameSync(partial, folder);
    // Copies of other days or builds are of no use any more.
    for (const old of fs.readdirSync(os.tmpdir())) {
      if (/^baophu-e2e-demo-[\w]+$/.test(old) && path.join(os.tmpdir(), old) !== folder) fs.rmSync(path.join(os.tmpdir(), old), { recursive: true, force: true });
    }
    return folder;
  } finally {
    release();
  }
}

/** The product's first start with SEED=demo in `dataDir` (or on env.DATABASE_URL), until it is ready, then stopped. */
async function seedOnce(env: NodeJS.ProcessEnv, dataDir: string): Promise<void> {
  // A minute to stop: right after its first start the product may still be busy (its jobs), and a
  // seeded copy must come from a clean stop.
  const product = await launch({ ...env, PORT: String(await freePort()), DATA_DIR: dataDir, SEED: 'demo' }, dataDir, { keepDataDir: true, graceMs: 60_000 });
  const stopped = await product.stop();
  // Stopped the moment it says it is ready (its jobs still starting): it must still stop cleanly.
  if (stopped.exitCode !== 0 || !stopped.lockReleased) throw new Error(`the product seeding the demo did not stop cleanly (${JSON.stringify(stopped)}):\n${product.output()}`);
}

/** Today in Vietnam (the demo plays payments up to it) and a digest of the built API and its reference data. */
function seedKey(): string {
  const digest = treeDigest([path.join(ROOT, 'apps', 'api', 'dist'), path.join(ROOT, 'apps', 'api', 'reference')], (name) => name.endsWith('.map'));
  return `${todayInVietnam().replace(/-/g, '')}_${digest.slice(0, 16)}`;
}

/**
 * Runs main.js with `env` until it says it is ready. On stop: SIGTERM, then SIGKILL after `graceMs`;
 * its data folder removed unless `keepDataDir`; then `drop` (its server database).
 */
async function launch(env: NodeJS.ProcessEnv, dataDir: string, options: { drop?: () => Promise<void>; keepDataDir?: boolean; graceMs?: number } = {}): Promise<RunningProduct> {
  const { drop, keepDataDir = false, graceMs = 10_000 } = options;
  const child: ChildProcess = spawn(process.execPath, ['--enable-source-maps', MAIN], { env, cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${env.PORT}`;
  let stopped: StopResult | null = null;
  const stop = async (): Promise<StopResult> => {
    if (stopped) return stopped;
    let exitCode: number | null = child.exitCode;
    if (exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, graceMs))]);
      exitCode = child.exitCode;
      if (exitCode === null) child.kill('SIGKILL');
    }
    const lockReleased = !fs.existsSync(path.join(dataDir, 'bao-phu.lock'));
    if (!keepDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    await drop?.();
    stopped = { exitCode, lockReleased: env.DATABASE_URL ? true : lockReleased };
    return stopped;
  };
  const deadline = Date.now() + 150_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`the product exited with ${child.exitCode}:\n${log}`);
    }
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok && log.includes('is ready')) return { url, output: () => log, stop };
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`the product did not become ready in time:\n${log}`);
}

/** Debian's Chromium, or null when it is not installed. */
export function findChromium(): string | null {
  for (const p of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'])
    if (p && fs.existsSync(p)) return p;
  return null;
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

/**
 * Debian's Chromium for a browser test file: under CI=true its absence fails the run; elsewhere the
 * file is skipped with the reason printed.
 */
export function chromiumOrSkip(): string | null {
  const found = findChromium();
  if (!found) {
    if (process.env.CI === 'true') throw new Error('CI=true but no Chromium at /usr/bin/chromium: install it (apt-get install -y chromium)');
    console.warn('[e2e] skipped: no Chromium installed (apt-get install -y chromium, or set CHROMIUM_PATH)');
  }
  return found;
}

/** A fresh browser context (Vietnamese, no stored filters) logged in through the login page. */
export async function logIn(browser: Browser, url: string, username: string, width = 1280): Promise<Page> {
  const context = await browser.newContext({ locale: 'vi-VN', viewport: { width, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${url}/#/login`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill('demo-Password-1');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((u) => !u.hash.startsWith('#/login'));
  return page;
}

/** A GraphQL answer as the API sends it. */
export type GraphQLAnswer = { data?: Record<string, any>; errors?: { message: string; extensions?: { code?: string } }[] };

/**
 * The API of a running product as one demo account, over HTTP, as the SPA calls it: `call` gives
 * the answer as it is (for refusals), `ok` the data of an answer without errors. Throws when the
 * login fails.
 */
export async function apiAs(url: string, username: string, password = 'demo-Password-1') {
  const post = async (query: string, variables: Record<string, unknown>, token?: string): Promise<GraphQLAnswer> => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GraphQLAnswer;
  };
  const login = await post(`mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`, { u: username, p: password });
  const token = login.data?.login?.token as string | undefined;
  if (!token) throw new Error(`login of ${username} failed: ${JSON.stringify(login.errors)}`);
  const call = (query: string, variables: Record<string, unknown> = {}) => post(query, variables, token);
  return {
    call,
    ok: async (query: string, variables: Record<string, unknown> = {}) => {
      const answer = await call(query, variables);
      if (answer.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(answer.errors)}`);
      return answer.data!;
    },
  };
}
