import type { DataSource } from 'typeorm';

export interface Statement {
  sql: string;
  params: unknown[];
}

/**
 * Records every statement TypeORM sends for `ds` (its logger's logQuery is called for each one,
 * whatever the logging setting): what one request runs, in order.
 */
export function recordStatements(ds: DataSource) {
  let log: Statement[] = [];
  const logger = ds.logger as { logQuery(query: string, parameters?: unknown[], queryRunner?: unknown): unknown };
  const original = logger.logQuery.bind(logger);
  logger.logQuery = (query, parameters, queryRunner) => {
    log.push({ sql: query, params: parameters ?? [] });
    return original(query, parameters, queryRunner);
  };
  return {
    /** Statements since the last take(), and starts a new list. */
    take(): Statement[] {
      const out = log;
      log = [];
      return out;
    },
    stop() {
      delete (logger as { logQuery?: unknown }).logQuery;
    },
  };
}
