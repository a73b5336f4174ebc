import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, VersionColumn } from 'typeorm';
import type { PaymentMode, Scheme } from '@bao-phu/domain';
import { CampaignEntity, CampaignMemberEntity } from '../campaigns/campaign.entity';
import { CollectorEntity } from '../collection/cycle.entity';
import { CollectionOrganizationEntity } from '../collection/collection-organization.entity';
import { PersonEntity } from '../people/person.entity';

export type EnrollmentStatus = 'ACTIVE' | 'LAPSED' | 'STOPPED' | 'DECEASED';
export type DueStatus = 'OPEN' | 'PAID' | 'LATE_PAID' | 'WAIVED' | 'CANCELLED';

/** A person's participation in one scheme. */
@Entity({ name: 'enrollment' })
@Check('ck_enrollment_scheme', `scheme IN ('VOLUNTARY_SI', 'HOUSEHOLD_HI')`)
@Check('ck_enrollment_status', `status IN ('ACTIVE', 'LAPSED', 'STOPPED', 'DECEASED')`)
// One running enrollment per person and scheme; a lapsed or stopped one may be followed by another.
@Index('uq_enrollment_active', ['personId', 'scheme'], { unique: true, where: `status = 'ACTIVE'` })
export class EnrollmentEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Index()
  @Column({ name: 'person_id', type: 'int' })
  personId: number;

  @ManyToOne(() => PersonEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id' })
  person?: PersonEntity;

  @Column({ type: 'varchar', length: 16 })
  scheme: Scheme;

  @Column({ type: 'varchar', length: 10 })
  status: EnrollmentStatus;

  @Column({ name: 'start_date', type: 'date' })
  startDate: string;

  @Column({ name: 'end_date', type: 'date', nullable: true })
  endDate: string | null;

  /** VSI: the monthly income chosen as the contribution basis, whole đồng. */
  @Column({ name: 'declared_monthly_income', type: 'int', nullable: true })
  declaredMonthlyIncome: number | null;

  @Column({ name: 'payment_mode', type: 'varchar', length: 16 })
  paymentMode: PaymentMode;

  /** Household HI: the member's place in the household's joining order of the fiscal year. */
  @Column({ name: 'member_order', type: 'int', nullable: true })
  memberOrder: number | null;

  @Column({ name: 'collection_organization_id', type: 'int', nullable: true })
  collectionOrganizationId: number | null;

  @ManyToOne(() => CollectionOrganizationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'collection_organization_id' })
  collectionOrganization?: CollectionOrganizationEntity;

  /** The collector who visits the person to collect (its organization's staff or hamlet agent). */
  @Column({ name: 'collector_id', type: 'int', nullable: true })
  collectorId: number | null;

  @ManyToOne(() => CollectorEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'collector_id' })
  collector?: CollectorEntity;

  /** The campaign that brought the person in, the member credited, and the day it was credited. */
  @Index()
  @Column({ name: 'campaign_id', type: 'int', nullable: true })
  campaignId: number | null;

  @ManyToOne(() => CampaignEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'campaign_id' })
  campaign?: CampaignEntity;

  @Column({ name: 'campaign_member_id', type: 'int', nullable: true })
  campaignMemberId: number | null;

  @ManyToOne(() => CampaignMemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'campaign_member_id' })
  campaignMember?: CampaignMemberEntity;

  /** The door-to-door visit it was made from, if any. */
  @Index()
  @Column({ name: 'visit_id', type: 'int', nullable: true })
  visitId: number | null;

  @Column({ name: 'credited_on', type: 'date', nullable: true })
  creditedOn: string | null;

  /** The account that registered it. */
  @Column({ name: 'registered_by', type: 'int', nullable: true })
  registeredBy: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @VersionColumn({ type: 'int' })
  version: number;
}

/** One payment period of an enrollment: what is owed, by when, and how much is paid. */
@Entity({ name: 'contribution_due' })
@Unique('uq_contribution_due_period', ['enrollmentId', 'periodStart'])
@Check('ck_contribution_due_status', `status IN ('OPEN', 'PAID', 'LATE_PAID', 'WAIVED', 'CANCELLED')`)
@Check('ck_contribution_due_paid', `paid >= 0 AND paid <= payable`)
// The open dues of an enrollment: what the collection lists and the daily jobs look for.
@Index('ix_contribution_due_open', ['enrollmentId'], { where: `status = 'OPEN'` })
export class ContributionDueEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ name: 'enrollment_id', type: 'int' })
  enrollmentId: number;

  @ManyToOne(() => EnrollmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enrollment_id' })
  enrollment?: EnrollmentEntity;

  @Column({ name: 'period_start', type: 'date' })
  periodStart: string;

  @Column({ name: 'period_end', type: 'date' })
  periodEnd: string;

  @Index()
  @Column({ name: 'due_date', type: 'date' })
  dueDate: string;

  @Column({ type: 'int' })
  months: number;

  @Column({ type: 'int' })
  gross: number;

  @Column({ type: 'int' })
  support: number;

  @Column({ type: 'int' })
  payable: number;

  @Column({ type: 'int', default: 0 })
  paid: number;

  @Column({ type: 'varchar', length: 10 })
  status: DueStatus;

  /** The day the due became fully paid. */
  @Column({ name: 'settled_on', type: 'date', nullable: true })
  settledOn: string | null;
}

/** Money received for an enrollment; it settles the oldest open dues first. */
@Entity({ name: 'payment' })
@Index('uq_payment_receipt', ['collectionOrganizationKey', 'receiptNo'], { unique: true, where: 'receipt_no IS NOT NULL' })
@Index('uq_payment_idempotency_key', ['idempotencyKey'], { unique: true, where: 'idempotency_key IS NOT NULL' })
@Check('ck_payment_amount', 'amount > 0')
export class PaymentEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Index()
  @Column({ name: 'enrollment_id', type: 'int' })
  enrollmentId: number;

  @ManyToOne(() => EnrollmentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'enrollment_id' })
  enrollment?: EnrollmentEntity;

  @Column({ type: 'int' })
  amount: number;

  @Column({ name: 'paid_on', type: 'date' })
  paidOn: string;

  @Column({ name: 'receipt_no', type: 'varchar', length: 40, nullable: true })
  receiptNo: string | null;

  /** The collection organization's id, or 0 for payments taken by the SI office (receipts are unique per key). */
  @Column({ name: 'collection_organization_key', type: 'int', default: 0 })
  collectionOrganizationKey: number;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 80, nullable: true })
  idempotencyKey: string | null;

  @Column({ name: 'recorded_by', type: 'int', nullable: true })
  recordedBy: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** How much of a payment went to which due. */
@Entity({ name: 'payment_allocation' })
export class PaymentAllocationEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Index()
  @Column({ name: 'payment_id', type: 'int' })
  paymentId: number;

  @ManyToOne(() => PaymentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'payment_id' })
  payment?: PaymentEntity;

  @Index()
  @Column({ name: 'due_id', type: 'int' })
  dueId: number;

  @ManyToOne(() => ContributionDueEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'due_id' })
  due?: ContributionDueEntity;

  @Column({ type: 'int' })
  amount: number;
}
