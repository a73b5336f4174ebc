import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { round, type Summary } from './stats';

/** One line of the results table: a timing summary and, when it has one, its budget. */
export interface ResultRow {
  benchmark: string;
  case: string;
  backend: string;
  summary: Summary;
  /** The median must stay under this (in `unit`). */
  budgetMs?: number;
  /** What the summary counts: milliseconds (default), megabytes (a memory figure) or a ratio ('x': one time ÷ another). */
  unit?: 'ms' | 'MB' | 'x';
  note?: string;
}

export interface Machine {
  cpus: number;
  cpuModel: string;
  memory: string;
  platform: string;
  node: string;
  postgres: string | null;
  pglite: string;
  /** 1, 5 and 15 minute load averages when the run started: other work skews the figures. */
  loadAverage: number[];
}

export function describeMachine(postgresVersion: string | null, pgliteVersion: string): Machine {
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    postgres: postgresVersion,
    pglite: pgliteVersion,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

export const withinBudget = (row: ResultRow): boolean | null =>
  row.budgetMs === undefined ? null : row.summary.median < row.budgetMs;

/** Milliseconds for a table cell: "12.3", "4,213". */
export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  const r = round(ms);
  return r >= 1000 ? r.toLocaleString('en-US') : String(r);
}

/** A plain-text table; numeric columns right-aligned. */
export function formatTable(headers: string[], rows: string[][], numeric: boolean[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => [...(r[i] ?? '')].length)));
  const pad = (cell: string, i: number) => {
    const fill = ' '.repeat(widths[i] - [...cell].length);
    return numeric[i] ? fill + cell : cell + fill;
  };
  const line = (cells: string[]) => cells.map(pad).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The same table in Markdown (for docs/PERFORMANCE.md). */
export function formatMarkdown(headers: string[], rows: string[][], numeric: boolean[]): string {
  const esc = (c: string) => c.replace(/\|/g, '\\|');
  return [
    `| ${headers.map(esc).join(' | ')} |`,
    `|${numeric.map((n) => (n ? ' ---: ' : ' --- ')).join('|')}|`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}

export function resultsTable(rows: ResultRow[], markdown = false): string {
  return (markdown ? formatMarkdown : formatTable)(
    ['benchmark', 'case', 'backend', 'runs', 'min ms', 'median ms', 'p95 ms', 'budget', 'ok', 'notes'],
    rows.map((r) => {
      const ok = withinBudget(r);
      // Memory and ratio rows say so in every cell: the column headers are in ms.
      const v = (n: number) => (r.unit === 'MB' ? `${fmtMs(n)} MB` : r.unit === 'x' ? `×${n.toFixed(2)}` : fmtMs(n));
      return [
        r.benchmark,
        r.case,
        r.backend,
        String(r.summary.runs),
        v(r.summary.min),
        v(r.summary.median),
        v(r.summary.p95),
        r.budgetMs === undefined ? '' : `< ${v(r.budgetMs)}`,
        ok === null ? '' : ok ? 'yes' : 'NO',
        r.note ?? '',
      ];
    }),
    [false, false, false, true, true, true, true, true, false, false],
  );
}

/** Writes test/bench/out/<name>-<timestamp>.json and returns its path. */
export function writeJson(name: string, startedAt: Date, content: unknown): string {
  const dir = path.resolve(__dirname, '..', 'out');
  fs.mkdirSync(dir, { recursive: true });
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const file = path.join(dir, `${name}-${stamp}.json`);
  fs.writeFileSync(file, `${JSON.stringify(content, (_k, v) => (typeof v === 'number' ? round(v) : v), 2)}\n`);
  return file;
}
