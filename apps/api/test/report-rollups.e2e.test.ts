import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, firstDayOfMonth, lastDayOfMonth, monthOf, previousDay, todayInVietnam, type Scheme } from '@bao-phu/domain';
import { OrgUnitEntity } from '../src/modules/org/org-unit.entity';
import type { JobContext } from '../src/jobs/job';
import { createLogger } from '../src/log';
import { recountFromRaw } from '../src/modules/reports/recount';
import { rollupCatchUpJob } from '../src/modules/reports/rollup-catch-up';
import { finishedImport, startTestApi, upload, type TestApi } from './harness/api';
import { DEMO_USERS, unitId } from './harness/demo';

/**
 * The drill-down reports read the rollup tables; these tests hold them to a recount from the raw
 * persons, enrollments and dues (the report's first implementation, kept as the reference), and
 * hold the incrementally kept rollups to a rebuild from scratch after the writes a base office makes.
 */
let api: TestApi;
const today = todayInVietnam();

beforeAll(async () => {
  api = await startTestApi({ demo: true });
});
afterAll(() => api?.close());

const REPORT = `query($u: ID!, $s: Scheme!, $d: Date!, $r: Boolean) {
  hierarchyReport(unitId: $u, scheme: $s, asOf: $d, restated: $r) {
    total { ...F } children { ...F } } }
  fragment F on ReportRow { unit { id } participants newParticipants lapsed participantsAtYearStart participantsLastYear duesFallingDue duesPaidOnTime campaigns campaignEnrollments }`;

type Row = Record<string, any>;

/** The report through GraphQL beside the raw recount of the same units, field by field. */
async function compare(unit: string, scheme: Scheme, asOf: string, restated: boolean): Promise<{ rows: number; participants: number }> {
  const report = (await api.ok(REPORT, { u: unit, s: scheme, d: asOf, r: restated })).hierarchyReport;
  const rows: Row[] = [report.total, ...report.children];
  const units = await api.ds.getRepository(OrgUnitEntity).findBy(rows.map((r) => ({ id: Number(r.unit.id) })));
  const byId = new Map(units.map((u) => [u.id, u]));
  const own = byId.get(Number(unit))!;
  const raw = await recountFromRaw(api.ds.manager, own, rows.map((r) => byId.get(Number(r.unit.id))!), scheme, asOf, restated);
  for (const r of rows) {
    const c = raw.get(Number(r.unit.id))!;
    const where = `${own.name} ${scheme} ${asOf} ${restated ? 'restated' : 'as stood'}: ${byId.get(Number(r.unit.id))!.name}`;
    expect(
      {
        participants: r.participants,
        newParticipants: r.newParticipants,
        lapsed: r.lapsed,
        atYearStart: r.participantsAtYearStart,
        lastYear: r.participantsLastYear,
        due: r.duesFallingDue,
        onTime: r.duesPaidOnTime,
        campaigns: r.campaigns,
        campaignEnrollments: r.campaignEnrollments,
      },
      where,
    ).toEqual({
      participants: c.participants,
      newParticipants: c.fresh,
      lapsed: c.lapsed,
      atYearStart: c.atYearStart,
      lastYear: c.lastYear,
      due: c.due,
      onTime: c.onTime,
      campaigns: c.campaigns,
      campaignEnrollments: c.campaignEnrollments,
    });
  }
  return { rows: rows.length, participants: report.total.participants };
}

/** The rollup table, rows with anything in them, in a stable order. */
async function snapshot(): Promise<string[]> {
  const rows: Row[] = await api.ds.query(
    `SELECT unit_id, scheme, to_char(month, 'YYYY-MM') AS month, participants, retained, fresh, due, on_time, credited FROM report_rollup
      WHERE EXISTS (SELECT 1 FROM unnest(participants || retained || fresh || due || on_time || credited) x WHERE x <> 0)
      ORDER BY unit_id, scheme, month`,
  );
  return rows.map((r) => JSON.stringify(r));
}

describe('report rollups', () => {
  it('give every report the figures a recount from the raw rows gives, from the province to a hamlet, on any date, as stood and restated', async () => {
    const province = await unitId(api, '82', 'PROVINCE');
    const base = await unitId(api, 'BHXH-HOALONG', 'BASE');
    const commune = await unitId(api, '30208', 'COMMUNE');
    const [hamlet] = await api.ds.query(`SELECT h.id FROM org_unit h JOIN person p ON p.hamlet_id = h.id WHERE h.code LIKE '30208-%' GROUP BY h.id ORDER BY count(*) DESC LIMIT 1`);
    const lastMonthEnd = previousDay(firstDayOfMonth(monthOf(today)));
    const dates = [today, lastMonthEnd, `${addMonths(monthOf(today), -4)}-15`, `${Number(today.slice(0, 4)) - 1}-12-31`, `${today.slice(0, 4)}-01-01`, lastDayOfMonth(addMonths(monthOf(today), -13))];
    let participants = 0;
    for (const scheme of ['VOLUNTARY_SI', 'HOUSEHOLD_HI'] as const) {
      for (const unit of [province, base, commune, String(hamlet.id)]) {
        for (const date of dates) {
          for (const restated of [false, true]) participants += (await compare(unit, scheme, date, restated)).participants;
        }
      }
    }
    // The demo has participants: the comparisons above compared figures, not zeros.
    expect(participants).toBeGreaterThan(10_000);
  });

  it('give the monthly trend the figures of the report at each month’s end, new participants month by month adding up to the year’s', async () => {
    const base = await unitId(api, 'BHXH-HOALONG', 'BASE');
    const from = `${today.slice(0, 4)}-01`;
    const trend = (await api.ok(`query($u: ID!, $f: Month!, $t: Month!) { reportTrend(unitId: $u, scheme: VOLUNTARY_SI, from: $f, to: $t) { points { month asOf participants newParticipants participantsLastYear target achievementPct } } }`, { u: base, f: from, t: monthOf(today) })).reportTrend.points;
    expect(trend.map((p: Row) => p.month)).toHaveLength(Number(today.slice(5, 7)));
    let fresh = 0;
    for (const point of trend) {
      const total = (await api.ok(`query($u: ID!, $d: Date!) { hierarchyReport(unitId: $u, scheme: VOLUNTARY_SI, asOf: $d, restated: true) { total { participants newParticipants participantsLastYear target achievementPct } } }`, { u: base, d: point.asOf })).hierarchyReport.total;
      fresh += point.newParticipants;
      expect({ participants: point.participants, lastYear: point.participantsLastYear, target: point.target, pct: point.achievementPct, fresh }, point.month).toEqual({
        participants: total.participants,
        lastYear: total.participantsLastYear,
        target: total.target,
        pct: total.achievementPct,
        fresh: total.newParticipants,
      });
    }
    expect(trend.at(-1).asOf).toBe(today);
  });

  it('stay equal to a rebuild from the raw rows after payments, an enrollment, a stop, a person moving hamlet and a hamlet moving commune', async () => {
    const base = await unitId(api, 'BHXH-HOALONG', 'BASE');
    const before = (await api.ok(REPORT, { u: base, s: 'VOLUNTARY_SI', d: today, r: true })).hierarchyReport.total;

    // A payment settling this month's due of a voluntary SI participant who has not paid it.
    const [due] = await api.ds.query(
      `SELECT d.enrollment_id, d.payable - d.paid AS owed FROM contribution_due d JOIN enrollment e ON e.id = d.enrollment_id
         JOIN person p ON p.id = e.person_id JOIN org_unit h ON h.id = p.hamlet_id
        WHERE e.scheme = 'VOLUNTARY_SI' AND e.status = 'ACTIVE' AND d.status = 'OPEN' AND d.period_start <= $1::date AND d.period_end >= $1::date
          AND h.path LIKE (SELECT path FROM org_unit WHERE id = $2) || '%'
          AND NOT EXISTS (SELECT 1 FROM contribution_due d2 WHERE d2.enrollment_id = e.id AND d2.status = 'OPEN' AND d2.period_start < d.period_start)
        ORDER BY d.id LIMIT 1`,
      [today, Number(base)],
    );
    expect(due).toBeTruthy();
    await api.ok(`mutation($i: RecordPaymentInput!) { recordPayment(input: $i) { id } }`, {
      i: { enrollmentId: String(due.enrollment_id), amount: due.owed, paidOn: today, receiptNo: `ROLLUP-${Date.now()}` },
    });
    const after = (await api.ok(REPORT, { u: base, s: 'VOLUNTARY_SI', d: today, r: true })).hierarchyReport.total;
    expect(after.participants).toBe(before.participants + 1);

    // An enrollment of someone never enrolled, and a stop of another's.
    const [person] = await api.ds.query(
      `SELECT p.id FROM person p JOIN org_unit h ON h.id = p.hamlet_id WHERE h.path LIKE (SELECT path FROM org_unit WHERE id = $1) || '%'
         AND p.date_of_birth < '1990-01-01' AND NOT EXISTS (SELECT 1 FROM enrollment e WHERE e.person_id = p.id) ORDER BY p.id LIMIT 1`,
      [Number(base)],
    );
    await api.ok(`mutation($i: EnrollInput!) { enroll(input: $i) { id } }`, {
      i: { personId: String(person.id), scheme: 'HOUSEHOLD_HI', paymentMode: 'ANNUAL', startDate: today },
    });
    const [active] = await api.ds.query(
      `SELECT e.id FROM enrollment e JOIN person p ON p.id = e.person_id JOIN org_unit h ON h.id = p.hamlet_id
        WHERE e.status = 'ACTIVE' AND e.scheme = 'VOLUNTARY_SI' AND h.path LIKE (SELECT path FROM org_unit WHERE id = $1) || '%' ORDER BY e.id DESC LIMIT 1`,
      [Number(base)],
    );
    await api.ok(`mutation($id: ID!, $d: Date!) { endEnrollment(id: $id, endDate: $d, status: STOPPED) { id } }`, { id: String(active.id), d: today });

    // A participant moves to a hamlet of another commune; a hamlet moves to another commune.
    const [mover] = await api.ds.query(
      `SELECT p.id, h.parent_id FROM person p JOIN org_unit h ON h.id = p.hamlet_id JOIN enrollment e ON e.person_id = p.id AND e.status = 'ACTIVE'
        WHERE h.code LIKE '30208-%' ORDER BY p.id LIMIT 1`,
    );
    const [elsewhere] = await api.ds.query(`SELECT id FROM org_unit WHERE level = 'HAMLET' AND code LIKE '30214-%' AND valid_to IS NULL ORDER BY code LIMIT 1`);
    await api.ok(`mutation($id: ID!, $h: ID!) { updatePerson(id: $id, input: { hamletId: $h }) { id } }`, { id: String(mover.id), h: String(elsewhere.id) });
    const [moving] = await api.ds.query(
      `SELECT h.id FROM org_unit h WHERE h.code LIKE '30226-%' AND h.valid_to IS NULL AND EXISTS (SELECT 1 FROM person p WHERE p.hamlet_id = h.id) ORDER BY h.code LIMIT 1`,
    );
    await api.ok(`mutation($id: ID!, $p: ID!, $d: Date!) { moveOrgUnit(id: $id, newParentId: $p, effectiveDate: $d) { id } }`, {
      id: String(moving.id),
      p: await unitId(api, '30235', 'COMMUNE'),
      d: today,
    });

    const kept = await snapshot();
    expect(kept.length).toBeGreaterThan(100);
    await api.ds.query('SELECT rollup_rebuild()');
    expect(await snapshot()).toEqual(kept);
    // rollup_compute (the bulk loaders' way) gives the hamlets' rows as they are kept.
    const year = Number(today.slice(0, 4));
    const fields = `unit_id, scheme, to_char(month, 'YYYY-MM') AS month, participants, retained, fresh, due, on_time, credited`;
    const nonZero = `EXISTS (SELECT 1 FROM unnest(participants || retained || fresh || due || on_time || credited) x WHERE x <> 0)`;
    const hamlets: { id: number }[] = await api.ds.query(`SELECT id FROM org_unit WHERE level = 'HAMLET' AND path LIKE (SELECT path FROM org_unit WHERE id = $1) || '%'`, [Number(base)]);
    const computed = await api.ds.query(`SELECT ${fields} FROM rollup_compute($1::int[], $2::int[]) WHERE ${nonZero} ORDER BY 1, 2, 3`, [
      [...hamlets, ...hamlets].map((h) => h.id),
      [...hamlets.map(() => year - 1), ...hamlets.map(() => year)],
    ]);
    const stored = await api.ds.query(
      `SELECT ${fields} FROM report_rollup WHERE unit_id = ANY($1::int[]) AND extract(year FROM month) IN ($2, $3) AND ${nonZero} ORDER BY 1, 2, 3`,
      [hamlets.map((h) => h.id), year - 1, year],
    );
    expect(computed.length).toBeGreaterThan(50);
    expect(computed).toEqual(stored);
    // And the reports over the moved units still agree with the raw recount: today, and as the
    // tree stood last month (the hamlet then under its old commune: hamlet rows regrouped).
    const lastMonthEnd = previousDay(firstDayOfMonth(monthOf(today)));
    for (const scheme of ['VOLUNTARY_SI', 'HOUSEHOLD_HI'] as const) {
      await compare(base, scheme, today, true);
      await compare(base, scheme, today, false);
      const stood = (await api.ok(REPORT, { u: base, s: scheme, d: lastMonthEnd, r: false })).hierarchyReport;
      const restated = (await api.ok(REPORT, { u: base, s: scheme, d: lastMonthEnd, r: true })).hierarchyReport;
      expect(stood.total.participants).toBe(restated.total.participants);
      const communeOf = (rows: Row[], id: string) => rows.find((r) => r.unit.id === id)!.participants;
      const from = String((await api.ds.query(`SELECT id FROM org_unit WHERE code = '30226' AND valid_to IS NULL`))[0].id);
      if (scheme === 'VOLUNTARY_SI') expect(communeOf(stood.children, from)).toBeGreaterThan(communeOf(restated.children, from));
      await compare(base, scheme, lastMonthEnd, false);
      await compare(from, scheme, lastMonthEnd, false);
    }
  });

  it('catch up after an import, in the background, to what a rebuild gives; what a stopped process left, the scheduled job catches up', async () => {
    const base = await unitId(api, 'BHXH-HOALONG', 'BASE');
    const total = async () => (await api.ok(REPORT, { u: base, s: 'VOLUNTARY_SI', d: today, r: true })).hierarchyReport.total;
    const pending = async () => (await api.ds.query('SELECT count(*)::int AS n FROM report_rollup_pending'))[0].n as number;
    const before = await total();
    // Adults of the office never enrolled in voluntary SI, in several hamlets, enrolled from today.
    const people: { citizen_id: string }[] = await api.ds.query(
      `SELECT DISTINCT ON (p.hamlet_id) p.citizen_id FROM person p JOIN org_unit h ON h.id = p.hamlet_id
        WHERE h.path LIKE (SELECT path FROM org_unit WHERE id = $1) || '%' AND p.date_of_birth < '1990-01-01'
          AND NOT EXISTS (SELECT 1 FROM enrollment e WHERE e.person_id = p.id AND e.scheme = 'VOLUNTARY_SI')
        ORDER BY p.hamlet_id, p.id LIMIT 5`,
      [Number(base)],
    );
    expect(people.length).toBe(5);
    const file = `citizenId,scheme,startDate,declaredMonthlyIncome,paymentMode,collectionOrganizationCode,campaignCode\n${people
      .map((p) => `${p.citizen_id},VOLUNTARY_SI,${today},2500000,MONTHLY,,`)
      .join('\n')}\n`;
    const staff = await api.login(DEMO_USERS.BASE_STAFF);
    const res = await upload(api, staff, 'enrollments', file, { fileName: 'dang-ky.csv' });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const job = await finishedImport(api.as(staff), res.body.importId);
    expect(job, JSON.stringify(job.errors)).toMatchObject({ status: 'SUCCEEDED', importedRows: 5 });
    // The import committed its (hamlet, year) pairs for the catch-up that follows it.
    for (let i = 0; i < 300 && (await pending()) > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await pending()).toBe(0);
    expect((await total()).newParticipants).toBe(before.newParticipants + 5);
    await compare(base, 'VOLUNTARY_SI', today, true);
    const caughtUp = await snapshot();
    await api.ds.query('SELECT rollup_rebuild()');
    expect(await snapshot()).toEqual(caughtUp);

    // A bulk write whose process stopped before its catch-up: the pairs are committed with the
    // rows, the reports do not show it yet, and the scheduled job brings them level. (A deleted
    // enrollment, which the API never does, also checks that its dues' later years are noted.)
    await api.ds.transaction(async (em) => {
      await em.query(`SET LOCAL baophu.rollup = 'deferred'`);
      await em.query(`DELETE FROM enrollment WHERE person_id = (SELECT id FROM person WHERE citizen_id = $1) AND scheme = 'VOLUNTARY_SI'`, [people[0].citizen_id]);
    });
    expect(await pending()).toBeGreaterThan(0);
    expect((await total()).newParticipants).toBe(before.newParticipants + 5);
    const ran = await rollupCatchUpJob.handler({ ds: api.ds, logger: createLogger('silent'), today, trigger: 'manual' } as JobContext);
    expect(ran).toEqual({ hamlets: 1 });
    expect(await pending()).toBe(0);
    expect((await total()).newParticipants).toBe(before.newParticipants + 4);
    const kept = await snapshot();
    await api.ds.query('SELECT rollup_rebuild()');
    expect(await snapshot()).toEqual(kept);
  });
});
