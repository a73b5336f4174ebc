import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { OrgLevel, Scheme } from '@bao-phu/domain';
import { asEnum } from '../../graphql/enums';
import { DateScalar, MonthScalar } from '../../graphql/scalars';
import { SchemeEnum } from '../enrollment/enrollment.types';
import { OrgLevelEnum } from '../org/org-unit.types';

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

export const REPORT_MEASURES = [
  'PARTICIPANTS',
  'ACHIEVEMENT_PCT',
  'NEW_PARTICIPANTS',
  'LAPSED',
  'GROWTH_SINCE_YEAR_START_PCT',
  'GROWTH_SINCE_LAST_YEAR_PCT',
  'POINTS_CHANGE_SINCE_LAST_YEAR',
  'ON_TIME_RATE_PCT',
  'HI_COVERAGE_PCT',
  'CAMPAIGN_ENROLLMENTS',
] as const;
export type ReportMeasure = (typeof REPORT_MEASURES)[number];
export const ReportMeasureEnum = asEnum(REPORT_MEASURES);
registerEnumType(ReportMeasureEnum, { name: 'ReportMeasure', description: 'A figure of a report row that units can be ranked on' });

@ObjectType('TrendPoint', { description: 'A unit at the end of a month (or today, for the current month)' })
export class TrendPointType {
  @Field(() => MonthScalar)
  month: string;

  @Field(() => DateScalar, { description: 'The date counted: the last day of the month, or today in the current month' })
  asOf: string;

  @Field(() => Int)
  participants: number;

  @Field(() => Int, { nullable: true, description: 'Yearly PARTICIPANTS target of the month’s year' })
  target: number | null;

  @Field(() => Float, { nullable: true })
  achievementPct: number | null;

  @Field(() => Int, { description: 'New participants in the month' })
  newParticipants: number;

  @Field(() => Int, { description: 'Participants on the same date a year earlier' })
  participantsLastYear: number;
}

@ObjectType('ReportTrend', { description: 'Monthly series of a unit: participants and achievement' })
export class ReportTrendType {
  @Field(() => SchemeEnum)
  scheme: Scheme;

  @Field(() => [TrendPointType])
  points: TrendPointType[];
}

@ObjectType('RankedRow')
export class RankedRowType {
  @Field(() => Int, { description: '1 is the lowest (in lowest) or the highest (in highest)' })
  rank: number;

  @Field(() => Float, { description: 'The measure of the unit' })
  value: number;

  @Field(() => ReportRowType)
  row: ReportRowType;
}

@ObjectType('UnitRanking', { description: 'The lowest and highest units of one level under a unit on one measure (today’s tree)' })
export class UnitRankingType {
  @Field(() => ReportMeasureEnum)
  measure: ReportMeasure;

  @Field(() => OrgLevelEnum)
  level: OrgLevel;

  @Field(() => DateScalar)
  asOf: string;

  @Field(() => Int, { description: 'Units of the level under the unit' })
  units: number;

  @Field(() => Int, { description: 'Units left out because the measure has no value (no target, no statistics, nothing due)' })
  unranked: number;

  @Field(() => [RankedRowType], { description: 'Ascending; ties by unit code' })
  lowest: RankedRowType[];

  @Field(() => [RankedRowType], { description: 'Descending; ties by unit code' })
  highest: RankedRowType[];
}
