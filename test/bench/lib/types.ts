import type { Backend } from './backend';
import type { ResultRow } from './report';

export interface BenchOptions {
  /** Databases to run on, in order. */
  backends: Backend[];
  /** Print EXPLAIN ANALYZE of every measured statement, not only of cases over budget. */
  explain: boolean;
  /** Fewer runs and requests: a smoke run of the benchmark code, not figures to publish. */
  quick: boolean;
}

/** What a benchmark gets from run.ts. */
export interface BenchContext {
  options: BenchOptions;
  /** A progress line on stderr. */
  log(message: string): void;
  /** Records one result (printed at once, tabled at the end, saved in the JSON). */
  row(row: ResultRow): void;
  /** Extra data for the JSON file under `key` (statement lists, plans, setup timings). */
  detail(key: string, value: unknown): void;
}

export interface Benchmark {
  name: string;
  description: string;
  run(ctx: BenchContext): Promise<void>;
}
