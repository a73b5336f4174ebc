import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../src/jobs/clock';
import { monthlyCycleJob } from '../src/modules/collection/cycle.jobs';
import { finishedImport, startTestApi, upload, type Client, type TestApi } from './harness/api';
import { countryId, createUnit } from './harness/org';

/**
 * The monthly collection cycle through HTTP, on a small tree of its own: a base office with one
 * commune and hamlet, people paying monthly, quarterly and yearly, a lapsed and a re-enrolled
 * participant; the 25th's job through pg-boss with a clock the test sets.
 */
// At start the job catches up the month due on the clock's day (April): before this file's units exist.
const clock = manualClock('2026-05-10');
let api: TestApi;
let base: string;
let hamlet: string;
let commune: string;
let postOffice: string;
let viettel: string;
let collector: Client;
let staff: Client;
let seq = 0;

const code = (body: { errors?: { extensions?: Record<string, any> }[] }) => body.errors?.[0]?.extensions?.code;
const CYCLE = `query($b: ID!, $m: Month!, $o: ID, $k: DueListKind) { collectionCycle(baseUnitId: $b, month: $m) {
  id month version entries(organizationId: $o, kind: $k) { id kind amount reason scheme periodStart dueDate person { fullName } collector { name } }
  summary { organizationCode kind entries amount reasonsMissing reasonsDeadline late } } }`;
const GENERATE = `mutation($b: ID!, $m: Month!) { generateCollectionCycle(baseUnitId: $b, month: $m) { id month version } }`;

interface Person {
  name: string;
  enrollment: string;
  dues: { periodStart: string; dueDate: string; payable: number }[];
}

/** A person of the hamlet enrolled in voluntary SI, collected by `org`. */
async function participant(name: string, startDate: string, paymentMode: string, org: string | null): Promise<Person> {
  seq++;
  const person = await api.ok(`mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }`, {
    i: { fullName: name, dateOfBirth: '1985-02-02', sex: 'MALE', citizenId: `0870850${String(seq).padStart(5, '0')}`, supportCategory: 'OTHER', hamletId: hamlet },
  });
  const e = await api.ok(`mutation($i: EnrollInput!) { enroll(input: $i) { id dues { periodStart dueDate payable } } }`, {
    i: { personId: person.createPerson.id, scheme: 'VOLUNTARY_SI', startDate, declaredMonthlyIncome: 2_500_000, paymentMode, collectionOrganizationId: org },
  });
  return { name, enrollment: e.enroll.id, dues: e.enroll.dues };
}

async function pay(p: Person, periodStart: string, paidOn: string) {
  const due = p.dues.find((d) => d.periodStart === periodStart)!;
  await api.ok(`mutation($i: RecordPaymentInput!) { recordPayment(input: $i) { id } }`, { i: { enrollmentId: p.enrollment, amount: due.payable, paidOn } });
}

async function cycle(month: string, client: Client = api, org?: string, kind?: string) {
  return (await client.ok(CYCLE, { b: base, m: month, o: org ?? null, k: kind ?? null })).collectionCycle;
}

const entriesOf = (c: { entries: { kind: string; person: { fullName: string }; periodStart: string; amount: number }[] }, name: string) =>
  c.entries
    .filter((e) => e.person.fullName === name)
    .map((e) => `${e.kind} ${e.periodStart} ${e.amount}`)
    .sort();

let monthly: Person;
let monthlyUnpaid: Person;
let quarterly: Person;
let yearly: Person;
let lapsed: Person;

beforeAll(async () => {
  api = await startTestApi({ jobs: { clock, jobs: [monthlyCycleJob] } });
  const province = await createUnit(api, { code: '82', name: 'Tỉnh Đồng Tháp', level: 'PROVINCE', parentId: await countryId(api) });
  base = (await createUnit(api, { code: 'BHXH-THU', name: 'BHXH cơ sở Thử Thu', level: 'BASE', parentId: province.id })).id;
  commune = (await createUnit(api, { code: '39001', name: 'Xã Thử Thu', level: 'COMMUNE', parentId: base })).id;
  hamlet = (await createUnit(api, { code: '39001-01', name: 'Ấp Thu 1', level: 'HAMLET', parentId: commune })).id;
  postOffice = (await api.ok(`mutation { createCollectionOrganization(input: { code: "BD-T", name: "Bưu điện Thử" }) { id } }`)).createCollectionOrganization.id;
  viettel = (await api.ok(`mutation { createCollectionOrganization(input: { code: "VT-T", name: "Viettel Thử" }) { id } }`)).createCollectionOrganization.id;
  for (const [username, role, org] of [
    ['thu.buudien', 'COLLECTOR', postOffice],
    ['canbo.thu', 'BASE_STAFF', null],
  ] as const) {
    await api.ok(`mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`, {
      i: { username, displayName: username, password: 'long-enough-Pass-1', role, scopeUnitId: base, collectionOrganizationId: org },
    });
  }
  collector = api.as(await api.login('thu.buudien', 'long-enough-Pass-1'));
  staff = api.as(await api.login('canbo.thu', 'long-enough-Pass-1'));
  await api.ok(`mutation($i: CreateCollectorInput!) { createCollector(input: $i) { id } }`, { i: { organizationId: postOffice, name: 'Chị Năm Bưu Điện', areaIds: [hamlet] } });

  monthly = await participant('Người Đóng Tháng', '2026-06-01', 'MONTHLY', postOffice);
  await pay(monthly, '2026-06-01', '2026-06-10');
  await pay(monthly, '2026-07-01', '2026-07-05');
  monthlyUnpaid = await participant('Người Nợ Tháng', '2026-06-01', 'MONTHLY', postOffice);
  quarterly = await participant('Người Đóng Quý', '2026-07-01', 'QUARTERLY', viettel);
  yearly = await participant('Người Đóng Năm', '2026-01-01', 'ANNUAL', postOffice);
  lapsed = await participant('Người Ngừng Rồi Quay Lại', '2026-04-01', 'MONTHLY', postOffice);
}, 180_000);
afterAll(() => api?.close());

describe('the lists of a month', () => {
  it('lists the dues of next month and the unpaid ones of last month, per organization, with the amounts owed', async () => {
    await staff.ok(GENERATE, { b: base, m: '2026-07' });
    const july = await cycle('2026-07', staff);
    const aug = (p: Person) => p.dues.find((d) => d.periodStart === '2026-08-01')!.payable;
    // Monthly, paid up to July: August is due next month; nothing unpaid.
    expect(entriesOf(july, monthly.name)).toEqual([`DUE_NEXT_MONTH 2026-08-01 ${aug(monthly)}`]);
    // Monthly, never paid: June unpaid, August due (the enrollment is still active).
    expect(entriesOf(july, monthlyUnpaid.name)).toEqual([
      `DUE_NEXT_MONTH 2026-08-01 ${aug(monthlyUnpaid)}`,
      `UNPAID_LAST_MONTH 2026-06-01 ${monthlyUnpaid.dues[0].payable}`,
    ]);
    // Quarterly July–September: its window reaches into August.
    expect(entriesOf(july, quarterly.name)).toEqual([`DUE_NEXT_MONTH 2026-07-01 ${quarterly.dues[0].payable}`]);
    // Yearly from January: its window closed with July, so it is not due in August.
    expect(yearly.dues[0].dueDate).toBe('2026-07-31');
    expect(entriesOf(july, yearly.name)).toEqual([]);
    // The post office's summary: entries and amounts per kind.
    const post = july.summary.filter((s: { organizationCode: string }) => s.organizationCode === 'BD-T');
    const total = (kind: string) => july.entries.filter((e: { kind: string; id: string }) => e.kind === kind).length;
    expect(post.reduce((n: number, s: { entries: number }) => n + s.entries, 0) + july.summary.filter((s: { organizationCode: string }) => s.organizationCode === 'VT-T').reduce((n: number, s: { entries: number }) => n + s.entries, 0)).toBe(
      total('DUE_NEXT_MONTH') + total('UNPAID_LAST_MONTH'),
    );
    expect(post.find((s: { kind: string }) => s.kind === 'UNPAID_LAST_MONTH')).toMatchObject({ reasonsDeadline: '2026-08-20', reasonsMissing: 2 });
    // The collector serving the hamlet for the post office is on its entries.
    expect(july.entries.find((e: { person: { fullName: string } }) => e.person.fullName === monthly.name).collector).toEqual({ name: 'Chị Năm Bưu Điện' });
  });

  it('lists a household HI card due the day before it starts in the month of that day', async () => {
    seq++;
    const person = await api.ok(`mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }`, {
      i: { fullName: 'Người Gia Hạn Thẻ', dateOfBirth: '1985-02-02', sex: 'MALE', citizenId: `0870850${String(seq).padStart(5, '0')}`, supportCategory: 'OTHER', hamletId: hamlet },
    });
    const e = (await api.ok(`mutation($i: EnrollInput!) { enroll(input: $i) { dues { periodStart dueDate payable } } }`, {
      i: { personId: person.createPerson.id, scheme: 'HOUSEHOLD_HI', startDate: '2026-09-01', paymentMode: 'QUARTERLY', collectionOrganizationId: postOffice },
    })).enroll;
    expect(e.dues[0].dueDate < e.dues[0].periodStart).toBe(true);
    const month = e.dues[0].dueDate.slice(0, 7) === '2026-08' ? '2026-07' : null;
    expect(month).toBe('2026-07');
    await staff.ok(GENERATE, { b: base, m: '2026-07' });
    expect(entriesOf(await cycle('2026-07', staff), 'Người Gia Hạn Thẻ')).toEqual([`DUE_NEXT_MONTH 2026-09-01 ${e.dues[0].payable}`]);
  });

  it('lists a yearly payer as due before its seventh month and as unpaid after it', async () => {
    await staff.ok(GENERATE, { b: base, m: '2026-06' });
    expect(entriesOf(await cycle('2026-06', staff), yearly.name)).toEqual([`DUE_NEXT_MONTH 2026-01-01 ${yearly.dues[0].payable}`]);
    await staff.ok(GENERATE, { b: base, m: '2026-08' });
    expect(entriesOf(await cycle('2026-08', staff), yearly.name)).toEqual([`UNPAID_LAST_MONTH 2026-01-01 ${yearly.dues[0].payable}`]);
  });

  it('lists a quarterly payer as unpaid after its window, and not once paid', async () => {
    await staff.ok(GENERATE, { b: base, m: '2026-10' });
    expect(entriesOf(await cycle('2026-10', staff), quarterly.name)).toContainEqual(`UNPAID_LAST_MONTH 2026-07-01 ${quarterly.dues[0].payable}`);
  });

  it('gives the same version back for the same data, and keeps the earlier version when the data changed', async () => {
    const first = (await staff.ok(GENERATE, { b: base, m: '2026-07' })).generateCollectionCycle;
    // Nothing changed since the last generation: the same version comes back.
    expect((await staff.ok(GENERATE, { b: base, m: '2026-07' })).generateCollectionCycle).toEqual(first);
    await pay(monthlyUnpaid, '2026-06-01', '2026-07-22');
    const second = (await staff.ok(GENERATE, { b: base, m: '2026-07' })).generateCollectionCycle;
    expect(second.version).toBe(first.version + 1);
    expect(entriesOf(await cycle('2026-07', staff), monthlyUnpaid.name)).not.toContainEqual(expect.stringMatching(/^UNPAID_LAST_MONTH/));
    const [{ n }] = await api.ds.query(`SELECT count(*)::int AS n FROM due_list_entry WHERE cycle_id = $1`, [first.id]);
    expect(n).toBeGreaterThan(0);
  });

  it('handles a lapsed participant who enrolls again: the old unpaid due stays on the list, the new enrollment’s due too', async () => {
    await api.ok(`mutation($id: ID!) { endEnrollment(id: $id, status: STOPPED, endDate: "2026-05-31") { id } }`, { id: lapsed.enrollment });
    const again = await api.ok(`query($n: String!) { persons(filter: { q: $n }) { items { id } } }`, { n: lapsed.name });
    const second = (await api.ok(`mutation($i: EnrollInput!) { enroll(input: $i) { id dues { periodStart payable } } }`, {
      i: { personId: again.persons.items[0].id, scheme: 'VOLUNTARY_SI', startDate: '2026-08-01', declaredMonthlyIncome: 2_500_000, paymentMode: 'MONTHLY', collectionOrganizationId: postOffice },
    })).enroll;
    await staff.ok(GENERATE, { b: base, m: '2026-07' });
    const entries = entriesOf(await cycle('2026-07', staff), lapsed.name);
    // The stopped enrollment is no longer collected; the new one's August due is.
    expect(entries).toEqual([`DUE_NEXT_MONTH 2026-08-01 ${second.dues[0].payable}`]);
  });

  it('refuses a month beyond next month, and a unit that is not a base office', async () => {
    const future = await staff.gql(GENERATE, { b: base, m: '2999-01' });
    expect(code(future)).toBe('BAD_USER_INPUT');
    expect(future.errors![0].extensions!.fields[0].field).toBe('month');
    expect(code(await staff.gql(GENERATE, { b: commune, m: '2026-07' }))).toBe('BAD_USER_INPUT');
  });
});

describe('collectors and their reasons', () => {
  it('shows a collector only its organization’s entries, and refuses asking for another’s', async () => {
    const mine = await cycle('2026-07', collector);
    expect(mine.entries.length).toBeGreaterThan(0);
    expect(mine.entries.every((e: { person: { fullName: string } }) => e.person.fullName !== quarterly.name)).toBe(true);
    expect(mine.summary.every((s: { organizationCode: string }) => s.organizationCode === 'BD-T')).toBe(true);
    expect(code(await collector.gql(CYCLE, { b: base, m: '2026-07', o: viettel, k: null }))).toBe('FORBIDDEN');
  });

  it('takes a coded reason for its own entry, opens a follow-up, and refuses another organization’s entry', async () => {
    const aug = await cycle('2026-08', staff);
    const own = aug.entries.find((e: { kind: string; person: { fullName: string } }) => e.kind === 'UNPAID_LAST_MONTH' && e.person.fullName === yearly.name);
    const reported = (await collector.ok(`mutation($e: ID!) { reportNonCollection(entryId: $e, reason: NO_MONEY, note: "Hẹn sau thu hoạch") { reason reasonNote followUp { dueDate outcome } } }`, { e: own.id })).reportNonCollection;
    expect(reported).toMatchObject({ reason: 'NO_MONEY', reasonNote: 'Hẹn sau thu hoạch', followUp: { outcome: null } });
    const others = (await cycle('2026-10', staff)).entries.find((e: { person: { fullName: string } }) => e.person.fullName === quarterly.name);
    const refused = await collector.gql(`mutation($e: ID!) { reportNonCollection(entryId: $e, reason: FORGOT) { id } }`, { e: others.id });
    expect(code(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0].extensions!.message.en).toContain('another collection organization');
    const unknown = await collector.gql(`mutation($e: ID!) { reportNonCollection(entryId: $e, reason: LAZY) { id } }`, { e: own.id });
    expect(code(unknown)).toBe('GRAPHQL_VALIDATION_FAILED');
    const [row] = await api.ds.query(`SELECT reason FROM due_list_entry WHERE id = $1`, [others.id]);
    expect(row.reason).toBeNull();
  });

  it('counts the reasons still missing per organization and flags them late after the 20th', async () => {
    const aug = await cycle('2026-08', staff, postOffice, 'UNPAID_LAST_MONTH');
    const row = aug.summary.find((s: { organizationCode: string; kind: string }) => s.organizationCode === 'BD-T' && s.kind === 'UNPAID_LAST_MONTH');
    expect(row.reasonsMissing).toBe(aug.entries.filter((e: { reason: string | null }) => !e.reason).length);
    expect(row.reasonsDeadline).toBe('2026-09-20');
    // 20 September 2026 has passed (the tests run later): what is still missing is late.
    expect(row.late).toBe(row.reasonsMissing > 0);
  });
});

describe('a spreadsheet of reasons', () => {
  it('takes the organization’s reasons row by row, refusing rows that match none of its entries, all or nothing', async () => {
    const collectorToken = await api.login('thu.buudien', 'long-enough-Pass-1');
    // The October list: the quarterly payer is Viettel's, not the post office's.
    const october = await cycle('2026-10', staff);
    const own = october.entries.filter((e: { kind: string; person: { fullName: string } }) => e.kind === 'UNPAID_LAST_MONTH' && e.person.fullName !== quarterly.name);
    expect(own.length).toBeGreaterThan(0);
    const ids: { full_name: string; citizen_id: string }[] = await api.ds.query(`SELECT full_name, citizen_id FROM person`);
    const cid = (name: string) => ids.find((p) => p.full_name === name)!.citizen_id;
    const header = 'month,citizenId,scheme,reason,note';
    const good = `2026-10,${cid(own[0].person.fullName)},VOLUNTARY_SI,away_for_work,Đi làm ở Bình Dương`;
    const file = [header, good, `2026-10,${cid(quarterly.name)},VOLUNTARY_SI,FORGOT,`, `2026-10,${cid(own[0].person.fullName)},VOLUNTARY_SI,LAZY,`].join('\n');
    const refused = await finishedImport(collector, (await upload(api, collectorToken, 'reasons', file, { fileName: 'ly-do.csv' })).body.importId);
    expect(refused).toMatchObject({ status: 'FAILED', rejectedRows: 2, importedRows: 0 });
    expect(refused.errors.map((e: { line: number }) => e.line)).toEqual([3, 4]);
    expect(refused.errors[0].message).toContain('2026-10');
    expect((await api.ds.query(`SELECT reason FROM due_list_entry WHERE id = $1`, [own[0].id]))[0].reason).toBeNull();

    const accepted = await finishedImport(collector, (await upload(api, collectorToken, 'reasons', [header, good].join('\n'), { fileName: 'ly-do.csv' })).body.importId);
    expect(accepted).toMatchObject({ status: 'SUCCEEDED', importedRows: 1 });
    const [row] = await api.ds.query(`SELECT reason, reason_note, (SELECT count(*)::int FROM follow_up f WHERE f.entry_id = x.id) AS follow_ups FROM due_list_entry x WHERE id = $1`, [own[0].id]);
    expect(row).toEqual({ reason: 'AWAY_FOR_WORK', reason_note: 'Đi làm ở Bình Dương', follow_ups: 1 });
  });
});

describe('follow-ups', () => {
  it('closes a follow-up as staff: STOPPED ends the enrollment, and the next cycle no longer lists it', async () => {
    const open = (await staff.ok(`query($b: ID!) { followUps(baseUnitId: $b, open: true) { items { id enrollment { id } entry { person { fullName } } } } }`, { b: base })).followUps.items;
    const f = open.find((x: { entry: { person: { fullName: string } } }) => x.entry.person.fullName === yearly.name);
    const assigned = (await staff.ok(`mutation($id: ID!) { assignFollowUp(id: $id, assigneeName: "Ông Sáu, cán bộ xã") { assigneeName } }`, { id: f.id })).assignFollowUp;
    expect(assigned.assigneeName).toBe('Ông Sáu, cán bộ xã');
    // An account outside the base office cannot be given the visit.
    const outsider = await api.ok(`mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`, {
      i: { username: 'xa.khac', displayName: 'Xã khác', password: 'long-enough-Pass-1', role: 'SUPERVISOR', scopeUnitId: await countryId(api) },
    });
    expect((await staff.gql(`mutation($id: ID!, $u: ID!) { assignFollowUp(id: $id, assigneeUserId: $u) { id } }`, { id: f.id, u: outsider.createUser.id })).errors![0].extensions!.fields[0].field).toBe('assigneeUserId');
    // Generating August again after a change keeps the reason and its follow-up on the new version's entry.
    await pay(monthly, '2026-08-01', '2026-08-03');
    expect((await staff.ok(GENERATE, { b: base, m: '2026-08' })).generateCollectionCycle.version).toBe(2);
    const again = (await staff.ok(`query($b: ID!) { collectionCycle(baseUnitId: $b, month: "2026-08") { entries(kind: UNPAID_LAST_MONTH) { reason person { fullName } followUp { id } } } }`, { b: base })).collectionCycle.entries;
    expect(again.find((e: { person: { fullName: string } }) => e.person.fullName === yearly.name)).toMatchObject({ reason: 'NO_MONEY', followUp: { id: f.id } });
    const willPayWithoutDate = await staff.gql(`mutation($id: ID!) { closeFollowUp(id: $id, outcome: WILL_PAY) { id } }`, { id: f.id });
    expect(willPayWithoutDate.errors![0].extensions!.fields[0].field).toBe('promisedDate');
    expect(code(await collector.gql(`mutation($id: ID!) { closeFollowUp(id: $id, outcome: STOPPED) { id } }`, { id: f.id }))).toBe('FORBIDDEN');
    const closed = (await staff.ok(`mutation($id: ID!) { closeFollowUp(id: $id, outcome: STOPPED, note: "Không tiếp tục") { outcome closedAt } }`, { id: f.id })).closeFollowUp;
    expect(closed.outcome).toBe('STOPPED');
    const e = await staff.ok(`query($id: ID!) { enrollment(id: $id) { status } }`, { id: yearly.enrollment });
    expect(e.enrollment.status).toBe('STOPPED');
    expect(code(await staff.gql(`mutation($id: ID!) { closeFollowUp(id: $id, outcome: PAID) { id } }`, { id: f.id }))).toBe('CONFLICT');
    await staff.ok(GENERATE, { b: base, m: '2026-09' });
    expect(entriesOf(await cycle('2026-09', staff), yearly.name)).toEqual([]);
  });
});

describe('on-time collection rate', () => {
  it('counts the dues falling due in a month paid by their due date, against the 98 % goal', async () => {
    const rows = (await staff.ok(`query($u: ID!) { onTimeCollection(unitId: $u, from: "2026-06", to: "2026-07") { month due paidOnTime ratePct meetsGoal } }`, { u: base })).onTimeCollection;
    const raw: { month: string; due: number; on_time: number }[] = await api.ds.query(
      `SELECT to_char(due_date, 'YYYY-MM') AS month, count(*)::int AS due, count(*) FILTER (WHERE status = 'PAID' AND settled_on <= due_date)::int AS on_time
         FROM contribution_due WHERE due_date BETWEEN '2026-06-01' AND '2026-07-31' AND status NOT IN ('WAIVED', 'CANCELLED') GROUP BY 1 ORDER BY 1`,
    );
    expect(rows.map((r: { month: string; due: number; paidOnTime: number }) => [r.month, r.due, r.paidOnTime])).toEqual(raw.map((r) => [r.month, r.due, r.on_time]));
    // June: the monthly payer paid on time, the one who paid late did not.
    const june = rows[0];
    expect(june.paidOnTime).toBeGreaterThanOrEqual(1);
    expect(june.meetsGoal).toBe(june.ratePct >= 98);
  });
});

describe('the job of the 25th', () => {
  it('generates every base office’s cycle on the 25th through pg-boss, catches up a missed 25th, and runs once per month', async () => {
    const scheduler = api.scheduler!;
    await scheduler.waitForRun('collection.cycles', scheduler.catchUps.get('collection.cycles')!);
    const before = (await api.ds.query(`SELECT count(*)::int AS n FROM collection_cycle WHERE month = '2026-05'`))[0].n;
    expect(before).toBe(0);
    // 3 June: the 25th of May was missed; the run catches May up.
    clock.set('2026-06-03');
    let id = await scheduler.trigger('collection.cycles');
    expect((await scheduler.waitForRun('collection.cycles', id)).output).toMatchObject({ month: '2026-05', ran: true });
    expect((await api.ds.query(`SELECT count(*)::int AS n FROM collection_cycle WHERE month = '2026-05' AND base_unit_id = $1`, [base]))[0].n).toBe(1);
    // Again the same month: nothing more.
    id = await scheduler.trigger('collection.cycles');
    expect((await scheduler.waitForRun('collection.cycles', id)).output).toMatchObject({ month: '2026-05', ran: false });
    // The 25th of June.
    clock.set('2026-06-25');
    id = await scheduler.trigger('collection.cycles');
    expect((await scheduler.waitForRun('collection.cycles', id)).output).toMatchObject({ month: '2026-06', ran: true });
  });
});
