import { PGlite } from '@electric-sql/pglite';
import type { DataSource } from 'typeorm';
import { openDatabase } from '../../../apps/api/src/db/open';
import { createBenchDatabase, type BenchDatabase } from './postgres';

export type Backend = 'postgres' | 'pglite';

export const BACKEND_LABEL: Record<Backend, string> = { postgres: 'PostgreSQL', pglite: 'PGlite (memory)' };

/** A database opened exactly the way the API opens it (openDatabase), empty until migrated. */
export interface BenchDb {
  backend: Backend;
  ds: DataSource;
  kind: 'embedded' | 'postgres';
  /** The in-process PGlite behind the socket (pglite only), for direct queries. */
  pglite: PGlite | null;
  /** bench_* database on the server (postgres only). */
  server: BenchDatabase | null;
  close(): Promise<void>;
}

/**
 * TypeORM logs a failed statement with all its parameters, which for the bulk inserts here are
 * megabytes of arrays: keep the error and the start of the statement.
 */
function shortenErrorLog(ds: DataSource) {
  const logger = ds.logger as { logQueryError(error: unknown, query: string, parameters?: unknown[], queryRunner?: unknown): unknown };
  logger.logQueryError = (error, query) => {
    console.error(`query failed: ${String(error)}\n  ${query.replace(/\s+/g, ' ').slice(0, 300)}`);
  };
}

/**
 * Opens a fresh database: a new bench_* database on the server, or a new in-memory PGlite served
 * over its loopback socket by the API's own startEmbeddedDatabase. For PGlite the instance is
 * caught as openDatabase creates it (PGlite.create is wrapped for the duration of the call), so a
 * benchmark can also query it in-process.
 */
export async function openBenchDb(backend: Backend, label: string): Promise<BenchDb> {
  if (backend === 'postgres') {
    const server = await createBenchDatabase(label);
    try {
      const db = await openDatabase(server.url, null);
      shortenErrorLog(db.ds);
      return { backend, ds: db.ds, kind: db.kind, pglite: null, server, close: async () => { await db.close(); await server.drop(); } };
    } catch (err) {
      await server.drop().catch(() => {});
      throw err;
    }
  }
  // PGlite.create also runs inside itself (PGlite 0.5 makes a helper instance while starting):
  // only the outermost call is the database the API gets.
  const created: PGlite[] = [];
  const create = PGlite.create;
  let depth = 0;
  (PGlite as { create: unknown }).create = async (...args: unknown[]) => {
    const outermost = depth++ === 0;
    try {
      const instance = await (create as (...a: unknown[]) => Promise<PGlite>).apply(PGlite, args);
      if (outermost) created.push(instance);
      return instance;
    } finally {
      depth--;
    }
  };
  let db;
  try {
    db = await openDatabase(null, null);
  } finally {
    (PGlite as { create: unknown }).create = create;
  }
  if (created.length !== 1) throw new Error(`expected openDatabase to create one PGlite, saw ${created.length}`);
  shortenErrorLog(db.ds);
  return { backend, ds: db.ds, kind: db.kind, pglite: created[0], server: null, close: () => db.close() };
}
