import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { LocalDate } from '@bao-phu/domain';
import type { RequestContext } from '../../graphql/context';
import { fanout } from '../../graphql/limits';
import { SortInput } from '../../graphql/list';
import { rowById, rowsBy } from '../../graphql/row-loaders';
import { DateScalar } from '../../graphql/scalars';
import { EnrollmentType } from '../enrollment/enrollment.types';
import type { OrgUnitEntity } from '../org/org-unit.entity';
import { OrgUnitType } from '../org/org-unit.types';
import { HouseholdType, PersonType } from '../people/person.types';
import { CampaignHamletEntity, CampaignMemberEntity, CampaignSessionEntity, type CampaignEntity, type VisitEntity } from './campaign.entity';
import { campaignService } from './campaign.service';
import {
  CampaignDayReportType,
  CampaignFilter,
  CampaignListType,
  CampaignMemberInput,
  CampaignMemberType,
  CampaignPriorityType,
  CampaignResultsType,
  CampaignSessionType,
  CampaignTotalsType,
  CampaignType,
  CreateCampaignInput,
  LogVisitInput,
  VisitListType,
  VisitType,
} from './campaign.types';
import { PersonEntity, HouseholdEntity } from '../people/person.entity';

@Resolver(() => CampaignType)
export class CampaignResolver {
  @Query(() => CampaignListType, { description: 'Campaigns in communes of the caller’s scope' })
  campaigns(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => CampaignFilter, { nullable: true }) filter: CampaignFilter | null,
    @Arg('sort', () => [SortInput], { nullable: true }) sort: SortInput[] | null,
    @Arg('skip', () => Int, { nullable: true }) skip: number | null,
    @Arg('take', () => Int, { nullable: true }) take: number | null,
  ) {
    return campaignService.list(ctx, filter, { sort, skip, take });
  }

  @Query(() => CampaignType, { nullable: true })
  campaign(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return campaignService.get(ctx, id);
  }

  @Query(() => CampaignTotalsType, { description: "The campaigns of a unit's communes over a period: how many, visits, new participants" })
  campaignTotals(@Ctx() ctx: RequestContext, @Arg('unitId', () => ID) unitId: string, @Arg('from', () => DateScalar) from: LocalDate, @Arg('to', () => DateScalar) to: LocalDate) {
    return campaignService.totals(ctx, unitId, from, to);
  }

  @Query(() => CampaignDayReportType, { description: 'The end-of-day report of a campaign day, in Vietnamese' })
  campaignDayReport(@Ctx() ctx: RequestContext, @Arg('campaignId', () => ID) campaignId: string, @Arg('date', () => DateScalar) date: LocalDate) {
    return campaignService.dayReport(ctx, campaignId, date);
  }

  @Query(() => [CampaignPriorityType], { description: 'Where to push: communes ranked by lowest participation per 1,000 working-age people and lowest past conversion' })
  campaignPriorities(@Ctx() ctx: RequestContext, @Arg('unitId', () => ID) unitId: string) {
    return campaignService.priorities(ctx, unitId);
  }

  @Mutation(() => CampaignType)
  createCampaign(@Ctx() ctx: RequestContext, @Arg('input', () => CreateCampaignInput) input: CreateCampaignInput) {
    return campaignService.create(ctx, input);
  }

  @Mutation(() => CampaignMemberType)
  addCampaignMember(@Ctx() ctx: RequestContext, @Arg('campaignId', () => ID) campaignId: string, @Arg('input', () => CampaignMemberInput) input: CampaignMemberInput) {
    return campaignService.addMember(ctx, campaignId, input);
  }

  @Mutation(() => Boolean)
  removeCampaignMember(@Ctx() ctx: RequestContext, @Arg('memberId', () => ID) memberId: string) {
    return campaignService.removeMember(ctx, memberId);
  }

  @Mutation(() => [CampaignSessionType], { description: 'Adds session days (or sets the targets of existing ones); all sessions returned' })
  addCampaignSessions(
    @Ctx() ctx: RequestContext,
    @Arg('campaignId', () => ID) campaignId: string,
    @Arg('dates', () => [DateScalar]) dates: string[],
    @Arg('targetNewVoluntarySI', () => Int, { nullable: true }) vsi: number | null,
    @Arg('targetNewHouseholdHI', () => Int, { nullable: true }) hhi: number | null,
  ) {
    return campaignService.addSessions(ctx, campaignId, dates, { vsi, hhi });
  }

  @Mutation(() => CampaignType, { description: 'Refused with fewer than 5 members' })
  startCampaign(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return campaignService.start(ctx, id);
  }

  @Mutation(() => CampaignType)
  completeCampaign(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return campaignService.complete(ctx, id);
  }

  @Mutation(() => CampaignType)
  cancelCampaign(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return campaignService.cancel(ctx, id);
  }

  @Mutation(() => VisitType, { description: 'Logs a door-to-door visit' })
  logVisit(@Ctx() ctx: RequestContext, @Arg('input', () => LogVisitInput) input: LogVisitInput) {
    return campaignService.logVisit(ctx, input);
  }

  @Mutation(() => EnrollmentType, { description: 'Credits an enrollment made elsewhere to the visit that brought it in' })
  creditEnrollment(@Ctx() ctx: RequestContext, @Arg('enrollmentId', () => ID) enrollmentId: string, @Arg('visitId', () => ID) visitId: string) {
    return campaignService.creditEnrollment(ctx, enrollmentId, visitId);
  }

  @Mutation(() => CampaignDayReportType, { description: "Saves the leader's lessons and records to whom the day's report was sent" })
  saveCampaignDayReport(
    @Ctx() ctx: RequestContext,
    @Arg('campaignId', () => ID) campaignId: string,
    @Arg('date', () => DateScalar) date: LocalDate,
    @Arg('lessons', () => String, { nullable: true }) lessons: string | null,
    @Arg('recipients', () => [String]) recipients: string[],
  ) {
    return campaignService.saveDayReport(ctx, campaignId, date, lessons, recipients);
  }

  @FieldResolver(() => OrgUnitType)
  commune(@Ctx() ctx: RequestContext, @Root() c: CampaignEntity) {
    return ctx.loaders.unitById.load(c.communeId);
  }

  @FieldResolver(() => [OrgUnitType], { complexity: fanout(20) })
  async hamlets(@Ctx() ctx: RequestContext, @Root() c: CampaignEntity) {
    const rows = await rowsBy(ctx, CampaignHamletEntity, 'campaignId').load(c.id);
    const units = await ctx.loaders.unitById.loadMany(rows.map((r) => r.hamletId));
    return (units.filter((u) => u && !(u instanceof Error)) as OrgUnitEntity[]).sort((a, b) => a.code.localeCompare(b.code));
  }

  @FieldResolver(() => [CampaignMemberType], { complexity: fanout(20) })
  members(@Ctx() ctx: RequestContext, @Root() c: CampaignEntity) {
    return rowsBy(ctx, CampaignMemberEntity, 'campaignId', { id: 'ASC' }).load(c.id);
  }

  @FieldResolver(() => [CampaignSessionType], { complexity: fanout(20) })
  sessions(@Ctx() ctx: RequestContext, @Root() c: CampaignEntity) {
    return rowsBy(ctx, CampaignSessionEntity, 'campaignId', { sessionDate: 'ASC' }).load(c.id);
  }

  @FieldResolver(() => CampaignResultsType, { complexity: fanout(20) })
  results(@Ctx() ctx: RequestContext, @Root() c: CampaignEntity) {
    return campaignService.results(ctx, c);
  }

  // Costed by its items (listComplexity, as every list): on this field too, the page was counted twice.
  @FieldResolver(() => VisitListType, { description: 'Newest first' })
  visits(
    @Ctx() ctx: RequestContext,
    @Root() c: CampaignEntity,
    @Arg('skip', () => Int, { nullable: true }) skip: number | null,
    @Arg('take', () => Int, { nullable: true }) take: number | null,
  ) {
    return campaignService.visits(ctx, c, { skip, take });
  }
}

@Resolver(() => VisitType)
export class VisitResolver {
  @FieldResolver(() => PersonType, { nullable: true })
  person(@Ctx() ctx: RequestContext, @Root() v: VisitEntity) {
    return v.personId ? rowById(ctx, PersonEntity).load(v.personId) : null;
  }

  @FieldResolver(() => HouseholdType, { nullable: true })
  household(@Ctx() ctx: RequestContext, @Root() v: VisitEntity) {
    return v.householdId ? rowById(ctx, HouseholdEntity).load(v.householdId) : null;
  }

  @FieldResolver(() => OrgUnitType)
  hamlet(@Ctx() ctx: RequestContext, @Root() v: VisitEntity) {
    return ctx.loaders.unitById.load(v.hamletId);
  }

  @FieldResolver(() => CampaignMemberType)
  member(@Ctx() ctx: RequestContext, @Root() v: VisitEntity) {
    return rowById(ctx, CampaignMemberEntity).load(v.memberId);
  }
}

@Resolver(() => CampaignPriorityType)
export class CampaignPriorityResolver {
  @FieldResolver(() => OrgUnitType)
  unit(@Root() r: { unit: OrgUnitEntity }) {
    return r.unit;
  }
}

@Resolver(() => CampaignTotalsType)
export class CampaignTotalsResolver {
  @FieldResolver(() => OrgUnitType)
  unit(@Root() r: { unit: OrgUnitEntity }) {
    return r.unit;
  }
}
