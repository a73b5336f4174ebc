import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { OrgUnitEntity } from '../org/org-unit.entity';
import { CollectionOrganizationEntity } from './collection-organization.entity';

export const NON_COLLECTION_REASONS = ['NO_MONEY', 'AWAY_FOR_WORK', 'FORGOT', 'WANTS_TO_STOP', 'MOVED_AWAY', 'DECEASED', 'UNREACHABLE', 'PAID_ELSEWHERE', 'ILL', 'OTHER'] as const;
export type NonCollectionReason = (typeof NON_COLLECTION_REASONS)[number];
export const DUE_LIST_KINDS = ['DUE_NEXT_MONTH', 'UNPAID_LAST_MONTH'] as const;
export type DueListKind = (typeof DUE_LIST_KINDS)[number];
export const FOLLOW_UP_OUTCOMES = ['WILL_PAY', 'PAID', 'STOPPED', 'MOVED_AWAY', 'DECEASED', 'NOT_FOUND'] as const;
export type FollowUpOutcome = (typeof FOLLOW_UP_OUTCOMES)[number];

/** A collector (nhân viên thu, cộng tác viên) of a collection organization, serving hamlets or communes. */
@Entity({ name: 'collector' })
export class CollectorEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Index()
  @Column({ name: 'collection_organization_id', type: 'int' })
  collectionOrganizationId: number;

  @ManyToOne(() => CollectionOrganizationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'collection_organization_id' })
  collectionOrganization?: CollectionOrganizationEntity;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Column({ type: 'varchar', length: 15, nullable: true })
  phone: string | null;

  /** Its account, when it has one. */
  @Column({ name: 'user_id', type: 'int', nullable: true })
  userId: number | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A hamlet or commune a collector serves: the people living there are its to visit. */
@Entity({ name: 'collector_area' })
// Who serves a hamlet or commune: the lists look it up per unit (the table grows with the country).
@Index('ix_collector_area_unit', ['unitId'])
export class CollectorAreaEntity {
  @PrimaryColumn({ name: 'collector_id', type: 'int' })
  collectorId: number;

  @ManyToOne(() => CollectorEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'collector_id' })
  collector?: CollectorEntity;

  @PrimaryColumn({ name: 'unit_id', type: 'int' })
  unitId: number;

  @ManyToOne(() => OrgUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: OrgUnitEntity;
}

/**
 * The lists a base office sends on the 25th of `month` to its collection organizations, frozen.
 * Generating again after the data changed makes a new version; earlier versions are kept.
 */
@Entity({ name: 'collection_cycle' })
@Unique('uq_collection_cycle_version', ['baseUnitId', 'month', 'version'])
export class CollectionCycleEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ name: 'base_unit_id', type: 'int' })
  baseUnitId: number;

  @ManyToOne(() => OrgUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'base_unit_id' })
  baseUnit?: OrgUnitEntity;

  /** The month on whose 25th it is sent, `YYYY-MM`. */
  @Index()
  @Column({ type: 'char', length: 7 })
  month: string;

  @Column({ type: 'int' })
  version: number;

  /** A digest of the entries: generating again with the same data gives the same list. */
  @Column({ type: 'varchar', length: 64 })
  fingerprint: string;

  @Column({ name: 'generated_by', type: 'int', nullable: true })
  generatedBy: number | null;

  @CreateDateColumn({ name: 'generated_at', type: 'timestamptz' })
  generatedAt: Date;
}

/** One line of a list: a due of a person, what is owed, and the organization's reason when it was not collected. */
@Entity({ name: 'due_list_entry' })
@Check('ck_due_list_entry_kind', `kind IN ('DUE_NEXT_MONTH', 'UNPAID_LAST_MONTH')`)
@Check(
  'ck_due_list_entry_reason',
  `reason IS NULL OR reason IN ('NO_MONEY', 'AWAY_FOR_WORK', 'FORGOT', 'WANTS_TO_STOP', 'MOVED_AWAY', 'DECEASED', 'UNREACHABLE', 'PAID_ELSEWHERE', 'ILL', 'OTHER')`,
)
@Index('ix_due_list_entry_cycle_org', ['cycleId', 'collectionOrganizationId', 'kind'])
export class DueListEntryEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ name: 'cycle_id', type: 'int' })
  cycleId: number;

  @ManyToOne(() => CollectionCycleEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'cycle_id' })
  cycle?: CollectionCycleEntity;

  @Column({ type: 'varchar', length: 20 })
  kind: DueListKind;

  @Column({ name: 'collection_organization_id', type: 'int', nullable: true })
  collectionOrganizationId: number | null;

  @Column({ name: 'collector_id', type: 'int', nullable: true })
  collectorId: number | null;

  @Index()
  @Column({ name: 'enrollment_id', type: 'int' })
  enrollmentId: number;

  @Column({ name: 'due_id', type: 'int' })
  dueId: number;

  @Column({ name: 'person_id', type: 'int' })
  personId: number;

  @Column({ name: 'hamlet_id', type: 'int' })
  hamletId: number;

  @Column({ name: 'commune_id', type: 'int' })
  communeId: number;

  @Column({ type: 'varchar', length: 16 })
  scheme: string;

  @Column({ name: 'period_start', type: 'date' })
  periodStart: string;

  @Column({ name: 'due_date', type: 'date' })
  dueDate: string;

  /** What is owed on the due when the list was made, whole đồng. */
  @Column({ type: 'int' })
  amount: number;

  @Column({ type: 'varchar', length: 20, nullable: true })
  reason: NonCollectionReason | null;

  @Column({ name: 'reason_note', type: 'varchar', length: 500, nullable: true })
  reasonNote: string | null;

  @Column({ name: 'reason_reported_at', type: 'timestamptz', nullable: true })
  reasonReportedAt: Date | null;

  @Column({ name: 'reason_reported_by', type: 'int', nullable: true })
  reasonReportedBy: number | null;
}

/** A visit to make because of a reason: who goes, by when, and what came of it. */
@Entity({ name: 'follow_up' })
@Check('ck_follow_up_outcome', `outcome IS NULL OR outcome IN ('WILL_PAY', 'PAID', 'STOPPED', 'MOVED_AWAY', 'DECEASED', 'NOT_FOUND')`)
export class FollowUpEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Index()
  @Column({ name: 'entry_id', type: 'int' })
  entryId: number;

  @ManyToOne(() => DueListEntryEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'entry_id' })
  entry?: DueListEntryEntity;

  @Index()
  @Column({ name: 'enrollment_id', type: 'int' })
  enrollmentId: number;

  @Column({ name: 'base_unit_id', type: 'int' })
  baseUnitId: number;

  @Column({ name: 'assignee_user_id', type: 'int', nullable: true })
  assigneeUserId: number | null;

  /** Who goes, as written (a commune official may have no account). */
  @Column({ name: 'assignee_name', type: 'varchar', length: 120, nullable: true })
  assigneeName: string | null;

  @Column({ name: 'due_date', type: 'date' })
  dueDate: string;

  @Column({ type: 'varchar', length: 12, nullable: true })
  outcome: FollowUpOutcome | null;

  /** WILL_PAY: the day they said they would pay. */
  @Column({ name: 'promised_date', type: 'date', nullable: true })
  promisedDate: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ name: 'closed_by', type: 'int', nullable: true })
  closedBy: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
