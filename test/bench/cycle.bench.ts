import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { addMonths, CITIZEN_ID_PROVINCES, foldVietnamese, monthOf, todayInVietnam } from '@bao-phu/domain';
import { openDatabase } from '../../apps/api/src/db/open';
import { createLogger } from '../../apps/api/src/log';
import { cycleMonthDue, generateDueCycles } from '../../apps/api/src/modules/collection/cycle.jobs';
import { ENTRIES_SQL } from '../../apps/api/src/modules/collection/cycle.service';
import { prepareDatabase } from '../../apps/api/src/seed/prepare';
import { connectBenchApi, type BenchApi } from './lib/api';
import { ensureApiBuilt, readProbe, startApiChild, type ApiChild, type ProbeEntry } from './lib/api-child';
import { BACKEND_LABEL } from './lib/backend';
import { schemaDigest } from './lib/national';
import { createBenchDatabase, keptDatabase, serverUrl, type BenchDatabase } from './lib/postgres';
import { BIRTH_PROVINCES, FAMILY, GIVEN_FEMALE, GIVEN_MALE, MIDDLE_FEMALE, MIDDLE_MALE, PHONE_PREFIXES } from './lib/names';
import { seeded } from './lib/random';
import { fmtMs } from './lib/report';
import { median, summarize } from './lib/stats';
import type { BenchContext, Benchmark } from './lib/types';

/**
 * The monthly collection cycle (`generateCollectionCycle`, and the 25th's job that generates every
 * base office's), against the goal "a cycle for a base office with 20,000 participants in under
 * 1 s; for a province with 200,000 in under 10 s, on PostgreSQL", and against its bare SQL
 * ("≤ 1.5 × bare SQL").
 *
 * Setup (not timed): one database prepared as the API's first start does (prepareDatabase:
 * migrations, policy, reference units, the administrator), then a made-up province (code 99) of 10
 * base offices, ~100 communes and ~1,000 hamlets, 1.5 registered people per participant in
 * households, exactly 20,000 participants per base office, their enrollments, 24 months of
 * contribution dues (the 12 months up to the cycle's and the 12 ahead the daily job keeps), two
 * collection organizations and their collectors with areas. Units are made in JavaScript (a seeded
 * generator) and sent as arrays to one INSERT … SELECT unnest per level; people, enrollments and
 * dues are made by the database itself, INSERT … SELECT generate_series, with a counter-based
 * seeded generator (`hashint8extended(row, seed)`), so the same rows come out on every machine
 * whatever the plan. Then VACUUM (ANALYZE) and CHECKPOINT.
 *
 * Measured, for the month the 25th's job generates today (`cycleMonthDue`):
 *  1. base office: the built API in a child process (DATABASE_URL, SEED=none, JOBS=off), logged in
 *     as the administrator, `generateCollectionCycle` over HTTP for the first base office; the
 *     cycles of the month are DELETEd (entries by cascade), the tables vacuumed and a CHECKPOINT
 *     taken before every run, so each run really writes version 1 of the same lists;
 *  2. bare SQL: the same statements with `pg` in one transaction (advisory lock, the latest
 *     version, a savepoint, the cycle row, the INSERT … SELECT of the entries, their digest read
 *     back, the fingerprint, COMMIT), the INSERT … SELECT timed alone too; runs alternate with the
 *     API's (which goes first alternates);
 *  3. province: every base office of the province, one after the other over HTTP, total time;
 *     the bare SQL likewise; and the job's function `generateDueCycles` in this process (one
 *     transaction for all base offices), its once-per-month marker reset before each run.
 *  4. what if (base office only, apps/api unchanged): ENTRIES_SQL run once (into a temporary
 *     table, the digest and the INSERT from it), bare; and with an index on collector_area
 *     (unit_id) and a partial index on the open dues, through the API and bare.
 * A probe preloaded into the API (lib/import-probe.cjs) times each statement it sends, which
 * splits a generation into its statements and the time outside SQL. The first run of every
 * variant is checked to write the same entries as the API (a digest of all their columns). The plans (EXPLAIN ANALYZE,
 * BUFFERS) of the INSERT and the digest go to the JSON, and to stderr with --explain or when a
 * budget is missed. BENCH_CYCLE_KEEP=1 keeps the database at the end, for looking into it.
 *
 * ENTRIES_SQL is the API's own (exported by cycle.service.ts), so the bare side runs the statement the API runs.
 */


const ADMIN = { username: 'bench.cycles', password: 'bench-Password-4' };
const SEED = 20_261_125;
const BASE_BUDGET_MS = 1_000;
const PROVINCE_BUDGET_MS = 10_000;
const RATIO_BUDGET = 1.5;
const BASE_OFFICES = 10;
const GOAL_PARTICIPANTS = 20_000;
/** Registered people per participant: the others are household members not enrolled. */
const PERSONS_PER_PARTICIPANT = 1.5;
/** Share of each base office's participants in household HI (whole households), the rest voluntary SI. */
const HI_SHARE = 0.15;
const MEAN_HOUSEHOLD = 3.6;
const JOB_KEY = 'jobs.collection.cycles.lastMonth';

function sizes(quick: boolean) {
  return {
    participants: quick ? 2_000 : GOAL_PARTICIPANTS,
    baseRuns: quick ? 2 : 5,
    provinceRuns: quick ? 1 : 3,
    jobRuns: quick ? 1 : 2,
  };
}

const clock = () => performance.timeOrigin + performance.now();
const oneLine = (sql: string) => sql.replace(/\s+/g, ' ').trim();
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

// ── The SQL of generateCycle (apps/api/src/modules/collection/cycle.service.ts) ─────────────────

/** The digest of the written entries, as generateCycle reads it back from due_list_entry. */
const WRITTEN_DIGEST_SQL = `SELECT md5(string_agg(concat_ws(':', kind, due_id, amount, collection_organization_id, collector_id), ',' ORDER BY kind, due_id)) AS digest FROM due_list_entry WHERE cycle_id = $1`;
/** The digest computed from ENTRIES_SQL itself (the what-ifs and the plans), and the INSERT … SELECT of the entries. */
const digestSql = (entries: string) =>
  `SELECT md5(string_agg(concat_ws(':', kind, due_id, amount, collection_organization_id, collector_id), ',' ORDER BY kind, due_id)) AS digest, count(*)::int AS n FROM (${entries}) x`;
const insertSql = (entries: string) =>
  `INSERT INTO due_list_entry (cycle_id, kind, collection_organization_id, collector_id, enrollment_id, due_id, person_id, hamlet_id, commune_id, scheme, period_start, due_date, amount)
       SELECT $6, kind, collection_organization_id, collector_id, enrollment_id, due_id, person_id, hamlet_id, commune_id, scheme, period_start, due_date, amount FROM (${entries}) x`;

/** generateCycle's parameters: the base's path prefix, next month's first and last day, last month's. */
function cycleParams(basePath: string, month: string): string[] {
  const next = addMonths(month, 1);
  const prev = addMonths(month, -1);
  const last = (m: string) => {
    const i = monthIndex(m) + 1;
    return new Date(Date.UTC(Math.floor(i / 12), i % 12, 0)).toISOString().slice(0, 10);
  };
  return [`${basePath}%`, `${next}-01`, last(next), `${prev}-01`, last(prev)];
}

// ── Seeded generator (the units, in JavaScript) ─────────────────────────────────────────────────

const STEMS = ['Tân Hòa', 'Hòa Long', 'Phú Mỹ', 'An Bình', 'Long Thạnh', 'Bình Đông', 'Mỹ Hưng', 'Thạnh Lợi', 'Tân Phú', 'Hòa Bình', 'Phước Lộc', 'Đông Hải', 'Vĩnh Thành', 'Hưng Đạo', 'Quang Trung', 'Trung Hòa', 'Mỹ An', 'Tân Thuận', 'Long Hưng', 'Bình Thành'];
const BASE_NAMES = ['Tân Hòa', 'Phú Mỹ', 'Long Thạnh', 'Mỹ Hưng', 'Vĩnh Thành', 'Bình Đông', 'Hòa Bình', 'Thạnh Lợi', 'Phước Lộc', 'Đông Hải', 'Tân Phú', 'Quang Trung'];

const PROVINCE = { code: '99', name: 'Tỉnh Thử Nghiệm' };
const ORGS = [
  { code: 'BUUDIEN-99', name: 'Bưu điện Tỉnh Thử Nghiệm' },
  { code: 'VIETTEL-99', name: 'Viettel Tỉnh Thử Nghiệm' },
];
const UNITS_VALID_FROM = '2025-07-01';

interface Unit {
  id: number;
  code: string;
  name: string;
  level: 'PROVINCE' | 'BASE' | 'COMMUNE' | 'HAMLET';
  parentId: number;
  path: string;
}

interface Tree {
  province: Unit;
  bases: Unit[];
  communes: (Unit & { base: number })[];
  hamlets: (Unit & { base: number; commune: Unit; mainOrg: number })[];
}

interface Collector {
  id: number;
  org: number;
  name: string;
  phone: string;
  active: boolean;
  areas: number[];
}

// ── Setup ────────────────────────────────────────────────────────────────────────────────────────

interface Setup {
  db: BenchDatabase;
  tree: Tree;
  today: string;
  month: string;
  counts: Record<string, number>;
  steps: Record<string, number>;
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

async function reserveIds(c: pg.Client, table: string, count: number): Promise<number[]> {
  const { rows } = await c.query(`SELECT nextval(pg_get_serial_sequence($1, 'id'))::int AS id FROM generate_series(1, $2::int)`, [table, count]);
  return rows.map((r: { id: number }) => r.id);
}

/** The province, its base offices, communes and hamlets, with ids from their sequence and paths. */
async function insertUnits(c: pg.Client, rand: () => number): Promise<Tree> {
  const { rows: [country] } = await c.query(`SELECT id, path FROM org_unit WHERE level = 'COUNTRY'`);
  const [provinceId] = await reserveIds(c, 'org_unit', 1);
  const province: Unit = { id: provinceId, code: PROVINCE.code, name: PROVINCE.name, level: 'PROVINCE', parentId: country.id, path: `${country.path}${provinceId}/` };
  const baseIds = await reserveIds(c, 'org_unit', BASE_OFFICES);
  const bases: Unit[] = baseIds.map((id, i) => ({ id, code: `BHXH-TN${pad(i + 1)}`, name: `BHXH cơ sở ${BASE_NAMES[i % BASE_NAMES.length]}`, level: 'BASE', parentId: province.id, path: `${province.path}${id}/` }));
  const communePlan = bases.flatMap((b, bi) => Array.from({ length: 8 + Math.floor(rand() * 5) }, () => bi));
  const communeIds = await reserveIds(c, 'org_unit', communePlan.length);
  const communes = communePlan.map((bi, n) => {
    const id = communeIds[n];
    const stem = STEMS[(n * 7) % STEMS.length];
    const round = Math.floor(n / STEMS.length);
    const name = `${rand() < 0.15 ? 'Phường' : 'Xã'} ${stem}${round ? ` ${round + 1}` : ''}`;
    return { id, code: `99${pad(n + 1, 3)}`, name, level: 'COMMUNE' as const, parentId: bases[bi].id, path: `${bases[bi].path}${id}/`, base: bi };
  });
  const hamletPlan = communes.flatMap((commune) => Array.from({ length: 6 + Math.floor(rand() * 9) }, (_, k) => ({ commune, k: k + 1 })));
  const hamletIds = await reserveIds(c, 'org_unit', hamletPlan.length);
  const hamlets = hamletPlan.map(({ commune, k }, n) => {
    const id = hamletIds[n];
    const name = k % 3 === 0 ? `Ấp ${k}` : `Ấp ${STEMS[(n * 5 + k) % STEMS.length]} ${k}`;
    return { id, code: `${commune.code}-${pad(k)}`, name, level: 'HAMLET' as const, parentId: commune.id, path: `${commune.path}${id}/`, base: commune.base, commune, mainOrg: n % 3 === 2 ? 1 : 0 };
  });
  const all: Unit[] = [province, ...bases, ...communes, ...hamlets];
  // As insertOrgUnit writes a unit: search_key = foldVietnamese(name + ' ' + code), version 1, a name span and a parent span.
  await c.query(
    `INSERT INTO org_unit (id, code, name, level, parent_id, path, valid_from, valid_to, search_key, synthetic, version)
     SELECT r.id, r.code, r.name, r.level, r.parent_id, r.path, $8::date, NULL, r.key, true, 1
       FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[]) AS r(id, code, name, level, parent_id, path, key)`,
    [all.map((u) => u.id), all.map((u) => u.code), all.map((u) => u.name), all.map((u) => u.level), all.map((u) => u.parentId), all.map((u) => u.path), all.map((u) => foldVietnamese(`${u.name} ${u.code}`)), UNITS_VALID_FROM],
  );
  await c.query(`INSERT INTO org_unit_name (unit_id, name, valid_from, valid_to) SELECT id, name, valid_from, NULL FROM org_unit WHERE id = ANY($1::int[])`, [all.map((u) => u.id)]);
  await c.query(`INSERT INTO org_unit_parent (unit_id, parent_id, valid_from, valid_to) SELECT id, parent_id, valid_from, NULL FROM org_unit WHERE id = ANY($1::int[])`, [all.map((u) => u.id)]);
  return { province, bases, communes, hamlets };
}

/**
 * Bưu điện and Viettel of the province. Bưu điện: a collector per commune (area: the commune) and
 * one for every fourth hamlet (area: that hamlet, which wins over the commune's); Viettel: one per
 * group of up to four hamlets of a commune, for 70 % of the groups (its other hamlets have none).
 * One collector in twenty is inactive.
 */
async function insertCollectors(c: pg.Client, tree: Tree, rand: () => number): Promise<{ orgIds: number[]; collectors: number }> {
  const { rows: orgRows } = await c.query(
    `INSERT INTO collection_organization (code, name) SELECT * FROM unnest($1::text[], $2::text[]) RETURNING id, code`,
    [ORGS.map((o) => o.code), ORGS.map((o) => o.name)],
  );
  const orgIds = ORGS.map((o) => orgRows.find((r: { code: string }) => r.code === o.code).id as number);
  const person = () => {
    const male = rand() < 0.6;
    const middle = male ? MIDDLE_MALE : MIDDLE_FEMALE;
    const given = male ? GIVEN_MALE : GIVEN_FEMALE;
    return `${FAMILY[Math.floor(rand() * FAMILY.length)]} ${middle[Math.floor(rand() * middle.length)]} ${given[Math.floor(rand() * given.length)]}`;
  };
  const plan: Omit<Collector, 'id'>[] = [];
  const add = (org: number, areas: number[]) =>
    plan.push({ org: orgIds[org], name: person(), phone: `${PHONE_PREFIXES[Math.floor(rand() * PHONE_PREFIXES.length)]}${pad(Math.floor(rand() * 10_000_000), 7)}`, active: rand() >= 0.05, areas });
  for (const commune of tree.communes) {
    add(0, [commune.id]);
    const hamlets = tree.hamlets.filter((h) => h.commune.id === commune.id);
    hamlets.forEach((h, k) => k % 4 === 1 && add(0, [h.id]));
    for (let k = 0; k < hamlets.length; k += 4) if (rand() < 0.7) add(1, hamlets.slice(k, k + 4).map((h) => h.id));
  }
  const ids = await reserveIds(c, 'collector', plan.length);
  const collectors: Collector[] = plan.map((p, i) => ({ id: ids[i], ...p }));
  await c.query(
    `INSERT INTO collector (id, collection_organization_id, name, phone, user_id, active)
     SELECT r.id, r.org, r.name, r.phone, NULL, r.active FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::bool[]) AS r(id, org, name, phone, active)`,
    [collectors.map((k) => k.id), collectors.map((k) => k.org), collectors.map((k) => k.name), collectors.map((k) => k.phone), collectors.map((k) => k.active)],
  );
  const areas = collectors.flatMap((k) => k.areas.map((unit) => [k.id, unit]));
  await c.query(`INSERT INTO collector_area (collector_id, unit_id) SELECT * FROM unnest($1::int[], $2::int[])`, [areas.map((a) => a[0]), areas.map((a) => a[1])]);
  return { orgIds, collectors: collectors.length };
}

/**
 * The counter-based generator of the SQL side: rnd(stream, i) is a uniform number in [0, 1) that
 * depends only on the seed, the stream and the row, never on the order rows are made in.
 */
const SQL_FUNCTIONS = [
  `CREATE FUNCTION pg_temp.rnd(stream int, i bigint) RETURNS float8 LANGUAGE sql IMMUTABLE AS
     $$ SELECT ((hashint8extended($2, ${SEED}::bigint * 256 + $1) >> 11) & 9007199254740991)::float8 / 9007199254740992.0 $$`,
  // Each parameter used once, so that the planner inlines the functions whatever the argument.
  `CREATE FUNCTION pg_temp.month_start(mi int) RETURNS date LANGUAGE sql IMMUTABLE AS $$ SELECT ('2000-01-01'::date + make_interval(months => $1 - 24000))::date $$`,
  `CREATE FUNCTION pg_temp.month_end(mi int) RETURNS date LANGUAGE sql IMMUTABLE AS $$ SELECT ('2000-01-01'::date + make_interval(months => $1 - 23999))::date - 1 $$`,
  `CREATE FUNCTION pg_temp.pick(list text[], r float8) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT $1[1 + floor($2 * cardinality($1))::int] $$`,
];

/**
 * People, enrollments and dues, set-based in the database (see the top of the file). `today` is
 * where the history stops; `month` the cycle's month.
 */
async function insertParticipants(c: pg.Client, tree: Tree, orgIds: number[], adminId: number, participants: number, today: string, month: string, log: (m: string) => void): Promise<Record<string, number>> {
  const step = async (label: string, sql: string, params: unknown[] = []) => {
    const started = clock();
    const r = await c.query(sql, params);
    log(`    ${label}: ${(r.rowCount ?? 0).toLocaleString('en-US')} rows in ${fmtMs(clock() - started)} ms`);
    return r;
  };
  for (const f of SQL_FUNCTIONS) await c.query(f);

  // The hamlets, base by base: an array of ids and where each base office's start.
  const hamlets = [...tree.hamlets].sort((a, b) => a.base - b.base || a.id - b.id);
  const starts = tree.bases.map((_, b) => hamlets.findIndex((h) => h.base === b) + 1);
  const counts = tree.bases.map((_, b) => hamlets.filter((h) => h.base === b).length);
  await c.query(
    `CREATE TEMP TABLE bench_hamlet AS
     SELECT * FROM unnest($1::int[], $2::text[], $3::int[], $4::int[], $5::int[], $6::int[]) AS r(hamlet_id, code, commune_id, b, main_org, other_org)`,
    [hamlets.map((h) => h.id), hamlets.map((h) => h.code), hamlets.map((h) => h.commune.id), hamlets.map((h) => h.base), hamlets.map((h) => orgIds[h.mainOrg]), hamlets.map((h) => orgIds[1 - h.mainOrg])],
  );

  // Households: sizes 1–6 (mean 3.6), a hamlet of their base office, a support category for all members.
  const householdsPerBase = Math.ceil((participants * PERSONS_PER_PARTICIPANT) / MEAN_HOUSEHOLD);
  await step(
    'households (temp)',
    `CREATE TEMP TABLE bench_household AS
     SELECT k AS id, (k - 1) / $1::int AS b,
            ($3::int[])[($4::int[])[(k - 1) / $1::int + 1] + floor(pg_temp.rnd(1, k) * ($5::int[])[(k - 1) / $1::int + 1])::int] AS hamlet_id,
            CASE WHEN pg_temp.rnd(2, k) < 0.06 THEN 1 WHEN pg_temp.rnd(2, k) < 0.22 THEN 2 WHEN pg_temp.rnd(2, k) < 0.48 THEN 3
                 WHEN pg_temp.rnd(2, k) < 0.76 THEN 4 WHEN pg_temp.rnd(2, k) < 0.92 THEN 5 ELSE 6 END AS size,
            CASE WHEN pg_temp.rnd(3, k) < 0.88 THEN 'OTHER' WHEN pg_temp.rnd(3, k) < 0.95 THEN 'NEAR_POOR' WHEN pg_temp.rnd(3, k) < 0.99 THEN 'POOR' ELSE 'ETHNIC_MINORITY' END AS category
       FROM generate_series(1, $1::int * $2::int) k`,
    [householdsPerBase, tree.bases.length, hamlets.map((h) => h.id), starts, counts],
  );
  await step(
    'household',
    `INSERT INTO household (id, code, hamlet_id)
     SELECT h.id, 'HO-' || x.code || '-' || lpad((row_number() OVER (PARTITION BY h.hamlet_id ORDER BY h.id))::text, 4, '0'), h.hamlet_id
       FROM bench_household h JOIN bench_hamlet x USING (hamlet_id)`,
  );

  // People: the head (born 1950–1994, 78 % men), the spouse, children born 20–38 years after the head (taking the father's family name).
  await step(
    'persons (temp)',
    `CREATE TEMP TABLE bench_person AS
     WITH m AS (
       SELECT h.id AS hh, h.b, h.hamlet_id, h.size, h.category, g.m, row_number() OVER (ORDER BY h.id, g.m) AS id
         FROM bench_household h CROSS JOIN LATERAL generate_series(1, h.size) g(m)),
     a AS (
       SELECT m.*, 1950 + floor(pg_temp.rnd(10, hh) * 45)::int AS head_year, pg_temp.rnd(11, hh) < 0.78 AS head_male FROM m),
     s AS (
       SELECT a.*,
              CASE WHEN m = 1 THEN head_male WHEN m = 2 THEN NOT head_male ELSE pg_temp.rnd(12, id) < 0.5 END AS male,
              CASE WHEN m = 1 THEN head_year WHEN m = 2 THEN least(2004, head_year + floor(pg_temp.rnd(13, id) * 11)::int - 6)
                   ELSE least(2024, head_year + 20 + floor(pg_temp.rnd(14, id) * 19)::int) END AS year
         FROM a)
     SELECT id, hh, b, hamlet_id, category, m, male, year,
            make_date(year, 1 + floor(pg_temp.rnd(15, id) * 12)::int, 1 + floor(pg_temp.rnd(16, id) * 28)::int) AS dob,
            CASE WHEN m = 1 OR (m > 2 AND head_male) THEN pg_temp.rnd(17, hh) ELSE pg_temp.rnd(18, hh) END AS family_r
       FROM s`,
  );
  const folded = (list: string[]) => list.map((n) => foldVietnamese(n));
  const nameIndex = (list: string, r: string) => `1 + floor(${r} * cardinality(${list}))::int`;
  await step(
    'person',
    `INSERT INTO person (id, citizen_id, full_name, search_key, sex, date_of_birth, phone, hamlet_id, household_id, support_category, created_by, version)
     SELECT id,
            pg_temp.pick($11::text[], pg_temp.rnd(21, id)) || ((CASE WHEN year >= 2000 THEN 2 ELSE 0 END) + (CASE WHEN male THEN 0 ELSE 1 END))::text
              || lpad((year % 100)::text, 2, '0') || (100000 + (id * 611953) % 900000)::text,
            ($1::text[])[f] || ' ' || (CASE WHEN male THEN ($3::text[])[mi] ELSE ($5::text[])[mi] END) || ' ' || (CASE WHEN male THEN ($7::text[])[gi] ELSE ($9::text[])[gi] END),
            ($2::text[])[f] || ' ' || (CASE WHEN male THEN ($4::text[])[mi] ELSE ($6::text[])[mi] END) || ' ' || (CASE WHEN male THEN ($8::text[])[gi] ELSE ($10::text[])[gi] END),
            CASE WHEN male THEN 'MALE' ELSE 'FEMALE' END, dob,
            CASE WHEN year <= 2006 AND pg_temp.rnd(22, id) < 0.7 THEN pg_temp.pick($12::text[], pg_temp.rnd(23, id)) || lpad(floor(pg_temp.rnd(24, id) * 10000000)::int::text, 7, '0') END,
            hamlet_id, hh, category, $13::int, 1
       FROM (SELECT p.*, ${nameIndex('$1::text[]', 'family_r')} AS f,
                    CASE WHEN male THEN ${nameIndex('$3::text[]', 'pg_temp.rnd(19, id)')} ELSE ${nameIndex('$5::text[]', 'pg_temp.rnd(19, id)')} END AS mi,
                    CASE WHEN male THEN ${nameIndex('$7::text[]', 'pg_temp.rnd(20, id)')} ELSE ${nameIndex('$9::text[]', 'pg_temp.rnd(20, id)')} END AS gi
               FROM bench_person p) p`,
    [FAMILY, folded(FAMILY), MIDDLE_MALE, folded(MIDDLE_MALE), MIDDLE_FEMALE, folded(MIDDLE_FEMALE), GIVEN_MALE, folded(GIVEN_MALE), GIVEN_FEMALE, folded(GIVEN_FEMALE), BIRTH_PROVINCES, PHONE_PREFIXES, adminId],
  );

  // Participants, exactly `participants` per base office: whole households in household HI (up to
  // HI_SHARE of them, ladder by their order in the household), then voluntary SI for other people,
  // working-age first.
  await step(
    'participants (temp)',
    `CREATE TEMP TABLE bench_participant AS
     WITH hi AS (
       SELECT id AS hh, b FROM (SELECT h.id, h.b, sum(h.size) OVER (PARTITION BY h.b ORDER BY pg_temp.rnd(30, h.id), h.id) AS cum FROM bench_household h) x
        WHERE cum <= $1::int),
     hi_members AS (
       SELECT p.id AS person_id, p.b, p.hamlet_id, p.hh, p.category, 'HOUSEHOLD_HI'::text AS scheme, p.m AS member_order
         FROM bench_person p JOIN hi USING (hh)),
     hi_count AS (SELECT b, count(*)::int AS n FROM hi_members GROUP BY b),
     vsi AS (
       SELECT p.id AS person_id, p.b, p.hamlet_id, p.hh, p.category, 'VOLUNTARY_SI'::text AS scheme, NULL::int AS member_order,
              row_number() OVER (PARTITION BY p.b ORDER BY (p.year BETWEEN 1966 AND 2006)::int + pg_temp.rnd(31, p.id) DESC) AS rank
         FROM bench_person p WHERE NOT EXISTS (SELECT 1 FROM hi WHERE hi.hh = p.hh))
     SELECT * FROM hi_members
     UNION ALL
     SELECT v.person_id, v.b, v.hamlet_id, v.hh, v.category, v.scheme, v.member_order FROM vsi v LEFT JOIN hi_count c USING (b)
      WHERE v.rank <= $2::int - coalesce(c.n, 0)`,
    [Math.round(participants * HI_SHARE), participants],
  );

  // Enrollments: mode, income, start (80 % before the last 12 months), organization (the hamlet's
  // main one 75 %, the other 15 %, the office 10 %), a collector of their own for a quarter of
  // those with an organization, and how they pay: regular (voluntary SI 60 %, HI 72 %), late (12 %,
  // 8 %; 35 % of their dues late) or stopping at a month of the last twelve (28 %, 20 %; then ended
  // by staff 45 % of the time, once 3 months have passed): about a tenth of the dues past their day
  // stay unpaid.
  const cycleMonth = monthIndex(month);
  const todayMonth = monthIndex(monthOf(today));
  await c.query(
    `CREATE TEMP TABLE bench_candidates AS
     SELECT h.hamlet_id, c.collection_organization_id AS org, array_agg(c.id ORDER BY c.id) AS ids
       FROM bench_hamlet h JOIN collector_area a ON a.unit_id IN (h.hamlet_id, h.commune_id) JOIN collector c ON c.id = a.collector_id
      GROUP BY 1, 2`,
  );
  await step(
    'enrollments (temp)',
    `CREATE TEMP TABLE bench_enrollment AS
     WITH p AS (
       SELECT p.*, x.commune_id, x.main_org, x.other_org,
              CASE WHEN p.scheme = 'VOLUNTARY_SI' THEN p.person_id ELSE -p.hh END AS k
         FROM bench_participant p JOIN bench_hamlet x USING (hamlet_id)),
     q AS (
       SELECT p.*,
              CASE WHEN scheme = 'VOLUNTARY_SI'
                   THEN CASE WHEN pg_temp.rnd(40, k) < 0.45 THEN 'MONTHLY' WHEN pg_temp.rnd(40, k) < 0.80 THEN 'QUARTERLY' WHEN pg_temp.rnd(40, k) < 0.92 THEN 'SEMIANNUAL' ELSE 'ANNUAL' END
                   ELSE CASE WHEN pg_temp.rnd(40, k) < 0.55 THEN 'ANNUAL' WHEN pg_temp.rnd(40, k) < 0.85 THEN 'SEMIANNUAL' ELSE 'QUARTERLY' END END AS mode,
              CASE WHEN scheme = 'VOLUNTARY_SI'
                   THEN CASE WHEN pg_temp.rnd(42, k) < 0.52 THEN 1500000 WHEN pg_temp.rnd(42, k) < 0.66 THEN 2000000 WHEN pg_temp.rnd(42, k) < 0.74 THEN 2340000
                             WHEN pg_temp.rnd(42, k) < 0.86 THEN 3000000 WHEN pg_temp.rnd(42, k) < 0.93 THEN 4000000 WHEN pg_temp.rnd(42, k) < 0.98 THEN 5000000 ELSE 7000000 END END AS income,
              $1::int - CASE WHEN pg_temp.rnd(43, k) < 0.8 THEN 12 + floor(pg_temp.rnd(44, k) * 36)::int ELSE floor(pg_temp.rnd(44, k) * 12)::int END AS s,
              CASE WHEN pg_temp.rnd(46, k) < 0.75 THEN main_org WHEN pg_temp.rnd(46, k) < 0.90 THEN other_org END AS org,
              CASE WHEN pg_temp.rnd(47, person_id) < (CASE WHEN scheme = 'VOLUNTARY_SI' THEN 0.60 ELSE 0.72 END) THEN 'R'
                   WHEN pg_temp.rnd(47, person_id) < (CASE WHEN scheme = 'VOLUNTARY_SI' THEN 0.72 ELSE 0.80 END) THEN 'L' ELSE 'S' END AS behaviour
         FROM p OFFSET 0),
     r AS (
       SELECT q.*,
              CASE mode WHEN 'MONTHLY' THEN 1 WHEN 'QUARTERLY' THEN 3 WHEN 'SEMIANNUAL' THEN 6 ELSE 12 END AS len,
              CASE WHEN scheme = 'VOLUNTARY_SI' THEN pg_temp.month_start(s) + floor(pg_temp.rnd(45, k) * 28)::int ELSE pg_temp.month_start(s) END AS start_date,
              greatest(s, $1::int - 11 + floor(pg_temp.rnd(48, person_id) * 12)::int) AS stop_month
         FROM q OFFSET 0)
     SELECT row_number() OVER (ORDER BY person_id, scheme) AS id, r.*,
            behaviour = 'S' AND pg_temp.rnd(49, person_id) < 0.45 AND stop_month <= $2::int - 3 AS ended,
            greatest(start_date, pg_temp.month_start(stop_month) - 1) AS end_date,
            CASE WHEN pg_temp.rnd(50, person_id) < 0.25 THEN x.ids[1 + floor(pg_temp.rnd(51, person_id) * cardinality(x.ids))::int] END AS collector_id
       FROM r LEFT JOIN bench_candidates x ON x.hamlet_id = r.hamlet_id AND x.org = r.org`,
    [cycleMonth, todayMonth],
  );

  // (OFFSET 0 keeps each step a subquery of its own: flattened, the later steps would repeat the
  // earlier ones' expressions for every use, several times over.)
  // Dues: the periods overlapping the 12 months up to the cycle's, up to 12 months after today's
  // (the daily job's horizon; a stopper's stop 12 months after it stopped paying; an income under
  // 2027's 2,200,000 floor none in 2027, as the job leaves them). Due dates by the payment mode
  // (voluntary SI: the last day of the period's 1st, 3rd, 4th or 7th month; a HI card: the day
  // before it starts). Amounts by the rules from 2025-07-01 (22 % of the income less the support
  // of the category; HI 4.5 % of 2,340,000 down the ladder). Paid within the window's first 25
  // days, or 3–45 days late (3 % of dues, 35 % for late payers), none from the stop month on;
  // a due whose day has not come is open; 3 % of the open ones half paid.
  // Enrollments first (ended ones STOPPED, the others ACTIVE until their dues say otherwise).
  await step(
    'enrollment',
    `INSERT INTO enrollment (id, person_id, scheme, status, start_date, end_date, declared_monthly_income, payment_mode, member_order, collection_organization_id, registered_by, version, collector_id)
     SELECT e.id, e.person_id, e.scheme, CASE WHEN e.ended THEN 'STOPPED' ELSE 'ACTIVE' END, e.start_date, CASE WHEN e.ended THEN e.end_date END,
            e.income, e.mode, e.member_order, e.org, $1::int, CASE WHEN e.ended THEN 3 ELSE 1 END, e.collector_id
       FROM bench_enrollment e`,
    [adminId],
  );
  await step(
    'contribution_due',
    `INSERT INTO contribution_due (id, enrollment_id, period_start, period_end, due_date, months, gross, support, payable, paid, status, settled_on)
     WITH d AS (
       SELECT e.id AS enrollment_id, e.scheme, e.mode, e.len, e.behaviour, e.stop_month, e.start_date, e.ended, e.end_date, e.income, e.category, e.member_order,
              e.id * 100 + g.k AS key, e.s + g.k * e.len AS ps
         FROM bench_enrollment e
         CROSS JOIN LATERAL generate_series(
           greatest(0, ceil(($1::int - 11 - e.s - e.len + 1)::numeric / e.len)::int),
           least(floor(($2::int + 12 - e.s)::numeric / e.len)::int,
                 CASE WHEN e.scheme = 'VOLUNTARY_SI' AND e.income < 2200000 THEN floor(($3::int - e.s - e.len)::numeric / e.len)::int ELSE 1000 END,
                 CASE WHEN e.behaviour = 'S' THEN floor((e.stop_month + 12 - e.s)::numeric / e.len)::int ELSE 1000 END)) g(k)
       OFFSET 0),
     t AS (
       SELECT d.*,
              CASE WHEN scheme = 'HOUSEHOLD_HI' THEN ps - 1 WHEN mode = 'MONTHLY' THEN ps WHEN mode = 'QUARTERLY' THEN ps + 2 WHEN mode = 'SEMIANNUAL' THEN ps + 3 ELSE ps + 6 END AS due_month,
              CASE WHEN scheme = 'HOUSEHOLD_HI' THEN pg_temp.month_start(ps - 1) ELSE greatest(pg_temp.month_start(ps), start_date) END AS opens,
              len * CASE WHEN scheme = 'VOLUNTARY_SI' THEN income * 22 / 100
                         ELSE (ARRAY[105300, 73710, 63180, 52650, 42120])[least(member_order, 5)] END AS gross,
              len * CASE WHEN scheme = 'VOLUNTARY_SI' THEN CASE category WHEN 'POOR' THEN 165000 WHEN 'NEAR_POOR' THEN 132000 WHEN 'ETHNIC_MINORITY' THEN 99000 ELSE 66000 END ELSE 0 END AS support
         FROM d OFFSET 0),
     u AS (
       SELECT t.*, pg_temp.month_end(due_month) AS due_date,
              behaviour = 'S' AND due_month >= stop_month AS stopped
         FROM t OFFSET 0),
     v AS (
       SELECT u.*,
              CASE WHEN pg_temp.rnd(60, key) < (CASE WHEN behaviour = 'L' THEN 0.35 ELSE 0.03 END)
                   THEN due_date + 3 + floor(pg_temp.rnd(61, key) * 43)::int
                   ELSE opens + floor(pg_temp.rnd(61, key) * least(25, greatest(1, due_date - opens + 1)))::int END AS payday
         FROM u OFFSET 0)
     SELECT row_number() OVER (ORDER BY enrollment_id, ps) AS id, enrollment_id,
            pg_temp.month_start(ps) AS period_start, pg_temp.month_end(ps + len - 1) AS period_end, due_date, len AS months, gross, support, gross - support AS payable,
            CASE WHEN NOT stopped AND payday <= $4::date THEN gross - support
                 WHEN NOT stopped AND due_date <= $4::date + 31 AND pg_temp.rnd(62, key) < 0.03 THEN (gross - support) / 2000 * 1000
                 ELSE 0 END AS paid,
            CASE WHEN NOT stopped AND payday <= $4::date THEN CASE WHEN payday <= due_date THEN 'PAID' ELSE 'LATE_PAID' END
                 WHEN ended AND stopped AND pg_temp.month_start(ps) > end_date THEN 'CANCELLED'
                 ELSE 'OPEN' END AS status,
            CASE WHEN NOT stopped AND payday <= $4::date THEN payday END AS settled_on
       FROM v`,
    [cycleMonth, todayMonth, monthIndex('2027-01'), today],
  );
  // Status as the daily jobs leave it: an unpaid due past its day makes an enrollment LAPSED.
  await step(
    'enrollment status',
    `UPDATE enrollment SET status = 'LAPSED', version = 2
      WHERE status = 'ACTIVE' AND id IN (SELECT enrollment_id FROM contribution_due WHERE status = 'OPEN' AND due_date < $1::date)`,
    [today],
  );
  for (const table of ['household', 'person', 'enrollment', 'contribution_due']) {
    await c.query(`SELECT setval(pg_get_serial_sequence($1, 'id'), (SELECT max(id) FROM ${table}))`, [table]);
  }
  const { rows: [n] } = await c.query(
    `SELECT (SELECT count(*) FROM household)::int AS households, (SELECT count(*) FROM person)::int AS persons,
            (SELECT count(DISTINCT person_id) FROM enrollment)::int AS participants,
            (SELECT count(*) FROM enrollment WHERE scheme = 'VOLUNTARY_SI')::int AS "voluntarySi",
            (SELECT count(*) FROM enrollment WHERE scheme = 'HOUSEHOLD_HI')::int AS "householdHi",
            (SELECT count(*) FROM enrollment WHERE status = 'ACTIVE')::int AS active,
            (SELECT count(*) FROM enrollment WHERE status = 'LAPSED')::int AS lapsed,
            (SELECT count(*) FROM enrollment WHERE status = 'STOPPED')::int AS stopped,
            (SELECT count(*) FROM enrollment WHERE collector_id IS NOT NULL)::int AS "withOwnCollector",
            (SELECT count(*) FROM contribution_due)::int AS dues,
            (SELECT count(*) FROM contribution_due WHERE status = 'OPEN')::int AS "openDues",
            (SELECT count(*) FROM contribution_due WHERE due_date < $1::date AND status <> 'CANCELLED')::int AS "pastDues",
            (SELECT count(*) FROM contribution_due WHERE due_date < $1::date AND status = 'PAID')::int AS "pastPaidOnTime",
            (SELECT count(*) FROM contribution_due WHERE due_date < $1::date AND status = 'LATE_PAID')::int AS "pastPaidLate",
            (SELECT count(*) FROM contribution_due WHERE due_date < $1::date AND status = 'OPEN')::int AS "pastUnpaid",
            (SELECT count(*) FROM person p WHERE NOT EXISTS (SELECT 1 FROM person q WHERE q.citizen_id = p.citizen_id AND q.id <> p.id))::int AS "uniqueCitizenIds"`,
    [today],
  );
  return n;
}

/** Checks a sample of the generated people against the API's own rules (folding, citizen IDs). */
async function checkSample(c: pg.Client): Promise<void> {
  const { rows } = await c.query(`SELECT citizen_id, full_name, search_key, sex, date_of_birth::text AS dob FROM person ORDER BY id LIMIT 200`);
  for (const r of rows as { citizen_id: string; full_name: string; search_key: string; sex: string; dob: string }[]) {
    if (foldVietnamese(r.full_name) !== r.search_key) throw new Error(`person ${r.citizen_id}: search_key "${r.search_key}" is not foldVietnamese("${r.full_name}")`);
    if (!/^\d{12}$/.test(r.citizen_id) || !CITIZEN_ID_PROVINCES[r.citizen_id.slice(0, 3)]) throw new Error(`person: bad citizen ID ${r.citizen_id}`);
    const year = Number(r.dob.slice(0, 4));
    const digit = (year >= 2000 ? 2 : 0) + (r.sex === 'FEMALE' ? 1 : 0);
    if (Number(r.citizen_id[3]) !== digit || r.citizen_id.slice(4, 6) !== r.dob.slice(2, 4)) throw new Error(`person ${r.citizen_id}: century/sex digit or year disagrees with ${r.sex} ${r.dob}`);
  }
}

/**
 * The benchmark's database. A full run keeps what it generates as a database on the server
 * (keptDatabase: made by this file's code, the API's migrations, today and the size) and measures
 * on a copy of it: a second run the same day skips the 50 s of generation. A quick run (CI's smoke)
 * generates into a database of its own and keeps nothing.
 */
async function setup(ctx: BenchContext, participants: number, keep: boolean): Promise<Setup> {
  const today = todayInVietnam();
  const month = cycleMonthDue(today);
  if (!keep) {
    const db = await createBenchDatabase('cycle');
    try {
      return { db, today, month, ...(await generate(ctx, db, participants, today, month)) };
    } catch (err) {
      await db.drop();
      throw err;
    }
  }
  const key = createHash('sha1').update(fs.readFileSync(__filename)).update(`${schemaDigest()}:${today}:${participants}:${SEED}`).digest('hex').slice(0, 12);
  const started = clock();
  const kept = await keptDatabase(`cycle_${participants}`, key, (db) => generate(ctx, db, participants, today, month));
  const db = await createBenchDatabase('cycle', kept.name);
  ctx.log(kept.made ? `  kept as ${kept.name} for the next run today` : `  ${kept.name} (generated earlier today by this code on these migrations) copied in ${fmtMs(clock() - started)} ms`);
  return { db, today, month, ...kept.meta };
}

/** The made-up province, its people, enrollments and dues, into `db` (see the top of this file). */
async function generate(ctx: BenchContext, db: BenchDatabase, participants: number, today: string, month: string): Promise<Pick<Setup, 'tree' | 'counts' | 'steps'>> {
  const steps: Record<string, number> = {};
  const time = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
    const started = clock();
    const result = await work();
    steps[label] = clock() - started;
    return result;
  };
  await time('prepareDatabase', async () => {
    const open = await openDatabase(db.url, null);
    try {
      await prepareDatabase(open.ds, { seed: 'none', referenceUnits: 'all', adminUsername: ADMIN.username, adminPassword: ADMIN.password }, createLogger('silent'));
    } finally {
      await open.close();
    }
  });
  ctx.log(`  prepared (migrations, reference units, the administrator) in ${fmtMs(steps.prepareDatabase)} ms`);
  const { tree, counts } = await withClient(db.url, async (c) => {
    // Generated rows are consistent by construction: foreign keys are not checked row by row
    // while they go in (session_replication_role needs a superuser; without one they are).
    // Room for the temporary tables and sorts of the generator, and no JIT (it compiled the
    // generator's long expressions for seconds on every statement). Setup only.
    await c.query(`SET jit = off`);
    await c.query(`SET temp_buffers = '256MB'`);
    await c.query(`SET work_mem = '256MB'`);
    const replica = await c.query(`SET session_replication_role = replica`).then(
      () => true,
      () => false,
    );
    const rand = seeded(SEED);
    const [{ id: adminId }] = (await c.query(`SELECT id FROM app_user WHERE username = $1`, [ADMIN.username])).rows;
    const tree = await time('units', () => insertUnits(c, rand));
    const { orgIds, collectors } = await time('collectors', () => insertCollectors(c, tree, rand));
    ctx.log(`  province ${PROVINCE.code}: ${tree.bases.length} base offices, ${tree.communes.length} communes, ${tree.hamlets.length} hamlets, ${collectors} collectors of ${orgIds.length} organizations (${fmtMs(steps.units + steps.collectors)} ms)`);
    ctx.log(`  people, enrollments and dues for ${participants.toLocaleString('en-US')} participants per base office (today ${today}, cycle month ${month})${replica ? '' : ' (foreign keys checked: not a superuser)'}:`);
    const counts = await time('participants', () => insertParticipants(c, tree, orgIds, adminId, participants, today, month, ctx.log));
    if (replica) await c.query(`SET session_replication_role = DEFAULT`);
    await checkSample(c);
    await time('vacuum', () => c.query(`VACUUM (ANALYZE)`));
    await c.query('CHECKPOINT').catch(() => {});
    const all: Record<string, number> = { ...counts, baseOffices: tree.bases.length, communes: tree.communes.length, hamlets: tree.hamlets.length, collectors };
    return { tree, counts: all };
  });
  const pastDues = counts.pastDues;
  ctx.log(
    `  ${counts.persons.toLocaleString('en-US')} persons in ${counts.households.toLocaleString('en-US')} households, ${counts.participants.toLocaleString('en-US')} participants ` +
      `(${counts.voluntarySi.toLocaleString('en-US')} voluntary SI, ${counts.householdHi.toLocaleString('en-US')} household HI; ${counts.active.toLocaleString('en-US')} active, ${counts.lapsed.toLocaleString('en-US')} lapsed, ${counts.stopped.toLocaleString('en-US')} stopped), ` +
      `${counts.dues.toLocaleString('en-US')} dues (${counts.openDues.toLocaleString('en-US')} open); of the ${pastDues.toLocaleString('en-US')} past their day: ` +
      `${((100 * counts.pastPaidOnTime) / pastDues).toFixed(1)} % paid on time, ${((100 * counts.pastPaidLate) / pastDues).toFixed(1)} % late, ${((100 * counts.pastUnpaid) / pastDues).toFixed(1)} % unpaid`,
  );
  if (counts.uniqueCitizenIds !== counts.persons) throw new Error(`citizen IDs are not unique: ${counts.uniqueCitizenIds} of ${counts.persons}`);
  if (counts.participants !== participants * tree.bases.length) throw new Error(`expected ${participants * tree.bases.length} participants, made ${counts.participants}`);
  ctx.log(`  setup took ${fmtMs(sum(Object.values(steps)))} ms (VACUUM (ANALYZE) ${fmtMs(steps.vacuum)} ms)`);
  return { tree, counts, steps };
}

// ── Measuring ────────────────────────────────────────────────────────────────────────────────────

const GENERATE = `mutation($b: ID!, $m: Month!) { generateCollectionCycle(baseUnitId: $b, month: $m) { id month version } }`;

/** What a statement of a generation is, by the start of its SQL (as the probe records it). */
function kindOf(sql: string): string {
  if (sql.startsWith('SELECT pg_advisory_xact_lock')) return 'lock';
  if (sql.startsWith('SELECT md5(string_agg')) return 'digest';
  if (sql.startsWith('INSERT INTO due_list_entry')) return 'entries';
  if (sql.startsWith('INSERT INTO "collection_cycle"')) return 'cycle row';
  if (sql.startsWith('SELECT "CollectionCycleEntity"')) return 'cycle lookups';
  if (/^(START TRANSACTION|BEGIN|COMMIT|ROLLBACK)/.test(sql)) return 'begin/commit';
  if (sql.startsWith('INSERT INTO "audit_event"')) return 'audit';
  if (sql.startsWith('SELECT u.id, u.username')) return 'session';
  if (sql.startsWith('SELECT "OrgUnitEntity"')) return 'base office';
  return 'other';
}

interface ApiRun {
  ms: number;
  cycleId: number;
  entries: number;
  statements: { kind: string; ms: number; sql?: string }[];
}

interface BareRun {
  /** BEGIN … COMMIT: the statements generateCycle runs, with pg. */
  ms: number;
  digestMs: number;
  insertMs: number;
  entries: number;
  cycleId: number;
}

class Runner {
  private probeOffset = 0;
  constructor(
    private readonly c: pg.Client,
    private readonly api: BenchApi,
    private readonly token: string,
    private readonly probeFile: string,
    private readonly entries: string,
    readonly month: string,
  ) {}

  /** Deletes the month's cycles (entries by cascade), vacuums, checkpoints: the next run writes version 1 again. */
  async clean(): Promise<void> {
    await this.c.query(`DELETE FROM collection_cycle WHERE month = $1`, [this.month]);
    await this.c.query(`VACUUM due_list_entry, collection_cycle`);
    await this.c.query('CHECKPOINT').catch(() => {});
  }

  /** generateCollectionCycle over HTTP, and the API's statements of it (from the probe). */
  async api1(base: Unit, keepSql = false): Promise<ApiRun> {
    this.probeOffset = readProbe(this.probeFile, this.probeOffset).offset;
    const { ms, body } = await this.api.post(GENERATE, { b: String(base.id), m: this.month }, this.token);
    if (body.errors?.length || !body.data) throw new Error(`generateCollectionCycle: ${JSON.stringify(body.errors)}`);
    const cycle = body.data.generateCollectionCycle as { id: string; version: number };
    if (cycle.version !== 1) throw new Error(`expected a new version 1, the API answered version ${cycle.version}`);
    // The probe writes each statement's line when it ends: all of them are in before the answer.
    const { entries: lines, offset } = readProbe(this.probeFile, this.probeOffset);
    this.probeOffset = offset;
    // Nothing else calls the API (JOBS=off): every statement since the offset is this request's.
    const statements = lines.map((l: ProbeEntry) => ({ kind: kindOf(l.sql), ms: l.ms, ...(keepSql ? { sql: l.sql } : {}) }));
    const [{ n }] = (await this.c.query(`SELECT count(*)::int AS n FROM due_list_entry WHERE cycle_id = $1`, [cycle.id])).rows;
    return { ms, cycleId: Number(cycle.id), entries: n, statements };
  }

  /**
   * The same statements as generateCycle, bare, with pg in one transaction: the lock, the latest
   * version, the new cycle row, its entries written once (INSERT … SELECT ENTRIES_SQL), their digest
   * read back from the table, the fingerprint set. (Its digest was once ENTRIES_SQL run a second
   * time; the bare side ran that shape after the API had left it, twice the work of the API's.)
   */
  async bare1(base: Unit): Promise<BareRun> {
    const params = cycleParams(base.path, this.month);
    const started = clock();
    await this.c.query('BEGIN');
    try {
      await this.c.query(`SELECT pg_advisory_xact_lock(hashtext('collection_cycle'), $1)`, [base.id]);
      await this.c.query(`SELECT id, version, fingerprint FROM collection_cycle WHERE base_unit_id = $1 AND month = $2 ORDER BY version DESC LIMIT 1`, [base.id, this.month]);
      await this.c.query('SAVEPOINT cycle_generation');
      const { rows: [{ id }] } = await this.c.query(
        `INSERT INTO collection_cycle (base_unit_id, month, version, fingerprint, generated_by) VALUES ($1, $2, 1, '-', NULL) RETURNING id`,
        [base.id, this.month],
      );
      const i0 = clock();
      const inserted = await this.c.query(insertSql(this.entries), [...params, id]);
      const insertMs = clock() - i0;
      const d0 = clock();
      const { rows: [digest] } = await this.c.query(WRITTEN_DIGEST_SQL, [id]);
      const digestMs = clock() - d0;
      await this.c.query('RELEASE SAVEPOINT cycle_generation');
      await this.c.query(`UPDATE collection_cycle SET fingerprint = $2 WHERE id = $1`, [id, digest.digest ?? '']);
      await this.c.query('COMMIT');
      return { ms: clock() - started, digestMs, insertMs, entries: inserted.rowCount ?? 0, cycleId: id };
    } catch (err) {
      await this.c.query('ROLLBACK');
      throw err;
    }
  }

  /**
   * What generateCycle's SQL could be with ENTRIES_SQL run once: the entries into a temporary
   * table, the digest over it, the INSERT from it (a what-if from when the API ran ENTRIES_SQL twice; it now writes the entries once and reads their digest back).
   */
  async onePass(base: Unit): Promise<BareRun> {
    const params = cycleParams(base.path, this.month);
    await this.c.query(
      `CREATE TEMP TABLE IF NOT EXISTS bench_entries (kind text, collection_organization_id int, collector_id int, enrollment_id int, due_id int, person_id int,
         hamlet_id int, commune_id int, scheme varchar(16), period_start date, due_date date, amount int) ON COMMIT DELETE ROWS`,
    );
    const started = clock();
    await this.c.query('BEGIN');
    try {
      await this.c.query(`SELECT pg_advisory_xact_lock(hashtext('collection_cycle'), $1)`, [base.id]);
      const d0 = clock();
      await this.c.query(`INSERT INTO bench_entries ${this.entries}`, params);
      const { rows: [digest] } = await this.c.query(
        `SELECT md5(string_agg(concat_ws(':', kind, due_id, amount, collection_organization_id, collector_id), ',' ORDER BY kind, due_id)) AS digest, count(*)::int AS n FROM bench_entries`,
      );
      const digestMs = clock() - d0;
      await this.c.query(`SELECT id, version, fingerprint FROM collection_cycle WHERE base_unit_id = $1 AND month = $2 ORDER BY version DESC LIMIT 1`, [base.id, this.month]);
      const { rows: [{ id }] } = await this.c.query(
        `INSERT INTO collection_cycle (base_unit_id, month, version, fingerprint, generated_by) VALUES ($1, $2, 1, $3, NULL) RETURNING id`,
        [base.id, this.month, digest.digest ?? ''],
      );
      const i0 = clock();
      const inserted = await this.c.query(
        `INSERT INTO due_list_entry (cycle_id, kind, collection_organization_id, collector_id, enrollment_id, due_id, person_id, hamlet_id, commune_id, scheme, period_start, due_date, amount)
         SELECT $1, kind, collection_organization_id, collector_id, enrollment_id, due_id, person_id, hamlet_id, commune_id, scheme, period_start, due_date, amount FROM bench_entries`,
        [id],
      );
      const insertMs = clock() - i0;
      await this.c.query('COMMIT');
      return { ms: clock() - started, digestMs, insertMs, entries: inserted.rowCount ?? 0, cycleId: id };
    } catch (err) {
      await this.c.query('ROLLBACK');
      throw err;
    }
  }

  /** Count and digest of a cycle's entries (every column the generation writes), to compare two cycles. */
  async digestOf(cycleId: number): Promise<string> {
    const { rows: [r] } = await this.c.query(
      `SELECT count(*) || ':' || md5(string_agg(concat_ws(':', kind, due_id, amount, collection_organization_id, collector_id, enrollment_id, person_id, hamlet_id, commune_id, scheme, period_start, due_date), ',' ORDER BY kind, due_id)) AS d
         FROM due_list_entry WHERE cycle_id = $1`,
      [cycleId],
    );
    return r.d as string;
  }

  /** EXPLAIN (ANALYZE, BUFFERS) of the digest and of the INSERT (rolled back). */
  async explain(base: Unit): Promise<{ digest: string; insert: string }> {
    const params = cycleParams(base.path, this.month);
    const plan = async (sql: string, values: unknown[]) =>
      (await this.c.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, values)).rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
    await this.c.query('BEGIN');
    try {
      const digest = await plan(digestSql(this.entries), params);
      const { rows: [{ id }] } = await this.c.query(`INSERT INTO collection_cycle (base_unit_id, month, version, fingerprint) VALUES ($1, $2, 1, 'explain') RETURNING id`, [base.id, this.month]);
      const insert = await plan(insertSql(this.entries), [...params, id]);
      return { digest, insert };
    } finally {
      await this.c.query('ROLLBACK');
    }
  }
}

/** Median ms per statement kind over the runs, and what is left outside SQL. */
function breakdown(runs: ApiRun[]): Record<string, number> {
  const kinds = [...new Set(runs.flatMap((r) => r.statements.map((s) => s.kind)))];
  const out: Record<string, number> = {};
  for (const kind of kinds) out[kind] = median(runs.map((r) => sum(r.statements.filter((s) => s.kind === kind).map((s) => s.ms))));
  out['outside SQL (HTTP, GraphQL, JS, waits)'] = median(runs.map((r) => r.ms - sum(r.statements.map((s) => s.ms))));
  return out;
}

const ratioSummary = (api: number[], bare: number[]) => summarize(api.map((a, i) => a / bare[i]));

export const cycleBench: Benchmark = {
  name: 'cycle',
  description: 'monthly collection cycle: generateCollectionCycle over HTTP for a base office of 20,000 participants and a province of 200,000, the 25th job, beside its bare SQL',
  async run(ctx) {
    if (!ctx.options.backends.includes('postgres')) {
      ctx.log('  the cycle benchmark runs on PostgreSQL only (its budgets are PostgreSQL ones): nothing to do on PGlite');
      return;
    }
    const { participants, baseRuns, provinceRuns, jobRuns } = sizes(ctx.options.quick);
    const budgets = participants === GOAL_PARTICIPANTS;
    const backend = BACKEND_LABEL.postgres;
    const bench = `cycle ${participants.toLocaleString('en-US')}/base office`;
    const build = ensureApiBuilt(ctx.log);
    ctx.log(`  API build: apps/api/dist of ${build.head}${build.dirty ? ' with uncommitted changes in apps/api or packages/domain' : ''}${build.built ? ' (built now)' : ''}`);
    ctx.detail('api', build);
    ctx.detail('entriesSql', { sql: oneLine(ENTRIES_SQL) });

    ctx.log(`Setting up on PostgreSQL (${serverUrl.replace(/\/\/[^@/]*@/, '//…@')})…`);
    const s = await setup(ctx, participants, !ctx.options.quick);
    ctx.detail('setup', { today: s.today, month: s.month, counts: s.counts, stepsMs: s.steps });
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bao-phu-bench-cycle-'));
    const probeFile = path.join(work, 'probe.jsonl');
    let child: ApiChild | null = null;
    let api: BenchApi | null = null;
    const c = new pg.Client({ connectionString: s.db.url });
    await c.connect();
    try {
      child = await startApiChild({ DATABASE_URL: s.db.url, SEED: 'none', JOBS: 'off', REFERENCE_UNITS: 'all', ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password }, probeFile);
      api = connectBenchApi(child.port);
      const token = await api.login(ADMIN.username, ADMIN.password);
      ctx.log(`  API (pid ${child.pid}) on port ${child.port}, JOBS=off, logged in as ${ADMIN.username} (ADMIN, whole country)`);
      const run = new Runner(c, api, token, probeFile, ENTRIES_SQL, s.month);
      const first = s.tree.bases[0];

      // 1. One base office.
      ctx.log(`Base office ${first.code} (${participants.toLocaleString('en-US')} participants), month ${s.month}: ${baseRuns} runs each way after one warm-up, cycles deleted before every run…`);
      await run.clean();
      const warm = await run.api1(first, true);
      ctx.detail('apiStatements', warm.statements);
      const apiDigest = await run.digestOf(warm.cycleId);
      await run.clean();
      const warmBare = await run.bare1(first);
      const bareDigest = await run.digestOf(warmBare.cycleId);
      if (apiDigest !== bareDigest) throw new Error(`the bare SQL wrote other entries than the API: ${bareDigest} against ${apiDigest}`);
      ctx.log(`  warm-up: API ${fmtMs(warm.ms)} ms, bare ${fmtMs(warmBare.ms)} ms; both wrote the same ${warm.entries.toLocaleString('en-US')} entries (digest ${apiDigest})`);
      const { rows: kinds } = await c.query(`SELECT kind, scheme, count(*)::int AS n, count(collector_id)::int AS with_collector FROM due_list_entry WHERE cycle_id = $1 GROUP BY 1, 2 ORDER BY 1, 2`, [warmBare.cycleId]);
      ctx.detail('baseEntries', kinds);
      const apiRuns: ApiRun[] = [];
      const bareRuns: BareRun[] = [];
      for (let i = 0; i < baseRuns; i++) {
        const order = i % 2 === 0 ? (['api', 'bare'] as const) : (['bare', 'api'] as const);
        for (const side of order) {
          await run.clean();
          if (side === 'api') apiRuns.push(await run.api1(first));
          else bareRuns.push(await run.bare1(first));
        }
        ctx.log(`  run ${i + 1}/${baseRuns}: API ${fmtMs(apiRuns[i].ms)} ms; bare ${fmtMs(bareRuns[i].ms)} ms (digest ${fmtMs(bareRuns[i].digestMs)}, INSERT ${fmtMs(bareRuns[i].insertMs)})`);
      }
      const baseParts = breakdown(apiRuns);
      ctx.log(`  the API's generation (medians): ${Object.entries(baseParts).map(([k, v]) => `${k} ${fmtMs(v)}`).join(', ')} ms`);
      const entriesNote = `${warm.entries.toLocaleString('en-US')} entries`;
      ctx.row({ benchmark: bench, case: `base office: generateCollectionCycle over HTTP`, backend, summary: summarize(apiRuns.map((r) => r.ms)), budgetMs: budgets ? BASE_BUDGET_MS : undefined, note: entriesNote });
      ctx.row({ benchmark: bench, case: `base office: bare INSERT … SELECT (ENTRIES_SQL)`, backend, summary: summarize(bareRuns.map((r) => r.insertMs)), note: entriesNote });
      ctx.row({ benchmark: bench, case: `base office: bare digest of the written entries`, backend, summary: summarize(bareRuns.map((r) => r.digestMs)) });
      ctx.row({ benchmark: bench, case: `base office: bare generateCycle SQL (lock, digest, INSERTs, COMMIT)`, backend, summary: summarize(bareRuns.map((r) => r.ms)) });
      ctx.row({
        benchmark: bench,
        case: `base office: API ÷ bare INSERT … SELECT`,
        backend,
        unit: 'x',
        summary: ratioSummary(apiRuns.map((r) => r.ms), bareRuns.map((r) => r.insertMs)),
        budgetMs: budgets ? RATIO_BUDGET : undefined,
        note: `API ÷ all bare statements ×${median(apiRuns.map((r, i) => r.ms / bareRuns[i].ms)).toFixed(2)}`,
      });
      ctx.ratio({
        name: 'cycle generation, base office',
        of: 'generateCollectionCycle over HTTP',
        to: 'its bare INSERT … SELECT',
        value: ratioSummary(apiRuns.map((r) => r.ms), bareRuns.map((r) => r.insertMs)).median,
        goal: { op: '<=', bound: RATIO_BUDGET },
        smoke: { op: '<=', bound: 3 },
      });

      // 2. The province: every base office, one after the other.
      ctx.log(`Province ${PROVINCE.code} (${s.tree.bases.length} base offices, ${(participants * s.tree.bases.length).toLocaleString('en-US')} participants): ${provinceRuns} run(s) each way, one base office after the other…`);
      const provinceApi: { ms: number; runs: ApiRun[] }[] = [];
      const provinceBare: { ms: number; insertMs: number; runs: BareRun[] }[] = [];
      for (let i = 0; i < provinceRuns; i++) {
        const order = i % 2 === 0 ? (['api', 'bare'] as const) : (['bare', 'api'] as const);
        for (const side of order) {
          await run.clean();
          const started = clock();
          if (side === 'api') {
            const runs: ApiRun[] = [];
            for (const base of s.tree.bases) runs.push(await run.api1(base));
            provinceApi.push({ ms: clock() - started, runs });
          } else {
            const runs: BareRun[] = [];
            for (const base of s.tree.bases) runs.push(await run.bare1(base));
            provinceBare.push({ ms: clock() - started, insertMs: sum(runs.map((r) => r.insertMs)), runs });
          }
        }
        ctx.log(`  run ${i + 1}/${provinceRuns}: API ${fmtMs(provinceApi[i].ms)} ms; bare ${fmtMs(provinceBare[i].ms)} ms (INSERTs ${fmtMs(provinceBare[i].insertMs)})`);
      }
      const provinceEntries = sum(provinceApi[0].runs.map((r) => r.entries));
      const provinceParts = breakdown(provinceApi.map((p) => ({ ms: p.ms, cycleId: 0, entries: 0, statements: p.runs.flatMap((r) => r.statements) })));
      ctx.log(`  the API's ${s.tree.bases.length} generations (medians of the totals): ${Object.entries(provinceParts).map(([k, v]) => `${k} ${fmtMs(v)}`).join(', ')} ms`);
      const perBase = s.tree.bases.map((b, j) => ({ base: b.code, apiMs: median(provinceApi.map((p) => p.runs[j].ms)), bareInsertMs: median(provinceBare.map((p) => p.runs[j].insertMs)), entries: provinceApi[0].runs[j].entries }));
      ctx.row({ benchmark: bench, case: `province: ${s.tree.bases.length} × generateCollectionCycle over HTTP, sequential`, backend, summary: summarize(provinceApi.map((p) => p.ms)), budgetMs: budgets ? PROVINCE_BUDGET_MS : undefined, note: `${provinceEntries.toLocaleString('en-US')} entries` });
      ctx.row({ benchmark: bench, case: `province: ${s.tree.bases.length} bare INSERT … SELECT`, backend, summary: summarize(provinceBare.map((p) => p.insertMs)) });
      ctx.row({ benchmark: bench, case: `province: ${s.tree.bases.length} bare generateCycle SQL`, backend, summary: summarize(provinceBare.map((p) => p.ms)) });
      ctx.row({
        benchmark: bench,
        case: `province: API ÷ bare INSERT … SELECT`,
        backend,
        unit: 'x',
        summary: ratioSummary(provinceApi.map((p) => p.ms), provinceBare.map((p) => p.insertMs)),
        budgetMs: budgets ? RATIO_BUDGET : undefined,
        note: `API ÷ all bare statements ×${median(provinceApi.map((p, i) => p.ms / provinceBare[i].ms)).toFixed(2)}`,
      });
      ctx.ratio({
        name: 'cycle generation, province',
        of: 'generateCollectionCycle over HTTP, every base office',
        to: 'their bare INSERT … SELECT',
        value: ratioSummary(provinceApi.map((p) => p.ms), provinceBare.map((p) => p.insertMs)).median,
        goal: { op: '<=', bound: RATIO_BUDGET },
        smoke: { op: '<=', bound: 3 },
      });

      // 3. The 25th's job, in this process (its function; the scheduler is not involved).
      ctx.log(`The 25th's job: generateDueCycles in this process, ${jobRuns} run(s), its once-per-month marker reset and the cycles deleted before each…`);
      const jobMs: number[] = [];
      let jobBases = 0;
      const open = await openDatabase(s.db.url, null);
      try {
        for (let i = 0; i < jobRuns; i++) {
          await run.clean();
          await c.query(`DELETE FROM system_state WHERE key = $1`, [JOB_KEY]);
          const started = clock();
          const result = await generateDueCycles(open.ds, createLogger('silent'), s.today);
          jobMs.push(clock() - started);
          if (!result.ran || result.month !== s.month || result.created !== result.baseOffices) throw new Error(`generateDueCycles: ${JSON.stringify(result)}`);
          jobBases = result.baseOffices;
          ctx.log(`  run ${i + 1}/${jobRuns}: ${fmtMs(jobMs[i])} ms for ${result.baseOffices} base offices`);
        }
      } finally {
        await open.close();
      }
      ctx.row({
        benchmark: bench,
        case: `province: the 25th's job (generateDueCycles, one transaction)`,
        backend,
        summary: summarize(jobMs),
        budgetMs: budgets ? PROVINCE_BUDGET_MS : undefined,
        note: `${jobBases} open base offices in the database`,
      });
      const bareMedian = median(provinceBare.map((p) => p.insertMs));
      ctx.row({ benchmark: bench, case: `province: job ÷ bare INSERT … SELECT (median)`, backend, unit: 'x', summary: summarize(jobMs.map((m) => m / bareMedian)), budgetMs: budgets ? RATIO_BUDGET : undefined });

      // 4. What if: ENTRIES_SQL once instead of twice; indexes for the collector lookup and the open dues.
      // Diagnostics of an earlier analysis, not a goal: with --explain or BENCH_CYCLE_WHATIF=1, so
      // that `pnpm bench` stays short.
      if (ctx.options.explain || process.env.BENCH_CYCLE_WHATIF === '1') {
        const whatIfRuns = ctx.options.quick ? 1 : 3;
        ctx.log(`What if (base office ${first.code}, ${whatIfRuns} run(s) each, on this database; apps/api unchanged):`);
        const onePass: BareRun[] = [];
        for (let i = 0; i < whatIfRuns; i++) {
          await run.clean();
          onePass.push(await run.onePass(first));
          if (i === 0 && (await run.digestOf(onePass[0].cycleId)) !== apiDigest) throw new Error('the one-pass SQL wrote other entries than the API');
        }
        ctx.log(`  one pass (entries into a temporary table, digest and INSERT from it): ${onePass.map((r) => fmtMs(r.ms)).join(', ')} ms`);
        const INDEXES = [
          `CREATE INDEX bench_ix_collector_area_unit ON collector_area (unit_id)`,
          `CREATE INDEX bench_ix_contribution_due_open ON contribution_due (enrollment_id) WHERE status = 'OPEN'`,
        ];
        for (const ddl of INDEXES) await c.query(ddl);
        await c.query(`ANALYZE collector_area, contribution_due`);
        const idxApi: ApiRun[] = [];
        const idxBare: BareRun[] = [];
        const idxOnePass: BareRun[] = [];
        for (let i = 0; i < whatIfRuns; i++) {
          await run.clean();
          idxApi.push(await run.api1(first));
          if (i === 0 && (await run.digestOf(idxApi[0].cycleId)) !== apiDigest) throw new Error('with the indexes, the API wrote other entries');
          await run.clean();
          idxBare.push(await run.bare1(first));
          if (i === 0 && (await run.digestOf(idxBare[0].cycleId)) !== apiDigest) throw new Error('with the indexes, the bare SQL wrote other entries');
          await run.clean();
          idxOnePass.push(await run.onePass(first));
          if (i === 0 && (await run.digestOf(idxOnePass[0].cycleId)) !== apiDigest) throw new Error('with the indexes, the one-pass SQL wrote other entries');
        }
        ctx.log(`  with ${INDEXES.map((d) => d.replace(/^CREATE INDEX \w+ /, '')).join(' and ')}:`);
        ctx.log(`    API ${idxApi.map((r) => fmtMs(r.ms)).join(', ')} ms; bare INSERT ${idxBare.map((r) => fmtMs(r.insertMs)).join(', ')} ms; one pass ${idxOnePass.map((r) => fmtMs(r.ms)).join(', ')} ms`);
        const plansIdx = await (async () => {
          await run.clean();
          return run.explain(first);
        })();
        for (const ddl of INDEXES) await c.query(`DROP INDEX ${ddl.split(' ')[2]}`);
        ctx.row({ benchmark: bench, case: `what if: one pass (temp table), bare generateCycle SQL`, backend, summary: summarize(onePass.map((r) => r.ms)) });
        ctx.row({ benchmark: bench, case: `what if: 2 indexes, generateCollectionCycle over HTTP`, backend, summary: summarize(idxApi.map((r) => r.ms)) });
        ctx.row({ benchmark: bench, case: `what if: 2 indexes, bare INSERT … SELECT`, backend, summary: summarize(idxBare.map((r) => r.insertMs)) });
        ctx.row({ benchmark: bench, case: `what if: 2 indexes + one pass, bare generateCycle SQL`, backend, summary: summarize(idxOnePass.map((r) => r.ms)) });
        ctx.detail('whatIf', { indexes: INDEXES, onePass, idxApi, idxBare, idxOnePass, plans: plansIdx });
      } else ctx.log(`What if (one pass, two more indexes): skipped; BENCH_CYCLE_WHATIF=1 or --explain runs it`);

      // Where the time of the statement goes.
      const overBudget = budgets && (median(apiRuns.map((r) => r.ms)) >= BASE_BUDGET_MS || median(provinceApi.map((p) => p.ms)) >= PROVINCE_BUDGET_MS || median(apiRuns.map((r, i) => r.ms / bareRuns[i].insertMs)) >= RATIO_BUDGET);
      await run.clean();
      const plans = await run.explain(first);
      if (ctx.options.explain || overBudget) {
        ctx.log(`\nEXPLAIN (ANALYZE, BUFFERS) of the INSERT … SELECT for ${first.code} (rolled back):\n${plans.insert}\n`);
        ctx.log(`EXPLAIN (ANALYZE, BUFFERS) of the digest SELECT:\n${plans.digest}\n`);
      }
      ctx.detail('base', { base: first.code, apiRuns, bareRuns, breakdownMs: baseParts });
      ctx.detail('province', { perBase, apiTotalsMs: provinceApi.map((p) => p.ms), bareTotalsMs: provinceBare.map((p) => p.ms), bareInsertTotalsMs: provinceBare.map((p) => p.insertMs), breakdownMs: provinceParts });
      ctx.detail('job', { runsMs: jobMs, baseOffices: jobBases });
      ctx.detail('plans', plans);
      ctx.detail('apiStderr', child.stderr());
      await run.clean();
    } finally {
      await api?.close();
      await child?.stop();
      await c.end();
      if (process.env.BENCH_CYCLE_KEEP === '1') ctx.log(`  BENCH_CYCLE_KEEP=1: database ${s.db.name} kept (drop it yourself: DROP DATABASE ${s.db.name})`);
      else await s.db.drop();
      fs.rmSync(work, { recursive: true, force: true });
    }
  },
};
