import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { Scheme } from '@bao-phu/domain';
import { DateScalar } from '../../graphql/scalars';
import { SchemeEnum } from '../enrollment/enrollment.types';

@ObjectType('ReportRow', { description: 'A unit on a date: participants against the target, growth, collection, coverage, campaigns' })
export class ReportRowType {
  @Field(() => Int, { description: 'Persons with a paid contribution covering the month of the date, paid by the date (DESIGN.md §6)' })
  participants: number;

  @Field(() => Int, { nullable: true, description: 'Yearly PARTICIPANTS target of the unit' })
  target: number | null;

  @Field(() => Float, { nullable: true })
  achievementPct: number | null;

  @Field(() => Int, { description: 'New participants since 1 January' })
  newParticipants: number;

  @Field(() => Int, { description: 'Participants on 31 December who are not participants on the date' })
  lapsed: number;

  @Field(() => Int)
  participantsAtYearStart: number;

  @Field(() => Int, { description: 'Participants on the same date last year' })
  participantsLastYear: number;

  @Field(() => Int)
  growthSinceYearStart: number;

  @Field(() => Float, { nullable: true })
  growthSinceYearStartPct: number | null;

  @Field(() => Int)
  growthSinceLastYear: number;

  @Field(() => Float, { nullable: true })
  growthSinceLastYearPct: number | null;

  @Field(() => Float, { nullable: true, description: "Last year's achievement on the same date" })
  lastYearAchievementPct: number | null;

  @Field(() => Float, { nullable: true, description: 'Achievement change since the same date last year, percentage points' })
  pointsChangeSinceLastYear: number | null;

  @Field(() => Int, { description: 'Dues falling due from 1 January to the date (waived and cancelled left out)' })
  duesFallingDue: number;

  @Field(() => Int)
  duesPaidOnTime: number;

  @Field(() => Float, { nullable: true, description: 'On-time collection rate since 1 January, %' })
  onTimeRatePct: number | null;

  @Field(() => Int, { nullable: true })
  population: number | null;

  @Field(() => Int, { nullable: true })
  healthInsured: number | null;

  @Field(() => Float, { nullable: true, description: 'Health-insured ÷ population (unit statistics), %' })
  hiCoveragePct: number | null;

  @Field(() => Int, { description: 'Campaigns with a session since 1 January' })
  campaigns: number;

  @Field(() => Int, { description: 'Enrollments of the scheme credited to campaigns since 1 January' })
  campaignEnrollments: number;
}

@ObjectType('HierarchyReport', { description: 'A unit and its children on a date; the unit’s counts are the sums of its children’s' })
export class HierarchyReportType {
  @Field(() => DateScalar)
  asOf: string;

  @Field(() => SchemeEnum)
  scheme: Scheme;

  @Field(() => Boolean, { description: "True: regrouped in today's tree; false: the tree as it stood on asOf" })
  restated: boolean;

  @Field(() => ReportRowType)
  total: ReportRowType;

  @Field(() => [ReportRowType])
  children: ReportRowType[];
}
