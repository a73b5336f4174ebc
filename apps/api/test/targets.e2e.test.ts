import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocateTarget } from '@bao-phu/domain';
import { finishedImport, startTestApi, upload, type Client, type TestApi } from './harness/api';
import { demoTokens, unitId, type Role } from './harness/demo';

let api: TestApi;
let tokens: Record<Role, string>;
let planner: Client;
let staff: Client;
let supervisor: Client;
let province: string;
let hoaLong: string;
const bases: Record<string, string> = {};
const communes: Record<string, string> = {};

const SET = `mutation($i: SetTargetInput!) { setTarget(input: $i) { id value status revision version unit { code } } }`;
const SET_MANY = `mutation($i: [SetTargetInput!]!) { setTargets(inputs: $i) { id value status version unit { code } } }`;
const ALLOCATE = `mutation($i: AllocateTargetInput!) { allocateTarget(input: $i) { id value status unit { code } } }`;
const PUBLISH = `mutation($p: ID!, $y: Int!) { publishTargets(parentUnitId: $p, year: $y, scheme: VOLUNTARY_SI, metric: PARTICIPANTS) { value status unit { code } } }`;
const SHEET = `query($p: ID!, $y: Int!) {
  allocationSheet(parentUnitId: $p, year: $y, scheme: VOLUNTARY_SI, metric: PARTICIPANTS) {
    parent { code } parentTarget { value status } childrenSum shortfall canEdit
    children { unit { id code } lastYearActual potential participants target { value status version } }
  }
}`;
const vsi = (unitId: string, year: number, value: number, extra: Record<string, unknown> = {}) => ({ unitId, year, scheme: 'VOLUNTARY_SI', metric: 'PARTICIPANTS', value, ...extra });
const code = (body: { errors?: { extensions?: Record<string, any> }[] }) => body.errors?.[0]?.extensions?.code;

async function statuses(year: number, parentId: string): Promise<Record<string, string>> {
  const d = await api.ok(`query($p: ID!, $y: Int!) { targets(filter: { parentId: $p, year: $y }, take: 200) { items { status unit { code } } } }`, { p: parentId, y: year });
  return Object.fromEntries(d.targets.items.map((t: { status: string; unit: { code: string } }) => [t.unit.code, t.status]));
}

beforeAll(async () => {
  api = await startTestApi({ demo: true });
  tokens = await demoTokens(api);
  planner = api.as(tokens.PROVINCE_PLANNER);
  staff = api.as(tokens.BASE_STAFF);
  supervisor = api.as(tokens.SUPERVISOR);
  province = await unitId(api, '82', 'PROVINCE');
  for (const c of ['BHXH-HOALONG', 'BHXH-SADEC', 'BHXH-CAOLANH', 'BHXH-MYTHO']) bases[c] = await unitId(api, c, 'BASE');
  hoaLong = bases['BHXH-HOALONG'];
  for (const c of ['30208', '30214', '30226', '30235']) communes[c] = await unitId(api, c, 'COMMUNE');
});
afterAll(() => api?.close());

describe('handing a yearly target down: province → base offices → communes', () => {
  const Y = 2030;

  it('refuses to publish base office targets that fall short, saying by how much, and publishes nothing', async () => {
    await planner.ok(SET, { i: vsi(province, Y, 1_000) });
    await planner.ok(SET_MANY, { i: [vsi(hoaLong, Y, 250), vsi(bases['BHXH-SADEC'], Y, 250), vsi(bases['BHXH-CAOLANH'], Y, 250), vsi(bases['BHXH-MYTHO'], Y, 240)] });
    const refused = await planner.gql(PUBLISH, { p: province, y: Y });
    expect(code(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0].extensions!.fields[0].message.vi).toContain('còn thiếu 10');
    expect(refused.errors![0].extensions!.message.en).toContain('fall 10 short');
    expect(Object.values(await statuses(Y, province))).toEqual(['DRAFT', 'DRAFT', 'DRAFT', 'DRAFT']);
  });

  it('publishes once the children reach the parent, the province target with them', async () => {
    await planner.ok(SET, { i: vsi(bases['BHXH-MYTHO'], Y, 250) });
    const published = (await planner.ok(PUBLISH, { p: province, y: Y })).publishTargets;
    expect(published.map((t: { status: string }) => t.status)).toEqual(['PUBLISHED', 'PUBLISHED', 'PUBLISHED', 'PUBLISHED']);
    expect(published.reduce((n: number, t: { value: number }) => n + t.value, 0)).toBe(1_000);
    const own = await planner.ok(`query($u: ID!) { targets(filter: { unitId: $u, year: 2030 }) { items { status value } } }`, { u: province });
    expect(own.targets.items).toEqual([{ status: 'PUBLISHED', value: 1_000 }]);
  });

  it('lets base staff split Hoa Long equally among its 4 communes: drafts that sum exactly to 250', async () => {
    const drafts = (await staff.ok(ALLOCATE, { i: { parentUnitId: hoaLong, year: Y, scheme: 'VOLUNTARY_SI', metric: 'PARTICIPANTS', method: 'EQUAL' } })).allocateTarget;
    expect(drafts.map((t: { unit: { code: string } }) => t.unit.code)).toEqual(['30208', '30214', '30226', '30235']);
    expect(drafts.map((t: { value: number }) => t.value)).toEqual([63, 63, 62, 62]);
    expect(drafts.every((t: { status: string }) => t.status === 'DRAFT')).toBe(true);
    const sheet = (await staff.ok(SHEET, { p: hoaLong, y: Y })).allocationSheet;
    expect(sheet).toMatchObject({ parent: { code: 'BHXH-HOALONG' }, parentTarget: { value: 250, status: 'PUBLISHED' }, childrenSum: 250, shortfall: 0, canEdit: true });
  });

  it('splits in proportion to the potential shown on the sheet, exactly as the shared rule does', async () => {
    const sheet = (await staff.ok(SHEET, { p: hoaLong, y: Y })).allocationSheet;
    const potentials = sheet.children.map((c: { unit: { id: string }; potential: number | null }) => ({ id: c.unit.id, weight: c.potential ?? 0 }));
    expect(potentials.every((p: { weight: number }) => p.weight > 0)).toBe(true); // the demo has statistics for every commune
    const drafts = (await staff.ok(ALLOCATE, { i: { parentUnitId: hoaLong, year: Y, scheme: 'VOLUNTARY_SI', metric: 'PARTICIPANTS', method: 'PROPORTIONAL_POTENTIAL' } })).allocateTarget;
    expect(drafts.map((t: { value: number }) => t.value)).toEqual(allocateTarget(250, potentials, 'PROPORTIONAL_POTENTIAL').map((s) => s.value));
    expect(drafts.reduce((n: number, t: { value: number }) => n + t.value, 0)).toBe(250);
  });

  it('refuses publishing communes that fall short, then publishes them once fixed', async () => {
    const sheet = (await staff.ok(SHEET, { p: hoaLong, y: Y })).allocationSheet;
    const [first] = sheet.children;
    await staff.ok(SET, { i: vsi(first.unit.id, Y, first.target.value - 3, { expectedVersion: first.target.version }) });
    const refused = await staff.gql(PUBLISH, { p: hoaLong, y: Y });
    expect(code(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0].extensions!.fields[0].message.vi).toContain('còn thiếu 3');
    expect(Object.values(await statuses(Y, hoaLong)).every((s) => s === 'DRAFT')).toBe(true);
    await staff.ok(SET, { i: vsi(first.unit.id, Y, first.target.value + 1) });
    const published = (await staff.ok(PUBLISH, { p: hoaLong, y: Y })).publishTargets;
    expect(published.every((t: { status: string }) => t.status === 'PUBLISHED')).toBe(true);
    expect(published.reduce((n: number, t: { value: number }) => n + t.value, 0)).toBe(251);
  });

  it('keeps the history: a change after publishing is a supplementary revision, with who and what before', async () => {
    const t = (await planner.ok(SET, { i: vsi(hoaLong, Y, 300, { note: 'Chỉ tiêu bổ sung giữa năm' }) })).setTarget;
    expect(t).toMatchObject({ value: 300, status: 'DRAFT', revision: 2 });
    const h = (await supervisor.ok(`query($id: ID!) { target(id: $id) { history { revision value previousValue status action supplementary note changedBy } } }`, { id: t.id })).target.history;
    expect(h[0]).toEqual({ revision: 2, value: 300, previousValue: 250, status: 'DRAFT', action: 'SET', supplementary: true, note: 'Chỉ tiêu bổ sung giữa năm', changedBy: expect.stringMatching(/\S/) });
    expect(h.map((r: { action: string }) => r.action)).toEqual(['SET', 'PUBLISH', 'SET']);
    expect(h.at(-1)).toMatchObject({ revision: 1, value: 250, previousValue: null, supplementary: false });
  });
});

describe('who may set what', () => {
  it('planners set base offices, not communes; base staff communes, not their base office; supervisors nothing', async () => {
    expect(code(await planner.gql(SET, { i: vsi(communes['30208'], 2031, 5) }))).toBe('FORBIDDEN');
    expect(code(await staff.gql(SET, { i: vsi(hoaLong, 2031, 5) }))).toBe('FORBIDDEN');
    expect(code(await supervisor.gql(SET, { i: vsi(hoaLong, 2031, 5) }))).toBe('FORBIDDEN');
    expect(code(await staff.gql(SET, { i: vsi(bases['BHXH-SADEC'], 2031, 5) }))).toBe('FORBIDDEN');
    // A planner cannot split a base office's target to its communes either (the children decide).
    expect(code(await planner.gql(ALLOCATE, { i: { parentUnitId: hoaLong, year: 2030, scheme: 'VOLUNTARY_SI', metric: 'PARTICIPANTS', method: 'EQUAL' } }))).toBe('FORBIDDEN');
    const [{ n }] = await api.ds.query(`SELECT count(*)::int AS n FROM target WHERE year = 2031`);
    expect(n).toBe(0);
  });

  it('base staff cannot allocate a base office target the planner has not published yet', async () => {
    await planner.ok(SET, { i: vsi(hoaLong, 2032, 80) });
    const body = await staff.gql(ALLOCATE, { i: { parentUnitId: hoaLong, year: 2032, scheme: 'VOLUNTARY_SI', metric: 'PARTICIPANTS', method: 'EQUAL' } });
    expect(code(body)).toBe('BAD_USER_INPUT');
    expect(body.errors![0].extensions!.message.en).toContain('not published');
  });
});

describe('bad input: a clear error, nothing written', () => {
  const count = async () => (await api.ds.query(`SELECT count(*)::int AS n FROM target`))[0].n as number;

  it('refuses negative and non-integer values, a closed unit, a missing parent target, and a bad period', async () => {
    const before = await count();
    const negative = await staff.gql(SET, { i: vsi(communes['30208'], 2033, -1) });
    expect(code(negative)).toBe('BAD_USER_INPUT');
    expect(negative.errors![0].extensions!.fields).toEqual([expect.objectContaining({ field: 'value', message: expect.objectContaining({ vi: expect.stringContaining('không âm') }) })]);
    const fraction = await staff.gql(SET, { i: vsi(communes['30208'], 2033, 2.5) });
    expect(code(fraction)).toBe('BAD_USER_INPUT');
    const closed = await api.ok(`{ orgUnits(filter: { includeClosed: true, level: COMMUNE, q: "hoa long" }, take: 50) { items { id validTo } } }`);
    const old = closed.orgUnits.items.find((u: { validTo: string | null }) => u.validTo !== null);
    const onClosed = await api.gql(SET, { i: vsi(old.id, 2033, 10) });
    expect(code(onClosed)).toBe('BAD_USER_INPUT');
    expect(onClosed.errors![0].extensions!.fields[0].field).toBe('unitId');
    const noParent = await staff.gql(ALLOCATE, { i: { parentUnitId: communes['30208'], year: 2040, scheme: 'VOLUNTARY_SI', metric: 'PARTICIPANTS', method: 'EQUAL' } });
    expect(code(noParent)).toBe('BAD_USER_INPUT');
    expect(noParent.errors![0].extensions!.fields[0].message.vi).toContain('chưa có chỉ tiêu năm 2040');
    const both = await staff.gql(SET, { i: vsi(communes['30208'], 2033, 10, { quarter: 2, month: 5 }) });
    expect(both.errors![0].extensions!.fields.map((f: { field: string }) => f.field)).toEqual(['month']);
    const farYear = await staff.gql(SET, { i: vsi(communes['30208'], 1999, 10) });
    expect(farYear.errors![0].extensions!.fields.map((f: { field: string }) => f.field)).toEqual(['year']);
    // One bad row in a batch: none of the batch is saved.
    const batch = await staff.gql(SET_MANY, { i: [vsi(communes['30208'], 2033, 10), vsi(communes['30214'], 2033, -5)] });
    expect(batch.errors![0].extensions!.fields[0].field).toBe('inputs.1.value');
    expect(await count()).toBe(before);
  });

  it('gives the second of two people editing the same draft CONFLICT, and keeps the first one’s value', async () => {
    const first = (await staff.ok(SET, { i: vsi(communes['30226'], 2034, 40, { expectedVersion: 0 }) })).setTarget;
    // Both opened version 1; one saves 45, the other then saves 50 over the same version.
    const a = (await staff.ok(SET, { i: vsi(communes['30226'], 2034, 45, { expectedVersion: first.version }) })).setTarget;
    const b = await staff.gql(SET, { i: vsi(communes['30226'], 2034, 50, { expectedVersion: first.version }) });
    expect(code(b)).toBe('CONFLICT');
    expect(b.errors![0].extensions!.message.en).toContain('reload');
    // Someone creating a target the user believed did not exist yet is a conflict too.
    expect(code(await staff.gql(SET, { i: vsi(communes['30226'], 2034, 60, { expectedVersion: 0 }) }))).toBe('CONFLICT');
    const now = await staff.ok(`query($id: ID!) { target(id: $id) { value version } }`, { id: first.id });
    expect(now.target).toEqual({ value: 45, version: a.version });
  });

  it('explains a proportional split without figures instead of splitting blindly', async () => {
    await api.ok(SET, { i: vsi(communes['30235'], 2035, 12) });
    const body = await staff.gql(ALLOCATE, { i: { parentUnitId: communes['30235'], year: 2035, scheme: 'VOLUNTARY_SI', metric: 'PARTICIPANTS', method: 'PROPORTIONAL_LAST_YEAR' } });
    expect(code(body)).toBe('BAD_USER_INPUT');
    expect(body.errors![0].extensions!.fields[0]).toMatchObject({ field: 'method' });
  });
});

describe('achievement on a date (DESIGN.md §6)', () => {
  const N = 2_654;
  let hamlet: string;
  let commune: string;

  beforeAll(async () => {
    commune = communes['30214'];
    hamlet = (
      await api.ok(`mutation($p: ID!) { createOrgUnit(input: { code: "T-ACH-01", name: "Ấp Thử Tiến Độ", level: HAMLET, parentId: $p, validFrom: "2025-07-01" }) { id } }`, { p: commune })
    ).createOrgUnit.id;
    const ids = Array.from({ length: N }, (_, i) => `087201${String(i + 1).padStart(6, '0')}`);
    const persons = ['citizenId,fullName,dateOfBirth,sex,hamletCode,phone,householdCode,supportCategory', ...ids.map((id, i) => `${id},Trần Văn Tiến ${i + 1},2001-03-04,MALE,T-ACH-01,,,OTHER`)];
    const enrollments = ['citizenId,scheme,startDate,declaredMonthlyIncome,paymentMode,collectionOrganizationCode,campaignCode', ...ids.map((id) => `${id},VOLUNTARY_SI,2026-01-01,2000000,MONTHLY,,`)];
    for (const [kind, rows] of [['persons', persons], ['enrollments', enrollments]] as const) {
      const res = await upload(api, tokens.BASE_STAFF, kind, rows.join('\n'), { fileName: `${kind}.csv` });
      expect((await finishedImport(staff, res.body.importId)).status).toBe('SUCCEEDED');
    }
    const person = await staff.ok(`{ persons(filter: { q: "${ids[0]}" }) { items { enrollments { dues { periodStart payable } } } } }`);
    const january = person.persons.items[0].enrollments[0].dues.find((d: { periodStart: string }) => d.periodStart === '2026-01-01');
    // Everyone pays January on 10 January; of the last 100, 60 pay February on 5 February and 40 on 27 February.
    const payments = [
      'citizenId,scheme,amount,paidOn,receiptNo',
      ...ids.map((id, i) => `${id},VOLUNTARY_SI,${january.payable},2026-01-10,T1-${i}`),
      ...ids.slice(-100).map((id, i) => `${id},VOLUNTARY_SI,${january.payable},${i < 60 ? '2026-02-05' : '2026-02-27'},T2-${i}`),
    ];
    const res = await upload(api, tokens.BASE_STAFF, 'payments', payments.join('\n'), { fileName: 'payments.csv' });
    expect((await finishedImport(staff, res.body.importId)).status).toBe('SUCCEEDED');
    await staff.ok(SET, { i: vsi(hamlet, 2026, 2_708) });
  }, 180_000);

  const BOARD = `query($u: ID!, $d: Date, $c: Date) { achievement(unitId: $u, scheme: VOLUNTARY_SI, asOf: $d, compareWith: $c) {
    asOf yearElapsedPct
    total { unit { code } participants target achievementPct newParticipants participantsThen pointsChange forecast pace participantsAtYearStart lastYearParticipants }
    children { unit { code } participants target achievementPct newParticipants }
  } }`;

  it('reports 2,654 participants against a target of 2,708 as 98.01 %', async () => {
    const board = (await supervisor.ok(BOARD, { u: hamlet, d: '2026-01-31' })).achievement;
    expect(board.total).toMatchObject({ unit: { code: 'T-ACH-01' }, participants: 2_654, target: 2_708, achievementPct: 98.01, newParticipants: 2_654, participantsAtYearStart: 0, lastYearParticipants: 0 });
    // 31 days of 365: 8.49 % of the year gone.
    expect(board.yearElapsedPct).toBe(8.49);
  });

  it('does not count a payment made after the report date: the month counts those paid by the date', async () => {
    expect((await staff.ok(BOARD, { u: hamlet, d: '2026-01-09' })).achievement.total.participants).toBe(0);
    expect((await staff.ok(BOARD, { u: hamlet, d: '2026-02-20' })).achievement.total.participants).toBe(60);
    const feb = (await staff.ok(BOARD, { u: hamlet, d: '2026-02-28', c: '2026-01-31' })).achievement.total;
    // 100 of 2,708 is 3.69 %; against 98.01 % on 31 January: −94.32 points.
    expect(feb).toMatchObject({ participants: 100, achievementPct: 3.69, participantsThen: 2_654, pointsChange: -94.32, newParticipants: 2_654 });
    // Nobody has paid March.
    expect((await staff.ok(BOARD, { u: hamlet, d: '2026-03-31' })).achievement.total.participants).toBe(0);
  });

  it('rolls the hamlet up into its commune: the commune row counts it, and equals the sum of its children', async () => {
    const board = (await staff.ok(BOARD, { u: commune, d: '2026-01-31' })).achievement;
    const sum = board.children.reduce((n: number, c: { participants: number }) => n + c.participants, 0);
    expect(board.total.participants).toBe(sum);
    expect(board.children.find((c: { unit: { code: string } }) => c.unit.code === 'T-ACH-01')).toMatchObject({ participants: 2_654, achievementPct: 98.01 });
    expect(board.total.participants).toBeGreaterThanOrEqual(2_654);
  });

  it('refuses a date in the future, a comparison after the report date, and a unit out of scope', async () => {
    expect(code(await staff.gql(BOARD, { u: hamlet, d: '2999-01-01' }))).toBe('BAD_USER_INPUT');
    expect(code(await staff.gql(BOARD, { u: hamlet, d: '2026-01-31', c: '2026-02-01' }))).toBe('BAD_USER_INPUT');
    expect(code(await staff.gql(BOARD, { u: await unitId(api, '01', 'PROVINCE') }))).toBe('FORBIDDEN');
  });

  it('shows last year’s participants and the participants now on the allocation sheet of the commune', async () => {
    const sheet = (await staff.ok(SHEET, { p: commune, y: 2027 })).allocationSheet;
    const row = sheet.children.find((c: { unit: { code: string } }) => c.unit.code === 'T-ACH-01');
    // 31 December 2026: nobody has paid December in this constructed case.
    expect(row).toMatchObject({ lastYearActual: 0, target: null });
  });
});

describe('imports of targets and statistics', () => {
  const TARGETS = 'unitCode,year,scheme,metric,value';
  it('imports commune targets as drafts with their history, refusing rows of other levels or unknown units', async () => {
    const bad = `${TARGETS}\n30208,2036,VOLUNTARY_SI,PARTICIPANTS,"1.200"\nBHXH-HOALONG,2036,VOLUNTARY_SI,PARTICIPANTS,10\nXX-999,2036,VOLUNTARY_SI,PARTICIPANTS,5\n30214,2036,VOLUNTARY_SI,PARTICIPANTS,-4\n`;
    const res = await upload(api, tokens.BASE_STAFF, 'targets', bad, { fileName: 'targets.csv' });
    const job = await finishedImport(staff, res.body.importId);
    expect(job).toMatchObject({ status: 'FAILED', totalRows: 4, rejectedRows: 3, importedRows: 0 });
    expect(job.errors.map((e: { line: number }) => e.line)).toEqual([3, 4, 5]);
    expect(job.errors[1].messageEn).toContain('XX-999');
    expect((await api.ds.query(`SELECT count(*)::int AS n FROM target WHERE year = 2036`))[0].n).toBe(0);

    const kept = await upload(api, tokens.BASE_STAFF, 'targets', bad, { fileName: 'targets.csv', keepValid: true });
    expect((await finishedImport(staff, kept.body.importId)).importedRows).toBe(1);
    const again = await upload(api, tokens.BASE_STAFF, 'targets', `${TARGETS}\n30208,2036,VOLUNTARY_SI,PARTICIPANTS,1300\n`, { fileName: 'targets.csv' });
    expect((await finishedImport(staff, again.body.importId)).status).toBe('SUCCEEDED');
    const t = await staff.ok(`query($u: ID!) { targets(filter: { unitId: $u, year: 2036 }) { items { value status revision history { action value previousValue } } } }`, { u: communes['30208'] });
    expect(t.targets.items[0]).toMatchObject({ value: 1_300, status: 'DRAFT', revision: 2 });
    expect(t.targets.items[0].history).toEqual([
      { action: 'IMPORT', value: 1_300, previousValue: 1_200 },
      { action: 'IMPORT', value: 1_200, previousValue: null },
    ]);
  });

  it('imports statistics figure by figure; the supervisor may not import', async () => {
    const csv = `unitCode,year,metric,value\n30226,2027,POPULATION,30000\n30226,2027,WORKING_AGE_POPULATION,18000\n30226,2027,HOUSEHOLDS,8100\n30226,2027,HEALTH_INSURED,27500\n`;
    expect((await upload(api, tokens.SUPERVISOR, 'statistics', csv, { fileName: 's.csv' })).status).toBe(403);
    const res = await upload(api, tokens.BASE_STAFF, 'statistics', csv, { fileName: 's.csv' });
    expect((await finishedImport(staff, res.body.importId)).status).toBe('SUCCEEDED');
    const s = await staff.ok(`query($u: ID!) { unitStatistics(filter: { unitId: $u, year: 2027 }) { items { population workingAgePopulation households healthInsured version } } }`, { u: communes['30226'] });
    expect(s.unitStatistics.items).toEqual([{ population: 30_000, workingAgePopulation: 18_000, households: 8_100, healthInsured: 27_500, version: 4 }]);
  });
});

describe('unit statistics on screen', () => {
  it('corrects a figure with the version seen, refuses a stale version and impossible figures', async () => {
    const first = (await staff.ok(`mutation($u: ID!) { setUnitStatistic(input: { unitId: $u, year: 2028, population: 5000, workingAgePopulation: 3100 }) { id version population } }`, { u: communes['30235'] })).setUnitStatistic;
    expect(first).toMatchObject({ version: 1, population: 5_000 });
    const fixed = (await staff.ok(`mutation($u: ID!) { setUnitStatistic(input: { unitId: $u, year: 2028, workingAgePopulation: 3200, expectedVersion: 1 }) { version population workingAgePopulation } }`, { u: communes['30235'] })).setUnitStatistic;
    expect(fixed).toEqual({ version: 2, population: 5_000, workingAgePopulation: 3_200 });
    const stale = await staff.gql(`mutation($u: ID!) { setUnitStatistic(input: { unitId: $u, year: 2028, households: 1000, expectedVersion: 1 }) { version } }`, { u: communes['30235'] });
    expect(code(stale)).toBe('CONFLICT');
    const impossible = await staff.gql(`mutation($u: ID!) { setUnitStatistic(input: { unitId: $u, year: 2028, healthInsured: 9000, households: -1 }) { version } }`, { u: communes['30235'] });
    expect(impossible.errors![0].extensions!.fields.map((f: { field: string }) => f.field).sort()).toEqual(['healthInsured', 'households']);
    const now = await staff.ok(`query($u: ID!) { unitStatistics(filter: { unitId: $u, year: 2028 }) { items { households healthInsured version } } }`, { u: communes['30235'] });
    expect(now.unitStatistics.items).toEqual([{ households: null, healthInsured: null, version: 2 }]);
  });
});
