import type { PGlite } from '@electric-sql/pglite';
import { In, type DataSource } from 'typeorm';
import { createLogger } from '../../apps/api/src/log';
import { OrgUnitEntity } from '../../apps/api/src/modules/org/org-unit.entity';
import { prepareDatabase } from '../../apps/api/src/seed/prepare';
import { loadReferenceUnits, readReferenceData } from '../../apps/api/src/seed/reference-units';
import { startBenchApi, type BenchApi } from './lib/api';
import { BACKEND_LABEL, openBenchDb, type Backend, type BenchDb } from './lib/backend';
import { addSyntheticHamlets } from './lib/hamlets';
import { fmtMs } from './lib/report';
import { recordStatements, type Statement } from './lib/sql-counter';
import { summarize, timed } from './lib/stats';
import type { BenchContext, Benchmark } from './lib/types';

/**
 * The organization tree:
 *  1. loading the reference units (loadReferenceUnits in one transaction, fresh database per run);
 *  2. the `orgUnits` list over HTTP with 100,000 synthetic hamlets, and the SQL statements per request;
 *  3. what the loopback socket between TypeORM and PGlite costs per statement.
 */

/** The first administrator (whole country in scope) and a province planner of Đồng Tháp. */
const ADMIN = { username: 'bench.admin', password: 'bench-Password-1' };
const PLANNER = { username: 'bench.planner', password: 'bench-Password-2' };

const REFERENCE_BUDGET_MS = 10_000;
const PAGE_BUDGET_MS = 20;
const HAMLETS = 100_000;

const PAGE_QUERY = `query($filter: OrgUnitFilter, $take: Int, $sort: [SortInput!]) {
  orgUnits(filter: $filter, take: $take, sort: $sort) { totalCount items { id code name level parent { id name } } }
}`;

interface PageCase {
  label: string;
  filter: Record<string, unknown>;
  /** Who asks: the administrator (no scope filter) unless 'planner'. */
  as?: 'planner';
  /** The list's sort; none: the default (level, then name). */
  sort?: { field: string; direction: 'ASC' | 'DESC' }[];
  /** Compare the statement count at take 10 and take 100 on this case. */
  takeCheck?: boolean;
}

interface Plan {
  sql: string;
  params: unknown[];
  plan: string;
}

const oneLine = (sql: string) => sql.replace(/\s+/g, ' ').trim();

function sizes(quick: boolean) {
  return {
    referenceRuns: quick ? 1 : 3,
    warmup: quick ? 2 : 5,
    requests: quick ? 10 : 60,
    sqlRepeats: quick ? 3 : 20,
    hopIterations: quick ? 20 : 200,
  };
}

// ── 1. Reference load ────────────────────────────────────────────────────────────────────────────

async function referenceLoad(ctx: BenchContext, backend: Backend) {
  const { referenceRuns } = sizes(ctx.options.quick);
  const expected = (() => {
    const d = readReferenceData();
    return d.provinces.length + d.communes.length + d.legacyProvinces.length + d.legacyDistricts.length + d.legacyCommunes.length;
  })();
  const samples: number[] = [];
  const results: unknown[] = [];
  for (let run = 0; run < referenceRuns; run++) {
    const db = await openBenchDb(backend, 'ref');
    try {
      await db.ds.runMigrations({ transaction: 'each' });
      const { ms, result } = await timed(() => db.ds.transaction((em) => loadReferenceUnits(em)));
      if (result.unitsInserted < expected) throw new Error(`reference load inserted ${result.unitsInserted} units, expected ${expected}`);
      samples.push(ms);
      results.push({ ms, ...result });
      ctx.log(`  reference load on ${BACKEND_LABEL[backend]}, run ${run + 1}/${referenceRuns}: ${fmtMs(ms)} ms`);
    } finally {
      await db.close();
    }
  }
  const last = results[results.length - 1] as { unitsInserted: number; successionsInserted: number };
  ctx.row({
    benchmark: 'reference load',
    case: 'loadReferenceUnits, 1 transaction',
    backend: BACKEND_LABEL[backend],
    summary: summarize(samples),
    budgetMs: backend === 'postgres' ? REFERENCE_BUDGET_MS : undefined,
    note: `${last.unitsInserted.toLocaleString('en-US')} units, ${last.successionsInserted.toLocaleString('en-US')} successions; fresh database per run`,
  });
  ctx.detail(`referenceLoad.${backend}`, results);
}

// ── 2. orgUnits page ─────────────────────────────────────────────────────────────────────────────

async function explain(ds: DataSource, statements: Statement[]): Promise<Plan[]> {
  const plans: Plan[] = [];
  for (const s of statements) {
    if (!/^\s*SELECT/i.test(s.sql)) continue;
    const rows: Record<string, string>[] = await ds.query(`EXPLAIN (ANALYZE, BUFFERS) ${s.sql}`, s.params);
    plans.push({ sql: oneLine(s.sql), params: s.params, plan: rows.map((r) => Object.values(r)[0]).join('\n') });
  }
  return plans;
}

/** Median time of each statement run alone through ds.query (no HTTP, GraphQL or entity mapping). */
async function statementTimes(ds: DataSource, statements: Statement[], repeats: number): Promise<number[]> {
  const medians: number[] = [];
  for (const s of statements) {
    const samples: number[] = [];
    for (let i = 0; i < repeats + 2; i++) {
      const { ms } = await timed(() => ds.query(s.sql, s.params));
      if (i >= 2) samples.push(ms);
    }
    medians.push(summarize(samples).median);
  }
  return medians;
}

async function pageCases(ds: DataSource): Promise<PageCase[]> {
  const idOf = async (level: string, code: string) => {
    const rows: { id: number }[] = await ds.query(`SELECT id FROM org_unit WHERE level = $1 AND code = $2 AND valid_to IS NULL`, [level, code]);
    if (!rows.length) throw new Error(`no open ${level} ${code} in the reference units`);
    return String(rows[0].id);
  };
  const dongThap = await idOf('PROVINCE', '82');
  const hoaLong = await idOf('COMMUNE', '30208');
  return [
    { label: 'q "hoa long"', filter: { q: 'hoa long' } },
    { label: 'q "tan hoa"', filter: { q: 'tan hoa' }, takeCheck: true },
    { label: 'q "ap 12"', filter: { q: 'ap 12' } },
    { label: 'q "30208"', filter: { q: '30208' } },
    { label: 'withinId province 82, HAMLET', filter: { withinId: dongThap, level: 'HAMLET' }, takeCheck: true },
    { label: 'withinId commune 30208, HAMLET', filter: { withinId: hoaLong, level: 'HAMLET' } },
    { label: 'no filter (first page)', filter: {} },
    // What the admin SPA's org-unit list asks for when it opens.
    { label: 'no filter, sort name (SPA list)', filter: {}, sort: [{ field: 'name', direction: 'ASC' }] },
    { label: 'planner 82: q "tan hoa"', filter: { q: 'tan hoa' }, as: 'planner' },
    { label: 'planner 82: no filter', filter: {}, as: 'planner' },
  ];
}

async function orgUnitsPage(
  ctx: BenchContext,
  db: BenchDb,
  api: BenchApi,
  tokens: { admin: string; planner: string },
  recorder: ReturnType<typeof recordStatements>,
  cases: PageCase[],
  benchmark: string,
  detailKey: string,
) {
  const { warmup, requests, sqlRepeats } = sizes(ctx.options.quick);
  const label = BACKEND_LABEL[db.backend];

  const request = async (c: PageCase, take: number) => {
    const filter = c.filter;
    recorder.take();
    const { ms, body } = await api.post(PAGE_QUERY, { filter, take, sort: c.sort }, c.as === 'planner' ? tokens.planner : tokens.admin);
    const statements = recorder.take();
    if (body.errors?.length) throw new Error(`orgUnits ${JSON.stringify(filter)}: ${JSON.stringify(body.errors)}`);
    return { ms, statements, page: body.data!.orgUnits as { totalCount: number; items: unknown[] } };
  };

  const details: Record<string, unknown>[] = [];
  for (const c of cases) {
    for (let i = 0; i < warmup; i++) await request(c, 25);
    const samples: number[] = [];
    const counts = new Set<number>();
    let last!: Awaited<ReturnType<typeof request>>;
    for (let i = 0; i < requests; i++) {
      last = await request(c, 25);
      samples.push(last.ms);
      counts.add(last.statements.length);
    }
    const summary = summarize(samples);
    const sqlMs = await statementTimes(db.ds, last.statements, sqlRepeats);
    const sqlTotal = sqlMs.reduce((a, b) => a + b, 0);
    let takeCheck: { take10: number; take100: number } | undefined;
    if (c.takeCheck) {
      const at10 = await request(c, 10);
      const at100 = await request(c, 100);
      takeCheck = { take10: at10.statements.length, take100: at100.statements.length };
    }
    const over = summary.median >= PAGE_BUDGET_MS;
    const plans = over || ctx.options.explain ? await explain(db.ds, last.statements) : undefined;
    const stmtNote = counts.size === 1 ? `${[...counts][0]}` : `${Math.min(...counts)}–${Math.max(...counts)}`;
    ctx.row({
      benchmark,
      case: c.label,
      backend: label,
      summary,
      budgetMs: PAGE_BUDGET_MS,
      note:
        `total ${last.page.totalCount.toLocaleString('en-US')}, ${stmtNote} SQL, SQL alone ${fmtMs(sqlTotal)} ms` +
        (takeCheck ? `; take 10/100: ${takeCheck.take10}/${takeCheck.take100} SQL` : ''),
    });
    if (plans && over) {
      ctx.log(`  ${benchmark}, ${label}, ${c.label}: median ${fmtMs(summary.median)} ms is over the ${PAGE_BUDGET_MS} ms budget; plans:`);
      for (const p of plans) ctx.log(`\n  ${p.sql}\n  params ${JSON.stringify(p.params)}\n${p.plan.replace(/^/gm, '    ')}\n`);
    }
    details.push({
      case: c.label,
      filter: c.filter,
      totalCount: last.page.totalCount,
      items: last.page.items.length,
      statementsPerRequest: [...counts],
      statements: last.statements.map((s, i) => ({ sql: oneLine(s.sql), params: s.params, medianMs: sqlMs[i] })),
      takeCheck,
      plans,
    });
  }
  ctx.detail(`${detailKey}.${db.backend}`, details);
  return details;
}

// ── 3. The socket hop ────────────────────────────────────────────────────────────────────────────

interface HopQuery {
  label: string;
  sql: string;
  params: unknown[];
}

/**
 * The same statements on the same PGlite instance, three ways: (a) ds.query (TypeORM → pg pool →
 * loopback socket → pglite-socket → PGlite), (b) a bare pg client checked out of TypeORM's pool (pg
 * → socket → PGlite: the hop without TypeORM; the checkout is not timed), (c) PGlite.query
 * in-process (what the typeorm-pglite driver does). The three alternate on every iteration, in a
 * rotating order, so that load from elsewhere on the machine hits them alike.
 */
async function socketHop(ctx: BenchContext, db: BenchDb, pglite: PGlite, queries: HopQuery[]) {
  const { hopIterations } = sizes(ctx.options.quick);
  type Client = { query(sql: string, params: unknown[]): Promise<unknown>; release(): void };
  const pool = (db.ds.driver as unknown as { master: { connect(): Promise<Client> } }).master;
  type Path = 'typeorm' | 'pg' | 'direct';
  const once: Record<Path, (q: HopQuery) => Promise<number>> = {
    typeorm: async (q) => (await timed(() => db.ds.query(q.sql, q.params))).ms,
    pg: async (q) => {
      const client = await pool.connect();
      try {
        return (await timed(() => client.query(q.sql, q.params))).ms;
      } finally {
        client.release();
      }
    },
    direct: async (q) => (await timed(() => pglite.query(q.sql, q.params))).ms,
  };
  const order: Path[] = ['typeorm', 'pg', 'direct'];
  const pathLabel: Record<Path, string> = {
    typeorm: '(a) ds.query over socket',
    pg: '(b) pg client over socket',
    direct: '(c) PGlite.query in-process',
  };
  const details: Record<string, unknown>[] = [];
  for (const q of queries) {
    const samples: Record<Path, number[]> = { typeorm: [], pg: [], direct: [] };
    for (let i = 0; i < 5; i++) for (const p of order) await once[p](q); // warm-up
    for (let i = 0; i < hopIterations; i++) {
      for (let k = 0; k < order.length; k++) {
        const p = order[(i + k) % order.length];
        samples[p].push(await once[p](q));
      }
    }
    const s = { typeorm: summarize(samples.typeorm), pg: summarize(samples.pg), direct: summarize(samples.direct) };
    const hop = s.pg.median - s.direct.median;
    const total = s.typeorm.median - s.direct.median;
    for (const p of order) {
      ctx.row({
        benchmark: 'PGlite access',
        case: `${q.label}: ${pathLabel[p]}`,
        backend: BACKEND_LABEL.pglite,
        summary: s[p],
        note: p === 'typeorm' ? `(a)−(c) ${fmtMs(total)} ms` : p === 'pg' ? `(b)−(c) socket hop ${fmtMs(hop)} ms` : undefined,
      });
    }
    details.push({ query: q.label, sql: oneLine(q.sql), params: q.params, ...s, socketHopMs: hop, typeormAndHopMs: total });
  }
  ctx.detail('socketHop', details);
}

// ── The run ──────────────────────────────────────────────────────────────────────────────────────

async function orgOnBackend(ctx: BenchContext, backend: Backend) {
  const label = BACKEND_LABEL[backend];
  ctx.log(`orgUnits on ${label}: preparing (migrations, reference units, ${HAMLETS.toLocaleString('en-US')} hamlets)…`);
  const db = await openBenchDb(backend, 'org');
  let api: BenchApi | undefined;
  const recorder = recordStatements(db.ds);
  try {
    const prepared = await timed(() =>
      prepareDatabase(
        db.ds,
        { seed: 'none', referenceUnits: 'all', adminUsername: ADMIN.username, adminPassword: ADMIN.password },
        createLogger('silent'),
      ),
    );
    const hamlets = await addSyntheticHamlets(db.ds, HAMLETS);
    const [{ n }] = await db.ds.query(`SELECT count(*)::int AS n FROM org_unit`);
    const [{ server_version: serverVersion }] = await db.ds.query('SHOW server_version');
    ctx.log(`  server ${serverVersion}; prepared in ${fmtMs(prepared.ms)} ms, hamlets added in ${fmtMs(hamlets.ms)} ms; ${n.toLocaleString('en-US')} units`);
    ctx.detail(`setup.${backend}`, { serverVersion, prepareMs: prepared.ms, hamletsMs: hamlets.ms, hamlets: hamlets.hamlets, communes: hamlets.communes, units: n });
    api = await startBenchApi(db.ds, db.kind);
    const cases = await pageCases(db.ds);
    const admin = await api.login(ADMIN.username, ADMIN.password);
    const [{ id: dongThap }] = await db.ds.query(`SELECT id FROM org_unit WHERE level = 'PROVINCE' AND code = '82' AND valid_to IS NULL`);
    await api.ok(
      `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
      { input: { username: PLANNER.username, displayName: 'Bench planner', password: PLANNER.password, role: 'PROVINCE_PLANNER', scopeUnitId: String(dongThap) } },
      admin,
    );
    const tokens = { admin, planner: await api.login(PLANNER.username, PLANNER.password) };
    // Right after a bulk load the new rows' trigrams sit in the GIN index's pending list (fastupdate)
    // and no page is all-visible: only VACUUM (autovacuum on a server; nothing on PGlite, which has
    // no autovacuum) merges the list. The q searches are measured in both states.
    await orgUnitsPage(ctx, db, api, tokens, recorder, cases.filter((c) => 'q' in c.filter && !c.as), 'orgUnits page, just loaded', 'orgUnitsPageJustLoaded');
    const vacuum = await timed(async () => {
      for (const table of ['org_unit', 'org_unit_name', 'org_unit_parent']) await db.ds.query(`VACUUM (ANALYZE) ${table}`);
    });
    ctx.log(`  VACUUM (ANALYZE) in ${fmtMs(vacuum.ms)} ms`);
    ctx.detail(`setup.${backend}.vacuumMs`, vacuum.ms);
    const details = await orgUnitsPage(ctx, db, api, tokens, recorder, cases, 'orgUnits page, vacuumed', 'orgUnitsPage');

    if (backend === 'pglite' && db.pglite) {
      // The statements of a real request: the count and the page of `q: "tan hoa"`, and the
      // primary-key lookup of the unitById loader.
      const tanHoa = details.find((d) => d.case === 'q "tan hoa"')!.statements as { sql: string; params: unknown[] }[];
      const count = tanHoa.find((s) => /COUNT\(/i.test(s.sql));
      const page = tanHoa.find((s) => /\bLIMIT\b/i.test(s.sql));
      if (!count || !page) throw new Error(`could not find the count and page statements in ${JSON.stringify(tanHoa)}`);
      recorder.take();
      const [{ id }] = await db.ds.query(`SELECT id FROM org_unit WHERE level = 'HAMLET' ORDER BY id DESC LIMIT 1`);
      await db.ds.getRepository(OrgUnitEntity).findBy({ id: In([id]) });
      const pk = recorder.take().at(-1)!;
      ctx.log(`PGlite access: socket vs in-process…`);
      await socketHop(ctx, db, db.pglite, [
        { label: 'SELECT 1', sql: 'SELECT 1', params: [] },
        { label: 'PK lookup', sql: pk.sql, params: pk.params },
        { label: 'count "tan hoa"', sql: count.sql, params: count.params },
        { label: 'page "tan hoa"', sql: page.sql, params: page.params },
      ]);
    }
  } finally {
    recorder.stop();
    await api?.close();
    await db.close();
  }
}

export const orgBench: Benchmark = {
  name: 'org',
  description: 'organization tree: reference load, orgUnits page with 100,000 hamlets, PGlite socket hop',
  async run(ctx) {
    for (const backend of ctx.options.backends) {
      ctx.log(`Reference load on ${BACKEND_LABEL[backend]}…`);
      await referenceLoad(ctx, backend);
    }
    for (const backend of ctx.options.backends) await orgOnBackend(ctx, backend);
  },
};
