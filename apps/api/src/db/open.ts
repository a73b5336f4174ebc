import pg from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource } from './data-source';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded';

// Business dates are local calendar dates: keep SQL `date` as "YYYY-MM-DD" text rather than a JS
// Date at the server's midnight, which would shift by the time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export interface OpenDatabase {
  ds: DataSource;
  kind: 'embedded' | 'postgres';
  close(): Promise<void>;
}

/**
 * Connects to the PostgreSQL server at `databaseUrl`, or starts the embedded PGlite database in
 * `dataDir` (null: in memory) when there is none.
 */
export async function openDatabase(databaseUrl: string | null, dataDir: string | null, logging = false): Promise<OpenDatabase> {
  let embedded: EmbeddedDatabase | null = null;
  if (!databaseUrl) embedded = await startEmbeddedDatabase(dataDir);
  const ds = createDataSource({ url: databaseUrl ?? embedded!.url, embedded: !!embedded, logging });
  try {
    await ds.initialize();
  } catch (err) {
    await embedded?.close();
    throw err;
  }
  return {
    ds,
    kind: embedded ? 'embedded' : 'postgres',
    async close() {
      await ds.destroy();
      await embedded?.close();
    },
  };
}
