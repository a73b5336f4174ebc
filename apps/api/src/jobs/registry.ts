import { monthlyCycleJob } from '../modules/collection/cycle.jobs';
import { dailyEnrollmentJob } from '../modules/enrollment/enrollment.jobs';
import { rollupCatchUpJob } from '../modules/reports/rollup-catch-up';
import type { ScheduledJob } from './job';

/**
 * The jobs the API runs. A module declares its job beside its code (see
 * `modules/enrollment/enrollment.jobs.ts`: name, cron, `tz: VIETNAM_TZ`, handler) and adds it here.
 */
export function scheduledJobs(): ScheduledJob[] {
  return [dailyEnrollmentJob, monthlyCycleJob, rollupCatchUpJob];
}
