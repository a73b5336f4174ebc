import { randomUUID } from 'node:crypto';
import pg from 'pg';
import PgBoss from 'pg-boss';
import type { DataSource } from 'typeorm';
import { PGBOSS_SCHEMA } from '../db/migrations/1795863500000-job-queue';
import type { Logger } from '../log';
import { systemClock, todayBy, type Clock } from './clock';
import type { JobTrigger, ScheduledJob } from './job';
import { scheduledJobs } from './registry';

/**
 * The scheduler: pg-boss queues in the same PostgreSQL as everything else (schema `pgboss`, built
 * by a migration; pg-boss starts with `migrate: false`), one queue per registered job, its cron
 * schedule, a worker, and a catch-up run sent at start.
 *
 * How pg-boss reaches the database:
 * - PostgreSQL server: a small pool of its own (3 connections) on the DataSource's URL.
 * - Embedded PGlite: one session only, and pglite-socket refuses a second connection, so pg-boss
 *   gets an `executeSql` that borrows the DataSource's single pooled connection between TypeORM's
 *   queries (a job then waits for a running transaction, and the reverse).
 * Either way every statement goes through `QueueDb`, which counts the statements in flight so that
 * `stop()` returns only when none is left (pg-boss does not await some of its own, e.g. a job's
 * completion) and the database can be closed behind it.
 */
export interface SchedulerOptions {
  ds: DataSource;
  kind: 'embedded' | 'postgres';
  logger: Logger;
  /** Where handlers read "today" (tests set it). Default: the system clock. */
  clock?: Clock;
  /** Default: every registered job (`scheduledJobs()`). */
  jobs?: ScheduledJob[];
  /** Seconds between two polls of a job queue; a run sent by this process wakes its worker at once. Default 10. */
  pollingIntervalSeconds?: number;
}

export type RunState = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';

export interface JobRun {
  id: string;
  state: RunState;
  /** The handler's answer when completed; pg-boss's error record when failed. */
  output: any;
}

export interface Scheduler {
  readonly jobs: readonly ScheduledJob[];
  /** The catch-up run sent at start for each job (null: one was already waiting in the queue). */
  readonly catchUps: ReadonlyMap<string, string | null>;
  /** Sends a run of job `name` through its queue now; resolves with the run's id. */
  trigger(name: string): Promise<string>;
  /** Waits until run `id` of job `name` is no longer waiting or running, and returns it. */
  waitForRun(name: string, id: string, timeoutMs?: number): Promise<JobRun>;
  /** The cron schedules stored in the database (one row per job name, whatever the process count). */
  schedules(): Promise<{ name: string; cron: string; timezone: string }[]>;
  /** Stops polling, lets a running job finish (30 s at most), and closes pg-boss's connections. */
  stop(): Promise<void>;
}

const STOP_TIMEOUT_MS = 30_000;

/** Starts pg-boss on the DataSource's database and the registered jobs. */
export async function startScheduler(options: SchedulerOptions): Promise<Scheduler> {
  const { ds, kind, logger } = options;
  const clock = options.clock ?? systemClock;
  const jobs = options.jobs ?? scheduledJobs();
  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 10;
  const byName = new Map(jobs.map((j) => [j.name, j]));
  if (byName.size !== jobs.length) throw new Error('two scheduled jobs have the same name');

  const db = kind === 'embedded' ? new QueueDb(typeormPool(ds), false) : new QueueDb(ownPool(ds, logger), true);
  const boss = new PgBoss({
    db,
    schema: PGBOSS_SCHEMA,
    migrate: false,
    // Expire stuck jobs and archive finished ones every 5 minutes (one process at a time does it).
    maintenanceIntervalSeconds: 300,
    // Cron: every 30 s one process checks the schedules; a tick's job reaches its queue within 10 s.
    cronMonitorIntervalSeconds: 30,
    cronWorkerIntervalSeconds: 10,
  });
  let stopping = false;
  boss.on('error', (err: Error) => {
    if (!stopping) logger.error('job queue error', { error: err?.stack ?? String(err) });
  });

  const running = new Set<Promise<unknown>>();
  const run = async (job: ScheduledJob, trigger: JobTrigger): Promise<object> => {
    // pg-boss may hand out a job fetched just before stop: fail it, it is retried later.
    if (stopping) throw new Error('the scheduler is stopping');
    const today = todayBy(clock);
    const started = Date.now();
    const work = job.handler({ ds, logger, clock, today, trigger });
    running.add(work);
    try {
      const output = (await work) ?? {};
      logger.info('job done', { job: job.name, trigger, today, ms: Date.now() - started, ...output });
      return output;
    } catch (err) {
      logger.error('job failed', { job: job.name, trigger, today, error: err instanceof Error ? err.stack : String(err) });
      throw err;
    } finally {
      running.delete(work);
    }
  };

  const workers = new Map<string, string>();
  const catchUps = new Map<string, string | null>();
  try {
    await boss.start();
    for (const job of jobs) {
      const queue: PgBoss.Queue = {
        name: job.name,
        // At most one run waiting (and one running) per job: catch-ups of N processes starting
        // together and a cron tick collapse into one.
        policy: 'stately',
        retryLimit: 3,
        retryDelay: 60,
        retryBackoff: true,
        expireInSeconds: job.expireInSeconds ?? 3600,
      };
      await boss.createQueue(job.name, queue);
      await boss.updateQueue(job.name, queue);
      const workerId = await boss.work<{ trigger?: JobTrigger }>(job.name, { batchSize: 1, pollingIntervalSeconds }, async ([j]) =>
        run(job, j.data?.trigger ?? 'schedule'),
      );
      workers.set(job.name, workerId);
      await boss.schedule(job.name, job.cron, { trigger: 'schedule' }, { tz: job.tz });
    }
    // Schedules of jobs this process does not know are left alone: during a rolling deploy an old
    // replica restarting would otherwise remove a new job's schedule. A job taken out of the
    // registry has its row deleted by a migration (DELETE FROM pgboss.schedule WHERE name = …).
    for (const job of jobs) {
      if (job.catchUpAtStart === false) continue;
      const id = await boss.send(job.name, { trigger: 'catch-up' });
      catchUps.set(job.name, id);
      boss.notifyWorker(workers.get(job.name)!);
    }
  } catch (err) {
    stopping = true;
    await boss.stop({ graceful: false, wait: true }).catch(() => {});
    await db.close(STOP_TIMEOUT_MS).catch(() => {});
    throw err;
  }
  logger.info('scheduler started', { jobs: jobs.map((j) => `${j.name} (${j.cron} ${j.tz})`) });

  let stopped: Promise<void> | null = null;
  return {
    jobs,
    catchUps,
    async trigger(name) {
      if (!byName.has(name)) throw new Error(`no scheduled job ${name}`);
      // A key of its own, so that a run waiting in the queue does not swallow this one.
      const id = await boss.send(name, { trigger: 'manual' }, { singletonKey: `manual-${randomUUID()}` });
      if (!id) throw new Error(`job ${name} was not queued`);
      boss.notifyWorker(workers.get(name)!);
      return id;
    },
    async waitForRun(name, id, timeoutMs = 60_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const job = await boss.getJobById(name, id);
        if (job && job.state !== 'created' && job.state !== 'active') return { id, state: job.state, output: job.output };
        if (Date.now() > until) throw new Error(`run ${id} of ${name} is still ${job?.state ?? 'unknown'} after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async schedules() {
      // The rows carry the column `timezone`, which pg-boss's typings leave out.
      const rows = (await boss.getSchedules()) as (PgBoss.Schedule & { timezone: string })[];
      return rows.map((s) => ({ name: s.name, cron: s.cron, timezone: s.timezone }));
    },
    stop() {
      stopped ??= (async () => {
        stopping = true;
        // close: false; QueueDb closes below, once pg-boss's last statements are done.
        await boss.stop({ graceful: true, wait: true, close: false, timeout: STOP_TIMEOUT_MS });
        if (running.size && !(await settleWithin([...running], STOP_TIMEOUT_MS))) {
          logger.error('a job was still running when the scheduler stopped', { jobs: running.size });
        }
        await db.close(STOP_TIMEOUT_MS);
        logger.info('scheduler stopped');
      })();
      return stopped;
    },
  };
}

/** The DataSource's own pool (one connection on PGlite). */
function typeormPool(ds: DataSource): pg.Pool {
  const pool = (ds.driver as unknown as { master?: pg.Pool }).master;
  if (!pool) throw new Error('the DataSource is not initialized');
  return pool;
}

function ownPool(ds: DataSource, logger: Logger): pg.Pool {
  const url = (ds.options as { url?: string }).url;
  if (!url) throw new Error('the DataSource has no URL for the job queue');
  const pool = new pg.Pool({ connectionString: url, max: 3, application_name: 'bao-phu-jobs' });
  pool.on('error', (err) => logger.error('job queue connection error', { error: String(err) }));
  return pool;
}

/** pg-boss's `db`: statements on a pool, counted while in flight. */
class QueueDb {
  private readonly inflight = new Set<Promise<unknown>>();
  private closed = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly ownsPool: boolean,
  ) {}

  executeSql(text: string, values?: unknown[]): Promise<pg.QueryResult<any>> {
    // After close, answer like pg-boss's own Db does once closed: no result, no query.
    if (this.closed) return Promise.resolve(undefined as unknown as pg.QueryResult<any>);
    const query = this.run(text, values);
    this.inflight.add(query);
    const done = () => void this.inflight.delete(query);
    query.then(done, done);
    return query;
  }

  private async run(text: string, values?: unknown[]): Promise<pg.QueryResult<any>> {
    const client = await this.pool.connect();
    try {
      return await client.query(text, values);
    } catch (err) {
      // pg-boss's maintenance statements are `BEGIN; …; COMMIT;` in one string: an error leaves
      // the session in a failed transaction, and on PGlite that session is everybody's.
      if (/^\s*BEGIN\b/i.test(text)) await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  /** Waits for the statements in flight (at most `timeoutMs`), then refuses new ones. */
  async close(timeoutMs: number): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (this.inflight.size && Date.now() < until) await settleWithin([...this.inflight], until - Date.now());
    this.closed = true;
    if (this.ownsPool) await this.pool.end();
  }
}

/** True when every promise settled within `ms`. */
async function settleWithin(promises: Promise<unknown>[], ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, ms));
  });
  try {
    return await Promise.race([Promise.allSettled(promises).then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
