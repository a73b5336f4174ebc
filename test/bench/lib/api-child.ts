import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The built API as `pnpm start` serves it (`node --enable-source-maps apps/api/dist/main.js`), in a
 * child process of its own, for benchmarks that measure it from the outside over HTTP.
 *
 * The same steps as import.bench.ts takes (it keeps its own copy, with its memory and CPU sampling);
 * this one is for the benchmarks written after it (cycle.bench.ts).
 */

const ROOT = path.resolve(__dirname, '../../..');
const API_DIR = path.join(ROOT, 'apps/api');
const MAIN_JS = path.join(API_DIR, 'dist/main.js');
/** Preloaded with --require: times every statement the API sends through pg (BENCH_PROBE_FILE). */
export const PROBE = path.join(__dirname, 'import-probe.cjs');

export interface BuildInfo {
  built: boolean;
  head: string;
  /** Uncommitted changes in apps/api or packages/domain: the figures are of that working tree. */
  dirty: boolean;
}

/** Compiles the API (and the domain package) when a source file is newer than its build. */
export function ensureApiBuilt(log: (m: string) => void): BuildInfo {
  const walk = (dir: string, ext: RegExp, pick: (a: number, b: number) => number, start: number): number => {
    if (!fs.existsSync(dir)) return start;
    let acc = start;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) acc = walk(full, ext, pick, acc);
      else if (ext.test(entry.name)) acc = pick(acc, fs.statSync(full).mtimeMs);
    }
    return acc;
  };
  const newestSource = Math.max(walk(path.join(API_DIR, 'src'), /\.ts$/, Math.max, 0), walk(path.join(ROOT, 'packages/domain/src'), /\.ts$/, Math.max, 0));
  const oldestBuild = fs.existsSync(MAIN_JS) ? walk(path.join(API_DIR, 'dist'), /\.js$/, Math.min, Infinity) : 0;
  let built = false;
  if (oldestBuild < newestSource) {
    log(`  apps/api/dist is older than its sources: pnpm --filter api... run build`);
    const r = spawnSync('pnpm', ['--filter', 'api...', 'run', 'build'], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`building the API failed:\n${r.stdout}\n${r.stderr}`);
    built = true;
  }
  const git = (...args: string[]) => {
    try {
      return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
    } catch {
      return '';
    }
  };
  return { built, head: git('rev-parse', '--short', 'HEAD'), dirty: git('status', '--porcelain', '--', 'apps/api', 'packages/domain') !== '' };
}

export interface ApiChild {
  pid: number;
  port: number;
  /** The last lines the API wrote (stdout and stderr), for error messages. */
  tail(): string[];
  /** Everything the API wrote to stderr so far (its start). */
  stderr(): { chars: number; head: string };
  /** SIGTERM, and the exit (SIGKILL after 30 s). */
  stop(): Promise<void>;
}

/**
 * Starts the built API with a clean environment (nothing from the shell but PATH, HOME, TMPDIR,
 * TZ), NODE_ENV=production, PORT=0 and `env`, and waits for its "ready" log line, which names the
 * port. `probeFile`: the statement probe is preloaded and writes there.
 */
export async function startApiChild(env: Record<string, string>, probeFile: string | null): Promise<ApiChild> {
  const base: Record<string, string> = {};
  for (const key of ['PATH', 'HOME', 'TMPDIR', 'TZ']) if (process.env[key]) base[key] = process.env[key]!;
  // BENCH_API_NODE_ARGS: more arguments for the API's node, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it.
  const extra = (process.env.BENCH_API_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const child: ChildProcess = spawn(process.execPath, ['--enable-source-maps', ...extra, ...(probeFile ? ['--require', PROBE] : []), MAIN_JS], {
    cwd: API_DIR,
    env: {
      ...base,
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      PORT: '0',
      ...(probeFile ? { BENCH_PROBE_FILE: probeFile } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const keep = (line: string) => {
    lines.push(line);
    if (lines.length > 40) lines.shift();
  };
  let exited: { code: number | null; signal: string | null } | null = null;
  const exit = new Promise<void>((resolve) =>
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      resolve();
    }),
  );
  let stderrChars = 0;
  const stderrHead: string[] = [];
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    stderrChars += chunk.length;
    if (stderrHead.join('').length < 4_000) stderrHead.push(chunk);
    chunk.split('\n').filter(Boolean).forEach((l) => keep(l.slice(0, 500)));
  });
  let buffer = '';
  child.stdout!.setEncoding('utf8');
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the API did not start within 120 s:\n${lines.join('\n')}`)), 120_000);
    child.stdout!.on('data', (chunk: string) => {
      buffer += chunk;
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        keep(line.slice(0, 500));
        try {
          const log = JSON.parse(line) as { message?: string; port?: number };
          if (log.message?.startsWith('Bao Phủ is ready') && typeof log.port === 'number') {
            clearTimeout(timer);
            resolve(log.port);
          }
        } catch {
          /* not a log line */
        }
      }
    });
    void exit.then(() => {
      clearTimeout(timer);
      reject(new Error(`the API exited before it was ready (${JSON.stringify(exited)}):\n${lines.join('\n')}`));
    });
  });
  return {
    pid: child.pid!,
    port,
    tail: () => [...lines],
    stderr: () => ({ chars: stderrChars, head: stderrHead.join('').slice(0, 4_000) }),
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exit;
      clearTimeout(killer);
    },
  };
}

/** One line of the probe's file (lib/import-probe.cjs). */
export interface ProbeEntry {
  /** Epoch ms when the API called query(): the bench's `performance.timeOrigin + performance.now()` clock. */
  start: number;
  ms: number;
  pid: number | null;
  /** The first 100 characters of the SQL, blanks collapsed. */
  sql: string;
  rows: number | null;
  error: string | null;
  fullSql?: string;
}

/** Reads the probe's file from `offset` (bytes): its complete lines, and the offset after them. */
export function readProbe(file: string, offset: number): { entries: ProbeEntry[]; offset: number } {
  const size = fs.statSync(file).size;
  if (size <= offset) return { entries: [], offset };
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(size - offset);
    fs.readSync(fd, buf, 0, buf.length, offset);
    const text = buf.toString('utf8');
    const end = text.lastIndexOf('\n') + 1;
    const entries = text
      .slice(0, end)
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as ProbeEntry);
    return { entries, offset: offset + Buffer.byteLength(text.slice(0, end)) };
  } finally {
    fs.closeSync(fd);
  }
}
