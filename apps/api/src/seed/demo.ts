import { In, IsNull, type EntityManager } from 'typeorm';
import { OrgUnitEntity, OrgUnitSuccessionEntity, UnitStatisticEntity } from '../modules/org/org-unit.entity';
import { insertOrgUnit, reparent } from '../modules/org/org-unit.service';
import { seedDemoAccounts } from './accounts';
import { seedDemoParticipants, type DemoParticipantsSummary } from './demo-participants';
import { LEGACY_VALID_FROM } from './reference-units';

const REFORM = '2025-07-01';
const DONG_THAP = '82';

/** The Hoa Long base office of CONTRACT.md and the four communes it serves. */
const HOA_LONG = { code: 'BHXH-HOALONG', name: 'BHXH cơ sở Hoa Long', district: '876', communes: ['30208', '30214', '30226', '30235'] };

/**
 * A few other Đồng Tháp base offices, each the successor of a pre-2025 district office and serving
 * the new communes formed mostly from that district.
 */
const OTHER_BASES = [
  { code: 'BHXH-SADEC', name: 'BHXH cơ sở Sa Đéc', district: '867' },
  { code: 'BHXH-CAOLANH', name: 'BHXH cơ sở Cao Lãnh', district: '866' },
  { code: 'BHXH-MYTHO', name: 'BHXH cơ sở Mỹ Tho', district: '815' },
];

export interface DemoSummary extends DemoParticipantsSummary {
  baseOffices: number;
  communesAssigned: number;
  hamlets: number;
  statistics: number;
  accounts: number;
}

/** A small deterministic hash, so the demo is the same on every machine. */
function spread(code: string, salt: number, min: number, max: number): number {
  let h = 2166136261 ^ salt;
  for (const ch of code) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return min + (Math.abs(h) % (max - min + 1));
}

/**
 * The demo data on top of the reference units: Đồng Tháp's base offices (Hoa Long first) with
 * their communes, synthetic hamlets and statistics; then the demo accounts and collection
 * organizations; then the people of the hamlets with their enrollments, dues and payments up to
 * `today` (seed/demo-participants.ts).
 */
export async function seedDemo(em: EntityManager, today: string): Promise<DemoSummary> {
  const units = await seedDemoUnits(em);
  const accounts = await seedDemoAccounts(em);
  return { ...units, accounts, ...(await seedDemoParticipants(em, today)) };
}

/** Đồng Tháp's base offices with their communes, synthetic hamlets ("Ấp 1" …, flagged synthetic) and yearly statistics. */
async function seedDemoUnits(em: EntityManager): Promise<Pick<DemoSummary, 'baseOffices' | 'communesAssigned' | 'hamlets' | 'statistics'>> {
  const units = em.getRepository(OrgUnitEntity);
  const province = await units.findOneBy({ level: 'PROVINCE', code: DONG_THAP, validTo: IsNull() });
  if (!province) throw new Error('The demo seed needs the reference units (Đồng Tháp, code 82): do not set REFERENCE_UNITS=none with SEED=demo');

  const bases: { base: OrgUnitEntity; communes: OrgUnitEntity[] }[] = [];
  const taken = new Set<string>(HOA_LONG.communes);
  for (const spec of [HOA_LONG, ...OTHER_BASES]) {
    const base = await insertOrgUnit(em, { code: spec.code, name: spec.name, level: 'BASE', validFrom: REFORM }, province);
    let codes: string[];
    if ('communes' in spec) {
      codes = spec.communes as string[];
    } else {
      // New communes of the province whose predecessors came mostly from the district.
      const rows: { code: string }[] = await em.query(
        `SELECT cur.code FROM org_unit cur
           JOIN org_unit_succession s ON s.successor_id = cur.id
           JOIN org_unit old ON old.id = s.predecessor_id
           JOIN org_unit d ON d.id = old.parent_id
          WHERE cur.level = 'COMMUNE' AND cur.valid_to IS NULL AND cur.parent_id = $1
          GROUP BY cur.code
         HAVING mode() WITHIN GROUP (ORDER BY d.code) = $2
          ORDER BY cur.code`,
        [province.id, spec.district],
      );
      codes = rows.map((r) => r.code).filter((c) => !taken.has(c));
    }
    codes.forEach((c) => taken.add(c));
    const communes = await units.find({ where: { level: 'COMMUNE', code: In(codes), validTo: IsNull() }, order: { code: 'ASC' } });
    if (communes.length !== codes.length) throw new Error(`Demo seed: communes ${codes.join(', ')} not all found for ${spec.code}`);
    for (const commune of communes) await reparent(em, commune, base, REFORM);
    const district = await units.findOneBy({ level: 'BASE', code: spec.district, validFrom: LEGACY_VALID_FROM });
    if (district) await em.insert(OrgUnitSuccessionEntity, { predecessorId: district.id, successorId: base.id, kind: 'MERGE', effectiveDate: REFORM });
    bases.push({ base, communes: await units.findBy({ id: In(communes.map((c) => c.id)) }) });
  }

  // Synthetic hamlets: no open dataset of hamlets exists (SOURCE.md), so these are made up.
  let hamlets = 0;
  const statistics: Partial<UnitStatisticEntity>[] = [];
  for (const { communes } of bases) {
    for (const commune of communes) {
      const count = spread(commune.code, 1, 4, 8);
      for (let i = 1; i <= count; i++) {
        const code = `${commune.code}-${String(i).padStart(2, '0')}`;
        const hamlet = await insertOrgUnit(em, { code, name: `Ấp ${i}`, level: 'HAMLET', validFrom: REFORM, synthetic: true }, commune);
        hamlets++;
        const population = spread(code, 2, 1_200, 4_500);
        for (const year of [2024, 2025]) {
          statistics.push(stat(hamlet.id, year, population, code));
        }
      }
      const population = spread(commune.code, 3, 18_000, 42_000);
      for (const year of [2024, 2025]) statistics.push(stat(commune.id, year, population, commune.code));
    }
  }
  if (statistics.length) await em.insert(UnitStatisticEntity, statistics);
  return {
    baseOffices: bases.length,
    communesAssigned: bases.reduce((n, b) => n + b.communes.length, 0),
    hamlets,
    statistics: statistics.length,
  };
}

function stat(unitId: number, year: number, base: number, code: string): Partial<UnitStatisticEntity> {
  const population = Math.round(base * (year === 2025 ? 1.011 : 1));
  const workingAge = Math.round(population * (0.58 + spread(code, year, 0, 6) / 100));
  return {
    unitId,
    year,
    population,
    workingAgePopulation: workingAge,
    households: Math.round(population / 3.6),
    healthInsured: Math.round(population * (0.86 + spread(code, year + 7, 0, 8) / 100)),
  };
}
