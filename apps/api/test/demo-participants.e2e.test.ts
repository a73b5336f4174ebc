import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInVietnam } from '@bao-phu/domain';
import { createLogger } from '../src/log';
import { lapseOverdueEnrollments, rollDuesForward, runDailyEnrollmentJobs } from '../src/modules/enrollment/enrollment.jobs';
import { prepareDatabase } from '../src/seed/prepare';
import { openTestDatabase, startTestApi, type TestApi } from './harness/api';
import { demoTokens, unitId, type Role } from './harness/demo';
import { onlyError } from './harness/org';

let api: TestApi;
let tokens: Record<Role, string>;
const today = todayInVietnam();

beforeAll(async () => {
  api = await startTestApi({ demo: true });
  tokens = await demoTokens(api);
});
afterAll(() => api?.close());

const one = async <T = Record<string, any>>(sql: string, params: unknown[] = []): Promise<T> => (await api.ds.query(sql, params))[0];

/** People per base office, by the path of their hamlet. */
const PEOPLE_BY_BASE = `SELECT b.code, count(*)::int AS n FROM person p JOIN org_unit h ON h.id = p.hamlet_id
  JOIN org_unit b ON b.level = 'BASE' AND b.valid_to IS NULL AND h.path LIKE b.path || '%' GROUP BY b.code`;

const PERSON = `query($id: ID!) { person(id: $id) { id fullName citizenId hamlet { code }
  enrollments { scheme status paymentMode declaredMonthlyIncome memberOrder startDate endDate collectionOrganization { code }
    dues { periodStart months payable paid status } payments { amount paidOn receiptNo } } } }`;

describe('demo participants', () => {
  it('shows base staff of Hoa Long the people of its hamlets, with full numbers, and nobody of another base office', async () => {
    const byBase = new Map(((await api.ds.query(PEOPLE_BY_BASE)) as { code: string; n: number }[]).map((r) => [r.code, r.n]));
    expect(byBase.get('BHXH-HOALONG')).toBeGreaterThan(6_000);
    for (const other of ['BHXH-SADEC', 'BHXH-CAOLANH', 'BHXH-MYTHO']) expect(byBase.get(other)).toBeGreaterThan(50);

    const staff = api.as(tokens.BASE_STAFF);
    const seen = (await staff.ok(`{ persons(take: 200) { totalCount items { citizenId personalDataMasked hamlet { code } } } }`)).persons;
    expect(seen.totalCount).toBe(byBase.get('BHXH-HOALONG'));
    const communes = ['30208', '30214', '30226', '30235'];
    for (const p of seen.items) {
      expect(communes).toContain(p.hamlet.code.slice(0, 5));
      expect(p.personalDataMasked).toBe(false);
      expect(p.citizenId).toMatch(/^\d{12}$/);
    }

    const sadec = await unitId(api, 'BHXH-SADEC', 'BASE');
    expect((await staff.ok(`query($w: ID!) { persons(filter: { withinId: $w }) { totalCount } }`, { w: sadec })).persons.totalCount).toBe(0);
    const elsewhere = await one<{ id: number }>(`SELECT p.id FROM person p JOIN org_unit h ON h.id = p.hamlet_id WHERE h.code NOT LIKE ALL($1) LIMIT 1`, [communes.map((c) => `${c}-%`)]);
    expect(onlyError(await staff.gql(`query($id: ID!) { person(id: $id) { id } }`, { id: String(elsewhere.id) })).code).toBe('FORBIDDEN');
    const planner = await api.as(tokens.PROVINCE_PLANNER).ok(`{ persons(take: 0) { totalCount } }`);
    expect(planner.persons.totalCount).toBe([...byBase.values()].reduce((a, b) => a + b, 0));
  });

  it('gives names that the search finds without diacritics, and citizen IDs that agree with date of birth and sex', async () => {
    const rows: { citizen_id: string; date_of_birth: string; sex: string; full_name: string; search_key: string }[] = await api.ds.query(
      `SELECT citizen_id, date_of_birth, sex, full_name, search_key FROM person ORDER BY id LIMIT 500`,
    );
    for (const r of rows) {
      const centuryAndSex = (Number(r.date_of_birth.slice(0, 4)) >= 2000 ? 2 : 0) + (r.sex === 'FEMALE' ? 1 : 0);
      expect(r.citizen_id.slice(3, 6)).toBe(`${centuryAndSex}${r.date_of_birth.slice(2, 4)}`);
      expect(r.full_name.split(' ').length).toBeGreaterThanOrEqual(3);
    }
    const someone = rows.find((r) => r.full_name !== r.search_key)!;
    const found = await api.ok(`query($q: String) { persons(filter: { q: $q }, take: 200) { items { citizenId } } }`, { q: someone.search_key });
    expect(found.persons.items.map((p: { citizenId: string }) => p.citizenId)).toContain(someone.citizen_id);
  });

  it('charges their dues by the contribution rules: 264,000 a month at the floor from July 2025, the HI ladder by joining order', async () => {
    const staff = api.as(tokens.BASE_STAFF);
    const vsi = await one<{ id: number }>(
      `SELECT p.id FROM enrollment e JOIN person p ON p.id = e.person_id JOIN org_unit h ON h.id = p.hamlet_id
        WHERE h.code LIKE '30208-%' AND e.scheme = 'VOLUNTARY_SI' AND e.payment_mode = 'MONTHLY' AND e.declared_monthly_income = 1500000 AND p.support_category = 'OTHER'
          AND e.start_date < '2025-06-01' AND e.status = 'ACTIVE' ORDER BY p.citizen_id LIMIT 1`,
    );
    const person = (await staff.ok(PERSON, { id: String(vsi.id) })).person;
    const enrollment = person.enrollments.find((e: { scheme: string }) => e.scheme === 'VOLUNTARY_SI');
    expect(enrollment.collectionOrganization === null || ['BUUDIEN-DT', 'VIETTEL-DT'].includes(enrollment.collectionOrganization.code)).toBe(true);
    const july = enrollment.dues.find((d: { periodStart: string }) => d.periodStart === '2025-07-01');
    const june = enrollment.dues.find((d: { periodStart: string }) => d.periodStart === '2025-06-01');
    expect(july).toMatchObject({ months: 1, payable: 264_000 });
    // Until June 2025: 10 % support of 330,000.
    expect(june).toMatchObject({ months: 1, payable: 297_000 });
    expect(july.status === 'PAID' || july.status === 'LATE_PAID').toBe(true);
    expect(enrollment.payments.reduce((s: number, p: { amount: number }) => s + p.amount, 0)).toBe(enrollment.dues.reduce((s: number, d: { paid: number }) => s + d.paid, 0));
    for (const p of enrollment.payments) expect(p.receiptNo).toMatch(/^(BD|VT|HL)\d{2}-\d{6}$/);

    const ladder: { member_order: number; monthly: number }[] = await api.ds.query(
      `SELECT DISTINCT e.member_order, d.payable / d.months AS monthly FROM enrollment e JOIN contribution_due d ON d.enrollment_id = e.id
        WHERE e.scheme = 'HOUSEHOLD_HI' AND d.period_start >= '2024-07-01' ORDER BY 1`,
    );
    const monthly = new Map(ladder.map((l) => [l.member_order, l.monthly]));
    expect(ladder.length).toBe(monthly.size);
    expect([1, 2, 3, 4, 5].map((n) => monthly.get(n))).toEqual([105_300, 73_710, 63_180, 52_650, 42_120]);
    // Members of one household joining the same year take the steps in turn.
    const steps: { orders: number[] }[] = await api.ds.query(
      `SELECT array_agg(e.member_order ORDER BY e.member_order) AS orders FROM enrollment e JOIN person p ON p.id = e.person_id
        WHERE e.scheme = 'HOUSEHOLD_HI' GROUP BY p.household_id, extract(year FROM e.start_date)`,
    );
    expect(steps.length).toBeGreaterThan(100);
    // A member who lapsed before the next one joined is not counted (enroll counts ACTIVE ones): a step may repeat, never skip.
    for (const { orders } of steps) orders.forEach((o, i) => expect(o).toBeLessThanOrEqual(i === 0 ? 1 : orders[i - 1] + 1));
    expect(steps.filter(({ orders }) => orders.every((o, i) => o === i + 1)).length / steps.length).toBeGreaterThan(0.9);
  });

  it('keeps dues, allocations and payments in agreement, as recordPayment leaves them', async () => {
    const check = await one<Record<string, number>>(`SELECT
      (SELECT count(*)::int FROM contribution_due d WHERE d.paid <> coalesce((SELECT sum(a.amount) FROM payment_allocation a WHERE a.due_id = d.id), 0)) AS "duesOff",
      (SELECT count(*)::int FROM payment p WHERE p.amount <> (SELECT coalesce(sum(a.amount), 0) FROM payment_allocation a WHERE a.payment_id = p.id)) AS "paymentsOff",
      (SELECT coalesce(sum(amount), 0)::bigint FROM payment) - (SELECT coalesce(sum(amount), 0)::bigint FROM payment_allocation) AS "difference",
      (SELECT count(*)::int FROM payment_allocation a JOIN payment p ON p.id = a.payment_id JOIN contribution_due d ON d.id = a.due_id WHERE d.enrollment_id <> p.enrollment_id) AS "foreign",
      (SELECT count(*)::int FROM contribution_due WHERE (status IN ('PAID', 'LATE_PAID')) <> (paid = payable AND settled_on IS NOT NULL)
          OR (status = 'LATE_PAID') <> coalesce(settled_on > due_date, false) OR (status = 'OPEN' AND settled_on IS NOT NULL)) AS "statusOff",
      (SELECT count(*)::int FROM contribution_due d WHERE d.settled_on <> (SELECT max(p.paid_on) FROM payment_allocation a JOIN payment p ON p.id = a.payment_id WHERE a.due_id = d.id)) AS "settledOff",
      (SELECT count(*)::int FROM contribution_due a JOIN contribution_due b ON b.enrollment_id = a.enrollment_id AND a.period_start < b.period_start
        WHERE b.paid > 0 AND (a.status NOT IN ('PAID', 'LATE_PAID') OR a.settled_on > b.settled_on)) AS "notOldestFirst",
      (SELECT count(*)::int FROM payment WHERE paid_on > $1::date OR receipt_no IS NULL) AS "paymentsOff2",
      (SELECT count(*)::int FROM payment) AS payments,
      (SELECT count(*)::int FROM contribution_due WHERE status = 'LATE_PAID') AS late`,
      [today],
    );
    expect(check).toMatchObject({ duesOff: 0, paymentsOff: 0, difference: '0', foreign: 0, statusOff: 0, settledOff: 0, notOldestFirst: 0, paymentsOff2: 0 });
    expect(check.payments).toBeGreaterThan(20_000);
    expect(check.late).toBeGreaterThan(500);
  });

  it('leaves enrollments as the daily jobs and endEnrollment would: nothing for the jobs to do today', async () => {
    const check = await one<Record<string, number>>(`SELECT
      (SELECT count(*)::int FROM enrollment e WHERE e.status = 'LAPSED' AND NOT EXISTS (SELECT 1 FROM contribution_due d WHERE d.enrollment_id = e.id AND d.status = 'OPEN' AND d.due_date < $1::date)) AS "lapsedWithoutArrears",
      (SELECT count(*)::int FROM enrollment e JOIN contribution_due d ON d.enrollment_id = e.id WHERE e.status = 'STOPPED' AND d.status = 'OPEN' AND d.period_start > e.end_date) AS "openAfterEnd",
      (SELECT count(*)::int FROM enrollment e JOIN contribution_due d ON d.enrollment_id = e.id WHERE d.status = 'CANCELLED' AND (e.status <> 'STOPPED' OR d.period_start <= e.end_date)) AS "cancelledOff",
      (SELECT count(*)::int FROM enrollment WHERE status = 'LAPSED') AS lapsed,
      (SELECT count(*)::int FROM enrollment WHERE status = 'STOPPED') AS stopped,
      (SELECT count(*)::int FROM (SELECT person_id FROM enrollment WHERE scheme = 'VOLUNTARY_SI' GROUP BY person_id HAVING count(*) > 1) x) AS "reEnrolled",
      (SELECT count(DISTINCT start_date)::int FROM enrollment) AS "startDates"`,
      [today],
    );
    expect(check).toMatchObject({ lapsedWithoutArrears: 0, openAfterEnd: 0, cancelledOff: 0 });
    expect(check.lapsed).toBeGreaterThan(50);
    expect(check.stopped).toBeGreaterThan(50);
    expect(check.reEnrolled).toBeGreaterThan(10);
    expect(check.startDates).toBeGreaterThan(300);
    const modes: { payment_mode: string; n: number }[] = await api.ds.query(`SELECT payment_mode, count(*)::int AS n FROM enrollment WHERE scheme = 'VOLUNTARY_SI' GROUP BY 1 ORDER BY 2 DESC`);
    expect(modes.map((m) => m.payment_mode)).toEqual(['MONTHLY', 'QUARTERLY', 'SEMIANNUAL', 'ANNUAL']);

    // Today is recorded as done, so the first start does not spend its first seconds redoing it…
    expect((await runDailyEnrollmentJobs(api.ds, createLogger('silent'), today)).ran).toBe(false);
    // …and doing it again would change nothing — tried in a transaction rolled back, so the later
    // tests see the seed as it is. The night's run came before today's payments: the only
    // enrollments it would extend now are those a payment made active again today.
    const refused: string[] = [];
    const outcome = { lapsed: -1, extended: [] as number[], reactivatedToday: [] as number[] };
    await api.ds
      .transaction(async (em) => {
        const [{ last }] = await em.query(`SELECT coalesce(max(id), 0) AS last FROM contribution_due`);
        outcome.lapsed = await lapseOverdueEnrollments(em, today);
        await rollDuesForward(em, today, { info: (_m: string, f?: { reason?: string }) => refused.push(f?.reason ?? '') } as never);
        outcome.extended = (await em.query(`SELECT DISTINCT enrollment_id AS id FROM contribution_due WHERE id > $1 ORDER BY 1`, [last])).map((r: { id: number }) => r.id);
        outcome.reactivatedToday = (
          await em.query(
            `SELECT DISTINCT e.id FROM enrollment e JOIN payment p ON p.enrollment_id = e.id AND p.paid_on = $1::date
              WHERE e.status = 'ACTIVE' AND e.id = ANY($2::int[]) ORDER BY 1`,
            [today, outcome.extended],
          )
        ).map((r: { id: number }) => r.id);
        throw new Error('rolled back');
      })
      .catch((err: Error) => {
        if (err.message !== 'rolled back') throw err;
      });
    expect(outcome.lapsed).toBe(0);
    expect(outcome.extended).toEqual(outcome.reactivatedToday);
    // What the job leaves is what the rules refuse (a declared income under the 2027 floor), or its own ask for
    // zero months of an enrollment already 12 months ahead (INVALID_PERIOD): nothing it could have added.
    expect(refused.filter((r) => r !== 'INCOME_BELOW_FLOOR' && r !== 'INVALID_PERIOD')).toEqual([]);
  }, 120_000);

  it('registers Hoa Long enrollments by staff.hoalong with their collection organization, and numbers receipts per organization', async () => {
    const check = await one<Record<string, number>>(`SELECT
      count(*) FILTER (WHERE u.username IS DISTINCT FROM 'staff.hoalong')::int AS "notStaff",
      count(*) FILTER (WHERE e.collection_organization_id IS NOT NULL)::int AS "withOrganization",
      count(*)::int AS total
      FROM enrollment e JOIN person p ON p.id = e.person_id JOIN org_unit h ON h.id = p.hamlet_id
      JOIN org_unit b ON b.code = 'BHXH-HOALONG' AND b.level = 'BASE' AND h.path LIKE b.path || '%'
      LEFT JOIN app_user u ON u.id = e.registered_by`);
    expect(check.notStaff).toBe(0);
    expect(check.withOrganization / check.total).toBeGreaterThan(0.8);
    const keys = await one<{ mismatched: number }>(
      `SELECT count(*)::int AS mismatched FROM payment p JOIN enrollment e ON e.id = p.enrollment_id WHERE p.collection_organization_key <> coalesce(e.collection_organization_id, 0)`,
    );
    expect(keys.mismatched).toBe(0);
  });

  it('reports its counts in the demo summary', async () => {
    const state = await one<{ value: string }>(`SELECT value FROM system_state WHERE key = 'seed.demo'`);
    const summary = JSON.parse(state.value);
    const counts = await one<Record<string, number>>(`SELECT
      (SELECT count(*)::int FROM person) AS persons, (SELECT count(*)::int FROM household) AS households,
      (SELECT count(*)::int FROM enrollment WHERE scheme = 'VOLUNTARY_SI') AS "voluntarySiEnrollments",
      (SELECT count(*)::int FROM enrollment WHERE scheme = 'HOUSEHOLD_HI') AS "householdHiEnrollments",
      (SELECT count(*)::int FROM enrollment WHERE status = 'ACTIVE') AS "activeEnrollments",
      (SELECT count(*)::int FROM enrollment WHERE status = 'LAPSED') AS "lapsedEnrollments",
      (SELECT count(*)::int FROM enrollment WHERE status = 'STOPPED') AS "stoppedEnrollments",
      (SELECT count(*)::int FROM contribution_due) AS dues, (SELECT count(*)::int FROM payment) AS payments`);
    expect(summary).toMatchObject(counts);
    expect(counts.voluntarySiEnrollments).toBeGreaterThan(2_500);
  });

  it('is the same on every seed: a second database gets the same people and the same history', async () => {
    const fingerprint = `SELECT
      (SELECT md5(string_agg(citizen_id, ',' ORDER BY citizen_id)) FROM person) AS people,
      (SELECT md5(string_agg(concat_ws(':', p.citizen_id, e.scheme, e.start_date, e.status, e.payment_mode, e.declared_monthly_income, e.member_order, d.period_start, d.payable, d.paid, d.status, d.settled_on), ',' ORDER BY p.citizen_id, e.scheme, e.start_date, d.period_start))
         FROM enrollment e JOIN person p ON p.id = e.person_id JOIN contribution_due d ON d.enrollment_id = e.id) AS dues,
      (SELECT md5(string_agg(concat_ws(':', receipt_no, amount, paid_on), ',' ORDER BY collection_organization_key, receipt_no)) FROM payment) AS payments`;
    const first = await one(fingerprint);
    const other = await openTestDatabase();
    try {
      await prepareDatabase(other.ds, { seed: 'demo', referenceUnits: 'all', adminUsername: null, adminPassword: null }, createLogger('silent'));
      const [second] = await other.ds.query(fingerprint);
      expect(second).toEqual(first);
    } finally {
      await other.close();
    }
  }, 240_000);
});
