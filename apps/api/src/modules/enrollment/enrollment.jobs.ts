import type { DataSource, EntityManager } from 'typeorm';
import { addMonths, PolicyError, type LocalDate } from '@bao-phu/domain';
import { VIETNAM_TZ, type ScheduledJob } from '../../jobs/job';
import { runOncePer } from '../../jobs/once';
import type { Logger } from '../../log';
import { OrgUnitEntity } from '../org/org-unit.entity';
import { PersonEntity } from '../people/person.entity';
import { ContributionDueEntity, EnrollmentEntity } from './enrollment.entity';
import { loadPolicy } from '../policy/policy.service';
import { chargeDues, monthsBetween, provinceCodeOf } from './enrollment.service';

/** Dues are kept this many months ahead of today. */
const HORIZON_MONTHS = 12;
const LAST_RUN_KEY = 'jobs.enrollments.lastRun';

/**
 * Suspends participation when a deadline passes unpaid: every ACTIVE enrollment with an OPEN due
 * whose due date is before `today` becomes LAPSED (DOMAIN-RULES.md). Set-based; idempotent.
 */
export async function lapseOverdueEnrollments(db: DataSource | EntityManager, today: string): Promise<number> {
  const result: unknown[] = await db.query(
    `UPDATE enrollment e SET status = 'LAPSED', version = e.version + 1
      WHERE e.status = 'ACTIVE'
        AND EXISTS (SELECT 1 FROM contribution_due d WHERE d.enrollment_id = e.id AND d.status = 'OPEN' AND d.due_date < $1::date)
     RETURNING e.id`,
    [today],
  );
  // TypeORM answers an UPDATE … RETURNING with [rows, affected count].
  return Array.isArray(result[0]) ? (result[1] as number) : result.length;
}

/**
 * Keeps the dues of ACTIVE enrollments (not the multi-year lumps) 12 months ahead: adds the
 * periods after the last one, charged with the rules in force in their months. Idempotent. Each
 * enrollment in a transaction of its own (a savepoint when `db` is already in one).
 */
export async function rollDuesForward(db: DataSource | EntityManager, today: string, logger?: Logger): Promise<number> {
  const horizon = addMonths(today.slice(0, 7), HORIZON_MONTHS);
  const due: { id: number; last_end: string }[] = await db.query(
    `SELECT e.id, to_char(max(d.period_end), 'YYYY-MM-DD') AS last_end
       FROM enrollment e JOIN contribution_due d ON d.enrollment_id = e.id
      WHERE e.status = 'ACTIVE' AND e.payment_mode NOT IN ('YEARS_AHEAD', 'REMAINING_YEARS')
      GROUP BY e.id
     HAVING max(d.period_end) < $1::date`,
    // Only those with at least one month to add (ending before the month before the horizon): the
    // others would be charged 0 months, which the rules refuse, every night.
    [`${addMonths(horizon, -1)}-01`],
  );
  let created = 0;
  const policy = await loadPolicy(db);
  for (const { id, last_end } of due) {
    created += await db.transaction(async (em) => {
      try {
      const enrollment = await em.getRepository(EnrollmentEntity).findOneByOrFail({ id });
      const person = await em.getRepository(PersonEntity).findOneByOrFail({ id: enrollment.personId });
      const hamlet = await em.getRepository(OrgUnitEntity).findOneByOrFail({ id: person.hamletId });
      const from = addMonths(last_end.slice(0, 7), 1);
      const rows = chargeDues(policy, enrollment, person.supportCategory, await provinceCodeOf(em, hamlet), from, monthsBetween(from, horizon));
      if (!rows.length) return 0;
      await em.createQueryBuilder().insert().into(ContributionDueEntity).values(rows).orIgnore().execute();
      return rows.length;
      } catch (err) {
        // A rule change the enrollment does not meet (e.g. a higher income floor): it keeps its
        // dues so far and waits for staff to re-register the income; the others go on.
        if (!(err instanceof PolicyError)) throw err;
        logger?.info('dues not rolled forward', { enrollmentId: id, reason: err.code, bound: err.details.bound });
        return 0;
      }
    });
  }
  return created;
}

/** What one daily run did (the job's output). */
export interface DailyEnrollmentRun {
  today: LocalDate;
  /** False when the day had already been done (by this process or another one). */
  ran: boolean;
  lapsed: number;
  duesCreated: number;
}

/**
 * Runs the daily enrollment jobs for `today` unless that day (or a later one) is already done,
 * remembering it in system_state: a restart, a retry or a second process does not repeat it. The
 * whole day is one transaction, taken under the marker's row lock (`runOncePer`).
 */
export async function runDailyEnrollmentJobs(ds: DataSource, logger: Logger, today: LocalDate): Promise<DailyEnrollmentRun> {
  const once = await runOncePer(ds, LAST_RUN_KEY, today, async (em) => ({
    lapsed: await lapseOverdueEnrollments(em, today),
    duesCreated: await rollDuesForward(em, today, logger),
  }));
  return once.ran ? { today, ran: true, ...once.result } : { today, ran: false, lapsed: 0, duesCreated: 0 };
}

/**
 * Records `today` as done without running it, for data written as the jobs would have left it that
 * day (the demo seed plays every day up to today): the catch-up at start then has nothing to redo.
 */
export async function markDailyEnrollmentJobsDone(em: EntityManager, today: LocalDate): Promise<void> {
  await em.query(
    `INSERT INTO system_state (key, value) VALUES ($1, $2)
     ON CONFLICT (key) DO UPDATE SET value = greatest(system_state.value, EXCLUDED.value), updated_at = now()`,
    [LAST_RUN_KEY, today],
  );
}

/** Every day at 00:15 in Vietnam, and once at start to catch up a day missed while no process ran. */
export const dailyEnrollmentJob: ScheduledJob = {
  name: 'enrollment.daily',
  cron: '15 0 * * *',
  tz: VIETNAM_TZ,
  handler: ({ ds, logger, today }) => runDailyEnrollmentJobs(ds, logger, today),
};
