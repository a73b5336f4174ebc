import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { foldVietnamese, maskPersonalNumber } from '@bao-phu/domain';
import { localize } from '../../common/errors';
import type { MessageKey } from '../../common/messages';
import { likeEscape } from '../../graphql/list';
import type { AuthRuntime } from '../auth/auth.service';
import { resolveActor } from '../auth/auth.service';
import type { RoleName } from '../auth/user.entity';

const PAGE = 5_000;
const READERS: readonly RoleName[] = ['ADMIN', 'PROVINCE_PLANNER', 'BASE_STAFF', 'SUPERVISOR'];
const UNMASKED: readonly RoleName[] = ['ADMIN', 'BASE_STAFF'];

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR) is written with a leading
 * apostrophe, so an exported list opened in Excel never runs anything (CSV injection).
 */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function csvCell(value: string | number | null | undefined): string {
  const text = neutralise(value == null ? '' : String(value));
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function fail(res: Response, status: number, code: string, key: MessageKey, params: Record<string, string | number> = {}) {
  res.status(status).json({ error: { code, messageKey: key, message: localize(key, params) } });
}

const ENROLLMENT_HEADER = ['citizenId', 'fullName', 'hamletCode', 'scheme', 'status', 'startDate', 'endDate', 'declaredMonthlyIncome', 'paymentMode', 'collectionOrganizationCode', 'owed'];

/** Writes page after page of CSV lines (keyset on id), waiting when the client reads slowly. */
async function streamPages(res: Response, page: (after: number) => Promise<{ id: number; cells: (string | number | null | undefined)[] }[]>) {
  let after = 0;
  for (;;) {
    const rows = await page(after);
    for (const r of rows) {
      if (!res.write(`${r.cells.map(csvCell).join(',')}\r\n`)) await new Promise((resolve) => res.once('drain', resolve));
    }
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1].id;
  }
}

const PERSON_HEADER = ['citizenId', 'fullName', 'dateOfBirth', 'sex', 'hamletCode', 'hamletName', 'phone', 'householdCode', 'supportCategory'];

/**
 * GET /api/exports/{persons|enrollments}?q=&withinId=: the people (or their enrollments, with what
 * they still owe) of the caller's scope as CSV (UTF-8 with BOM,
 * so Excel reads the Vietnamese), streamed page by page; personal numbers masked as on screen.
 */
export function exportHandler(ds: DataSource, auth: AuthRuntime) {
  return async (req: Request, res: Response) => {
    const resolved = await resolveActor(ds, auth, req.headers.authorization);
    if (resolved === null || typeof resolved === 'string') return fail(res, 401, 'UNAUTHENTICATED', 'auth.required');
    const actor = resolved;
    const report = req.params.report;
    if (report !== 'persons' && report !== 'enrollments') return fail(res, 404, 'NOT_FOUND', 'export.unknown', { report: String(report) });
    if (!READERS.includes(actor.role)) return fail(res, 403, 'FORBIDDEN', 'auth.forbidden');
    let prefix = actor.scopePath;
    if (typeof req.query.withinId === 'string' && req.query.withinId) {
      const [within] = await ds.query('SELECT path FROM org_unit WHERE id = $1', [Number(req.query.withinId) || 0]);
      if (!within) return fail(res, 400, 'BAD_USER_INPUT', 'org.parent.notFound', { id: String(req.query.withinId) });
      // Only the part of the requested subtree that lies in the caller's scope.
      if (!within.path.startsWith(actor.scopePath)) prefix = '/none/';
      else prefix = within.path;
    }
    const q = typeof req.query.q === 'string' ? foldVietnamese(req.query.q) : '';
    const unmasked = UNMASKED.includes(actor.role);
    if (report === 'enrollments') {
      res.status(200).type('text/csv; charset=utf-8').attachment('dang-ky-tham-gia.csv');
      res.write(`\uFEFF${ENROLLMENT_HEADER.join(',')}\r\n`);
      await streamPages(res, async (after) => {
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
      res.end();
      return;
    }
    res.status(200).type('text/csv; charset=utf-8').attachment('nguoi-tham-gia.csv');
    res.write(`\uFEFF${PERSON_HEADER.join(',')}\r\n`);
    await streamPages(res, async (after) => {
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
    res.end();
  };
}
