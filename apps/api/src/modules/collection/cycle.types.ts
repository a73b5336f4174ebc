import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { listComplexity } from '../../graphql/limits';
import { DateScalar, MonthScalar, MoneyScalar } from '../../graphql/scalars';
import { SchemeEnum } from '../enrollment/enrollment.types';
import type { Scheme } from '@bao-phu/domain';
import { DUE_LIST_KINDS, FOLLOW_UP_OUTCOMES, NON_COLLECTION_REASONS, type DueListKind, type FollowUpOutcome, type NonCollectionReason } from './cycle.entity';

import { asEnum } from '../../graphql/enums';
export const NonCollectionReasonEnum = asEnum(NON_COLLECTION_REASONS);
registerEnumType(NonCollectionReasonEnum, { name: 'NonCollectionReason', description: 'Why a payment was not collected' });
export const DueListKindEnum = asEnum(DUE_LIST_KINDS);
registerEnumType(DueListKindEnum, { name: 'DueListKind' });
export const FollowUpOutcomeEnum = asEnum(FOLLOW_UP_OUTCOMES);
registerEnumType(FollowUpOutcomeEnum, { name: 'FollowUpOutcome', description: 'What a follow-up visit found' });
export const CycleGroupingEnum = asEnum(['COMMUNE', 'HAMLET', 'COLLECTOR'] as const);
registerEnumType(CycleGroupingEnum, { name: 'CycleGrouping' });

@ObjectType('CollectionCycle', { description: "A base office's lists of a month, sent on its 25th; frozen (a new generation after changes is a new version)" })
export class CollectionCycleType {
  @Field(() => ID)
  id: number;

  @Field(() => MonthScalar)
  month: string;

  @Field(() => Int)
  version: number;

  @Field(() => Date)
  generatedAt: Date;
}

@ObjectType('DueListEntry', { description: 'A due on a list: who, what is owed, and why it was not collected' })
export class DueListEntryType {
  @Field(() => ID)
  id: number;

  @Field(() => DueListKindEnum)
  kind: DueListKind;

  @Field(() => Int, { description: 'Owed when the list was made, đồng' })
  amount: number;

  @Field(() => NonCollectionReasonEnum, { nullable: true })
  reason: NonCollectionReason | null;

  @Field(() => String, { nullable: true })
  reasonNote: string | null;

  @Field(() => Date, { nullable: true })
  reasonReportedAt: Date | null;

  @Field(() => SchemeEnum)
  scheme: Scheme;

  @Field(() => DateScalar)
  periodStart: string;

  @Field(() => DateScalar)
  dueDate: string;
}

@ObjectType('Collector')
export class CollectorType {
  @Field(() => ID)
  id: number;

  @Field(() => String)
  name: string;

  @Field(() => String, { nullable: true })
  phone: string | null;

  @Field(() => Boolean)
  active: boolean;
}

@ObjectType('CollectorList')
export class CollectorListType {
  @Field(() => [CollectorType], { complexity: listComplexity })
  items: CollectorType[];

  @Field(() => Int)
  totalCount: number;
}

@ObjectType('FollowUp', { description: 'A visit a reason calls for' })
export class FollowUpType {
  @Field(() => ID)
  id: number;

  @Field(() => DateScalar)
  dueDate: string;

  @Field(() => String, { nullable: true })
  assigneeName: string | null;

  @Field(() => FollowUpOutcomeEnum, { nullable: true, description: 'Null while open' })
  outcome: FollowUpOutcome | null;

  @Field(() => DateScalar, { nullable: true })
  promisedDate: string | null;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field(() => Date, { nullable: true })
  closedAt: Date | null;
}

@ObjectType('FollowUpList')
export class FollowUpListType {
  @Field(() => [FollowUpType], { complexity: listComplexity })
  items: FollowUpType[];

  @Field(() => Int)
  totalCount: number;
}

@ObjectType('CycleSummaryRow', { description: 'One organization and kind of list: entries, amount, reasons missing' })
export class CycleSummaryRowType {
  @Field(() => ID, { nullable: true, description: 'Null: enrollments without a collection organization' })
  organizationId: number | null;

  @Field(() => String, { nullable: true })
  organizationCode: string | null;

  @Field(() => String, { nullable: true })
  organizationName: string | null;

  @Field(() => DueListKindEnum)
  kind: DueListKind;

  @Field(() => Int)
  entries: number;

  @Field(() => MoneyScalar)
  amount: number;

  @Field(() => Int, { description: 'Unpaid entries still without a reason' })
  reasonsMissing: number;

  @Field(() => DateScalar, { description: 'Reasons are due by the 20th of the next month' })
  reasonsDeadline: string;

  @Field(() => Boolean, { description: 'Past the deadline with reasons missing' })
  late: boolean;
}

@ObjectType('CycleGroupRow')
export class CycleGroupRowType {
  @Field(() => ID, { nullable: true })
  id: number | null;

  @Field(() => String, { nullable: true })
  label: string | null;

  @Field(() => Int)
  entries: number;

  @Field(() => MoneyScalar)
  amount: number;
}

@ObjectType('OnTimeCollectionRow', { description: 'Dues falling due in a month paid in full by their due date' })
export class OnTimeCollectionRowType {
  @Field(() => MonthScalar)
  month: string;

  @Field(() => Int)
  due: number;

  @Field(() => Int)
  paidOnTime: number;

  @Field(() => Float, { nullable: true, description: '%, rounded half-up to 2 decimals; null when nothing fell due' })
  ratePct: number | null;

  @Field(() => Boolean, { nullable: true, description: 'At or above the 98 % goal' })
  meetsGoal: boolean | null;
}

@InputType()
export class CreateCollectorInput {
  @Field(() => ID)
  organizationId: string;

  @Field(() => String)
  name: string;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => ID, { nullable: true })
  userId?: string | null;

  @Field(() => [ID], { description: 'Hamlets or communes it serves' })
  areaIds: string[];
}
