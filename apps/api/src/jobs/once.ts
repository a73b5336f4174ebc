import type { DataSource, EntityManager } from 'typeorm';

export type OnceResult<T> = { ran: true; result: T } | { ran: false; lastRun: string };

/**
 * Runs `work` for `period` (a `YYYY-MM-DD` day, a `YYYY-MM` month: anything that sorts as text)
 * unless the marker `key` in system_state already says this period or a later one, and moves the
 * marker there in the same transaction.
 *
 * The marker row is locked (SELECT … FOR UPDATE) for the whole run, so when two workers pick the
 * same period up (two processes, a retry beside a catch-up), the second waits for the first and
 * then finds the period done. The work runs in that transaction with `em`: all or nothing, and on
 * the embedded database (one connection) it must not use the DataSource, which would wait for the
 * connection this transaction holds.
 */
export async function runOncePer<T>(ds: DataSource, key: string, period: string, work: (em: EntityManager) => Promise<T>): Promise<OnceResult<T>> {
  return ds.transaction(async (em) => {
    // The row must exist to be locked; a concurrent first insert waits here for the other to commit.
    await em.query(`INSERT INTO system_state (key, value) VALUES ($1, '') ON CONFLICT (key) DO NOTHING`, [key]);
    const [row]: { value: string }[] = await em.query(`SELECT value FROM system_state WHERE key = $1 FOR UPDATE`, [key]);
    if (row.value && row.value >= period) return { ran: false as const, lastRun: row.value };
    const result = await work(em);
    await em.query(`UPDATE system_state SET value = $2, updated_at = now() WHERE key = $1`, [key, period]);
    return { ran: true as const, result };
  });
}
