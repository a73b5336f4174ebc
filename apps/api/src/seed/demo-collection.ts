import type { EntityManager } from 'typeorm';
import { generator } from './demo-participants';
import { addMonths, todayInVietnam, type LocalDate } from '@bao-phu/domain';
import type { NonCollectionReason } from '../modules/collection/cycle.entity';
import { generateCycle, REASONS_NEEDING_VISIT } from '../modules/collection/cycle.service';

/** The demo's deterministic generator: the demo is the same on every machine. */
const random = generator;

const COLLECTORS: { org: string; name: string; phone: string; communes: string[]; account?: string }[] = [
  { org: 'BUUDIEN-DT', name: 'Nguyễn Thị Mai (Bưu điện)', phone: '0918123401', communes: ['30208'], account: 'collector.buudien.hoalong' },
  { org: 'BUUDIEN-DT', name: 'Trần Văn Bé (Bưu điện)', phone: '0918123402', communes: ['30214'] },
  { org: 'BUUDIEN-DT', name: 'Lê Thị Hồng (Bưu điện)', phone: '0918123403', communes: ['30226', '30235'] },
  { org: 'VIETTEL-DT', name: 'Phạm Minh Trí (Viettel)', phone: '0978123404', communes: ['30208', '30214'] },
  { org: 'VIETTEL-DT', name: 'Võ Thị Kim (Viettel)', phone: '0978123405', communes: ['30226', '30235'] },
];

/** Reasons as collectors report them: mostly money and work away from home. */
const REASON_WEIGHTS: [NonCollectionReason, number][] = [
  ['NO_MONEY', 30],
  ['AWAY_FOR_WORK', 25],
  ['FORGOT', 12],
  ['WANTS_TO_STOP', 8],
  ['UNREACHABLE', 8],
  ['ILL', 5],
  ['MOVED_AWAY', 4],
  ['PAID_ELSEWHERE', 4],
  ['DECEASED', 1],
  ['OTHER', 3],
];

function pick(rnd: () => number): NonCollectionReason {
  const total = REASON_WEIGHTS.reduce((n, [, w]) => n + w, 0);
  let r = rnd() * total;
  for (const [reason, w] of REASON_WEIGHTS) if ((r -= w) < 0) return reason;
  return 'OTHER';
}

/**
 * The demo's collection: collectors of the post office and Viettel serving Hoa Long's communes (the
 * demo collector's account is one of them), and Hoa Long's cycles of the last three months whose
 * 25th has passed, with reasons reported (nearly all for the oldest month, half for the latest) and
 * some follow-ups already closed.
 */
export async function seedDemoCollection(em: EntityManager, today: LocalDate = todayInVietnam()): Promise<{ collectors: number; cycles: number; reasons: number }> {
  const rnd = random(20260725);
  const orgs = new Map(((await em.query(`SELECT id, code FROM collection_organization`)) as { id: number; code: string }[]).map((o) => [o.code, o.id]));
  const [base]: { id: number; path: string }[] = await em.query(`SELECT id, path FROM org_unit WHERE code = 'BHXH-HOALONG' AND valid_to IS NULL`);
  if (!base || !orgs.size) return { collectors: 0, cycles: 0, reasons: 0 };
  const users = new Map(((await em.query(`SELECT id, username FROM app_user`)) as { id: number; username: string }[]).map((u) => [u.username, u.id]));
  let collectors = 0;
  for (const c of COLLECTORS) {
    const orgId = orgs.get(c.org);
    if (!orgId) continue;
    const [{ id }] = await em.query(`INSERT INTO collector (collection_organization_id, name, phone, user_id, active) VALUES ($1, $2, $3, $4, true) RETURNING id`, [orgId, c.name, c.phone, c.account ? (users.get(c.account) ?? null) : null]);
    await em.query(`INSERT INTO collector_area (collector_id, unit_id) SELECT $1, u.id FROM org_unit u WHERE u.code = ANY($2) AND u.level = 'COMMUNE' AND u.valid_to IS NULL`, [id, c.communes]);
    collectors++;
  }
  const staff = users.get('staff.hoalong') ?? null;
  const latest = Number(today.slice(8, 10)) >= 25 ? today.slice(0, 7) : addMonths(today.slice(0, 7), -1);
  const months = [addMonths(latest, -2), addMonths(latest, -1), latest];
  let reasons = 0;
  for (const [i, month] of months.entries()) {
    const { cycle } = await generateCycle(em, base, month, staff);
    // The share of unpaid entries the organizations have answered: the oldest list is nearly done.
    const share = [0.95, 0.8, 0.45][i];
    const unpaid: { id: number; enrollment_id: number; org: number | null }[] = await em.query(
      `SELECT id, enrollment_id, collection_organization_id AS org FROM due_list_entry WHERE cycle_id = $1 AND kind = 'UNPAID_LAST_MONTH' ORDER BY id`,
      [cycle.id],
    );
    const rows = unpaid.filter((e) => e.org !== null && rnd() < share).map((e) => ({ id: e.id, reason: pick(rnd), by: e.org === orgs.get('BUUDIEN-DT') ? (users.get('collector.buudien.hoalong') ?? staff) : staff }));
    if (!rows.length) continue;
    await em.query(
      `UPDATE due_list_entry x SET reason = v.reason, reason_reported_at = $2::date + 10, reason_reported_by = v.by
         FROM jsonb_to_recordset($1::jsonb) AS v(id int, reason text, by int) WHERE x.id = v.id`,
      [JSON.stringify(rows), `${addMonths(month, 1)}-01`],
    );
    reasons += rows.length;
    // Follow-ups for the reasons that call for a visit; the oldest month's mostly done.
    const visits = rows.filter((r) => REASONS_NEEDING_VISIT.includes(r.reason));
    const followUps = visits.map((r) => {
      const closed = i === 0 ? rnd() < 0.8 : i === 1 ? rnd() < 0.3 : false;
      const outcome = closed ? (['WILL_PAY', 'WILL_PAY', 'PAID', 'NOT_FOUND'] as const)[Math.floor(rnd() * 4)] : null;
      return { entry: r.id, outcome, promised: outcome === 'WILL_PAY' ? `${addMonths(month, 2)}-10` : null, assignee: rnd() < 0.5 ? 'Trưởng ấp' : 'Cán bộ BHXH Hoa Long' };
    });
    await em.query(
      `INSERT INTO follow_up (entry_id, enrollment_id, base_unit_id, assignee_name, due_date, outcome, promised_date, closed_at, closed_by)
       SELECT x.id, x.enrollment_id, $2, f.assignee, $3::date, f.outcome, f.promised::date, CASE WHEN f.outcome IS NULL THEN NULL ELSE $3::timestamptz END, CASE WHEN f.outcome IS NULL THEN NULL ELSE $4::int END
         FROM jsonb_to_recordset($1::jsonb) AS f(entry int, outcome text, promised text, assignee text) JOIN due_list_entry x ON x.id = f.entry`,
      [JSON.stringify(followUps), base.id, `${addMonths(month, 1)}-15`, staff],
    );
  }

  return { collectors, cycles: months.length, reasons };
}
