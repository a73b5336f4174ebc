import { DataSource } from 'typeorm';
import { entities } from './entities';
import { migrations } from './migrations';

export interface DataSourceOptions {
  url: string;
  /** PGlite serves one session: the pool must be 1 there. */
  embedded: boolean;
  logging?: boolean;
}

/** The TypeORM data source. Schema changes only through migrations: `synchronize` is never on. */
export function createDataSource({ url, embedded, logging }: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities,
    migrations,
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    logging: logging ? ['query', 'error'] : ['error'],
    poolSize: embedded ? 1 : 10,
    extra: { application_name: 'bao-phu-api' },
  });
}
