import { spawn } from 'node:child_process';
import path from 'node:path';
import { serverUrl } from './lib/postgres';
import { fmtMs } from './lib/report';
import { median, summarize } from './lib/stats';
import type { BenchContext, Benchmark } from './lib/types';

/**
 * The test suite on PGlite against PostgreSQL (goal: PGlite at most 3 times PostgreSQL's time).
 *
 * A sample of the API's test files, the same on both, run by the repository's own Vitest (the
 * `api` project of vitest.config.mts) in a child process, as `pnpm test` runs them: on the
 * embedded database, then with TEST_DATABASE_URL on the server. Wall time from the child's start
 * to its exit, runs alternating between the two. One run of each first, not timed: the test
 * harness seeds its copies of the demo database (a PGlite tarball, a template database) once per
 * day and code version, and every timed run then starts from them as CI's second file does.
 *
 * The whole suite (`pnpm test`, every project, browser tests included) takes minutes on each: its
 * figures come from CI's log (docs/PERFORMANCE.md); BENCH_SUITE_FILES=all times it here.
 */
const SAMPLE = ['test/people.e2e.test.ts', 'test/enrollments.e2e.test.ts', 'test/imports.e2e.test.ts', 'test/reports.e2e.test.ts', 'test/cycles.e2e.test.ts'];
const QUICK_SAMPLE = ['test/people.e2e.test.ts'];
const GOAL = 3;
const ROOT = path.resolve(__dirname, '../..');
const TEST_DATABASE = 'test';

function files(quick: boolean): string[] | 'all' {
  const chosen = process.env.BENCH_SUITE_FILES?.trim();
  if (chosen === 'all') return 'all';
  if (chosen) return chosen.split(',').map((f) => f.trim());
  return quick ? QUICK_SAMPLE : SAMPLE;
}

/** One Vitest run of the files in a child process; its wall time, and whether every test passed. */
function runVitest(sample: string[] | 'all', databaseUrl: string | null): Promise<{ ms: number; ok: boolean; tail: string }> {
  const args = sample === 'all' ? ['run'] : ['run', '--project', 'api', ...sample.map((f) => path.join('apps/api', f))];
  const env: NodeJS.ProcessEnv = { ...process.env, CI: 'true' };
  delete env.TSX_TSCONFIG_PATH;
  delete env.BAO_PHU_BENCH_CHILD;
  if (databaseUrl) env.TEST_DATABASE_URL = databaseUrl;
  else delete env.TEST_DATABASE_URL;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/vitest/vitest.mjs'), ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const keep = (c: Buffer) => {
      out = (out + c.toString('utf8')).slice(-4_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('exit', (code) => resolve({ ms: performance.now() - started, ok: code === 0, tail: out }));
  });
}

export const suiteBench: Benchmark = {
  name: 'suite',
  description: "the API's tests on PGlite against PostgreSQL (a sample of files, or BENCH_SUITE_FILES): wall time of the same Vitest run on each",
  async run(ctx: BenchContext) {
    const sample = files(ctx.options.quick);
    const runs = ctx.options.quick ? 1 : 3;
    // The tests' own server database (CI's): the same server as the benchmarks', database "test".
    const url = new URL(serverUrl);
    url.pathname = `/${TEST_DATABASE}`;
    const postgres = url.toString();
    const label = sample === 'all' ? 'every test (pnpm test without the build)' : `${sample.length} files of the api project: ${sample.map((f) => path.basename(f)).join(', ')}`;
    ctx.log(`Test suite: ${label}; ${runs} timed run(s) on each database after one that seeds the harness's copies`);
    for (const [name, db] of [
      ['PGlite', null],
      ['PostgreSQL', postgres],
    ] as const) {
      const warm = await runVitest(sample, db);
      if (!warm.ok) throw new Error(`the tests failed on ${name} (warm-up run):\n${warm.tail}`);
      ctx.log(`  warm-up on ${name}: ${fmtMs(warm.ms)} ms`);
    }
    const pglite: number[] = [];
    const server: number[] = [];
    for (let i = 0; i < runs; i++) {
      const order = i % 2 === 0 ? (['pglite', 'postgres'] as const) : (['postgres', 'pglite'] as const);
      for (const which of order) {
        const r = await runVitest(sample, which === 'pglite' ? null : postgres);
        if (!r.ok) throw new Error(`the tests failed on ${which} (run ${i + 1}):\n${r.tail}`);
        (which === 'pglite' ? pglite : server).push(r.ms);
      }
      ctx.log(`  run ${i + 1}/${runs}: PGlite ${fmtMs(pglite[i])} ms, PostgreSQL ${fmtMs(server[i])} ms`);
    }
    const bench = 'test suite';
    ctx.row({ benchmark: bench, case: label, backend: 'PGlite (embedded)', summary: summarize(pglite), note: 'vitest run in a child process, wall time' });
    ctx.row({ benchmark: bench, case: label, backend: 'PostgreSQL', summary: summarize(server), note: `TEST_DATABASE_URL=${postgres.replace(/\/\/[^@]*@/, '//…@')}` });
    ctx.ratio({
      name: 'test suite',
      of: 'PGlite wall time',
      to: 'PostgreSQL wall time',
      value: median(pglite) / median(server),
      goal: { op: '<=', bound: GOAL },
      smoke: { op: '<=', bound: GOAL },
      note: label,
    });
  },
};
