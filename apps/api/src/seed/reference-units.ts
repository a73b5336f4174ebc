import fs from 'node:fs';
import path from 'node:path';
import type { EntityManager } from 'typeorm';
import { foldVietnamese, previousDay } from '@bao-phu/domain';

/**
 * The official administrative units of Vietnam (reference/vn-admin.json, compacted from two
 * MIT-licensed public datasets: see reference/LICENSES.md): the 34 provinces and 3,321 communes in
 * force since the 2025 reform, and the pre-reform 63 provinces, districts and communes as closed
 * units whose successors follow the official old → new table.
 *
 * Before 2025 each district had its own SI office, the predecessor of today's base offices, so the
 * districts are loaded as closed BASE units named "BHXH <district>".
 */
interface ReferenceData {
  reformDate: string;
  provinces: [code: string, name: string][];
  communes: [code: string, name: string, provinceCode: string][];
  legacyProvinces: [code: string, name: string][];
  legacyDistricts: [code: string, name: string, provinceCode: string][];
  legacyCommunes: [code: string, name: string, districtCode: string, provinceCode: string][];
  communeSuccessions: [oldCode: string, newCode: string, kind: 'MERGE' | 'SPLIT'][];
  provinceSuccessions: [oldCode: string, newCode: string][];
}

/** Pre-reform units' start is not in the data: this date stands for "before our records". */
export const LEGACY_VALID_FROM = '1900-01-01';
export const COUNTRY_CODE = 'VN';

export function readReferenceData(): ReferenceData {
  const file = path.resolve(__dirname, '..', '..', 'reference', 'vn-admin.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as ReferenceData;
}

export interface ReferenceLoadResult {
  unitsInserted: number;
  successionsInserted: number;
}

type Row = { code: string; name: string; key: string; parent: string };

/**
 * Loads the reference units with set-based SQL; idempotent: a unit already present (same level,
 * code and start date) is left as it is, so a second run inserts nothing and a unit renamed or
 * merged by a planner keeps its changes.
 */
export async function loadReferenceUnits(em: EntityManager, data = readReferenceData()): Promise<ReferenceLoadResult> {
  const reform = data.reformDate;
  const legacyTo = previousDay(reform);
  // Provinces hang under the country root (code VN, created by the first migration).
  const rows = (list: [string, string, ...string[]][], parentIndex: number | null, prefix = ''): Row[] =>
    list.map((r) => {
      const name = prefix + r[1];
      return { code: r[0], name, key: foldVietnamese(`${name} ${r[0]}`), parent: parentIndex === null ? COUNTRY_CODE : r[parentIndex] };
    });

  let unitsInserted = 0;
  const insertLevel = async (level: string, list: Row[], validFrom: string, validTo: string | null, parentLevel: string) => {
    const result: { id: number }[] = await em.query(
      `INSERT INTO org_unit (code, name, level, parent_id, path, valid_from, valid_to, search_key, synthetic, version)
       SELECT r.code, r.name, $2::varchar, p.id, '', $3::date, $4::date, r.key, false, 1
         FROM jsonb_to_recordset($1::jsonb) AS r(code text, name text, key text, parent text)
         LEFT JOIN org_unit p ON p.code = r.parent AND p.level = $5::varchar
                             AND p.valid_from <= $3::date AND (p.valid_to IS NULL OR p.valid_to >= $3::date)
        WHERE NOT EXISTS (SELECT 1 FROM org_unit x WHERE x.level = $2::varchar AND x.code = r.code AND x.valid_from = $3::date)
       RETURNING id`,
      [JSON.stringify(list), level, validFrom, validTo, parentLevel],
    );
    unitsInserted += result.length;
    // Paths of the rows just inserted (path = ''), from their parent's path.
    await em.query(
      `UPDATE org_unit c SET path = COALESCE(p.path, '/') || c.id || '/'
         FROM org_unit c2 LEFT JOIN org_unit p ON p.id = c2.parent_id
        WHERE c.id = c2.id AND c.path = ''`,
    );
  };

  await insertLevel('PROVINCE', rows(data.legacyProvinces, null), LEGACY_VALID_FROM, legacyTo, 'COUNTRY');
  await insertLevel('BASE', rows(data.legacyDistricts, 2, 'BHXH '), LEGACY_VALID_FROM, legacyTo, 'PROVINCE');
  await insertLevel('COMMUNE', rows(data.legacyCommunes, 2), LEGACY_VALID_FROM, legacyTo, 'BASE');
  await insertLevel('PROVINCE', rows(data.provinces, null), reform, null, 'COUNTRY');
  await insertLevel('COMMUNE', rows(data.communes, 2), reform, null, 'PROVINCE');

  // Every unit starts with one name span and, under a parent, one parent span.
  await em.query(
    `INSERT INTO org_unit_name (unit_id, name, valid_from, valid_to)
     SELECT u.id, u.name, u.valid_from, u.valid_to FROM org_unit u
      WHERE NOT EXISTS (SELECT 1 FROM org_unit_name n WHERE n.unit_id = u.id)`,
  );
  await em.query(
    `INSERT INTO org_unit_parent (unit_id, parent_id, valid_from, valid_to)
     SELECT u.id, u.parent_id, u.valid_from, u.valid_to FROM org_unit u
      WHERE u.parent_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM org_unit_parent p WHERE p.unit_id = u.id)`,
  );

  // Fresh statistics: planned on the empty table, the succession join below runs for seconds.
  await em.query('ANALYZE org_unit');

  const successions = async (level: string, pairs: { old: string; new: string; kind: string }[]) => {
    const res: unknown[] = await em.query(
      `INSERT INTO org_unit_succession (predecessor_id, successor_id, kind, effective_date)
       SELECT o.id, n.id, r.kind, $3::date
         FROM jsonb_to_recordset($1::jsonb) AS r(old text, new text, kind text)
         JOIN org_unit o ON o.level = $2::varchar AND o.code = r.old AND o.valid_from = $4::date
         JOIN org_unit n ON n.level = $2::varchar AND n.code = r.new AND n.valid_from = $3::date
       ON CONFLICT ON CONSTRAINT uq_org_unit_succession DO NOTHING
       RETURNING id`,
      [JSON.stringify(pairs), level, reform, LEGACY_VALID_FROM],
    );
    return res.length;
  };
  let successionsInserted = await successions(
    'COMMUNE',
    data.communeSuccessions.map(([o, n, kind]) => ({ old: o, new: n, kind })),
  );
  successionsInserted += await successions(
    'PROVINCE',
    data.provinceSuccessions.map(([o, n]) => ({ old: o, new: n, kind: 'MERGE' })),
  );
  return { unitsInserted, successionsInserted };
}
