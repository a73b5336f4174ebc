import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PAYMENT_MODES, SCHEMES, type PaymentMode, type Scheme } from '@bao-phu/domain';
import { DateScalar } from '../../graphql/scalars';
import type { DueStatus, EnrollmentStatus } from './enrollment.entity';

import { asEnum } from '../../graphql/enums';
export const SchemeEnum = asEnum(SCHEMES);
registerEnumType(SchemeEnum, { name: 'Scheme', description: 'Voluntary social insurance or household health insurance' });
export const PaymentModeEnum = asEnum(PAYMENT_MODES);
registerEnumType(PaymentModeEnum, { name: 'PaymentMode' });
export const EnrollmentStatusEnum = asEnum(['ACTIVE', 'LAPSED', 'STOPPED', 'DECEASED'] as const);
registerEnumType(EnrollmentStatusEnum, { name: 'EnrollmentStatus' });
export const DueStatusEnum = asEnum(['OPEN', 'PAID', 'LATE_PAID', 'WAIVED', 'CANCELLED'] as const);
registerEnumType(DueStatusEnum, { name: 'DueStatus' });

@ObjectType('ContributionDue', { description: 'One payment period: owed, due by, paid' })
export class ContributionDueType {
  @Field(() => ID)
  id: number;

  @Field(() => DateScalar)
  periodStart: string;

  @Field(() => DateScalar)
  periodEnd: string;

  @Field(() => DateScalar)
  dueDate: string;

  @Field(() => Int)
  months: number;

  @Field(() => Int)
  gross: number;

  @Field(() => Int)
  support: number;

  @Field(() => Int)
  payable: number;

  @Field(() => Int)
  paid: number;

  @Field(() => DueStatusEnum)
  status: DueStatus;
}

@ObjectType('Payment')
export class PaymentType {
  @Field(() => ID)
  id: number;

  @Field(() => Int)
  amount: number;

  @Field(() => DateScalar)
  paidOn: string;

  @Field(() => String, { nullable: true })
  receiptNo: string | null;
}

@ObjectType('Enrollment')
export class EnrollmentType {
  @Field(() => ID)
  id: number;

  @Field(() => SchemeEnum)
  scheme: Scheme;

  @Field(() => EnrollmentStatusEnum)
  status: EnrollmentStatus;

  @Field(() => DateScalar)
  startDate: string;

  @Field(() => DateScalar, { nullable: true })
  endDate: string | null;

  @Field(() => Int, { nullable: true })
  declaredMonthlyIncome: number | null;

  @Field(() => PaymentModeEnum)
  paymentMode: PaymentMode;

  @Field(() => Int, { nullable: true, description: 'Household HI: place in the household\'s joining order (ladder)' })
  memberOrder: number | null;

  @Field(() => DateScalar, { nullable: true, description: 'When it was credited to its campaign' })
  creditedOn: string | null;

  personId: number;
  collectionOrganizationId: number | null;
}

@InputType()
export class EnrollInput {
  @Field(() => ID)
  personId: string;

  @Field(() => SchemeEnum)
  scheme: Scheme;

  @Field(() => DateScalar)
  startDate: string;

  @Field(() => Int, { nullable: true, description: 'Voluntary SI only' })
  declaredMonthlyIncome?: number | null;

  @Field(() => PaymentModeEnum)
  paymentMode: PaymentMode;

  @Field(() => ID, { nullable: true })
  collectionOrganizationId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The campaign that brought the person in: the enrollment is credited to it' })
  campaignId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The door-to-door visit it comes from: credited to its campaign and member' })
  visitId?: string | null;

  @Field(() => Int, { nullable: true, description: 'YEARS_AHEAD / REMAINING_YEARS: years covered (1–5)' })
  years?: number | null;
}

@InputType()
export class RecordPaymentInput {
  @Field(() => ID)
  enrollmentId: string;

  @Field(() => Int)
  amount: number;

  @Field(() => DateScalar)
  paidOn: string;

  @Field(() => String, { nullable: true })
  receiptNo?: string | null;

  @Field(() => String, { nullable: true, description: 'Same key on a retry: the payment is not recorded twice' })
  idempotencyKey?: string | null;
}
