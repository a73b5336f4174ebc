import { QueryFailedError } from 'typeorm';
import { DomainError, FieldErrors } from '../../common/errors';
import type { RequestContext } from '../../graphql/context';
import { runList, SortDirection, type ListArgs, type Page } from '../../graphql/list';
import { recordAudit } from '../audit/audit.service';
import { forbidden, inScope, requireRole } from '../auth/actor';
import type { RoleName } from '../auth/user.entity';
import { OrgUnitEntity, UnitStatisticEntity } from '../org/org-unit.entity';
import { parseUnitId } from '../org/org-unit.service';
import { MAX_YEAR, MIN_YEAR, TARGET_READERS } from './target.service';
import type { SetUnitStatisticInput, UnitStatisticFilter } from './target.types';

export const STATISTIC_WRITERS: readonly RoleName[] = ['ADMIN', 'PROVINCE_PLANNER', 'BASE_STAFF'];
const FIELDS = ['population', 'workingAgePopulation', 'households', 'healthInsured'] as const;
export type StatisticField = (typeof FIELDS)[number];

/** Checks the figures of a unit's year together: whole numbers ≥ 0, parts not above the population. */
export function checkStatistic(values: Partial<Record<StatisticField, number | null>>, errors: FieldErrors, prefix = ''): void {
  for (const f of FIELDS) {
    const v = values[f];
    if (v != null && (!Number.isSafeInteger(v) || v < 0)) errors.add(`${prefix}${f}`, 'statistic.value.negative');
  }
  const population = values.population;
  if (population != null) {
    for (const f of ['workingAgePopulation', 'healthInsured', 'households'] as const) {
      const v = values[f];
      if (v != null && v > population && !errors.has(`${prefix}${f}`)) errors.add(`${prefix}${f}`, 'statistic.abovePopulation');
    }
  }
}

/** Unit statistics (population, working-age population, households, health-insured): the denominators of potential and coverage. */
export class StatisticsService {
  async list(ctx: RequestContext, filter: UnitStatisticFilter | null | undefined, args: ListArgs): Promise<Page<UnitStatisticEntity>> {
    const actor = requireRole(ctx, TARGET_READERS);
    const f = filter ?? {};
    const qb = ctx.ds
      .getRepository(UnitStatisticEntity)
      .createQueryBuilder('s')
      .innerJoin(OrgUnitEntity, 'u', 'u.id = s.unit_id')
      .where('u.path LIKE :scope AND u.valid_to IS NULL', { scope: `${actor.scopePath}%` });
    if (f.unitId) qb.andWhere('s.unit_id = :unitId', { unitId: parseUnitId(f.unitId, 'filter.unitId') });
    if (f.withinId) {
      const within = await ctx.loaders.unitById.load(parseUnitId(f.withinId, 'filter.withinId'));
      if (!within) throw DomainError.notFound('OrgUnit', f.withinId);
      qb.andWhere('u.path LIKE :within', { within: `${within.path}%` });
    }
    if (f.year != null) qb.andWhere('s.year = :year', { year: f.year });
    if (f.level) qb.andWhere('u.level = :level', { level: f.level });
    return runList(
      qb,
      args,
      { year: 's.year', unitCode: 'u.code', unitName: 'u.name', population: 's.population', workingAgePopulation: 's.working_age_population' },
      [
        { field: 'unitCode', direction: SortDirection.ASC },
        { field: 'year', direction: SortDirection.DESC },
      ],
      's.id',
    );
  }

  /** Creates or corrects a unit's statistics for a year; figures left out keep their value. */
  async set(ctx: RequestContext, input: SetUnitStatisticInput): Promise<UnitStatisticEntity> {
    const actor = requireRole(ctx, STATISTIC_WRITERS);
    const errors = new FieldErrors();
    const unit = await ctx.loaders.unitById.load(parseUnitId(input.unitId, 'unitId'));
    if (!unit) throw DomainError.notFound('OrgUnit', input.unitId);
    if (!Number.isInteger(input.year) || input.year < MIN_YEAR || input.year > MAX_YEAR) errors.add('year', 'target.year.range', { min: MIN_YEAR, max: MAX_YEAR });
    if (unit.validTo !== null) errors.add('unitId', 'target.unit.closed', { name: unit.name, date: unit.validTo });
    errors.throwIfAny();
    if (!inScope(actor, unit.path)) throw forbidden();
    try {
      return await ctx.ds.transaction(async (em) => {
        const repo = em.getRepository(UnitStatisticEntity);
        const existing = await repo.createQueryBuilder('s').setLock('pessimistic_write').where('s.unit_id = :unitId AND s.year = :year', { unitId: unit.id, year: input.year }).getOne();
        if (input.expectedVersion != null && (existing?.version ?? 0) !== input.expectedVersion) throw new DomainError('CONFLICT', 'statistic.conflict');
        const next: Record<StatisticField, number | null> = {
          population: existing?.population ?? null,
          workingAgePopulation: existing?.workingAgePopulation ?? null,
          households: existing?.households ?? null,
          healthInsured: existing?.healthInsured ?? null,
        };
        for (const f of FIELDS) if (input[f] !== undefined) next[f] = input[f] ?? null;
        checkStatistic(next, errors);
        errors.throwIfAny();
        let id: number;
        if (existing) {
          await repo.update({ id: existing.id }, { ...next, updatedBy: actor.id });
          id = existing.id;
        } else {
          const { identifiers } = await repo.insert({ unitId: unit.id, year: input.year, ...next, updatedBy: actor.id });
          id = identifiers[0].id as number;
        }
        const before = existing ? Object.fromEntries(FIELDS.map((f) => [f, existing[f]])) : null;
        await recordAudit(em, ctx, { action: 'unitStatistic.set', entity: 'unitStatistic', entityId: id, scopePath: unit.path, before, after: { year: input.year, ...next } });
        return repo.findOneByOrFail({ id });
      });
    } catch (err) {
      if (err instanceof QueryFailedError && (err.driverError as { constraint?: string }).constraint === 'uq_unit_statistic_unit_year') throw new DomainError('CONFLICT', 'statistic.conflict');
      throw err;
    }
  }
}

export const statisticsService = new StatisticsService();
