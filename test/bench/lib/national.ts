import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { CITIZEN_ID_PROVINCES, todayInVietnam } from '@bao-phu/domain';
import { openDatabase } from '../../../apps/api/src/db/open';
import { createLogger } from '../../../apps/api/src/log';
import { loadPolicy } from '../../../apps/api/src/modules/policy/policy.service';
import { prepareDatabase } from '../../../apps/api/src/seed/prepare';
import { CopyWriter } from './copy';
import { addSyntheticHamlets } from './hamlets';
import { COPY_COLUMNS, PeopleGenerator, type HamletPlan, type PeopleCounts, type PeopleWriters } from './national-people';
import { createBaseOffices, insertCollectionOrganizations, insertStatistics, loadTree, reorganize, type TreeUnit } from './national-units';
import { splitByWeight, streamOf } from './random';
import { fmtMs } from './report';

/**
 * The national data generator (`pnpm bench:generate`, and report.bench.ts): a database built by
 * the API's own migrations and first-start steps, the real administrative units, base offices,
 * synthetic hamlets and people with 12 months of dues and payments, written with COPY; then the
 * report rollups and ANALYZE. Deterministic from the seed and the day it is made for (`today`:
 * the window of dues is the 12 months up to today's).
 *
 * Bump GENERATOR_VERSION whenever what is generated changes: report.bench.ts reuses a database
 * only when its version and seed match.
 */
export const GENERATOR_VERSION = 2;
export const DEFAULT_SEED = 20_260_701;
export const GENERATOR_KEY = 'bench.generator';
export const GEN_ADMIN = { username: 'bench.quantri', password: 'bench-Password-9' };

export type Size = 'XS' | 'S' | 'M' | 'L';
/** S: Đồng Tháp; M: the Mekong delta's five provinces; L: the nation. */
export const SIZES: Record<Size, { provinces: string[] | 'all'; vsi: number; label: string }> = {
  // CI's smoke run of the benchmarks: the whole tree and every kind of row, little of each.
  XS: { provinces: ['82'], vsi: 10_000, label: 'a smoke size (10,000 in Đồng Tháp)' },
  S: { provinces: ['82'], vsi: 200_000, label: 'one province (Đồng Tháp)' },
  M: { provinces: ['82', '86', '91', '92', '96'], vsi: 1_000_000, label: 'one region (the Mekong delta: Đồng Tháp, Vĩnh Long, An Giang, Cần Thơ, Cà Mau)' },
  L: { provinces: 'all', vsi: 3_000_000, label: 'the nation (34 provinces)' },
};
/** Household HI members per voluntary SI participant. */
export const HI_PER_VSI = 0.25;
export const HAMLETS = 100_000;
export const WINDOW_MONTHS = 12;

export interface GenerateOptions {
  size: Size;
  seed: number;
  /** postgres://… of the database to create (it must not exist, or be one this generator made). */
  url: string;
  /** The day the data stops at (default: today in Vietnam). */
  today?: string;
  /**
   * Rollups: 'chunks-sum' (the default: rollup_compute of chunks of hamlets, beside the COPY as they are written and on two
   * connections afterwards, then each level summed from the one below, set-based), 'chunks' (the same hamlet rows,
   * then rollup_rederive of the country: the same rows, slower) or 'rebuild' (rollup_rebuild()).
   */
  rollups?: 'chunks' | 'chunks-sum' | 'rebuild';
  log: (message: string) => void;
}

export interface GeneratorMeta {
  version: number;
  /** Digest of the API's migrations the database was built by (a changed migration makes it stale). */
  schema: string;
  seed: number;
  size: Size;
  today: string;
  generatedAt: string;
  phasesMs: Record<string, number>;
  rows: Record<string, number>;
}

export interface GenerationResult extends GeneratorMeta {
  totalMs: number;
}

const clock = () => performance.now();

const MIGRATIONS = path.resolve(__dirname, '../../../apps/api/src/db/migrations');
/** A digest of the API's migrations: a database built by other ones is not reused. */
export function schemaDigest(): string {
  const hash = createHash('sha1');
  for (const f of fs.readdirSync(MIGRATIONS).sort()) hash.update(f).update(fs.readFileSync(path.join(MIGRATIONS, f)));
  return hash.digest('hex').slice(0, 12);
}

async function connect(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  return c;
}

function serverOf(url: string): { server: string; name: string } {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.slice(1));
  u.pathname = '/postgres';
  return { server: u.toString(), name };
}

/** The generator's mark in a database, or null (no database, or not one of ours). */
export async function readMeta(url: string): Promise<GeneratorMeta | null | 'foreign'> {
  const { server, name } = serverOf(url);
  const admin = await connect(server);
  try {
    const { rowCount } = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
    if (!rowCount) return null;
  } finally {
    await admin.end();
  }
  const c = await connect(url);
  try {
    const { rows } = await c.query(`SELECT value FROM system_state WHERE key = $1`, [GENERATOR_KEY]).catch(() => ({ rows: [] as { value: string }[] }));
    return rows.length ? (JSON.parse(rows[0].value) as GeneratorMeta) : 'foreign';
  } finally {
    await c.end();
  }
}

/** Creates the database, dropping it first only when this generator made it. */
async function createDatabase(url: string, log: (m: string) => void): Promise<void> {
  const meta = await readMeta(url);
  const { server, name } = serverOf(url);
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`database name "${name}": use lower-case letters, digits and _`);
  if (meta === 'foreign') throw new Error(`database ${name} exists and was not made by this generator: not touching it (choose another --database)`);
  const admin = await connect(server);
  try {
    if (meta) {
      log(`  dropping ${name} (generator v${meta.version}, seed ${meta.seed}, size ${meta.size}, made for ${meta.today})`);
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
    }
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
}

/** Drops a database this generator made (and nothing else). */
export async function dropGenerated(url: string): Promise<boolean> {
  const meta = await readMeta(url);
  if (!meta || meta === 'foreign') return false;
  const { server, name } = serverOf(url);
  const admin = await connect(server);
  try {
    await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
  return true;
}

const BIG_TABLES = ['household', 'person', 'enrollment', 'contribution_due', 'payment', 'payment_allocation'];

interface Dropped {
  indexes: { table: string; name: string; def: string; constraint: string | null; constraintDef: string | null }[];
}

/**
 * The indexes rollup_points reads (a hamlet's persons, a person's enrollments, an enrollment's
 * dues): kept through the load when the rollups are made beside it, so that the hamlets committed
 * so far can be rolled up while the rest is generated. Their rows arrive in key order
 * (hamlet by hamlet, ids ascending): kept up row by row, they cost the server little, and the
 * load waits on the generator, not on the server.
 */
const readByRollups = (ix: { table: string; def: string }): boolean =>
  (ix.table === 'person' && / USING btree \(hamlet_id\)$/.test(ix.def)) ||
  (ix.table === 'enrollment' && / USING btree \(person_id\)$/.test(ix.def)) ||
  (ix.table === 'contribution_due' && / USING btree \(enrollment_id, period_start\)$/.test(ix.def));

/**
 * Before the COPY: the secondary indexes and unique constraints of the big tables are dropped (made
 * again afterwards in one sort each, much faster than keeping them up row by row); primary keys
 * are kept (foreign keys hang on them; ids arrive in order), and so are the ones the rollups read
 * when they are made beside the load (`keepRollupReads`). The rollup triggers stay: the writing
 * sessions set `baophu.rollup = 'off'`, and keeping them cost nothing measurable (S: the COPY phase
 * took 30.0 s with them and 30.3 s with them dropped; the generator, not the server, is the
 * bottleneck).
 */
async function dropForLoad(c: pg.Client, keepRollupReads: boolean): Promise<Dropped> {
  let { rows: indexes } = await c.query(
    `SELECT t.relname AS table, ic.relname AS name, pg_get_indexdef(i.indexrelid) AS def, con.conname AS constraint, pg_get_constraintdef(con.oid) AS "constraintDef"
       FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid
       LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.contype = 'u'
      WHERE t.relname = ANY($1) AND t.relnamespace = 'public'::regnamespace AND NOT i.indisprimary
      ORDER BY t.relname, ic.relname`,
    [BIG_TABLES],
  );
  if (keepRollupReads) indexes = indexes.filter((ix: { table: string; def: string }) => !readByRollups(ix));
  for (const ix of indexes) await c.query(ix.constraint ? `ALTER TABLE ${ix.table} DROP CONSTRAINT "${ix.constraint}"` : `DROP INDEX "${ix.name}"`);
  return { indexes };
}

/** The indexes and constraints again, exactly as they were (two tables at a time). */
async function restoreAfterLoad(url: string, dropped: Dropped, log: (m: string) => void): Promise<void> {
  const byTable = new Map<string, string[]>();
  for (const ix of dropped.indexes) byTable.set(ix.table, [...(byTable.get(ix.table) ?? []), ix.constraint ? `ALTER TABLE ${ix.table} ADD CONSTRAINT "${ix.constraint}" ${ix.constraintDef}` : ix.def]);
  // The largest first, so that the two lanes end together.
  const queue = ['contribution_due', 'payment_allocation', 'payment', 'person', 'enrollment', 'household'].filter((t) => byTable.has(t));
  const lane = async () => {
    const c = await connect(url);
    try {
      await c.query(`SET maintenance_work_mem = '1GB'`);
      await c.query(`SET max_parallel_maintenance_workers = 1`);
      for (let t = queue.shift(); t; t = queue.shift()) {
        const started = clock();
        for (const ddl of byTable.get(t)!) await c.query(ddl);
        log(`    ${t}: ${byTable.get(t)!.length} indexes in ${fmtMs(clock() - started)} ms`);
      }
    } finally {
      await c.end();
    }
  };
  await Promise.all([lane(), lane()]);
}

/** Quotas of VSI participants and HI members per hamlet (only hamlets of the size's provinces get any). */
function plans(tree: TreeUnit[], size: Size, seed: number, orgs: Map<number, [number, number]>, birthCodes: Map<string, string[]>): HamletPlan[] {
  const byId = new Map(tree.map((u) => [u.id, u]));
  const spec = SIZES[size];
  const provinces = tree.filter((u) => u.level === 'PROVINCE' && (spec.provinces === 'all' || spec.provinces.includes(u.code))).sort((a, b) => (a.code < b.code ? -1 : 1));
  const hamletsOf = new Map<number, TreeUnit[]>();
  for (const h of tree) {
    if (h.level !== 'HAMLET') continue;
    const pid = Number(h.path.split('/')[2]);
    hamletsOf.set(pid, [...(hamletsOf.get(pid) ?? []), h]);
  }
  const communes = (pid: number) => tree.filter((u) => u.level === 'COMMUNE' && u.path.startsWith(byId.get(pid)!.path)).length;
  const provinceQuota = splitByWeight(spec.vsi, provinces.map((p) => communes(p.id) * (0.6 + 0.8 * streamOf(seed, 5, p.id)())));
  const out: HamletPlan[] = [];
  provinces.forEach((p, pi) => {
    const hamlets = (hamletsOf.get(p.id) ?? []).sort((a, b) => a.id - b.id);
    const vsi = splitByWeight(provinceQuota[pi], hamlets.map((h) => 0.3 + 1.4 * streamOf(seed, 6, h.id)()));
    const hi = splitByWeight(Math.round(provinceQuota[pi] * HI_PER_VSI), hamlets.map((h, i) => vsi[i] * (0.4 + 1.2 * streamOf(seed, 7, h.id)())));
    const [buuDien, viettel] = orgs.get(p.id)!;
    hamlets.forEach((h, i) => {
      if (!vsi[i] && !hi[i]) return;
      const main = h.id % 3 === 2 ? 1 : 0;
      out.push({ id: h.id, code: h.code, provinceCode: p.code, vsi: vsi[i], hi: hi[i], orgs: main ? [viettel, buuDien] : [buuDien, viettel], birthCodes: birthCodes.get(p.code) ?? [`0${p.code}`] });
    });
  });
  return out.sort((a, b) => a.id - b.id);
}

/**
 * Yearly PARTICIPANTS targets, published, of every unit with participants, this year and last:
 * a hamlet's 95–125 % of its enrollments (last year 75–100 %), each unit above at 96–100 % of the
 * sum of its children's (children's published targets must add up to at least the parent's).
 */
async function insertTargets(url: string, tree: TreeUnit[], enrolled: Map<number, { vsi: number; hi: number }>, seed: number, year: number, adminId: number): Promise<{ targets: number; revisions: number }> {
  const byId = new Map(tree.map((u) => [u.id, u]));
  const depth = (u: TreeUnit) => u.path.split('/').length;
  const c = await connect(url);
  const c2 = await connect(url);
  // Two COPYs at once: the revisions' foreign key would be checked before the targets commit (consistent by construction).
  for (const x of [c, c2]) await x.query(`SET session_replication_role = replica`);
  const targets = CopyWriter.open(c, 'target', ['id', 'unit_id', 'year', 'scheme', 'metric', 'value', 'status', 'revision', 'updated_by', 'published_at', 'version']);
  const revisions = CopyWriter.open(c2, 'target_revision', ['target_id', 'revision', 'value', 'previous_value', 'status', 'action', 'supplementary', 'changed_by']);
  let id = 0;
  for (const [y, lo, hi] of [[year - 1, 0.75, 1.0], [year, 0.95, 1.25]] as const) {
    for (const scheme of ['VOLUNTARY_SI', 'HOUSEHOLD_HI'] as const) {
      const value = new Map<number, number>();
      for (const [hid, n] of enrolled) {
        const count = scheme === 'VOLUNTARY_SI' ? n.vsi : n.hi;
        if (!count) continue;
        value.set(hid, Math.max(1, Math.round(count * (lo + (hi - lo) * streamOf(seed, 8, hid, y, scheme.length)()))));
      }
      // Up the tree, deepest first: a parent is 96–100 % of its children's sum.
      const sums = new Map<number, number>();
      const levels = [...new Set(tree.map(depth))].sort((a, b) => b - a);
      for (const d of levels) {
        for (const u of tree) {
          if (depth(u) !== d) continue;
          const own = value.get(u.id) ?? (sums.has(u.id) ? Math.max(1, Math.floor(sums.get(u.id)! * (0.96 + 0.04 * streamOf(seed, 9, u.id, y, scheme.length)()))) : undefined);
          if (own === undefined) continue;
          value.set(u.id, own);
          if (u.parentId !== null && byId.has(u.parentId)) sums.set(u.parentId, (sums.get(u.parentId) ?? 0) + own);
        }
      }
      for (const [unit, v] of [...value].sort((a, b) => a[0] - b[0])) {
        id++;
        targets.line(`${id}\t${unit}\t${y}\t${scheme}\tPARTICIPANTS\t${v}\tPUBLISHED\t1\t${adminId}\t${y}-01-05 09:00:00+07\t2\n`);
        revisions.line(`${id}\t1\t${v}\t\\N\tDRAFT\tSET\tf\t${adminId}\n${id}\t1\t${v}\t${v}\tPUBLISHED\tPUBLISH\tf\t${adminId}\n`);
      }
    }
  }
  await Promise.all([targets.end(), revisions.end()]);
  await c.query(`SELECT setval(pg_get_serial_sequence('target', 'id'), greatest(1, (SELECT max(id) FROM target)))`);
  await c.end();
  await c2.end();
  return { targets: id, revisions: id * 2 };
}

// The rollups from the raw rows, as rollup_rebuild() makes them (checked equal on S, row for row)
// but in chunks: rollup_compute for a chunk of hamlets at a time (the (hamlet, year) pairs the
// generator noted, the same that rollup_rebuild finds), on one connection beside the COPY as the
// hamlets are committed and on two afterwards; then the levels above summed set-based (`chunks-sum`,
// the default) or rollup_rederive of the country (`chunks`): the same rows.

/** The rows of the units one level up from the rows of the units of level $1 (per day: 31 sums per measure, then cut to the month's days). */
const MEASURES = ['participants', 'retained', 'fresh', 'due', 'on_time', 'credited'];
const DAYS = Array.from({ length: 31 }, (_, i) => i + 1);
export const DERIVE_SQL = `
  INSERT INTO report_rollup (unit_id, scheme, month, ${MEASURES.join(', ')})
  SELECT unit_id, scheme, month, ${MEASURES.map((m) => `(ARRAY[${DAYS.map((d) => `${m}_${d}`).join(', ')}])[1:days]`).join(', ')}
    FROM (SELECT u.parent_id AS unit_id, r.scheme, r.month, max(cardinality(r.participants)) AS days,
                 ${MEASURES.flatMap((m) => DAYS.map((d) => `sum(r.${m}[${d}])::int AS ${m}_${d}`)).join(', ')}
            FROM report_rollup r JOIN org_unit u ON u.id = r.unit_id AND u.level = $1 AND u.valid_to IS NULL AND u.parent_id IS NOT NULL
           GROUP BY 1, 2, 3) s`;

interface Chunk {
  h: number[];
  y: number[];
}

/**
 * The hamlet rows of the hamlets handed over (`add`, once their rows are committed): rollup_compute
 * of their (hamlet, year) pairs, months where every count is 0 left out, on as many connections as
 * `lane()` started. The generator starts one beside the COPY (the COPY waits on the generator's one
 * Node thread, so the server has a core to spare) and one more afterwards. A hamlet's rows do not
 * depend on the hamlets computed with it: any grouping gives the same rows.
 */
class HamletRollups {
  done = 0;
  added = 0;
  private queue: Chunk[] = [];
  private closed = false;
  private wake: (() => void)[] = [];
  private lanes: Promise<void>[] = [];
  private failed: unknown = null;

  constructor(private readonly url: string) {}

  add(chunk: Chunk): void {
    this.queue.push(chunk);
    this.added++;
    for (const f of this.wake.splice(0)) f();
  }

  lane(): void {
    this.lanes.push(this.run().catch((err) => void (this.failed ??= err)));
  }

  /** No more hamlets: what is left, the largest first (so that the lanes end together), then the lanes' end. */
  async finish(): Promise<void> {
    this.closed = true;
    this.queue.sort((a, b) => b.h.length - a.h.length);
    for (const f of this.wake.splice(0)) f();
    await Promise.all(this.lanes);
    if (this.failed) throw this.failed;
  }

  private async take(): Promise<Chunk | null> {
    for (;;) {
      if (this.failed) return null;
      if (this.queue.length) return this.queue.shift()!;
      if (this.closed) return null;
      await new Promise<void>((resolve) => this.wake.push(resolve));
    }
  }

  private async run(): Promise<void> {
    // Connected at the first chunk: beside the COPY, the first hamlets take a while.
    let c: pg.Client | null = null;
    try {
      for (let k = await this.take(); k; k = await this.take()) {
        if (!c) {
          c = await connect(this.url);
          await c.query(`SET work_mem = '256MB'`);
        }
        // rollup_compute also gives months where every count is 0, which rollup_rebuild() does not keep (a missing row reads as 0).
        await c.query(
          `INSERT INTO report_rollup SELECT * FROM rollup_compute($1::int[], $2::int[]) r
            WHERE NOT (0 = ALL(r.participants) AND 0 = ALL(r.retained) AND 0 = ALL(r.fresh) AND 0 = ALL(r.due) AND 0 = ALL(r.on_time) AND 0 = ALL(r.credited))`,
          [k.h, k.y],
        );
        this.done++;
      }
    } finally {
      await c?.end();
    }
  }
}

/** The (hamlet, year) pairs of hamlets (rollup_rebuild's, as the generator noted them). */
function chunkOf(hamlets: number[], years: Map<number, Set<number>>): Chunk | null {
  const chunk: Chunk = { h: [], y: [] };
  for (const id of hamlets) {
    if (!years.has(id)) continue;
    for (const y of [...years.get(id)!].sort()) {
      chunk.h.push(id);
      chunk.y.push(y);
    }
  }
  return chunk.h.length ? chunk : null;
}

/** The rows of every unit above the hamlets: each level summed from the one below (`sums`), or rollup_rederive of the country. */
async function deriveLevels(url: string, log: (m: string) => void, sums: boolean): Promise<void> {
  const c = await connect(url);
  try {
    await c.query(`SET work_mem = '256MB'`);
    const s2 = clock();
    if (!sums) {
      await c.query(`SELECT rollup_rederive(id) FROM org_unit WHERE parent_id IS NULL`);
      log(`    rollup_rederive of the country: ${fmtMs(clock() - s2)} ms`);
    } else {
      // Each level from the one below (today's parents, so today's paths): the rows rollup_rederive
      // makes (checked equal on S), with 31 plain sums per count instead of its increments.
      for (const [level, below] of [['COMMUNE', 'HAMLET'], ['BASE', 'COMMUNE'], ['PROVINCE', 'BASE'], ['COUNTRY', 'PROVINCE']] as const) {
        const t = clock();
        const r = await c.query(DERIVE_SQL, [below]);
        log(`    ${level.toLowerCase()} rows from the ${below.toLowerCase()} rows: ${r.rowCount} in ${fmtMs(clock() - t)} ms`);
      }
    }
  } finally {
    await c.end();
  }
}

/** Builds the database (see the top of the file) and returns what it did, phase by phase. */
export async function generateNational(opts: GenerateOptions): Promise<GenerationResult> {
  const today = opts.today ?? todayInVietnam();
  const log = opts.log;
  const phases: Record<string, number> = {};
  const rows: Record<string, number> = {};
  const started = clock();
  const phase = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    log(`▸ ${name}…`);
    const t = clock();
    const result = await work();
    phases[name] = clock() - t;
    log(`  ${name}: ${fmtMs(phases[name])} ms`);
    return result;
  };
  const moveDate = `${today.slice(0, 7)}-01`;
  const schema = schemaDigest();
  log(`Generating ${opts.size} (${SIZES[opts.size].label}: ${SIZES[opts.size].vsi.toLocaleString('en-US')} voluntary SI participants, seed ${opts.seed}, up to ${today}) into ${serverOf(opts.url).name}`);

  await phase('database', () => createDatabase(opts.url, log));
  const policy = await phase('schema (migrations, policy, reference units, administrator)', async () => {
    const db = await openDatabase(opts.url, null);
    try {
      await prepareDatabase(db.ds, { seed: 'none', referenceUnits: 'all', adminUsername: GEN_ADMIN.username, adminPassword: GEN_ADMIN.password }, createLogger('silent'));
      return await loadPolicy(db.ds);
    } finally {
      await db.close();
    }
  });

  const c = await connect(opts.url);
  try {
    await c.query(`SET jit = off`);
    const adminId: number = (await c.query(`SELECT id FROM app_user WHERE username = $1`, [GEN_ADMIN.username])).rows[0].id;
    const { orgs, tree } = await phase('units (base offices, hamlets, reorganizations, statistics)', async () => {
      const b = await createBaseOffices(c);
      log(`    ${b.baseOffices} base offices over ${b.communes} communes`);
      const db = await openDatabase(opts.url, null);
      try {
        const h = await addSyntheticHamlets(db.ds, HAMLETS);
        log(`    ${h.hamlets.toLocaleString('en-US')} synthetic hamlets in ${fmtMs(h.ms)} ms`);
      } finally {
        await db.close();
      }
      const moved = await reorganize(c, opts.seed, moveDate);
      log(`    reorganized on ${moveDate}: ${moved.communesMoved} communes to another base office, ${moved.hamletsMoved} hamlets to another commune`);
      const stats = await insertStatistics(c, opts.seed, [Number(today.slice(0, 4)) - 1, Number(today.slice(0, 4))], adminId);
      const orgs = await insertCollectionOrganizations(c);
      rows.baseOffices = b.baseOffices;
      rows.hamlets = (await c.query(`SELECT count(*)::int AS n FROM org_unit WHERE level = 'HAMLET' AND valid_to IS NULL`)).rows[0].n;
      rows.unitStatistics = stats;
      rows.collectionOrganizations = orgs.size * 2;
      return { orgs, tree: await loadTree(c) };
    });

    const { rows: succ } = await c.query(
      `SELECT n.code AS province, '0' || o.code AS birth FROM org_unit_succession s JOIN org_unit o ON o.id = s.predecessor_id AND o.level = 'PROVINCE'
         JOIN org_unit n ON n.id = s.successor_id AND n.level = 'PROVINCE' ORDER BY 1, 2`,
    );
    const birthCodes = new Map<string, string[]>();
    for (const r of succ as { province: string; birth: string }[]) if (CITIZEN_ID_PROVINCES[r.birth]) birthCodes.set(r.province, [...(birthCodes.get(r.province) ?? []), r.birth]);
    const hamletPlans = plans(tree, opts.size, opts.seed, orgs, birthCodes);

    // The hamlet rows of the rollups as the base offices are written (not for 'rebuild').
    const chunked = opts.rollups !== 'rebuild';
    const rollups = new HamletRollups(opts.url);
    if (chunked) {
      await c.query(`DELETE FROM report_rollup`);
      await c.query(`DELETE FROM report_rollup_pending`);
    }

    // People and their participation, written by COPY on six connections while they are made.
    const { gen, enrolled, dropped } = await phase('people, enrollments, dues, payments (COPY)', async () => {
      const dropped = await dropForLoad(c, chunked);
      log(`    dropped ${dropped.indexes.length} secondary indexes for the load`);
      const clients = new Map<keyof PeopleWriters, pg.Client>();
      const writers = {} as PeopleWriters;
      const open = () => {
        for (const [key, [table, columns]] of Object.entries(COPY_COLUMNS) as [keyof PeopleWriters, [string, string[]]][]) writers[key] = CopyWriter.open(clients.get(key)!, table, columns);
      };
      for (const key of Object.keys(COPY_COLUMNS) as (keyof PeopleWriters)[]) {
        const wc = await connect(opts.url);
        // No foreign-key checks row by row (the rows are consistent by construction), no rollup bookkeeping, no wait for the WAL flush.
        await wc.query(`SET session_replication_role = replica`);
        await wc.query(`SET baophu.rollup = 'off'`);
        await wc.query(`SET synchronous_commit = off`);
        clients.set(key, wc);
      }
      open();
      const gen = new PeopleGenerator(opts.seed, today, WINDOW_MONTHS, policy, adminId, writers);
      const enrolled = new Map<number, { vsi: number; hi: number }>();
      // A hamlet's rows are all made with it (hamlet by hamlet, in id order, which spreads every
      // base office over the whole run), and seen by the rollups once committed: the COPYs are ended
      // (and opened again) every 1/30 of the hamlets, and the hamlets made since handed over.
      let made: number[] = [];
      const handOver = () => {
        const chunk = chunkOf(made, gen.rollupYears);
        if (chunk) rollups.add(chunk);
        made = [];
      };
      const commitEvery = Math.max(8, Math.ceil(hamletPlans.length / 30));
      if (chunked) rollups.lane();
      let lastLog = clock();
      const t0 = clock();
      for (let i = 0; i < hamletPlans.length; i++) {
        enrolled.set(hamletPlans[i].id, gen.hamlet(hamletPlans[i]));
        made.push(hamletPlans[i].id);
        if (chunked && i % commitEvery === commitEvery - 1) {
          await Promise.all(Object.values(writers).map((w) => w.end()));
          open();
          handOver();
        } else if (i % 8 === 7) await Promise.all(Object.values(writers).map((w) => w.ready()));
        if (clock() - lastLog > 20_000) {
          lastLog = clock();
          const n = gen.counts;
          log(`    ${i + 1}/${hamletPlans.length} hamlets, ${n.enrollments.toLocaleString('en-US')} enrollments, ${n.dues.toLocaleString('en-US')} dues (${Math.round(n.dues / ((clock() - t0) / 1000)).toLocaleString('en-US')} dues/s), RSS ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB${chunked ? `; rollups beside: ${rollups.done}/${rollups.added} chunks of hamlets` : ''}`);
        }
      }
      const generated = clock();
      await Promise.all(Object.values(writers).map((w) => w.end()));
      if (chunked) handOver();
      log(`    generated in ${fmtMs(generated - t0)} ms, the last rows written ${fmtMs(clock() - generated)} ms later; ${gen.distinctCharges.toLocaleString('en-US')} distinct chargeDues calls${chunked ? `; rollups beside it: ${rollups.done} of ${rollups.added} chunks of hamlets` : ''}`);
      for (const wc of clients.values()) await wc.end();
      const ids = gen.lastIds();
      for (const [table, last] of [['household', ids.household], ['person', ids.person], ['enrollment', ids.enrollment], ['contribution_due', ids.due], ['payment', ids.payment], ['payment_allocation', ids.allocation]] as const) {
        await c.query(`SELECT setval(pg_get_serial_sequence($1, 'id'), $2::int)`, [table, Math.max(1, last)]);
      }
      return { gen, enrolled, dropped };
    });
    const n: PeopleCounts = { ...gen.counts, distinctCharges: gen.distinctCharges };
    Object.assign(rows, { households: n.households, persons: n.persons, enrollments: n.enrollments, vsiEnrollments: n.vsiEnrollments, hiEnrollments: n.hiEnrollments, active: n.active, lapsed: n.lapsed, stopped: n.stopped, dues: n.dues, payments: n.payments, allocations: n.allocations });

    // The rollups' lane goes on through the indexes and the targets.
    await phase('indexes again', () => restoreAfterLoad(opts.url, dropped, log));
    const year = Number(today.slice(0, 4));
    await phase('targets', async () => {
      const t = await insertTargets(opts.url, tree, enrolled, opts.seed, year, adminId);
      rows.targets = t.targets;
      rows.targetRevisions = t.revisions;
    });
    const mode = opts.rollups ?? 'chunks-sum';
    if (!chunked) {
      await phase('rollups (rebuild)', async () => {
        await c.query(`SET work_mem = '256MB'`);
        await c.query(`SELECT rollup_rebuild()`);
      });
    } else {
      await phase('rollups: hamlet rows, the rest (2 connections)', async () => {
        const before = rollups.done;
        rollups.lane();
        await rollups.finish();
        log(`    ${rollups.added} chunks of hamlets: ${rollups.added - before} in this phase, ${before} beside the COPY`);
      });
      await phase(`rollups: the levels above (${mode === 'chunks' ? 'rollup_rederive' : 'summed level by level'})`, () => deriveLevels(opts.url, log, mode === 'chunks-sum'));
    }
    rows.rollupRows = (await c.query(`SELECT count(*)::int AS n FROM report_rollup`)).rows[0].n;
    rows.rollupMB = Math.round((await c.query(`SELECT pg_total_relation_size('report_rollup')::float8 / 1048576 AS mb`)).rows[0].mb);
    await phase('VACUUM (ANALYZE)', async () => {
      const tables: string[] = (await c.query(`SELECT relname FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace ORDER BY pg_total_relation_size(oid) DESC`)).rows.map((r: { relname: string }) => r.relname);
      const lane = async () => {
        const lc = await connect(opts.url);
        try {
          for (let t = tables.shift(); t; t = tables.shift()) await lc.query(`VACUUM (ANALYZE) ${t}`);
        } finally {
          await lc.end();
        }
      };
      await Promise.all([lane(), lane()]);
    });
    // As the demo seed does: today's daily job is done (its work is in the data), so a start does not redo it.
    await c.query(`INSERT INTO system_state (key, value) VALUES ('jobs.enrollments.lastRun', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`, [today]);
    const meta: GeneratorMeta = { version: GENERATOR_VERSION, schema, seed: opts.seed, size: opts.size, today, generatedAt: new Date().toISOString(), phasesMs: phases, rows };
    await c.query(`INSERT INTO system_state (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`, [GENERATOR_KEY, JSON.stringify(meta)]);
    const totalMs = clock() - started;
    rows.databaseMB = Math.round((await c.query(`SELECT pg_database_size(current_database())::float8 / 1048576 AS mb`)).rows[0].mb);
    return { ...meta, totalMs };
  } finally {
    await c.end();
  }
}


/** The default database of a size on the bench server. */
export function defaultUrl(size: Size): string {
  const u = new URL(process.env.BENCH_DATABASE_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/postgres');
  u.pathname = `/baophu_gen_${size.toLowerCase()}`;
  return u.toString();
}

export const MACHINE = () => `${os.availableParallelism()} CPUs (${os.cpus()[0]?.model ?? '?'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`;
