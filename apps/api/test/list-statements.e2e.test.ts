import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './harness/api';

/**
 * A list runs as many SQL statements for a page of 100 as for a page of 10: the relations of its
 * items (a person's household and enrollments, their dues and payments, a follow-up's entry …)
 * are read for the whole page at once (graphql/row-loaders.ts), not once per item. Counted on the
 * demo as test/bench/list.bench.ts counts every list; these are the ones that grew before.
 */

let api: TestApi;
let statements: string[] = [];

beforeAll(async () => {
  // Every request reads its session (SESSION_CACHE_SECONDS=0), as the first one of a session does:
  // otherwise a count would depend on whether the cache's seconds ran out between two requests.
  api = await startTestApi({ demo: true, env: { SESSION_CACHE_SECONDS: '0' } });
  // TypeORM calls its logger's logQuery for every statement, whatever the logging setting.
  const logger = api.ds.logger as { logQuery(query: string, parameters?: unknown[], queryRunner?: unknown): unknown };
  const original = logger.logQuery.bind(logger);
  logger.logQuery = (query, parameters, queryRunner) => {
    statements.push(query);
    return original(query, parameters, queryRunner);
  };
});
afterAll(() => api?.close());

/** The answer to `query` and the statements it ran. */
async function counted(query: string, variables: Record<string, unknown>) {
  statements = [];
  const data = await api.ok(query, variables);
  return { data, statements: statements.length };
}

const PERSONS_HOUSEHOLD_DUES = `query($take: Int) { persons(take: $take) { items { id household { id code }
  enrollments { id collectionOrganization { id name } dues { id periodStart } } } } }`;

describe('statements per list', () => {
  it.each([
    ['persons with household, enrollments, their organization and dues', PERSONS_HOUSEHOLD_DUES, {}, (d: any) => d.persons.items],
    ['persons with enrollments and their payments', `query($take: Int) { persons(take: $take) { items { id enrollments { id payments { id } } } } }`, {}, (d: any) => d.persons.items],
    ['targets with their history', `query($take: Int) { targets(take: $take) { items { id history { revision changedBy } } } }`, {}, (d: any) => d.targets.items],
  ])('%s: the same count for 100 rows as for 10', async (_name, query, variables, items) => {
    const small = await counted(query, { ...variables, take: 10 });
    const large = await counted(query, { ...variables, take: 100 });
    expect(items(small.data)).toHaveLength(10);
    expect(items(large.data).length).toBeGreaterThan(10);
    expect(large.statements).toBe(small.statements);
  });

  it('follow-ups with their entry, its person and organization, and the enrollment; visits with person, household and member', async () => {
    const [{ base_unit_id: base }] = await api.ds.query(`SELECT base_unit_id FROM follow_up GROUP BY base_unit_id ORDER BY count(*) DESC LIMIT 1`);
    const [{ campaign_id: campaign }] = await api.ds.query(`SELECT campaign_id FROM visit GROUP BY campaign_id ORDER BY count(*) DESC LIMIT 1`);
    const followUps = `query($b: ID!, $take: Int) { followUps(baseUnitId: $b, take: $take) { items { id entry { id promisedDate person { id fullName } collectionOrganization { id } } enrollment { id status } } } }`;
    const visits = `query($c: ID!, $take: Int) { campaign(id: $c) { visits(take: $take) { items { id person { id } household { id } member { id } } } } }`;
    for (const [query, variables, items] of [
      [followUps, { b: String(base) }, (d: any) => d.followUps.items],
      [visits, { c: String(campaign) }, (d: any) => d.campaign.visits.items],
    ] as const) {
      const small = await counted(query, { ...variables, take: 10 });
      const large = await counted(query, { ...variables, take: 100 });
      expect(items(large.data).length).toBeGreaterThan(10);
      expect(large.statements).toBe(small.statements);
    }
    // Each entry's promised date is its enrollment's last promise, as read one by one.
    const page = (await api.ok(followUps, { b: String(base), take: 100 })).followUps.items as { entry: { promisedDate: string | null }; enrollment: { id: string } }[];
    for (const f of page) {
      const [row] = await api.ds.query(`SELECT promised_date FROM follow_up WHERE enrollment_id = $1 AND outcome = 'WILL_PAY' ORDER BY closed_at DESC LIMIT 1`, [Number(f.enrollment.id)]);
      expect(f.entry.promisedDate, `enrollment ${f.enrollment.id}`).toBe(row?.promised_date ?? null);
    }
  });

  it('campaigns with their results: the same statements for one campaign as for all, and each its own figures', async () => {
    const F = `fragment F on CampaignFigures { newVoluntarySI newHouseholdHI enrolled interested notHome alreadyInsured conversionPct householdHIPct }`;
    const RESULTS = `results { total { ...F } bySession { date figures { ...F } } byMember { member { id } figures { ...F } } }`;
    const list = `query($take: Int) { campaigns(take: $take) { totalCount items { id ${RESULTS} } } } ${F}`;
    const one = await counted(list, { take: 1 });
    const all = await counted(list, { take: 100 });
    expect(all.data.campaigns.items.length).toBe(all.data.campaigns.totalCount);
    expect(all.data.campaigns.items.length).toBeGreaterThan(1);
    expect(all.statements).toBe(one.statements);
    // Batched, each campaign still gets the figures it gets when asked for alone.
    for (const c of all.data.campaigns.items) {
      const alone = await api.ok(`query($id: ID!) { campaign(id: $id) { ${RESULTS} } } ${F}`, { id: c.id });
      expect(c.results).toEqual(alone.campaign.results);
    }
    expect(all.data.campaigns.items.some((c: any) => c.results.total.enrolled > 0 && c.results.byMember.length > 0)).toBe(true);
  });

  it('gives each person its own household, enrollments and dues, in the order of the one-by-one reads', async () => {
    const { data } = await counted(PERSONS_HOUSEHOLD_DUES, { take: 100 });
    const ids = data.persons.items.map((p: { id: string }) => Number(p.id));
    const households: { id: number; household_id: number | null; code: string | null }[] = await api.ds.query(
      `SELECT p.id, p.household_id, h.code FROM person p LEFT JOIN household h ON h.id = p.household_id WHERE p.id = ANY($1)`,
      [ids],
    );
    const enrollments: { person_id: number; id: number; dues: number[] }[] = await api.ds.query(
      `SELECT e.person_id, e.id, coalesce((SELECT array_agg(d.id ORDER BY d.period_start) FROM contribution_due d WHERE d.enrollment_id = e.id), '{}') AS dues
         FROM enrollment e WHERE e.person_id = ANY($1) ORDER BY e.start_date DESC, e.id DESC`,
      [ids],
    );
    let withDues = 0;
    for (const p of data.persons.items) {
      const h = households.find((r) => r.id === Number(p.id))!;
      expect(p.household).toEqual(h.household_id === null ? null : { id: String(h.household_id), code: h.code });
      const own = enrollments.filter((e) => e.person_id === Number(p.id));
      expect(p.enrollments.map((e: { id: string }) => Number(e.id))).toEqual(own.map((e) => e.id));
      p.enrollments.forEach((e: { dues: { id: string }[] }, i: number) => expect(e.dues.map((d) => Number(d.id))).toEqual(own[i].dues));
      withDues += p.enrollments.filter((e: { dues: unknown[] }) => e.dues.length).length;
    }
    expect(withDues).toBeGreaterThan(0);
  });
});
