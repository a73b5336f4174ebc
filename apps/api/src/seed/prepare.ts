import type { DataSource } from 'typeorm';
import { todayInVietnam } from '@bao-phu/domain';
import type { Config } from '../config';
import type { Logger } from '../log';
import { SystemStateEntity } from '../modules/system/system-state.entity';
import { ensureFirstAdmin } from './accounts';
import { seedDemo } from './demo';
import { seedDemoTargets } from './demo-targets';
import { seedDemoCampaigns } from './demo-campaigns';
import { seedDemoCollection } from './demo-collection';
import { loadReferenceUnits } from './reference-units';
import { seedPolicy } from '../modules/policy/policy.service';

const REFERENCE_KEY = 'reference-units';
const DEMO_KEY = 'seed.demo';

/**
 * Brings a database to what this version expects: migrations, then on first start the reference
 * units and (SEED=demo) the demo data and accounts; on a database without accounts, the first
 * administrator of ADMIN_USERNAME / ADMIN_PASSWORD. Each step leaves a mark in system_state, so a restart does
 * neither again.
 */
export async function prepareDatabase(
  ds: DataSource,
  config: Pick<Config, 'seed' | 'referenceUnits' | 'adminUsername' | 'adminPassword'>,
  logger: Logger,
): Promise<void> {
  await underSetupLock(ds, logger, () => prepare(ds, config, logger));
}

/**
 * Runs `fn` while holding PostgreSQL's advisory lock of the database's preparation, on a connection
 * of its own: API replicas started at once on a new database (or a new version rolled out to all)
 * prepare it one after the other — the first migrates and loads, the others then find it done —
 * instead of racing into each other's tables and rows and stopping at start. The lock goes with its
 * session, so a process that dies holding it frees it. The embedded database (one connection, one
 * process per data folder) needs none.
 */
export async function underSetupLock<T>(ds: DataSource, logger: Logger, fn: () => Promise<T>): Promise<T> {
  if (((ds.options as { poolSize?: number }).poolSize ?? 10) <= 1) return fn();
  const runner = ds.createQueryRunner('master');
  await runner.connect();
  try {
    const [{ free }] = await runner.query(`SELECT pg_try_advisory_lock(hashtext($1)) AS free`, [SETUP_LOCK]);
    if (!free) {
      logger.info('waiting for another process preparing the database');
      await runner.query(`SELECT pg_advisory_lock(hashtext($1))`, [SETUP_LOCK]);
    }
    try {
      return await fn();
    } finally {
      await runner.query(`SELECT pg_advisory_unlock(hashtext($1))`, [SETUP_LOCK]).catch(() => {});
    }
  } finally {
    await runner.release();
  }
}

const SETUP_LOCK = 'bao-phu.prepare-database';

async function prepare(ds: DataSource, config: Pick<Config, 'seed' | 'referenceUnits' | 'adminUsername' | 'adminPassword'>, logger: Logger): Promise<void> {
  const ran = await ds.runMigrations({ transaction: 'each' });
  if (ran.length) logger.info('migrations applied', { migrations: ran.map((m) => m.name) });
  const state = ds.getRepository(SystemStateEntity);
  const policyRows = await ds.transaction((em) => seedPolicy(em));
  if (policyRows) logger.info('contribution policy seeded', { rows: policyRows });
  // The demo needs the real Đồng Tháp, so SEED=demo loads the reference units whatever REFERENCE_UNITS says.
  if ((config.referenceUnits === 'all' || config.seed === 'demo') && !(await state.existsBy({ key: REFERENCE_KEY }))) {
    const started = Date.now();
    const result = await ds.transaction(async (em) => {
      const r = await loadReferenceUnits(em);
      await em.save(SystemStateEntity, { key: REFERENCE_KEY, value: JSON.stringify({ ...r, loadedAt: new Date().toISOString() }) });
      return r;
    });
    logger.info('reference units loaded', { ...result, ms: Date.now() - started });
  }
  if (config.seed === 'demo' && !(await state.existsBy({ key: DEMO_KEY }))) {
    const started = Date.now();
    const summary = await ds.transaction(async (em) => {
      // The report rollups once at the end, from all the rows, rather than statement by statement.
      await em.query(`SET LOCAL baophu.rollup = 'off'`);
      const s = await seedDemo(em, todayInVietnam());
      // Targets follow the demo participants and name the demo planner and staff: after both.
      Object.assign(s, { targets: await seedDemoTargets(em) });
      Object.assign(s, { campaigns: await seedDemoCampaigns(em) });
      Object.assign(s, { collection: await seedDemoCollection(em) });
      await em.save(SystemStateEntity, { key: DEMO_KEY, value: JSON.stringify({ ...s, seededAt: new Date().toISOString() }) });
      await em.query(`SELECT rollup_rebuild()`);
      return s;
    });
    logger.info('demo data seeded', { ...summary, ms: Date.now() - started });
    // Fresh tables have no planner statistics until autovacuum comes round: without them the
    // report queries pick nested loops over thousands of rows (seconds instead of milliseconds).
    await ds.query('ANALYZE');
  }
  if (await ds.transaction((em) => ensureFirstAdmin(em, config.adminUsername, config.adminPassword))) {
    logger.info('first administrator created', { username: config.adminUsername });
  }
}
