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
  /** Embedded only: the whole database as a tarball, to start another one from it (tests). */
  dump?: (compression?: 'gzip' | 'none') => Promise<Blob>;
  close(): Promise<void>;
}

/**
 * Connects to the PostgreSQL server at `databaseUrl`, or starts the embedded PGlite database in
 * `dataDir` (null: in memory) when there is none. `readUrls`: its streaming replicas, which the
 * reports read through `replicaManager` (a server only; each must accept connections at start).
 */
export async function openDatabase(
  databaseUrl: string | null,
  dataDir: string | null,
  logging = false,
  options: { loadFrom?: Blob; readUrls?: readonly string[] } = {},
): Promise<OpenDatabase> {
  if (!databaseUrl && options.readUrls?.length) throw new Error('read replicas need DATABASE_URL: the embedded database (PGlite) has none');
  let embedded: EmbeddedDatabase | null = null;
  if (!databaseUrl) embedded = await startEmbeddedDatabase(dataDir, options);
  const ds = createDataSource({ url: databaseUrl ?? embedded!.url, readUrls: options.readUrls, embedded: !!embedded, logging });
  try {
    await ds.initialize();
  } catch (err) {
    await embedded?.close();
    throw err;
  }
  return {
    ds,
    kind: embedded ? 'embedded' : 'postgres',
    ...(embedded ? { dump: embedded.dump } : {}),
    async close() {
      await ds.destroy();
      await embedded?.close();
    },
  };
}
