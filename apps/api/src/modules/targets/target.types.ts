import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ALLOCATION_METHODS, TARGET_METRICS, TARGET_STATUSES, type AllocationMethod, type Pace, type Scheme, type TargetMetric, type TargetStatus } from '@bao-phu/domain';
import { listComplexity } from '../../graphql/limits';
import { DateScalar } from '../../graphql/scalars';
import { SchemeEnum } from '../enrollment/enrollment.types';
import { OrgLevelEnum } from '../org/org-unit.types';
import type { OrgLevel } from '@bao-phu/domain';

import { asEnum } from '../../graphql/enums';
export const TargetMetricEnum = asEnum(TARGET_METRICS);
registerEnumType(TargetMetricEnum, { name: 'TargetMetric', description: 'PARTICIPANTS at the end of the period, or NEW_PARTICIPANTS within it' });
export const TargetStatusEnum = asEnum(TARGET_STATUSES);
registerEnumType(TargetStatusEnum, { name: 'TargetStatus' });
export const AllocationMethodEnum = asEnum(ALLOCATION_METHODS);
registerEnumType(AllocationMethodEnum, { name: 'AllocationMethod', description: "How a parent's target is split among its children" });
export const PaceEnum = asEnum(['AHEAD', 'ON_TRACK', 'BEHIND', 'NO_TARGET'] as const);
registerEnumType(PaceEnum, { name: 'Pace', description: 'The year-end forecast against the target: reached, within 5 %, below' });

@ObjectType('Target', { description: "A unit's target for a year (or a quarter or month of it)" })
export class TargetType {
  @Field(() => ID)
  id: number;

  @Field(() => Int)
  year: number;

  @Field(() => Int, { nullable: true, description: 'Set for a quarterly target' })
  quarter: number | null;

  @Field(() => Int, { nullable: true, description: 'Set for a monthly target' })
  month: number | null;

  @Field(() => SchemeEnum)
  scheme: Scheme;

  @Field(() => TargetMetricEnum)
  metric: TargetMetric;

  @Field(() => Int)
  value: number;

  @Field(() => TargetStatusEnum)
  status: TargetStatus;

  @Field(() => Int, { description: '1 for the first value, +1 for each change of value' })
  revision: number;

  @Field(() => Int, { description: 'Send it back as expectedVersion: a save over a newer version is refused (CONFLICT)' })
  version: number;

  @Field(() => Date)
  updatedAt: Date;

  @Field(() => Date, { nullable: true })
  publishedAt: Date | null;
}

@ObjectType('TargetList')
export class TargetListType {
  @Field(() => [TargetType], { complexity: listComplexity })
  items: TargetType[];

  @Field(() => Int)
  totalCount: number;
}

@ObjectType('TargetRevision', { description: 'One change of a target: who, when, what' })
export class TargetRevisionType {
  @Field(() => ID)
  id: number;

  @Field(() => Int)
  revision: number;

  @Field(() => Int)
  value: number;

  @Field(() => Int, { nullable: true })
  previousValue: number | null;

  @Field(() => TargetStatusEnum)
  status: TargetStatus;

  @Field(() => String, { description: 'SET, ALLOCATE, IMPORT or PUBLISH' })
  action: string;

  @Field(() => Boolean, { description: 'Changed after it had been published: a supplementary target' })
  supplementary: boolean;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field(() => String, { nullable: true, description: 'Who made the change' })
  changedBy: string | null;

  @Field(() => Date)
  changedAt: Date;
}

@InputType()
export class TargetFilter {
  @Field(() => ID, { nullable: true })
  unitId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Targets of this unit and its whole subtree' })
  withinId?: string | null;

  @Field(() => ID, { nullable: true, description: "Targets of this unit's children" })
  parentId?: string | null;

  @Field(() => Int, { nullable: true })
  year?: number | null;

  @Field(() => SchemeEnum, { nullable: true })
  scheme?: Scheme | null;

  @Field(() => TargetMetricEnum, { nullable: true })
  metric?: TargetMetric | null;

  @Field(() => TargetStatusEnum, { nullable: true })
  status?: TargetStatus | null;

  @Field(() => OrgLevelEnum, { nullable: true })
  level?: OrgLevel | null;

  @Field(() => Boolean, { nullable: true, description: 'Only whole-year targets (no quarter or month)' })
  yearly?: boolean | null;
}

@InputType()
export class SetTargetInput {
  @Field(() => ID)
  unitId: string;

  @Field(() => Int)
  year: number;

  @Field(() => SchemeEnum)
  scheme: Scheme;

  @Field(() => TargetMetricEnum)
  metric: TargetMetric;

  @Field(() => Int)
  value: number;

  @Field(() => Int, { nullable: true, description: '1–4 for a quarterly target' })
  quarter?: number | null;

  @Field(() => Int, { nullable: true, description: '1–12 for a monthly target' })
  month?: number | null;

  @Field(() => Int, { nullable: true, description: 'The version the user edited; refused with CONFLICT when the target changed since' })
  expectedVersion?: number | null;

  @Field(() => String, { nullable: true, description: 'Why (kept in the history)' })
  note?: string | null;
}

@InputType()
export class AllocateTargetInput {
  @Field(() => ID)
  parentUnitId: string;

  @Field(() => Int)
  year: number;

  @Field(() => SchemeEnum)
  scheme: Scheme;

  @Field(() => TargetMetricEnum)
  metric: TargetMetric;

  @Field(() => AllocationMethodEnum)
  method: AllocationMethod;

  @Field(() => Int, { nullable: true })
  quarter?: number | null;

  @Field(() => Int, { nullable: true })
  month?: number | null;
}

@ObjectType('AllocationRow', { description: 'One child on the allocation sheet' })
export class AllocationRowType {
  @Field(() => Int, { description: "Last year's result: participants on 31 December, or new participants in the year" })
  lastYearActual: number;

  @Field(() => Int, { nullable: true, description: 'People not yet covered (from the unit statistics); null without statistics' })
  potential: number | null;

  @Field(() => Int, { description: 'Participants today' })
  participants: number;
}

@ObjectType('AllocationSheet', { description: "A parent's target and, per open child, what an allocation weighs" })
export class AllocationSheetType {
  @Field(() => Int)
  year: number;

  @Field(() => SchemeEnum)
  scheme: Scheme;

  @Field(() => TargetMetricEnum)
  metric: TargetMetric;

  @Field(() => [AllocationRowType])
  children: AllocationRowType[];

  @Field(() => Int, { description: "Sum of the children's current targets" })
  childrenSum: number;

  @Field(() => Int, { nullable: true, description: "How many the children fall short of the parent's target (0 when they reach it); null without a parent target" })
  shortfall: number | null;

  @Field(() => Boolean, { description: "Whether the caller may change the children's targets" })
  canEdit: boolean;
}

@ObjectType('AchievementRow', { description: 'A unit against its yearly target on a date' })
export class AchievementRowType {
  @Field(() => Int, { nullable: true, description: 'Yearly PARTICIPANTS target' })
  target: number | null;

  @Field(() => TargetStatusEnum, { nullable: true })
  targetStatus: TargetStatus | null;

  @Field(() => Int)
  participants: number;

  @Field(() => Float, { nullable: true, description: 'participants ÷ target, %, rounded half-up to 2 decimals' })
  achievementPct: number | null;

  @Field(() => Int, { nullable: true, description: 'Participants on the comparison date' })
  participantsThen: number | null;

  @Field(() => Float, { nullable: true, description: "Achievement on the comparison date, against that date's year target" })
  achievementPctThen: number | null;

  @Field(() => Float, { nullable: true, description: 'Change of achievement since the comparison date, in percentage points' })
  pointsChange: number | null;

  @Field(() => Int, { description: 'Participants on 1 January of the year' })
  participantsAtYearStart: number;

  @Field(() => Int, { description: 'Participants on the same date last year' })
  lastYearParticipants: number;

  @Field(() => Float, { nullable: true, description: "Last year's achievement on the same date, against last year's target" })
  lastYearAchievementPct: number | null;

  @Field(() => Int, { description: 'New participants since 1 January' })
  newParticipants: number;

  @Field(() => Int, { nullable: true, description: 'Yearly NEW_PARTICIPANTS target' })
  newParticipantsTarget: number | null;

  @Field(() => Int, { description: 'Participants on 31 December if the pace since 1 January holds' })
  forecast: number;

  @Field(() => Float, { nullable: true })
  forecastPct: number | null;

  @Field(() => Float, { nullable: true, description: 'Achievement minus the share of the year elapsed, in points' })
  paceVsYearPoints: number | null;

  @Field(() => PaceEnum)
  pace: Pace;
}

@ObjectType('AchievementBoard', { description: 'A unit and its children against their targets on a date' })
export class AchievementBoardType {
  @Field(() => SchemeEnum)
  scheme: Scheme;

  @Field(() => DateScalar)
  asOf: string;

  @Field(() => DateScalar, { nullable: true })
  compareWith: string | null;

  @Field(() => Float, { description: 'Share of the year elapsed on asOf, %' })
  yearElapsedPct: number;

  @Field(() => AchievementRowType)
  total: AchievementRowType;

  @Field(() => [AchievementRowType])
  children: AchievementRowType[];
}

@InputType()
export class UnitStatisticFilter {
  @Field(() => ID, { nullable: true })
  unitId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Statistics of this unit and its subtree' })
  withinId?: string | null;

  @Field(() => Int, { nullable: true })
  year?: number | null;

  @Field(() => OrgLevelEnum, { nullable: true })
  level?: OrgLevel | null;
}

@InputType()
export class SetUnitStatisticInput {
  @Field(() => ID)
  unitId: string;

  @Field(() => Int)
  year: number;

  @Field(() => Int, { nullable: true })
  population?: number | null;

  @Field(() => Int, { nullable: true })
  workingAgePopulation?: number | null;

  @Field(() => Int, { nullable: true })
  households?: number | null;

  @Field(() => Int, { nullable: true })
  healthInsured?: number | null;

  @Field(() => Int, { nullable: true, description: 'The version the user edited; CONFLICT when it changed since' })
  expectedVersion?: number | null;
}
