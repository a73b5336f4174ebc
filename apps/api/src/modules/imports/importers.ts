import type { EntityManager } from 'typeorm';
import { allowedModes, formatVnd, parseLocalDate, PAYMENT_MODES, PolicyError, SCHEMES, todayInVietnam, voluntarySiIncomeBounds, type PaymentMode, type Scheme, type SupportCategory } from '@bao-phu/domain';
import { localize, type LocalizedText } from '../../common/errors';
import { canCopyFromStdin, copyRows } from '../../db/copy';
import type { MessageKey } from '../../common/messages';
import type { Actor } from '../auth/actor';
import { ContributionDueEntity, EnrollmentEntity } from '../enrollment/enrollment.entity';
import { ageOn, chargeDues, MIN_AGE_VSI } from '../enrollment/enrollment.service';
import { loadPolicy } from '../policy/policy.service';
import type { ImportKind } from './import-job.entity';
import { reasonsImporter } from './reasons-import';
import { statisticsImporter, targetsImporter } from './targets-import';
import { problem, checkPersonRow, existingCitizenIds, flushPersonSearchIndex, insertPersons, PERSON_COLUMNS, type PersonRow } from './persons-import';

type Check<R> = { ok: true; row: R } | { ok: false; message: LocalizedText };
type Reject = (line: number, message: LocalizedText) => void;

/** How one kind of file is read: its columns, the check of a row, the database checks of a batch, and the write. */
export interface Importer<R = unknown> {
  columns: readonly string[];
  check(values: Record<string, string>): Check<R>;
  /** Two rows with the same key in one file: the second is refused. */
  key(row: R): string;
  repeatedKey: MessageKey;
  /** The rows of a batch that pass the checks needing the database (the others are rejected). */
  resolve(em: EntityManager, batch: { line: number; row: R }[], reject: Reject): Promise<R[]>;
  /**
   * True when what `resolve` reads does not depend on the rows of the file's earlier batches (a
   * repeated key is refused before): its statements may then run before the previous batch is
   * written, and the database writes that batch while Node prepares the next (import.service.ts).
   */
  resolveAhead?: boolean;

  write(em: EntityManager, rows: R[], actor: Actor): Promise<void>;
  /** After the last batch, before the commit. */
  finish?(em: EntityManager): Promise<void>;
}

async function personsImporter(em: EntityManager, actor: Actor): Promise<Importer<PersonRow>> {
  const hamletRows: { id: number; code: string }[] = await em.query(
    `SELECT id, code FROM org_unit WHERE level = 'HAMLET' AND valid_to IS NULL AND path LIKE $1`,
    [`${actor.scopePath}%`],
  );
  const hamlets = new Map(hamletRows.map((h) => [h.code, h.id]));
  const today = todayInVietnam();
  return {
    columns: PERSON_COLUMNS,
    check: (values) => checkPersonRow(values, hamlets, today),
    key: (row) => row.citizenId,
    repeatedKey: 'import.citizenId.repeated',
    async resolve(em2, batch, reject) {
      const existing = await existingCitizenIds(em2, batch.map((b) => b.row.citizenId));
      return batch.filter((b) => !existing.has(b.row.citizenId) || (reject(b.line, localize('import.citizenId.exists')), false)).map((b) => b.row);
    },
    write: (em2, rows, a) => insertPersons(em2, rows, a.id),
    finish: flushPersonSearchIndex,
  };
}

export const ENROLLMENT_COLUMNS = ['citizenId', 'scheme', 'startDate', 'declaredMonthlyIncome', 'paymentMode', 'collectionOrganizationCode', 'campaignCode'] as const;

interface EnrollmentRow {
  citizenId: string;
  scheme: Scheme;
  startDate: string;
  income: number | null;
  mode: PaymentMode;
  orgId: number | null;
  campaignCode: string | null;
  // resolved against the database
  personId?: number;
  campaignId?: number | null;
  category?: SupportCategory;
  provinceCode?: string | null;
  memberOrder?: number | null;
  /** The dues to write, charged while resolving (a refused month refuses the row). */
  dues?: Partial<ContributionDueEntity>[];
}

/** Sets of terms whose dues an enrollment import remembers at most (about 10 MB of dues). */
const CHARGED_KEPT = 10_000;

async function enrollmentsImporter(em: EntityManager, actor: Actor): Promise<Importer<EnrollmentRow>> {
  const policy = await loadPolicy(em);
  const orgs = new Map(((await em.query('SELECT id, code FROM collection_organization')) as { id: number; code: string }[]).map((o) => [o.code, o.id]));
  // Campaigns of the caller's scope that can be credited (running or over, not planned or cancelled).
  const campaigns = new Map(
    (
      (await em.query(
        `SELECT c.id, c.code, u.path FROM campaign c JOIN org_unit u ON u.id = c.commune_id WHERE u.path LIKE $1 AND c.status IN ('ACTIVE', 'COMPLETED')`,
        [`${actor.scopePath}%`],
      )) as { id: number; code: string; path: string }[]
    ).map((c) => [c.code, c]),
  );
  const today = todayInVietnam();
  /** HI members already counted per household and year, for the ladder. */
  const ladder = new Map<string, number>();
  /** Dues charged per set of terms (shared, never changed: written with each row's enrollment id). */
  const charged = new Map<string, Partial<ContributionDueEntity>[]>();
  return {
    columns: ENROLLMENT_COLUMNS,
    check(values) {
      const citizenId = values.citizenId.trim();
      if (!/^\d{12}$/.test(citizenId)) return problem('citizenId', 'person.citizenId.format');
      const scheme = values.scheme.trim().toUpperCase() as Scheme;
      if (!SCHEMES.includes(scheme)) return problem('scheme', 'import.scheme');
      const startDate = parseLocalDate(values.startDate);
      if (!startDate) return problem('startDate', 'common.invalidDate');
      const mode = values.paymentMode.trim().toUpperCase() as PaymentMode;
      if (!PAYMENT_MODES.includes(mode) || !allowedModes(scheme).includes(mode)) return problem('paymentMode', 'enrollment.mode.notAllowed');
      if (mode === 'YEARS_AHEAD' || mode === 'REMAINING_YEARS') return problem('paymentMode', 'import.mode.multiYear');
      const incomeText = values.declaredMonthlyIncome.replace(/[.\s]/g, '');
      let income: number | null = null;
      if (scheme === 'VOLUNTARY_SI') {
        income = Number(incomeText);
        if (!/^\d+$/.test(incomeText) || income <= 0) return problem('declaredMonthlyIncome', 'enrollment.income.positive');
        try {
          const bounds = voluntarySiIncomeBounds(policy, startDate);
          if (income < bounds.floor) return problem('declaredMonthlyIncome', 'enrollment.income.belowFloor', { bound: formatVnd(bounds.floor) });
          if (income > bounds.ceiling) return problem('declaredMonthlyIncome', 'enrollment.income.aboveCeiling', { bound: formatVnd(bounds.ceiling) });
        } catch (err) {
          if (err instanceof PolicyError) return problem('startDate', 'enrollment.policy.none', { date: startDate });
          throw err;
        }
      } else if (incomeText) return problem('declaredMonthlyIncome', 'enrollment.income.onlyVsi');
      const orgCode = values.collectionOrganizationCode.trim();
      const orgId = orgCode ? orgs.get(orgCode) : null;
      if (orgId === undefined) return problem('collectionOrganizationCode', 'import.organization', { code: orgCode });
      const campaignCode = values.campaignCode.trim() || null;
      if (campaignCode && !campaigns.has(campaignCode)) return problem('campaignCode', 'import.campaign.unknown', { code: campaignCode });
      return { ok: true, row: { citizenId, scheme, startDate, income, mode, orgId, campaignCode } };
    },
    key: (row) => `${row.citizenId}:${row.scheme}`,
    repeatedKey: 'import.enrollment.repeated',
    // The persons and their enrollments before the import (a person + scheme comes once per file),
    // and a household's HI members of a year read when the household first comes (then counted here).
    resolveAhead: true,
    async resolve(em2, batch, reject) {
      const people: { id: number; citizen_id: string; support_category: SupportCategory; household_id: number | null; path: string; province_code: string | null; date_of_birth: string; active: string[] }[] = await em2.query(
        `SELECT p.id, p.citizen_id, p.support_category, p.household_id, h.path,
                pr.code AS province_code,
                p.date_of_birth,
                ARRAY(SELECT e.scheme FROM enrollment e WHERE e.person_id = p.id AND e.status = 'ACTIVE') AS active
           FROM person p JOIN org_unit h ON h.id = p.hamlet_id
           -- the province is the second unit of the path (/country/province/…): one key lookup
           LEFT JOIN org_unit pr ON pr.id = split_part(h.path, '/', 3)::int AND pr.level = 'PROVINCE'
          WHERE p.citizen_id = ANY($1) AND h.path LIKE $2`,
        [batch.map((b) => b.row.citizenId), `${actor.scopePath}%`],
      );
      const byId = new Map(people.map((p) => [p.citizen_id, p]));
      const out: EnrollmentRow[] = [];
      let done = 0;
      for (const { line, row } of batch) {
        // A turn of the event loop now and then: the previous batch's COPY is fed from this
        // thread, and would wait for the whole batch's dues otherwise (resolveAhead).
        if (++done % 250 === 0) await new Promise((r) => setImmediate(r));
        const p = byId.get(row.citizenId);
        if (!p) {
          reject(line, problem('citizenId', 'import.person.unknown').message);
          continue;
        }
        if (p.active.includes(row.scheme)) {
          reject(line, problem('citizenId', 'enrollment.alreadyActive', { since: '—' }).message);
          continue;
        }
        const campaign = row.campaignCode ? campaigns.get(row.campaignCode)! : null;
        if (campaign && !p.path.startsWith(campaign.path)) {
          reject(line, problem('campaignCode', 'import.campaign.outside', { code: campaign.code }).message);
          continue;
        }
        let memberOrder: number | null = null;
        if (row.scheme === 'HOUSEHOLD_HI') {
          const key = `${p.household_id ?? `p${p.id}`}:${row.startDate.slice(0, 4)}`;
          if (!ladder.has(key)) {
            const [{ n }] = p.household_id
              ? await em2.query(
                  `SELECT count(*)::int AS n FROM enrollment e JOIN person q ON q.id = e.person_id
                    WHERE q.household_id = $1 AND e.scheme = 'HOUSEHOLD_HI' AND e.status = 'ACTIVE' AND to_char(e.start_date, 'YYYY') = $2`,
                  [p.household_id, row.startDate.slice(0, 4)],
                )
              : [{ n: 0 }];
            ladder.set(key, n);
          }
          memberOrder = ladder.get(key)! + 1;
          ladder.set(key, memberOrder);
        }
        if (row.scheme === 'VOLUNTARY_SI' && ageOn(p.date_of_birth, row.startDate) < MIN_AGE_VSI) {
          reject(line, problem('startDate', 'enrollment.age.min', { age: MIN_AGE_VSI }).message);
          continue;
        }
        const resolved: EnrollmentRow = { ...row, personId: p.id, category: p.support_category, provinceCode: p.province_code, memberOrder, campaignId: campaign?.id ?? null };
        // The dues of every month charged, with the rules in force then: a month the rules refuse
        // (an income under a later floor) refuses this row, not the whole import.
        try {
          // The same terms give the same dues: a file repeats few (mode, income, category, province,
          // month) combinations, so each is charged once (a third of the import's own CPU before).
          const terms = `${row.scheme}|${row.mode}|${row.income}|${memberOrder}|${p.support_category}|${p.province_code}|${row.startDate.slice(0, 7)}`;
          resolved.dues = charged.get(terms);
          if (!resolved.dues) {
            // Bounded: a file of all-different incomes would otherwise keep every row's dues alive.
            if (charged.size >= CHARGED_KEPT) charged.clear();
            resolved.dues = chargeDues(policy, { id: 0, scheme: row.scheme, paymentMode: row.mode, declaredMonthlyIncome: row.income, memberOrder } as EnrollmentEntity, p.support_category, p.province_code, row.startDate.slice(0, 7), 12);
            charged.set(terms, resolved.dues);
          }
        } catch (err) {
          if (!(err instanceof PolicyError)) throw err;
          const m = err.code === 'INCOME_BELOW_FLOOR' || err.code === 'INCOME_ABOVE_CEILING' ? 'import.income.later' : 'enrollment.policy.none';
          reject(line, problem('declaredMonthlyIncome', m, { bound: formatVnd(Number(err.details.bound ?? 0)), month: String((err.details as { month?: string }).month ?? row.startDate.slice(0, 7)), date: row.startDate }).message);
          continue;
        }
        out.push(resolved);
      }
      return out;
    },
    async write(em2, rows, a) {
      // Ids taken from the sequence first, so each row's dues go to its own enrollment.
      const ids: { id: number }[] = await em2.query(`SELECT nextval(pg_get_serial_sequence('enrollment', 'id'))::int AS id FROM generate_series(1, $1::int)`, [rows.length]);
      const copy = await canCopyFromStdin(em2);
      if (copy) {
        // COPY on a server (ids, enums, numbers and ISO dates: nothing to escape; \N is null).
        const v = (x: unknown) => (x === null || x === undefined ? '\\N' : String(x));
        await copyRows(
          em2,
          'COPY enrollment (id, person_id, scheme, status, start_date, declared_monthly_income, payment_mode, member_order, collection_organization_id, campaign_id, credited_on, registered_by, version) FROM STDIN',
          rows.map((r, i) =>
            [ids[i].id, r.personId, r.scheme, 'ACTIVE', r.startDate, v(r.income), r.mode, v(r.memberOrder), v(r.orgId), v(r.campaignId), r.campaignId ? today : '\\N', a.id, 1].join('\t') + '\n',
          ),
        );
      } else {
        // Typed arrays through unnest: a tenth of the parsing that one JSON document per batch costs.
        const col = <K extends keyof EnrollmentRow>(k: K) => rows.map((r) => r[k] ?? null);
        await em2.query(
          `INSERT INTO enrollment (id, person_id, scheme, status, start_date, declared_monthly_income, payment_mode, member_order, collection_organization_id, campaign_id, credited_on, registered_by, version)
           SELECT r.id, r.person, r.scheme, 'ACTIVE', r.start, r.income, r.mode, r.member, r.org, r.campaign, CASE WHEN r.campaign IS NULL THEN NULL ELSE $11::date END, $10::int, 1
             FROM unnest($1::int[], $2::int[], $3::text[], $4::date[], $5::int[], $6::text[], $7::int[], $8::int[], $9::int[]) AS r(id, person, scheme, start, income, mode, member, org, campaign)`,
          [ids.map((x) => x.id), col('personId'), col('scheme'), col('startDate'), col('income'), col('mode'), col('memberOrder'), col('orgId'), col('campaignId'), a.id, today],
        );
      }
      // The dues, six a row on average: by COPY on a server (about half the time of an INSERT from
      // arrays; numbers and ISO dates need no escaping in its text format), from arrays on PGlite.
      if (copy) {
        await copyRows(em2, 'COPY contribution_due (enrollment_id, period_start, period_end, due_date, months, gross, support, payable, paid, status) FROM STDIN', dueLines(rows, ids));
        return;
      }
      const CHUNK = 50_000;
      const dues = rows.flatMap((r, i) => r.dues!.map((d) => ({ ...d, enrollmentId: ids[i].id })));
      for (let i = 0; i < dues.length; i += CHUNK) {
        const part = dues.slice(i, i + CHUNK);
        const of = <K extends keyof (typeof part)[number]>(k: K) => part.map((d) => d[k]);
        await em2.query(
          `INSERT INTO contribution_due (enrollment_id, period_start, period_end, due_date, months, gross, support, payable, paid, status)
           SELECT d.e, d.ps, d.pe, d.dd, d.m, d.g, d.s, d.p, 0, 'OPEN'
             FROM unnest($1::int[], $2::date[], $3::date[], $4::date[], $5::int[], $6::int[], $7::int[], $8::int[]) AS d(e, ps, pe, dd, m, g, s, p)`,
          [of('enrollmentId'), of('periodStart'), of('periodEnd'), of('dueDate'), of('months'), of('gross'), of('support'), of('payable')],
        );
      }
    },
  };
}

/** The dues of enrollment rows as lines of COPY's text format, OPEN and unpaid. */
function* dueLines(rows: EnrollmentRow[], ids: { id: number }[]): Generator<string> {
  for (let i = 0; i < rows.length; i++) {
    const e = ids[i].id;
    for (const d of rows[i].dues!) yield `${e}\t${d.periodStart}\t${d.periodEnd}\t${d.dueDate}\t${d.months}\t${d.gross}\t${d.support}\t${d.payable}\t0\tOPEN\n`;
  }
}

export const PAYMENT_COLUMNS = ['citizenId', 'scheme', 'amount', 'paidOn', 'receiptNo'] as const;

interface PaymentRow {
  citizenId: string;
  scheme: Scheme;
  amount: number;
  paidOn: string;
  receiptNo: string | null;
  // resolved: the enrollment, the receipt key, and how the amount settles its dues
  enrollmentId?: number;
  orgKey?: number;
  settles?: { dueId: number; amount: number; paid: number; status: string; settledOn: string | null }[];
}

interface OpenDue {
  id: number;
  payable: number;
  paid: number;
  dueDate: string;
}

async function paymentsImporter(em: EntityManager, actor: Actor): Promise<Importer<PaymentRow>> {
  const today = todayInVietnam();
  /** Open dues per enrollment, settled in memory as the file's rows are read (oldest first). */
  const openDues = new Map<number, OpenDue[]>();
  const receipts = new Set<string>();
  return {
    columns: PAYMENT_COLUMNS,
    check(values) {
      const citizenId = values.citizenId.trim();
      if (!/^\d{12}$/.test(citizenId)) return problem('citizenId', 'person.citizenId.format');
      const scheme = values.scheme.trim().toUpperCase() as Scheme;
      if (!SCHEMES.includes(scheme)) return problem('scheme', 'import.scheme');
      const amountText = values.amount.replace(/[.\s]/g, '');
      const amount = Number(amountText);
      if (!/^\d+$/.test(amountText) || amount <= 0) return problem('amount', 'payment.amount.positive');
      const paidOn = parseLocalDate(values.paidOn);
      if (!paidOn) return problem('paidOn', 'common.invalidDate');
      if (paidOn > today) return problem('paidOn', 'payment.paidOn.future');
      const receiptNo = values.receiptNo.trim() || null;
      if (receiptNo && receiptNo.length > 40) return problem('receiptNo', 'common.tooLong', { max: 40 });
      return { ok: true, row: { citizenId, scheme, amount, paidOn, receiptNo } };
    },
    key: (row) => (row.receiptNo ? `r:${row.receiptNo}` : `p:${row.citizenId}:${row.scheme}:${row.paidOn}:${row.amount}`),
    repeatedKey: 'import.payment.repeated',
    async resolve(em2, batch, reject) {
      const found: { citizen_id: string; scheme: string; id: number; org: number | null; status: string }[] = await em2.query(
        `SELECT DISTINCT ON (p.citizen_id, e.scheme) p.citizen_id, e.scheme, e.id, e.collection_organization_id AS org, e.status
           FROM person p JOIN org_unit h ON h.id = p.hamlet_id JOIN enrollment e ON e.person_id = p.id
          WHERE p.citizen_id = ANY($1) AND h.path LIKE $2
          ORDER BY p.citizen_id, e.scheme, (e.status IN ('ACTIVE', 'LAPSED')) DESC, e.start_date DESC`,
        [batch.map((b) => b.row.citizenId), `${actor.scopePath}%`],
      );
      const enrollmentOf = new Map(found.map((f) => [`${f.citizen_id}:${f.scheme}`, f]));
      const missing = found.map((f) => f.id).filter((id) => !openDues.has(id));
      if (missing.length) {
        const dues: { id: number; enrollment_id: number; payable: number; paid: number; due_date: string }[] = await em2.query(
          `SELECT id, enrollment_id, payable, paid, to_char(due_date, 'YYYY-MM-DD') AS due_date FROM contribution_due
            WHERE enrollment_id = ANY($1) AND status = 'OPEN' ORDER BY period_start`,
          [missing],
        );
        for (const id of missing) openDues.set(id, []);
        for (const d of dues) openDues.get(d.enrollment_id)!.push({ id: d.id, payable: d.payable, paid: d.paid, dueDate: d.due_date });
      }
      const withReceipt = batch.filter((b) => b.row.receiptNo);
      const used: { key: number; receipt_no: string }[] = withReceipt.length
        ? await em2.query('SELECT collection_organization_key AS key, receipt_no FROM payment WHERE receipt_no = ANY($1)', [withReceipt.map((b) => b.row.receiptNo)])
        : [];
      for (const u of used) receipts.add(`${u.key}:${u.receipt_no}`);
      const out: PaymentRow[] = [];
      for (const { line, row } of batch) {
        const e = enrollmentOf.get(`${row.citizenId}:${row.scheme}`);
        if (!e) {
          reject(line, problem('citizenId', 'import.enrollment.unknown').message);
          continue;
        }
        if (e.status === 'STOPPED' || e.status === 'DECEASED') {
          reject(line, problem('citizenId', 'payment.enrollment.closed', { status: e.status }).message);
          continue;
        }
        const orgKey = e.org ?? 0;
        if (row.receiptNo && receipts.has(`${orgKey}:${row.receiptNo}`)) {
          reject(line, problem('receiptNo', 'payment.receipt.duplicate', { receiptNo: row.receiptNo }).message);
          continue;
        }
        const dues = openDues.get(e.id)!;
        const owed = dues.reduce((sum, d) => sum + d.payable - d.paid, 0);
        if (row.amount > owed) {
          reject(line, problem('amount', 'payment.amount.overpaid', { owed: formatVnd(owed) }).message);
          continue;
        }
        let left = row.amount;
        const settles: NonNullable<PaymentRow['settles']> = [];
        for (const d of dues) {
          if (left === 0) break;
          const take = Math.min(left, d.payable - d.paid);
          if (take === 0) continue;
          left -= take;
          d.paid += take;
          const done = d.paid === d.payable;
          settles.push({ dueId: d.id, amount: take, paid: d.paid, status: done ? (row.paidOn <= d.dueDate ? 'PAID' : 'LATE_PAID') : 'OPEN', settledOn: done ? row.paidOn : null });
        }
        if (row.receiptNo) receipts.add(`${orgKey}:${row.receiptNo}`);
        out.push({ ...row, enrollmentId: e.id, orgKey, settles });
      }
      return out;
    },
    async write(em2, rows, a) {
      const ids: { id: number }[] = await em2.query(`SELECT nextval(pg_get_serial_sequence('payment', 'id'))::int AS id FROM generate_series(1, $1::int)`, [rows.length]);
      const payments = rows.map((r, i) => ({ id: ids[i].id, enrollmentId: r.enrollmentId, amount: r.amount, paidOn: r.paidOn, receiptNo: r.receiptNo, orgKey: r.orgKey }));
      await em2.query(
        `INSERT INTO payment (id, enrollment_id, amount, paid_on, receipt_no, collection_organization_key, recorded_by)
         SELECT p.id, p."enrollmentId", p.amount, p."paidOn"::date, p."receiptNo", p."orgKey", $2::int
           FROM jsonb_to_recordset($1::jsonb) AS p(id int, "enrollmentId" int, amount int, "paidOn" text, "receiptNo" text, "orgKey" int)`,
        [JSON.stringify(payments), a.id],
      );
      const allocations = rows.flatMap((r, i) => r.settles!.map((s) => ({ paymentId: ids[i].id, ...s })));
      await em2.query(
        `INSERT INTO payment_allocation (payment_id, due_id, amount)
         SELECT x."paymentId", x."dueId", x.amount FROM jsonb_to_recordset($1::jsonb) AS x("paymentId" int, "dueId" int, amount int)`,
        [JSON.stringify(allocations)],
      );
      // The last state of each due wins (rows of one file may settle the same due in turn).
      const last = new Map(allocations.map((x) => [x.dueId, x]));
      await em2.query(
        `UPDATE contribution_due d SET paid = v.paid, status = v.status, settled_on = v."settledOn"::date
           FROM jsonb_to_recordset($1::jsonb) AS v("dueId" int, paid int, status text, "settledOn" text)
          WHERE d.id = v."dueId"`,
        [JSON.stringify([...last.values()])],
      );
    },
  };
}

export const IMPORTER_FACTORIES: Partial<Record<ImportKind, (em: EntityManager, actor: Actor) => Promise<Importer<any>>>> = {
  persons: personsImporter,
  enrollments: enrollmentsImporter,
  payments: paymentsImporter,
  targets: targetsImporter,
  statistics: statisticsImporter,
  reasons: reasonsImporter,
};
