import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Extension } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

// The contrib entry ships CommonJS code but only ESM typings, so TypeScript refuses a static import
// from this CommonJS module; the require is what Node would run anyway.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { pg_trgm } = require('@electric-sql/pglite/contrib/pg_trgm') as { pg_trgm: Extension };

/**
 * The embedded PostgreSQL (PGlite) that runs the whole product on a machine with no database server.
 *
 * How it reaches TypeORM: PGlite is served on a loopback socket by `@electric-sql/pglite-socket`
 * and TypeORM connects with the same `pg` driver it uses against a real server. We chose this over
 * `typeorm-pglite` (a driver shim that calls PGlite in-process) because then one driver, one type
 * parser and one wire protocol serve both paths: a query that works in the demo works in
 * production, and the tests on PGlite exercise the production code path. The socket hop costs
 * little next to PGlite's own single-threaded execution (figures in docs/PERFORMANCE.md).
 *
 * PGlite is one session: the pool must hold exactly one connection (a second connection's queries
 * would run inside the first one's transaction), so `data-source.ts` sets `poolSize: 1` here.
 */
export interface EmbeddedDatabase {
  url: string;
  /**
   * The whole database as a tarball (PGlite's dumpDataDir), to start another one from it; gzip by
   * default, `none` for a copy that opens in a third of the time (the tests' seeded copies).
   */
  dump(compression?: 'gzip' | 'none'): Promise<Blob>;
  close(): Promise<void>;
}

export class DataDirLockedError extends Error {}

const LOCK_FILE = 'bao-phu.lock';
/** Data folders this process holds, so that a second open in the same process is refused too. */
const held = new Set<string>();

/**
 * Takes the data folder for this process. PGlite does not guard its files against a second
 * process, and two writers would corrupt them, so a lock file holds the owner's pid; a lock left by
 * a process that is gone (a crash, a kill -9) is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(fs.realpathSync(dataDir), LOCK_FILE);
  const inUse = (pid: number) =>
    new DataDirLockedError(
      `The data folder ${dataDir} is in use by another Bao Phủ process (pid ${pid}). ` +
        'Stop that process, or start this one with another DATA_DIR or with DATABASE_URL.',
    );
  if (held.has(lockPath)) throw inUse(process.pid);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      held.add(lockPath);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        held.delete(lockPath);
        try {
          if (fs.readFileSync(lockPath, 'utf8') === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          /* already gone */
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(fs.readFileSync(lockPath, 'utf8').trim());
      if (owner && owner !== process.pid && isAlive(owner)) throw inUse(owner);
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new DataDirLockedError(`Could not lock the data folder ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Opens (creating on first use) the embedded database in `<dataDir>/pgdata`, or in memory when
 * dataDir is null (tests), and serves it on a free loopback port.
 */
export async function startEmbeddedDatabase(dataDir: string | null, options: { loadFrom?: Blob } = {}): Promise<EmbeddedDatabase> {
  const unlock = dataDir ? lockDataDir(dataDir) : () => {};
  let db: PGlite | undefined;
  let server: PGLiteSocketServer | undefined;
  try {
    db = await PGlite.create({
      dataDir: dataDir ? path.join(dataDir, 'pgdata') : undefined,
      extensions: { pg_trgm },
      ...(options.loadFrom ? { loadDataDir: options.loadFrom } : {}),
    });
    server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 1 });
    await server.start();
  } catch (err) {
    await server?.stop().catch(() => {});
    await db?.close().catch(() => {});
    unlock();
    throw err;
  }
  const [host, port] = server.getServerConn().split(':');
  const srv = server;
  const pglite = db;
  return {
    url: `postgres://postgres@${host}:${port}/postgres`,
    dump: async (compression = 'gzip') => (await pglite.dumpDataDir(compression)) as Blob,
    async close() {
      await srv.stop();
      await pglite.close();
      unlock();
    },
  };
}
