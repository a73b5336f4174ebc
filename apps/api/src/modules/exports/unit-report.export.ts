import type { Request, Response } from 'express';
import { achievementPct, addMonths, lastDayOfMonth, monthOf, previousDay, type LocalDate, type Month, type Scheme } from '@bao-phu/domain';
import { DomainError } from '../../common/errors';
import type { RequestContext } from '../../graphql/context';
import { ON_TIME_GOAL_PCT } from '../collection/cycle.service';
import type { OrgUnitEntity } from '../org/org-unit.entity';
import { reportService, type ReportRow } from '../reports/report.service';
import { vietnamTime } from './collection-cycle.export';
import { SCHEME_LABELS } from './labels';
import { formatDate, formatDecimal, formatDong, formatMonth, formatPercent, PdfReport, type HeadingLine, type PdfColumn, type PdfRow } from './pdf';
import { barChart, lineChart, type Bar } from './pdf-charts';
import { answering, reportParams } from './report-params';

/**
 * GET /api/exports/unit-report?unitId=&scheme=&from=YYYY-MM-DD&to=YYYY-MM-DD&format=pdf
 *
 * The written report of a unit for a period, in Vietnamese, as a base office sends it to the
 * leaders of its communes: the national heading, the office, place and date; the title; to whom;
 * paragraphs with the figures at `to` (participants against the year's target, growth since the
 * start of the year, over the period and against the same day last year, new participants and
 * those who fell away, the on-time collection rate, campaigns, the lowest and highest units below);
 * the table of those units and two charts (participants per unit against its target, participants
 * at each month's end); what is asked of the recipients; "Nơi nhận" and the signature.
 *
 * Every figure comes from the report service (`hierarchy` at `to`, and on the day before `from`;
 * `trend` for the months up to `to`), called with the caller's context, so what a user may read
 * and what the figures mean are the GraphQL reports' own. The tree is as it stood on `to`.
 */

const MAX_LIST = 12;
const BARS_PER_BLOCK = 30;

interface UnitReport {
  scheme: Scheme;
  from: LocalDate;
  to: LocalDate;
  today: LocalDate;
  unit: OrgUnitEntity;
  breadcrumb: OrgUnitEntity[];
  total: ReportRow;
  children: ReportRow[];
  /** Participants on the day before `from`, and the new participants of the period (same year only); null when not counted. */
  period: { start: LocalDate; participants: number; newParticipants: number | null } | null;
  trend: { month: Month; participants: number; target: number | null }[];
  printedBy: string;
  printedAt: Date;
}

export async function unitReportExport(ctx: RequestContext, req: Request, res: Response): Promise<void> {
  await answering(res, async () => {
    const p = reportParams(req);
    p.format(['pdf'] as const, 'pdf');
    const [unitId, scheme, from, to] = [p.unitId(), p.scheme(), p.date('from'), p.date('to')];
    if (from > to) throw DomainError.badInput('from', 'export.period.order', { from, to });
    const report = await gather(ctx, unitId, scheme, from, to);
    const pdf = layout(report);
    res.status(200).attachment(`bao-cao_${report.unit.code}_${scheme}_${from}_${to}.pdf`.replace(/[^\w.-]+/g, '-')).type('application/pdf');
    await pdf.write(res);
  });
}

async function gather(ctx: RequestContext, unitId: string, scheme: Scheme, from: LocalDate, to: LocalDate): Promise<UnitReport> {
  const now = await reportService.hierarchy(ctx, unitId, scheme, to, false);
  const { unit } = now;
  const year = to.slice(0, 4);
  let period: UnitReport['period'] = null;
  const start = previousDay(from);
  if (from === `${year}-01-01`) {
    period = { start, participants: now.total.participantsAtYearStart, newParticipants: now.total.newParticipants };
  } else if (start >= unit.validFrom && (unit.validTo === null || start <= unit.validTo)) {
    const then = await reportService.hierarchy(ctx, unitId, scheme, start, false);
    // New participants are counted from 1 January: the period's are the difference within one year.
    period = { start, participants: then.total.participants, newParticipants: start.slice(0, 4) === year ? now.total.newParticipants - then.total.newParticipants : null };
  }
  // The months up to `to` (the month of `to` when it is its last day or this month, else the one
  // before, so no point lies after the report's date), at least a year, from the month of `from`.
  let trend: UnitReport['trend'] = [];
  if (unit.validTo === null) {
    const last = to === lastDayOfMonth(monthOf(to)) || monthOf(to) === monthOf(ctx.today) ? monthOf(to) : addMonths(monthOf(to), -1);
    const first = [monthOf(from), addMonths(last, -11)].sort()[0];
    const points = await reportService.trend(ctx, unitId, scheme, first < addMonths(last, -59) ? addMonths(last, -59) : first, last);
    trend = points.points.map((t) => ({ month: t.month, participants: t.participants, target: t.target }));
  }
  return { scheme, from, to, today: ctx.today, unit, breadcrumb: now.breadcrumb, total: now.total, children: now.children, period, trend, printedBy: ctx.actor?.displayName ?? '', printedAt: new Date() };
}

// Words

const n = formatDong;
const pct = formatPercent;
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const sameDayLastYear = (d: LocalDate) => `${Number(d.slice(0, 4)) - 1}${d.slice(4) === '-02-29' ? '-02-28' : d.slice(4)}`;
const byCode = (a: ReportRow, b: ReportRow) => (a.unit.code < b.unit.code ? -1 : a.unit.code > b.unit.code ? 1 : 0);

/** The office that issues the report: the unit when it is an office, else the base office (or province) above it. */
function issuerOf(r: UnitReport): { office: OrgUnitEntity; parent: OrgUnitEntity | null } {
  const chain = [...r.breadcrumb, r.unit];
  let i = chain.length - 1;
  while (i > 0 && chain[i].level !== 'BASE' && chain[i].level !== 'PROVINCE' && chain[i].level !== 'COUNTRY') i--;
  return { office: chain[i], parent: i > 0 ? chain[i - 1] : null };
}

/** "Bảo hiểm xã hội tỉnh Đồng Tháp" for a province, a base office's own name ("BHXH cơ sở Hoa Long"). */
function officeName(u: OrgUnitEntity): string {
  if (u.level === 'COUNTRY') return 'Bảo hiểm xã hội Việt Nam';
  if (u.level === 'PROVINCE') return `Bảo hiểm xã hội ${lowerFirst(u.name)}`;
  return u.name;
}

/** Where the report is signed: the office's place name ("Hoa Long", "Đồng Tháp"). */
function placeOf(u: OrgUnitEntity): string {
  if (u.level === 'COUNTRY') return 'Hà Nội';
  return u.name.replace(/^(BHXH|Bảo hiểm xã hội)(\s+cơ sở)?\s+/i, '').replace(/^(Tỉnh|Thành phố|TP\.?)\s+/i, '');
}

const longDate = (d: LocalDate) => `ngày ${d.slice(8, 10)} tháng ${d.slice(5, 7)} năm ${d.slice(0, 4)}`;

/** "tăng 12 người (1,5 %)", "giảm 3 người (0,4 %)", "không thay đổi". */
function change(delta: number, percent: number | null): string {
  if (delta === 0) return 'không thay đổi';
  return `${delta > 0 ? 'tăng' : 'giảm'} ${n(Math.abs(delta))} người${percent === null ? '' : ` (${pct(Math.abs(percent))})`}`;
}

const list = (rows: ReportRow[], value: (r: ReportRow) => string) => rows.map((r) => `${r.unit.name} (${value(r)})`).join(', ');

/** Whom the report is addressed to: the commune leaders of the units it covers, when they are communes. */
function recipientsOf(r: UnitReport): string | null {
  if (r.unit.level === 'COMMUNE') return `Đảng ủy, Ủy ban nhân dân ${r.unit.name}`;
  if (r.unit.level === 'HAMLET') {
    const commune = r.breadcrumb.at(-1);
    return commune?.level === 'COMMUNE' ? `Đảng ủy, Ủy ban nhân dân ${commune.name}` : null;
  }
  const communes = r.children.filter((c) => c.unit.level === 'COMMUNE');
  if (r.unit.level !== 'BASE' || !communes.length) return null;
  if (communes.length > MAX_LIST) return `Đảng ủy, Ủy ban nhân dân các xã, phường thuộc ${r.unit.name}`;
  return `Đảng ủy, Ủy ban nhân dân ${communes.map((c) => c.unit.name).join(', ')}`;
}

/** The lowest and highest units below, by achievement when at least two have a target, else by participants. */
function extremes(r: UnitReport): { text: string; lowest: ReportRow[] } | null {
  if (r.children.length < 2) return null;
  const year = r.to.slice(0, 4);
  const withTarget = r.children.filter((c) => c.achievementPct !== null);
  if (withTarget.length >= 2) {
    const k = Math.min(3, Math.floor(withTarget.length / 2));
    const asc = [...withTarget].sort((a, b) => a.achievementPct! - b.achievementPct! || byCode(a, b));
    const desc = [...withTarget].sort((a, b) => b.achievementPct! - a.achievementPct! || byCode(a, b));
    const missing = r.children.length - withTarget.length;
    const text =
      `tỷ lệ hoàn thành chỉ tiêu thấp nhất là ${list(asc.slice(0, k), (c) => pct(c.achievementPct!))}; cao nhất là ${list(desc.slice(0, k), (c) => pct(c.achievementPct!))}` +
      (missing ? `; ${n(missing)} đơn vị chưa được giao chỉ tiêu năm ${year}` : '');
    return { text, lowest: asc.slice(0, k) };
  }
  const withPeople = r.children.filter((c) => c.participants > 0);
  const none = r.children.length - withPeople.length;
  const noneText = none ? `; ${n(none)} đơn vị chưa có người tham gia` : '';
  if (withPeople.length < 2) {
    const only = withPeople[0];
    return { text: `chưa được giao chỉ tiêu năm ${year}; ${only ? `chỉ ${only.unit.name} có người tham gia (${n(only.participants)} người)` : 'chưa đơn vị nào có người tham gia'}`, lowest: [] };
  }
  const k = Math.min(3, Math.floor(withPeople.length / 2));
  const asc = [...withPeople].sort((a, b) => a.participants - b.participants || byCode(a, b));
  const desc = [...withPeople].sort((a, b) => b.participants - a.participants || byCode(a, b));
  const people = (c: ReportRow) => `${n(c.participants)} người`;
  return { text: `chưa được giao chỉ tiêu năm ${year}; theo số người tham gia, thấp nhất là ${list(asc.slice(0, k), people)}; cao nhất là ${list(desc.slice(0, k), people)}${noneText}`, lowest: asc.slice(0, k) };
}

/** The numbered paragraphs of part I, each a sentence or two with the figures. */
function findings(r: UnitReport): string[] {
  const t = r.total;
  const s = SCHEME_LABELS[r.scheme];
  const year = Number(r.to.slice(0, 4));
  const out: string[] = [];

  let first = `1. Số người tham gia: đến ${longDate(r.to)}, ${r.unit.name} có ${n(t.participants)} người tham gia ${s}`;
  if (t.target !== null && t.achievementPct !== null) {
    first += `, đạt ${pct(t.achievementPct)} chỉ tiêu năm ${year} (${n(t.target)} người)`;
    first += t.participants >= t.target ? ', đã hoàn thành chỉ tiêu.' : `; còn ${n(t.target - t.participants)} người nữa để hoàn thành chỉ tiêu.`;
  } else first += `; chưa được giao chỉ tiêu năm ${year}.`;
  if (r.period && r.from !== `${year}-01-01`) {
    const delta = t.participants - r.period.participants;
    const percent = r.period.participants ? achievementPct(Math.abs(delta), r.period.participants) : null;
    first += ` Trong kỳ báo cáo, so với ngày ${formatDate(r.period.start)} (${n(r.period.participants)} người), số người tham gia ${change(delta, percent)}.`;
  }
  out.push(first);

  let growth = `2. Tăng trưởng: so với đầu năm (ngày 31/12/${year - 1}: ${n(t.participantsAtYearStart)} người), ${change(t.growthSinceYearStart, t.growthSinceYearStartPct)}; so với cùng kỳ năm trước (ngày ${formatDate(sameDayLastYear(r.to))}: ${n(t.participantsLastYear)} người), ${change(t.growthSinceLastYear, t.growthSinceLastYearPct)}`;
  if (t.pointsChangeSinceLastYear !== null && t.lastYearAchievementPct !== null) {
    const points = t.pointsChangeSinceLastYear;
    growth += `; tỷ lệ hoàn thành chỉ tiêu cùng kỳ năm trước là ${pct(t.lastYearAchievementPct)}, nay ${points === 0 ? 'không thay đổi' : `${points > 0 ? 'tăng' : 'giảm'} ${formatDecimal(Math.abs(points))} điểm phần trăm`}`;
  }
  out.push(`${growth}.`);

  const inPeriod = r.period?.newParticipants != null && r.from !== `${year}-01-01` ? `, trong đó ${n(r.period.newParticipants)} người trong kỳ báo cáo` : '';
  out.push(
    `3. Phát triển mới: từ ngày 01/01/${year} đến ngày ${formatDate(r.to)} có ${n(t.newParticipants)} người tham gia mới${inPeriod}; ${n(t.lapsed)} người đang tham gia cuối năm ${year - 1} nay không còn tham gia (dừng đóng hoặc chưa đóng tiếp).`,
  );

  out.push(
    t.duesFallingDue && t.onTimeRatePct !== null
      ? `4. Thu đúng hạn: từ đầu năm có ${n(t.duesFallingDue)} kỳ đóng đến hạn, ${n(t.duesPaidOnTime)} kỳ được đóng đúng hạn; tỷ lệ thu đúng hạn ${pct(t.onTimeRatePct)}, ${t.onTimeRatePct >= ON_TIME_GOAL_PCT ? 'đạt' : 'thấp hơn'} yêu cầu ${pct(ON_TIME_GOAL_PCT)}.`
      : '4. Thu đúng hạn: từ đầu năm chưa có kỳ đóng nào đến hạn.',
  );

  if (t.campaigns || t.campaignEnrollments) {
    const where = r.children
      .filter((c) => c.campaigns || c.campaignEnrollments)
      .sort((a, b) => b.campaignEnrollments - a.campaignEnrollments || byCode(a, b))
      .slice(0, MAX_LIST)
      // Campaigns belong to communes: a hamlet's row has enrollments only.
      .map((c) => `${c.unit.name}: ${c.campaigns ? `${n(c.campaigns)} mô hình, ` : ''}${n(c.campaignEnrollments)} người`);
    out.push(`5. Mô hình vận động: từ đầu năm có ${n(t.campaigns)} mô hình vận động ra quân, ${n(t.campaignEnrollments)} người đăng ký tham gia ${s} qua mô hình${where.length ? ` (${where.join('; ')})` : ''}.`);
  } else out.push('5. Mô hình vận động: từ đầu năm chưa có mô hình vận động nào ra quân.');

  const ends = extremes(r);
  if (ends) out.push(`6. Các đơn vị trực thuộc: ${ends.text}.`);
  return out;
}

/** Part III: what is left to do and what is asked, from the figures. */
function requests(r: UnitReport, issuer: string): string[] {
  const t = r.total;
  const s = SCHEME_LABELS[r.scheme];
  const year = Number(r.to.slice(0, 4));
  const out: string[] = [];
  if (t.target !== null && t.participants < t.target) {
    const monthsLeft = 12 - Number(r.to.slice(5, 7));
    const gap = t.target - t.participants;
    out.push(`Để hoàn thành chỉ tiêu năm ${year}, từ nay đến ngày 31/12/${year} cần phát triển thêm ${n(gap)} người tham gia ${s}${monthsLeft > 0 ? `, bình quân ${n(Math.ceil(gap / monthsLeft))} người mỗi tháng` : ''}.`);
  }
  const focus = extremes(r)?.lowest.map((c) => c.unit.name) ?? [];
  out.push(`Đề nghị cấp ủy, chính quyền các cấp quan tâm chỉ đạo, phối hợp với ${issuer} tuyên truyền, vận động người dân tham gia ${s}${focus.length ? `, tập trung tại ${focus.join(', ')}` : ''}.`);
  if (t.onTimeRatePct !== null && t.onTimeRatePct < ON_TIME_GOAL_PCT) out.push(`Đôn đốc người tham gia đóng đúng hạn, đưa tỷ lệ thu đúng hạn lên ${pct(ON_TIME_GOAL_PCT)}.`);
  return out;
}

// Layout

const TABLE_COLUMNS: PdfColumn[] = [
  { header: 'STT', width: 4, align: 'center' },
  { header: 'Đơn vị', width: 16, align: 'left' },
  { header: 'Người tham gia', width: 7, align: 'right' },
  { header: 'Chỉ tiêu năm', width: 7, align: 'right' },
  { header: 'Tỷ lệ đạt (%)', width: 6.5, align: 'right' },
  { header: 'Tham gia mới', width: 6.5, align: 'right' },
  { header: 'Không còn tham gia', width: 7, align: 'right' },
  { header: 'So với đầu năm', width: 7, align: 'right' },
  { header: 'So với cùng kỳ', width: 7, align: 'right' },
  { header: 'Thu đúng hạn (%)', width: 6.5, align: 'right' },
  { header: 'Mô hình', width: 5.5, align: 'right' },
  { header: 'Đăng ký qua mô hình', width: 6.5, align: 'right' },
];

const orDash = (v: number | null, format: (v: number) => string) => (v === null ? '—' : format(v));
const signed = (v: number) => (v > 0 ? `+${n(v)}` : n(v));

function tableCells(row: ReportRow): string[] {
  return [
    n(row.participants),
    orDash(row.target, n),
    orDash(row.achievementPct, formatDecimal),
    n(row.newParticipants),
    n(row.lapsed),
    signed(row.growthSinceYearStart),
    signed(row.growthSinceLastYear),
    orDash(row.onTimeRatePct, formatDecimal),
    n(row.campaigns),
    n(row.campaignEnrollments),
  ];
}

function layout(r: UnitReport): PdfReport {
  const s = SCHEME_LABELS[r.scheme];
  const { office, parent } = issuerOf(r);
  const issuer = officeName(office);
  const period = `từ ngày ${formatDate(r.from)} đến ngày ${formatDate(r.to)}`;
  const title = `Kết quả phát triển người tham gia ${s}`;
  const pdf = new PdfReport({
    title: `Báo cáo ${lowerFirst(title)} — ${r.unit.name}, ${period}`,
    subject: `${issuer}, ${formatDate(r.today)}`,
    footer: `In lúc ${vietnamTime(r.printedAt)} — ${r.printedBy}`,
    fontSize: 9.5,
  });

  const left: HeadingLine[] =
    office.level === 'COUNTRY'
      ? [{ text: officeName(office).toUpperCase(), bold: true }]
      : [{ text: office.level === 'PROVINCE' ? 'BẢO HIỂM XÃ HỘI VIỆT NAM' : parent ? officeName(parent).toUpperCase() : '' }, { text: officeName(office).toUpperCase(), bold: true }];
  left.push({ text: '——————' }, { text: 'Số:        /BC-BHXH' });
  pdf.heading(left, [
    { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true },
    { text: 'Độc lập - Tự do - Hạnh phúc', bold: true },
    { text: '——————' },
    { text: `${placeOf(office)}, ${longDate(r.today)}`, italic: true },
  ]);
  pdf.space(10);
  pdf.text('BÁO CÁO', { size: 13, bold: true, align: 'center', keepWithNext: true });
  pdf.text(title, { size: 11.5, bold: true, align: 'center', keepWithNext: true });
  pdf.text(`${r.unit.name}, ${period}`, { size: 11, bold: true, align: 'center', gapAfter: 10, keepWithNext: true });
  const to = recipientsOf(r);
  if (to) pdf.text(`Kính gửi: ${to}.`, { size: 10.5, align: 'center', gapAfter: 10 });

  const paragraph = (text: string, style: { bold?: boolean; keepWithNext?: boolean; gapAfter?: number } = {}) => pdf.text(text, { indent: 24, align: 'justify', gapAfter: 4, ...style });
  paragraph(`Thực hiện chỉ tiêu phát triển người tham gia ${s} năm ${r.to.slice(0, 4)}, ${issuer} báo cáo kết quả ${office.id === r.unit.id ? 'trên địa bàn' : `tại ${r.unit.name}`} ${period} như sau:`);
  paragraph('I. KẾT QUẢ THỰC HIỆN', { bold: true, keepWithNext: true });
  for (const text of findings(r)) paragraph(text);

  paragraph('II. SỐ LIỆU CHI TIẾT', { bold: true, keepWithNext: true });
  const caption = (text: string) => pdf.text(text, { bold: true, align: 'center', gapAfter: 4, keepWithNext: true });
  caption(`Bảng 1. Kết quả ${r.children.length ? 'theo đơn vị trực thuộc' : `của ${r.unit.name}`} đến ngày ${formatDate(r.to)}`);
  const rows: PdfRow[] = r.children.map((c, i) => ({ cells: [String(i + 1), c.unit.name, ...tableCells(c)] }));
  rows.push({ cells: [{ text: r.children.length ? `Tổng cộng ${r.unit.name}` : r.unit.name, span: 2 }, ...tableCells(r.total)], bold: true, fill: '#e4e4e4' });
  pdf.table(TABLE_COLUMNS, rows);
  pdf.text('Tỷ lệ đạt: người tham gia so với chỉ tiêu năm. Không còn tham gia: đang tham gia cuối năm trước, nay không còn. So với đầu năm, so với cùng kỳ: số người tăng (+) hoặc giảm (-). Thu đúng hạn: kỳ đóng đúng hạn so với kỳ đến hạn từ đầu năm. Mô hình: mô hình vận động có buổi ra quân từ đầu năm.', { size: 7.5, gapAfter: 10 });

  let figure = 0;
  const charted = r.children.filter((c) => c.participants > 0 || c.target !== null);
  if (charted.length) {
    caption(`Biểu đồ ${++figure}. Số người tham gia của các đơn vị trực thuộc so với chỉ tiêu, đến ngày ${formatDate(r.to)}`);
    const bars: Bar[] = charted.map((c) => ({
      label: c.unit.name,
      value: c.participants,
      marker: c.target,
      note: c.target !== null && c.achievementPct !== null ? `${n(c.participants)} / ${n(c.target)} (${pct(c.achievementPct)})` : n(c.participants),
    }));
    const chartOptions = { legend: 'Số người tham gia', markerLegend: charted.some((c) => c.target !== null) ? 'Chỉ tiêu năm' : undefined };
    for (let i = 0; i < bars.length; i += BARS_PER_BLOCK) {
      const block = barChart(pdf, bars.slice(i, i + BARS_PER_BLOCK), chartOptions);
      pdf.custom(block.height, block.draw);
    }
    if (charted.length < r.children.length) pdf.text(`Không vẽ ${n(r.children.length - charted.length)} đơn vị chưa có người tham gia và chưa được giao chỉ tiêu.`, { size: 7.5 });
    pdf.space(10);
  }
  if (r.trend.length) {
    caption(`Biểu đồ ${++figure}. Số người tham gia cuối mỗi tháng, từ tháng ${formatMonth(r.trend[0].month)} đến tháng ${formatMonth(r.trend.at(-1)!.month)}`);
    const block = lineChart(
      pdf,
      r.trend.map((t) => ({ label: formatMonth(t.month), value: t.participants, reference: t.target })),
      { legend: 'Số người tham gia cuối tháng (tháng hiện tại: đến hôm nay)', referenceLegend: 'Chỉ tiêu năm' },
    );
    pdf.custom(block.height, block.draw);
    pdf.space(10);
  }

  paragraph('III. KIẾN NGHỊ', { bold: true, keepWithNext: true });
  for (const text of requests(r, issuer)) paragraph(text);
  // The closing sentence stays on the page of the signature.
  paragraph(`Trên đây là báo cáo kết quả phát triển người tham gia ${s} ${office.id === r.unit.id ? '' : `tại ${r.unit.name} `}${period} của ${issuer}./.`, { keepWithNext: true, gapAfter: 12 });
  const receivers: HeadingLine[] = [{ text: 'Nơi nhận:', bold: true, italic: true, align: 'left', size: 9 }];
  if (to) receivers.push({ text: '- Như trên;', align: 'left', size: 8.5 });
  if (parent) receivers.push({ text: `- ${officeName(parent)} (để báo cáo);`, align: 'left', size: 8.5 });
  receivers.push({ text: '- Lưu: VT.', align: 'left', size: 8.5 });
  // Room to sign under the title.
  pdf.heading(receivers, [{ text: 'GIÁM ĐỐC', bold: true }, { text: '(Ký, ghi rõ họ tên, đóng dấu)', italic: true, size: 9 }, ...Array.from({ length: 5 }, () => ({ text: '' }))]);
  return pdf;
}
