import ExcelJS from 'exceljs';
import type { Request, Response } from 'express';
import { ORG_LEVELS, type OrgLevel } from '@bao-phu/domain';
import type { RequestContext } from '../../graphql/context';
import { reportService, type ReportRow } from '../reports/report.service';
import { REPORT_MEASURES, type ReportMeasure } from '../reports/report.types';
import { vietnamTime } from './collection-cycle.export';
import { csvCell, neutralise, XLSX_TYPE } from './export.http';
import { SCHEME_LABELS } from './labels';
import { answering, reportParams } from './report-params';
import { unitReportExport } from './unit-report.export';

/**
 * The drill-down reports as files, for a spreadsheet or another program:
 *
 * - GET /api/exports/hierarchy-report?unitId=&scheme=&asOf=&restated=&format=csv|xlsx — the unit's
 *   row, then each child's, with every figure of the `hierarchyReport` query;
 * - GET /api/exports/report-trend?unitId=&scheme=&from=YYYY-MM&to=YYYY-MM&format= — a row per
 *   month, as `reportTrend`;
 * - GET /api/exports/unit-ranking?unitId=&scheme=&asOf=&measure=&level=&take=&format= — the lowest
 *   units, then the highest, as `unitRanking`;
 * - GET /api/exports/unit-report: the written report, see unit-report.export.ts.
 *
 * Each calls the report service with a request context as GraphQL builds it, so roles, scope and
 * the checks of the arguments are the service's own; a refusal is answered with the status of its
 * code and the service's message. Headers are the GraphQL field names; numbers are numbers (CSV: as
 * JavaScript writes them, 98.01; XLSX: number cells), a missing figure an empty cell. The XLSX's first
 * sheet is the plain table under one header row; a second sheet says what the figures are of.
 */
export const REPORT_EXPORTS: Record<string, (ctx: RequestContext, req: Request, res: Response) => Promise<void>> = {
  'hierarchy-report': hierarchyExport,
  'report-trend': trendExport,
  'unit-ranking': rankingExport,
  'unit-report': unitReportExport,
};

/** A column of a table export: its header, and whether its cells are counts or percentages (anything else is text). */
interface Column {
  name: string;
  kind?: 'count' | 'pct';
  width?: number;
}
type Cell = string | number | null;

/** Every figure of a report row, in the order of the GraphQL type; a field added to ReportRow fails to compile here until it is given a kind. */
const FIGURES: Record<Exclude<keyof ReportRow, 'unit'>, 'count' | 'pct'> = {
  participants: 'count',
  target: 'count',
  achievementPct: 'pct',
  newParticipants: 'count',
  lapsed: 'count',
  participantsAtYearStart: 'count',
  participantsLastYear: 'count',
  growthSinceYearStart: 'count',
  growthSinceYearStartPct: 'pct',
  growthSinceLastYear: 'count',
  growthSinceLastYearPct: 'pct',
  lastYearAchievementPct: 'pct',
  pointsChangeSinceLastYear: 'pct',
  duesFallingDue: 'count',
  duesPaidOnTime: 'count',
  onTimeRatePct: 'pct',
  population: 'count',
  healthInsured: 'count',
  hiCoveragePct: 'pct',
  campaigns: 'count',
  campaignEnrollments: 'count',
};
const FIGURE_NAMES = Object.keys(FIGURES) as (keyof typeof FIGURES)[];

const UNIT_COLUMNS: Column[] = [{ name: 'unitCode', width: 14 }, { name: 'unitName', width: 28 }, { name: 'level', width: 10 }];
const FIGURE_COLUMNS: Column[] = FIGURE_NAMES.map((name) => ({ name, kind: FIGURES[name] }));
const rowCells = (row: ReportRow): Cell[] => [row.unit.code, row.unit.name, row.unit.level, ...FIGURE_NAMES.map((name) => row[name])];

/** What a table export is of, for the XLSX's second sheet: label and value. */
type About = [string, string | number][];

interface Table {
  fileName: string;
  sheetName: string;
  columns: Column[];
  rows: Cell[][];
  about: About;
}

const safeFileName = (parts: (string | null | undefined)[]) => parts.filter(Boolean).join('_').replace(/[^\w.-]+/g, '-');

function about(ctx: RequestContext, lines: About): About {
  return [...lines, ['Người tải', ctx.actor?.displayName ?? ''], ['Thời điểm tải', vietnamTime(new Date())]];
}

/** CSV: UTF-8 with BOM (Excel reads the Vietnamese), CRLF; text neutralised as in every export, numbers as numbers. */
function writeCsv(res: Response, t: Table): void {
  const cell = (c: Cell) => (typeof c === 'number' ? String(c) : csvCell(c));
  res.status(200).attachment(`${t.fileName}.csv`).type('text/csv; charset=utf-8');
  res.end(`\uFEFF${[t.columns.map((c) => c.name), ...t.rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`);
}

/** XLSX: the table on the first sheet under a bold, frozen header row; counts and percentages as number cells. */
async function writeXlsx(res: Response, t: Table): Promise<void> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Bao Phủ';
  const sheet = book.addWorksheet(t.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = t.columns.map((c) => ({ width: c.width ?? Math.max(10, c.name.length + 2), style: c.kind === 'count' ? { numFmt: '#,##0' } : c.kind === 'pct' ? { numFmt: '#,##0.00' } : {} }));
  const header = sheet.addRow(t.columns.map((c) => c.name));
  header.font = { bold: true };
  for (const r of t.rows) sheet.addRow(r.map((c) => (typeof c === 'string' ? neutralise(c) : c)));
  const info = book.addWorksheet('Thông tin');
  info.columns = [{ width: 24 }, { width: 60 }];
  for (const [k, v] of t.about) info.addRow([k, typeof v === 'string' ? neutralise(v) : v]);
  info.getColumn(1).font = { bold: true };
  res.status(200).attachment(`${t.fileName}.xlsx`).type(XLSX_TYPE);
  await book.xlsx.write(res);
  res.end();
}

const TABLE_FORMATS = ['csv', 'xlsx'] as const;

async function writeTable(res: Response, format: (typeof TABLE_FORMATS)[number], t: Table): Promise<void> {
  if (format === 'xlsx') return writeXlsx(res, t);
  writeCsv(res, t);
}

async function hierarchyExport(ctx: RequestContext, req: Request, res: Response) {
  await answering(res, async () => {
    const p = reportParams(req);
    const format = p.format(TABLE_FORMATS, 'csv');
    const [unitId, scheme, asOf, restated] = [p.unitId(), p.scheme(), p.date('asOf'), p.boolean('restated')];
    const r = await reportService.hierarchy(ctx, unitId, scheme, asOf, restated);
    await writeTable(res, format, {
      fileName: safeFileName(['bao-cao-don-vi', r.unit.code, scheme, asOf, r.restated ? 'cay-hien-nay' : null]),
      sheetName: 'Báo cáo theo đơn vị',
      columns: [...UNIT_COLUMNS, ...FIGURE_COLUMNS],
      rows: [r.total, ...r.children].map(rowCells),
      about: about(ctx, [
        ['Đơn vị', `${r.unit.name} (${r.unit.code})`],
        ['Loại hình', SCHEME_LABELS[scheme]],
        ['Số liệu đến ngày', asOf],
        ['Cây đơn vị', r.restated ? 'theo cây đơn vị hiện nay' : `như tại ngày ${asOf}`],
        ['Dòng đầu', 'toàn đơn vị; các dòng sau: từng đơn vị trực thuộc'],
      ]),
    });
  });
}

async function trendExport(ctx: RequestContext, req: Request, res: Response) {
  await answering(res, async () => {
    const p = reportParams(req);
    const format = p.format(TABLE_FORMATS, 'csv');
    const [unitId, scheme, from, to] = [p.unitId(), p.scheme(), p.month('from'), p.month('to')];
    const trend = await reportService.trend(ctx, unitId, scheme, from, to);
    const unit = await ctx.loaders.unitById.load(Number(unitId));
    const columns: Column[] = [
      { name: 'month' },
      { name: 'asOf', width: 12 },
      { name: 'participants', kind: 'count' },
      { name: 'target', kind: 'count' },
      { name: 'achievementPct', kind: 'pct' },
      { name: 'newParticipants', kind: 'count' },
      { name: 'participantsLastYear', kind: 'count' },
    ];
    await writeTable(res, format, {
      fileName: safeFileName(['dien-bien-theo-thang', unit?.code, scheme, from, to]),
      sheetName: 'Diễn biến theo tháng',
      columns,
      rows: trend.points.map((t) => [t.month, t.asOf, t.participants, t.target, t.achievementPct, t.newParticipants, t.participantsLastYear]),
      about: about(ctx, [
        ['Đơn vị', unit ? `${unit.name} (${unit.code})` : unitId],
        ['Loại hình', SCHEME_LABELS[scheme]],
        ['Từ tháng', from],
        ['Đến tháng', to],
        ['Số người tham gia', 'cuối mỗi tháng (tháng này: đến hôm nay), theo cây đơn vị hiện nay'],
      ]),
    });
  });
}

async function rankingExport(ctx: RequestContext, req: Request, res: Response) {
  await answering(res, async () => {
    const p = reportParams(req);
    const format = p.format(TABLE_FORMATS, 'csv');
    const [unitId, scheme, asOf, measure, level, take] = [p.unitId(), p.scheme(), p.date('asOf'), p.oneOf<ReportMeasure>('measure', REPORT_MEASURES), p.oneOf<OrgLevel>('level', ORG_LEVELS, null), p.integer('take')];
    const r = await reportService.ranking(ctx, unitId, scheme, asOf, measure, level, take);
    const unit = await ctx.loaders.unitById.load(Number(unitId));
    await writeTable(res, format, {
      fileName: safeFileName(['xep-hang', unit?.code, scheme, asOf, measure.toLowerCase().replace(/_/g, '-')]),
      sheetName: 'Xếp hạng đơn vị',
      columns: [{ name: 'end' }, { name: 'rank', kind: 'count' }, { name: 'value', kind: 'pct' }, ...UNIT_COLUMNS, ...FIGURE_COLUMNS],
      rows: [...r.lowest.map((x) => ['LOWEST', x] as const), ...r.highest.map((x) => ['HIGHEST', x] as const)].map(([end, x]) => [end, x.rank, x.value, ...rowCells(x.row)]),
      about: about(ctx, [
        ['Đơn vị', unit ? `${unit.name} (${unit.code})` : unitId],
        ['Loại hình', SCHEME_LABELS[scheme]],
        ['Số liệu đến ngày', r.asOf],
        ['Chỉ số xếp hạng', r.measure],
        ['Cấp đơn vị', r.level],
        ['Số đơn vị của cấp', r.units],
        ['Không xếp hạng (chưa có số liệu)', r.unranked],
        ['Dòng LOWEST', 'thấp nhất trước; dòng HIGHEST: cao nhất trước'],
      ]),
    });
  });
}
