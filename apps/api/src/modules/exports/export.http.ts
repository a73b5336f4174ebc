import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { foldVietnamese, maskPersonalNumber } from '@bao-phu/domain';
import { localize } from '../../common/errors';
import type { MessageKey } from '../../common/messages';
import { createRequestContext, type Services } from '../../graphql/context';
import { likeEscape } from '../../graphql/list';
import { resolveActor } from '../auth/auth.service';
import type { RoleName } from '../auth/user.entity';
import { collectionCycleExport } from './collection-cycle.export';
import { REPORT_EXPORTS } from './report.export';

const PAGE = 5_000;
const READERS: readonly RoleName[] = ['ADMIN', 'PROVINCE_PLANNER', 'BASE_STAFF', 'SUPERVISOR'];
const UNMASKED: readonly RoleName[] = ['ADMIN', 'BASE_STAFF'];

/** Whether a role sees citizen IDs and phones whole in an export, as on screen (the API masks them for the others). */
export function seesPersonalNumbers(role: RoleName): boolean {
  return UNMASKED.includes(role);
}

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR) is written with a leading
 * apostrophe, so an exported list opened in Excel never runs anything (CSV injection). XLSX cells
 * get the same text, as string cells: inert when opened, and still inert once a user edits the
 * cell or saves the sheet as CSV.
 */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function csvCell(value: string | number | null | undefined): string {
  const text = neutralise(value == null ? '' : String(value));
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function fail(res: Response, status: number, code: string, key: MessageKey, params: Record<string, string | number> = {}) {
  res.status(status).json({ error: { code, messageKey: key, message: localize(key, params) } });
}

type Cell = string | number | null | undefined;

/** A column of an export: its header (the import column names), its kind in XLSX, its width there. */
interface Column {
  name: string;
  /** text (the default): a string cell; number: a number cell; date: YYYY-MM-DD as a date cell. */
  kind?: 'number' | 'date';
  width: number;
}

const PERSON_COLUMNS: Column[] = [
  { name: 'citizenId', width: 15 },
  { name: 'fullName', width: 28 },
  { name: 'dateOfBirth', kind: 'date', width: 12 },
  { name: 'sex', width: 8 },
  { name: 'hamletCode', width: 12 },
  { name: 'hamletName', width: 24 },
  { name: 'phone', width: 13 },
  { name: 'householdCode', width: 16 },
  { name: 'supportCategory', width: 17 },
];

const ENROLLMENT_COLUMNS: Column[] = [
  { name: 'citizenId', width: 15 },
  { name: 'fullName', width: 28 },
  { name: 'hamletCode', width: 12 },
  { name: 'scheme', width: 14 },
  { name: 'status', width: 10 },
  { name: 'startDate', kind: 'date', width: 12 },
  { name: 'endDate', kind: 'date', width: 12 },
  { name: 'declaredMonthlyIncome', kind: 'number', width: 22 },
  { name: 'paymentMode', width: 14 },
  { name: 'collectionOrganizationCode', width: 26 },
  { name: 'owed', kind: 'number', width: 12 },
];

export const FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof FORMATS)[number];
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Where the rows of an export go, CSV or XLSX, with the client's pace (false: the client left). */
interface Sink {
  row(cells: Cell[]): void;
  ready(): Promise<boolean>;
  end(): Promise<void>;
}

/** Waits until the response has room again, or has closed (false). */
export async function drained(res: Response): Promise<boolean> {
  while (res.writableNeedDrain && !res.destroyed) {
    await new Promise<void>((resolve) => {
      const done = () => {
        res.off('drain', done);
        res.off('close', done);
        resolve();
      };
      res.once('drain', done);
      res.once('close', done);
    });
  }
  return !res.destroyed;
}

/** CSV, UTF-8 with BOM (so Excel reads the Vietnamese), CRLF, every cell neutralised. */
function csvSink(res: Response, columns: Column[], fileName: string): Sink {
  res.status(200).attachment(`${fileName}.csv`).type('text/csv; charset=utf-8');
  res.write(`\uFEFF${columns.map((c) => c.name).join(',')}\r\n`);
  return {
    row: (cells) => res.write(`${cells.map(csvCell).join(',')}\r\n`),
    ready: () => drained(res),
    end: async () => {
      res.end();
    },
  };
}

/**
 * XLSX written as it goes (exceljs' streaming writer on the response, inline strings so nothing is
 * held for a shared-string table): one sheet, the header bold and frozen, widths set. Text is
 * neutralised as in the CSV and always written as a string cell, never a formula.
 */
function xlsxSink(res: Response, columns: Column[], fileName: string, sheetName: string): Sink {
  res.status(200).attachment(`${fileName}.xlsx`).type(XLSX_TYPE);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ key: c.name, width: c.width, style: c.kind === 'date' ? { numFmt: 'yyyy-mm-dd' } : c.kind === 'number' ? { numFmt: '#,##0' } : {} }));
  const header = sheet.addRow(columns.map((c) => c.name));
  header.font = { bold: true };
  header.commit();
  const value = (cell: Cell, column: Column): ExcelJS.CellValue => {
    if (cell == null || cell === '') return null;
    if (column.kind === 'number' && Number.isFinite(Number(cell))) return Number(cell);
    if (column.kind === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(String(cell))) return new Date(`${cell}T00:00:00Z`);
    return neutralise(String(cell));
  };
  // What exceljs has taken but not yet compressed: it ignores backpressure between the sheet and
  // the ZIP, so wait for that too, not only for the response (exceljs 4.4.0 is pinned).
  const pending = () => {
    const zipInput = (sheet as unknown as { stream?: { pipes?: { _writableState?: { length: number }; _readableState?: { length: number } }[] } }).stream?.pipes?.[0];
    return (zipInput?._writableState?.length ?? 0) + (zipInput?._readableState?.length ?? 0);
  };
  return {
    row: (cells) => sheet.addRow(cells.map((c, i) => value(c, columns[i]))).commit(),
    async ready() {
      for (;;) {
        if (!(await drained(res))) return false;
        if (pending() < 256 * 1024) return true;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    async end() {
      sheet.commit();
      await workbook.commit();
    },
  };
}

/** Writes page after page (keyset on id), waiting when the client reads slowly; stops if it leaves. */
async function streamPages(sink: Sink, page: (after: number) => Promise<{ id: number; cells: Cell[] }[]>) {
  let after = 0;
  for (;;) {
    const rows = await page(after);
    for (const r of rows) sink.row(r.cells);
    if (!(await sink.ready())) return;
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1].id;
  }
  await sink.end();
}

/**
 * GET /api/exports/collection-cycle: see collection-cycle.export.ts.
 *
 * GET /api/exports/{hierarchy-report|report-trend|unit-ranking|unit-report}: see report.export.ts;
 * they call the report service with a request context built as for GraphQL.
 *
 * GET /api/exports/{persons|enrollments}?q=&withinId=&format=csv|xlsx: the people (or their
 * enrollments, with what they still owe) of the caller's scope as CSV (UTF-8 with BOM, so Excel
 * reads the Vietnamese; the default) or XLSX, streamed page by page; personal numbers masked as on
 * screen.
 */
export function exportHandler(ds: DataSource, services: Services) {
  return async (req: Request, res: Response) => {
    const resolved = await resolveActor(ds, services.auth, req.headers.authorization);
    if (resolved === null || typeof resolved === 'string') return fail(res, 401, 'UNAUTHENTICATED', 'auth.required');
    const actor = resolved;
    const report = req.params.report;
    if (report === 'collection-cycle') return collectionCycleExport(ds, actor, req, res);
    if (typeof report === 'string' && Object.hasOwn(REPORT_EXPORTS, report)) {
      const header = req.headers['x-request-id'];
      const requestId = typeof header === 'string' && /^[\w.-]{1,64}$/.test(header) ? header : randomUUID();
      const ctx = createRequestContext(ds, services, requestId, { actor, authProblem: null, address: req.ip ?? req.socket.remoteAddress ?? 'unknown' });
      return REPORT_EXPORTS[report](ctx, req, res);
    }
    if (report !== 'persons' && report !== 'enrollments') return fail(res, 404, 'NOT_FOUND', 'export.unknown', { report: String(report) });
    if (!READERS.includes(actor.role)) return fail(res, 403, 'FORBIDDEN', 'auth.forbidden');
    const format = req.query.format === undefined ? 'csv' : typeof req.query.format === 'string' ? req.query.format.toLowerCase() : '';
    if (!FORMATS.includes(format as ExportFormat)) return fail(res, 400, 'BAD_USER_INPUT', 'export.format', { format: String(req.query.format) });
    const open = (columns: Column[], fileName: string, sheetName: string) =>
      format === 'xlsx' ? xlsxSink(res, columns, fileName, sheetName) : csvSink(res, columns, fileName);
    let prefix = actor.scopePath;
    if (typeof req.query.withinId === 'string' && req.query.withinId) {
      const [within] = await ds.query('SELECT path FROM org_unit WHERE id = $1', [Number(req.query.withinId) || 0]);
      if (!within) return fail(res, 400, 'BAD_USER_INPUT', 'org.parent.notFound', { id: String(req.query.withinId) });
      // Only the part of the requested subtree that lies in the caller's scope.
      if (!within.path.startsWith(actor.scopePath)) prefix = '/none/';
      else prefix = within.path;
    }
    const q = typeof req.query.q === 'string' ? foldVietnamese(req.query.q) : '';
    const unmasked = seesPersonalNumbers(actor.role);
    if (report === 'enrollments') {
      await streamPages(open(ENROLLMENT_COLUMNS, 'dang-ky-tham-gia', 'Đăng ký tham gia'), async (after) => {
        const rows: Record<string, string | number | null>[] = await ds.query(
          `SELECT e.id, p.citizen_id, p.full_name, h.code AS hamlet_code, e.scheme, e.status, to_char(e.start_date, 'YYYY-MM-DD') AS start_date,
                  to_char(e.end_date, 'YYYY-MM-DD') AS end_date, e.declared_monthly_income, e.payment_mode, o.code AS org_code,
                  (SELECT coalesce(sum(d.payable - d.paid), 0) FROM contribution_due d WHERE d.enrollment_id = e.id AND d.status = 'OPEN')::int AS owed
             FROM enrollment e JOIN person p ON p.id = e.person_id JOIN org_unit h ON h.id = p.hamlet_id
             LEFT JOIN collection_organization o ON o.id = e.collection_organization_id
            WHERE h.path LIKE $1 AND e.id > $2 AND ($3 = '' OR p.search_key LIKE $4)
            ORDER BY e.id LIMIT $5`,
          [`${prefix}%`, after, q, `%${likeEscape(q)}%`, PAGE],
        );
        return rows.map((r) => ({
          id: Number(r.id),
          cells: [unmasked ? r.citizen_id : maskPersonalNumber(r.citizen_id as string), r.full_name, r.hamlet_code, r.scheme, r.status, r.start_date, r.end_date, r.declared_monthly_income, r.payment_mode, r.org_code, r.owed],
        }));
      });
      return;
    }
    await streamPages(open(PERSON_COLUMNS, 'nguoi-tham-gia', 'Người tham gia'), async (after) => {
      const rows: Record<string, string | null>[] = await ds.query(
        `SELECT p.id, p.citizen_id, p.full_name, to_char(p.date_of_birth, 'YYYY-MM-DD') AS dob, p.sex, h.code AS hamlet_code, h.name AS hamlet_name,
                p.phone, hh.code AS household_code, p.support_category
           FROM person p JOIN org_unit h ON h.id = p.hamlet_id LEFT JOIN household hh ON hh.id = p.household_id
          WHERE h.path LIKE $1 AND p.id > $2 AND ($3 = '' OR p.search_key LIKE $4)
          ORDER BY p.id LIMIT $5`,
        [`${prefix}%`, after, q, `%${likeEscape(q)}%`, PAGE],
      );
      return rows.map((r) => ({
        id: Number(r.id),
        cells: [
          unmasked ? r.citizen_id : maskPersonalNumber(r.citizen_id),
          r.full_name,
          r.dob,
          r.sex,
          r.hamlet_code,
          r.hamlet_name,
          unmasked ? r.phone : maskPersonalNumber(r.phone),
          r.household_code,
          r.support_category,
        ],
      }));
    });
  };
}
