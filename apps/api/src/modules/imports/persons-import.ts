import type { EntityManager } from 'typeorm';
import { checkCitizenId, foldVietnamese, parseLocalDate, SUPPORT_CATEGORIES, type SupportCategory } from '@bao-phu/domain';
import { localize, type LocalizedText } from '../../common/errors';
import type { MessageKey } from '../../common/messages';

export const PERSON_COLUMNS = ['citizenId', 'fullName', 'dateOfBirth', 'sex', 'hamletCode', 'phone', 'householdCode', 'supportCategory'] as const;

export interface PersonRow {
  citizenId: string;
  fullName: string;
  searchKey: string;
  dateOfBirth: string;
  sex: 'MALE' | 'FEMALE';
  hamletId: number;
  phone: string | null;
  householdCode: string | null;
  supportCategory: SupportCategory;
}

const CITIZEN_ID_KEYS: Record<string, MessageKey> = {
  FORMAT: 'person.citizenId.format',
  PROVINCE: 'person.citizenId.province',
  CENTURY_MISMATCH: 'person.citizenId.century',
  SEX_MISMATCH: 'person.citizenId.sex',
  YEAR_MISMATCH: 'person.citizenId.year',
};
const SEXES: Record<string, 'MALE' | 'FEMALE'> = { male: 'MALE', nam: 'MALE', female: 'FEMALE', 'nữ': 'FEMALE', nu: 'FEMALE' };

/** A cell that a spreadsheet would run as a formula: refused, never stored. */
export const FORMULA_RE = /^[=+\-@\t\r]/;

export type RowResult = { ok: true; row: PersonRow } | { ok: false; message: LocalizedText };

/** A refused row: the column's name before the message, in both languages. Every importer uses it. */
export const problem = (column: string, key: MessageKey, params: Record<string, string | number> = {}): { ok: false; message: LocalizedText } => {
  const m = localize(key, params);
  return { ok: false, message: { vi: `${column}: ${m.vi}`, en: `${column}: ${m.en}` } };
};

/** Checks one CSV row of persons (values in PERSON_COLUMNS order) against the same rules as createPerson. */
export function checkPersonRow(values: Record<string, string>, hamlets: Map<string, number>, today: string): RowResult {
  for (const column of PERSON_COLUMNS) if (FORMULA_RE.test(values[column] ?? '')) return problem(column, 'import.formula');
  const fullName = (values.fullName ?? '').replace(/\s+/g, ' ').trim();
  if (!fullName) return problem('fullName', 'common.required');
  if (fullName.length > 120) return problem('fullName', 'common.tooLong', { max: 120 });
  const dateOfBirth = parseLocalDate(values.dateOfBirth ?? '');
  if (!dateOfBirth) return problem('dateOfBirth', 'common.invalidDate');
  if (dateOfBirth > today) return problem('dateOfBirth', 'person.dateOfBirth.future');
  const sex = SEXES[(values.sex ?? '').trim().toLowerCase()];
  if (!sex) return problem('sex', 'import.sex');
  const citizenId = (values.citizenId ?? '').trim();
  const idProblem = checkCitizenId(citizenId, { dateOfBirth, sex });
  if (idProblem) return problem('citizenId', CITIZEN_ID_KEYS[idProblem]);
  const hamletId = hamlets.get((values.hamletCode ?? '').trim());
  if (hamletId === undefined) return problem('hamletCode', 'import.hamlet', { code: values.hamletCode ?? '' });
  const phoneText = (values.phone ?? '').replace(/[\s.]/g, '');
  if (phoneText && !/^0\d{9,10}$/.test(phoneText)) return problem('phone', 'person.phone.invalid');
  const householdCode = (values.householdCode ?? '').trim() || null;
  if (householdCode && !/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/.test(householdCode)) return problem('householdCode', 'org.code.invalid');
  const category = ((values.supportCategory ?? '').trim().toUpperCase() || 'OTHER') as SupportCategory;
  if (!SUPPORT_CATEGORIES.includes(category)) return problem('supportCategory', 'import.supportCategory');
  return {
    ok: true,
    row: { citizenId, fullName, searchKey: foldVietnamese(fullName), dateOfBirth, sex, hamletId, phone: phoneText || null, householdCode, supportCategory: category },
  };
}

/**
 * Merges the trigram index's pending list into the index, so the name search is fast again at
 * once (PGlite never autovacuums; PostgreSQL would only at its next autovacuum).
 */
export async function flushPersonSearchIndex(em: EntityManager): Promise<void> {
  await em.query(`SELECT gin_clean_pending_list('ix_person_search_key_trgm'::regclass)`);
}

/** Citizen IDs of `ids` already in the register. */
export async function existingCitizenIds(em: EntityManager, ids: string[]): Promise<Set<string>> {
  const rows: { citizen_id: string }[] = await em.query('SELECT citizen_id FROM person WHERE citizen_id = ANY($1)', [ids]);
  return new Set(rows.map((r) => r.citizen_id));
}

/** Writes a batch of checked rows set-based: households first (created when new), then people. */
export async function insertPersons(em: EntityManager, rows: PersonRow[], createdBy: number): Promise<void> {
  const payload = JSON.stringify(rows);
  await em.query(
    `INSERT INTO household (code, hamlet_id)
     SELECT DISTINCT ON (r."householdCode") r."householdCode", r."hamletId"
       FROM jsonb_to_recordset($1::jsonb) AS r("householdCode" text, "hamletId" int)
      WHERE r."householdCode" IS NOT NULL
     ON CONFLICT (code) DO NOTHING`,
    [payload],
  );
  await em.query(
    `INSERT INTO person (citizen_id, full_name, search_key, sex, date_of_birth, phone, hamlet_id, household_id, support_category, created_by, version)
     SELECT r."citizenId", r."fullName", r."searchKey", r.sex, r."dateOfBirth"::date, r.phone, r."hamletId", h.id, r."supportCategory", $2::int, 1
       FROM jsonb_to_recordset($1::jsonb) AS r("citizenId" text, "fullName" text, "searchKey" text, sex text, "dateOfBirth" text,
                                               phone text, "hamletId" int, "householdCode" text, "supportCategory" text)
       LEFT JOIN household h ON h.code = r."householdCode"`,
    [payload, createdBy],
  );
}
