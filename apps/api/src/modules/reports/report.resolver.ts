import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { LocalDate, Scheme } from '@bao-phu/domain';
import type { RequestContext } from '../../graphql/context';
import { DateScalar } from '../../graphql/scalars';
import { SchemeEnum } from '../enrollment/enrollment.types';
import type { OrgUnitEntity } from '../org/org-unit.entity';
import { OrgUnitType } from '../org/org-unit.types';
import { reportService } from './report.service';
import { HierarchyReportType, ReportRowType } from './report.types';

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
