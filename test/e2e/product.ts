import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';

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
 * with the demo data: on a fresh embedded database, or on a new database of the server at
 * TEST_DATABASE_URL (dropped on stop).
 */
export async function startProduct(): Promise<RunningProduct> {
  if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "pnpm run build" first (pnpm test does)`);
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baophu-e2e-'));
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATA_DIR: dataDir, SEED: 'demo' };
  delete env.DATABASE_URL;
  let drop: (() => Promise<void>) | null = null;
  const server = process.env.TEST_DATABASE_URL?.trim();
  if (server) {
    // Unique when test files run side by side (Vitest's workers).
    const name = `baophu_e2e_${Date.now().toString(36)}_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(server);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    drop = async () => {
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  }
  const child: ChildProcess = spawn(process.execPath, ['--enable-source-maps', MAIN], { env, cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  let stopped: StopResult | null = null;
  const stop = async (): Promise<StopResult> => {
    if (stopped) return stopped;
    let exitCode: number | null = child.exitCode;
    if (exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      exitCode = child.exitCode;
      if (exitCode === null) child.kill('SIGKILL');
    }
    const lockReleased = !fs.existsSync(path.join(dataDir, 'bao-phu.lock'));
    fs.rmSync(dataDir, { recursive: true, force: true });
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
