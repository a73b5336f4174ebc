import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { SortInput } from '../../graphql/list';
import { relationComplexity } from '../../graphql/limits';
import { DateScalar } from '../../graphql/scalars';
import type { OrgUnitEntity } from './org-unit.entity';
import { orgUnitService } from './org-unit.service';
import {
  CreateOrgUnitInput,
  MergeOrgUnitsInput,
  OrgUnitFilter,
  OrgUnitLinkType,
  OrgUnitListType,
  OrgUnitNameType,
  OrgUnitParentSpanType,
  OrgUnitType,
  UnitStatisticType,
  UpdateOrgUnitInput,
} from './org-unit.types';

@Resolver(() => OrgUnitType)
export class OrgUnitResolver {
  @Query(() => OrgUnitType, { nullable: true })
  orgUnit(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return orgUnitService.get(ctx, id);
  }

  @Query(() => OrgUnitListType)
  orgUnits(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => OrgUnitFilter, { nullable: true }) filter: OrgUnitFilter | null,
    @Arg('sort', () => [SortInput], { nullable: true }) sort: SortInput[] | null,
    @Arg('skip', () => Int, { nullable: true }) skip: number | null,
    @Arg('take', () => Int, { nullable: true }) take: number | null,
  ) {
    return orgUnitService.list(ctx, filter, { sort, skip, take });
  }

  @Mutation(() => OrgUnitType)
  createOrgUnit(@Ctx() ctx: RequestContext, @Arg('input', () => CreateOrgUnitInput) input: CreateOrgUnitInput) {
    return orgUnitService.create(ctx, input);
  }

  @Mutation(() => OrgUnitType, { description: 'Corrects code, name or start date without a history entry' })
  updateOrgUnit(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string, @Arg('input', () => UpdateOrgUnitInput) input: UpdateOrgUnitInput) {
    return orgUnitService.update(ctx, id, input);
  }

  @Mutation(() => OrgUnitType, { description: 'Renames from effectiveDate on; the old name stays in the history' })
  renameOrgUnit(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('name', () => String) name: string,
    @Arg('effectiveDate', () => DateScalar) effectiveDate: string,
  ) {
    return orgUnitService.rename(ctx, id, name, effectiveDate);
  }

  @Mutation(() => OrgUnitType, { description: 'Moves the unit and its subtree under another parent from effectiveDate on' })
  moveOrgUnit(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('newParentId', () => ID) newParentId: string,
    @Arg('effectiveDate', () => DateScalar) effectiveDate: string,
  ) {
    return orgUnitService.move(ctx, id, newParentId, effectiveDate);
  }

  @Mutation(() => OrgUnitType, { description: 'Merges units into one; returns the successor' })
  mergeOrgUnits(@Ctx() ctx: RequestContext, @Arg('input', () => MergeOrgUnitsInput) input: MergeOrgUnitsInput) {
    return orgUnitService.merge(ctx, input);
  }

  @Mutation(() => ID, { description: 'Deletes a unit entered by mistake; refused with children, data or history' })
  deleteOrgUnit(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return orgUnitService.delete(ctx, id);
  }

  @FieldResolver(() => OrgUnitType, { nullable: true })
  parent(@Ctx() ctx: RequestContext, @Root() unit: OrgUnitEntity) {
    return unit.parentId === null ? null : ctx.loaders.unitById.load(unit.parentId);
  }

  @FieldResolver(() => [OrgUnitType], { complexity: relationComplexity, description: 'Sorted by name; open ones today unless includeClosed or asOf' })
  children(
    @Ctx() ctx: RequestContext,
    @Root() unit: OrgUnitEntity,
    @Arg('includeClosed', () => Boolean, { nullable: true }) includeClosed: boolean | null,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf: string | null,
  ) {
    return orgUnitService.children(ctx, unit, { includeClosed, asOf });
  }

  @FieldResolver(() => Int, { description: 'Open children today that the caller may see' })
  childCount(@Ctx() ctx: RequestContext, @Root() unit: OrgUnitEntity) {
    return orgUnitService.childCount(ctx, unit);
  }

  @FieldResolver(() => [OrgUnitType], { complexity: relationComplexity, description: 'From the root down, not including the unit' })
  ancestors(@Ctx() ctx: RequestContext, @Root() unit: OrgUnitEntity) {
    return orgUnitService.ancestors(ctx, unit);
  }

  @FieldResolver(() => Boolean)
  closed(@Root() unit: OrgUnitEntity) {
    return unit.validTo !== null;
  }

  @FieldResolver(() => OrgUnitType, { nullable: true, description: 'The successor when there is exactly one' })
  async successor(@Ctx() ctx: RequestContext, @Root() unit: OrgUnitEntity) {
    const list = await ctx.loaders.successors.load(unit.id);
    return list.length === 1 ? list[0].unit : null;
  }

  @FieldResolver(() => [OrgUnitType], { complexity: relationComplexity })
  async successors(@Ctx() ctx: RequestContext, @Root() unit: OrgUnitEntity) {
    return (await ctx.loaders.successors.load(unit.id)).map((l) => l.unit);
  }

  @FieldResolver(() => [OrgUnitType], { complexity: relationComplexity })
  async predecessors(@Ctx() ctx: RequestContext, @Root() unit: OrgUnitEntity) {
    return (await ctx.loaders.predecessors.load(unit.id)).map((l) => l.unit);
  }

  @FieldResolver(() => [OrgUnitLinkType], { complexity: relationComplexity, description: 'Successors with the kind of each link' })
  successorLinks(@Ctx() ctx: RequestContext, @Root() unit: OrgUnitEntity) {
    return ctx.loaders.successors.load(unit.id);
  }

  @FieldResolver(() => [OrgUnitLinkType], { complexity: relationComplexity, description: 'Predecessors with the kind of each link' })
  predecessorLinks(@Ctx() ctx: RequestContext, @Root() unit: OrgUnitEntity) {
    return ctx.loaders.predecessors.load(unit.id);
  }

  @FieldResolver(() => [OrgUnitNameType], { complexity: relationComplexity, description: 'Oldest first' })
  nameHistory(@Ctx() ctx: RequestContext, @Root() unit: OrgUnitEntity) {
    return ctx.loaders.nameHistory.load(unit.id);
  }

  @FieldResolver(() => [OrgUnitParentSpanType], { complexity: relationComplexity, description: 'Oldest first' })
  parentHistory(@Ctx() ctx: RequestContext, @Root() unit: OrgUnitEntity) {
    return ctx.loaders.parentHistory.load(unit.id);
  }

  @FieldResolver(() => [UnitStatisticType], { complexity: relationComplexity, description: 'By year' })
  statistics(@Ctx() ctx: RequestContext, @Root() unit: OrgUnitEntity) {
    return ctx.loaders.statistics.load(unit.id);
  }
}

@Resolver(() => OrgUnitParentSpanType)
export class OrgUnitParentSpanResolver {
  @FieldResolver(() => OrgUnitType, { nullable: true })
  parent(@Ctx() ctx: RequestContext, @Root() span: OrgUnitParentSpanType) {
    return ctx.loaders.unitById.load(span.parentId);
  }
}
