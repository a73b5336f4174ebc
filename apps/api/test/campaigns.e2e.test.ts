import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finishedImport, startTestApi, upload, type Client, type TestApi } from './harness/api';
import { demoTokens, unitId, type Role } from './harness/demo';

let api: TestApi;
let tokens: Record<Role, string>;
let staff: Client;
let supervisor: Client;
let hoaLong: string;
let xaHoaLong: string;
let otherCommune: string;
let hamletIn: string;
let hamletOut: string;

const code = (body: { errors?: { extensions?: Record<string, any> }[] }) => body.errors?.[0]?.extensions?.code;
const fields = (body: { errors?: { extensions?: Record<string, any> }[] }) => (body.errors?.[0]?.extensions?.fields ?? []).map((f: { field: string }) => f.field);

const CREATE = `mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id code status launchDate sessions { sessionDate } hamlets { code } } }`;
const ADD_MEMBER = `mutation($id: ID!, $i: CampaignMemberInput!) { addCampaignMember(campaignId: $id, input: $i) { id name role } }`;
const START = `mutation($id: ID!) { startCampaign(id: $id) { status } }`;
const VISIT = `mutation($i: LogVisitInput!) { logVisit(input: $i) { id outcome visitDate } }`;
const ENROLL = `mutation($i: EnrollInput!) { enroll(input: $i) { id scheme creditedOn campaign { code } campaignMember { name } } }`;
const RESULTS = `query($id: ID!) { campaign(id: $id) { status results {
  total { visits enrolled interested refused notHome alreadyInsured newVoluntarySI newHouseholdHI targetNewVoluntarySI voluntarySIPct conversionPct }
  bySession { date figures { visits newVoluntarySI newHouseholdHI } }
  byMember { member { name } figures { visits enrolled newVoluntarySI newHouseholdHI } }
} } }`;

let personSeq = 0;
async function person(hamletId: string): Promise<string> {
  personSeq++;
  const d = await staff.ok(`mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }`, {
    i: { fullName: `Phạm Thị Vận Động ${personSeq}`, dateOfBirth: '1990-04-12', sex: 'FEMALE', citizenId: `0871900${String(personSeq).padStart(5, '0')}`, hamletId, supportCategory: 'OTHER' },
  });
  return d.createPerson.id;
}

async function campaignWithMembers(n: number, launchDate = '2026-11-07'): Promise<{ id: string; members: string[] }> {
  const c = (await staff.ok(CREATE, { i: { name: `Mô hình ${launchDate} ${n}`, communeId: xaHoaLong, launchDate, targetNewVoluntarySI: 20, targetNewHouseholdHI: 10 } })).createCampaign;
  const members: string[] = [];
  const roles = ['LEADER', 'SI_OFFICER', 'POST_OFFICE', 'VIETTEL', 'HAMLET_HEAD', 'COMMUNE_OFFICIAL'];
  for (let i = 0; i < n; i++) {
    members.push((await staff.ok(ADD_MEMBER, { id: c.id, i: { name: ['Nguyễn Văn Tổ Trưởng', 'Trần Thị Bảo Hiểm', 'Lê Văn Bưu Điện', 'Võ Thị Viettel', 'Huỳnh Văn Trưởng Ấp', 'Đặng Văn Xã'][i], role: roles[i], organization: i === 2 ? 'Bưu điện Lai Vung' : null } })).addCampaignMember.id);
  }
  return { id: c.id, members };
}

beforeAll(async () => {
  api = await startTestApi({ demo: true });
  tokens = await demoTokens(api);
  staff = api.as(tokens.BASE_STAFF);
  supervisor = api.as(tokens.SUPERVISOR);
  hoaLong = await unitId(api, 'BHXH-HOALONG', 'BASE');
  xaHoaLong = await unitId(api, '30208', 'COMMUNE');
  otherCommune = await unitId(api, '30214', 'COMMUNE');
  hamletIn = await unitId(api, '30208-01', 'HAMLET');
  hamletOut = await unitId(api, '30214-01', 'HAMLET');
});
afterAll(() => api?.close());

describe('the demo campaigns', () => {
  it('hold visits and enrollments credited from them, so the results screens have figures', async () => {
    const list = (await supervisor.ok(`query($w: ID!) { campaigns(filter: { withinId: $w }, take: 50) { items { code status results { total { visits enrolled newVoluntarySI } } } } }`, { w: hoaLong })).campaigns.items;
    expect(list.map((c: { status: string }) => c.status).sort()).toEqual(['ACTIVE', 'COMPLETED', 'COMPLETED', 'COMPLETED', 'PLANNED']);
    const done = list.filter((c: { status: string }) => c.status === 'COMPLETED');
    expect(done.every((c: { results: { total: { visits: number } } }) => c.results.total.visits > 0)).toBe(true);
    expect(done.reduce((n: number, c: { results: { total: { newVoluntarySI: number } } }) => n + c.results.total.newVoluntarySI, 0)).toBeGreaterThan(0);
  });
});

describe('a mobilization model from creation to results', () => {
  let campaign: { id: string; members: string[] };
  let visited: string;
  let visitId: string;

  it('creates a campaign in a commune with weekly sessions on the launch weekday, covering its hamlets', async () => {
    const c = (await staff.ok(CREATE, { i: { name: 'Ra quân Xã Hòa Long', communeId: xaHoaLong, launchDate: '2026-11-07', weeklyUntil: '2026-11-28', targetNewVoluntarySI: 20 } })).createCampaign;
    expect(c.code).toMatch(/^MH-30208-2026-\d\d$/);
    expect(c.status).toBe('PLANNED');
    expect(c.sessions.map((s: { sessionDate: string }) => s.sessionDate)).toEqual(['2026-11-07', '2026-11-14', '2026-11-21', '2026-11-28']);
    expect(c.hamlets.length).toBeGreaterThan(0);
    expect(c.hamlets.every((h: { code: string }) => h.code.startsWith('30208-'))).toBe(true);
  });

  it('refuses to start with 4 members, saying 1 is missing, and starts with 5', async () => {
    campaign = await campaignWithMembers(4);
    const refused = await staff.gql(START, { id: campaign.id });
    expect(code(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0].extensions!.message.vi).toContain('còn thiếu 1');
    expect(refused.errors![0].extensions!.message.en).toContain('it has 4, 1 missing');
    expect((await staff.ok(`query($id: ID!) { campaign(id: $id) { status } }`, { id: campaign.id })).campaign.status).toBe('PLANNED');
    campaign.members.push((await staff.ok(ADD_MEMBER, { id: campaign.id, i: { name: 'Huỳnh Văn Trưởng Ấp', role: 'HAMLET_HEAD' } })).addCampaignMember.id);
    expect((await staff.ok(START, { id: campaign.id })).startCampaign.status).toBe('ACTIVE');
    // Starting twice is a conflict of states, not a silent success.
    expect(code(await staff.gql(START, { id: campaign.id }))).toBe('CONFLICT');
  });

  it('refuses a visit to someone outside the campaign’s commune, and writes nothing', async () => {
    const outsider = await person(hamletOut);
    const before = (await api.ds.query(`SELECT count(*)::int AS n FROM visit`))[0].n;
    const body = await staff.gql(VISIT, { i: { campaignId: campaign.id, memberId: campaign.members[0], visitDate: '2026-11-07', outcome: 'INTERESTED', personId: outsider } });
    expect(code(body)).toBe('BAD_USER_INPUT');
    expect(fields(body)).toEqual(['personId']);
    expect(body.errors![0].extensions!.message.vi).toContain('Không thuộc địa bàn');
    expect((await api.ds.query(`SELECT count(*)::int AS n FROM visit`))[0].n).toBe(before);
  });

  it('logs the door-to-door visits of the launch day, with a reason for each refusal', async () => {
    visited = await person(hamletIn);
    const interested = (await staff.ok(VISIT, { i: { campaignId: campaign.id, memberId: campaign.members[1], visitDate: '2026-11-07', outcome: 'INTERESTED', personId: visited, followUpDate: '2026-11-14' } })).logVisit;
    visitId = interested.id;
    const noReason = await staff.gql(VISIT, { i: { campaignId: campaign.id, memberId: campaign.members[2], visitDate: '2026-11-07', outcome: 'REFUSED', contactName: 'Ông Bảy', hamletId: hamletIn } });
    expect(fields(noReason)).toEqual(['refusalReason']);
    await staff.ok(VISIT, { i: { campaignId: campaign.id, memberId: campaign.members[2], visitDate: '2026-11-07', outcome: 'REFUSED', contactName: 'Ông Bảy', hamletId: hamletIn, refusalReason: 'Chưa có tiền, hẹn sau mùa lúa' } });
    await staff.ok(VISIT, { i: { campaignId: campaign.id, memberId: campaign.members[2], visitDate: '2026-11-07', outcome: 'NOT_HOME', contactName: 'Nhà số 12', hamletId: hamletIn } });
    await staff.ok(VISIT, { i: { campaignId: campaign.id, memberId: campaign.members[3], visitDate: '2026-11-14', outcome: 'ALREADY_INSURED', contactName: 'Bà Tư', hamletId: hamletIn } });
    const before = await staff.gql(VISIT, { i: { campaignId: campaign.id, memberId: campaign.members[3], visitDate: '2026-11-06', outcome: 'NOT_HOME', contactName: 'X', hamletId: hamletIn } });
    expect(fields(before)).toEqual(['visitDate']);
    const future = await staff.gql(VISIT, { i: { campaignId: campaign.id, memberId: campaign.members[3], visitDate: '2999-01-01', outcome: 'NOT_HOME', contactName: 'X', hamletId: hamletIn } });
    expect(fields(future)).toEqual(['visitDate']);
  });

  it('credits an enrollment made from a visit to the campaign and to the member, both schemes', async () => {
    const vsi = (await staff.ok(ENROLL, { i: { personId: visited, scheme: 'VOLUNTARY_SI', startDate: '2026-12-01', declaredMonthlyIncome: 2_500_000, paymentMode: 'MONTHLY', visitId } })).enroll;
    expect(vsi).toMatchObject({ creditedOn: '2026-11-07', campaign: { code: expect.stringMatching(/^MH-30208-/) }, campaignMember: { name: 'Trần Thị Bảo Hiểm' } });
    const hhi = (await staff.ok(ENROLL, { i: { personId: visited, scheme: 'HOUSEHOLD_HI', startDate: '2026-12-01', paymentMode: 'ANNUAL', visitId } })).enroll;
    expect(hhi.campaignMember.name).toBe('Trần Thị Bảo Hiểm');
    const [visit] = await api.ds.query(`SELECT outcome FROM visit WHERE id = $1`, [visitId]);
    expect(visit.outcome).toBe('ENROLLED');
  });

  it('refuses to credit the same enrollment to a second campaign', async () => {
    const second = await campaignWithMembers(5, '2026-11-14');
    await staff.ok(START, { id: second.id });
    const v = (await staff.ok(VISIT, { i: { campaignId: second.id, memberId: second.members[0], visitDate: '2026-11-14', outcome: 'INTERESTED', personId: visited } })).logVisit;
    const e = await staff.ok(`query($id: ID!) { person(id: $id) { enrollments { id scheme } } }`, { id: visited });
    const vsiId = e.person.enrollments.find((x: { scheme: string }) => x.scheme === 'VOLUNTARY_SI').id;
    const body = await staff.gql(`mutation($e: ID!, $v: ID!) { creditEnrollment(enrollmentId: $e, visitId: $v) { id } }`, { e: vsiId, v: v.id });
    expect(code(body)).toBe('BAD_USER_INPUT');
    expect(body.errors![0].extensions!.message.en).toContain('another campaign');
    const [row] = await api.ds.query(`SELECT campaign_id FROM enrollment WHERE id = $1`, [vsiId]);
    expect(String(row.campaign_id)).toBe(campaign.id);
  });

  it('reports the results per campaign, per session and per member against the targets', async () => {
    const r = (await supervisor.ok(RESULTS, { id: campaign.id })).campaign.results;
    expect(r.total).toEqual({ visits: 4, enrolled: 1, interested: 0, refused: 1, notHome: 1, alreadyInsured: 1, newVoluntarySI: 1, newHouseholdHI: 1, targetNewVoluntarySI: 20, voluntarySIPct: 5, conversionPct: 25 });
    expect(r.bySession.find((s: { date: string }) => s.date === '2026-11-07').figures).toEqual({ visits: 3, newVoluntarySI: 1, newHouseholdHI: 1 });
    expect(r.bySession.find((s: { date: string }) => s.date === '2026-11-14').figures).toEqual({ visits: 1, newVoluntarySI: 0, newHouseholdHI: 0 });
    const member = r.byMember.find((m: { member: { name: string } }) => m.member.name === 'Trần Thị Bảo Hiểm');
    expect(member.figures).toEqual({ visits: 1, enrolled: 1, newVoluntarySI: 1, newHouseholdHI: 1 });
  });

  it('writes the end-of-day report in Vietnamese with the same figures, the leader’s lessons and its recipients', async () => {
    const saved = (
      await staff.ok(`mutation($id: ID!) { saveCampaignDayReport(campaignId: $id, date: "2026-11-07", lessons: "Đi từ sáng sớm, gặp được nhiều hộ", recipients: ["Đảng ủy xã Hòa Long", "UBND xã Hòa Long", "Nhóm Zalo BHXH Hoa Long"]) { text lessons recipients day { visits newVoluntarySI newHouseholdHI refused } } }`, { id: campaign.id })
    ).saveCampaignDayReport;
    expect(saved.day).toEqual({ visits: 3, newVoluntarySI: 1, newHouseholdHI: 1, refused: 1 });
    expect(saved.recipients).toEqual(['Đảng ủy xã Hòa Long', 'UBND xã Hòa Long', 'Nhóm Zalo BHXH Hoa Long']);
    expect(saved.text).toContain('BÁO CÁO KẾT QUẢ NGÀY 07/11/2026');
    expect(saved.text).toContain('đã đến 3 lượt');
    expect(saved.text).toContain('1 người tham gia BHXH tự nguyện');
    expect(saved.text).toContain('từ chối: 1');
    expect(saved.text).toContain('Đi từ sáng sớm, gặp được nhiều hộ');
    expect(saved.text).toContain('do Nguyễn Văn Tổ Trưởng làm tổ trưởng');
    const again = (await supervisor.ok(`query($id: ID!) { campaignDayReport(campaignId: $id, date: "2026-11-07") { text recipients } }`, { id: campaign.id })).campaignDayReport;
    expect(again).toEqual({ text: saved.text, recipients: saved.recipients });
    // The total since the launch stops at the day reported on: the day before counts none of the 7th.
    const REPORT_OF = `query($id: ID!, $d: Date!) { campaignDayReport(campaignId: $id, date: $d) { day { visits } cumulative { visits newVoluntarySI newHouseholdHI } } }`;
    expect((await supervisor.ok(REPORT_OF, { id: campaign.id, d: '2026-11-06' })).campaignDayReport).toEqual({ day: { visits: 0 }, cumulative: { visits: 0, newVoluntarySI: 0, newHouseholdHI: 0 } });
    expect((await supervisor.ok(REPORT_OF, { id: campaign.id, d: '2026-11-07' })).campaignDayReport.cumulative).toEqual({ visits: 3, newVoluntarySI: 1, newHouseholdHI: 1 });
  });

  it('totals the campaigns of a base office over a period, as a recount of the raw rows gives them', async () => {
    const recount = async (from: string, to: string) => {
      const [r] = await api.ds.query(
        `WITH c AS (SELECT c.id FROM campaign c JOIN org_unit u ON u.id = c.commune_id JOIN org_unit b ON b.id = $3
                     WHERE u.path LIKE b.path || '%' AND c.status <> 'CANCELLED'
                       AND EXISTS (SELECT 1 FROM campaign_session s WHERE s.campaign_id = c.id AND s.session_date BETWEEN $1::date AND $2::date))
         SELECT (SELECT count(*)::int FROM c) AS campaigns,
                (SELECT count(*)::int FROM visit v WHERE v.campaign_id IN (SELECT id FROM c) AND v.visit_date BETWEEN $1::date AND $2::date) AS visits,
                (SELECT count(*)::int FROM enrollment e WHERE e.campaign_id IS NOT NULL AND e.scheme = 'VOLUNTARY_SI' AND e.credited_on BETWEEN $1::date AND $2::date) AS "newVoluntarySI",
                (SELECT count(*)::int FROM enrollment e WHERE e.campaign_id IS NOT NULL AND e.scheme = 'HOUSEHOLD_HI' AND e.credited_on BETWEEN $1::date AND $2::date) AS "newHouseholdHI"`,
        [from, to, hoaLong],
      );
      return r;
    };
    const q = `query($u: ID!, $f: Date!, $t: Date!) { campaignTotals(unitId: $u, from: $f, to: $t) { campaigns visits newVoluntarySI newHouseholdHI } }`;
    const t = (await supervisor.ok(q, { u: hoaLong, f: '2026-11-01', t: '2026-11-30' })).campaignTotals;
    expect(t).toEqual(await recount('2026-11-01', '2026-11-30'));
    // This test's campaign alone: its 5 visits, 1 new VSI and 1 new HHI are in the month's totals.
    expect(t.visits).toBeGreaterThanOrEqual(5);
    expect(t.newVoluntarySI).toBeGreaterThanOrEqual(1);
    const year = (await supervisor.ok(q, { u: hoaLong, f: '2026-01-01', t: '2026-12-31' })).campaignTotals;
    expect(year).toEqual(await recount('2026-01-01', '2026-12-31'));
  });
});

describe('enrollments imported with a campaign code', () => {
  it('credits the campaign for people of its commune and refuses others, row by row', async () => {
    const running = await campaignWithMembers(5, '2026-11-21');
    await staff.ok(START, { id: running.id });
    const { campaign } = await staff.ok(`query($id: ID!) { campaign(id: $id) { code } }`, { id: running.id });
    const inside = await person(hamletIn);
    const outside = await person(hamletOut);
    const ids = await api.ds.query(`SELECT id, citizen_id FROM person WHERE id = ANY($1)`, [[inside, outside]]);
    const cid = (id: string) => ids.find((r: { id: number }) => String(r.id) === id).citizen_id;
    const header = 'citizenId,scheme,startDate,declaredMonthlyIncome,paymentMode,collectionOrganizationCode,campaignCode';
    const file = [header, `${cid(inside)},HOUSEHOLD_HI,2026-12-01,,ANNUAL,,${campaign.code}`, `${cid(outside)},HOUSEHOLD_HI,2026-12-01,,ANNUAL,,${campaign.code}`, `${cid(outside)},VOLUNTARY_SI,2026-12-01,2500000,MONTHLY,,MH-NONE`].join('\n');
    const res = await upload(api, tokens.BASE_STAFF, 'enrollments', file, { fileName: 'e.csv', keepValid: true });
    const job = await finishedImport(staff, res.body.importId);
    expect(job).toMatchObject({ importedRows: 1, rejectedRows: 2 });
    expect(job.errors.map((e: { line: number }) => e.line)).toEqual([3, 4]);
    expect(job.errors[0].message).toContain('campaignCode');
    expect(job.errors[1].messageEn).toContain('MH-NONE');
    const [row] = await api.ds.query(`SELECT campaign_id, credited_on FROM enrollment WHERE person_id = $1`, [inside]);
    expect(String(row.campaign_id)).toBe(running.id);
    expect(row.credited_on).toMatch(/^\d{4}-\d\d-\d\d$/);
  });
});

describe('bad input for campaigns', () => {
  it('refuses sessions before the launch day, negative targets, a campaign outside a commune; nothing written', async () => {
    const before = (await api.ds.query(`SELECT count(*)::int AS n FROM campaign`))[0].n;
    const early = await staff.gql(CREATE, { i: { name: 'Sớm', communeId: xaHoaLong, launchDate: '2026-11-07', sessionDates: ['2026-11-01'] } });
    expect(fields(early)).toEqual(['sessionDates']);
    const negative = await staff.gql(CREATE, { i: { name: 'Âm', communeId: xaHoaLong, launchDate: '2026-11-07', targetNewVoluntarySI: -3, targetNewHouseholdHI: -1 } });
    expect(fields(negative)).toEqual(['targetNewVoluntarySI', 'targetNewHouseholdHI']);
    const onBase = await staff.gql(CREATE, { i: { name: 'Cơ sở', communeId: hoaLong, launchDate: '2026-11-07' } });
    expect(fields(onBase)).toEqual(['communeId']);
    const foreign = await staff.gql(CREATE, { i: { name: 'Ngoài', communeId: await unitId(api, '00004', 'COMMUNE'), launchDate: '2026-11-07' } });
    expect(code(foreign)).toBe('FORBIDDEN');
    expect((await api.ds.query(`SELECT count(*)::int AS n FROM campaign`))[0].n).toBe(before);
    const planned = await campaignWithMembers(1);
    const addEarly = await staff.gql(`mutation($id: ID!) { addCampaignSessions(campaignId: $id, dates: ["2026-11-14", "2026-10-01"]) { id } }`, { id: planned.id });
    expect(fields(addEarly)).toEqual(['dates']);
    expect((await api.ds.query(`SELECT count(*)::int AS n FROM campaign_session WHERE campaign_id = $1`, [planned.id]))[0].n).toBe(1);
  });

  it('refuses visits to a campaign that has not started', async () => {
    const planned = await campaignWithMembers(5, '2026-10-03');
    const body = await staff.gql(VISIT, { i: { campaignId: planned.id, memberId: planned.members[0], visitDate: '2026-10-03', outcome: 'NOT_HOME', contactName: 'X', hamletId: hamletIn } });
    expect(fields(body)).toEqual(['campaignId']);
  });
});

describe('where to push next', () => {
  it('ranks the communes of Hoa Long reproducibly from the raw rows', async () => {
    const ranking = (await supervisor.ok(`query($u: ID!) { campaignPriorities(unitId: $u) {
      unit { id code } participants workingAgePopulation perThousand pastCampaigns pastVisits pastEnrolledVisits conversionPct participationRank conversionRank } }`, { u: hoaLong })).campaignPriorities;
    expect(ranking.map((r: { unit: { code: string } }) => r.unit.code).sort()).toEqual(['30208', '30214', '30226', '30235']);
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    // The same figures straight from the tables, with the definitions of DESIGN.md §6.
    const raw: { code: string; participants: number; working: number | null; visits: number; enrolled: number }[] = await api.ds.query(
      `SELECT c.code,
              (SELECT count(DISTINCT e.person_id)::int FROM contribution_due d JOIN enrollment e ON e.id = d.enrollment_id JOIN person p ON p.id = e.person_id JOIN org_unit h ON h.id = p.hamlet_id
                WHERE h.path LIKE c.path || '%' AND e.scheme = 'VOLUNTARY_SI' AND d.status IN ('PAID', 'LATE_PAID') AND d.settled_on <= $1::date
                  AND d.period_start <= (date_trunc('month', $1::date) + interval '1 month - 1 day')::date AND d.period_end >= date_trunc('month', $1::date)::date) AS participants,
              (SELECT s.working_age_population FROM unit_statistic s WHERE s.unit_id = c.id AND s.year <= extract(year FROM $1::date) ORDER BY s.year DESC LIMIT 1) AS working,
              (SELECT count(*)::int FROM visit v JOIN campaign k ON k.id = v.campaign_id WHERE k.commune_id = c.id AND k.status <> 'CANCELLED') AS visits,
              (SELECT count(*)::int FROM visit v JOIN campaign k ON k.id = v.campaign_id WHERE k.commune_id = c.id AND k.status <> 'CANCELLED' AND v.outcome = 'ENROLLED') AS enrolled
         FROM org_unit c WHERE c.code IN ('30208', '30214', '30226', '30235') AND c.valid_to IS NULL AND c.level = 'COMMUNE'`,
      [today],
    );
    const expected = raw
      .map((r) => ({ ...r, perThousand: r.working ? Math.round((r.participants * 100_000) / r.working) / 100 : null }))
      .sort((a, b) => (a.perThousand === null ? 1 : 0) - (b.perThousand === null ? 1 : 0) || (a.perThousand ?? 0) - (b.perThousand ?? 0) || (a.code < b.code ? -1 : 1));
    expect(ranking.map((r: { unit: { code: string } }) => r.unit.code)).toEqual(expected.map((r) => r.code));
    expect(ranking.map((r: { participationRank: number }) => r.participationRank)).toEqual([1, 2, 3, 4]);
    for (const r of ranking) {
      const e = expected.find((x) => x.code === r.unit.code)!;
      expect(r).toMatchObject({ participants: e.participants, workingAgePopulation: e.working, perThousand: e.perThousand, pastVisits: e.visits, pastEnrolledVisits: e.enrolled });
    }
    // Conversion ranks: communes with past visits, lowest enrolled ÷ visits first, then by code.
    const withVisits = expected.filter((e) => e.visits > 0).sort((a, b) => a.enrolled / a.visits - b.enrolled / b.visits || (a.code < b.code ? -1 : 1));
    for (const r of ranking) {
      const rank = withVisits.findIndex((e) => e.code === r.unit.code);
      expect(r.conversionRank).toBe(rank === -1 ? null : rank + 1);
      if (rank !== -1) expect(r.conversionPct).toBeCloseTo((r.pastEnrolledVisits * 100) / r.pastVisits, 2);
    }
    expect(withVisits.map((e) => e.code)).toContain('30208');
  });
});
