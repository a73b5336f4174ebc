import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import {
  addMonths,
  CITIZEN_ID_PROVINCES,
  daysInMonth,
  foldVietnamese,
  todayInVietnam,
  voluntarySiIncomeBounds,
  type PolicySet,
  type SupportCategory,
} from '@bao-phu/domain';
import { openDatabase } from '../../apps/api/src/db/open';
import { createLogger } from '../../apps/api/src/log';
import type { Actor } from '../../apps/api/src/modules/auth/actor';
import type { ContributionDueEntity } from '../../apps/api/src/modules/enrollment/enrollment.entity';
import { chargeDues } from '../../apps/api/src/modules/enrollment/enrollment.service';
import { readCsv } from '../../apps/api/src/modules/imports/csv';
import { MAX_ROWS } from '../../apps/api/src/modules/imports/import.service';
import { ENROLLMENT_COLUMNS, IMPORTER_FACTORIES } from '../../apps/api/src/modules/imports/importers';
import { loadPolicy } from '../../apps/api/src/modules/policy/policy.service';
import { checkPersonRow, existingCitizenIds, insertPersons, PERSON_COLUMNS, type PersonRow } from '../../apps/api/src/modules/imports/persons-import';
import { prepareDatabase } from '../../apps/api/src/seed/prepare';
import { connectBenchApi } from './lib/api';
import { BACKEND_LABEL } from './lib/backend';
import { addSyntheticHamlets } from './lib/hamlets';
import { createBenchDatabase, serverUrl, type BenchDatabase } from './lib/postgres';
import { fmtMs } from './lib/report';
import { median, summarize } from './lib/stats';
import type { BenchContext, Benchmark } from './lib/types';

/**
 * Importing persons and then their enrollments from CSV, end to end, against the goal "100,000
 * persons with enrollments from CSV on PostgreSQL in under 15 s with the API under 512 MB, side by
 * side with `psql \copy` of the same rows": two files, 100,000 persons (and the households they
 * name), then one voluntary social insurance enrollment for each of them (the API computes and
 * writes its contribution dues: 12 monthly, 4 quarterly, 2 half-yearly or 1 yearly).
 *
 * On PostgreSQL one database is prepared (migrations, reference units, 5,000 synthetic hamlets,
 * 20 collection organizations, an administrator: prepareDatabase as the API's first start) and
 * every load goes into a fresh clone of it (CREATE DATABASE … TEMPLATE), so that all start from
 * the same state. Per run:
 *  1. the built API (`node --enable-source-maps apps/api/dist/main.js`, as `pnpm start` serves it;
 *     rebuilt first when a source is newer) runs in a CHILD process with DATABASE_URL (or DATA_DIR
 *     for PGlite), SEED=none and ADMIN_*, so that its memory is its own: VmRSS sampled every 100 ms
 *     from /proc, and VmHWM (the kernel's peak, reset just before the first upload);
 *  2. the persons file goes up in one multipart POST /api/imports/persons; `importJob` is polled
 *     every 100 ms; the wall time runs from the first byte of the upload to the poll that says
 *     SUCCEEDED; at once the enrollments file goes up the same way to /api/imports/enrollments, in
 *     the same API process (its peak RSS is over both);
 *  3. the same rows, as the values the API writes, go into another clone with `psql \copy`, timed
 *     with the same clock from psql's start to its exit: person, then enrollment and
 *     contribution_due. The dues are computed in this process with the API's own chargeDues (the
 *     domain's paymentModeSchedule and voluntarySiPeriod) on the policy stored in the database;
 *     the tables of both loads are compared by digests, which also checks the API's dues.
 * A probe preloaded into the child (lib/import-probe.cjs) times each statement the API sends, which
 * splits the wall time into SQL and the rest, per 2,000-row batch. Around each load the server's
 * WAL position and checkpoint count are read. Run 1 also loads: with psql \copy into person without
 * its trigram index; the API's own SQL (existingCitizenIds, insertPersons) alone, with the trigram
 * index's fastupdate off and on. One more API run (persons only) has the other fastupdate than the
 * migration sets. The JavaScript side (reading the CSV, checking rows, computing dues, building the
 * JSON payloads) is timed in this process on the same files. PGlite: one run, for information.
 */

const ROOT = path.resolve(__dirname, '../..');
const API_DIR = path.join(ROOT, 'apps/api');
const MAIN_JS = path.join(API_DIR, 'dist/main.js');
const PROBE = path.join(__dirname, 'lib/import-probe.cjs');

const ADMIN = { username: 'bench.importer', password: 'bench-Password-3' };
const WALL_BUDGET_MS = 15_000;
/** An enrollments import slower than this in run 1: runs 2–3 (and PGlite) import the persons only, unless BENCH_IMPORT_ALL_RUNS=1. */
const ENROLLMENTS_FAR_OVER_MS = 4 * WALL_BUDGET_MS;
const RSS_BUDGET_MB = 512;
const GOAL_ROWS = 100_000;
const HAMLETS = 5_000;
/** Collection organizations in the prepared database (codes BUUDIEN-<province>, VIETTEL-<province>). */
const COLLECTION_ORGANIZATIONS = 20;
const SEED = 20_251_128;
/** Months in which the enrollments start (dues charged for the 12 months from there). */
const ENROLLMENT_FIRST_MONTH = '2025-07';
const ENROLLMENT_LAST_MONTH = '2026-11';
const POLL_MS = 100;
const SAMPLE_MS = 100;
/** The columns psql \copy fills: what the API's INSERT writes, less household_id and created_by. */
const COPY_COLUMNS = ['citizen_id', 'full_name', 'search_key', 'sex', 'date_of_birth', 'phone', 'hamlet_id', 'support_category', 'version'];
/** What the API's enrollment INSERT writes (created_at and end_date take their defaults). */
const ENROLLMENT_COPY_COLUMNS = ['id', 'person_id', 'scheme', 'status', 'start_date', 'declared_monthly_income', 'payment_mode', 'member_order', 'collection_organization_id', 'registered_by', 'version'];
/** What the API's contribution_due INSERT writes (id from the sequence, settled_on NULL). */
const DUE_COPY_COLUMNS = ['enrollment_id', 'period_start', 'period_end', 'due_date', 'months', 'gross', 'support', 'payable', 'paid', 'status'];
const POLL_QUERY = `query($id: ID!) { importJob(id: $id) { status totalRows acceptedRows rejectedRows importedRows errors { line message } } }`;

function sizes(quick: boolean) {
  return { rows: quick ? 20_000 : GOAL_ROWS, postgresRuns: quick ? 1 : 3 };
}

const clock = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (bytes: number) => bytes / 2 ** 20;
const perSecond = (rows: number, ms: number) => Math.round(rows / (ms / 1000)).toLocaleString('en-US');
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
 * hamlet (codes HO-<hamlet>-<n>), born 1950–2008 (so that every one is at least 15, the age the API
 * asks for voluntary social insurance, when enrolled in the second file), unique citizen IDs that
 * agree with the date of birth and sex
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
    const year = int(1950, 2008);
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

// ── The enrollments file ─────────────────────────────────────────────────────────────────────────

type EnrollmentMode = 'MONTHLY' | 'QUARTERLY' | 'SEMIANNUAL' | 'ANNUAL';

interface Enrollment {
  person: Person;
  startDate: string;
  income: number;
  mode: EnrollmentMode;
  orgCode: string | null;
  /** The row as written in the file. */
  cells: string[];
}

/**
 * The declared incomes a voluntary SI enrollment starting on `startDate` may have: within the floor
 * and the ceiling on that day (what the import checks) and on the first day of each of the 12
 * months its dues cover (what computing them checks: the floor rises to 2,200,000 in 2027).
 */
function incomeBounds(policy: PolicySet, startDate: string): { floor: number; ceiling: number } {
  let { floor, ceiling } = voluntarySiIncomeBounds(policy, startDate);
  for (let i = 0; i < 12; i++) {
    const b = voluntarySiIncomeBounds(policy, `${addMonths(startDate.slice(0, 7), i)}-01`);
    floor = Math.max(floor, b.floor);
    ceiling = Math.min(ceiling, b.ceiling);
  }
  return { floor, ceiling };
}

const pad2 = (n: number) => String(n).padStart(2, '0');
/** 2500000 → "2.500.000", as incomes are often written in Vietnam. */
const dotted = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/**
 * One VOLUNTARY_SI enrollment for each person, in the order of the persons file: a start date in
 * ENROLLMENT_FIRST_MONTH…ENROLLMENT_LAST_MONTH (70 % on the 1st), a declared income inside the
 * bounds (half at the floor, the others above it in steps of 100,000 đồng), payment modes MONTHLY
 * 40 %, QUARTERLY 25 %, SEMIANNUAL 15 %, ANNUAL 20 %, one of `orgCodes` for 75 % (else empty),
 * campaignCode empty; 15 % of the dates DD/MM/YYYY and 30 % of the incomes written with dots.
 * A generator of its own (seed + 1): the persons file stays the same whatever this one does.
 */
function generateEnrollments(persons: Person[], orgCodes: string[], policy: PolicySet): Enrollment[] {
  const rand = seeded(SEED + 1);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const months: string[] = [];
  for (let m = ENROLLMENT_FIRST_MONTH; m <= ENROLLMENT_LAST_MONTH; m = addMonths(m, 1)) months.push(m);
  const bounds = new Map<string, { floor: number; ceiling: number }>();
  return persons.map((person) => {
    const month = pick(months);
    const [year, monthNo] = month.split('-').map(Number);
    const day = rand() < 0.7 ? 1 : int(2, daysInMonth(year, monthNo));
    const startDate = `${month}-${pad2(day)}`;
    let b = bounds.get(startDate);
    if (!b) bounds.set(startDate, (b = incomeBounds(policy, startDate)));
    const income = rand() < 0.5 ? b.floor : Math.min(b.ceiling, b.floor + 100_000 * (1 + Math.floor(rand() * rand() * 100)));
    const r = rand();
    const mode: EnrollmentMode = r < 0.4 ? 'MONTHLY' : r < 0.65 ? 'QUARTERLY' : r < 0.8 ? 'SEMIANNUAL' : 'ANNUAL';
    const orgCode = rand() < 0.25 ? null : pick(orgCodes);
    const cells = [
      person.citizenId,
      'VOLUNTARY_SI',
      rand() < 0.15 ? `${pad2(day)}/${pad2(monthNo)}/${year}` : startDate,
      rand() < 0.3 ? dotted(income) : String(income),
      mode,
      orgCode ?? '',
      '',
    ];
    return { person, startDate, income, mode, orgCode, cells };
  });
}

function writeEnrollmentsCsv(file: string, enrollments: Enrollment[]) {
  const lines = [ENROLLMENT_COLUMNS.join(','), ...enrollments.map((e) => e.cells.join(','))];
  fs.writeFileSync(file, `\uFEFF${lines.join('\r\n')}\r\n`);
}

type Due = Required<Pick<ContributionDueEntity, 'enrollmentId' | 'periodStart' | 'periodEnd' | 'dueDate' | 'months' | 'gross' | 'support' | 'payable' | 'paid' | 'status'>>;

/**
 * The contribution dues the API writes for these enrollments, computed here with its own
 * chargeDues (12 months from the start month) on the policy stored in the database, each person's
 * support category and the province of the hamlet; enrollment i gets id i + 1 (as in the \copy
 * side's enrollment file). Written as the \copy file of contribution_due. Returns the row count,
 * the time spent in chargeDues itself (the JavaScript side of the import computes the same), and
 * the dues per 2,000-row batch (for the JSON payloads the import builds from them).
 */
function writeDuesCopyCsv(file: string, enrollments: Enrollment[], setup: Setup): { count: number; chargeMs: number; batches: Due[][] } {
  const fd = fs.openSync(file, 'w');
  let count = 0;
  let chargeMs = 0;
  const batches: Due[][] = [];
  try {
    let lines: string[] = [];
    enrollments.forEach((e, i) => {
      const started = clock();
      const dues = chargeDues(
        setup.policy,
        { id: i + 1, scheme: 'VOLUNTARY_SI', paymentMode: e.mode, declaredMonthlyIncome: e.income, memberOrder: null },
        e.person.supportCategory,
        setup.provinceOf.get(e.person.hamletCode) ?? null,
        e.startDate.slice(0, 7),
        12,
      ) as Due[];
      chargeMs += clock() - started;
      if (i % 2_000 === 0) batches.push([]);
      batches[batches.length - 1].push(...dues);
      for (const d of dues) lines.push([d.enrollmentId, d.periodStart, d.periodEnd, d.dueDate, d.months, d.gross, d.support, d.payable, d.paid, d.status].join(','));
      count += dues.length;
      if (lines.length >= 50_000) {
        fs.writeSync(fd, `${lines.join('\n')}\n`);
        lines = [];
      }
    });
    if (lines.length) fs.writeSync(fd, `${lines.join('\n')}\n`);
  } finally {
    fs.closeSync(fd);
  }
  return { count, chargeMs, batches };
}

/** The enrollment rows as the API writes them (ENROLLMENT_COPY_COLUMNS), ids 1…n, with the person ids of the database they go to. */
function writeEnrollmentCopyCsv(file: string, enrollments: Enrollment[], personIds: Map<string, number>, setup: Setup) {
  const lines = enrollments.map((e, i) => {
    const personId = personIds.get(e.person.citizenId);
    if (personId === undefined) throw new Error(`person ${e.person.citizenId} is not in the database`);
    const orgId = e.orgCode === null ? null : setup.orgIds.get(e.orgCode)!;
    return [i + 1, personId, 'VOLUNTARY_SI', 'ACTIVE', e.startDate, e.income, e.mode, null, orgId, setup.adminId, 1].map(csvCell).join(',');
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
  /** SIGTERM (the API finishes what it runs, the catch-up too) or, `now`, SIGKILL. */
  stop(now?: boolean): Promise<void>;
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
    async stop(now = false) {
      if (exited) return;
      child.kill(now ? 'SIGKILL' : 'SIGTERM');
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

type ImportKind = 'persons' | 'enrollments';

/** Streams `file` as the `file` field of a multipart POST /api/imports/<kind>. */
function uploadCsv(port: number, token: string, kind: ImportKind, file: string): Promise<{ status: number; body: any }> {
  const boundary = `----bao-phu-bench-${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${kind}.csv"\r\nContent-Type: text/csv\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const size = fs.statSync(file).size;
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: `/api/imports/${kind}`,
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
  /** The first statement of each kind only: its whole SQL, and its parameters when small. */
  fullSql?: string;
  params?: unknown[] | null;
}

/** The first "resolve" statement of an enrollments import (SQL and parameters), for EXPLAIN ANALYZE. */
const capturedResolve = new WeakMap<ImportRun, { sql: string; params: unknown[] }>();

const STATEMENT_KINDS = ['check', 'household', 'person', 'hamlets', 'flush', 'resolve', 'ids', 'enrollment', 'due', 'ladder', 'other'] as const;
type StatementKind = (typeof STATEMENT_KINDS)[number];
/** What a statement of the import is, by the start of its SQL (as the probe records it: blanks collapsed). */
function kindOf(sql: string): StatementKind {
  if (sql.startsWith('SELECT citizen_id FROM person WHERE citizen_id = ANY')) return 'check';
  if (sql.startsWith('INSERT INTO household')) return 'household';
  if (sql.startsWith('INSERT INTO person')) return 'person';
  if (sql.startsWith(`SELECT id, code FROM org_unit WHERE level = 'HAMLET'`)) return 'hamlets';
  if (sql.startsWith('SELECT gin_clean_pending_list')) return 'flush';
  if (sql.startsWith('SELECT p.id, p.citizen_id')) return 'resolve';
  if (sql.startsWith(`SELECT nextval(pg_get_serial_sequence('enrollment'`)) return 'ids';
  if (sql.startsWith('INSERT INTO enrollment') || sql.startsWith('COPY enrollment')) return 'enrollment';
  if (sql.startsWith('INSERT INTO contribution_due') || sql.startsWith('COPY contribution_due')) return 'due';
  if (sql.startsWith('SELECT count(*)::int AS n FROM enrollment e JOIN person q')) return 'ladder';
  return 'other';
}

/**
 * The statements of one 2,000-row batch of each kind of import: the first one of a batch, those
 * that write (the last of them ends the batch's SQL), the one whose row count is the batch's rows,
 * and the parts shown in the table.
 */
const IMPORT_STATEMENTS: Record<ImportKind, { first: StatementKind; writes: StatementKind[]; rowsFrom: StatementKind; parts: [StatementKind, string][] }> = {
  persons: {
    first: 'check',
    writes: ['household', 'person'],
    rowsFrom: 'person',
    parts: [
      ['person', 'SQL INSERT INTO person'],
      ['household', 'SQL INSERT INTO household'],
      ['check', 'SQL SELECT existing citizen IDs'],
    ],
  },
  enrollments: {
    first: 'resolve',
    writes: ['ids', 'enrollment', 'due', 'ladder'],
    rowsFrom: 'enrollment',
    parts: [
      ['due', 'SQL COPY (PostgreSQL) / INSERT (PGlite) INTO contribution_due'],
      ['enrollment', 'SQL COPY (PostgreSQL) / INSERT (PGlite) INTO enrollment'],
      ['resolve', 'SQL SELECT the persons (id, category, province, active)'],
      ['ids', 'SQL SELECT nextval (enrollment ids)'],
    ],
  },
};

interface Batch {
  /** Rows written (the row count of the person / enrollment INSERT). */
  rows: number;
  /** From this batch's first statement to the next one's (the last: to the end of its last write). */
  cycleMs: number;
  /** Time per kind of statement in the batch (summed when there are several, e.g. the dues). */
  ms: Partial<Record<StatementKind, number>>;
  statements: number;
  /** contribution_due rows the batch wrote. */
  dueRows: number;
  /** Characters of the JSON payloads of the batch's writes. */
  payloadChars: number;
  /** cycle − the batch's statements: reading and checking the next rows, dues, JSON.stringify, awaits. */
  outsideSqlMs: number;
}

interface ImportRun {
  kind: ImportKind;
  backend: 'postgres' | 'pglite';
  rows: number;
  wallMs: number;
  /**
   * SUCCEEDED → the report rollups caught up with the import (its (hamlet, year) pairs refreshed
   * after the commit, in the background: `report_rollup_pending` empty again); PostgreSQL only.
   */
  catchUpMs: number | null;
  /** From the previous import's SUCCEEDED (in the same API process) to this upload's first byte. */
  gapMs: number | null;
  /** Upload start → 202. */
  acceptedMs: number;
  /** import_job.created_at → finished_at (PostgreSQL only). */
  serverMs: number | null;
  rssBeforeMb: number;
  /** The highest VmRSS sampled during this import. */
  peakRssMb: number;
  /** The kernel's peak (VmHWM) at the end of this import, since the reset before the first upload; null when it could not be reset. */
  hwmMb: number | null;
  rssAfterMb: number;
  apiCpuMs: number | null;
  /** CPU of the PostgreSQL backends the API used meanwhile (local server only). */
  postgresCpuMs: number | null;
  /** Backends the API used that closed before their CPU could be read (not in postgresCpuMs). */
  postgresCpuMissed: number;
  maxHeapUsedMb: number;
  maxExternalMb: number;
  sql: Record<StatementKind, { count: number; ms: number; rows: number }>;
  /** The most frequent other statements during the import. */
  otherStatements: { sql: string; count: number; ms: number }[];
  /** Node printed TimeoutOverflowWarning during the import: a setTimeout over 24.8 days fired after 1 ms. */
  timerOverflow: boolean;
  /** This run clamped such timers (BENCH_CLAMP_TIMERS, diagnostic). */
  clampedTimers: boolean;
  /** WAL written and checkpoints completed on the server during the import (PostgreSQL only). */
  walMb: number | null;
  checkpoints: number | null;
  /** Upload start → the first statement of the first batch: upload, job row, lookups, first 2,000 rows. */
  beforeFirstBatchMs: number;
  /** End of the last write → the poll that saw SUCCEEDED: flush, audit, commit, job row, poll delay. */
  afterLastBatchMs: number;
  batches: Batch[];
  rssSamples: [number, number][];
  progress: [number, number][];
  /** Characters the API wrote to stderr during the import (warnings), and the start of its stderr. */
  stderrDuringImportChars: number;
  stderrHead: string;
}

function analyseProbe(entries: ProbeEntry[], t0: number, tDone: number, kind: ImportKind) {
  const spec = IMPORT_STATEMENTS[kind];
  const during = entries.filter((e) => e.start >= t0 && e.start <= tDone);
  const sql = Object.fromEntries(STATEMENT_KINDS.map((k) => [k, { count: 0, ms: 0, rows: 0 }])) as Record<StatementKind, { count: number; ms: number; rows: number }>;
  for (const e of during) {
    const k = sql[kindOf(e.sql)];
    k.count++;
    k.ms += e.ms;
    k.rows += e.rows ?? 0;
  }
  const ofBatch = new Set<StatementKind>([spec.first, ...spec.writes]);
  const mine = during.filter((e) => ofBatch.has(kindOf(e.sql)));
  const firsts = mine.filter((e) => kindOf(e.sql) === spec.first);
  const batches: Batch[] = [];
  for (let i = 0; i < firsts.length; i++) {
    const c = firsts[i];
    const until = i + 1 < firsts.length ? firsts[i + 1].start : Infinity;
    const inBatch = mine.filter((e) => e.start >= c.start && e.start < until);
    const writes = inBatch.filter((e) => spec.writes.includes(kindOf(e.sql)));
    const lastWrite = writes[writes.length - 1];
    const end = i + 1 < firsts.length ? firsts[i + 1].start : lastWrite ? lastWrite.start + lastWrite.ms : c.start + c.ms;
    const ms: Partial<Record<StatementKind, number>> = {};
    for (const e of inBatch) ms[kindOf(e.sql)] = (ms[kindOf(e.sql)] ?? 0) + e.ms;
    const statementsMs = sum(inBatch.map((e) => e.ms));
    batches.push({
      rows: sum(inBatch.filter((e) => kindOf(e.sql) === spec.rowsFrom).map((e) => e.rows ?? 0)),
      cycleMs: end - c.start,
      ms,
      statements: inBatch.length,
      dueRows: sum(inBatch.filter((e) => kindOf(e.sql) === 'due').map((e) => e.rows ?? 0)),
      payloadChars: sum(writes.map((e) => e.bytes)),
      outsideSqlMs: end - c.start - statementsMs,
    });
  }
  const lastWrite = [...mine].reverse().find((e) => spec.writes.includes(kindOf(e.sql)));
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
    beforeFirstBatchMs: firsts.length ? firsts[0].start - t0 : NaN,
    afterLastBatchMs: lastWrite ? tDone - (lastWrite.start + lastWrite.ms) : NaN,
    maxHeapUsedMb: mb(Math.max(0, ...during.map((e) => e.heapUsed))),
    maxExternalMb: mb(Math.max(0, ...during.map((e) => e.external))),
  };
}

/** The PostgreSQL backends of the API on `database` now, with their CPU so far. */
async function apiBackends(admin: pg.Client, database: string): Promise<Map<number, number>> {
  const backends = new Map<number, number>();
  const { rows: pids } = await admin.query(`SELECT pid FROM pg_stat_activity WHERE datname = $1 AND application_name = 'bao-phu-api'`, [database]);
  for (const { pid } of pids as { pid: number }[]) {
    const cpu = cpuMs(pid);
    if (cpu !== null) backends.set(pid, cpu);
  }
  return backends;
}

interface ImportFile {
  kind: ImportKind;
  csv: string;
  rows: number;
}

/**
 * Imports through the API in a child process: start it, log in, then for each file in turn upload
 * it and poll to the end (the next upload starts as soon as SUCCEEDED is seen), measuring time,
 * memory and CPU of each; stop it. RSS is sampled over the whole sequence, VmHWM reset once before
 * the first upload.
 */
async function importThroughApi(
  ctx: BenchContext,
  backend: 'postgres' | 'pglite',
  env: Record<string, string>,
  files: ImportFile[],
  work: string,
  database: { url: string; name: string } | null,
  /** Wait for the reports' catch-up after each import and time it (the first run: the others skip it). */
  waitCatchUp = true,
): Promise<ImportRun[]> {
  const probeFile = path.join(work, `probe-${randomBytes(4).toString('hex')}.jsonl`);
  const child = await startApiChild(env, probeFile);
  const api = connectBenchApi(child.port);
  const admin = database ? new pg.Client({ connectionString: database.url }) : null;
  let sampler: NodeJS.Timeout | undefined;
  let tracker: NodeJS.Timeout | undefined;
  try {
    const token = await api.login(ADMIN.username, ADMIN.password);
    await api.ok(`{ __typename }`, {}, token);
    await admin?.connect();
    await sleep(200);
    if (!memory(child.pid)) throw new Error(`cannot read /proc/${child.pid}/status: the RSS of the API cannot be measured on this system`);
    const hwmReset = resetPeak(child.pid);
    const samples: [number, number][] = [];
    sampler = setInterval(() => {
      const m = memory(child.pid);
      if (m) samples.push([clock(), m.rss]);
    }, SAMPLE_MS);
    // The API's PostgreSQL backends and their CPU, every second: one that closes during a long
    // import (the pool drops idle connections) counts with its CPU when last seen.
    const lastCpu = new Map<number, number>();
    if (admin && database) {
      tracker = setInterval(() => {
        void apiBackends(admin, database.name)
          .then((seen) => seen.forEach((cpu, pid) => lastCpu.set(pid, cpu)))
          .catch(() => {});
      }, 1_000);
    }
    const runs: ImportRun[] = [];
    let previousDone: number | null = null;
    for (const file of files) {
      const backendsBefore = admin && database ? await apiBackends(admin, database.name) : new Map<number, number>();
      const before = memory(child.pid)!;
      const stderrBefore = child.stderr().chars;
      const cpuBefore = cpuMs(child.pid);
      const activity = admin ? await serverActivity(admin) : null;
      const t0 = clock();
      const uploaded = await uploadCsv(child.port, token, file.kind, file.csv);
      const acceptedMs = clock() - t0;
      if (uploaded.status !== 202) throw new Error(`upload of ${file.kind} answered ${uploaded.status}: ${JSON.stringify(uploaded.body)}`);
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
        if (clock() - t0 > 600_000) throw new Error(`${file.kind} import ${importId} still ${job.status} after 10 minutes`);
        await sleep(POLL_MS);
      }
      const wallMs = tDone - t0;
      // The reports catch up after the commit (the API refreshes the import's rollups in the
      // background): waited for here, so that the next import and the figures of this one do not
      // overlap it, and timed from SUCCEEDED.
      let catchUpMs: number | null = null;
      if (admin && waitCatchUp) {
        while (Number((await admin.query('SELECT count(*) AS n FROM report_rollup_pending')).rows[0].n) > 0) {
          if (clock() - tDone > 600_000) throw new Error(`the rollups of ${file.kind} import ${importId} did not catch up in 10 minutes`);
          await sleep(POLL_MS);
        }
        catchUpMs = clock() - tDone;
      }
      const server = activity ? await activity() : null;
      const stderr = child.stderr();
      const stderrDuringImportChars = stderr.chars - stderrBefore;
      const after = memory(child.pid)!;
      const cpuAfter = cpuMs(child.pid);
      if (job.status !== 'SUCCEEDED' || job.importedRows !== file.rows) {
        throw new Error(`${file.kind} import ended ${job.status} with ${job.importedRows}/${file.rows} rows imported: ${JSON.stringify(job.errors.slice(0, 5))}`);
      }
      const window = samples.filter(([t]) => t >= t0 && t <= tDone);
      const peak = Math.max(before.rss, after.rss, ...window.map(([, v]) => v));

      const entries: ProbeEntry[] = fs
        .readFileSync(probeFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as ProbeEntry);
      const probe = analyseProbe(entries, t0, tDone, file.kind);
      let postgresCpuMs: number | null = null;
      let postgresCpuMissed = 0;
      let serverMs: number | null = null;
      if (admin) {
        const pids = new Set([...backendsBefore.keys(), ...entries.filter((e) => e.start >= t0 && e.start <= tDone && e.pid !== null).map((e) => e.pid!)]);
        let total = 0;
        let seen = 0;
        for (const pid of pids) {
          const now = cpuMs(pid) ?? lastCpu.get(pid) ?? null;
          if (now === null) {
            // Open and closed between two looks (a short connection of the polls): not counted.
            postgresCpuMissed++;
            continue;
          }
          seen++;
          total += now - (backendsBefore.get(pid) ?? 0);
        }
        // None readable at all: a remote server, no figure rather than a wrong one.
        postgresCpuMs = seen ? total : null;
        const [timing] = (await admin.query(`SELECT extract(epoch FROM finished_at - created_at) * 1000 AS ms FROM import_job WHERE id = $1`, [importId])).rows;
        serverMs = Number(timing.ms);
      }
      runs.push({
        kind: file.kind,
        backend,
        rows: file.rows,
        wallMs,
        catchUpMs,
        gapMs: previousDone === null ? null : t0 - previousDone,
        acceptedMs,
        serverMs,
        rssBeforeMb: before.rss,
        peakRssMb: peak,
        hwmMb: hwmReset ? after.hwm : null,
        rssAfterMb: after.rss,
        apiCpuMs: cpuBefore !== null && cpuAfter !== null ? cpuAfter - cpuBefore : null,
        postgresCpuMs,
        postgresCpuMissed,
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
        rssSamples: window.map(([t, v]) => [Math.round(t - t0), Math.round(v * 10) / 10]),
        progress: progress.map(([t, v]) => [Math.round(t), v]),
        stderrDuringImportChars,
        stderrHead: stderr.head.slice(0, 1_000),
      });
      const resolve = entries.find((e) => e.start >= t0 && e.start <= tDone && kindOf(e.sql) === 'resolve' && e.fullSql && e.params);
      if (resolve) capturedResolve.set(runs[runs.length - 1], { sql: resolve.fullSql!, params: resolve.params! });
      previousDone = tDone + (catchUpMs ?? 0);
    }
    return runs;
  } finally {
    if (sampler) clearInterval(sampler);
    if (tracker) clearInterval(tracker);
    await api.close();
    await admin?.end().catch(() => {});
    // Not waiting for the catch-up: the database is dropped next, so the API need not finish it.
    await child.stop(!waitCatchUp);
  }
}

// ── psql \copy ───────────────────────────────────────────────────────────────────────────────────

function psqlVersion(): string | null {
  const r = spawnSync('psql', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** `psql -c "\copy <table> (…) FROM file"` (person by default), timed from the start of psql to its exit. */
/**
 * `psql \copy` of a CSV file into a table, timed from psql's start to its exit. With
 * `deferRollups` the session sets `baophu.rollup = 'deferred'` (PGOPTIONS), as the API's import
 * does: the report rollups are left for a catch-up after the commit (`catchUpRollups`), not paid in
 * the \copy's commit.
 */
async function psqlCopy(url: string, file: string, table = 'person', columns: string[] = COPY_COLUMNS, deferRollups = false): Promise<number> {
  const started = clock();
  const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    const child = spawn(
      'psql',
      ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', `\\copy ${table} (${columns.join(', ')}) FROM '${file}' WITH (FORMAT csv)`],
      {
        env: { ...process.env, PGCLIENTENCODING: 'UTF8', ...(deferRollups ? { PGOPTIONS: `${process.env.PGOPTIONS ?? ''} -c baophu.rollup=deferred`.trim() } : {}) },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
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

/**
 * Row counts and digests of the enrollments and their dues, keyed by citizen ID (the ids differ
 * between the two loads), to show that the API and psql \copy stored the same rows.
 */
async function enrollmentDigest(url: string): Promise<{ enrollments: number; dues: number; enrollmentDigest: string; dueDigest: string }> {
  return withClient(url, async (c) => {
    const [e] = (
      await c.query(
        `SELECT count(*)::int AS enrollments,
                md5(string_agg(concat_ws('|', p.citizen_id, e.scheme, e.status, e.start_date, e.end_date, e.declared_monthly_income, e.payment_mode,
                                         e.member_order, o.code, u.username, e.version), ',' ORDER BY p.citizen_id, e.scheme)) AS digest
           FROM enrollment e JOIN person p ON p.id = e.person_id
           LEFT JOIN collection_organization o ON o.id = e.collection_organization_id LEFT JOIN app_user u ON u.id = e.registered_by`,
      )
    ).rows;
    const [d] = (
      await c.query(
        `SELECT count(*)::int AS dues,
                md5(string_agg(concat_ws('|', p.citizen_id, e.scheme, d.period_start, d.period_end, d.due_date, d.months, d.gross, d.support, d.payable,
                                         d.paid, d.status, d.settled_on), ',' ORDER BY p.citizen_id, e.scheme, d.period_start)) AS digest
           FROM contribution_due d JOIN enrollment e ON e.id = d.enrollment_id JOIN person p ON p.id = e.person_id`,
      )
    ).rows;
    return { enrollments: e.enrollments, dues: d.dues, enrollmentDigest: e.digest, dueDigest: d.digest };
  });
}

/**
 * The person lookup of the enrollments import (its first statement, as the probe captured it with
 * its 2,000 citizen IDs) under EXPLAIN ANALYZE three ways: as the API sends it; with jit = off;
 * and with the province looked up by the ids in the hamlet's path instead of the correlated
 * `h.path LIKE pr.path || '%'` subquery, whose rows are checked equal to the original's.
 */
async function explainResolve(url: string, resolve: { sql: string; params: unknown[] }) {
  const rewrittenSql = resolve.sql.replace(
    /\(SELECT pr\.code FROM org_unit pr WHERE pr\.level = 'PROVINCE' AND h\.path LIKE pr\.path \|\| '%' LIMIT 1\)/,
    `(SELECT pr.code FROM org_unit pr WHERE pr.id = ANY(string_to_array(trim(BOTH '/' FROM h.path), '/')::int[]) AND pr.level = 'PROVINCE' LIMIT 1)`,
  );
  return withClient(url, async (c) => {
    const explain = async (sql: string) => {
      const { rows } = await c.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, resolve.params);
      // The array of 2,000 citizen IDs is shortened in the plan's filter lines.
      const plan = (rows as { 'QUERY PLAN': string }[]).map((r) => r['QUERY PLAN'].replace(/'\{[^}]{100,}\}'/g, (a) => `'{… ${a.split(',').length} values}'`));
      const number = (re: RegExp) => Number(plan.map((l) => re.exec(l)?.[1]).find((x) => x !== undefined) ?? 0);
      return { executionMs: number(/Execution Time: ([\d.]+) ms/), jitMs: number(/Timing: .*Total ([\d.]+) ms/), plan };
    };
    const asIs = await explain(resolve.sql);
    await c.query('SET jit = off');
    const jitOff = await explain(resolve.sql);
    await c.query('RESET jit');
    const rewritten = rewrittenSql === resolve.sql ? null : await explain(rewrittenSql);
    let same = false;
    if (rewritten) {
      const rowsOf = async (sql: string) => JSON.stringify((await c.query(`${sql} ORDER BY 1`, resolve.params)).rows);
      same = (await rowsOf(resolve.sql)) === (await rowsOf(rewrittenSql));
    }
    return {
      rows: (resolve.params[0] as unknown[]).length,
      asIs,
      jitOff: { executionMs: jitOff.executionMs },
      rewritten: rewritten ? { ...rewritten, same, sql: rewrittenSql } : { executionMs: NaN, jitMs: NaN, plan: [], same: false, sql: null },
    };
  });
}

// ── Preparing a database ─────────────────────────────────────────────────────────────────────────

/** What the benchmark needs to know of a prepared database to write its files. */
interface Setup {
  hamletIds: Map<string, number>;
  /** The code of the current province each hamlet is in (from the ids in its path). */
  provinceOf: Map<string, string | null>;
  /** The collection organizations by code. */
  orgIds: Map<string, number>;
  /** The contribution policy as stored (loadPolicy, as the API reads it). */
  policy: PolicySet;
  adminId: number;
  ms: number;
}

/**
 * Migrations, reference units, the administrator (prepareDatabase, as the API's first start), the
 * hamlets, and COLLECTION_ORGANIZATIONS collection organizations (Bưu điện and Viettel of the
 * first provinces by code: SEED=none creates none).
 */
async function prepare(databaseUrl: string | null, dataDir: string | null): Promise<Setup> {
  const started = clock();
  const db = await openDatabase(databaseUrl, dataDir);
  try {
    await prepareDatabase(db.ds, { seed: 'none', referenceUnits: 'all', adminUsername: ADMIN.username, adminPassword: ADMIN.password }, createLogger('silent'));
    await addSyntheticHamlets(db.ds, HAMLETS);
    await db.ds.query(
      `INSERT INTO collection_organization (code, name)
       SELECT k.prefix || '-' || p.code, k.label || ' ' || p.name
         FROM (SELECT code, name FROM org_unit WHERE level = 'PROVINCE' AND valid_to IS NULL ORDER BY code LIMIT $1) p
        CROSS JOIN (VALUES ('BUUDIEN', 'Bưu điện'), ('VIETTEL', 'Viettel')) AS k(prefix, label)`,
      [COLLECTION_ORGANIZATIONS / 2],
    );
    const hamlets: { id: number; code: string; province: string | null }[] = await db.ds.query(
      `SELECT h.id, h.code,
              (SELECT pr.code FROM org_unit pr WHERE pr.level = 'PROVINCE' AND pr.id = ANY(string_to_array(trim(BOTH '/' FROM h.path), '/')::int[])) AS province
         FROM org_unit h WHERE h.level = 'HAMLET' AND h.valid_to IS NULL ORDER BY h.code`,
    );
    const orgs: { id: number; code: string }[] = await db.ds.query(`SELECT id, code FROM collection_organization ORDER BY code`);
    const [{ id: adminId }] = await db.ds.query(`SELECT id FROM app_user WHERE username = $1`, [ADMIN.username]);
    return {
      hamletIds: new Map(hamlets.map((r) => [r.code, r.id])),
      provinceOf: new Map(hamlets.map((r) => [r.code, r.province])),
      orgIds: new Map(orgs.map((o) => [o.code, o.id])),
      policy: await loadPolicy(db.ds),
      adminId,
      ms: clock() - started,
    };
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
/** Best of three after a warm-up. */
async function best(work: () => Promise<unknown> | unknown): Promise<number> {
  await work();
  let min = Infinity;
  for (let i = 0; i < 3; i++) {
    const started = clock();
    await work();
    min = Math.min(min, clock() - started);
  }
  return min;
}

async function javascriptSide(file: string, hamletIds: Map<string, number>) {
  const today = todayInVietnam();
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

/**
 * The same for the enrollments file (the loop of ImportService with the enrollments importer),
 * without the API process: the importer itself is made by IMPORTER_FACTORIES.enrollments on the
 * prepared database (it reads the policy and the collection organizations there), then
 *  - readCsv alone;
 *  - the row object, the importer's check() (income bounds of the start date …) and the repeat check;
 *  - the dues of every row as its write() computes them (chargeDues, 12 months, with the category and
 *    province the database lookup would give): timed call by call when the \copy file of the dues
 *    was written (ensureFiles), and once more with a cache of the computed dues (not in the API);
 *  - JSON.stringify of write()'s payloads: the 2,000 enrollment rows, the dues in 5,000-row chunks.
 */
async function enrollmentJavascriptSide(file: string, databaseUrl: string | null, dataDir: string | null, shared: Shared, setup: Setup) {
  const byCitizenId = new Map(shared.persons!.map((p) => [p.citizenId, p]));
  let header: string[] = [];
  const records: { line: number; values: string[] }[] = [];
  for await (const item of readCsv(file, MAX_ROWS)) {
    if ('header' in item) header = item.header.map((h) => h.trim());
    else records.push(item);
  }
  const db = await openDatabase(databaseUrl, dataDir);
  try {
    const actor = { id: setup.adminId, role: 'ADMIN', scopePath: '/' } as Actor;
    const importer = await IMPORTER_FACTORIES.enrollments!(db.ds.manager, actor);
    const columns = importer.columns;
    const index = columns.map((c) => header.indexOf(c));
    type Row = { citizenId: string; scheme: 'VOLUNTARY_SI'; startDate: string; income: number; mode: EnrollmentMode; orgId: number | null };
    const checked: Row[] = [];
    const check = () => {
      checked.length = 0;
      const seen = new Set<string>();
      for (const item of records) {
        const values = Object.fromEntries(columns.map((c, i) => [c, item.values[index[i]] ?? '']));
        const result = importer.check(values);
        if (!result.ok) throw new Error(`enrollments line ${item.line} refused: ${result.message.en}`);
        const key = importer.key(result.row);
        if (seen.has(key)) throw new Error(`enrollments line ${item.line}: repeated`);
        seen.add(key);
        checked.push(result.row as Row);
      }
    };
    // The enrollment rows of each batch as write() sends them (with their id and what resolve() adds).
    const withIds = () =>
      checked.map((r, i) => {
        const person = byCitizenId.get(r.citizenId)!;
        return { ...r, campaignCode: null, id: i + 1, personId: i + 1, category: person.supportCategory, provinceCode: setup.provinceOf.get(person.hamletCode) ?? null, memberOrder: null, campaignId: null };
      });
    const dueRows = shared.dueRows;
    let payloadChars = 0;
    let rowsWithIds: object[] = [];
    const payloads = () => {
      payloadChars = 0;
      shared.dueBatches.forEach((dues, b) => {
        payloadChars += JSON.stringify(rowsWithIds.slice(b * 2_000, (b + 1) * 2_000)).length;
        for (let i = 0; i < dues.length; i += 5_000) payloadChars += JSON.stringify(dues.slice(i, i + 5_000)).length;
      });
    };
    const readMs = await best(async () => {
      let n = 0;
      for await (const item of readCsv(file, MAX_ROWS)) if (!('header' in item)) n++;
      if (n !== records.length) throw new Error(`readCsv gave ${n} rows, then ${records.length}`);
    });
    const checkMs = await best(check);
    // What a cache of the computed dues would save: the same charges for the same mode, start month,
    // income, category and province (half the incomes are at the floor), only the enrollment id differs.
    let cacheKeys = 0;
    const cachedDues = () => {
      const cache = new Map<string, Partial<ContributionDueEntity>[]>();
      let n = 0;
      checked.forEach((r, i) => {
        const person = byCitizenId.get(r.citizenId)!;
        const province = setup.provinceOf.get(person.hamletCode) ?? null;
        const key = `${r.mode}|${r.startDate.slice(0, 7)}|${r.income}|${person.supportCategory}|${province}`;
        let charged = cache.get(key);
        if (!charged) {
          charged = chargeDues(setup.policy, { id: 0, scheme: r.scheme, paymentMode: r.mode, declaredMonthlyIncome: r.income, memberOrder: null }, person.supportCategory, province, r.startDate.slice(0, 7), 12);
          cache.set(key, charged);
        }
        n += charged.map((d) => ({ ...d, enrollmentId: i + 1 })).length;
      });
      if (n !== dueRows) throw new Error(`the cached dues gave ${n} rows, chargeDues ${dueRows}`);
      cacheKeys = cache.size;
    };
    // Once, without a warm-up: it takes seconds, and 100,000 rows warm the JIT anyway.
    const started = clock();
    cachedDues();
    const cachedDuesMs = clock() - started;
    rowsWithIds = withIds();
    const payloadMs = await best(payloads);
    const duesMs = shared.chargeDuesMs;
    return { rows: records.length, dueRows, readMs, checkMs, duesMs, cachedDuesMs, cacheKeys, payloadMs, totalMs: readMs + checkMs + duesMs + payloadMs, payloadChars };
  } finally {
    await db.close();
  }
}

// ── The run ──────────────────────────────────────────────────────────────────────────────────────

interface Shared {
  work: string;
  rows: number;
  apiCsv: string;
  enrollmentsCsv: string;
  /** The \copy file of contribution_due (enrollment ids 1…n), written once with the files. */
  duesCopyCsv: string;
  persons: Person[] | null;
  households: number;
  enrollments: Enrollment[] | null;
  /** contribution_due rows of the enrollments, as chargeDues computes them in this process. */
  dueRows: number;
  /** Those rows per 2,000-row batch, and the time chargeDues took to compute them all. */
  dueBatches: Due[][];
  chargeDuesMs: number;
  hamletIds: Map<string, number> | null;
  /** The JavaScript side of the enrollments import, measured on the first database prepared. */
  enrollmentJs: Awaited<ReturnType<typeof enrollmentJavascriptSide>> | null;
  /** The PostgreSQL runs found the enrollments import far over budget: PGlite imports the persons only. */
  skipPgliteEnrollments: boolean;
}

/** Both files (and the dues \copy file), made once from the first database prepared. */
function ensureFiles(ctx: BenchContext, shared: Shared, setup: Setup) {
  if (shared.persons) return;
  let started = clock();
  const { persons, households } = generatePersons(shared.rows, [...setup.hamletIds.keys()]);
  writeApiCsv(shared.apiCsv, persons);
  shared.persons = persons;
  shared.households = households;
  shared.hamletIds = setup.hamletIds;
  const inHouseholds = persons.filter((p) => p.householdCode).length;
  ctx.log(
    `  persons file: ${persons.length.toLocaleString('en-US')} rows, ${(fs.statSync(shared.apiCsv).size / 2 ** 20).toFixed(1)} MB, ` +
      `${((100 * inHouseholds) / persons.length).toFixed(0)} % in ${households.toLocaleString('en-US')} households, ` +
      `${((100 * persons.filter((p) => p.phone).length) / persons.length).toFixed(0)} % with a phone (made in ${fmtMs(clock() - started)} ms)`,
  );
  started = clock();
  const enrollments = generateEnrollments(persons, [...setup.orgIds.keys()], setup.policy);
  writeEnrollmentsCsv(shared.enrollmentsCsv, enrollments);
  shared.enrollments = enrollments;
  const madeMs = clock() - started;
  started = clock();
  const dues = writeDuesCopyCsv(shared.duesCopyCsv, enrollments, setup);
  shared.dueRows = dues.count;
  shared.dueBatches = dues.batches;
  shared.chargeDuesMs = dues.chargeMs;
  const share = (f: (e: Enrollment) => boolean) => `${((100 * enrollments.filter(f).length) / enrollments.length).toFixed(0)} %`;
  ctx.log(
    `  enrollments file: ${enrollments.length.toLocaleString('en-US')} rows, ${(fs.statSync(shared.enrollmentsCsv).size / 2 ** 20).toFixed(1)} MB, VOLUNTARY_SI, ` +
      `MONTHLY ${share((e) => e.mode === 'MONTHLY')}, QUARTERLY ${share((e) => e.mode === 'QUARTERLY')}, SEMIANNUAL ${share((e) => e.mode === 'SEMIANNUAL')}, ANNUAL ${share((e) => e.mode === 'ANNUAL')}; ` +
      `a collection organization ${share((e) => e.orgCode !== null)}; income at the floor ${share((e) => e.income === incomeBounds(setup.policy, e.startDate).floor)} (made in ${fmtMs(madeMs)} ms); ` +
      `${shared.dueRows.toLocaleString('en-US')} contribution_due rows computed with the API's chargeDues for the \\copy side (chargeDues ${fmtMs(dues.chargeMs)} ms, with the file ${fmtMs(clock() - started)} ms)`,
  );
}

function logRun(ctx: BenchContext, label: string, r: ImportRun) {
  const mid = r.batches.length ? median(r.batches.map((b) => b.cycleMs)) : NaN;
  ctx.log(
    `  ${label}, ${r.kind}: ${fmtMs(r.wallMs)} ms (${perSecond(r.rows, r.wallMs)} rows/s; 202 after ${fmtMs(r.acceptedMs)} ms` +
      (r.serverMs !== null ? `, job ${fmtMs(r.serverMs)} ms` : '') +
      (r.gapMs !== null ? `, uploaded ${fmtMs(r.gapMs)} ms after the previous SUCCEEDED` : '') +
      `), RSS ${r.rssBeforeMb.toFixed(0)} → peak ${r.peakRssMb.toFixed(0)} MB` +
      (r.hwmMb !== null ? ` (VmHWM ${r.hwmMb.toFixed(0)})` : '') +
      `, API CPU ${r.apiCpuMs !== null ? fmtMs(r.apiCpuMs) : '–'} ms` +
      (r.postgresCpuMs !== null ? `, PostgreSQL CPU ${fmtMs(r.postgresCpuMs)} ms${r.postgresCpuMissed ? ` (+ ${r.postgresCpuMissed} short-lived backend(s) not read)` : ''}` : '') +
      (r.walMb !== null ? `, WAL ${r.walMb.toFixed(0)} MB, ${r.checkpoints} checkpoint(s)` : '') +
      `; ${r.batches.length} batches, median ${fmtMs(mid)} ms each` +
      (r.kind === 'enrollments' ? `; ${r.sql.due.rows.toLocaleString('en-US')} dues in ${r.sql.due.count} INSERTs` : ''),
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
  setup: Setup;
}

interface RunOptions {
  /** Also import the enrollments after the persons (same API process). */
  enrollments: boolean;
  /** With psql: also \copy the enrollments and their dues after the persons. */
  copyEnrollments: boolean;
  /** Also load the same rows with psql \copy into another clone. */
  psql: boolean;
  /** Run 1 only: psql \copy without the trigram index, and the API's SQL alone (two ways). */
  extras: boolean;
  /** Diagnostic: clamp setTimeout delays over 2^31−1 ms in the API (BENCH_CLAMP_TIMERS). */
  clampTimers: boolean;
  /** What if: the person trigram index set to this fastupdate in the clone before the API starts (null: as migrated). */
  fastupdate: boolean | null;
  /** Wait for and time the reports' catch-up after the imports and after the \copy (run 1 only: half a minute each). */
  catchUp?: boolean;
  label: string;
}

type ServerLoad = { walMb: number; checkpoints: number };

/** The files of a run: persons, then (when asked) the enrollments. */
function importFiles(shared: Shared, enrollments: boolean): ImportFile[] {
  return [{ kind: 'persons', csv: shared.apiCsv, rows: shared.rows }, ...(enrollments ? [{ kind: 'enrollments' as const, csv: shared.enrollmentsCsv, rows: shared.rows }] : [])];
}

async function checkEnrollmentsStored(shared: Shared, url: string, where: string) {
  const stored = await enrollmentDigest(url);
  if (stored.enrollments !== shared.rows) throw new Error(`${where} stored ${stored.enrollments} enrollments, expected ${shared.rows}`);
  if (stored.dues !== shared.dueRows) throw new Error(`${where} stored ${stored.dues} contribution dues, expected ${shared.dueRows} (as chargeDues computes them in the benchmark)`);
  return stored;
}

async function postgresRun(ctx: BenchContext, shared: Shared, template: Template, o: RunOptions) {
  const persons = shared.persons!;
  const setup = template.setup;
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
    if (o.psql && !fs.existsSync(copyCsv)) writeCopyCsv(copyCsv, persons, setup.hamletIds);
    if (o.fastupdate !== null) await withClient(source.url, (c) => c.query(`ALTER INDEX ${TRGM_INDEX} SET (fastupdate = ${o.fastupdate ? 'on' : 'off'})`));
    const checkpointed = await checkpoint(source.url);

    const env: Record<string, string> = { DATABASE_URL: source.url, ...(o.clampTimers ? { BENCH_CLAMP_TIMERS: '1' } : {}) };
    const [api, enrollApi = null] = await importThroughApi(ctx, 'postgres', env, importFiles(shared, o.enrollments), shared.work, { url: source.url, name: source.name }, o.catchUp);
    logRun(ctx, `${o.label}, API`, api);
    if (enrollApi) logRun(ctx, `${o.label}, API`, enrollApi);
    const stored = await personDigest(source.url);
    if (stored.rows !== shared.rows) throw new Error(`the API stored ${stored.rows} persons, expected ${shared.rows}`);
    if (stored.households !== shared.households) throw new Error(`the API stored ${stored.households} households, expected ${shared.households}`);
    const storedEnrollments = enrollApi ? await checkEnrollmentsStored(shared, source.url, 'the API') : null;

    let psqlMs: number | null = null;
    let psqlServer: ServerLoad | null = null;
    let psqlEnrollments: { enrollmentMs: number; dueMs: number; catchUpMs: number; ms: number; server: ServerLoad; prepareMs: number } | null = null;
    let bareMs: number | null = null;
    let bareServer: ServerLoad | null = null;
    let resolvePlan: Awaited<ReturnType<typeof explainResolve>> | null = null;
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
        `  ${o.label}, psql \\copy person: ${fmtMs(psqlMs)} ms (${perSecond(shared.rows, psqlMs)} rows/s; WAL ${loaded.walMb.toFixed(0)} MB, ${loaded.checkpoints} checkpoint(s)), ` +
          `same rows as the API (digest ${copied.digest.slice(0, 8)}); API/psql ×${(api.wallMs / psqlMs).toFixed(1)}`,
      );
      const resolve = enrollApi ? capturedResolve.get(enrollApi) : undefined;
      if (o.extras && resolve) {
        // The persons are in, the enrollments not yet: the state of the API's first batch.
        resolvePlan = await explainResolve(copy.url, resolve);
        const r = resolvePlan;
        ctx.log(
          `  EXPLAIN ANALYZE of the enrollments import's first person lookup (${r.rows.toLocaleString('en-US')} citizen IDs), on the \\copy clone before its enrollments: ` +
            `execution ${fmtMs(r.asIs.executionMs)} ms, of which JIT ${fmtMs(r.asIs.jitMs)} ms\n` +
            r.asIs.plan.map((l) => `      ${l}`).join('\n') +
            `\n  the same statement with jit = off: ${fmtMs(r.jitOff.executionMs)} ms; ` +
            (r.rewritten.sql === null
              ? `the province subquery was not found in the API's SQL (changed?): no rewritten variant`
              : `with the province taken from the ids in the hamlet's path (primary key) instead of the correlated LIKE subquery: ${fmtMs(r.rewritten.executionMs)} ms (JIT ${fmtMs(r.rewritten.jitMs)} ms), ` +
                `${r.rewritten.same ? 'the same rows' : 'OTHER ROWS (see the JSON)'}`),
        );
      }
      if (o.copyEnrollments) {
        // Not timed: the person ids this load gave, into the enrollment rows (the dues file is made once).
        const started = clock();
        const personIds = await withClient(copy.url, async (c) => {
          const { rows: ids } = await c.query(`SELECT id, citizen_id FROM person`);
          return new Map((ids as { id: number; citizen_id: string }[]).map((r) => [r.citizen_id, r.id]));
        });
        const enrollmentCsv = path.join(shared.work, 'enrollment-copy.csv');
        writeEnrollmentCopyCsv(enrollmentCsv, shared.enrollments!, personIds, setup);
        const prepareMs = clock() - started;
        const timed = await withServerActivity(copy.url, async () => {
          const enrollmentMs = await psqlCopy(copy.url, enrollmentCsv, 'enrollment', ENROLLMENT_COPY_COLUMNS, true);
          const dueMs = await psqlCopy(copy.url, shared.duesCopyCsv, 'contribution_due', DUE_COPY_COLUMNS, true);
          return { enrollmentMs, dueMs };
        });
        // The rollups the two \copy left, caught up as the API catches up an import's (same function, same steps).
        const catchUpStarted = clock();
        if (o.catchUp && o.extras) {
          await withClient(copy.url, async (c) => {
            while (Number((await c.query('SELECT rollup_catch_up(250) AS n')).rows[0].n) > 0);
          });
        }
        const catchUpMs = o.catchUp && o.extras ? clock() - catchUpStarted : NaN;
        psqlEnrollments = { ...timed.result, catchUpMs, ms: timed.result.enrollmentMs + timed.result.dueMs, server: { walMb: timed.walMb, checkpoints: timed.checkpoints }, prepareMs };
        const copied2 = await checkEnrollmentsStored(shared, copy.url, 'psql \\copy');
        if (storedEnrollments && (copied2.enrollmentDigest !== storedEnrollments.enrollmentDigest || copied2.dueDigest !== storedEnrollments.dueDigest)) {
          throw new Error(`psql \\copy stored other enrollments or dues than the API: ${JSON.stringify({ api: storedEnrollments, psql: copied2 })}`);
        }
        ctx.log(
          `  ${o.label}, psql \\copy enrollment ${fmtMs(timed.result.enrollmentMs)} ms + contribution_due ${fmtMs(timed.result.dueMs)} ms (${shared.dueRows.toLocaleString('en-US')} rows) = ${fmtMs(psqlEnrollments.ms)} ms, rollups deferred${o.catchUp && o.extras ? `, then caught up in ${fmtMs(catchUpMs)} ms` : ` (the catch-up timed ${o.extras ? 'in run 1 only' : 'with BENCH_IMPORT_DIAGNOSE=1'})`} ` +
            `(WAL ${timed.walMb.toFixed(0)} MB, ${timed.checkpoints} checkpoint(s))` +
            (storedEnrollments && enrollApi
              ? `, same rows as the API (digests ${copied2.enrollmentDigest.slice(0, 8)}, ${copied2.dueDigest.slice(0, 8)}); API/psql ×${(enrollApi.wallMs / psqlEnrollments.ms).toFixed(1)}`
              : ` (the API did not import the enrollments in this run)`),
        );
      }
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
      const off = await sqlAlone(replay.off.url, persons, setup.hamletIds, false);
      const on = await sqlAlone(replay.on.url, persons, setup.hamletIds, true);
      sql = { off, on };
      ctx.log(
        `  the API's SQL alone (existingCitizenIds + insertPersons, 2,000-row batches, one transaction), ${TRGM_INDEX} fastupdate = off: ${fmtMs(off.ms)} ms (INSERTs ${fmtMs(off.insertMs)}; WAL ${off.walMb.toFixed(0)} MB, ${off.checkpoints} checkpoint(s)); ` +
          `fastupdate = on and gin_clean_pending_list before the commit: ${fmtMs(on.ms)} ms (INSERTs ${fmtMs(on.insertMs)}, clean ${fmtMs(on.cleanMs)}; WAL ${on.walMb.toFixed(0)} MB, ${on.checkpoints} checkpoint(s))`,
      );
    }
    return { api, enrollApi, psqlMs, psqlServer, psqlEnrollments, bareMs, bareServer, sql, resolvePlan, checkpointed };
  } finally {
    for (const c of clones) await c.drop().catch(() => {});
  }
}

async function pgliteRun(ctx: BenchContext, shared: Shared) {
  const dataDir = fs.mkdtempSync(path.join(shared.work, 'pglite-'));
  try {
    const setup = await prepare(null, dataDir);
    ensureFiles(ctx, shared, setup);
    if (!shared.enrollmentJs) shared.enrollmentJs = await enrollmentJavascriptSide(shared.enrollmentsCsv, null, dataDir, shared, setup);
    const withEnrollments = !shared.skipPgliteEnrollments;
    if (!withEnrollments) ctx.log(`  persons only: the enrollments import was far over budget on PostgreSQL (BENCH_IMPORT_ALL_RUNS=1 imports them here too)`);
    const [api, enrollApi = null] = await importThroughApi(ctx, 'pglite', { DATA_DIR: dataDir }, importFiles(shared, withEnrollments), shared.work, null);
    logRun(ctx, 'PGlite, API', api);
    if (enrollApi) logRun(ctx, 'PGlite, API', enrollApi);
    const db = await openDatabase(null, dataDir);
    try {
      const [{ n, e, d }] = await db.ds.query(`SELECT (SELECT count(*)::int FROM person) AS n, (SELECT count(*)::int FROM enrollment) AS e, (SELECT count(*)::int FROM contribution_due) AS d`);
      const expected = withEnrollments ? [shared.rows, shared.rows, shared.dueRows] : [shared.rows, 0, 0];
      if (n !== expected[0] || e !== expected[1] || d !== expected[2]) {
        throw new Error(`the API stored ${n} persons, ${e} enrollments and ${d} dues on PGlite, expected ${expected.join(', ')}`);
      }
    } finally {
      await db.close();
    }
    return { api, enrollApi, prepareMs: setup.ms };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const benchmarkName = (rows: number, what: string) => `import ${rows.toLocaleString('en-US')} ${what}`;

/** Figures of the API's runs of one kind for the table: one row per measure, medians over the runs. */
function apiRows(ctx: BenchContext, runs: ImportRun[], label: string, psqlMedian: number | null) {
  const kind = runs[0].kind;
  const benchmark = benchmarkName(runs[0].rows, kind);
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
    case: 'API: peak RSS during this import',
    backend: label,
    unit: 'MB',
    summary: summarize(runs.map((r) => r.peakRssMb)),
    note:
      `before the upload ${fmtMs(m((r) => r.rssBeforeMb))} MB, after ${fmtMs(m((r) => r.rssAfterMb))} MB` +
      `; JS heap used ≤ ${fmtMs(m((r) => r.maxHeapUsedMb))} MB` +
      (label === BACKEND_LABEL.pglite || label.startsWith('PGlite') ? '; includes the database' : ''),
  });
  const spec = IMPORT_STATEMENTS[kind];
  for (const [k, what] of spec.parts) {
    ctx.row({
      benchmark,
      case: `API: ${what}`,
      backend: label,
      summary: summarize(runs.map((r) => r.sql[k].ms)),
      note: `${runs[0].sql[k].count} statements, sum per import` + (k === 'due' ? `; ${runs[0].sql.due.rows.toLocaleString('en-US')} rows` : ''),
    });
  }
  const caughtUp = runs.map((r) => r.catchUpMs).filter((x): x is number => x !== null);
  if (kind === 'enrollments' && caughtUp.length) {
    ctx.row({
      benchmark,
      case: 'API: SUCCEEDED → report rollups caught up (background)',
      backend: label,
      summary: summarize(caughtUp),
      note: 'the (hamlet, year) pairs the import committed, refreshed after its commit 250 hamlets per transaction; reports show the import from then on',
    });
  }
  ctx.row({
    benchmark,
    case: 'API: outside these statements',
    backend: label,
    summary: summarize(runs.map((r) => r.wallMs - sum(spec.parts.map(([k]) => r.sql[k].ms)))),
    note:
      `upload, CSV, checks, ${kind === 'enrollments' ? 'dues, ' : ''}JSON, commit, polls; first batch after ${fmtMs(m((r) => r.beforeFirstBatchMs))} ms, SUCCEEDED seen ${fmtMs(m((r) => r.afterLastBatchMs))} ms after the last write` +
      (runs[0].sql.flush.count ? ` (gin_clean_pending_list ${fmtMs(m((r) => r.sql.flush.ms))} ms)` : ''),
  });
}

/** The goal's figures: both imports end to end, the peak RSS over both, the \copy of all three tables. */
function totalRows(ctx: BenchContext, pairs: { persons: ImportRun; enrollments: ImportRun }[], label: string, budgets: boolean, psqlTotals: number[]) {
  const benchmark = benchmarkName(pairs[0].persons.rows, 'persons + enrollments');
  const total = (p: (typeof pairs)[number]) => p.persons.wallMs + (p.enrollments.gapMs ?? 0) + p.enrollments.wallMs;
  const wall = summarize(pairs.map(total));
  const psqlMedian = psqlTotals.length ? median(psqlTotals) : null;
  ctx.row({
    benchmark,
    case: 'API: persons, then enrollments (first byte → second SUCCEEDED)',
    backend: label,
    summary: wall,
    budgetMs: budgets ? WALL_BUDGET_MS : undefined,
    note:
      `persons ${fmtMs(median(pairs.map((p) => p.persons.wallMs)))} ms + enrollments ${fmtMs(median(pairs.map((p) => p.enrollments.wallMs)))} ms (medians)` +
      (psqlMedian !== null ? `; ×${(wall.median / psqlMedian).toFixed(1)} psql \\copy of the three tables` : ''),
  });
  const hwm = pairs.map((p) => p.enrollments.hwmMb).filter((x): x is number => x !== null);
  ctx.row({
    benchmark,
    case: 'API: peak RSS over both imports (VmRSS every 100 ms)',
    backend: label,
    unit: 'MB',
    summary: summarize(pairs.map((p) => Math.max(p.persons.peakRssMb, p.enrollments.peakRssMb))),
    budgetMs: budgets ? RSS_BUDGET_MB : undefined,
    note:
      `before the first upload ${fmtMs(median(pairs.map((p) => p.persons.rssBeforeMb)))} MB; peak during persons ${fmtMs(median(pairs.map((p) => p.persons.peakRssMb)))} MB, during enrollments ${fmtMs(median(pairs.map((p) => p.enrollments.peakRssMb)))} MB` +
      (hwm.length ? `; VmHWM ${fmtMs(median(hwm))} MB` : '') +
      (label.startsWith('PGlite') ? '; includes the database' : ''),
  });
  if (psqlMedian !== null) {
    // Issue 9: "import ≥ 0.5 × psql \copy" (as a speed: \copy's time ÷ the API's at least 0.5).
    ctx.ratio({
      name: `import of ${pairs[0].persons.rows.toLocaleString('en-US')} persons with enrollments (${label})`,
      of: 'psql \\copy time',
      to: 'API time (upload → SUCCEEDED, both files)',
      value: psqlMedian / wall.median,
      goal: { op: '>=', bound: 0.5 },
      smoke: { op: '>=', bound: 0.25 },
      note: 'both leave the report rollups to the same catch-up after the commit',
    });
    ctx.row({
      benchmark,
      case: 'psql \\copy: person, enrollment, contribution_due',
      backend: label,
      summary: summarize(psqlTotals),
      note: 'three psql runs, one after the other, into a fresh clone',
    });
  }
}

function batchSummary(r: ImportRun) {
  const b = r.batches;
  const avg = (list: Batch[], f: (x: Batch) => number) => (list.length ? sum(list.map(f)) / list.length : NaN);
  const first = b.slice(0, 5);
  const last = b.slice(-5);
  const spec = IMPORT_STATEMENTS[r.kind];
  const main = spec.parts[0][0];
  return {
    batches: b.length,
    medianCycleMs: median(b.map((x) => x.cycleMs)),
    medianMs: Object.fromEntries([spec.first, ...spec.writes].map((k) => [k, median(b.map((x) => x.ms[k] ?? 0))])) as Partial<Record<StatementKind, number>>,
    medianStatements: median(b.map((x) => x.statements)),
    medianDueRows: median(b.map((x) => x.dueRows)),
    medianOutsideSqlMs: median(b.map((x) => x.outsideSqlMs)),
    /** The main write (INSERT person / INSERT contribution_due) of the first and last 5 batches. */
    mainWrite: main,
    first5MainWriteMs: avg(first, (x) => x.ms[main] ?? 0),
    last5MainWriteMs: avg(last, (x) => x.ms[main] ?? 0),
    first5CycleMs: avg(first, (x) => x.cycleMs),
    last5CycleMs: avg(last, (x) => x.cycleMs),
    medianPayloadChars: median(b.map((x) => x.payloadChars)),
  };
}

/** One line per run: the median 2,000-row batch split into its statements and the rest. */
function logBatches(ctx: BenchContext, label: string, r: ImportRun) {
  const s = batchSummary(r);
  const spec = IMPORT_STATEMENTS[r.kind];
  const parts = [spec.first, ...spec.writes].filter((k) => r.sql[k].count).map((k) => `${k} ${fmtMs(s.medianMs[k] ?? NaN)}`);
  ctx.log(
    `  ${label}, ${r.kind}: ${s.batches} batches; per batch (median): cycle ${fmtMs(s.medianCycleMs)} ms = ${parts.join(' + ')} + outside SQL ${fmtMs(s.medianOutsideSqlMs)}; ` +
      `${s.medianStatements} statements${r.kind === 'enrollments' ? `, ${s.medianDueRows} dues` : ''}; ` +
      `${s.mainWrite} first 5 ${fmtMs(s.first5MainWriteMs)} ms, last 5 ${fmtMs(s.last5MainWriteMs)} ms; cycle first 5 ${fmtMs(s.first5CycleMs)}, last 5 ${fmtMs(s.last5CycleMs)} ms; payload ${(s.medianPayloadChars / 1024).toFixed(0)} k chars`,
  );
}

export const importBench: Benchmark = {
  name: 'import',
  description: 'CSV import of 100,000 persons and then their 100,000 enrollments through the API in a child process (time, peak RSS) beside psql \\copy',
  async run(ctx) {
    const { rows, postgresRuns } = sizes(ctx.options.quick);
    const build = ensureApiBuilt(ctx);
    ctx.log(`  API build: apps/api/dist of ${build.head}${build.dirty ? ' with uncommitted changes in apps/api or packages/domain' : ''}${build.built ? ' (built now)' : ''}`);
    ctx.detail('api', build);
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bao-phu-bench-import-'));
    const shared: Shared = {
      work,
      rows,
      apiCsv: path.join(work, 'persons.csv'),
      enrollmentsCsv: path.join(work, 'enrollments.csv'),
      duesCopyCsv: path.join(work, 'contribution-due-copy.csv'),
      persons: null,
      households: 0,
      enrollments: null,
      dueRows: 0,
      dueBatches: [],
      chargeDuesMs: 0,
      hamletIds: null,
      enrollmentJs: null,
      skipPgliteEnrollments: false,
    };
    const budgets = rows === GOAL_ROWS;
    // The diagnostics of issue 4's analysis (\copy without the trigram index, the API's SQL
    // replayed alone, the other fastupdate setting, the JavaScript side alone, the \copy's rollup
    // catch-up): with --explain or BENCH_IMPORT_DIAGNOSE=1, so that `pnpm bench` stays short.
    const diagnose = ctx.options.explain || process.env.BENCH_IMPORT_DIAGNOSE === '1';
    try {
      if (ctx.options.backends.includes('postgres')) {
        const version = psqlVersion();
        if (!version) ctx.log(`  warning: psql is not on PATH: the psql \\copy side is skipped`);
        ctx.log(`Import on PostgreSQL (${serverUrl.replace(/\/\/[^@/]*@/, '//…@')}), ${postgresRuns} run(s) on fresh databases…`);
        const tplDb = await createBenchDatabase('import_template');
        let template: Template;
        let migratedFastupdate = false;
        try {
          const setup = await prepare(tplDb.url, null);
          template = { db: tplDb, setup };
          ctx.log(
            `  template database prepared in ${fmtMs(setup.ms)} ms (migrations, reference units, ${HAMLETS.toLocaleString('en-US')} hamlets, ${setup.orgIds.size} collection organizations, the administrator); each run loads into clones of it`,
          );
          ctx.detail('postgresTemplatePrepareMs', setup.ms);
          migratedFastupdate = await fastupdateOf(tplDb.url);
          ctx.log(`  ${TRGM_INDEX} as migrated: fastupdate = ${migratedFastupdate ? 'on (new rows go to GIN\'s pending list)' : 'off'}`);
          ctx.detail('migratedFastupdate', migratedFastupdate);
          ensureFiles(ctx, shared, setup);
          // On the template itself (its connections closed before it is cloned).
          if (diagnose) shared.enrollmentJs = await enrollmentJavascriptSide(shared.enrollmentsCsv, tplDb.url, null, shared, setup);
        } catch (err) {
          await tplDb.drop();
          throw err;
        }
        const results = [];
        // The diagnostics of issue 4's analysis (\copy without the trigram index, the API's SQL
        // replayed alone, the other fastupdate setting): with --explain or BENCH_IMPORT_DIAGNOSE=1.
        let diagnostic: ImportRun | null = null;
        let whatIf: ImportRun | null = null;
        try {
          let enrollments = true;
          // The rollups' catch-up after the import is timed on the first run, except in a smoke run
          // (--quick: CI's, where only the ratio's direction counts; the catch-up has its own tests).
          for (let run = 0; run < postgresRuns; run++) {
            results.push(
              await postgresRun(ctx, shared, template, { enrollments, copyEnrollments: true, psql: !!version, extras: run === 0 && diagnose, clampTimers: false, fastupdate: null, catchUp: run === 0 && !ctx.options.quick, label: `run ${run + 1}/${postgresRuns}` }),
            );
            // Far over budget, one run says enough: the others import the persons only (and \copy everything).
            const first = results[0].enrollApi;
            if (run === 0 && run + 1 < postgresRuns && first && first.wallMs > ENROLLMENTS_FAR_OVER_MS && process.env.BENCH_IMPORT_ALL_RUNS !== '1') {
              enrollments = false;
              ctx.log(
                `  the enrollments import took ${fmtMs(first.wallMs)} ms, over ${fmtMs(ENROLLMENTS_FAR_OVER_MS)} ms (${ENROLLMENTS_FAR_OVER_MS / WALL_BUDGET_MS} × the budget of both imports): ` +
                  `runs 2–${postgresRuns} import the persons only, and PGlite too (BENCH_IMPORT_ALL_RUNS=1 imports the enrollments in every run)`,
              );
            }
          }
          shared.skipPgliteEnrollments = !enrollments;
          // The API's own scheduler spinning (a setTimeout beyond 24.8 days fires after 1 ms, again
          // and again) competes with the import for CPU: one more run with such timers clamped.
          const overflow = results.some((r) => r.api.timerOverflow || r.enrollApi?.timerOverflow);
          if (overflow) {
            ctx.log(
              `  warning: the API printed TimeoutOverflowWarning during the import: a setTimeout over 2^31−1 ms fires after 1 ms, so a timer loop ran beside the import.` +
                ` One diagnostic run (persons only) with such delays clamped to 2^31−1 ms (BENCH_CLAMP_TIMERS in the probe)…`,
            );
            diagnostic = (await postgresRun(ctx, shared, template, { enrollments: false, copyEnrollments: false, psql: false, extras: false, clampTimers: true, fastupdate: null, label: 'diagnostic, timers clamped' })).api;
          }
          // What if the person trigram index had the other fastupdate setting than the migration gives it?
          whatIf = diagnose
            ? (
                await postgresRun(ctx, shared, template, {
                  enrollments: false,
                  copyEnrollments: false,
                  psql: false,
                  extras: false,
                  clampTimers: overflow,
                  fastupdate: !migratedFastupdate,
                  label: `what if, ${TRGM_INDEX} fastupdate = ${migratedFastupdate ? 'off' : 'on'}${overflow ? ', timers clamped' : ''}`,
                })
              ).api
            : null;
        } finally {
          await template.db.drop();
        }
        const api = results.map((r) => r.api);
        const enrollApi = results.map((r) => r.enrollApi).filter((r): r is ImportRun => r !== null);
        const psqlSamples = results.map((r) => r.psqlMs).filter((x): x is number => x !== null);
        const psqlMedian = psqlSamples.length ? median(psqlSamples) : null;
        const psqlEnroll = results.map((r) => r.psqlEnrollments).filter((x) => x !== null);
        const psqlTotals = results.filter((r) => r.psqlMs !== null && r.psqlEnrollments).map((r) => r.psqlMs! + r.psqlEnrollments!.ms);
        totalRows(ctx, results.filter((r) => r.enrollApi).map((r) => ({ persons: r.api, enrollments: r.enrollApi! })), BACKEND_LABEL.postgres, budgets, psqlTotals);
        apiRows(ctx, api, BACKEND_LABEL.postgres, psqlMedian);
        if (psqlMedian !== null) {
          ctx.row({
            benchmark: benchmarkName(rows, 'persons'),
            case: 'psql \\copy of the same rows',
            backend: BACKEND_LABEL.postgres,
            summary: summarize(psqlSamples),
            note: `${perSecond(rows, psqlMedian)} rows/s; WAL ${median(results.map((r) => r.psqlServer!.walMb)).toFixed(0)} MB, checkpoints ${results.map((r) => r.psqlServer!.checkpoints).join('/')}; no households (household_id NULL)`,
          });
          const bare = results.map((r) => r.bareMs).filter((x): x is number => x !== null);
          if (bare.length) {
            ctx.row({
              benchmark: benchmarkName(rows, 'persons'),
              case: 'psql \\copy, person without its trigram index',
              backend: BACKEND_LABEL.postgres,
              summary: summarize(bare),
              note: `${perSecond(rows, median(bare))} rows/s; WAL ${results[0].bareServer!.walMb.toFixed(0)} MB, checkpoints ${results[0].bareServer!.checkpoints}; the trigram index costs the difference`,
            });
          }
        }
        apiRows(ctx, enrollApi, BACKEND_LABEL.postgres, psqlEnroll.length ? median(psqlEnroll.map((p) => p.ms)) : null);
        if (psqlEnroll.length) {
          const benchmark = benchmarkName(rows, 'enrollments');
          ctx.row({
            benchmark,
            case: 'psql \\copy enrollment + contribution_due',
            backend: BACKEND_LABEL.postgres,
            summary: summarize(psqlEnroll.map((p) => p.ms)),
            note:
              `${rows.toLocaleString('en-US')} enrollments and ${shared.dueRows.toLocaleString('en-US')} dues; WAL ${median(psqlEnroll.map((p) => p.server.walMb)).toFixed(0)} MB, checkpoints ${psqlEnroll.map((p) => p.server.checkpoints).join('/')}; ` +
              `dues computed in the benchmark with the API's chargeDues on the stored policy, equal (digest) to what the API wrote`,
          });
          const copyCatchUps = psqlEnroll.map((p) => p.catchUpMs).filter((x) => Number.isFinite(x));
          if (copyCatchUps.length) {
            ctx.row({
              benchmark,
              case: 'psql \\copy: then the report rollups caught up',
              backend: BACKEND_LABEL.postgres,
              summary: summarize(copyCatchUps),
              note: 'the \\copy sessions defer the rollups as the API does (PGOPTIONS -c baophu.rollup=deferred); rollup_catch_up(250) until none is left',
            });
          }
          ctx.row({ benchmark, case: 'psql \\copy enrollment', backend: BACKEND_LABEL.postgres, summary: summarize(psqlEnroll.map((p) => p.enrollmentMs)), note: `${perSecond(rows, median(psqlEnroll.map((p) => p.enrollmentMs)))} rows/s` });
          ctx.row({
            benchmark,
            case: 'psql \\copy contribution_due',
            backend: BACKEND_LABEL.postgres,
            summary: summarize(psqlEnroll.map((p) => p.dueMs)),
            note: `${perSecond(shared.dueRows, median(psqlEnroll.map((p) => p.dueMs)))} rows/s`,
          });
        }
        const plan = results[0].resolvePlan;
        if (plan) {
          const benchmark = benchmarkName(rows, 'enrollments');
          const row = (c: string, ms: number, note: string) => ctx.row({ benchmark, case: c, backend: BACKEND_LABEL.postgres, summary: summarize([ms]), note });
          row(
            `person lookup of 1 batch (${plan.rows.toLocaleString('en-US')} IDs), EXPLAIN ANALYZE`,
            plan.asIs.executionMs,
            `the API's statement as sent, run 1; JIT ${fmtMs(plan.asIs.jitMs)} ms of it; a seq scan of org_unit per person for the province`,
          );
          row(`person lookup, the same with jit = off`, plan.jitOff.executionMs, 'SET jit = off in the session');
          if (plan.rewritten.sql !== null) {
            row(
              `person lookup, province by the path's ids (not in the API)`,
              plan.rewritten.executionMs,
              `pr.id = ANY(string_to_array(trim('/' from h.path), '/')::int[]) instead of h.path LIKE pr.path || '%'; ${plan.rewritten.same ? 'same rows' : 'OTHER ROWS'}; JIT ${fmtMs(plan.rewritten.jitMs)} ms`,
            );
          }
        }
        const extraRun = (d: ImportRun, what: string) => {
          ctx.row({
            benchmark: benchmarkName(rows, 'persons'),
            case: `API, ${what}: wall`,
            backend: BACKEND_LABEL.postgres,
            summary: summarize([d.wallMs]),
            note: `${perSecond(rows, d.wallMs)} rows/s; CPU API ${d.apiCpuMs !== null ? fmtMs(d.apiCpuMs) : '–'} ms, PostgreSQL ${d.postgresCpuMs !== null ? fmtMs(d.postgresCpuMs) : '–'} ms; INSERT person ${fmtMs(d.sql.person.ms)} ms; WAL ${d.walMb?.toFixed(0)} MB, checkpoints ${d.checkpoints}`,
          });
          ctx.row({ benchmark: benchmarkName(rows, 'persons'), case: `API, ${what}: peak RSS`, backend: BACKEND_LABEL.postgres, unit: 'MB', summary: summarize([d.peakRssMb]), note: `before the upload ${fmtMs(d.rssBeforeMb)} MB` });
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
          const benchmark = benchmarkName(rows, 'persons');
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
          runs: results.map((r) => ({
            ...r,
            api: { ...r.api, batchSummary: batchSummary(r.api) },
            enrollApi: r.enrollApi ? { ...r.enrollApi, batchSummary: batchSummary(r.enrollApi) } : null,
          })),
          psqlVersion: version,
          checkpointBeforeEachLoad: results.every((r) => r.checkpointed),
          duesForCopy: `computed in the benchmark with the API's chargeDues (packages/domain paymentModeSchedule, voluntarySiPeriod) on the policy stored in the database; digest-equal to the API's`,
          dueRows: shared.dueRows,
        });
        for (const [i, r] of results.entries()) {
          logBatches(ctx, `run ${i + 1}`, r.api);
          if (r.enrollApi) logBatches(ctx, `run ${i + 1}`, r.enrollApi);
        }
      }
      if (ctx.options.backends.includes('pglite')) {
        ctx.log(`Import on PGlite (DATA_DIR in a temporary folder), 1 run…`);
        const r = await pgliteRun(ctx, shared);
        if (r.enrollApi) totalRows(ctx, [{ persons: r.api, enrollments: r.enrollApi }], 'PGlite (DATA_DIR)', false, []);
        apiRows(ctx, [r.api], 'PGlite (DATA_DIR)', null);
        if (r.enrollApi) apiRows(ctx, [r.enrollApi], 'PGlite (DATA_DIR)', null);
        logBatches(ctx, 'PGlite', r.api);
        if (r.enrollApi) logBatches(ctx, 'PGlite', r.enrollApi);
        ctx.detail('pglite', { ...r, api: { ...r.api, batchSummary: batchSummary(r.api) }, enrollApi: r.enrollApi ? { ...r.enrollApi, batchSummary: batchSummary(r.enrollApi) } : null });
      }
      if (diagnose && shared.persons && shared.hamletIds) {
        ctx.log(`The JavaScript side alone (readCsv, the row checks, dues, JSON payloads) in this process…`);
        const js = await javascriptSide(shared.apiCsv, shared.hamletIds);
        const jsRow = (what: string, c: string, ms: number, note: string) =>
          ctx.row({ benchmark: benchmarkName(rows, what), case: c, backend: 'Node, no database', summary: summarize([ms]), note: `${note}; best of 3` });
        jsRow('persons', 'readCsv (csv-parse, strict UTF-8)', js.readMs, `${perSecond(js.rows, js.readMs)} rows/s`);
        jsRow('persons', 'row object, checkPersonRow, repeat check', js.checkMs, `${perSecond(js.rows, js.checkMs)} rows/s`);
        jsRow('persons', 'JSON.stringify of the 2,000-row payloads', js.payloadMs, `${(js.payloadChars / 2 ** 20).toFixed(1)} M chars in all`);
        const e = shared.enrollmentJs;
        if (e) {
          jsRow('enrollments', 'readCsv (csv-parse, strict UTF-8)', e.readMs, `${perSecond(e.rows, e.readMs)} rows/s`);
          jsRow('enrollments', "row object, the importer's check(), repeat check", e.checkMs, `${perSecond(e.rows, e.checkMs)} rows/s`);
          ctx.row({
            benchmark: benchmarkName(rows, 'enrollments'),
            case: 'chargeDues of every row (12 months)',
            backend: 'Node, no database',
            summary: summarize([e.duesMs]),
            note: `${e.dueRows.toLocaleString('en-US')} dues, ${perSecond(e.rows, e.duesMs)} rows/s; the calls timed one by one while the \\copy file was written`,
          });
          ctx.row({
            benchmark: benchmarkName(rows, 'enrollments'),
            case: 'the same with a cache of the computed dues (not in the API)',
            backend: 'Node, no database',
            summary: summarize([e.cachedDuesMs]),
            note: `keyed by mode, start month, income, category, province: ${e.cacheKeys.toLocaleString('en-US')} distinct keys; one run`,
          });
          jsRow('enrollments', 'JSON.stringify of the enrollment and dues payloads', e.payloadMs, `${(e.payloadChars / 2 ** 20).toFixed(1)} M chars in all`);
        }
        ctx.detail('javascriptSide', { persons: js, enrollments: e });
      }
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  },
};
