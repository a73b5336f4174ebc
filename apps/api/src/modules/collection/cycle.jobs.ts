import type { DataSource } from 'typeorm';
import { addMonths, type LocalDate } from '@bao-phu/domain';
import { VIETNAM_TZ, type ScheduledJob } from '../../jobs/job';
import { runOncePer } from '../../jobs/once';
import type { Logger } from '../../log';
import { OrgUnitEntity } from '../org/org-unit.entity';
import { generateCycle } from './cycle.service';

const LAST_RUN_KEY = 'jobs.collection.cycles.lastMonth';

/**
 * The month whose lists are due by `today`: this month from its 25th, else last month (a process
 * that was down on the 25th catches up when it starts, even early in the next month).
 */
export function cycleMonthDue(today: LocalDate): string {
  return Number(today.slice(8, 10)) >= 25 ? today.slice(0, 7) : addMonths(today.slice(0, 7), -1);
}

export interface CycleRun {
  month: string;
  ran: boolean;
  baseOffices: number;
  created: number;
}

/** Generates every open base office's cycle for the month due, once per month whatever the number of processes. */
export async function generateDueCycles(ds: DataSource, logger: Logger, today: LocalDate): Promise<CycleRun> {
  const month = cycleMonthDue(today);
  const once = await runOncePer(ds, LAST_RUN_KEY, month, async (em) => {
    const bases = await em.getRepository(OrgUnitEntity).createQueryBuilder('u').where(`u.level = 'BASE' AND u.valid_to IS NULL`).orderBy('u.id').getMany();
    let created = 0;
    for (const base of bases) if ((await generateCycle(em, base, month, null)).created) created++;
    return { baseOffices: bases.length, created };
  });
  const run = once.ran ? { month, ran: true, ...once.result } : { month, ran: false, baseOffices: 0, created: 0 };
  if (run.ran) logger.info('collection cycles generated', { ...run });
  return run;
}

/** On the 25th at 07:00 in Vietnam, and once at start to catch up a 25th missed while no process ran. */
export const monthlyCycleJob: ScheduledJob = {
  name: 'collection.cycles',
  cron: '0 7 25 * *',
  tz: VIETNAM_TZ,
  handler: ({ ds, logger, today }) => generateDueCycles(ds, logger, today),
};
