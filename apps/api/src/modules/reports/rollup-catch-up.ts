import type { DataSource } from 'typeorm';
import { VIETNAM_TZ, type ScheduledJob } from '../../jobs/job';
import type { Logger } from '../../log';

/**
 * Hamlets refreshed per transaction by a catch-up. The rollup lock is held for each call: 250
 * hamlets take about half a second on the benchmark machine, so a payment recorded meanwhile
 * waits at most that long at its commit.
 */
const HAMLETS_PER_STEP = 250;

/**
 * Marks a bulk writer's transaction (an import): its rollup refresh is left for `catchUpRollups`
 * after the commit instead of running at the commit (migration 1795863700000). Call it inside the
 * transaction, before its writes.
 */
export async function deferRollups(em: { query(sql: string): Promise<unknown> }): Promise<void> {
  await em.query(`SET LOCAL baophu.rollup = 'deferred'`);
}

/**
 * Refreshes every (hamlet, year) pair that committed bulk writers left, a few hundred hamlets per
 * transaction, until none is left; returns the number of hamlets refreshed. Safe beside other
 * writers and another catch-up (they take turns on the rollup lock; a pair is taken once).
 */
export async function catchUpRollups(ds: DataSource, logger?: Logger): Promise<number> {
  const started = Date.now();
  let hamlets = 0;
  for (;;) {
    const [{ n }]: { n: number }[] = await ds.query('SELECT rollup_catch_up($1) AS n', [HAMLETS_PER_STEP]);
    if (n === 0) break;
    hamlets += n;
  }
  if (hamlets > 0) logger?.info('report rollups caught up', { hamlets, ms: Date.now() - started });
  return hamlets;
}

/**
 * Catches up what an import left when its process stopped before doing it (the pairs are committed
 * with the import's rows, so nothing is lost): at start and every 10 minutes. An import catches up
 * itself right after its commit; this finds nothing to do then.
 */
export const rollupCatchUpJob: ScheduledJob = {
  name: 'reports.rollup-catch-up',
  cron: '*/10 * * * *',
  tz: VIETNAM_TZ,
  expireInSeconds: 15 * 60,
  handler: async ({ ds, logger }) => ({ hamlets: await catchUpRollups(ds, logger) }),
};
