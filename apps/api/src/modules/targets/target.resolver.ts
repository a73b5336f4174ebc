import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { LocalDate, Scheme, TargetMetric } from '@bao-phu/domain';
import type { RequestContext } from '../../graphql/context';
import { fanout, listComplexity } from '../../graphql/limits';
import { SortInput } from '../../graphql/list';
import { DateScalar } from '../../graphql/scalars';
import { SchemeEnum } from '../enrollment/enrollment.types';
import type { OrgUnitEntity, UnitStatisticEntity } from '../org/org-unit.entity';
import { OrgUnitType, UnitStatisticType } from '../org/org-unit.types';
import { statisticsService } from './statistics.service';
import type { TargetEntity } from './target.entity';
import { targetService } from './target.service';
import {
  AchievementBoardType,
  AchievementRowType,
  AllocateTargetInput,
  AllocationRowType,
  AllocationSheetType,
  SetTargetInput,
  SetUnitStatisticInput,
  TargetFilter,
  TargetListType,
  TargetMetricEnum,
  TargetRevisionType,
  TargetType,
  UnitStatisticFilter,
} from './target.types';

@ObjectType('UnitStatisticList')
export class UnitStatisticListType {
  @Field(() => [UnitStatisticType], { complexity: listComplexity })
  items: UnitStatisticType[];

  @Field(() => Int)
  totalCount: number;
}

@Resolver(() => TargetType)
export class TargetResolver {
  @Query(() => TargetListType, { description: 'Targets of units in the caller’s scope' })
  targets(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => TargetFilter, { nullable: true }) filter: TargetFilter | null,
    @Arg('sort', () => [SortInput], { nullable: true }) sort: SortInput[] | null,
    @Arg('skip', () => Int, { nullable: true }) skip: number | null,
    @Arg('take', () => Int, { nullable: true }) take: number | null,
  ) {
    return targetService.list(ctx, filter, { sort, skip, take });
  }

  @Query(() => TargetType, { nullable: true })
  target(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return targetService.get(ctx, id);
  }

  @Query(() => AllocationSheetType, { description: "A parent's target and, for each open child, last year's result, potential and current target" })
  allocationSheet(
    @Ctx() ctx: RequestContext,
    @Arg('parentUnitId', () => ID) parentUnitId: string,
    @Arg('year', () => Int) year: number,
    @Arg('scheme', () => SchemeEnum) scheme: Scheme,
    @Arg('metric', () => TargetMetricEnum) metric: TargetMetric,
    @Arg('quarter', () => Int, { nullable: true }) quarter: number | null,
    @Arg('month', () => Int, { nullable: true }) month: number | null,
  ) {
    return targetService.sheet(ctx, parentUnitId, { year, scheme, metric, quarter, month });
  }

  @Query(() => AchievementBoardType, { description: 'A unit and its children against their yearly targets on a date (default today)' })
  achievement(
    @Ctx() ctx: RequestContext,
    @Arg('unitId', () => ID) unitId: string,
    @Arg('scheme', () => SchemeEnum) scheme: Scheme,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf: LocalDate | null,
    @Arg('compareWith', () => DateScalar, { nullable: true, description: 'An earlier date: the change in percentage points since then' }) compareWith: LocalDate | null,
  ) {
    return targetService.achievement(ctx, unitId, scheme, asOf, compareWith);
  }

  @Mutation(() => TargetType, { description: 'Creates or changes one target (a draft until published)' })
  setTarget(@Ctx() ctx: RequestContext, @Arg('input', () => SetTargetInput) input: SetTargetInput) {
    return targetService.set(ctx, input);
  }

  @Mutation(() => [TargetType], { description: 'Several targets in one transaction: all or none' })
  setTargets(@Ctx() ctx: RequestContext, @Arg('inputs', () => [SetTargetInput]) inputs: SetTargetInput[]) {
    return targetService.setMany(ctx, inputs);
  }

  @Mutation(() => [TargetType], { description: "Splits the parent's target over its open children as drafts that sum exactly to it" })
  allocateTarget(@Ctx() ctx: RequestContext, @Arg('input', () => AllocateTargetInput) input: AllocateTargetInput) {
    return targetService.allocate(ctx, input);
  }

  @Mutation(() => [TargetType], { description: "Publishes the children's drafts; refused (with the shortfall) when they sum to less than the parent's target" })
  publishTargets(
    @Ctx() ctx: RequestContext,
    @Arg('parentUnitId', () => ID) parentUnitId: string,
    @Arg('year', () => Int) year: number,
    @Arg('scheme', () => SchemeEnum) scheme: Scheme,
    @Arg('metric', () => TargetMetricEnum) metric: TargetMetric,
    @Arg('quarter', () => Int, { nullable: true }) quarter: number | null,
    @Arg('month', () => Int, { nullable: true }) month: number | null,
  ) {
    return targetService.publish(ctx, parentUnitId, { year, scheme, metric, quarter, month });
  }

  @Query(() => UnitStatisticListType, { description: 'Unit statistics in the caller’s scope' })
  unitStatistics(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => UnitStatisticFilter, { nullable: true }) filter: UnitStatisticFilter | null,
    @Arg('sort', () => [SortInput], { nullable: true }) sort: SortInput[] | null,
    @Arg('skip', () => Int, { nullable: true }) skip: number | null,
    @Arg('take', () => Int, { nullable: true }) take: number | null,
  ) {
    return statisticsService.list(ctx, filter, { sort, skip, take });
  }

  @Mutation(() => UnitStatisticType, { description: "Creates or corrects a unit's statistics for a year" })
  setUnitStatistic(@Ctx() ctx: RequestContext, @Arg('input', () => SetUnitStatisticInput) input: SetUnitStatisticInput) {
    return statisticsService.set(ctx, input);
  }

  @FieldResolver(() => OrgUnitType)
  unit(@Ctx() ctx: RequestContext, @Root() t: TargetEntity) {
    return ctx.loaders.unitById.load(t.unitId);
  }

  @FieldResolver(() => [TargetRevisionType], { complexity: fanout(10), description: 'Every change, newest first' })
  history(@Ctx() ctx: RequestContext, @Root() t: TargetEntity) {
    return targetService.history(ctx, t).then((rows) => rows.map((r) => ({ ...r, changedBy: r.changedByName })));
  }
}

@Resolver(() => AllocationSheetType)
export class AllocationSheetResolver {
  @FieldResolver(() => OrgUnitType)
  parent(@Root() s: { parent: OrgUnitEntity }) {
    return s.parent;
  }

  @FieldResolver(() => TargetType, { nullable: true })
  parentTarget(@Root() s: { parentTarget: TargetEntity | null }) {
    return s.parentTarget;
  }
}

@Resolver(() => AllocationRowType)
export class AllocationRowResolver {
  @FieldResolver(() => OrgUnitType)
  unit(@Root() r: { unit: OrgUnitEntity }) {
    return r.unit;
  }

  @FieldResolver(() => TargetType, { nullable: true })
  target(@Root() r: { target: TargetEntity | null }) {
    return r.target;
  }
}

@Resolver(() => AchievementRowType)
export class AchievementRowResolver {
  @FieldResolver(() => OrgUnitType)
  unit(@Root() r: { unit: OrgUnitEntity }) {
    return r.unit;
  }
}

@Resolver(() => AchievementBoardType)
export class AchievementBoardResolver {
  @FieldResolver(() => OrgUnitType)
  unit(@Root() r: { unit: OrgUnitEntity }) {
    return r.unit;
  }
}

@Resolver(() => UnitStatisticType)
export class UnitStatisticResolver {
  @FieldResolver(() => OrgUnitType)
  unit(@Ctx() ctx: RequestContext, @Root() s: UnitStatisticEntity) {
    return ctx.loaders.unitById.load(s.unitId);
  }
}
