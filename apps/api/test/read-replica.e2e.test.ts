import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { firstDayOfMonth, monthOf, todayInVietnam } from '@bao-phu/domain';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config';
import { openDatabase, type OpenDatabase } from '../src/db/open';
import { createLogger } from '../src/log';
import { prepareDatabase } from '../src/seed/prepare';
import { createAppServer, type AppServer } from '../src/server';
import { TEST_ADMIN } from './harness/api';

/**
 * DATABASE_READ_URLS: the drill-down reports (GraphQL and their exports) read a streaming replica,
 * everything else the primary. On the PostgreSQL run (TEST_DATABASE_URL) the test makes its own
 * pair with the server's binaries — a primary cluster (initdb) and a standby from
 * `pg_basebackup -R` of it, each on a free port in a temporary folder — because the shared server
 * on 127.0.0.1:5432 accepts no replication connections (its pg_hba.conf has no `replication`
 * line) and a base backup of it would copy every database on it, benchmarks' gigabytes included.
 * The API runs in this process with DATABASE_URL on the primary and DATABASE_READ_URLS on the
 * standby; pausing the standby's replay shows where each read goes.
 */

const run = promisify(execFile);
const today = todayInVietnam();
const month = monthOf(today);

describe('DATABASE_READ_URLS in the settings', () => {
  it('is refused without DATABASE_URL (the embedded database has no replicas) and when a URL is not a PostgreSQL one', () => {
    expect(() => loadConfig({ DATABASE_READ_URLS: 'postgres://r@127.0.0.1:5433/baophu' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_READ_URLS: 'postgres://r@127.0.0.1:5433/baophu' })).toThrow(/DATABASE_READ_URLS needs DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://p@127.0.0.1/baophu', DATABASE_READ_URLS: 'postgres://a/x, mysql://b/x' })).toThrow(/DATABASE_READ_URLS: URL 2 of 2/);
  });

  it('is a list of URLs, commas and spaces around them ignored; unset or empty means none', () => {
    const primary = 'postgres://p@127.0.0.1/baophu';
    expect(loadConfig({ DATABASE_URL: primary, DATABASE_READ_URLS: ' postgres://a:5433/baophu , postgresql://b:5434/baophu,' }).databaseReadUrls).toEqual([
      'postgres://a:5433/baophu',
      'postgresql://b:5434/baophu',
    ]);
    expect(loadConfig({ DATABASE_URL: primary }).databaseReadUrls).toEqual([]);
    expect(loadConfig({ DATABASE_READ_URLS: ' , ' }).databaseReadUrls).toEqual([]);
  });
});

/** The folder of the PostgreSQL server programs: PG_BINDIR, or the newest Debian install. */
function serverBinaries(): string | null {
  const has = (dir: string) => ['initdb', 'pg_ctl', 'pg_basebackup', 'postgres'].every((p) => fs.existsSync(path.join(dir, p)));
  if (process.env.PG_BINDIR) return has(process.env.PG_BINDIR) ? process.env.PG_BINDIR : null;
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  return versions.map((v) => path.join(root, v, 'bin')).find(has) ?? null;
}

/** Why the replica test cannot run here, or null; printed, and an error under CI=true. */
function whyNot(): string | null {
  if (!process.env.TEST_DATABASE_URL?.trim()) return 'not the PostgreSQL run (TEST_DATABASE_URL unset): a streaming replica needs PostgreSQL';
  const bin = serverBinaries();
  if (!bin) return 'no PostgreSQL server programs (initdb, pg_ctl, pg_basebackup, postgres) under /usr/lib/postgresql/<version>/bin or PG_BINDIR';
  if (process.getuid?.() === 0) {
    try {
      execFileSync('id', ['-u', 'postgres'], { stdio: 'pipe' });
    } catch {
      return 'running as root, and PostgreSQL refuses to run as root: no `postgres` OS user to run it as';
    }
  }
  return null;
}

const skipReason = whyNot();
if (skipReason) {
  if (process.env.TEST_DATABASE_URL?.trim() && process.env.CI === 'true') throw new Error(`CI=true, PostgreSQL run, but the read-replica test cannot run: ${skipReason}`);
  console.warn(`[read-replica] skipped: ${skipReason}`);
}

/** A PostgreSQL cluster of the test's own: started with pg_ctl as the `postgres` OS user when we are root. */
class Cluster {
  constructor(
    readonly dir: string,
    readonly port: number,
  ) {}
  url(database = 'baophu') {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }
  async start(bin: string) {
    await asPostgres(path.join(bin, 'pg_ctl'), ['-D', this.dir, '-l', `${this.dir}.log`, '-o', `-p ${this.port}`, '-w', '-t', '60', 'start']);
  }
  /** Immediate stop: nothing of it is kept. Never throws (also used after a failed start). */
  stop(bin: string) {
    if (!fs.existsSync(path.join(this.dir, 'postmaster.pid'))) return;
    try {
      execFileSync(...asPostgresArgs(path.join(bin, 'pg_ctl'), ['-D', this.dir, '-m', 'immediate', '-w', '-t', '30', 'stop']), { stdio: 'pipe' });
    } catch (err) {
      console.warn(`[read-replica] could not stop the cluster in ${this.dir}: ${(err as Error).message}`);
    }
  }
}

function asPostgresArgs(program: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', program, ...args]] : [program, args];
}

async function asPostgres(program: string, args: string[]) {
  const [cmd, argv] = asPostgresArgs(program, args);
  try {
    return await run(cmd, argv, { timeout: 120_000 });
  } catch (err) {
    const e = err as Error & { stderr?: string; stdout?: string };
    throw new Error(`${path.basename(program)} ${args.join(' ')} failed: ${e.stderr || e.stdout || e.message}`);
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const REPORT = `query($u: ID!, $d: Date!) { hierarchyReport(unitId: $u, scheme: VOLUNTARY_SI, asOf: $d, restated: true) { total { participants } children { unit { code } participants } } }`;
const TREND = `query($u: ID!, $m: Month!) { reportTrend(unitId: $u, scheme: VOLUNTARY_SI, from: $m, to: $m) { points { month participants } } }`;
const RANKING = `query($u: ID!, $d: Date!) { unitRanking(unitId: $u, scheme: VOLUNTARY_SI, asOf: $d, measure: PARTICIPANTS, level: HAMLET) { highest { value } } }`;

describe.skipIf(!!skipReason)('reports on a streaming replica (DATABASE_READ_URLS)', () => {
  const bin = serverBinaries()!;
  let dir: string;
  let primary: Cluster;
  let replica: Cluster;
  let db: OpenDatabase | undefined;
  let server: AppServer | undefined;
  let api: string;
  let token: string;
  let onPrimary: pg.Client;
  let onReplica: pg.Client;
  let commune: string;
  let hamlet: string;
  const timings: Record<string, number> = {};
  let seq = 0;

  const cleanUp = () => {
    replica?.stop(bin);
    primary?.stop(bin);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  };

  async function gql<T = any>(query: string, variables: Record<string, unknown> = {}, bearer: string | null = token): Promise<T> {
    const res = await fetch(`${api}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: T; errors?: unknown[] };
    if (body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
    return body.data as T;
  }

  /** A person of the hamlet enrolled in voluntary SI from the 1st of this month; the dues of this month to pay. */
  async function enrolled(): Promise<{ enrollmentId: string; payable: number }> {
    seq++;
    const p = await gql(`mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }`, {
      i: { fullName: `Người Đọc Bản Sao ${seq}`, dateOfBirth: '1980-03-03', sex: 'FEMALE', citizenId: `0871800${String(seq).padStart(5, '0')}`, supportCategory: 'OTHER', hamletId: hamlet },
    });
    const e = await gql(`mutation($i: EnrollInput!) { enroll(input: $i) { id dues { payable } } }`, {
      i: { personId: p.createPerson.id, scheme: 'VOLUNTARY_SI', startDate: firstDayOfMonth(month), declaredMonthlyIncome: 3_000_000, paymentMode: 'MONTHLY' },
    });
    return { enrollmentId: e.enroll.id, payable: e.enroll.dues[0].payable };
  }

  const pay = (e: { enrollmentId: string; payable: number }) => gql(`mutation($i: RecordPaymentInput!) { recordPayment(input: $i) { id } }`, { i: { enrollmentId: e.enrollmentId, amount: e.payable, paidOn: today } });

  /** The commune's participants today as each report of the API says them (GraphQL and the CSV export). */
  async function reported() {
    const [h, t, r] = await Promise.all([gql(REPORT, { u: commune, d: today }), gql(TREND, { u: commune, m: month }), gql(RANKING, { u: commune, d: today })]);
    const csv = await fetch(`${api}/api/exports/hierarchy-report?unitId=${commune}&scheme=VOLUNTARY_SI&asOf=${today}&restated=true`, { headers: { authorization: `Bearer ${token}` } });
    expect(csv.status).toBe(200);
    const [header, first] = (await csv.text()).replace(/^\uFEFF/, '').split(/\r?\n/).map((l) => l.split(','));
    return {
      hierarchyReport: h.hierarchyReport.total.participants as number,
      reportTrend: t.reportTrend.points[0].participants as number,
      unitRanking: r.unitRanking.highest[0].value as number,
      export: Number(first[header.indexOf('participants')]),
    };
  }
  const everywhere = (n: number) => ({ hierarchyReport: n, reportTrend: n, unitRanking: n, export: n });

  /** The hamlet's participants today in the rollup table, read directly on one server. */
  async function rollup(client: pg.Client): Promise<number> {
    const { rows } = await client.query(`SELECT participants[$3] AS n FROM report_rollup WHERE unit_id = $1 AND scheme = 'VOLUNTARY_SI' AND month = $2::date`, [
      Number(hamlet),
      firstDayOfMonth(month),
      Number(today.slice(8, 10)),
    ]);
    return rows[0]?.n ?? 0;
  }

  /** Waits until the replica has replayed everything the primary has written so far. */
  async function caughtUp() {
    const { rows } = await onPrimary.query(`SELECT pg_current_wal_lsn() AS lsn`);
    await until('the replica to replay up to the primary', async () => (await onReplica.query(`SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok`, [rows[0].lsn])).rows[0].ok);
  }

  beforeAll(async () => {
    process.once('exit', cleanUp);
    let t = Date.now();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baophu-replica-'));
    if (process.getuid?.() === 0) {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
      fs.chownSync(dir, uid, gid);
    }
    primary = new Cluster(path.join(dir, 'primary'), await freePort());
    await asPostgres(path.join(bin, 'initdb'), ['-D', primary.dir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync', '--no-instructions']);
    // initdb's pg_hba.conf with --auth=trust already lets 127.0.0.1 connect for replication.
    fs.appendFileSync(
      path.join(primary.dir, 'postgresql.conf'),
      [
        `listen_addresses = '127.0.0.1'`,
        `unix_socket_directories = '${dir}'`,
        // A throwaway cluster: no durability needed, and the machine is shared.
        'fsync = off',
        'full_page_writes = off',
        'shared_buffers = 32MB',
        'max_connections = 50',
        'wal_level = replica',
        'max_wal_senders = 4',
        'hot_standby = on',
        '',
      ].join('\n'),
    );
    await primary.start(bin);
    onPrimary = new pg.Client({ connectionString: primary.url('postgres') });
    await onPrimary.connect();
    await onPrimary.query('CREATE DATABASE baophu');
    timings.primaryMs = Date.now() - t;

    t = Date.now();
    replica = new Cluster(path.join(dir, 'replica'), await freePort());
    // -R writes standby.signal and primary_conninfo (the primary's port); the standby's own port is given at start.
    await asPostgres(path.join(bin, 'pg_basebackup'), ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-D', replica.dir, '-R', '-X', 'stream', '-c', 'fast', '--no-sync']);
    timings.baseBackupMs = Date.now() - t;
    timings.baseBackupMB = Math.round(Number(execFileSync('du', ['-sk', replica.dir]).toString().split('\t')[0]) / 1024);
    t = Date.now();
    await replica.start(bin);
    onReplica = new pg.Client({ connectionString: replica.url() });
    await until('the replica to accept connections', async () => {
      try {
        await onReplica.connect();
        return true;
      } catch {
        onReplica = new pg.Client({ connectionString: replica.url() });
        return false;
      }
    });
    expect((await onReplica.query('SELECT pg_is_in_recovery() AS r')).rows[0].r).toBe(true);
    timings.replicaStartMs = Date.now() - t;
    await onPrimary.end();
    onPrimary = new pg.Client({ connectionString: primary.url() });
    await onPrimary.connect();

    // The API as main.ts starts it, from the same settings.
    t = Date.now();
    const config = loadConfig({
      DATABASE_URL: primary.url(),
      DATABASE_READ_URLS: replica.url(),
      SEED: 'none',
      REFERENCE_UNITS: 'none',
      JOBS: 'off',
      LOG_LEVEL: 'silent',
      PORT: '0',
      ADMIN_USERNAME: TEST_ADMIN.username,
      ADMIN_PASSWORD: TEST_ADMIN.password,
    });
    expect(config.databaseReadUrls).toEqual([replica.url()]);
    db = await openDatabase(config.databaseUrl, config.dataDir, false, { readUrls: config.databaseReadUrls });
    const logger = createLogger('silent');
    await prepareDatabase(db.ds, config, logger);
    server = await createAppServer(config, db.ds, logger, db.kind);
    api = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
    timings.apiStartMs = Date.now() - t;
    token = (await gql(`mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`, { u: TEST_ADMIN.username, p: TEST_ADMIN.password }, null)).login.token;

    const unit = async (input: Record<string, unknown>) => (await gql(`mutation($i: CreateOrgUnitInput!) { createOrgUnit(input: $i) { id } }`, { i: { validFrom: '2020-01-01', ...input } })).createOrgUnit.id as string;
    const country = (await gql(`{ orgUnits(filter: { level: COUNTRY }) { items { id } } }`)).orgUnits.items[0].id;
    const province = await unit({ code: '82', name: 'Tỉnh Thử Bản Sao', level: 'PROVINCE', parentId: country });
    const base = await unit({ code: 'BHXH-RR', name: 'BHXH cơ sở Bản Sao', level: 'BASE', parentId: province });
    commune = await unit({ code: '39601', name: 'Xã Bản Sao', level: 'COMMUNE', parentId: base });
    hamlet = await unit({ code: '39601-01', name: 'Ấp Bản Sao', level: 'HAMLET', parentId: commune });
  }, 180_000);

  afterAll(async () => {
    await server?.close().catch(() => {});
    await db?.close().catch(() => {});
    await onPrimary?.end().catch(() => {});
    await onReplica?.end().catch(() => {});
    cleanUp();
    process.removeListener('exit', cleanUp);
    console.info(`[read-replica] ${JSON.stringify(timings)}`);
  });

  /** With the replica's replay paused: pays, and holds each read to the server it should read. */
  async function whilePaused(second: { enrollmentId: string; payable: number }) {
    await pay(second);
    // The replica has received the payment's WAL, and holds its replay.
    const { rows } = await onPrimary.query(`SELECT pg_current_wal_lsn() AS lsn`);
    await until('the replica to receive the payment', async () => (await onReplica.query(`SELECT pg_last_wal_receive_lsn() >= $1::pg_lsn AS ok`, [rows[0].lsn])).rows[0].ok);
    expect((await onReplica.query('SELECT pg_get_wal_replay_pause_state() AS s')).rows[0].s).toBe('paused');
    expect(await rollup(onPrimary)).toBe(2);
    expect(await rollup(onReplica)).toBe(1);

    // Every report, and the export of one, reads the replica.
    expect(await reported()).toEqual(everywhere(1));
    // The rest reads the primary: the payment just made, and a new session (a login writes it, every request looks it up).
    const paid = await gql(`query($id: ID!) { enrollment(id: $id) { payments { amount } } }`, { id: second.enrollmentId });
    expect(paid.enrollment.payments).toEqual([{ amount: second.payable }]);
    const again = (await gql(`mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`, { u: TEST_ADMIN.username, p: TEST_ADMIN.password }, null)).login.token;
    expect((await gql(`{ me { username } }`, {}, again)).me.username).toBe(TEST_ADMIN.username);
  }

  it('reads the reports from the replica: with its replay paused they keep the old figure while other reads and the writes are the primary’s', async () => {
    const first = await enrolled();
    await pay(first);
    const second = await enrolled();
    await caughtUp();
    expect(await reported()).toEqual(everywhere(1));

    await onReplica.query('SELECT pg_wal_replay_pause()');
    let resumed: number;
    try {
      await whilePaused(second);
    } finally {
      await onReplica.query('SELECT pg_wal_replay_resume()');
      resumed = Date.now();
    }
    await until('the report to show the payment after the replay resumed', async () => (await gql(REPORT, { u: commune, d: today })).hierarchyReport.total.participants === 2);
    timings.resumeToReportMs = Date.now() - resumed;
    expect(await reported()).toEqual(everywhere(2));
  });

  it('keeps writing through the API, and a report shows a payment once the replica has replayed it', async () => {
    const third = await enrolled();
    const t = Date.now();
    await pay(third);
    const answered = Date.now();
    timings.paymentMs = answered - t;
    // How far the replica is behind here: from the payment's answer to its replay, then to a report showing it.
    await caughtUp();
    timings.paymentToReplayMs = Date.now() - answered;
    await until('the report to show the third payment', async () => (await gql(REPORT, { u: commune, d: today })).hierarchyReport.total.participants === 3);
    timings.paymentToReportMs = Date.now() - answered;
    expect(await reported()).toEqual(everywhere(3));
    expect(await rollup(onReplica)).toBe(3);
  });
});
