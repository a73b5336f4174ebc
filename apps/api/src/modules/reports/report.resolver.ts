import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { LocalDate, Month, OrgLevel, Scheme } from '@bao-phu/domain';
import type { RequestContext } from '../../graphql/context';
import { DateScalar, MonthScalar } from '../../graphql/scalars';
import { SchemeEnum } from '../enrollment/enrollment.types';
import type { OrgUnitEntity } from '../org/org-unit.entity';
import { OrgLevelEnum, OrgUnitType } from '../org/org-unit.types';
import { reportService } from './report.service';
import { HierarchyReportType, type ReportMeasure, ReportMeasureEnum, ReportRowType, ReportTrendType, UnitRankingType } from './report.types';

@Resolver(() => HierarchyReportType)
export class HierarchyReportResolver {
  @Query(() => HierarchyReportType, { description: 'Drill-down report: a unit and each child on a date, as the tree stood (default) or restated in today’s tree' })
  hierarchyReport(
    @Ctx() ctx: RequestContext,
    @Arg('unitId', () => ID) unitId: string,
    @Arg('scheme', () => SchemeEnum) scheme: Scheme,
    @Arg('asOf', () => DateScalar) asOf: LocalDate,
    @Arg('restated', () => Boolean, { nullable: true }) restated: boolean | null,
  ) {
    return reportService.hierarchy(ctx, unitId, scheme, asOf, restated);
  }

  @Query(() => ReportTrendType, { description: 'Monthly series of a unit (today’s tree): participants at each month’s end, target, achievement, new participants' })
  reportTrend(
    @Ctx() ctx: RequestContext,
    @Arg('unitId', () => ID) unitId: string,
    @Arg('scheme', () => SchemeEnum) scheme: Scheme,
    @Arg('from', () => MonthScalar) from: Month,
    @Arg('to', () => MonthScalar) to: Month,
  ) {
    return reportService.trend(ctx, unitId, scheme, from, to);
  }

  @Query(() => UnitRankingType, { description: 'The lowest and highest units of a level under a unit on one measure (default: its children)' })
  unitRanking(
    @Ctx() ctx: RequestContext,
    @Arg('unitId', () => ID) unitId: string,
    @Arg('scheme', () => SchemeEnum) scheme: Scheme,
    @Arg('asOf', () => DateScalar) asOf: LocalDate,
    @Arg('measure', () => ReportMeasureEnum) measure: ReportMeasure,
    @Arg('level', () => OrgLevelEnum, { nullable: true }) level: OrgLevel | null,
    @Arg('take', () => Int, { nullable: true, description: 'How many at each end, 1 to 50 (default 5)' }) take: number | null,
  ) {
    return reportService.ranking(ctx, unitId, scheme, asOf, measure, level, take);
  }

  @FieldResolver(() => OrgUnitType)
  unit(@Root() r: { unit: OrgUnitEntity }) {
    return r.unit;
  }

  @FieldResolver(() => [OrgUnitType], { description: 'The ancestors from the top (as the tree stood, or today’s when restated)' })
  breadcrumb(@Root() r: { breadcrumb: OrgUnitEntity[] }) {
    return r.breadcrumb;
  }
}

@Resolver(() => ReportRowType)
export class ReportRowResolver {
  @FieldResolver(() => OrgUnitType)
  unit(@Root() r: { unit: OrgUnitEntity }) {
    return r.unit;
  }
}
