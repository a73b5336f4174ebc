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
  /** Records one of the goals' ratios (tabled at the end, saved in the JSON, checked by --check-ratios). */
  ratio(ratio: Ratio): void;
}

/**
 * A goal stated as a ratio of two figures measured side by side in the same run ("report through
 * GraphQL ≤ 1.2 × bare SQL"). `value` is `of ÷ to`. `goal` is the bound; `smoke` the
 * looser bound that `--check-ratios` (CI's smoke run, on small data and a busy machine) holds the
 * ratio to: it checks the direction (which side of the other the API is), not the figure.
 */
export interface Ratio {
  name: string;
  of: string;
  to: string;
  value: number;
  goal: { op: '<=' | '>=' | '=='; bound: number };
  smoke?: { op: '<=' | '>=' | '=='; bound: number };
  note?: string;
}

export interface Benchmark {
  name: string;
  description: string;
  run(ctx: BenchContext): Promise<void>;
}
