import ExcelJS from 'exceljs';
import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { addMonths, isMonth, maskPersonalNumber, todayInVietnam, type Scheme } from '@bao-phu/domain';
import { inScope, type Actor } from '../auth/actor';
import { DUE_LIST_KINDS, type DueListKind, type NonCollectionReason } from '../collection/cycle.entity';
import { CYCLE_READERS } from '../collection/cycle.service';
import { csvCell, drained, fail, neutralise, seesPersonalNumbers, XLSX_TYPE } from './export.http';
import { KIND_TITLES, REASON_LABELS, SCHEME_LABELS } from './labels';
import { formatDate, formatDong, formatMonth, PdfReport, type PdfColumn, type PdfRow } from './pdf';

/**
 * GET /api/exports/collection-cycle?baseUnitId=&month=YYYY-MM&organizationId=&kind=&format=csv|xlsx|pdf
 *
 * The lists a base office sends a collection organization for a month (the latest version of the
 * cycle): who is due next month and who did not pay last month, grouped by commune, hamlet and
 * collector with a subtotal per group and a grand total, one sheet (XLSX) or section (PDF) per kind.
 * Same rules as the `collectionCycle` query: roles that read cycles, the base office in scope, a
 * collector only its own organization's entries; citizen IDs masked as the API masks them.
 * Without organizationId: every organization's entries (a collector: its own); without kind: both.
 * CSV is the same entries, one row each, with commune, hamlet and collector as columns (no subtotal rows).
 */

const FORMATS = ['csv', 'xlsx', 'pdf'] as const;
type Format = (typeof FORMATS)[number];

interface EntryRow {
  kind: DueListKind;
  commune_id: number;
  commune_code: string;
  commune_name: string;
  hamlet_id: number;
  hamlet_code: string;
  hamlet_name: string;
  collector_id: number | null;
  collector_name: string | null;
  organization_code: string | null;
  full_name: string;
  citizen_id: string;
  scheme: Scheme;
  period_start: string;
  due_date: string;
  amount: number;
  reason: NonCollectionReason | null;
  reason_note: string | null;
}

/** One line of a printed list, in order: a group's heading, an entry, a group's subtotal, the grand total. */
export type ListLine =
  | { type: 'group'; level: 0 | 1 | 2; label: string }
  | { type: 'entry'; n: number; entry: EntryRow }
  | { type: 'subtotal'; level: 0 | 1 | 2; label: string; count: number; amount: number }
  | { type: 'total'; count: number; amount: number };

const collectorLabel = (name: string | null) => (name ? `Nhân viên thu: ${name}` : 'Chưa có nhân viên thu');
const collectorTotalLabel = (name: string | null) => (name ? `Cộng nhân viên thu ${name}` : 'Cộng chưa có nhân viên thu');

/**
 * The lines of one kind's list from its entries sorted by commune, hamlet, collector: a heading
 * when a commune, hamlet or collector begins, its subtotal when it ends, the grand total last.
 */
export function listLines(entries: EntryRow[]): ListLine[] {
  const out: ListLine[] = [];
  const keys = (e: EntryRow) => [`${e.commune_id}`, `${e.hamlet_id}`, `${e.collector_id ?? '-'}`];
  const open: { label: string; count: number; amount: number }[] = [];
  let current: string[] | null = null;
  const close = (downTo: number) => {
    for (let level = open.length - 1; level >= downTo; level--) {
      const g = open.pop()!;
      out.push({ type: 'subtotal', level: level as 0 | 1 | 2, label: g.label, count: g.count, amount: g.amount });
    }
  };
  let n = 0;
  let amount = 0;
  for (const e of entries) {
    const k = keys(e);
    // The first level that changes: groups below it close, and open again from it.
    const from = current ? k.findIndex((key, i) => key !== current![i]) : 0;
    if (from !== -1) {
      close(from);
      for (let level = from; level < 3; level++) {
        const heading = level === 0 ? e.commune_name : level === 1 ? e.hamlet_name : collectorLabel(e.collector_name);
        const total = level === 0 ? `Cộng ${e.commune_name}` : level === 1 ? `Cộng ${e.hamlet_name}` : collectorTotalLabel(e.collector_name);
        out.push({ type: 'group', level: level as 0 | 1 | 2, label: heading });
        open.push({ label: total, count: 0, amount: 0 });
      }
      current = k;
    }
    n++;
    amount += e.amount;
    for (const g of open) {
      g.count++;
      g.amount += e.amount;
    }
    out.push({ type: 'entry', n, entry: e });
  }
  close(0);
  out.push({ type: 'total', count: n, amount });
  return out;
}

/** "14:05 ngày 28/11/2026", Vietnam time. */
export function vietnamTime(at: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at).map((p) => [p.type, p.value]),
  );
  return `${parts.hour}:${parts.minute} ngày ${formatDate(todayInVietnam(at))}`;
}

interface Report {
  base: { id: number; code: string; name: string; parentName: string | null };
  month: string;
  version: number;
  generatedAt: Date;
  organization: { code: string; name: string } | null;
  kinds: DueListKind[];
  entries: Map<DueListKind, EntryRow[]>;
  masked: boolean;
  printedBy: string;
  printedAt: Date;
}

const titleOf = (r: Report, kind: DueListKind) => `${KIND_TITLES[kind].title} ${formatMonth(addMonths(r.month, KIND_TITLES[kind].monthOffset))}`;
const cycleLine = (r: Report) => `Danh sách thu tháng ${formatMonth(r.month)} của ${r.base.name}, lập ngày ${formatDate(todayInVietnam(r.generatedAt))}, phiên bản ${r.version}`;
const organizationLine = (r: Report) => `Tổ chức dịch vụ thu: ${r.organization ? `${r.organization.name} (${r.organization.code})` : 'tất cả'}`;
const citizenIdOf = (r: Report, e: EntryRow) => (r.masked ? maskPersonalNumber(e.citizen_id)! : e.citizen_id);

export async function collectionCycleExport(ds: DataSource, actor: Actor, req: Request, res: Response): Promise<void> {
  if (!CYCLE_READERS.includes(actor.role)) return fail(res, 403, 'FORBIDDEN', 'auth.forbidden');
  const q = (name: string) => (typeof req.query[name] === 'string' ? (req.query[name] as string).trim() : '');
  const format = (q('format') || 'csv').toLowerCase();
  if (!FORMATS.includes(format as Format)) return fail(res, 400, 'BAD_USER_INPUT', 'export.formatOf', { format: q('format'), allowed: FORMATS.join(', ') });
  const id = (name: string) => (/^\d{1,9}$/.test(q(name)) ? Number(q(name)) : null);
  if (!q('baseUnitId')) return fail(res, 400, 'BAD_USER_INPUT', 'export.param.required', { param: 'baseUnitId' });
  const baseUnitId = id('baseUnitId');
  if (baseUnitId === null) return fail(res, 400, 'BAD_USER_INPUT', 'export.param.invalid', { param: 'baseUnitId', value: q('baseUnitId') });
  const month = q('month');
  if (!month) return fail(res, 400, 'BAD_USER_INPUT', 'export.param.required', { param: 'month' });
  if (!isMonth(month)) return fail(res, 400, 'BAD_USER_INPUT', 'cycle.month.format');
  const kind = q('kind').toUpperCase();
  if (kind && !DUE_LIST_KINDS.includes(kind as DueListKind)) return fail(res, 400, 'BAD_USER_INPUT', 'export.cycle.kind', { kind: q('kind') });
  let organizationId: number | null = null;
  if (q('organizationId')) {
    organizationId = id('organizationId');
    if (organizationId === null) return fail(res, 400, 'BAD_USER_INPUT', 'export.param.invalid', { param: 'organizationId', value: q('organizationId') });
  }
  // A collector sees its own organization's list only, as in the API.
  if (actor.role === 'COLLECTOR') {
    if (actor.collectionOrganizationId === null || (organizationId !== null && organizationId !== actor.collectionOrganizationId)) return fail(res, 403, 'FORBIDDEN', 'auth.forbidden');
    organizationId = actor.collectionOrganizationId;
  }

  const [base]: { id: number; code: string; name: string; level: string; path: string; parent_name: string | null }[] = await ds.query(
    `SELECT u.id, u.code, u.name, u.level, u.path, p.name AS parent_name FROM org_unit u LEFT JOIN org_unit p ON p.id = u.parent_id WHERE u.id = $1`,
    [baseUnitId],
  );
  if (!base) return fail(res, 404, 'NOT_FOUND', 'common.notFound', { what: 'OrgUnit', id: baseUnitId });
  if (base.level !== 'BASE') return fail(res, 400, 'BAD_USER_INPUT', 'cycle.base.level');
  if (!inScope(actor, base.path)) return fail(res, 403, 'FORBIDDEN', 'auth.forbidden');
  let organization: { code: string; name: string } | null = null;
  if (organizationId !== null) {
    [organization] = await ds.query(`SELECT code, name FROM collection_organization WHERE id = $1`, [organizationId]);
    if (!organization) return fail(res, 400, 'BAD_USER_INPUT', 'user.collector.unknown', { id: organizationId });
  }
  const [cycle]: { id: number; version: number; generated_at: Date }[] = await ds.query(
    `SELECT id, version, generated_at FROM collection_cycle WHERE base_unit_id = $1 AND month = $2 ORDER BY version DESC LIMIT 1`,
    [base.id, month],
  );
  if (!cycle) return fail(res, 404, 'NOT_FOUND', 'export.cycle.none', { month, base: base.name });

  const rows: EntryRow[] = await ds.query(
    `SELECT x.kind, x.commune_id, c.code AS commune_code, c.name AS commune_name, x.hamlet_id, h.code AS hamlet_code, h.name AS hamlet_name,
            x.collector_id, col.name AS collector_name, o.code AS organization_code, p.full_name, p.citizen_id, x.scheme,
            to_char(x.period_start, 'YYYY-MM-DD') AS period_start, to_char(x.due_date, 'YYYY-MM-DD') AS due_date, x.amount, x.reason, x.reason_note
       FROM due_list_entry x
       JOIN person p ON p.id = x.person_id
       JOIN org_unit h ON h.id = x.hamlet_id
       JOIN org_unit c ON c.id = x.commune_id
       LEFT JOIN collector col ON col.id = x.collector_id
       LEFT JOIN collection_organization o ON o.id = x.collection_organization_id
      WHERE x.cycle_id = $1 AND ($2::int IS NULL OR x.collection_organization_id = $2) AND ($3::text IS NULL OR x.kind = $3)
      ORDER BY x.kind, c.code, c.id, h.code, h.id, col.name NULLS LAST, x.collector_id NULLS LAST, p.search_key, p.id, x.scheme, x.period_start, x.id`,
    [cycle.id, organizationId, kind || null],
  );
  const kinds = kind ? [kind as DueListKind] : [...DUE_LIST_KINDS];
  const entries = new Map<DueListKind, EntryRow[]>(kinds.map((k) => [k, []]));
  for (const r of rows) entries.get(r.kind)?.push({ ...r, amount: Number(r.amount) });
  const report: Report = {
    base: { id: base.id, code: base.code, name: base.name, parentName: base.parent_name },
    month,
    version: cycle.version,
    generatedAt: new Date(cycle.generated_at),
    organization,
    kinds,
    entries,
    masked: !seesPersonalNumbers(actor.role),
    printedBy: actor.displayName,
    printedAt: new Date(),
  };
  const fileName = ['danh-sach-thu', base.code, month, organization?.code, kind ? kind.toLowerCase().replace(/_/g, '-') : null].filter(Boolean).join('_').replace(/[^\w.-]+/g, '-');
  if (format === 'pdf') return writePdf(report, res, fileName);
  if (format === 'xlsx') return writeXlsx(report, res, fileName);
  return writeCsv(report, res, fileName);
}

// PDF

const PDF_COLUMNS: PdfColumn[] = [
  { header: 'STT', width: 4, align: 'right' },
  { header: 'Họ tên', width: 16.5, align: 'left' },
  { header: 'CCCD', width: 9.5, align: 'left' },
  { header: 'Ấp', width: 9, align: 'left' },
  { header: 'Loại hình', width: 10, align: 'left' },
  { header: 'Kỳ đóng', width: 7.5, align: 'center' },
  { header: 'Hạn đóng', width: 7.5, align: 'center' },
  { header: 'Số tiền (đồng)', width: 9.5, align: 'right' },
  { header: 'Lý do chưa thu', width: 12.5, align: 'left' },
  { header: 'Ghi chú', width: 14, align: 'left' },
];
const GROUP_FILL = ['#d6d6d6', '#e4e4e4', '#f1f1f1'];

function pdfRow(r: Report, line: ListLine): PdfRow {
  switch (line.type) {
    case 'group':
      return { cells: [{ text: line.label, span: PDF_COLUMNS.length }], bold: true, fill: GROUP_FILL[line.level], keepWithNext: true };
    case 'subtotal':
      return { cells: [{ text: line.label, span: 2 }, `${line.count} khoản`, '', '', '', '', formatDong(line.amount), { text: '', span: 2 }], bold: true, fill: GROUP_FILL[line.level] };
    case 'total':
      return { cells: [{ text: 'TỔNG CỘNG', span: 2 }, `${line.count} khoản`, '', '', '', '', formatDong(line.amount), { text: '', span: 2 }], bold: true, fill: '#c8c8c8' };
    case 'entry': {
      const e = line.entry;
      return {
        cells: [
          String(line.n),
          e.full_name,
          citizenIdOf(r, e),
          e.hamlet_name,
          SCHEME_LABELS[e.scheme] ?? e.scheme,
          formatDate(e.period_start),
          formatDate(e.due_date),
          formatDong(e.amount),
          e.reason ? REASON_LABELS[e.reason] ?? e.reason : '',
          e.reason_note ?? '',
        ],
      };
    }
  }
}

async function writePdf(r: Report, res: Response, fileName: string): Promise<void> {
  const pdf = new PdfReport({
    layout: 'landscape',
    title: r.kinds.map((k) => titleOf(r, k)).join('; '),
    subject: `${cycleLine(r)}. ${organizationLine(r)}`,
    runningHeader: `${r.base.name} — ${organizationLine(r)} — Danh sách thu tháng ${formatMonth(r.month)}, phiên bản ${r.version}`,
    footer: `In lúc ${vietnamTime(r.printedAt)} — ${r.printedBy}${r.masked ? ' — số CCCD đã được che' : ''}`,
  });
  for (const kind of r.kinds) {
    pdf.startSection(`${KIND_TITLES[kind].short} tháng ${formatMonth(addMonths(r.month, KIND_TITLES[kind].monthOffset))}`);
    pdf.heading(
      [{ text: (r.base.parentName ?? '').toUpperCase() }, { text: r.base.name.toUpperCase(), bold: true }],
      [{ text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true }, { text: 'Độc lập - Tự do - Hạnh phúc', bold: true }],
    );
    pdf.text(titleOf(r, kind), { size: 13, bold: true, align: 'center', gapAfter: 4, keepWithNext: true });
    pdf.text(cycleLine(r), { align: 'center', keepWithNext: true });
    pdf.text(organizationLine(r), { align: 'center', gapAfter: 8, keepWithNext: true });
    const lines = listLines(r.entries.get(kind) ?? []);
    const rows: PdfRow[] = lines.map((l) => pdfRow(r, l));
    if (lines.length === 1) rows.unshift({ cells: [{ text: 'Không có ai trong danh sách này.', span: PDF_COLUMNS.length, align: 'center' }] });
    pdf.table(PDF_COLUMNS, rows);
  }
  res.status(200).attachment(`${fileName}.pdf`).type('application/pdf');
  await pdf.write(res);
}

// XLSX

const XLSX_COLUMNS: { header: string; width: number; numFmt?: string }[] = [
  { header: 'STT', width: 6 },
  { header: 'Họ tên', width: 28 },
  { header: 'CCCD', width: 15 },
  { header: 'Ấp', width: 14 },
  { header: 'Loại hình', width: 18 },
  { header: 'Kỳ đóng', width: 11, numFmt: 'dd/mm/yyyy' },
  { header: 'Hạn đóng', width: 11, numFmt: 'dd/mm/yyyy' },
  { header: 'Số tiền (đồng)', width: 14, numFmt: '#,##0' },
  { header: 'Lý do chưa thu', width: 24 },
  { header: 'Ghi chú', width: 32 },
];
/** The header row of each sheet: above it the title, the office and organization, the cycle. */
export const XLSX_HEADER_ROW = 5;
const XLSX_FILL = ['FFD6D6D6', 'FFE4E4E4', 'FFF1F1F1'];
const COUNT_FORMAT = '#,##0 "khoản"';

const dateCell = (d: string) => new Date(`${d}T00:00:00Z`);
const text = (value: string | null | undefined) => (value ? neutralise(value) : null);

async function writeXlsx(r: Report, res: Response, fileName: string): Promise<void> {
  res.status(200).attachment(`${fileName}.xlsx`).type(XLSX_TYPE);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useSharedStrings: false, useStyles: true });
  workbook.creator = 'Bao Phủ';
  const last = String.fromCharCode(64 + XLSX_COLUMNS.length);
  for (const kind of r.kinds) {
    const name = `${KIND_TITLES[kind].short} ${formatMonth(addMonths(r.month, KIND_TITLES[kind].monthOffset)).replace('/', '-')}`;
    const sheet = workbook.addWorksheet(name, {
      views: [{ state: 'frozen', ySplit: XLSX_HEADER_ROW }],
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    sheet.columns = XLSX_COLUMNS.map((c) => ({ width: c.width, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
    const heading = (row: number, value: string, font: Partial<ExcelJS.Font>) => {
      const cell = sheet.getCell(`A${row}`);
      cell.value = neutralise(value);
      cell.font = font;
      cell.alignment = { horizontal: 'center' };
      sheet.mergeCells(`A${row}:${last}${row}`);
    };
    heading(1, titleOf(r, kind), { bold: true, size: 13 });
    heading(2, `${r.base.name} — ${organizationLine(r)}`, {});
    heading(3, cycleLine(r), {});
    const header = sheet.getRow(XLSX_HEADER_ROW);
    header.values = XLSX_COLUMNS.map((c) => c.header);
    header.font = { bold: true };
    header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    header.eachCell((cell) => (cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE4E4E4' } }));
    header.commit();
    const lines = listLines(r.entries.get(kind) ?? []);
    for (const line of lines) {
      let row: ExcelJS.Row;
      if (line.type === 'entry') {
        const e = line.entry;
        row = sheet.addRow([
          line.n,
          text(e.full_name),
          text(citizenIdOf(r, e)),
          text(e.hamlet_name),
          SCHEME_LABELS[e.scheme] ?? e.scheme,
          dateCell(e.period_start),
          dateCell(e.due_date),
          e.amount,
          e.reason ? REASON_LABELS[e.reason] ?? e.reason : null,
          text(e.reason_note),
        ]);
      } else if (line.type === 'group') {
        row = sheet.addRow([null, text(line.label)]);
        row.font = { bold: true };
        for (let c = 1; c <= XLSX_COLUMNS.length; c++) row.getCell(c).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: XLSX_FILL[line.level] } };
      } else {
        const label = line.type === 'total' ? 'TỔNG CỘNG' : line.label;
        row = sheet.addRow([null, text(label), line.count, null, null, null, null, line.amount]);
        row.font = { bold: true };
        row.getCell(3).numFmt = COUNT_FORMAT;
        row.getCell(3).alignment = { horizontal: 'left' };
        const fill = line.type === 'total' ? 'FFC8C8C8' : XLSX_FILL[line.level];
        for (let c = 1; c <= XLSX_COLUMNS.length; c++) row.getCell(c).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
      }
      row.commit();
      if (!(await drained(res))) return;
    }
    sheet.commit();
  }
  await workbook.commit();
}

// CSV

const CSV_COLUMNS = [
  'kind',
  'communeCode',
  'communeName',
  'hamletCode',
  'hamletName',
  'collectorName',
  'organizationCode',
  'fullName',
  'citizenId',
  'scheme',
  'periodStart',
  'dueDate',
  'amount',
  'reason',
  'reasonLabel',
  'note',
];

async function writeCsv(r: Report, res: Response, fileName: string): Promise<void> {
  res.status(200).attachment(`${fileName}.csv`).type('text/csv; charset=utf-8');
  res.write(`\uFEFF${CSV_COLUMNS.join(',')}\r\n`);
  for (const kind of r.kinds) {
    for (const e of r.entries.get(kind) ?? []) {
      const cells = [
        e.kind,
        e.commune_code,
        e.commune_name,
        e.hamlet_code,
        e.hamlet_name,
        e.collector_name,
        e.organization_code,
        e.full_name,
        citizenIdOf(r, e),
        e.scheme,
        e.period_start,
        e.due_date,
        e.amount,
        e.reason,
        e.reason ? REASON_LABELS[e.reason] : null,
        e.reason_note,
      ];
      if (!res.write(`${cells.map(csvCell).join(',')}\r\n`) && !(await drained(res))) return;
    }
  }
  res.end();
}
