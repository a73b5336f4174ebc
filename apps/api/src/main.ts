import 'reflect-metadata';
import { ConfigError, loadConfig } from './config';
import { DataDirLockedError } from './db/embedded';
import { openDatabase } from './db/open';
import { createLogger } from './log';
import { prepareDatabase } from './seed/prepare';
import { createAppServer } from './server';
import { startScheduler, type Scheduler } from './jobs/scheduler';

async function main() {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const db = await openDatabase(config.databaseUrl, config.dataDir, false, { readUrls: config.databaseReadUrls });
  logger.info('database open', { kind: db.kind, ...(db.kind === 'embedded' ? { dataDir: config.dataDir } : { readReplicas: config.databaseReadUrls.length }) });
  try {
    await prepareDatabase(db.ds, config, logger);
    const server = await createAppServer(config, db.ds, logger, db.kind);
    const port = await server.listen(config.port);
    // Signals are handled from here on: a stop asked while the scheduled jobs are still starting
    // (pg-boss takes a moment) waits for them and stops them, instead of killing the process
    // half-way (on PGlite that left the data folder locked).
    let starting: Promise<Scheduler | null> = Promise.resolve(null);
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.info('stopping', { signal });
      const scheduler = await starting.catch(() => null);
      // A running job gets up to 30 s to finish, requests 3 s; the database closes after both.
      await Promise.all([scheduler?.stop(), server.close()]);
      await db.close();
      logger.info('stopped');
      process.exit(0);
    };
    process.on('SIGINT', () => void stop('SIGINT'));
    process.on('SIGTERM', () => void stop('SIGTERM'));
    logger.info(`Bao Phủ is ready at http://localhost:${port}/ (GraphQL at /graphql)`, { port });
    // Scheduled jobs on pg-boss (JOBS=off: none in this process); a missed day runs now.
    starting = config.jobs ? startScheduler({ ds: db.ds, kind: db.kind, logger }) : Promise.resolve(null);
    if (!(await starting)) logger.info('scheduled jobs are off in this process (JOBS=off)');
  } catch (err) {
    await db.close().catch(() => {});
    throw err;
  }
}

main().catch((err) => {
  if (err instanceof ConfigError || err instanceof DataDirLockedError) {
    console.error(`Bao Phủ cannot start: ${err.message}`);
  } else {
    console.error('Bao Phủ failed to start:', err);
  }
  process.exit(1);
});
