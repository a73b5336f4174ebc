import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { CITIZEN_ID_PROVINCES, daysInMonth, foldVietnamese, todayInVietnam, type SupportCategory } from '@bao-phu/domain';
import { openDatabase } from '../../apps/api/src/db/open';
import { createLogger } from '../../apps/api/src/log';
import { readCsv } from '../../apps/api/src/modules/imports/csv';
import { MAX_ROWS } from '../../apps/api/src/modules/imports/import.service';
import { checkPersonRow, existingCitizenIds, insertPersons, PERSON_COLUMNS, type PersonRow } from '../../apps/api/src/modules/imports/persons-import';
import { prepareDatabase } from '../../apps/api/src/seed/prepare';
import { connectBenchApi } from './lib/api';
import { BACKEND_LABEL } from './lib/backend';
import { addSyntheticHamlets } from './lib/hamlets';
import { createBenchDatabase, serverUrl, type BenchDatabase } from './lib/postgres';
import { fmtMs } from './lib/report';
import { summarize } from './lib/stats';
import type { BenchContext, Benchmark } from './lib/types';

/**
 * Importing persons from CSV, end to end, against the goal "100,000 persons with enrollments from
 * CSV on PostgreSQL in under 15 s with the API under 512 MB, side by side with `psql \copy` of the
 * same rows". Persons (and the households they name) only: enrollments are not measured here.
 *
 * On PostgreSQL one database is prepared (migrations, reference units, 5,000 synthetic hamlets, an
 * administrator: prepareDatabase as the API's first start) and every load goes into a fresh clone
 * of it (CREATE DATABASE … TEMPLATE), so that all start from the same state. Per run:
 *  1. the built API (`node --enable-source-maps apps/api/dist/main.js`, as `pnpm start` serves it;
 *     rebuilt first when a source is newer) runs in a CHILD process with DATABASE_URL (or DATA_DIR
 *     for PGlite), SEED=none and ADMIN_*, so that its memory is its own: VmRSS sampled every 100 ms
 *     from /proc, and VmHWM (the kernel's peak, reset just before the upload);
 *  2. the CSV goes up in one multipart POST /api/imports/persons; `importJob` is polled every
 *     100 ms; the wall time runs from the first byte of the upload to the poll that says SUCCEEDED;
 *  3. the same rows, as the values the API writes, go into the person table of another clone with
 *     `psql \copy`, timed with the same clock from psql's start to its exit; the two tables are
 *     compared by a digest.
 * A probe preloaded into the child (lib/import-probe.cjs) times each statement the API sends, which
 * splits the wall time into SQL and the rest, per 2,000-row batch. Around each load the server's
 * WAL position and checkpoint count are read. Run 1 also loads: with psql \copy into person without
 * its trigram index; the API's own SQL (existingCitizenIds, insertPersons) alone, with the trigram
 * index's fastupdate off and on. One more API run has the other fastupdate than the migration sets.
 * The JavaScript side (reading the CSV, checking rows, building the JSON payloads) is timed in this
 * process on the same file. PGlite: one run, for information.
 */

const ROOT = path.resolve(__dirname, '../..');
const API_DIR = path.join(ROOT, 'apps/api');
const MAIN_JS = path.join(API_DIR, 'dist/main.js');
const PROBE = path.join(__dirname, 'lib/import-probe.cjs');

const ADMIN = { username: 'bench.importer', password: 'bench-Password-3' };
const WALL_BUDGET_MS = 15_000;
const RSS_BUDGET_MB = 512;
const GOAL_ROWS = 100_000;
const HAMLETS = 5_000;
const SEED = 20_251_128;
const POLL_MS = 100;
const SAMPLE_MS = 100;
/** The columns psql \copy fills: what the API's INSERT writes, less household_id and created_by. */
const COPY_COLUMNS = ['citizen_id', 'full_name', 'search_key', 'sex', 'date_of_birth', 'phone', 'hamlet_id', 'support_category', 'version'];
const POLL_QUERY = `query($id: ID!) { importJob(id: $id) { status totalRows acceptedRows rejectedRows importedRows errors { line message } } }`;

function sizes(quick: boolean) {
  return { rows: quick ? 20_000 : GOAL_ROWS, postgresRuns: quick ? 1 : 3 };
}

const clock = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (bytes: number) => bytes / 2 ** 20;
const perSecond = (rows: number, ms: number) => Math.round(rows / (ms / 1000)).toLocaleString('en-US');
const median = (values: number[]) => summarize(values).median;
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

// ── The file ─────────────────────────────────────────────────────────────────────────────────────

/** mulberry32: a small seeded generator, so that every run and machine gets the same file. */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FAMILY = ['Nguyễn', 'Nguyễn', 'Nguyễn', 'Trần', 'Trần', 'Lê', 'Lê', 'Phạm', 'Huỳnh', 'Hoàng', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Trương', 'Đinh', 'Lâm', 'Châu'];
const MIDDLE: Record<'MALE' | 'FEMALE', string[]> = {
  MALE: ['Văn', 'Văn', 'Hữu', 'Đức', 'Minh', 'Quốc', 'Thanh', 'Công', 'Gia', 'Trọng', 'Tấn'],
  FEMALE: ['Thị', 'Thị', 'Thị', 'Ngọc', 'Thanh', 'Kim', 'Thu', 'Mỹ', 'Bích', 'Hồng', 'Diệu'],
};
const GIVEN: Record<'MALE' | 'FEMALE', string[]> = {
  MALE: ['An', 'Bình', 'Cường', 'Dũng', 'Đạt', 'Hùng', 'Huy', 'Khoa', 'Lộc', 'Long', 'Nam', 'Nghĩa', 'Phúc', 'Phước', 'Quang', 'Sơn', 'Tài', 'Thắng', 'Thành', 'Toàn', 'Trí', 'Tuấn', 'Việt', 'Vinh'],
  FEMALE: ['Anh', 'Châu', 'Diễm', 'Dung', 'Giang', 'Hạnh', 'Hằng', 'Hương', 'Lan', 'Liên', 'Loan', 'Mai', 'My', 'Ngân', 'Nhung', 'Oanh', 'Phượng', 'Quyên', 'Thảo', 'Thủy', 'Trang', 'Tuyết', 'Vân', 'Yến'],
};
const PHONE_PREFIXES = ['090', '091', '093', '094', '096', '097', '098', '086', '032', '035', '038', '070', '077', '081', '085'];

interface Person {
  citizenId: string;
  fullName: string;
  dateOfBirth: string;
  sex: 'MALE' | 'FEMALE';
  hamletCode: string;
  /** Digits only, as stored. */
  phone: string | null;
  householdCode: string | null;
  supportCategory: SupportCategory;
  /** The row as written in the file (other date and sex spellings, spaced phones, empty categories). */
  cells: string[];
}

/**
 * `count` persons spread over `hamletCodes`: about 30 % in households of 2–5 members of one
 * hamlet (codes HO-<hamlet>-<n>), unique citizen IDs that agree with the date of birth and sex
 * (birth province, century-and-sex digit, two digits of the year, six random digits), Vietnamese
 * names with diacritics, a phone for 40 %; the cells spelled as offices write them: 15 % of the
 * dates DD/MM/YYYY, a third of the sexes Nam/Nữ, a quarter of the phones spaced, most categories
 * left empty.
 */
function generatePersons(count: number, hamletCodes: string[]): { persons: Person[]; households: number } {
  const rand = seeded(SEED);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rand() * 10)).join('');
  const provinces = Object.keys(CITIZEN_ID_PROVINCES);
  const ids = new Set<string>();
  const persons: Person[] = [];
  let households = 0;

  const person = (hamletCode: string, family: string, householdCode: string | null): Person => {
    const sex = rand() < 0.5 ? 'MALE' : 'FEMALE';
    const year = int(1935, 2024);
    const month = int(1, 12);
    const day = int(1, daysInMonth(year, month));
    const dateOfBirth = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const centuryAndSex = (year >= 2000 ? 2 : 0) + (sex === 'FEMALE' ? 1 : 0);
    let citizenId: string;
    do citizenId = `${pick(provinces)}${centuryAndSex}${String(year % 100).padStart(2, '0')}${digits(6)}`;
    while (ids.has(citizenId));
    ids.add(citizenId);
    const middle = rand() < 0.2 ? `${pick(MIDDLE[sex])} ${pick(MIDDLE[sex])}` : pick(MIDDLE[sex]);
    const fullName = `${family} ${middle} ${pick(GIVEN[sex])}`;
    const phone = rand() < 0.4 ? `${pick(PHONE_PREFIXES)}${digits(7)}` : null;
    const r = rand();
    const category: SupportCategory = r < 0.1 ? 'POOR' : r < 0.22 ? 'NEAR_POOR' : r < 0.3 ? 'ETHNIC_MINORITY' : 'OTHER';
    const cells = [
      citizenId,
      fullName,
      rand() < 0.15 ? `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}` : dateOfBirth,
      rand() < 0.35 ? (sex === 'MALE' ? 'Nam' : 'Nữ') : sex,
      hamletCode,
      phone && rand() < 0.25 ? `${phone.slice(0, 4)} ${phone.slice(4, 7)} ${phone.slice(7)}` : (phone ?? ''),
      householdCode ?? '',
      category === 'OTHER' && rand() < 0.8 ? '' : category,
    ];
    return { citizenId, fullName, dateOfBirth, sex, hamletCode, phone, householdCode, supportCategory: category, cells };
  };

  while (persons.length < count) {
    const hamletCode = pick(hamletCodes);
    const family = pick(FAMILY);
    // 11 % of the draws are households of 2–5 (3.5 on average): about 30 % of the persons.
    if (rand() < 0.11) {
      const code = `HO-${hamletCode}-${String(++households).padStart(6, '0')}`;
      const size = Math.min(int(2, 5), count - persons.length);
      // A spouse often keeps another family name.
      for (let m = 0; m < size; m++) persons.push(person(hamletCode, m === 1 && rand() < 0.6 ? pick(FAMILY) : family, code));
    } else {
      persons.push(person(hamletCode, family, null));
    }
  }
  return { persons, households };
}

/** The API's file: UTF-8 with BOM, CRLF, the exact header (what Excel's "CSV UTF-8" writes). */
function writeApiCsv(file: string, persons: Person[]) {
  const lines = [PERSON_COLUMNS.join(','), ...persons.map((p) => p.cells.join(','))];
  fs.writeFileSync(file, `\uFEFF${lines.join('\r\n')}\r\n`);
}

const csvCell = (v: string | number | null) => (v === null ? '' : /[",\r\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));

/** The same rows as the values the API stores (COPY_COLUMNS), for psql \copy: no header, NULL as empty. */
function writeCopyCsv(file: string, persons: Person[], hamletIds: Map<string, number>) {
  const lines = persons.map((p) => {
    const hamletId = hamletIds.get(p.hamletCode);
    if (hamletId === undefined) throw new Error(`hamlet ${p.hamletCode} is not in the database`);
    return [p.citizenId, p.fullName, foldVietnamese(p.fullName), p.sex, p.dateOfBirth, p.phone, hamletId, p.supportCategory, 1].map(csvCell).join(',');
  });
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

// ── The API in a child process ───────────────────────────────────────────────────────────────────

/** Compiles the API (and the domain package) when a source file is newer than its build. */
function ensureApiBuilt(ctx: BenchContext): { built: boolean; head: string; dirty: boolean } {
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
    ctx.log(`  apps/api/dist is older than its sources: pnpm --filter api... run build`);
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

interface ApiChild {
  pid: number;
  port: number;
  /** What the API wrote to stderr so far: its size and its start. */
  stderr(): { chars: number; head: string };
  /** SIGTERM, and the exit (SIGKILL after 30 s). */
  stop(): Promise<void>;
}

/**
 * Starts `node --enable-source-maps --require import-probe.cjs apps/api/dist/main.js` with a
 * clean environment (nothing from the shell but PATH, HOME, TMPDIR) and waits for its "ready" log line.
 */
async function startApiChild(env: Record<string, string>, probeFile: string): Promise<ApiChild> {
  const base: Record<string, string> = {};
  for (const key of ['PATH', 'HOME', 'TMPDIR', 'TZ']) if (process.env[key]) base[key] = process.env[key]!;
  // BENCH_IMPORT_CPU_PROF=<folder>: a V8 CPU profile of each API child there (for finding where its CPU goes).
  const profile = process.env.BENCH_IMPORT_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_IMPORT_CPU_PROF)}`] : [];
  const child: ChildProcess = spawn(process.execPath, ['--enable-source-maps', ...profile, '--require', PROBE, MAIN_JS], {
    cwd: API_DIR,
    env: {
      ...base,
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      PORT: '0',
      SEED: 'none',
      REFERENCE_UNITS: 'all',
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      BENCH_PROBE_FILE: probeFile,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail: string[] = [];
  const keep = (line: string) => {
    tail.push(line);
    if (tail.length > 40) tail.shift();
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
  const port = await new Promise<number>((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`the API did not start within 120 s:\n${tail.join('\n')}`)), 120_000);
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      buffer += chunk;
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        keep(line);
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
      reject(new Error(`the API exited before it was ready (${JSON.stringify(exited)}):\n${tail.join('\n')}`));
    });
  });
  return {
    pid: child.pid!,
    port,
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

const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU time (user + system) of a process in ms, from /proc; null when it cannot be read. */
function cpuMs(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
  } catch {
    return null;
  }
}

/** VmRSS and VmHWM (peak) of a process in MB. */
function memory(pid: number): { rss: number; hwm: number } | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

/** Resets the kernel's peak RSS of a process (`echo 5 > /proc/<pid>/clear_refs`). */
function resetPeak(pid: number): boolean {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** Streams `file` as the `file` field of a multipart POST /api/imports/persons. */
function uploadCsv(port: number, token: string, file: string): Promise<{ status: number; body: any }> {
  const boundary = `----bao-phu-bench-${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="persons.csv"\r\nContent-Type: text/csv\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const size = fs.statSync(file).size;
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/imports/persons',
        method: 'POST',
        headers: {
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': head.length + size + tail.length,
          authorization: `Bearer ${token}`,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) });
          } catch {
            reject(new Error(`upload: HTTP ${res.statusCode}: ${text.slice(0, 300)}`));
          }
        });
      },
    );
    req.on('error', reject);
    req.write(head);
    const stream = fs.createReadStream(file);
    stream.on('error', reject);
    stream.on('end', () => req.end(tail));
    stream.pipe(req, { end: false });
  });
}

interface ProbeEntry {
  start: number;
  ms: number;
  pid: number | null;
  sql: string;
  bytes: number;
  rows: number | null;
  error: string | null;
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

type StatementKind = 'check' | 'household' | 'person' | 'hamlets' | 'flush' | 'other';
function kindOf(sql: string): StatementKind {
  if (sql.startsWith('SELECT citizen_id FROM person WHERE citizen_id = ANY')) return 'check';
  if (sql.startsWith('INSERT INTO household')) return 'household';
  if (sql.startsWith('INSERT INTO person')) return 'person';
  if (sql.startsWith(`SELECT id, code FROM org_unit WHERE level = 'HAMLET'`)) return 'hamlets';
  if (sql.startsWith('SELECT gin_clean_pending_list')) return 'flush';
  return 'other';
}

interface Batch {
  rows: number;
  /** From this batch's duplicate check to the next one's (the last: to the end of its INSERT). */
  cycleMs: number;
  checkMs: number;
  householdMs: number;
  personMs: number;
  /** JSON payload of the two INSERTs, characters. */
  payloadChars: number;
  /** cycle − the three statements: reading and checking the next rows, JSON.stringify, awaits. */
  outsideSqlMs: number;
}

interface ImportRun {
  backend: 'postgres' | 'pglite';
  rows: number;
  wallMs: number;
  /** Upload start → 202. */
  acceptedMs: number;
  /** import_job.created_at → finished_at (PostgreSQL only). */
  serverMs: number | null;
  rssBeforeMb: number;
  peakRssMb: number;
  /** The kernel's peak over the import (VmHWM after a reset), null when it could not be reset. */
  hwmMb: number | null;
  rssAfterMb: number;
  apiCpuMs: number | null;
  /** CPU of the PostgreSQL backends the API used meanwhile (local server only). */
  postgresCpuMs: number | null;
  maxHeapUsedMb: number;
  maxExternalMb: number;
  sql: Record<StatementKind, { count: number; ms: number }>;
  /** The most frequent other statements during the import. */
  otherStatements: { sql: string; count: number; ms: number }[];
  /** Node printed TimeoutOverflowWarning during the import: a setTimeout over 24.8 days fired after 1 ms. */
  timerOverflow: boolean;
  /** This run clamped such timers (BENCH_CLAMP_TIMERS, diagnostic). */
  clampedTimers: boolean;
  /** WAL written and checkpoints completed on the server during the import (PostgreSQL only). */
  walMb: number | null;
  checkpoints: number | null;
  /** Upload start → the first duplicate check: upload, job row, hamlet map, first 2,000 rows. */
  beforeFirstBatchMs: number;
  /** End of the last INSERT → the poll that saw SUCCEEDED: commit, audit, job row, poll delay. */
  afterLastBatchMs: number;
  batches: Batch[];
  rssSamples: [number, number][];
  progress: [number, number][];
  /** Characters the API wrote to stderr during the import (warnings), and the start of its stderr. */
  stderrDuringImportChars: number;
  stderrHead: string;
}

function analyseProbe(entries: ProbeEntry[], t0: number, tDone: number) {
  const during = entries.filter((e) => e.start >= t0 && e.start <= tDone);
  const sql = { check: { count: 0, ms: 0 }, household: { count: 0, ms: 0 }, person: { count: 0, ms: 0 }, hamlets: { count: 0, ms: 0 }, flush: { count: 0, ms: 0 }, other: { count: 0, ms: 0 } };
  for (const e of during) {
    const k = kindOf(e.sql);
    sql[k].count++;
    sql[k].ms += e.ms;
  }
  const checks = during.filter((e) => kindOf(e.sql) === 'check');
  const batches: Batch[] = [];
  for (let i = 0; i < checks.length; i++) {
    const c = checks[i];
    const until = i + 1 < checks.length ? checks[i + 1].start : Infinity;
    const inBatch = during.filter((e) => e.start > c.start && e.start < until);
    const h = inBatch.find((e) => kindOf(e.sql) === 'household');
    const p = inBatch.find((e) => kindOf(e.sql) === 'person');
    const end = i + 1 < checks.length ? checks[i + 1].start : p ? p.start + p.ms : c.start + c.ms;
    const statements = c.ms + (h?.ms ?? 0) + (p?.ms ?? 0);
    batches.push({
      rows: p?.rows ?? 0,
      cycleMs: end - c.start,
      checkMs: c.ms,
      householdMs: h?.ms ?? 0,
      personMs: p?.ms ?? 0,
      payloadChars: p?.bytes ?? 0,
      outsideSqlMs: end - c.start - statements,
    });
  }
  const lastPerson = [...during].reverse().find((e) => kindOf(e.sql) === 'person');
  // What else the API ran meanwhile (the job row, sessions of the polls … or a loop).
  const others = new Map<string, { sql: string; count: number; ms: number }>();
  for (const e of during) {
    if (kindOf(e.sql) !== 'other') continue;
    const o = others.get(e.sql) ?? { sql: e.sql, count: 0, ms: 0 };
    o.count++;
    o.ms += e.ms;
    others.set(e.sql, o);
  }
  return {
    sql,
    otherStatements: [...others.values()].sort((a, b) => b.count - a.count).slice(0, 8),
    batches,
    beforeFirstBatchMs: checks.length ? checks[0].start - t0 : NaN,
    afterLastBatchMs: lastPerson ? tDone - (lastPerson.start + lastPerson.ms) : NaN,
    maxHeapUsedMb: mb(Math.max(0, ...during.map((e) => e.heapUsed))),
    maxExternalMb: mb(Math.max(0, ...during.map((e) => e.external))),
  };
}

/**
 * One import through the API in a child process: start it, log in, upload, poll to the end,
 * measuring time, memory and CPU; stop it.
 */
async function importThroughApi(
  ctx: BenchContext,
  backend: 'postgres' | 'pglite',
  env: Record<string, string>,
  csvFile: string,
  rows: number,
  work: string,
  database: { url: string; name: string } | null,
): Promise<ImportRun> {
  const probeFile = path.join(work, `probe-${randomBytes(4).toString('hex')}.jsonl`);
  const child = await startApiChild(env, probeFile);
  const api = connectBenchApi(child.port);
  const admin = database ? new pg.Client({ connectionString: database.url }) : null;
  let sampler: NodeJS.Timeout | undefined;
  try {
    const token = await api.login(ADMIN.username, ADMIN.password);
    await api.ok(`{ __typename }`, {}, token);
    await admin?.connect();
    // The PostgreSQL backends of the API before the import, with their CPU so far.
    const backendsBefore = new Map<number, number>();
    if (admin && database) {
      const { rows: pids } = await admin.query(`SELECT pid FROM pg_stat_activity WHERE datname = $1 AND application_name = 'bao-phu-api'`, [database.name]);
      for (const { pid } of pids as { pid: number }[]) {
        const cpu = cpuMs(pid);
        if (cpu !== null) backendsBefore.set(pid, cpu);
      }
    }
    await sleep(200);
    const before = memory(child.pid);
    if (!before) throw new Error(`cannot read /proc/${child.pid}/status: the RSS of the API cannot be measured on this system`);
    const stderrBefore = child.stderr().chars;
    const hwmReset = resetPeak(child.pid);
    const cpuBefore = cpuMs(child.pid);
    const rssSamples: [number, number][] = [];
    let peak = before.rss;
    const activity = admin ? await serverActivity(admin) : null;
    const t0 = clock();
    sampler = setInterval(() => {
      const m = memory(child.pid);
      if (!m) return;
      rssSamples.push([clock() - t0, m.rss]);
      peak = Math.max(peak, m.rss);
    }, SAMPLE_MS);

    const uploaded = await uploadCsv(child.port, token, csvFile);
    const acceptedMs = clock() - t0;
    if (uploaded.status !== 202) throw new Error(`upload answered ${uploaded.status}: ${JSON.stringify(uploaded.body)}`);
    const importId = uploaded.body.importId as string;
    const progress: [number, number][] = [];
    let job: { status: string; totalRows: number; acceptedRows: number; rejectedRows: number; importedRows: number; errors: { line: number; message: string }[] };
    let tDone: number;
    for (;;) {
      const { body } = await api.post(POLL_QUERY, { id: importId }, token);
      if (body.errors?.length || !body.data?.importJob) throw new Error(`importJob: ${JSON.stringify(body.errors)}`);
      job = body.data.importJob;
      progress.push([clock() - t0, job.acceptedRows]);
      if (job.status === 'SUCCEEDED' || job.status === 'FAILED') {
        tDone = clock();
        break;
      }
      if (clock() - t0 > 600_000) throw new Error(`import ${importId} still ${job.status} after 10 minutes`);
      await sleep(POLL_MS);
    }
    clearInterval(sampler);
    sampler = undefined;
    const wallMs = tDone - t0;
    const server = activity ? await activity() : null;
    const stderr = child.stderr();
    const stderrDuringImportChars = stderr.chars - stderrBefore;
    const after = memory(child.pid)!;
    peak = Math.max(peak, after.rss);
    const cpuAfter = cpuMs(child.pid);
    if (job.status !== 'SUCCEEDED' || job.importedRows !== rows) {
      throw new Error(`import ended ${job.status} with ${job.importedRows}/${rows} rows imported: ${JSON.stringify(job.errors.slice(0, 5))}`);
    }

    const entries: ProbeEntry[] = fs
      .readFileSync(probeFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as ProbeEntry);
    const probe = analyseProbe(entries, t0, tDone);
    let postgresCpuMs: number | null = null;
    let serverMs: number | null = null;
    if (admin) {
      const pids = new Set([...backendsBefore.keys(), ...entries.filter((e) => e.start >= t0 && e.pid !== null).map((e) => e.pid!)]);
      let total = 0;
      let readable = true;
      for (const pid of pids) {
        const now = cpuMs(pid);
        if (now === null) {
          // A backend gone (or a remote server): no figure rather than a wrong one.
          if (!backendsBefore.has(pid) || fs.existsSync(`/proc/${pid}`)) readable = false;
          continue;
        }
        total += now - (backendsBefore.get(pid) ?? 0);
      }
      postgresCpuMs = readable && pids.size ? total : null;
      const [timing] = (await admin.query(`SELECT extract(epoch FROM finished_at - created_at) * 1000 AS ms FROM import_job WHERE id = $1`, [importId])).rows;
      serverMs = Number(timing.ms);
    }
    return {
      backend,
      rows,
      wallMs,
      acceptedMs,
      serverMs,
      rssBeforeMb: before.rss,
      peakRssMb: peak,
      hwmMb: hwmReset ? after.hwm : null,
      rssAfterMb: after.rss,
      apiCpuMs: cpuBefore !== null && cpuAfter !== null ? cpuAfter - cpuBefore : null,
      postgresCpuMs,
      maxHeapUsedMb: probe.maxHeapUsedMb,
      maxExternalMb: probe.maxExternalMb,
      sql: probe.sql,
      otherStatements: probe.otherStatements.map((o) => ({ ...o, ms: Math.round(o.ms) })),
      timerOverflow: stderr.head.includes('TimeoutOverflowWarning') && stderrDuringImportChars > 0,
      clampedTimers: !!env.BENCH_CLAMP_TIMERS,
      walMb: server?.walMb ?? null,
      checkpoints: server?.checkpoints ?? null,
      beforeFirstBatchMs: probe.beforeFirstBatchMs,
      afterLastBatchMs: probe.afterLastBatchMs,
      batches: probe.batches,
      rssSamples: rssSamples.map(([t, v]) => [Math.round(t), Math.round(v * 10) / 10]),
      progress: progress.map(([t, v]) => [Math.round(t), v]),
      stderrDuringImportChars,
      stderrHead: stderr.head.slice(0, 1_000),
    };
  } finally {
    if (sampler) clearInterval(sampler);
    await api.close();
    await admin?.end().catch(() => {});
    await child.stop();
  }
}

// ── psql \copy ───────────────────────────────────────────────────────────────────────────────────

function psqlVersion(): string | null {
  const r = spawnSync('psql', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** `psql -c "\copy person (…) FROM file"`, timed from the start of psql to its exit. */
async function psqlCopy(url: string, file: string): Promise<number> {
  const started = clock();
  const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    const child = spawn(
      'psql',
      ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', `\\copy person (${COPY_COLUMNS.join(', ')}) FROM '${file}' WITH (FORMAT csv)`],
      { env: { ...process.env, PGCLIENTENCODING: 'UTF8' }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('exit', (c) => resolve({ code: c, stderr }));
  });
  const ms = clock() - started;
  if (code !== 0) throw new Error(`psql \\copy failed (${code}): ${stderr}`);
  return ms;
}

async function withClient<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Flushes dirty buffers so that a load does not pay for the previous one's (needs a superuser). */
async function checkpoint(url: string): Promise<boolean> {
  return withClient(url, (c) => c.query('CHECKPOINT')).then(
    () => true,
    () => false,
  );
}

/**
 * WAL written and checkpoints completed on the whole server while `work` runs (pg_current_wal_lsn,
 * pg_stat_bgwriter): the load's own WAL when nothing else writes, and whether a checkpoint fell in
 * it (after one, each page first touched again goes to the WAL whole: full_page_writes).
 */
async function serverActivity(c: pg.Client): Promise<() => Promise<{ walMb: number; checkpoints: number }>> {
  const read = async () =>
    (await c.query(`SELECT pg_current_wal_lsn()::text AS lsn, (SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter)::int AS checkpoints`)).rows[0] as {
      lsn: string;
      checkpoints: number;
    };
  const before = await read();
  return async () => {
    const after = await read();
    const [{ bytes }] = (await c.query(`SELECT pg_wal_lsn_diff($1::pg_lsn, $2::pg_lsn)::float8 AS bytes`, [after.lsn, before.lsn])).rows;
    return { walMb: mb(Number(bytes)), checkpoints: after.checkpoints - before.checkpoints };
  };
}

async function withServerActivity<T>(url: string, work: () => Promise<T>): Promise<{ result: T; walMb: number; checkpoints: number }> {
  return withClient(url, async (c) => {
    const done = await serverActivity(c);
    const result = await work();
    return { result, ...(await done()) };
  });
}

/** Row count and a digest of the columns both loads write, to show they stored the same rows. */
async function personDigest(url: string): Promise<{ rows: number; digest: string; households: number }> {
  return withClient(url, async (c) => {
    const [r] = (
      await c.query(
        `SELECT count(*)::int AS rows,
                md5(string_agg(concat_ws('|', citizen_id, full_name, search_key, sex, date_of_birth, phone, hamlet_id, support_category, version), ',' ORDER BY citizen_id)) AS digest,
                (SELECT count(*)::int FROM household) AS households
           FROM person`,
      )
    ).rows;
    return r;
  });
}

// ── Preparing a database ─────────────────────────────────────────────────────────────────────────

/** Migrations, reference units, the administrator (prepareDatabase, as the API's first start) and the hamlets. */
async function prepare(databaseUrl: string | null, dataDir: string | null): Promise<{ hamletIds: Map<string, number>; ms: number }> {
  const started = clock();
  const db = await openDatabase(databaseUrl, dataDir);
  try {
    await prepareDatabase(db.ds, { seed: 'none', referenceUnits: 'all', adminUsername: ADMIN.username, adminPassword: ADMIN.password }, createLogger('silent'));
    await addSyntheticHamlets(db.ds, HAMLETS);
    const rows: { id: number; code: string }[] = await db.ds.query(`SELECT id, code FROM org_unit WHERE level = 'HAMLET' AND valid_to IS NULL ORDER BY code`);
    return { hamletIds: new Map(rows.map((r) => [r.code, r.id])), ms: clock() - started };
  } finally {
    await db.close();
  }
}

// ── The API's SQL alone ──────────────────────────────────────────────────────────────────────────

const TRGM_INDEX = 'ix_person_search_key_trgm';

/** Whether the person trigram index takes new entries in GIN's pending list (fastupdate, on unless set off). */
async function fastupdateOf(url: string): Promise<boolean> {
  return withClient(url, async (c) => {
    const { rows } = await c.query(`SELECT coalesce(array_to_string(reloptions, ','), '') AS options FROM pg_class WHERE relname = $1`, [TRGM_INDEX]);
    if (!rows.length) throw new Error(`no index ${TRGM_INDEX}`);
    return !/fastupdate=(off|false)/i.test(rows[0].options as string);
  });
}

/**
 * The statements of the import without the API process, CSV or HTTP: the API's own
 * existingCitizenIds and insertPersons, per 2,000-row batch, in one transaction, from this process
 * over a connection opened as the API opens it; the person trigram index set (outside the timing)
 * to `fastupdate = off` (each row's trigrams go into the index tree at once) or `on` (they go to
 * GIN's pending list, merged by gin_clean_pending_list before the commit).
 */
async function sqlAlone(url: string, persons: Person[], hamletIds: Map<string, number>, fastupdate: boolean) {
  const rows: PersonRow[] = persons.map((p) => ({
    citizenId: p.citizenId,
    fullName: p.fullName,
    searchKey: foldVietnamese(p.fullName),
    dateOfBirth: p.dateOfBirth,
    sex: p.sex,
    hamletId: hamletIds.get(p.hamletCode)!,
    phone: p.phone,
    householdCode: p.householdCode,
    supportCategory: p.supportCategory,
  }));
  const db = await openDatabase(url, null);
  try {
    const [{ id: adminId }] = await db.ds.query(`SELECT id FROM app_user ORDER BY id LIMIT 1`);
    await db.ds.query(`ALTER INDEX ${TRGM_INDEX} SET (fastupdate = ${fastupdate ? 'on' : 'off'})`);
    await db.ds.query('CHECKPOINT').catch(() => {});
    let insertMs = 0;
    let cleanMs = 0;
    const server = new pg.Client({ connectionString: url });
    await server.connect();
    const activity = await serverActivity(server);
    const started = clock();
    await db.ds.transaction(async (em) => {
      for (let i = 0; i < rows.length; i += 2_000) {
        const batch = rows.slice(i, i + 2_000);
        await existingCitizenIds(em, batch.map((r) => r.citizenId));
        const t = clock();
        await insertPersons(em, batch, adminId);
        insertMs += clock() - t;
      }
      if (fastupdate) {
        const t = clock();
        await em.query(`SELECT gin_clean_pending_list('${TRGM_INDEX}')`);
        cleanMs = clock() - t;
      }
    });
    const ms = clock() - started;
    const { walMb, checkpoints } = await activity();
    await server.end();
    const [{ n }] = await db.ds.query(`SELECT count(*)::int AS n FROM person`);
    if (n !== rows.length) throw new Error(`SQL alone (fastupdate ${fastupdate}) stored ${n} persons, expected ${rows.length}`);
    return { ms, insertMs, cleanMs, walMb, checkpoints };
  } finally {
    await db.close();
  }
}

// ── The JavaScript side alone ────────────────────────────────────────────────────────────────────

/**
 * The JavaScript work of the import loop (ImportService.importPersons) without a database, on the
 * same file, as three separate measurements (best of three each, after a warm-up):
 *  - readCsv alone (fs stream → strict UTF-8 decoding → csv-parse), the records counted;
 *  - on the records read beforehand: the row object, checkPersonRow and the repeat check;
 *  - on the rows checked beforehand: JSON.stringify of each 2,000-row batch (insertPersons' payload).
 */
async function javascriptSide(file: string, hamletIds: Map<string, number>) {
  const today = todayInVietnam();
  const best = async (work: () => Promise<unknown> | unknown) => {
    await work();
    let min = Infinity;
    for (let i = 0; i < 3; i++) {
      const started = clock();
      await work();
      min = Math.min(min, clock() - started);
    }
    return min;
  };
  let header: string[] = [];
  const records: { line: number; values: string[] }[] = [];
  for await (const item of readCsv(file, MAX_ROWS)) {
    if ('header' in item) header = item.header.map((h) => h.trim());
    else records.push(item);
  }
  const index = PERSON_COLUMNS.map((c) => header.indexOf(c));
  const checked: PersonRow[] = [];
  const check = () => {
    checked.length = 0;
    const seen = new Set<string>();
    for (const item of records) {
      const values = Object.fromEntries(PERSON_COLUMNS.map((c, i) => [c, item.values[index[i]] ?? '']));
      const result = checkPersonRow(values, hamletIds, today);
      if (!result.ok) throw new Error(`line ${item.line} refused: ${result.message.en}`);
      if (seen.has(result.row.citizenId)) throw new Error(`line ${item.line}: repeated citizen ID`);
      seen.add(result.row.citizenId);
      checked.push(result.row);
    }
  };
  let payloadChars = 0;
  const payloads = () => {
    payloadChars = 0;
    for (let i = 0; i < checked.length; i += 2_000) payloadChars += JSON.stringify(checked.slice(i, i + 2_000)).length;
  };
  const readMs = await best(async () => {
    let n = 0;
    for await (const item of readCsv(file, MAX_ROWS)) if (!('header' in item)) n++;
    if (n !== records.length) throw new Error(`readCsv gave ${n} rows, then ${records.length}`);
  });
  const checkMs = await best(check);
  const payloadMs = await best(payloads);
  return { rows: records.length, readMs, checkMs, payloadMs, totalMs: readMs + checkMs + payloadMs, payloadChars };
}

// ── The run ──────────────────────────────────────────────────────────────────────────────────────

interface Shared {
  work: string;
  rows: number;
  apiCsv: string;
  persons: Person[] | null;
  households: number;
  hamletIds: Map<string, number> | null;
}

function ensureFile(ctx: BenchContext, shared: Shared, hamletIds: Map<string, number>) {
  if (shared.persons) return shared.persons;
  const started = clock();
  const { persons, households } = generatePersons(shared.rows, [...hamletIds.keys()]);
  writeApiCsv(shared.apiCsv, persons);
  shared.persons = persons;
  shared.households = households;
  shared.hamletIds = hamletIds;
  const inHouseholds = persons.filter((p) => p.householdCode).length;
  ctx.log(
    `  file: ${persons.length.toLocaleString('en-US')} rows, ${(fs.statSync(shared.apiCsv).size / 2 ** 20).toFixed(1)} MB, ` +
      `${((100 * inHouseholds) / persons.length).toFixed(0)} % in ${households.toLocaleString('en-US')} households, ` +
      `${((100 * persons.filter((p) => p.phone).length) / persons.length).toFixed(0)} % with a phone (made in ${fmtMs(clock() - started)} ms)`,
  );
  return persons;
}

function logRun(ctx: BenchContext, label: string, r: ImportRun) {
  const mid = r.batches.length ? median(r.batches.map((b) => b.cycleMs)) : NaN;
  ctx.log(
    `  ${label}: ${fmtMs(r.wallMs)} ms (${perSecond(r.rows, r.wallMs)} rows/s; 202 after ${fmtMs(r.acceptedMs)} ms` +
      (r.serverMs !== null ? `, job ${fmtMs(r.serverMs)} ms` : '') +
      `), RSS ${r.rssBeforeMb.toFixed(0)} → peak ${r.peakRssMb.toFixed(0)} MB` +
      (r.hwmMb !== null ? ` (VmHWM ${r.hwmMb.toFixed(0)})` : '') +
      `, API CPU ${r.apiCpuMs !== null ? fmtMs(r.apiCpuMs) : '–'} ms` +
      (r.postgresCpuMs !== null ? `, PostgreSQL CPU ${fmtMs(r.postgresCpuMs)} ms` : '') +
      (r.walMb !== null ? `, WAL ${r.walMb.toFixed(0)} MB, ${r.checkpoints} checkpoint(s)` : '') +
      `; ${r.batches.length} batches, median ${fmtMs(mid)} ms each`,
  );
  const busy = r.otherStatements.filter((o) => o.count >= 100);
  if (busy.length) {
    ctx.log(`  besides the import the API ran ${busy.map((o) => `${o.count.toLocaleString('en-US')} × "${o.sql.slice(0, 70)}" (${fmtMs(o.ms)} ms)`).join(', ')}`);
  }
  if (r.stderrDuringImportChars) {
    ctx.log(`  the API wrote ${r.stderrDuringImportChars.toLocaleString('en-US')} characters to stderr during the import, starting: ${JSON.stringify(r.stderrHead.slice(0, 300))}`);
  }
}

/** The prepared database every PostgreSQL run clones (CREATE DATABASE … TEMPLATE): a fresh copy each time. */
interface Template {
  db: BenchDatabase;
  hamletIds: Map<string, number>;
  prepareMs: number;
}

interface RunOptions {
  /** Also load the same rows with psql \copy into another clone. */
  psql: boolean;
  /** Run 1 only: psql \copy without the trigram index, and the API's SQL alone (two ways). */
  extras: boolean;
  /** Diagnostic: clamp setTimeout delays over 2^31−1 ms in the API (BENCH_CLAMP_TIMERS). */
  clampTimers: boolean;
  /** What if: the person trigram index set to this fastupdate in the clone before the API starts (null: as migrated). */
  fastupdate: boolean | null;
  label: string;
}

async function postgresRun(ctx: BenchContext, shared: Shared, template: Template, o: RunOptions) {
  const persons = shared.persons!;
  const clones: BenchDatabase[] = [];
  const clone = async (label: string) => {
    const db = await createBenchDatabase(label, template.db.name);
    clones.push(db);
    return db;
  };
  try {
    const source = await clone('import');
    const copy = o.psql ? await clone('import_copy') : null;
    const bare = o.psql && o.extras ? await clone('import_bare') : null;
    const replay = o.extras ? { off: await clone('import_sql_off'), on: await clone('import_sql_on') } : null;
    const copyCsv = path.join(shared.work, 'copy.csv');
    if (o.psql && !fs.existsSync(copyCsv)) writeCopyCsv(copyCsv, persons, template.hamletIds);
    if (o.fastupdate !== null) await withClient(source.url, (c) => c.query(`ALTER INDEX ${TRGM_INDEX} SET (fastupdate = ${o.fastupdate ? 'on' : 'off'})`));
    const checkpointed = await checkpoint(source.url);

    const env: Record<string, string> = { DATABASE_URL: source.url, ...(o.clampTimers ? { BENCH_CLAMP_TIMERS: '1' } : {}) };
    const api = await importThroughApi(ctx, 'postgres', env, shared.apiCsv, shared.rows, shared.work, { url: source.url, name: source.name });
    logRun(ctx, `${o.label}, API`, api);
    const stored = await personDigest(source.url);
    if (stored.rows !== shared.rows) throw new Error(`the API stored ${stored.rows} persons, expected ${shared.rows}`);
    if (stored.households !== shared.households) throw new Error(`the API stored ${stored.households} households, expected ${shared.households}`);

    let psqlMs: number | null = null;
    let psqlServer: { walMb: number; checkpoints: number } | null = null;
    let bareMs: number | null = null;
    let bareServer: { walMb: number; checkpoints: number } | null = null;
    if (copy) {
      await checkpoint(copy.url);
      const loaded = await withServerActivity(copy.url, () => psqlCopy(copy.url, copyCsv));
      psqlMs = loaded.result;
      psqlServer = { walMb: loaded.walMb, checkpoints: loaded.checkpoints };
      const copied = await personDigest(copy.url);
      if (copied.rows !== stored.rows || copied.digest !== stored.digest) {
        throw new Error(`psql \\copy stored other rows than the API: ${JSON.stringify({ api: stored, psql: copied })}`);
      }
      ctx.log(
        `  ${o.label}, psql \\copy: ${fmtMs(psqlMs)} ms (${perSecond(shared.rows, psqlMs)} rows/s; WAL ${loaded.walMb.toFixed(0)} MB, ${loaded.checkpoints} checkpoint(s)), ` +
          `same rows as the API (digest ${copied.digest.slice(0, 8)}); API/psql ×${(api.wallMs / psqlMs).toFixed(1)}`,
      );
    }
    if (bare) {
      await withClient(bare.url, (c) => c.query(`DROP INDEX ${TRGM_INDEX}`));
      await checkpoint(bare.url);
      const loaded = await withServerActivity(bare.url, () => psqlCopy(bare.url, copyCsv));
      bareMs = loaded.result;
      bareServer = { walMb: loaded.walMb, checkpoints: loaded.checkpoints };
      ctx.log(`  psql \\copy into person without its trigram index: ${fmtMs(bareMs)} ms (WAL ${loaded.walMb.toFixed(0)} MB, ${loaded.checkpoints} checkpoint(s))`);
    }
    let sql: { off: Awaited<ReturnType<typeof sqlAlone>>; on: Awaited<ReturnType<typeof sqlAlone>> } | null = null;
    if (replay) {
      const off = await sqlAlone(replay.off.url, persons, template.hamletIds, false);
      const on = await sqlAlone(replay.on.url, persons, template.hamletIds, true);
      sql = { off, on };
      ctx.log(
        `  the API's SQL alone (existingCitizenIds + insertPersons, 2,000-row batches, one transaction), ${TRGM_INDEX} fastupdate = off: ${fmtMs(off.ms)} ms (INSERTs ${fmtMs(off.insertMs)}; WAL ${off.walMb.toFixed(0)} MB, ${off.checkpoints} checkpoint(s)); ` +
          `fastupdate = on and gin_clean_pending_list before the commit: ${fmtMs(on.ms)} ms (INSERTs ${fmtMs(on.insertMs)}, clean ${fmtMs(on.cleanMs)}; WAL ${on.walMb.toFixed(0)} MB, ${on.checkpoints} checkpoint(s))`,
      );
    }
    return { api, psqlMs, psqlServer, bareMs, bareServer, sql, checkpointed };
  } finally {
    for (const c of clones) await c.drop().catch(() => {});
  }
}

async function pgliteRun(ctx: BenchContext, shared: Shared) {
  const dataDir = fs.mkdtempSync(path.join(shared.work, 'pglite-'));
  try {
    const prepared = await prepare(null, dataDir);
    ensureFile(ctx, shared, prepared.hamletIds);
    const api = await importThroughApi(ctx, 'pglite', { DATA_DIR: dataDir }, shared.apiCsv, shared.rows, shared.work, null);
    logRun(ctx, 'PGlite, API', api);
    const db = await openDatabase(null, dataDir);
    try {
      const [{ n }] = await db.ds.query(`SELECT count(*)::int AS n FROM person`);
      if (n !== shared.rows) throw new Error(`the API stored ${n} persons on PGlite, expected ${shared.rows}`);
    } finally {
      await db.close();
    }
    return { api, prepareMs: prepared.ms };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Figures of the API's runs for the table: one row per measure, medians over the runs. */
function apiRows(ctx: BenchContext, runs: ImportRun[], label: string, budgets: boolean, psqlMedian: number | null) {
  const rowsLabel = runs[0].rows.toLocaleString('en-US');
  const benchmark = `import ${rowsLabel} persons`;
  const wall = summarize(runs.map((r) => r.wallMs));
  const m = (f: (r: ImportRun) => number | null) => {
    const v = runs.map(f).filter((x): x is number => x !== null && Number.isFinite(x));
    return v.length ? median(v) : NaN;
  };
  ctx.row({
    benchmark,
    case: 'API: upload → SUCCEEDED (wall)',
    backend: label,
    summary: wall,
    budgetMs: budgets ? WALL_BUDGET_MS : undefined,
    note:
      `${perSecond(runs[0].rows, wall.median)} rows/s; 202 after ${fmtMs(m((r) => r.acceptedMs))} ms` +
      (runs[0].serverMs !== null ? `; job ${fmtMs(m((r) => r.serverMs))} ms` : '') +
      `; CPU API ${fmtMs(m((r) => r.apiCpuMs))} ms` +
      (runs[0].postgresCpuMs !== null ? `, PostgreSQL ${fmtMs(m((r) => r.postgresCpuMs))} ms` : '') +
      (runs[0].walMb !== null ? `; WAL ${m((r) => r.walMb).toFixed(0)} MB, checkpoints ${runs.map((r) => r.checkpoints).join('/')}` : '') +
      (psqlMedian !== null ? `; ×${(wall.median / psqlMedian).toFixed(1)} psql \\copy` : ''),
  });
  ctx.row({
    benchmark,
    case: 'API: peak RSS (VmRSS every 100 ms)',
    backend: label,
    unit: 'MB',
    summary: summarize(runs.map((r) => r.peakRssMb)),
    budgetMs: budgets ? RSS_BUDGET_MB : undefined,
    note:
      `before the upload ${fmtMs(m((r) => r.rssBeforeMb))} MB` +
      (runs[0].hwmMb !== null ? `; VmHWM ${fmtMs(m((r) => r.hwmMb))} MB` : '') +
      `; JS heap used ≤ ${fmtMs(m((r) => r.maxHeapUsedMb))} MB` +
      (label === BACKEND_LABEL.pglite ? '; includes the database' : ''),
  });
  const part = (kind: StatementKind, what: string) =>
    ctx.row({
      benchmark,
      case: `API: ${what}`,
      backend: label,
      summary: summarize(runs.map((r) => r.sql[kind].ms)),
      note: `${runs[0].sql[kind].count} statements, sum per import`,
    });
  part('person', 'SQL INSERT INTO person');
  part('household', 'SQL INSERT INTO household');
  part('check', 'SQL SELECT existing citizen IDs');
  ctx.row({
    benchmark,
    case: 'API: outside these statements',
    backend: label,
    summary: summarize(runs.map((r) => r.wallMs - r.sql.person.ms - r.sql.household.ms - r.sql.check.ms)),
    note:
      `upload, CSV, checks, JSON, commit, polls; first batch after ${fmtMs(m((r) => r.beforeFirstBatchMs))} ms, SUCCEEDED seen ${fmtMs(m((r) => r.afterLastBatchMs))} ms after the last INSERT` +
      (runs[0].sql.flush.count ? ` (gin_clean_pending_list ${fmtMs(m((r) => r.sql.flush.ms))} ms)` : ''),
  });
}

function batchSummary(r: ImportRun) {
  const b = r.batches;
  const avg = (list: Batch[], f: (x: Batch) => number) => (list.length ? sum(list.map(f)) / list.length : NaN);
  const first = b.slice(0, 5);
  const last = b.slice(-5);
  return {
    batches: b.length,
    medianCycleMs: median(b.map((x) => x.cycleMs)),
    medianPersonInsertMs: median(b.map((x) => x.personMs)),
    medianHouseholdInsertMs: median(b.map((x) => x.householdMs)),
    medianCheckMs: median(b.map((x) => x.checkMs)),
    medianOutsideSqlMs: median(b.map((x) => x.outsideSqlMs)),
    first5PersonInsertMs: avg(first, (x) => x.personMs),
    last5PersonInsertMs: avg(last, (x) => x.personMs),
    first5CycleMs: avg(first, (x) => x.cycleMs),
    last5CycleMs: avg(last, (x) => x.cycleMs),
    medianPayloadChars: median(b.map((x) => x.payloadChars)),
  };
}

export const importBench: Benchmark = {
  name: 'import',
  description: 'CSV import of 100,000 persons through the API in a child process (time, peak RSS) beside psql \\copy',
  async run(ctx) {
    const { rows, postgresRuns } = sizes(ctx.options.quick);
    const build = ensureApiBuilt(ctx);
    ctx.log(`  API build: apps/api/dist of ${build.head}${build.dirty ? ' with uncommitted changes in apps/api or packages/domain' : ''}${build.built ? ' (built now)' : ''}`);
    ctx.detail('api', build);
    ctx.log(`  persons (and their households) only: enrollments are not part of this benchmark`);
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bao-phu-bench-import-'));
    const shared: Shared = { work, rows, apiCsv: path.join(work, 'persons.csv'), persons: null, households: 0, hamletIds: null };
    const budgets = rows === GOAL_ROWS;
    try {
      if (ctx.options.backends.includes('postgres')) {
        const version = psqlVersion();
        if (!version) ctx.log(`  warning: psql is not on PATH: the psql \\copy side is skipped`);
        ctx.log(`Import on PostgreSQL (${serverUrl.replace(/\/\/[^@/]*@/, '//…@')}), ${postgresRuns} run(s) on fresh databases…`);
        const tplDb = await createBenchDatabase('import_template');
        let template: Template;
        let migratedFastupdate = false;
        try {
          const prepared = await prepare(tplDb.url, null);
          template = { db: tplDb, hamletIds: prepared.hamletIds, prepareMs: prepared.ms };
          ctx.log(`  template database prepared in ${fmtMs(prepared.ms)} ms (migrations, reference units, ${HAMLETS.toLocaleString('en-US')} hamlets, the administrator); each run loads into clones of it`);
          ctx.detail('postgresTemplatePrepareMs', prepared.ms);
          migratedFastupdate = await fastupdateOf(tplDb.url);
          ctx.log(`  ${TRGM_INDEX} as migrated: fastupdate = ${migratedFastupdate ? 'on (new rows go to GIN\'s pending list)' : 'off'}`);
          ctx.detail('migratedFastupdate', migratedFastupdate);
          ensureFile(ctx, shared, prepared.hamletIds);
        } catch (err) {
          await tplDb.drop();
          throw err;
        }
        const results = [];
        let diagnostic: ImportRun | null = null;
        let whatIf: ImportRun | null = null;
        try {
          for (let run = 0; run < postgresRuns; run++) {
            results.push(await postgresRun(ctx, shared, template, { psql: !!version, extras: run === 0, clampTimers: false, fastupdate: null, label: `run ${run + 1}/${postgresRuns}` }));
          }
          // The API's own scheduler spinning (a setTimeout beyond 24.8 days fires after 1 ms, again
          // and again) competes with the import for CPU: one more run with such timers clamped.
          const overflow = results.some((r) => r.api.timerOverflow);
          if (overflow) {
            ctx.log(
              `  warning: the API printed TimeoutOverflowWarning during the import: a setTimeout over 2^31−1 ms fires after 1 ms, so a timer loop ran beside the import.` +
                ` One diagnostic run with such delays clamped to 2^31−1 ms (BENCH_CLAMP_TIMERS in the probe)…`,
            );
            diagnostic = (await postgresRun(ctx, shared, template, { psql: false, extras: false, clampTimers: true, fastupdate: null, label: 'diagnostic, timers clamped' })).api;
          }
          // What if the person trigram index had the other fastupdate setting than the migration gives it?
          whatIf = (
            await postgresRun(ctx, shared, template, {
              psql: false,
              extras: false,
              clampTimers: overflow,
              fastupdate: !migratedFastupdate,
              label: `what if, ${TRGM_INDEX} fastupdate = ${migratedFastupdate ? 'off' : 'on'}${overflow ? ', timers clamped' : ''}`,
            })
          ).api;
        } finally {
          await template.db.drop();
        }
        const api = results.map((r) => r.api);
        const psqlSamples = results.map((r) => r.psqlMs).filter((x): x is number => x !== null);
        const psqlMedian = psqlSamples.length ? median(psqlSamples) : null;
        apiRows(ctx, api, BACKEND_LABEL.postgres, budgets, psqlMedian);
        if (psqlMedian !== null) {
          ctx.row({
            benchmark: `import ${rows.toLocaleString('en-US')} persons`,
            case: 'psql \\copy of the same rows',
            backend: BACKEND_LABEL.postgres,
            summary: summarize(psqlSamples),
            note: `${perSecond(rows, psqlMedian)} rows/s; WAL ${median(results.map((r) => r.psqlServer!.walMb)).toFixed(0)} MB, checkpoints ${results.map((r) => r.psqlServer!.checkpoints).join('/')}; no households (household_id NULL)`,
          });
          const bare = results.map((r) => r.bareMs).filter((x): x is number => x !== null);
          if (bare.length) {
            ctx.row({
              benchmark: `import ${rows.toLocaleString('en-US')} persons`,
              case: 'psql \\copy, person without its trigram index',
              backend: BACKEND_LABEL.postgres,
              summary: summarize(bare),
              note: `${perSecond(rows, median(bare))} rows/s; WAL ${results[0].bareServer!.walMb.toFixed(0)} MB, checkpoints ${results[0].bareServer!.checkpoints}; the trigram index costs the difference`,
            });
          }
        }
        const benchmarkName = `import ${rows.toLocaleString('en-US')} persons`;
        const extraRun = (d: ImportRun, what: string) => {
          ctx.row({
            benchmark: benchmarkName,
            case: `API, ${what}: wall`,
            backend: BACKEND_LABEL.postgres,
            summary: summarize([d.wallMs]),
            note: `${perSecond(rows, d.wallMs)} rows/s; CPU API ${d.apiCpuMs !== null ? fmtMs(d.apiCpuMs) : '–'} ms, PostgreSQL ${d.postgresCpuMs !== null ? fmtMs(d.postgresCpuMs) : '–'} ms; INSERT person ${fmtMs(d.sql.person.ms)} ms; WAL ${d.walMb?.toFixed(0)} MB, checkpoints ${d.checkpoints}`,
          });
          ctx.row({ benchmark: benchmarkName, case: `API, ${what}: peak RSS`, backend: BACKEND_LABEL.postgres, unit: 'MB', summary: summarize([d.peakRssMb]), note: `before the upload ${fmtMs(d.rssBeforeMb)} MB` });
        };
        if (diagnostic) {
          extraRun(diagnostic, 'timers clamped (diagnostic)');
          ctx.detail('postgresTimersClamped', { ...diagnostic, batchSummary: batchSummary(diagnostic) });
        }
        if (whatIf) {
          extraRun(whatIf, `what if fastupdate = ${migratedFastupdate ? 'off' : 'on'}${whatIf.clampedTimers ? ' + timers clamped' : ''}`);
          ctx.detail('postgresWhatIfFastupdate', { fastupdate: !migratedFastupdate, ...whatIf, batchSummary: batchSummary(whatIf) });
        }
        const replays = results.map((r) => r.sql).filter((x) => x !== null);
        if (replays.length) {
          const benchmark = `import ${rows.toLocaleString('en-US')} persons`;
          const off = replays[0]!.off;
          const on = replays[0]!.on;
          const note = (r: typeof off) => `INSERTs ${fmtMs(r.insertMs)} ms; WAL ${r.walMb.toFixed(0)} MB, checkpoints ${r.checkpoints}`;
          ctx.row({ benchmark, case: "the API's SQL alone, fastupdate = off", backend: BACKEND_LABEL.postgres, summary: summarize([off.ms]), note: `existingCitizenIds + insertPersons from this process, one transaction; ${note(off)}` });
          ctx.row({
            benchmark,
            case: "the API's SQL alone, fastupdate = on",
            backend: BACKEND_LABEL.postgres,
            summary: summarize([on.ms]),
            note: `the same with GIN's pending list, gin_clean_pending_list ${fmtMs(on.cleanMs)} ms before the commit; ${note(on)}`,
          });
        }
        ctx.detail('postgres', {
          runs: results.map((r) => ({ ...r, api: { ...r.api, batchSummary: batchSummary(r.api) } })),
          psqlVersion: version,
          checkpointBeforeEachLoad: results.every((r) => r.checkpointed),
        });
        for (const [i, r] of api.entries()) {
          const s = batchSummary(r);
          ctx.log(
            `  run ${i + 1}: ${s.batches} batches; per batch (median): cycle ${fmtMs(s.medianCycleMs)} ms = INSERT person ${fmtMs(s.medianPersonInsertMs)} + household ${fmtMs(s.medianHouseholdInsertMs)} + check ${fmtMs(s.medianCheckMs)} + outside SQL ${fmtMs(s.medianOutsideSqlMs)}; ` +
              `INSERT person first 5 ${fmtMs(s.first5PersonInsertMs)} ms, last 5 ${fmtMs(s.last5PersonInsertMs)} ms; payload ${(s.medianPayloadChars / 1024).toFixed(0)} k chars`,
          );
        }
      }
      if (ctx.options.backends.includes('pglite')) {
        ctx.log(`Import on PGlite (DATA_DIR in a temporary folder), 1 run…`);
        const r = await pgliteRun(ctx, shared);
        apiRows(ctx, [r.api], 'PGlite (DATA_DIR)', false, null);
        const s = batchSummary(r.api);
        ctx.log(
          `  PGlite: ${s.batches} batches; per batch (median): cycle ${fmtMs(s.medianCycleMs)} ms = INSERT person ${fmtMs(s.medianPersonInsertMs)} + household ${fmtMs(s.medianHouseholdInsertMs)} + check ${fmtMs(s.medianCheckMs)} + outside SQL ${fmtMs(s.medianOutsideSqlMs)}; ` +
            `INSERT person first 5 ${fmtMs(s.first5PersonInsertMs)} ms, last 5 ${fmtMs(s.last5PersonInsertMs)} ms`,
        );
        ctx.detail('pglite', { ...r, api: { ...r.api, batchSummary: s } });
      }
      if (shared.persons && shared.hamletIds) {
        ctx.log(`The JavaScript side alone (readCsv, checkPersonRow, JSON payloads) in this process…`);
        const js = await javascriptSide(shared.apiCsv, shared.hamletIds);
        const benchmark = `import ${rows.toLocaleString('en-US')} persons`;
        const jsRow = (c: string, ms: number, note: string) => ctx.row({ benchmark, case: c, backend: 'Node, no database', summary: summarize([ms]), note: `${note}; best of 3` });
        jsRow('readCsv (csv-parse, strict UTF-8)', js.readMs, `${perSecond(js.rows, js.readMs)} rows/s`);
        jsRow('row object, checkPersonRow, repeat check', js.checkMs, `${perSecond(js.rows, js.checkMs)} rows/s`);
        jsRow('JSON.stringify of the 2,000-row payloads', js.payloadMs, `${(js.payloadChars / 2 ** 20).toFixed(1)} M chars in all`);
        ctx.detail('javascriptSide', js);
      }
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  },
};
