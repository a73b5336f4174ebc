import type { DataSource } from 'typeorm';
import { addMonths, PolicyError, todayInVietnam } from '@bao-phu/domain';
import type { Logger } from '../../log';
import { OrgUnitEntity } from '../org/org-unit.entity';
import { PersonEntity } from '../people/person.entity';
import { SystemStateEntity } from '../system/system-state.entity';
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
export async function lapseOverdueEnrollments(ds: DataSource, today: string): Promise<number> {
  const result: unknown[] = await ds.query(
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
 * periods after the last one, charged with the rules in force in their months. Idempotent.
 */
export async function rollDuesForward(ds: DataSource, today: string, logger?: Logger): Promise<number> {
  const horizon = addMonths(today.slice(0, 7), HORIZON_MONTHS);
  const due: { id: number; last_end: string }[] = await ds.query(
    `SELECT e.id, to_char(max(d.period_end), 'YYYY-MM-DD') AS last_end
       FROM enrollment e JOIN contribution_due d ON d.enrollment_id = e.id
      WHERE e.status = 'ACTIVE' AND e.payment_mode NOT IN ('YEARS_AHEAD', 'REMAINING_YEARS')
      GROUP BY e.id
     HAVING max(d.period_end) < $1::date`,
    [`${horizon}-01`],
  );
  let created = 0;
  const policy = await loadPolicy(ds);
  for (const { id, last_end } of due) {
    created += await ds.transaction(async (em) => {
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

/** Runs the daily enrollment jobs once for `today`, remembering the day so a restart does not repeat it. */
export async function runDailyEnrollmentJobs(ds: DataSource, logger: Logger, today = todayInVietnam()): Promise<void> {
  const state = ds.getRepository(SystemStateEntity);
  const last = await state.findOneBy({ key: LAST_RUN_KEY });
  if (last && last.value >= today) return;
  const started = Date.now();
  const lapsed = await lapseOverdueEnrollments(ds, today);
  const created = await rollDuesForward(ds, today, logger);
  await state.save({ key: LAST_RUN_KEY, value: today });
  logger.info('daily enrollment jobs', { today, lapsed, duesCreated: created, ms: Date.now() - started });
}

/** Milliseconds from `now` to 00:05 tomorrow in Asia/Ho_Chi_Minh (UTC+7), at least a minute. */
export function msUntilNextRun(now: number): number {
  const [y, m, d] = todayInVietnam(new Date(now)).split('-').map(Number);
  const vnMidnight = Date.UTC(y, m - 1, d) - 7 * 3600_000;
  const at = vnMidnight + 24 * 3600_000 + 5 * 60_000;
  return Math.min(24 * 3600_000 + 5 * 60_000, Math.max(60_000, at - now));
}

/**
 * Runs the daily jobs at start (a missed day catches up) and then every day shortly after
 * midnight in Asia/Ho_Chi_Minh. Every replica may run it: both jobs are idempotent.
 */
export function scheduleDailyEnrollmentJobs(ds: DataSource, logger: Logger): () => void {
  let timer: NodeJS.Timeout | undefined;
  const run = () =>
    runDailyEnrollmentJobs(ds, logger).catch((err) => logger.error('daily enrollment jobs failed', { error: err instanceof Error ? err.stack : String(err) }));
  const next = () => {
    timer = setTimeout(() => void run().then(next), msUntilNextRun(Date.now()));
    timer.unref();
  };
  void run().then(next);
  return () => clearTimeout(timer);
}
