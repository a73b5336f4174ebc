import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lapseOverdueEnrollments, rollDuesForward } from '../src/modules/enrollment/enrollment.jobs';
import { startTestApi, type Client, type TestApi } from './harness/api';
import { demoTokens, unitId, type Role } from './harness/demo';
import { onlyError } from './harness/org';

let api: TestApi;
let tokens: Record<Role, string>;
let staff: Client;
let hamlet: string;
let seq = 0;

beforeAll(async () => {
  api = await startTestApi({ demo: true });
  tokens = await demoTokens(api);
  staff = api.as(tokens.BASE_STAFF);
  const commune = await unitId(api, '30208', 'COMMUNE');
  hamlet = (await api.ok(`query($id: ID!) { orgUnit(id: $id) { children { id } } }`, { id: commune })).orgUnit.children[0].id;
});
afterAll(() => api?.close());

async function person(extra: Record<string, unknown> = {}): Promise<string> {
  seq++;
  const data = await staff.ok(`mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }`, {
    i: { fullName: `Người Tham Gia ${seq}`, dateOfBirth: '1990-04-10', sex: 'MALE', citizenId: `08709000${String(seq).padStart(4, '0')}`, supportCategory: 'OTHER', hamletId: hamlet, ...extra },
  });
  return data.createPerson.id;
}

const ENROLL = `mutation($i: EnrollInput!) { enroll(input: $i) { id scheme status memberOrder dues { periodStart periodEnd dueDate months gross support payable paid status } } }`;
const PAY = `mutation($i: RecordPaymentInput!) { recordPayment(input: $i) { id amount paidOn receiptNo } }`;
const DUES = `query($id: ID!) { enrollment(id: $id) { status dues { paid status } payments { amount } } }`;

describe('enroll', () => {
  it('creates 12 monthly dues of a near-poor voluntary SI participant at the floor: 330,000 gross, 132,000 support, 198,000 to pay', async () => {
    const id = await person({ supportCategory: 'NEAR_POOR' });
    const e = (await staff.ok(ENROLL, { i: { personId: id, scheme: 'VOLUNTARY_SI', startDate: '2025-07-01', declaredMonthlyIncome: 1_500_000, paymentMode: 'MONTHLY' } })).enroll;
    expect(e.status).toBe('ACTIVE');
    expect(e.dues).toHaveLength(12);
    expect(e.dues[0]).toEqual({ periodStart: '2025-07-01', periodEnd: '2025-07-31', dueDate: '2025-07-31', months: 1, gross: 330_000, support: 132_000, payable: 198_000, paid: 0, status: 'OPEN' });
    expect(e.dues[11].periodStart).toBe('2026-06-01');
  });

  it('charges a quarter across 2025-07-01 with the rules of each month', async () => {
    const id = await person({ supportCategory: 'POOR' });
    const e = (await staff.ok(ENROLL, { i: { personId: id, scheme: 'VOLUNTARY_SI', startDate: '2025-06-01', declaredMonthlyIncome: 1_500_000, paymentMode: 'QUARTERLY' } })).enroll;
    // June: poor 30 % of 330,000 = 99,000; July and August: 50 % = 165,000.
    expect(e.dues[0]).toMatchObject({ months: 3, gross: 990_000, support: 99_000 + 165_000 * 2, payable: 990_000 - 429_000, dueDate: '2025-08-31' });
  });

  it('applies the household HI ladder in joining order: 105,300 then 73,710 a month', async () => {
    const household = (await staff.ok(`mutation($h: ID!) { createHousehold(input: { code: "HO-ENR-1", hamletId: $h }) { id } }`, { h: hamlet })).createHousehold.id;
    const first = await person({ householdId: household });
    const second = await person({ householdId: household, sex: 'FEMALE', citizenId: '087192009999', dateOfBirth: '1992-01-01' });
    const a = (await staff.ok(ENROLL, { i: { personId: first, scheme: 'HOUSEHOLD_HI', startDate: '2025-01-01', paymentMode: 'QUARTERLY' } })).enroll;
    const b = (await staff.ok(ENROLL, { i: { personId: second, scheme: 'HOUSEHOLD_HI', startDate: '2025-01-01', paymentMode: 'QUARTERLY' } })).enroll;
    expect([a.memberOrder, b.memberOrder]).toEqual([1, 2]);
    expect(a.dues[0].payable).toBe(3 * 105_300);
    expect(b.dues[0].payable).toBe(3 * 73_710);
  });

  it('refuses an income outside floor and ceiling, a mode the scheme does not allow, and a second active enrollment', async () => {
    const id = await person();
    const low = onlyError(await staff.gql(ENROLL, { i: { personId: id, scheme: 'VOLUNTARY_SI', startDate: '2025-07-01', declaredMonthlyIncome: 1_000_000, paymentMode: 'MONTHLY' } }));
    expect(low.fields[0]).toMatchObject({ field: 'declaredMonthlyIncome', messageKey: 'enrollment.income.belowFloor' });
    expect(low.fields[0].message.vi).toContain('1.500.000');
    const high = onlyError(await staff.gql(ENROLL, { i: { personId: id, scheme: 'VOLUNTARY_SI', startDate: '2025-07-01', declaredMonthlyIncome: 46_800_001, paymentMode: 'MONTHLY' } }));
    expect(high.fields[0].message.vi).toContain('46.800.000');
    const mode = onlyError(await staff.gql(ENROLL, { i: { personId: id, scheme: 'HOUSEHOLD_HI', startDate: '2025-07-01', paymentMode: 'MONTHLY' } }));
    expect(mode.fields[0]).toMatchObject({ field: 'paymentMode', messageKey: 'enrollment.mode.notAllowed' });
    await staff.ok(ENROLL, { i: { personId: id, scheme: 'VOLUNTARY_SI', startDate: '2025-07-01', declaredMonthlyIncome: 2_000_000, paymentMode: 'MONTHLY' } });
    const again = onlyError(await staff.gql(ENROLL, { i: { personId: id, scheme: 'VOLUNTARY_SI', startDate: '2025-08-01', declaredMonthlyIncome: 2_000_000, paymentMode: 'MONTHLY' } }));
    expect(again.fields[0]).toMatchObject({ field: 'personId', messageKey: 'enrollment.alreadyActive' });
    const [{ n }] = await api.ds.query('SELECT count(*)::int AS n FROM enrollment WHERE person_id = $1', [id]);
    expect(n).toBe(1);
  });
});

describe('recordPayment', () => {
  let enrollmentId: string;
  beforeAll(async () => {
    const id = await person({ supportCategory: 'NEAR_POOR' });
    enrollmentId = (await staff.ok(ENROLL, { i: { personId: id, scheme: 'VOLUNTARY_SI', startDate: '2025-07-01', declaredMonthlyIncome: 1_500_000, paymentMode: 'MONTHLY', collectionOrganizationId: null } })).enroll.id;
  });

  it('settles the oldest dues first, leaves a due partly paid, and marks a due paid after its deadline as late', async () => {
    await staff.ok(PAY, { i: { enrollmentId, amount: 100_000, paidOn: '2025-07-20', receiptNo: 'BL-001' } });
    let e = (await staff.ok(DUES, { id: enrollmentId })).enrollment;
    expect(e.dues.slice(0, 2)).toEqual([{ paid: 100_000, status: 'OPEN' }, { paid: 0, status: 'OPEN' }]);
    await staff.ok(PAY, { i: { enrollmentId, amount: 296_000, paidOn: '2025-08-15', receiptNo: 'BL-002' } });
    e = (await staff.ok(DUES, { id: enrollmentId })).enrollment;
    expect(e.dues.slice(0, 3)).toEqual([{ paid: 198_000, status: 'LATE_PAID' }, { paid: 198_000, status: 'PAID' }, { paid: 0, status: 'OPEN' }]);
  });

  it('refuses more than is owed, saying how much is owed, and refuses zero or negative amounts', async () => {
    const over = onlyError(await staff.gql(PAY, { i: { enrollmentId, amount: 2_000_000, paidOn: '2025-09-01' } }));
    expect(over.fields[0]).toMatchObject({ field: 'amount', messageKey: 'payment.amount.overpaid' });
    expect(over.fields[0].message.vi).toContain('1.980.000');
    for (const amount of [0, -5]) expect(onlyError(await staff.gql(PAY, { i: { enrollmentId, amount, paidOn: '2025-09-01' } })).fields[0].field).toBe('amount');
  });

  it('does not pay twice for a retried payment, and refuses a receipt number used before', async () => {
    const i = { enrollmentId, amount: 198_000, paidOn: '2025-09-10', receiptNo: 'BL-003', idempotencyKey: 'retry-7f3a' };
    const first = (await staff.ok(PAY, { i })).recordPayment;
    const retry = (await staff.ok(PAY, { i })).recordPayment;
    expect(retry.id).toBe(first.id);
    const e = (await staff.ok(DUES, { id: enrollmentId })).enrollment;
    expect(e.payments.map((p: { amount: number }) => p.amount)).toEqual([100_000, 296_000, 198_000]);
    const dup = onlyError(await staff.gql(PAY, { i: { enrollmentId, amount: 1000, paidOn: '2025-09-11', receiptNo: 'BL-001' } }));
    expect(dup.fields[0]).toMatchObject({ field: 'receiptNo', messageKey: 'payment.receipt.duplicate' });
  });

  it('lets a collector record only payments of its own organization, and refuses payments to a stopped enrollment', async () => {
    const collector = api.as(tokens.COLLECTOR);
    expect(onlyError(await collector.gql(PAY, { i: { enrollmentId, amount: 1000, paidOn: '2025-09-12' } })).code).toBe('FORBIDDEN');
    const org = (await api.ok(`{ collectionOrganizations(q: "BUUDIEN-DT") { items { id } } }`)).collectionOrganizations.items[0].id;
    const id = await person();
    const withOrg = (await staff.ok(ENROLL, { i: { personId: id, scheme: 'VOLUNTARY_SI', startDate: '2025-07-01', declaredMonthlyIncome: 1_500_000, paymentMode: 'MONTHLY', collectionOrganizationId: org } })).enroll.id;
    const paid = await collector.ok(PAY, { i: { enrollmentId: withOrg, amount: 264_000, paidOn: '2025-07-15', receiptNo: 'BD-1' } });
    expect(paid.recordPayment.amount).toBe(264_000);
    await api.ds.query(`UPDATE enrollment SET status = 'STOPPED' WHERE id = $1`, [withOrg]);
    const stopped = onlyError(await staff.gql(PAY, { i: { enrollmentId: withOrg, amount: 1000, paidOn: '2025-07-16' } }));
    expect(stopped.fields[0]).toMatchObject({ field: 'enrollmentId', messageKey: 'payment.enrollment.closed' });
  });
});

describe('daily jobs', () => {
  it('lapses an enrollment whose deadline passed unpaid, and only that one', async () => {
    const late = await person();
    const lateId = (await staff.ok(ENROLL, { i: { personId: late, scheme: 'VOLUNTARY_SI', startDate: '2025-07-01', declaredMonthlyIncome: 1_500_000, paymentMode: 'MONTHLY' } })).enroll.id;
    const onTime = await person();
    const onTimeId = (await staff.ok(ENROLL, { i: { personId: onTime, scheme: 'VOLUNTARY_SI', startDate: '2025-07-01', declaredMonthlyIncome: 1_500_000, paymentMode: 'MONTHLY' } })).enroll.id;
    await staff.ok(PAY, { i: { enrollmentId: onTimeId, amount: 264_000, paidOn: '2025-07-10' } });
    expect(await lapseOverdueEnrollments(api.ds, '2025-08-01')).toBeGreaterThanOrEqual(1);
    expect((await staff.ok(DUES, { id: lateId })).enrollment.status).toBe('LAPSED');
    expect((await staff.ok(DUES, { id: onTimeId })).enrollment.status).toBe('ACTIVE');
    expect(await lapseOverdueEnrollments(api.ds, '2025-08-01')).toBe(0);
  });

  it('rolls dues forward to 12 months ahead, once', async () => {
    const id = await person();
    const e = (await staff.ok(ENROLL, { i: { personId: id, scheme: 'VOLUNTARY_SI', startDate: '2025-10-01', declaredMonthlyIncome: 2_500_000, paymentMode: 'QUARTERLY' } })).enroll;
    expect(e.dues.map((d: { periodStart: string }) => d.periodStart)).toEqual(['2025-10-01', '2026-01-01', '2026-04-01', '2026-07-01']);
    await rollDuesForward(api.ds, '2026-03-15');
    const after = (await staff.ok(`query($id: ID!) { enrollment(id: $id) { dues { periodStart months payable } } }`, { id: e.id })).enrollment.dues;
    expect(after.map((d: { periodStart: string }) => d.periodStart)).toEqual(['2025-10-01', '2026-01-01', '2026-04-01', '2026-07-01', '2026-10-01', '2027-01-01']);
    expect(after[4]).toEqual({ periodStart: '2026-10-01', months: 3, payable: 3 * (550_000 - 66_000) });
    await rollDuesForward(api.ds, '2026-03-15');
    expect((await staff.ok(`query($id: ID!) { enrollment(id: $id) { dues { id } } }`, { id: e.id })).enrollment.dues).toHaveLength(6);
  });
});

describe('ending an enrollment', () => {
  it('stops it, cancels the open dues after the end date, refuses further payments, and allows a new enrollment', async () => {
    const id = await person();
    const e = (await staff.ok(ENROLL, { i: { personId: id, scheme: 'VOLUNTARY_SI', startDate: '2025-07-01', declaredMonthlyIncome: 1_500_000, paymentMode: 'MONTHLY' } })).enroll;
    await staff.ok(PAY, { i: { enrollmentId: e.id, amount: 264_000, paidOn: '2025-07-10' } });
    const ended = await staff.ok(`mutation($id: ID!) { endEnrollment(id: $id, status: STOPPED, endDate: "2025-09-30") { status endDate } }`, { id: e.id });
    expect(ended.endEnrollment).toEqual({ status: 'STOPPED', endDate: '2025-09-30' });
    const dues = (await staff.ok(DUES, { id: e.id })).enrollment.dues.map((d: { status: string }) => d.status);
    expect(dues.slice(0, 4)).toEqual(['PAID', 'OPEN', 'OPEN', 'CANCELLED']);
    expect(dues.filter((s: string) => s === 'CANCELLED')).toHaveLength(9);
    expect(onlyError(await staff.gql(PAY, { i: { enrollmentId: e.id, amount: 1000, paidOn: '2025-10-01' } })).fields[0].messageKey).toBe('payment.enrollment.closed');
    const again = await staff.ok(ENROLL, { i: { personId: id, scheme: 'VOLUNTARY_SI', startDate: '2026-01-01', declaredMonthlyIncome: 1_500_000, paymentMode: 'MONTHLY' } });
    expect(again.enroll.status).toBe('ACTIVE');
    expect(onlyError(await api.as(tokens.SUPERVISOR).gql(`mutation($id: ID!) { endEnrollment(id: $id, status: DECEASED, endDate: "2026-02-01") { id } }`, { id: again.enroll.id })).code).toBe('FORBIDDEN');
  });
});

describe('policy rules', () => {
  it('are seeded from DOMAIN-RULES.md, changed by administrators only, and used for new enrollments', async () => {
    const rules = await staff.ok(`{ policyRules(parameter: "voluntarySi.supportShareBp.OTHER") { id effectiveFrom effectiveTo value check } }`);
    const current = rules.policyRules.find((r: { effectiveFrom: string }) => r.effectiveFrom === '2025-07-01');
    expect(current.value).toBe('2000');
    const SET = `mutation($i: SetPolicyRuleInput!) { setPolicyRule(input: $i) { id value } }`;
    expect(onlyError(await staff.gql(SET, { i: { id: current.id, parameter: 'voluntarySi.supportShareBp.OTHER', effectiveFrom: '2025-07-01', effectiveTo: current.effectiveTo, value: '3000' } })).code).toBe('FORBIDDEN');
    const overlap = onlyError(await api.gql(SET, { i: { parameter: 'voluntarySi.supportShareBp.OTHER', effectiveFrom: '2026-01-01', value: '3000' } }));
    expect(overlap.fields[0]).toMatchObject({ field: 'effectiveFrom', messageKey: 'policy.dates.overlap' });
    expect(onlyError(await api.gql(SET, { i: { parameter: 'voluntarySi.nothing', effectiveFrom: '2026-01-01', value: '1' } })).fields[0].field).toBe('parameter');
    await api.ok(SET, { i: { id: current.id, parameter: 'voluntarySi.supportShareBp.OTHER', effectiveFrom: '2025-07-01', effectiveTo: current.effectiveTo, value: '3000', source: 'test' } });
    const id = await person();
    const e = (await staff.ok(ENROLL, { i: { personId: id, scheme: 'VOLUNTARY_SI', startDate: '2025-07-01', declaredMonthlyIncome: 1_500_000, paymentMode: 'MONTHLY' } })).enroll;
    expect(e.dues[0]).toMatchObject({ support: 99_000, payable: 231_000 });
  });
});
