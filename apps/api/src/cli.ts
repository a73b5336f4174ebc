import 'reflect-metadata';
import { loadConfig } from './config';
import { openDatabase } from './db/open';
import { emitSchemaFile } from './graphql/schema';
import { createLogger } from './log';
import { underSetupLock } from './seed/prepare';
import { loadReferenceUnits } from './seed/reference-units';

/** Maintenance commands: migrate, load-reference, rebuild-rollups, emit-schema (see README). */
async function main(command: string | undefined) {
  if (command === 'emit-schema') {
    console.log(`schema written to ${await emitSchemaFile()}`);
    return;
  }
  if (command !== 'migrate' && command !== 'load-reference' && command !== 'rebuild-rollups') {
    console.error('usage: node dist/cli.js migrate | load-reference | rebuild-rollups | emit-schema');
    process.exit(2);
  }
  const config = loadConfig();
  const logger = createLogger('info');
  const db = await openDatabase(config.databaseUrl, config.dataDir);
  try {
    // Beside API processes starting on the same database: one preparation at a time.
    await underSetupLock(db.ds, logger, async () => {
      const ran = await db.ds.runMigrations({ transaction: 'each' });
      logger.info('migrations applied', { count: ran.length, migrations: ran.map((m) => m.name) });
      if (command === 'load-reference') {
        const started = Date.now();
        const result = await db.ds.transaction((em) => loadReferenceUnits(em));
        logger.info('reference units loaded', { ...result, ms: Date.now() - started });
      }
    });
    if (command === 'rebuild-rollups') {
      // The report rollups from the raw rows, in one transaction: reports read the old rows until it commits.
      const started = Date.now();
      await db.ds.transaction((em) => em.query('SELECT rollup_rebuild()'));
      const [{ n }] = await db.ds.query('SELECT count(*)::int AS n FROM report_rollup');
      await db.ds.query('ANALYZE report_rollup');
      logger.info('report rollups rebuilt', { rows: n, ms: Date.now() - started });
    }
  } finally {
    await db.close();
  }
}

main(process.argv[2]).catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
