import { IsNull, type EntityManager } from 'typeorm';
import { allocateTarget, todayInVietnam, type Scheme } from '@bao-phu/domain';
import { OrgUnitEntity } from '../modules/org/org-unit.entity';
import { TargetEntity, TargetRevisionEntity } from '../modules/targets/target.entity';
import { participantsAt } from '../modules/targets/metrics';

const DONG_THAP = '82';

/**
 * Demo targets, as the province would have handed them down: last year's published down to the
 * communes of Hoa Long; this year's published for the province and its base offices, so that base
 * staff have this year's split to their communes to do. Values follow the demo participants (about
 * 12 % growth a year), rounded to tens, so the boards show realistic achievement.
 */
export async function seedDemoTargets(em: EntityManager, today = todayInVietnam()): Promise<number> {
  const units = em.getRepository(OrgUnitEntity);
  const province = await units.findOneBy({ level: 'PROVINCE', code: DONG_THAP, validTo: IsNull() });
  if (!province) return 0;
  const bases = await units.createQueryBuilder('u').where(`u.parent_id = :p AND u.level = 'BASE' AND u.valid_to IS NULL`, { p: province.id }).orderBy('u.code').getMany();
  if (!bases.length) return 0;
  const year = Number(today.slice(0, 4));
  const users: { id: number; username: string }[] = await em.query(`SELECT id, username FROM app_user WHERE username IN ('planner.dongthap', 'staff.hoalong')`);
  const planner = users.find((u) => u.username === 'planner.dongthap')?.id ?? null;
  const staff = users.find((u) => u.username === 'staff.hoalong')?.id ?? null;
  let written = 0;
  const put = async (unitId: number, y: number, scheme: Scheme, metric: 'PARTICIPANTS' | 'NEW_PARTICIPANTS', value: number, by: number | null) => {
    const { identifiers } = await em.insert(TargetEntity, { unitId, year: y, quarter: null, month: null, scheme, metric, value, status: 'PUBLISHED', revision: 1, updatedBy: by, publishedAt: new Date(`${y}-01-15T02:00:00Z`) });
    const targetId = identifiers[0].id as number;
    await em.insert(TargetRevisionEntity, [
      { targetId, revision: 1, value, previousValue: null, status: 'DRAFT', action: 'SET', supplementary: false, note: null, changedBy: by },
      { targetId, revision: 1, value, previousValue: value, status: 'PUBLISHED', action: 'PUBLISH', supplementary: false, note: null, changedBy: by },
    ]);
    written++;
  };
  const round10 = (n: number) => Math.max(10, Math.round(n / 10) * 10);
  for (const scheme of ['VOLUNTARY_SI', 'HOUSEHOLD_HI'] as const) {
    for (const y of [year - 1, year]) {
      // What each base office had at the end of the year before: the basis of the plan.
      const before = await participantsAt(em, bases, scheme, `${y - 1}-12-31`);
      const baseValues = bases.map((b) => round10((before.get(b.id) ?? 0) * 1.12 + 40));
      for (const [i, b] of bases.entries()) {
        await put(b.id, y, scheme, 'PARTICIPANTS', baseValues[i], planner);
        await put(b.id, y, scheme, 'NEW_PARTICIPANTS', round10(baseValues[i] * 0.2), planner);
      }
      await put(province.id, y, scheme, 'PARTICIPANTS', baseValues.reduce((a, b) => a + b, 0), planner);
      // Last year's targets went down to the communes of Hoa Long too.
      const hoaLong = bases.find((b) => b.code === 'BHXH-HOALONG');
      if (y === year - 1 && hoaLong) {
        const communes = await units.createQueryBuilder('u').where(`u.parent_id = :p AND u.level = 'COMMUNE' AND u.valid_to IS NULL`, { p: hoaLong.id }).orderBy('u.code').getMany();
        const weights = await participantsAt(em, communes, scheme, `${y - 1}-12-31`);
        const shares = allocateTarget(
          baseValues[bases.indexOf(hoaLong)],
          communes.map((c) => ({ id: String(c.id), weight: weights.get(c.id) ?? 0 })),
          'PROPORTIONAL_LAST_YEAR',
        );
        for (const s of shares) await put(Number(s.id), y, scheme, 'PARTICIPANTS', s.value, staff);
      }
    }
  }
  return written;
}
