import type { EntityManager } from 'typeorm';
import { generator } from './demo-participants';
import { todayInVietnam } from '@bao-phu/domain';
import { weeklyDates } from '../modules/campaigns/campaign.service';

/** The demo's deterministic generator: the demo is the same on every machine. */
const random = generator;

const addDays = (date: string, days: number) => {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
};

/** The Saturday on or before a date: campaigns go out on Saturdays. */
const saturdayBefore = (date: string) => addDays(date, -((new Date(`${date}T00:00:00Z`).getUTCDay() + 1) % 7));

const MEMBERS: [string, string, string | null][] = [
  ['Nguyễn Văn Thành', 'LEADER', 'BHXH cơ sở Hoa Long'],
  ['Trần Thị Ngọc Hân', 'SI_OFFICER', 'BHXH cơ sở Hoa Long'],
  ['Lê Minh Tâm', 'POST_OFFICE', 'Bưu điện Lai Vung'],
  ['Phạm Thị Thu', 'VIETTEL', 'Viettel Đồng Tháp'],
  ['Võ Văn Hùng', 'COMMUNE_OFFICIAL', 'UBND xã'],
  ['Huỳnh Thị Lan', 'HAMLET_HEAD', null],
];

const PLAN: { offset: number; weeks: number; commune: string; status: 'COMPLETED' | 'ACTIVE' | 'PLANNED'; name: string; reason: string }[] = [
  { offset: -150, weeks: 3, commune: '30208', status: 'COMPLETED', name: 'Ra quân vận động BHXH tự nguyện xã Hòa Long', reason: 'Tỷ lệ tham gia thấp nhất cơ sở' },
  { offset: -100, weeks: 2, commune: '30214', status: 'COMPLETED', name: 'Tổ vận động liên ngành ấp 1–3', reason: 'Nhiều lao động tự do trở về sau mùa vụ' },
  { offset: -60, weeks: 3, commune: '30226', status: 'COMPLETED', name: 'Mô hình "Gõ cửa từng nhà"', reason: 'Số người ngừng đóng tăng' },
  { offset: -14, weeks: 4, commune: '30208', status: 'ACTIVE', name: 'Chiến dịch cuối năm xã Hòa Long', reason: 'Về đích chỉ tiêu năm' },
  { offset: 7, weeks: 2, commune: '30235', status: 'PLANNED', name: 'Mô hình vận động hộ gia đình tham gia BHYT', reason: 'Hộ cận nghèo chưa tham gia BHYT' },
];

/**
 * Demo campaigns in Hoa Long's communes: three completed, one running, one planned, with members,
 * sessions on Saturdays, door-to-door visits to demo people, enrollments credited from visits (an
 * enrollment that started within six weeks after a visit to that person), and day reports.
 */
export async function seedDemoCampaigns(em: EntityManager, today = todayInVietnam()): Promise<{ campaigns: number; visits: number; credited: number }> {
  const rnd = random(20260611);
  const staff: { id: number }[] = await em.query(`SELECT id FROM app_user WHERE username = 'staff.hoalong'`);
  const by = staff[0]?.id ?? null;
  let visits = 0;
  let credited = 0;
  let campaigns = 0;
  for (const [index, plan] of PLAN.entries()) {
    const [commune]: { id: number; path: string; name: string }[] = await em.query(`SELECT id, path, name FROM org_unit WHERE code = $1 AND level = 'COMMUNE' AND valid_to IS NULL`, [plan.commune]);
    if (!commune) continue;
    const launch = saturdayBefore(addDays(today, plan.offset));
    const sessions = [launch, ...weeklyDates(launch, addDays(launch, 7 * (plan.weeks - 1)))];
    const [{ id }] = await em.query(
      `INSERT INTO campaign (code, name, commune_id, launch_date, status, target_new_vsi, target_new_hhi, reason, partners, created_by, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1) RETURNING id`,
      [`MH-${plan.commune}-${launch.slice(0, 4)}-${String(index + 1).padStart(2, '0')}`, plan.name, commune.id, launch, plan.status, 8 * plan.weeks, 5 * plan.weeks, plan.reason, 'Bưu điện Lai Vung, Viettel Đồng Tháp, Hội Nông dân xã', by],
    );
    campaigns++;
    await em.query(`INSERT INTO campaign_hamlet (campaign_id, hamlet_id) SELECT $1, h.id FROM org_unit h WHERE h.parent_id = $2 AND h.level = 'HAMLET' AND h.valid_to IS NULL`, [id, commune.id]);
    await em.query(`INSERT INTO campaign_session (campaign_id, session_date, target_new_vsi, target_new_hhi) SELECT $1, d::date, 8, 5 FROM unnest($2::text[]) AS d`, [id, sessions]);
    const members: { id: number }[] = await em.query(
      `INSERT INTO campaign_member (campaign_id, name, role, organization) SELECT $1, m.name, m.role, m.org FROM jsonb_to_recordset($2::jsonb) AS m(name text, role text, org text) RETURNING id`,
      [id, JSON.stringify(MEMBERS.map(([name, role, org]) => ({ name, role, org })))],
    );
    if (plan.status === 'PLANNED') continue;
    // People of the commune, with their voluntary SI enrollment if one started after the launch.
    const people: { id: number; household_id: number | null; hamlet_id: number; enrollment_id: number | null; start_date: string | null }[] = await em.query(
      `SELECT p.id, p.household_id, p.hamlet_id, e.id AS enrollment_id, to_char(e.start_date, 'YYYY-MM-DD') AS start_date
         FROM person p JOIN org_unit h ON h.id = p.hamlet_id
         LEFT JOIN LATERAL (SELECT e.id, e.start_date FROM enrollment e WHERE e.person_id = p.id AND e.scheme = 'VOLUNTARY_SI' AND e.campaign_id IS NULL
                             AND e.start_date > $2::date AND e.start_date <= $2::date + 120 ORDER BY e.start_date LIMIT 1) e ON true
        WHERE h.path LIKE $1 ORDER BY p.id`,
      [`${commune.path}%`, launch],
    );
    if (!people.length) continue;
    const rows: Record<string, unknown>[] = [];
    const credits: { enrollmentId: number; member: number; date: string; visit: number }[] = [];
    const used = new Set<number>();
    for (const date of sessions.filter((d) => d <= today)) {
      // Those who joined in the weeks after this session were met at their door that day.
      const joiners = people.filter((p) => !used.has(p.id) && p.enrollment_id !== null && p.start_date! > date && p.start_date! <= addDays(date, 45));
      const visitedToday = [...joiners.slice(0, 3 + Math.floor(rnd() * 5))];
      const count = 12 + Math.floor(rnd() * 10);
      for (let i = 0; i < count; i++) visitedToday.push(people[Math.floor(rnd() * people.length)]);
      for (const p of visitedToday) {
        if (used.has(p.id)) continue;
        used.add(p.id);
        const member = members[1 + Math.floor(rnd() * (members.length - 1))].id;
        const enrolls = p.enrollment_id !== null && p.start_date! > date && p.start_date! <= addDays(date, 45) && rnd() < 0.85;
        const r = rnd();
        const outcome = enrolls ? 'ENROLLED' : r < 0.3 ? 'INTERESTED' : r < 0.55 ? 'REFUSED' : r < 0.8 ? 'NOT_HOME' : 'ALREADY_INSURED';
        rows.push({
          member,
          person: p.id,
          household: p.household_id,
          hamlet: p.hamlet_id,
          date,
          outcome,
          reason: outcome === 'REFUSED' ? ['Chưa có tiền, hẹn sau thu hoạch', 'Đã lớn tuổi, sợ không đủ năm đóng', 'Con cái ở xa lo'][Math.floor(rnd() * 3)] : null,
          followUp: outcome === 'INTERESTED' ? addDays(date, 14) : null,
          enrollment: enrolls ? p.enrollment_id : null,
        });
      }
    }
    if (!rows.length) continue;
    const inserted: { id: number; person_id: number }[] = await em.query(
      `INSERT INTO visit (campaign_id, session_id, member_id, person_id, household_id, hamlet_id, visit_date, outcome, refusal_reason, follow_up_date, created_by)
       SELECT $1, s.id, v.member, v.person, v.household, v.hamlet, v.date::date, v.outcome, v.reason, v."followUp"::date, $3
         FROM jsonb_to_recordset($2::jsonb) AS v(member int, person int, household int, hamlet int, date text, outcome text, reason text, "followUp" text)
         LEFT JOIN campaign_session s ON s.campaign_id = $1 AND s.session_date = v.date::date
       RETURNING id, person_id`,
      [id, JSON.stringify(rows), by],
    );
    visits += inserted.length;
    // One visit per person in a campaign: the person tells which visit is which.
    const visitOf = new Map(inserted.map((v) => [v.person_id, v.id]));
    for (const r of rows) {
      if (r.enrollment) credits.push({ enrollmentId: r.enrollment as number, member: r.member as number, date: r.date as string, visit: visitOf.get(r.person as number)! });
    }
    if (credits.length) {
      await em.query(
        `UPDATE enrollment e SET campaign_id = $1, campaign_member_id = c.member, visit_id = c.visit, credited_on = c.date::date
           FROM jsonb_to_recordset($2::jsonb) AS c("enrollmentId" int, member int, visit int, date text) WHERE e.id = c."enrollmentId"`,
        [id, JSON.stringify(credits)],
      );
      credited += credits.length;
    }
    await em.query(
      `INSERT INTO campaign_report (campaign_id, report_date, lessons, recipients, sent_by) VALUES ($1, $2, $3, $4::jsonb, $5)`,
      [id, launch, 'Phối hợp với trưởng ấp hẹn trước giờ người dân có nhà; mang theo bảng tính mức đóng để giải thích ngay tại nhà.', JSON.stringify([`Đảng ủy ${commune.name}`, `UBND ${commune.name}`, 'Nhóm Zalo BHXH cơ sở Hoa Long']), by],
    );
  }
  return { campaigns, visits, credited };
}
