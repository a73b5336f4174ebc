import { DataSource, type EntityManager } from 'typeorm';
import { entities } from './entities';
import { migrations } from './migrations';

export interface DataSourceOptions {
  url: string;
  /**
   * Streaming replicas of `url` (DATABASE_READ_URLS). Only what reads through `replicaManager`
   * goes there; everything else, query builders and `find` included, stays on `url`.
   */
  readUrls?: readonly string[];
  /** PGlite serves one session: the pool must be 1 there. */
  embedded: boolean;
  logging?: boolean;
}

/** The TypeORM data source. Schema changes only through migrations: `synchronize` is never on. */
export function createDataSource({ url, readUrls = [], embedded, logging }: DataSourceOptions): DataSource {
  if (embedded && readUrls.length) throw new Error('the embedded database (PGlite) has no read replicas');
  return new DataSource({
    type: 'postgres',
    // With replicas, TypeORM keeps one pool for the primary and one per replica, each of poolSize.
    // defaultMode 'master': TypeORM would otherwise send every SELECT of a query builder (the
    // session lookup, `find`, the DataLoaders) to a replica, and a request would not see what the
    // one before it wrote; only the reports, which may lag, read a replica (replicaManager).
    ...(readUrls.length ? { replication: { master: { url }, slaves: readUrls.map((u) => ({ url: u })), defaultMode: 'master' as const } } : { url }),
    entities,
    migrations,
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    logging: logging ? ['query', 'error'] : ['error'],
    poolSize: embedded ? 1 : 10,
    // No JIT on a server: the API's statements run in milliseconds, and where the planner
    // overestimates one (a recursive walk of the tree as it stood: 25 million rows guessed for 165)
    // compiling it took 0.5 s of a 2 ms report. PGlite is built without JIT.
    extra: { application_name: 'bao-phu-api', ...(embedded ? {} : { options: '-c jit=off' }) },
  });
}

const replicaManagers = new WeakMap<DataSource, EntityManager>();

/**
 * An EntityManager that reads from the read replicas of `ds` (DATABASE_READ_URLS), or `ds.manager`
 * itself when there are none (and always on PGlite). Each statement it runs — `query`, query
 * builders, repositories — takes a connection from one replica's pool (TypeORM picks the replica
 * at random) and gives it back, as `ds.manager` does with the primary's. For reads that may lag the
 * primary by the replica's replay delay: never for a read that must see the caller's own write, nor
 * inside a transaction. A write through it fails (a replica is read-only).
 */
export function replicaManager(ds: DataSource): EntityManager {
  if (!('replication' in ds.options) || !ds.options.replication) return ds.manager;
  let em = replicaManagers.get(ds);
  if (!em) {
    // The same DataSource (driver, pools, metadata) seen through an object whose new query runners
    // are TypeORM's 'slave' ones: EntityManager.query and SelectQueryBuilder both ask their data
    // source for a query runner per statement and release it after.
    const replicas = Object.create(ds, { createQueryRunner: { value: () => ds.createQueryRunner('slave') } }) as DataSource;
    em = replicas.createEntityManager();
    replicaManagers.set(ds, em);
  }
  return em;
}
