import type { EntityManager } from 'typeorm';
import { allowedModes, formatVnd, parseLocalDate, PAYMENT_MODES, PolicyError, SCHEMES, todayInVietnam, voluntarySiIncomeBounds, type PaymentMode, type Scheme, type SupportCategory } from '@bao-phu/domain';
import { localize, type LocalizedText } from '../../common/errors';
import type { MessageKey } from '../../common/messages';
import type { Actor } from '../auth/actor';
import { ContributionDueEntity, EnrollmentEntity } from '../enrollment/enrollment.entity';
import { chargeDues } from '../enrollment/enrollment.service';
import { loadPolicy } from '../policy/policy.service';
import type { ImportKind } from './import-job.entity';
import { checkPersonRow, existingCitizenIds, insertPersons, PERSON_COLUMNS, type PersonRow } from './persons-import';

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
  write(em: EntityManager, rows: R[], actor: Actor): Promise<void>;
}

const problem = (column: string, key: MessageKey, params: Record<string, string | number> = {}): { ok: false; message: LocalizedText } => {
  const m = localize(key, params);
  return { ok: false, message: { vi: `${column}: ${m.vi}`, en: `${column}: ${m.en}` } };
};

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
  // resolved against the database
  personId?: number;
  category?: SupportCategory;
  provinceCode?: string | null;
  memberOrder?: number | null;
}

async function enrollmentsImporter(em: EntityManager, actor: Actor): Promise<Importer<EnrollmentRow>> {
  const policy = await loadPolicy(em);
  const orgs = new Map(((await em.query('SELECT id, code FROM collection_organization')) as { id: number; code: string }[]).map((o) => [o.code, o.id]));
  /** HI members already counted per household and year, for the ladder. */
  const ladder = new Map<string, number>();
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
      if (values.campaignCode.trim()) return problem('campaignCode', 'import.campaign.notYet');
      return { ok: true, row: { citizenId, scheme, startDate, income, mode, orgId } };
    },
    key: (row) => `${row.citizenId}:${row.scheme}`,
    repeatedKey: 'import.enrollment.repeated',
    async resolve(em2, batch, reject) {
      const people: { id: number; citizen_id: string; support_category: SupportCategory; household_id: number | null; province_code: string | null; active: string[] }[] = await em2.query(
        `SELECT p.id, p.citizen_id, p.support_category, p.household_id,
                (SELECT pr.code FROM org_unit pr WHERE pr.level = 'PROVINCE' AND h.path LIKE pr.path || '%' LIMIT 1) AS province_code,
                ARRAY(SELECT e.scheme FROM enrollment e WHERE e.person_id = p.id AND e.status = 'ACTIVE') AS active
           FROM person p JOIN org_unit h ON h.id = p.hamlet_id
          WHERE p.citizen_id = ANY($1) AND h.path LIKE $2`,
        [batch.map((b) => b.row.citizenId), `${actor.scopePath}%`],
      );
      const byId = new Map(people.map((p) => [p.citizen_id, p]));
      const out: EnrollmentRow[] = [];
      for (const { line, row } of batch) {
        const p = byId.get(row.citizenId);
        if (!p) {
          reject(line, problem('citizenId', 'import.person.unknown').message);
          continue;
        }
        if (p.active.includes(row.scheme)) {
          reject(line, problem('citizenId', 'enrollment.alreadyActive', { since: '—' }).message);
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
        out.push({ ...row, personId: p.id, category: p.support_category, provinceCode: p.province_code, memberOrder });
      }
      return out;
    },
    async write(em2, rows, a) {
      // Ids taken from the sequence first, so each row's dues go to its own enrollment.
      const ids: { id: number }[] = await em2.query(`SELECT nextval(pg_get_serial_sequence('enrollment', 'id'))::int AS id FROM generate_series(1, $1::int)`, [rows.length]);
      const withIds = rows.map((r, i) => ({ ...r, id: ids[i].id }));
      await em2.query(
        `INSERT INTO enrollment (id, person_id, scheme, status, start_date, declared_monthly_income, payment_mode, member_order, collection_organization_id, registered_by, version)
         SELECT r.id, r."personId", r.scheme, 'ACTIVE', r."startDate"::date, r.income, r.mode, r."memberOrder", r."orgId", $2::int, 1
           FROM jsonb_to_recordset($1::jsonb) AS r(id int, "personId" int, scheme text, "startDate" text, income int, mode text, "memberOrder" int, "orgId" int)`,
        [JSON.stringify(withIds), a.id],
      );
      const dues: Partial<ContributionDueEntity>[] = [];
      rows.forEach((r, i) => {
        const enrollment = { id: ids[i].id, scheme: r.scheme, paymentMode: r.mode, declaredMonthlyIncome: r.income, memberOrder: r.memberOrder ?? null } as EnrollmentEntity;
        dues.push(...chargeDues(policy, enrollment, r.category!, r.provinceCode ?? null, r.startDate.slice(0, 7), 12));
      });
      for (let i = 0; i < dues.length; i += 5000) {
        await em2.query(
          `INSERT INTO contribution_due (enrollment_id, period_start, period_end, due_date, months, gross, support, payable, paid, status)
           SELECT d."enrollmentId", d."periodStart"::date, d."periodEnd"::date, d."dueDate"::date, d.months, d.gross, d.support, d.payable, 0, 'OPEN'
             FROM jsonb_to_recordset($1::jsonb) AS d("enrollmentId" int, "periodStart" text, "periodEnd" text, "dueDate" text, months int, gross int, support int, payable int)`,
          [JSON.stringify(dues.slice(i, i + 5000))],
        );
      }
    },
  };
}

export const IMPORTER_FACTORIES: Partial<Record<ImportKind, (em: EntityManager, actor: Actor) => Promise<Importer<any>>>> = {
  persons: personsImporter,
  enrollments: enrollmentsImporter,
};
