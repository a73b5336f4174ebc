/**
 * Runs the benchmarks: `pnpm bench [--only org|import|cycle|report] [--pglite | --postgres] [--explain] [--quick] [--strict]`.
 *
 * Each benchmark runs in a child process of its own (a clean heap and JIT for every one) started
 * with TSX_TSCONFIG_PATH=test/bench/tsconfig.json: from the repository root tsx would find no
 * tsconfig, and the API's legacy decorators need apps/api's `experimentalDecorators`; the bench
 * tsconfig extends it and maps the API's dependencies (pg, typeorm, PGlite) for these files.
 *
 * A new benchmark is a `<name>.bench.ts` exporting a Benchmark, listed in BENCHMARKS below.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Backend } from './lib/backend';
import type { Benchmark, BenchOptions, Ratio } from './lib/types';

const BENCHMARKS: Record<string, { description: string; load: () => Promise<Benchmark>; byNameOnly?: boolean }> = {
  org: {
    description: 'organization tree: reference load, orgUnits page with 100,000 hamlets, PGlite socket hop',
    load: async () => (await import('./org.bench')).orgBench,
  },
  import: {
    description: 'CSV import of 100,000 persons, then their 100,000 enrollments, through the API in a child process (time, peak RSS) beside psql \\copy',
    load: async () => (await import('./import.bench')).importBench,
  },
  cycle: {
    description: 'monthly collection cycle: generateCollectionCycle over HTTP for a base office of 20,000 participants and a province of 200,000, and the 25th job, beside the bare SQL (PostgreSQL only)',
    load: async () => (await import('./cycle.bench')).cycleBench,
  },
  report: {
    description: 'drill-down reports on the generated national data (size S, or BENCH_REPORT_SIZE): hierarchyReport at every level, reportTrend, unitRanking over HTTP beside the same statements bare (PostgreSQL only)',
    load: async () => (await import('./report.bench')).reportBench,
  },
  list: {
    description: 'lists: persons of a hamlet by name through the API against PostGraphile 5 on the same generated data, same concurrency (autocannon: req/s, p50, p99, ratio); SQL statements of every list at take 100 against take 10 (PostgreSQL only)',
    load: async () => (await import('./list.bench')).listBench,
  },
  suite: {
    description: "the API's tests on PGlite against PostgreSQL: a sample of test files (BENCH_SUITE_FILES; `all` for every test), wall time of the same Vitest run on each",
    load: async () => (await import('./suite.bench')).suiteBench,
    byNameOnly: true,
  },
};

const CHILD_ENV = 'BAO_PHU_BENCH_CHILD';

/** Set on Ctrl-C: the errors of the statements cut short are not worth printing. */
let interrupted = false;

/** A bad command line: printed without a stack. */
class UsageError extends Error {}

const USAGE = `Usage: pnpm bench [options]

  --only <name>[,<name>]  run only these benchmarks (${Object.keys(BENCHMARKS).join(', ')}); repeatable;
                          without it, all but ${Object.keys(BENCHMARKS).filter((n) => BENCHMARKS[n].byNameOnly).join(', ')}
  --postgres              only on PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres)
  --pglite                only on the embedded PGlite (in memory)
                          (neither: PostgreSQL, or PGlite with a warning when it is unreachable; both: both)
  --explain               print EXPLAIN ANALYZE of the measured statements (always done for a case over budget)
  --quick                 few runs and requests: checks the benchmark code, figures not for publishing
  --strict                exit with status 1 when a budget is missed
  --check-ratios          exit with status 1 when a goal's ratio is on the wrong side of its smoke bound
                          (CI: with --quick, on small data; the direction, not the figures)
  --markdown              also print the table in Markdown (for docs/PERFORMANCE.md)
  --list                  list the benchmarks
  --help                  this text

Results: a table on stdout and test/bench/out/<name>-<timestamp>.json.`;

interface Args extends BenchOptions {
  only: string[];
  postgresExplicit: boolean;
  strict: boolean;
  checkRatios: boolean;
  markdown: boolean;
}

function parseArgs(argv: string[]): Args {
  const only: string[] = [];
  let pglite = false;
  let postgres = false;
  let explain = false;
  let quick = false;
  let strict = false;
  let checkRatios = false;
  let markdown = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') continue;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    switch (flag) {
      case '--only': {
        const value = inline ?? argv[++i];
        if (!value) throw new UsageError('--only needs a benchmark name');
        only.push(...value.split(',').map((s) => s.trim()).filter(Boolean));
        break;
      }
      case '--pglite':
        pglite = true;
        break;
      case '--postgres':
        postgres = true;
        break;
      case '--explain':
        explain = true;
        break;
      case '--quick':
        quick = true;
        break;
      case '--strict':
        strict = true;
        break;
      case '--check-ratios':
        checkRatios = true;
        break;
      case '--markdown':
        markdown = true;
        break;
      case '--list':
        for (const [name, b] of Object.entries(BENCHMARKS)) console.log(`${name.padEnd(10)} ${b.description}`);
        process.exit(0);
      // eslint-disable-next-line no-fallthrough
      case '--help':
      case '-h':
        console.log(USAGE);
        process.exit(0);
      // eslint-disable-next-line no-fallthrough
      default:
        // `--only org` style is documented; a bare name is taken as --only too.
        if (!arg.startsWith('-') && BENCHMARKS[arg]) only.push(arg);
        else throw new UsageError(`unknown option ${arg}\n\n${USAGE}`);
    }
  }
  for (const name of only) if (!BENCHMARKS[name]) throw new UsageError(`unknown benchmark "${name}"; known: ${Object.keys(BENCHMARKS).join(', ')}`);
  // Neither: the server (PGlite when it is unreachable), so that `pnpm bench` stays within minutes;
  // both: each benchmark on both.
  const backends: Backend[] = postgres && pglite ? ['postgres', 'pglite'] : pglite ? ['pglite'] : ['postgres'];
  return { only, backends, explain, quick, strict, checkRatios, markdown, postgresExplicit: postgres };
}

/** Parent: one child process per benchmark, in order; the exit status is the worst of theirs. */
async function parent(args: Args) {
  // The suite benchmark runs the test files again and again (minutes): asked for by name only; CI
  // prints the same ratio for the whole suite on every run (.ci/run).
  const names = args.only.length ? [...new Set(args.only)] : Object.keys(BENCHMARKS).filter((n) => !BENCHMARKS[n].byNameOnly);
  let status = 0;
  // Ctrl-C reaches the children too (same process group): wait for them to drop their databases.
  process.on('SIGINT', () => {});
  for (const name of names) {
    const code = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, [...process.execArgv, __filename, ...process.argv.slice(2)], {
        stdio: 'inherit',
        env: { ...process.env, TSX_TSCONFIG_PATH: path.join(__dirname, 'tsconfig.json'), [CHILD_ENV]: name },
      });
      child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0)));
    });
    status = Math.max(status, code);
  }
  process.exit(status);
}

/** Child: runs one benchmark, prints the table and writes the JSON. */
async function child(name: string, args: Args) {
  // Imported here: these reach the API code, which needs the tsconfig set by the parent.
  require('reflect-metadata');
  const { probeServer, dropLeftovers, serverUrl } = await import('./lib/postgres');
  const { describeMachine, resultsTable, withinBudget, writeJson } = await import('./lib/report');
  const { round } = await import('./lib/stats');
  type ResultRow = import('./lib/report').ResultRow;

  process.on('SIGINT', () => {
    interrupted = true;
    console.error('\ninterrupted: dropping the bench databases…');
    void dropLeftovers().finally(() => process.exit(130));
  });

  const options: BenchOptions = { backends: [...args.backends], explain: args.explain, quick: args.quick };
  let postgresVersion: string | null = null;
  if (options.backends.includes('postgres')) {
    const probe = await probeServer();
    if (probe.ok) postgresVersion = probe.version;
    else if (args.postgresExplicit) throw new Error(`PostgreSQL at ${serverUrl} is unreachable: ${probe.reason}`);
    else {
      console.error(`warning: PostgreSQL at ${serverUrl} is unreachable (${probe.reason}); running on PGlite only`);
      options.backends = options.backends.filter((b) => b !== 'postgres');
      if (!options.backends.length) options.backends = ['pglite'];
    }
  }
  const pglitePackage = path.resolve(__dirname, '../../apps/api/node_modules/@electric-sql/pglite/package.json');
  const pgliteVersion = (JSON.parse(fs.readFileSync(pglitePackage, 'utf8')) as { version: string }).version;
  const machine = describeMachine(postgresVersion, pgliteVersion);

  const bench = await BENCHMARKS[name].load();
  const startedAt = new Date();
  const rows: ResultRow[] = [];
  const ratios: Ratio[] = [];
  const details: Record<string, unknown> = {};
  console.error(`▶ ${bench.name}: ${bench.description}${options.quick ? ' (quick)' : ''} on ${options.backends.join(', ')}`);
  console.error(`  ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memory}, Node ${machine.node}, PostgreSQL ${machine.postgres ?? '–'}, PGlite ${machine.pglite}`);
  if (machine.loadAverage[0] > machine.cpus / 2) {
    console.error(`  warning: load average ${machine.loadAverage.join(' ')} on ${machine.cpus} CPUs: other work is running, the figures will be slower and noisier`);
  }
  try {
    await bench.run({
      options,
      log: (m) => console.error(m),
      row: (r) => {
        rows.push(r);
        const s = r.summary;
        const unit = r.unit ?? 'ms';
        console.error(
          `  ✓ ${r.benchmark} | ${r.case} | ${r.backend}: median ${round(s.median)} ${unit} (min ${round(s.min)}, p95 ${round(s.p95)}, ${s.runs} runs)` +
            (r.budgetMs !== undefined ? (withinBudget(r) ? ` within ${r.budgetMs} ${unit}` : ` OVER the ${r.budgetMs} ${unit} budget`) : ''),
        );
      },
      detail: (key, value) => {
        details[key] = value;
      },
      ratio: (r) => {
        ratios.push(r);
        console.error(`  ≈ ${r.name}: ${r.of} ÷ ${r.to} = ×${round(r.value)} (goal ${r.goal.op} ${r.goal.bound}: ${holds(r.value, r.goal) ? 'holds' : 'MISSED'})`);
      },
    });
  } catch (err) {
    await dropLeftovers();
    throw err;
  }
  const finishedAt = new Date();
  console.log(`\n${bench.name} — ${startedAt.toISOString()} — ${((finishedAt.getTime() - startedAt.getTime()) / 1000).toFixed(0)} s\n`);
  // Grouped by benchmark (in the order they first reported), then as they came.
  const order = [...new Set(rows.map((r) => r.benchmark))];
  const sorted = rows.map((r, i) => ({ r, i })).sort((a, b) => order.indexOf(a.r.benchmark) - order.indexOf(b.r.benchmark) || a.i - b.i).map((x) => x.r);
  console.log(resultsTable(sorted));
  if (args.markdown) console.log(`\n${resultsTable(sorted, true)}`);
  const missed = rows.filter((r) => withinBudget(r) === false);
  const budgeted = rows.filter((r) => withinBudget(r) !== null);
  console.log(`\nbudgets: ${budgeted.length - missed.length}/${budgeted.length} hold${missed.length ? ` — missed: ${missed.map((r) => `${r.case} (${r.backend})`).join('; ')}` : ''}`);
  if (ratios.length) console.log(`\n${ratiosTable(ratios, args.markdown)}`);
  const wrongWay = ratios.filter((r) => !holds(r.value, r.smoke ?? r.goal));
  const file = writeJson(bench.name, startedAt, {
    benchmark: bench.name,
    description: bench.description,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 100) / 100),
    options,
    machine,
    rows,
    ratios: ratios.map((r) => ({ ...r, goalHolds: holds(r.value, r.goal), smokeHolds: holds(r.value, r.smoke ?? r.goal) })),
    details,
  });
  console.log(`results: ${path.relative(process.cwd(), file)}`);
  if (args.strict && missed.length) process.exitCode = 1;
  if (args.checkRatios && wrongWay.length) {
    console.log(`ratios the wrong way: ${wrongWay.map((r) => `${r.name} ×${round(r.value)} (smoke bound ${(r.smoke ?? r.goal).op} ${(r.smoke ?? r.goal).bound})`).join('; ')}`);
    process.exitCode = 1;
  }
}

/** Whether a ratio is on the right side of a bound. */
function holds(value: number, bound: Ratio['goal']): boolean {
  if (!Number.isFinite(value)) return false;
  return bound.op === '<=' ? value <= bound.bound : bound.op === '>=' ? value >= bound.bound : value === bound.bound;
}

/** The goals' ratios as a table: the figure, the goal, the smoke bound CI holds it to. */
function ratiosTable(ratios: Ratio[], markdown: boolean): string {
  const r2 = (v: number) => (Number.isFinite(v) ? (Math.round(v * 100) / 100).toString() : String(v));
  const rows = ratios.map((r) => [
    r.name,
    `${r.of} ÷ ${r.to}`,
    `×${r2(r.value)}`,
    `${r.goal.op} ${r.goal.bound}`,
    holds(r.value, r.goal) ? 'holds' : 'missed',
    r.smoke ? `${r.smoke.op} ${r.smoke.bound}` : '(goal)',
    holds(r.value, r.smoke ?? r.goal) ? 'ok' : 'WRONG WAY',
    r.note ?? '',
  ]);
  const head = ['ratio', 'measured', 'value', 'goal', '', 'smoke bound', '', 'note'];
  if (markdown) return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((c) => `| ${c.join(' | ')} |`)].join('\n');
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((x, i) => x.padEnd(widths[i])).join('  ').trimEnd();
  return ['ratios', line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const childName = process.env[CHILD_ENV];
  if (!childName) return parent(args);
  await child(childName, args);
  process.exit(process.exitCode ?? 0);
}

main().catch((err) => {
  if (interrupted) return;
  console.error(err instanceof UsageError ? err.message : err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
