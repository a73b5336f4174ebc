import type { DataSource } from 'typeorm';
import type { LocalDate } from '@bao-phu/domain';
import type { Logger } from '../log';
import type { Clock } from './clock';

/** Every schedule is written in Vietnam's time: business days are Vietnamese days. */
export const VIETNAM_TZ = 'Asia/Ho_Chi_Minh';

/** What a job's handler is given for one run. */
export interface JobContext {
  ds: DataSource;
  logger: Logger;
  clock: Clock;
  /** Today in Asia/Ho_Chi_Minh by the scheduler's clock, when the run starts. */
  today: LocalDate;
  /** `schedule`: by its cron; `catch-up`: sent at start; `manual`: Scheduler.trigger. */
  trigger: JobTrigger;
}

export type JobTrigger = 'schedule' | 'catch-up' | 'manual';

/**
 * A job a module declares: a pg-boss queue of that name, a cron schedule (one row per name, so N
 * API processes send one job per tick between them), and a handler.
 *
 * Handlers must be safe to run twice and concurrently (a retry, a catch-up beside a cron tick, two
 * processes): keep "already done for this day/month" in a marker taken under a row lock, as
 * `runOncePer` does. The handler's answer is stored as the job's output.
 */
export interface ScheduledJob {
  /** Queue and schedule name, e.g. `enrollment.daily`. */
  name: string;
  /** Five-field cron: `15 0 * * *` is 00:15 every day. */
  cron: string;
  tz: typeof VIETNAM_TZ;
  /** Send one run at start, so a run missed while no process was up happens now. Default true. */
  catchUpAtStart?: boolean;
  /** A run taking longer than this is failed by pg-boss (and retried). Default 1 hour. */
  expireInSeconds?: number;
  handler(ctx: JobContext): Promise<object | void>;
}
