import DataLoader from 'dataloader';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { fanout } from '../../graphql/limits';
import { requestLoader, rowById, rowsBy } from '../../graphql/row-loaders';
import { DateScalar, MonthScalar } from '../../graphql/scalars';
import { CollectionOrganizationType } from '../auth/auth.types';
import { EnrollmentEntity } from '../enrollment/enrollment.entity';
import { EnrollmentType } from '../enrollment/enrollment.types';
import { OrgUnitType } from '../org/org-unit.types';
import { PersonEntity } from '../people/person.entity';
import { PersonType } from '../people/person.types';
import { CollectionOrganizationEntity } from './collection-organization.entity';
import { CollectorAreaEntity, CollectorEntity, DueListEntryEntity, FollowUpEntity, type CollectionCycleEntity, type DueListKind, type FollowUpOutcome, type NonCollectionReason } from './cycle.entity';
import { cycleService } from './cycle.service';
import {
  CollectionCycleType,
  CollectorListType,
  CollectorType,
  CreateCollectorInput,
  CycleGroupingEnum,
  CycleGroupRowType,
  CycleSummaryRowType,
  DueListEntryType,
  DueListKindEnum,
  FollowUpListType,
  FollowUpOutcomeEnum,
  FollowUpType,
  NonCollectionReasonEnum,
  OnTimeCollectionRowType,
} from './cycle.types';
import { SortInput } from '../../graphql/list';

@Resolver(() => CollectionCycleType)
export class CollectionCycleResolver {
  @Query(() => CollectionCycleType, { nullable: true, description: 'The latest version of a base office’s cycle for a month; null when none was generated' })
  collectionCycle(@Ctx() ctx: RequestContext, @Arg('baseUnitId', () => ID) baseUnitId: string, @Arg('month', () => MonthScalar) month: string) {
    return cycleService.current(ctx, baseUnitId, month);
  }

  @Mutation(() => CollectionCycleType, { description: 'Freezes the lists of the month (the same data gives the same version back)' })
  generateCollectionCycle(@Ctx() ctx: RequestContext, @Arg('baseUnitId', () => ID) baseUnitId: string, @Arg('month', () => MonthScalar) month: string) {
    return cycleService.generate(ctx, baseUnitId, month);
  }

  @Query(() => [OnTimeCollectionRowType], { description: 'On-time collection rate per month (goal 98 %)' })
  onTimeCollection(
    @Ctx() ctx: RequestContext,
    @Arg('unitId', () => ID) unitId: string,
    @Arg('from', () => MonthScalar) from: string,
    @Arg('to', () => MonthScalar) to: string,
    @Arg('organizationId', () => ID, { nullable: true }) organizationId: string | null,
  ) {
    return cycleService.onTime(ctx, unitId, from, to, organizationId);
  }

  @Query(() => FollowUpListType, { description: 'Follow-up visits of a base office' })
  followUps(
    @Ctx() ctx: RequestContext,
    @Arg('baseUnitId', () => ID) baseUnitId: string,
    @Arg('open', () => Boolean, { nullable: true }) open: boolean | null,
    @Arg('assigneeUserId', () => ID, { nullable: true }) assigneeUserId: string | null,
    @Arg('sort', () => [SortInput], { nullable: true }) sort: SortInput[] | null,
    @Arg('skip', () => Int, { nullable: true }) skip: number | null,
    @Arg('take', () => Int, { nullable: true }) take: number | null,
  ) {
    return cycleService.followUps(ctx, { baseUnitId, open, assigneeUserId }, { sort, skip, take });
  }

  @Query(() => CollectorListType)
  collectors(
    @Ctx() ctx: RequestContext,
    @Arg('organizationId', () => ID, { nullable: true }) organizationId: string | null,
    @Arg('withinId', () => ID, { nullable: true }) withinId: string | null,
    @Arg('skip', () => Int, { nullable: true }) skip: number | null,
    @Arg('take', () => Int, { nullable: true }) take: number | null,
  ) {
    return cycleService.collectors(ctx, { organizationId, withinId }, { skip, take });
  }

  @Mutation(() => CollectorType)
  createCollector(@Ctx() ctx: RequestContext, @Arg('input', () => CreateCollectorInput) input: CreateCollectorInput) {
    return cycleService.createCollector(ctx, input);
  }

  @Mutation(() => Int, { description: 'Sets (or, with no collector, clears) the collector of enrollments; answers how many' })
  assignCollector(@Ctx() ctx: RequestContext, @Arg('enrollmentIds', () => [ID]) enrollmentIds: string[], @Arg('collectorId', () => ID, { nullable: true }) collectorId: string | null) {
    return cycleService.assignCollector(ctx, enrollmentIds, collectorId);
  }

  @Mutation(() => DueListEntryType, { description: "The collection organization's reason for not collecting; a reason that calls for it opens a follow-up" })
  reportNonCollection(
    @Ctx() ctx: RequestContext,
    @Arg('entryId', () => ID) entryId: string,
    @Arg('reason', () => NonCollectionReasonEnum) reason: NonCollectionReason,
    @Arg('note', () => String, { nullable: true }) note: string | null,
  ) {
    return cycleService.reportNonCollection(ctx, entryId, reason, note);
  }

  @Mutation(() => FollowUpType)
  assignFollowUp(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('assigneeUserId', () => ID, { nullable: true }) assigneeUserId: string | null,
    @Arg('assigneeName', () => String, { nullable: true }) assigneeName: string | null,
    @Arg('dueDate', () => DateScalar, { nullable: true }) dueDate: string | null,
  ) {
    return cycleService.assignFollowUp(ctx, id, { assigneeUserId, assigneeName, dueDate });
  }

  @Mutation(() => FollowUpType, { description: 'What the visit found; STOPPED, MOVED_AWAY and DECEASED end the enrollment' })
  closeFollowUp(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('outcome', () => FollowUpOutcomeEnum) outcome: FollowUpOutcome,
    @Arg('promisedDate', () => DateScalar, { nullable: true }) promisedDate: string | null,
    @Arg('note', () => String, { nullable: true }) note: string | null,
  ) {
    return cycleService.closeFollowUp(ctx, id, { outcome, promisedDate, note });
  }

  @FieldResolver(() => OrgUnitType)
  baseUnit(@Ctx() ctx: RequestContext, @Root() c: CollectionCycleEntity) {
    return ctx.loaders.unitById.load(c.baseUnitId);
  }

  @FieldResolver(() => [DueListEntryType], { complexity: fanout(100), description: 'A collector sees only its organization’s entries; paged (default 1,000, at most 5,000)' })
  entries(
    @Ctx() ctx: RequestContext,
    @Root() c: CollectionCycleEntity,
    @Arg('organizationId', () => ID, { nullable: true }) organizationId: string | null,
    @Arg('kind', () => DueListKindEnum, { nullable: true }) kind: DueListKind | null,
    @Arg('communeId', () => ID, { nullable: true }) communeId: string | null,
    @Arg('withoutReason', () => Boolean, { nullable: true }) withoutReason: boolean | null,
    @Arg('skip', () => Int, { nullable: true }) skip: number | null,
    @Arg('take', () => Int, { nullable: true }) take: number | null,
  ) {
    return cycleService.entries(ctx, c, { organizationId, kind, communeId, withoutReason, skip, take });
  }

  @FieldResolver(() => [CycleSummaryRowType], { complexity: fanout(10) })
  summary(@Ctx() ctx: RequestContext, @Root() c: CollectionCycleEntity) {
    return cycleService.summary(ctx, c);
  }

  @FieldResolver(() => [CycleGroupRowType], { complexity: fanout(50) })
  groups(
    @Ctx() ctx: RequestContext,
    @Root() c: CollectionCycleEntity,
    @Arg('by', () => CycleGroupingEnum) by: 'COMMUNE' | 'HAMLET' | 'COLLECTOR',
    @Arg('organizationId', () => ID, { nullable: true }) organizationId: string | null,
    @Arg('kind', () => DueListKindEnum, { nullable: true }) kind: DueListKind | null,
  ) {
    return cycleService.groups(ctx, c, by, { organizationId, kind });
  }
}

@Resolver(() => DueListEntryType)
export class DueListEntryResolver {
  @FieldResolver(() => PersonType)
  person(@Ctx() ctx: RequestContext, @Root() e: DueListEntryEntity & { person?: PersonEntity }) {
    return e.person ?? rowById(ctx, PersonEntity).load(e.personId);
  }

  @FieldResolver(() => OrgUnitType)
  hamlet(@Ctx() ctx: RequestContext, @Root() e: DueListEntryEntity) {
    return ctx.loaders.unitById.load(e.hamletId);
  }

  @FieldResolver(() => OrgUnitType)
  commune(@Ctx() ctx: RequestContext, @Root() e: DueListEntryEntity) {
    return ctx.loaders.unitById.load(e.communeId);
  }

  @FieldResolver(() => CollectionOrganizationType, { nullable: true })
  collectionOrganization(@Ctx() ctx: RequestContext, @Root() e: DueListEntryEntity & { collectionOrganization?: CollectionOrganizationEntity | null }) {
    if (e.collectionOrganization !== undefined) return e.collectionOrganization;
    return e.collectionOrganizationId ? rowById(ctx, CollectionOrganizationEntity).load(e.collectionOrganizationId) : null;
  }

  @FieldResolver(() => CollectorType, { nullable: true })
  collector(@Ctx() ctx: RequestContext, @Root() e: DueListEntryEntity & { collector?: CollectorEntity | null }) {
    if (e.collector !== undefined) return e.collector;
    return e.collectorId ? rowById(ctx, CollectorEntity).load(e.collectorId) : null;
  }

  @FieldResolver(() => FollowUpType, { nullable: true, description: 'The follow-up its reason opened' })
  followUp(@Ctx() ctx: RequestContext, @Root() e: DueListEntryEntity & { followUp?: FollowUpEntity | null }) {
    if (e.followUp !== undefined) return e.followUp;
    return rowsBy(ctx, FollowUpEntity, 'entryId', { id: 'ASC' }).load(e.id).then((rows) => rows[0] ?? null);
  }

  @FieldResolver(() => DateScalar, { nullable: true, description: 'The day the person promised to pay at the last follow-up of this enrollment (WILL_PAY)' })
  async promisedDate(@Ctx() ctx: RequestContext, @Root() e: DueListEntryEntity & { promisedDate?: string | null }) {
    if (e.promisedDate !== undefined) return e.promisedDate;
    // Outside the cycle's own list (which reads it with its entries), one statement for the page.
    return requestLoader(ctx, 'follow_up#promised', () =>
      new DataLoader<number, string | null>(async (enrollmentIds) => {
        const rows: { enrollment_id: number; promised_date: string | null }[] = await ctx.ds.query(
          `SELECT DISTINCT ON (enrollment_id) enrollment_id, promised_date FROM follow_up
            WHERE enrollment_id = ANY($1) AND outcome = 'WILL_PAY' ORDER BY enrollment_id, closed_at DESC`,
          [enrollmentIds],
        );
        const byId = new Map(rows.map((r) => [r.enrollment_id, r.promised_date]));
        return enrollmentIds.map((id) => byId.get(id) ?? null);
      }),
    ).load(e.enrollmentId);
  }
}

@Resolver(() => FollowUpType)
export class FollowUpResolver {
  @FieldResolver(() => DueListEntryType)
  entry(@Ctx() ctx: RequestContext, @Root() f: FollowUpEntity) {
    return rowById(ctx, DueListEntryEntity).load(f.entryId);
  }

  @FieldResolver(() => EnrollmentType)
  enrollment(@Ctx() ctx: RequestContext, @Root() f: FollowUpEntity) {
    return rowById(ctx, EnrollmentEntity).load(f.enrollmentId);
  }
}

@Resolver(() => CollectorType)
export class CollectorResolver {
  @FieldResolver(() => CollectionOrganizationType)
  collectionOrganization(@Ctx() ctx: RequestContext, @Root() c: CollectorEntity) {
    return rowById(ctx, CollectionOrganizationEntity).load(c.collectionOrganizationId);
  }

  @FieldResolver(() => [OrgUnitType], { complexity: fanout(20) })
  async areas(@Ctx() ctx: RequestContext, @Root() c: CollectorEntity) {
    const rows = await rowsBy(ctx, CollectorAreaEntity, 'collectorId').load(c.id);
    const units = await ctx.loaders.unitById.loadMany(rows.map((r) => r.unitId));
    return units.filter((u) => u && !(u instanceof Error));
  }
}

