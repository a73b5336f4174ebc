import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInVietnam } from '@bao-phu/domain';
import { startTestApi, type TestApi } from './harness/api';
import { countryId, createUnit } from './harness/org';
import { demoTokens, unitId } from './harness/demo';

const REPORT = `query($u: ID!, $d: Date!, $r: Boolean, $s: Scheme!) { hierarchyReport(unitId: $u, scheme: $s, asOf: $d, restated: $r) {
  asOf restated breadcrumb { code }
  total { unit { id code } participants target achievementPct newParticipants lapsed participantsAtYearStart growthSinceYearStart onTimeRatePct duesFallingDue duesPaidOnTime campaigns campaignEnrollments }
  children { unit { id code level } participants newParticipants lapsed participantsAtYearStart duesFallingDue duesPaidOnTime campaigns campaignEnrollments } } }`;
// Counts of people and dues add up from children to parent; campaigns (distinct, a commune's covers its hamlets) do not.
const COUNTS = ['participants', 'newParticipants', 'lapsed', 'participantsAtYearStart', 'duesFallingDue', 'duesPaidOnTime', 'campaignEnrollments'] as const;
const code = (body: { errors?: { extensions?: Record<string, any> }[] }) => body.errors?.[0]?.extensions?.code;

describe('drill-down on the demo: from Đồng Tháp to a hamlet', () => {
  let api: TestApi;
  const today = todayInVietnam();
  beforeAll(async () => {
    api = await startTestApi({ demo: true });
  });
  afterAll(() => api?.close());

  it('reads without JIT on a server, where compiling one as-stood report took half a second of its 2 ms', async () => {
    // PGlite has no JIT to turn off; every connection of a server's pool must have it off.
    if (api.kind !== 'postgres') return;
    const settings: { jit: string }[] = await Promise.all(Array.from({ length: 4 }, () => api.ds.query(`SELECT current_setting('jit') AS jit`).then((r) => r[0])));
    expect(settings.map((s) => s.jit)).toEqual(['off', 'off', 'off', 'off']);
  });

  it('gives at every level the counts of the level below, and a child’s row equals its own report’s total', async () => {
    const tokens = await demoTokens(api);
    const supervisor = api.as(tokens.SUPERVISOR);
    let unit = await unitId(api, '82', 'PROVINCE');
    const seen: string[] = [];
    for (const next of ['BHXH-HOALONG', '30208', '30208-01']) {
      const r = (await supervisor.ok(REPORT, { u: unit, d: today, r: true, s: 'VOLUNTARY_SI' })).hierarchyReport;
      for (const k of COUNTS) expect(r.total[k], `${r.total.unit.code} ${k}`).toBe(r.children.reduce((n: number, c: Record<string, number>) => n + c[k], 0));
      const child = r.children.find((c: { unit: { code: string } }) => c.unit.code === next);
      expect(child, `${next} under ${r.total.unit.code}`).toBeTruthy();
      const own = (await supervisor.ok(REPORT, { u: child.unit.id, d: today, r: true, s: 'VOLUNTARY_SI' })).hierarchyReport;
      for (const k of [...COUNTS, 'campaigns'] as const) expect(own.total[k], `${next} ${k}`).toBe(child[k]);
      seen.push(r.total.unit.code);
      unit = child.unit.id;
    }
    expect(seen).toEqual(['82', 'BHXH-HOALONG', '30208']);
    // Hoa Long has participants in the demo, and its report agrees with the achievement board.
    const hl = await unitId(api, 'BHXH-HOALONG', 'BASE');
    const report = (await supervisor.ok(REPORT, { u: hl, d: today, r: true, s: 'VOLUNTARY_SI' })).hierarchyReport;
    const board = (await supervisor.ok(`query($u: ID!) { achievement(unitId: $u, scheme: VOLUNTARY_SI) { total { participants target achievementPct } } }`, { u: hl })).achievement;
    expect(report.total.participants).toBeGreaterThan(100);
    expect({ participants: report.total.participants, target: report.total.target, achievementPct: report.total.achievementPct }).toEqual(board.total);
    expect(report.breadcrumb.map((u: { code: string }) => u.code)).toEqual(['VN', '82']);
  });

  it('shows a commune’s new statistics at once, in its row and its base office’s total, and nothing of a write rolled back', async () => {
    const staff = api.as((await demoTokens(api)).BASE_STAFF);
    const hl = await unitId(api, 'BHXH-HOALONG', 'BASE');
    const POP = `query($u: ID!, $d: Date!) { hierarchyReport(unitId: $u, scheme: VOLUNTARY_SI, asOf: $d, restated: true) { total { population } children { unit { id code } population } } }`;
    const read = async () => (await staff.ok(POP, { u: hl, d: today })).hierarchyReport;
    const before = await read();
    const commune = before.children.find((c: { unit: { code: string } }) => c.unit.code === '30208');
    // Asked twice, the same figures (the second from the statistics kept by the API).
    expect(await read()).toEqual(before);
    const year = Number(today.slice(0, 4));
    const set = (population: number) =>
      staff.ok(`mutation($u: ID!, $y: Int!, $p: Int!) { setUnitStatistic(input: { unitId: $u, year: $y, population: $p }) { population } }`, { u: commune.unit.id, y: year, p: population });
    await set((commune.population ?? 0) + 1234);
    const after = await read();
    expect(after.children.find((c: { unit: { code: string } }) => c.unit.code === '30208').population).toBe((commune.population ?? 0) + 1234);
    expect(after.total.population).toBe((before.total.population ?? 0) + 1234);
    // A write that does not commit leaves the reports as they were.
    await api.ds
      .transaction(async (em) => {
        await em.query(`UPDATE unit_statistic SET population = population + 999 WHERE unit_id = $1 AND year = $2`, [Number(commune.unit.id), year]);
        throw new Error('rolled back');
      })
      .catch(() => {});
    expect(await read()).toEqual(after);
    // …and a later one shows.
    await api.ds.query(`UPDATE unit_statistic SET population = population + 1 WHERE unit_id = $1 AND year = $2`, [Number(commune.unit.id), year]);
    expect((await read()).total.population).toBe(after.total.population + 1);
  });

  it('refuses a unit out of scope, a date in the future, a date before the unit existed, an unknown scheme', async () => {
    const staff = api.as((await demoTokens(api)).BASE_STAFF);
    expect(code(await staff.gql(REPORT, { u: await unitId(api, '82', 'PROVINCE'), d: today, s: 'VOLUNTARY_SI' }))).toBe('FORBIDDEN');
    const hl = await unitId(api, 'BHXH-HOALONG', 'BASE');
    const future = await staff.gql(REPORT, { u: hl, d: '2999-01-01', s: 'VOLUNTARY_SI' });
    expect(future.errors![0].extensions!.fields[0].field).toBe('asOf');
    const before = await staff.gql(REPORT, { u: hl, d: '2020-01-01', s: 'VOLUNTARY_SI' });
    expect(code(before)).toBe('BAD_USER_INPUT');
    expect(before.errors![0].extensions!.message.en).toContain('exists only from');
    expect(code(await staff.gql(REPORT, { u: hl, d: today, s: 'PENSION' }))).toBe('BAD_USER_INPUT');
  });

  it('refuses a trend backwards, longer than 60 months or into the future, and a ranking of 0 units or of a level above the unit', async () => {
    const staff = api.as((await demoTokens(api)).BASE_STAFF);
    const hl = await unitId(api, 'BHXH-HOALONG', 'BASE');
    const TREND = `query($u: ID!, $f: Month!, $t: Month!) { reportTrend(unitId: $u, scheme: VOLUNTARY_SI, from: $f, to: $t) { points { month } } }`;
    const field = (body: Awaited<ReturnType<typeof staff.gql>>) => [code(body), body.errors?.[0].extensions?.fields?.[0].field];
    expect(field(await staff.gql(TREND, { u: hl, f: '2026-06', t: '2026-01' }))).toEqual(['BAD_USER_INPUT', 'from']);
    expect(field(await staff.gql(TREND, { u: hl, f: '2020-01', t: '2026-01' }))).toEqual(['BAD_USER_INPUT', 'from']);
    expect(field(await staff.gql(TREND, { u: hl, f: '2026-01', t: '2999-01' }))).toEqual(['BAD_USER_INPUT', 'to']);
    expect(code(await staff.gql(TREND, { u: await unitId(api, '82', 'PROVINCE'), f: '2026-01', t: '2026-02' }))).toBe('FORBIDDEN');
    const RANK = `query($u: ID!, $l: OrgLevel, $n: Int) { unitRanking(unitId: $u, scheme: VOLUNTARY_SI, asOf: "${today}", measure: PARTICIPANTS, level: $l, take: $n) { units lowest { rank value row { unit { code } participants } } highest { value } } }`;
    expect(field(await staff.gql(RANK, { u: hl, n: 0 }))).toEqual(['BAD_USER_INPUT', 'take']);
    expect(field(await staff.gql(RANK, { u: hl, l: 'PROVINCE' }))).toEqual(['BAD_USER_INPUT', 'level']);
    // Hamlets of Hoa Long, lowest first, each value its row's participants.
    const ranking = (await staff.ok(RANK, { u: hl, l: 'HAMLET', n: 3 })).unitRanking;
    expect(ranking.units).toBeGreaterThan(10);
    expect(ranking.lowest.map((r: { rank: number }) => r.rank)).toEqual([1, 2, 3]);
    for (const r of ranking.lowest) expect(r.value).toBe(r.row.participants);
    expect(ranking.lowest[0].value).toBeLessThanOrEqual(ranking.lowest[2].value);
    expect(ranking.highest[0].value).toBeGreaterThanOrEqual(ranking.lowest[2].value);
  });
});

describe('as the tree stood, and restated, after a merge', () => {
  let api: TestApi;
  let base: string;
  let communeA: string;
  let communeB: string;
  let seq = 0;

  async function participant(hamletId: string, paidOn: string) {
    seq++;
    const p = await api.ok(`mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }`, {
      i: { fullName: `Người Báo Cáo ${seq}`, dateOfBirth: '1980-03-03', sex: 'FEMALE', citizenId: `0871800${String(seq).padStart(5, '0')}`, supportCategory: 'OTHER', hamletId },
    });
    const e = await api.ok(`mutation($i: EnrollInput!) { enroll(input: $i) { id dues { payable } } }`, {
      i: { personId: p.createPerson.id, scheme: 'VOLUNTARY_SI', startDate: '2025-01-01', declaredMonthlyIncome: 2_000_000, paymentMode: 'MONTHLY' },
    });
    await api.ok(`mutation($i: RecordPaymentInput!) { recordPayment(input: $i) { id } }`, { i: { enrollmentId: e.enroll.id, amount: e.enroll.dues[0].payable, paidOn } });
  }

  beforeAll(async () => {
    api = await startTestApi();
    const province = await createUnit(api, { code: '82', name: 'Tỉnh Đồng Tháp', level: 'PROVINCE', parentId: await countryId(api) });
    base = (await createUnit(api, { code: 'BHXH-R', name: 'BHXH cơ sở Báo Cáo', level: 'BASE', parentId: province.id })).id;
    communeA = (await createUnit(api, { code: '39501', name: 'Xã A', level: 'COMMUNE', parentId: base })).id;
    communeB = (await createUnit(api, { code: '39502', name: 'Xã B', level: 'COMMUNE', parentId: base })).id;
    const a1 = (await createUnit(api, { code: '39501-01', name: 'Ấp A1', level: 'HAMLET', parentId: communeA })).id;
    const b1 = (await createUnit(api, { code: '39502-01', name: 'Ấp B1', level: 'HAMLET', parentId: communeB })).id;
    for (let i = 0; i < 3; i++) await participant(a1, '2025-01-10');
    for (let i = 0; i < 2; i++) await participant(b1, '2025-01-12');
    // 1 July 2025: A and B become commune C; their hamlets move with them.
    await api.ok(`mutation($s: [ID!]!) { mergeOrgUnits(input: { sourceIds: $s, into: { code: "39510", name: "Xã C" }, effectiveDate: "2025-07-01" }) { id } }`, { s: [communeA, communeB] });
  }, 120_000);
  afterAll(() => api?.close());

  it('reports January 2025 under A and B as it stood, and under C restated, with the same total', async () => {
    const stood = (await api.ok(REPORT, { u: base, d: '2025-01-31', r: false, s: 'VOLUNTARY_SI' })).hierarchyReport;
    expect(stood.children.map((c: { unit: { code: string }; participants: number }) => [c.unit.code, c.participants])).toEqual([
      ['39501', 3],
      ['39502', 2],
    ]);
    const restated = (await api.ok(REPORT, { u: base, d: '2025-01-31', r: true, s: 'VOLUNTARY_SI' })).hierarchyReport;
    expect(restated.children.map((c: { unit: { code: string }; participants: number }) => [c.unit.code, c.participants])).toEqual([['39510', 5]]);
    for (const k of COUNTS) expect(restated.total[k], k).toBe(stood.total[k]);
    expect(stood.total).toMatchObject({ participants: 5, newParticipants: 5 });
  });

  it('reports a closed commune on a date it was open, with its breadcrumb then, and refuses it restated or after it closed', async () => {
    const a = (await api.ok(REPORT, { u: communeA, d: '2025-01-31', r: false, s: 'VOLUNTARY_SI' })).hierarchyReport;
    expect(a.total.participants).toBe(3);
    expect(a.breadcrumb.map((u: { code: string }) => u.code)).toEqual(['VN', '82', 'BHXH-R']);
    expect(code(await api.gql(REPORT, { u: communeA, d: '2025-01-31', r: true, s: 'VOLUNTARY_SI' }))).toBe('BAD_USER_INPUT');
    expect(code(await api.gql(REPORT, { u: communeA, d: '2025-08-01', r: false, s: 'VOLUNTARY_SI' }))).toBe('BAD_USER_INPUT');
  });
});
