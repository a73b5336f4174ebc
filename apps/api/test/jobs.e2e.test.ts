import { spawn } from 'node:child_process';
import path from 'node:path';
import PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PGBOSS_SCHEMA_VERSION, PGBOSS_V24_CONSTRUCTION } from '../src/db/migrations/1795863500000-job-queue';
import { manualClock } from '../src/jobs/clock';
import { runOncePer } from '../src/jobs/once';
import { scheduledJobs } from '../src/jobs/registry';
import { startScheduler, type Scheduler } from '../src/jobs/scheduler';
import { createLogger } from '../src/log';
import { startTestApi, type TestApi } from './harness/api';
import { countryId, createUnit } from './harness/org';

/**
 * Scheduled jobs through pg-boss on the test database (PGlite, or PostgreSQL with
 * TEST_DATABASE_URL): runs are sent to their queue and picked up by the worker, never called
 * directly. The clock is set by the test, so "today" is whatever day the test chooses.
 */
const DAILY = 'enrollment.daily';
const logger = createLogger('silent');
const clock = manualClock('2025-07-20');
let api: TestApi;
let hamlet: string;
let seq = 0;
/** Schedulers started by the tests themselves (besides the harness's), stopped at the end. */
const extra: Scheduler[] = [];

beforeAll(async () => {
  api = await startTestApi({ jobs: { clock } });
  const province = await createUnit(api, { code: '82', name: 'Tỉnh Đồng Tháp', level: 'PROVINCE', parentId: await countryId(api) });
  const commune = await createUnit(api, { code: '30208', name: 'Xã Hòa Long', level: 'COMMUNE', parentId: province.id });
  hamlet = (await createUnit(api, { code: '30208-01', name: 'Ấp 1', level: 'HAMLET', parentId: commune.id })).id;
});
afterAll(async () => {
  for (const s of extra) await s.stop();
  await api?.close();
});

async function enroll(startDate: string): Promise<string> {
  seq++;
  const person = await api.ok(`mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }`, {
    i: { fullName: `Người Chạy Việc ${seq}`, dateOfBirth: '1990-04-10', sex: 'MALE', citizenId: `0870901${String(seq).padStart(5, '0')}`, supportCategory: 'OTHER', hamletId: hamlet },
  });
  const e = await api.ok(`mutation($i: EnrollInput!) { enroll(input: $i) { id } }`, {
    i: { personId: person.createPerson.id, scheme: 'VOLUNTARY_SI', startDate, declaredMonthlyIncome: 1_500_000, paymentMode: 'MONTHLY' },
  });
  return e.enroll.id;
}

async function enrollment(id: string): Promise<{ status: string; dues: { periodStart: string; status: string }[] }> {
  return (await api.ok(`query($id: ID!) { enrollment(id: $id) { status dues { periodStart status } } }`, { id })).enrollment;
}

/** Everything the daily job may change, to compare before and after a run. */
async function snapshot() {
  return {
    enrollments: await api.ds.query(`SELECT id, status, version FROM enrollment ORDER BY id`),
    dues: await api.ds.query(`SELECT enrollment_id, period_start::text, status FROM contribution_due ORDER BY enrollment_id, period_start`),
  };
}

async function runDaily(scheduler: Scheduler) {
  const run = await scheduler.waitForRun(DAILY, await scheduler.trigger(DAILY));
  expect(run.state, JSON.stringify(run.output)).toBe('completed');
  return run.output;
}

describe('the job queue', () => {
  it('is built by the migration from pg-boss 10’s own construction SQL, and pg-boss starts on it without migrating', async () => {
    // pg-boss's plan is wrapped in BEGIN / SET LOCAL … / COMMIT; the migration runs the inside in
    // TypeORM's transaction. An upgraded pg-boss with another schema fails here: write a migration.
    const plan = PgBoss.getConstructionPlans('pgboss');
    const inside = plan
      .replace(/^\s*BEGIN;\s*SET LOCAL lock_timeout = '30s';\s*SET LOCAL idle_in_transaction_session_timeout = '30s';/, '')
      .replace(/;\s*COMMIT;\s*$/, '');
    const squash = (sql: string) => sql.replace(/\s+/g, ' ').trim();
    expect(squash(inside)).toBe(squash(PGBOSS_V24_CONSTRUCTION));
    const [{ version }] = await api.ds.query(`SELECT version FROM pgboss.version`);
    expect(version).toBe(PGBOSS_SCHEMA_VERSION);
  });

  it('holds one schedule per registered job, in Vietnam time: 00:15 for the daily enrollment job', async () => {
    const rows = await api.scheduler!.schedules();
    expect(rows.map((r) => r.name).sort()).toEqual(scheduledJobs().map((j) => j.name).sort());
    expect(rows.every((r) => r.timezone === 'Asia/Ho_Chi_Minh')).toBe(true);
    expect(rows).toContainEqual({ name: DAILY, cron: '15 0 * * *', timezone: 'Asia/Ho_Chi_Minh' });
  });
});

describe('the daily enrollment job', () => {
  let late: string;
  let onTime: string;

  it('ran once at start for the clock’s day', async () => {
    const id = api.scheduler!.catchUps.get(DAILY);
    expect(id).toBeTruthy();
    const run = await api.scheduler!.waitForRun(DAILY, id!);
    expect(run).toMatchObject({ state: 'completed', output: { today: '2025-07-20', ran: true, lapsed: 0, duesCreated: 0 } });
  });

  it('lapses an enrollment whose deadline passed unpaid and rolls the dues of the others forward, for the day of the clock', async () => {
    late = await enroll('2025-07-01');
    onTime = await enroll('2025-07-01');
    await api.ok(`mutation($i: RecordPaymentInput!) { recordPayment(input: $i) { id } }`, { i: { enrollmentId: onTime, amount: 264_000, paidOn: '2025-07-10' } });
    expect((await enrollment(onTime)).dues.at(-1)!.periodStart).toBe('2026-06-01');

    clock.set('2025-08-01');
    const output = await runDaily(api.scheduler!);
    expect(output).toMatchObject({ today: '2025-08-01', ran: true, lapsed: 1 });
    expect(output.duesCreated).toBeGreaterThan(0);

    expect((await enrollment(late)).status).toBe('LAPSED');
    const kept = await enrollment(onTime);
    expect(kept.status).toBe('ACTIVE');
    // Twelve months ahead of August 2025: the dues now reach July 2026.
    expect(kept.dues.at(-1)!.periodStart).toBe('2026-07-01');
    const [{ value }] = await api.ds.query(`SELECT value FROM system_state WHERE key = 'jobs.enrollments.lastRun'`);
    expect(value).toBe('2025-08-01');
  });

  it('changes nothing when it runs again on the same day', async () => {
    const before = await snapshot();
    const output = await runDaily(api.scheduler!);
    expect(output).toEqual({ today: '2025-08-01', ran: false, lapsed: 0, duesCreated: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it('catches a missed day up when a scheduler starts, and a restart on the same day does not repeat it', async () => {
    // No process ran on 1 September: the next one starts on the 2nd.
    await api.scheduler!.stop();
    clock.set('2025-09-02');
    const restarted = await startScheduler({ ds: api.ds, kind: api.kind, logger, clock });
    extra.push(restarted);
    const id = restarted.catchUps.get(DAILY);
    expect(id).toBeTruthy();
    const run = await restarted.waitForRun(DAILY, id!);
    expect(run).toMatchObject({ state: 'completed', output: { today: '2025-09-02', ran: true, lapsed: 1 } });
    // The August due of the enrollment paid for July only was due on 31 August.
    expect((await enrollment(onTime)).status).toBe('LAPSED');

    await restarted.stop();
    const before = await snapshot();
    const again = await startScheduler({ ds: api.ds, kind: api.kind, logger, clock });
    extra.push(again);
    const rerun = await again.waitForRun(DAILY, again.catchUps.get(DAILY)!);
    expect(rerun).toMatchObject({ state: 'completed', output: { today: '2025-09-02', ran: false } });
    expect(await snapshot()).toEqual(before);
  });

  it('runs a day once when two schedulers (two API processes) share the database', async () => {
    for (const s of extra) await s.stop();
    clock.set('2025-10-01');
    const fresh = await enroll('2025-09-01');
    const a = await startScheduler({ ds: api.ds, kind: api.kind, logger, clock });
    const b = await startScheduler({ ds: api.ds, kind: api.kind, logger, clock });
    extra.push(a, b);
    // Each sent a catch-up at start (the second may have been folded into the first, still
    // waiting), and each is asked once more: one run does the day, every other finds it done.
    const runs = await Promise.all([
      ...[a, b].flatMap((s) => {
        const id = s.catchUps.get(DAILY);
        return id ? [s.waitForRun(DAILY, id)] : [];
      }),
      ...[a, b].map(async (s) => s.waitForRun(DAILY, await s.trigger(DAILY))),
    ]);
    expect(runs.every((r) => r.state === 'completed')).toBe(true);
    expect(runs.filter((r) => r.output.ran)).toHaveLength(1);
    expect(runs.every((r) => r.output.today === '2025-10-01')).toBe(true);
    // September's due of the new enrollment was due on 30 September.
    expect((await enrollment(fresh)).status).toBe('LAPSED');
  });
});

describe('runOncePer', () => {
  it('lets one of two concurrent runs of the same period work, under the marker’s row lock', async () => {
    let worked = 0;
    const work = async () => {
      worked++;
      // Hold the lock across a round trip, so that the other run has to wait for it.
      await new Promise((r) => setTimeout(r, 50));
      return worked;
    };
    const results = await Promise.all([runOncePer(api.ds, 'test.once', '2025-10-01', work), runOncePer(api.ds, 'test.once', '2025-10-01', work)]);
    expect(results.filter((r) => r.ran)).toHaveLength(1);
    expect(worked).toBe(1);
    expect((await runOncePer(api.ds, 'test.once', '2025-10-02', work)).ran).toBe(true);
    expect((await runOncePer(api.ds, 'test.once', '2025-10-01', work)).ran).toBe(false);
  });
});

describe('shutdown', () => {
  it('leaves nothing open: a process that starts and stops the scheduler ends by itself', async () => {
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'test/fixtures/scheduler-exit.ts'], {
      cwd: path.resolve(__dirname, '..'),
      env: { ...process.env, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    // No process.exit in the child: it exits only once no handle is left. A leak shows as a
    // child still running after a generous minute.
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    const [code, signal] = await new Promise<[number | null, string | null]>((resolve) => child.on('exit', (c, s) => resolve([c, s])));
    clearTimeout(timer);
    expect({ code, signal }, err).toEqual({ code: 0, signal: null });
    expect(JSON.parse(out)).toMatchObject({ kind: api.kind, daily: { state: 'completed', output: { today: '2025-07-20', ran: true } } });
  }, 90_000);
});
