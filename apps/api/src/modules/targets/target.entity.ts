import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { Scheme, TargetMetric, TargetStatus } from '@bao-phu/domain';
import { OrgUnitEntity } from '../org/org-unit.entity';

/**
 * A unit's target for a year (or one quarter or month of it), a scheme and a metric. The row holds
 * the current revision; every change is kept in target_revision. One target per unit, period,
 * scheme and metric (a unique index on the period with its empty quarter/month as 0, made by the
 * migration).
 */
@Entity({ name: 'target' })
@Check('ck_target_scheme', `scheme IN ('VOLUNTARY_SI', 'HOUSEHOLD_HI')`)
@Check('ck_target_metric', `metric IN ('PARTICIPANTS', 'NEW_PARTICIPANTS')`)
@Check('ck_target_status', `status IN ('DRAFT', 'PUBLISHED')`)
@Check('ck_target_value', `value >= 0`)
@Check('ck_target_period', `(quarter IS NULL OR month IS NULL) AND (quarter IS NULL OR quarter BETWEEN 1 AND 4) AND (month IS NULL OR month BETWEEN 1 AND 12)`)
@Index('uq_target_period', { synchronize: false })
@Index('ix_target_year_scheme_metric', ['year', 'scheme', 'metric'])
export class TargetEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Index()
  @Column({ name: 'unit_id', type: 'int' })
  unitId: number;

  @ManyToOne(() => OrgUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: OrgUnitEntity;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'int', nullable: true })
  quarter: number | null;

  @Column({ type: 'int', nullable: true })
  month: number | null;

  @Column({ type: 'varchar', length: 16 })
  scheme: Scheme;

  @Column({ type: 'varchar', length: 20 })
  metric: TargetMetric;

  @Column({ type: 'int' })
  value: number;

  @Column({ type: 'varchar', length: 10 })
  status: TargetStatus;

  /** 1 for the first value; +1 for every change of value (a supplementary target is a new revision). */
  @Column({ type: 'int' })
  revision: number;

  @Column({ name: 'updated_by', type: 'int', nullable: true })
  updatedBy: number | null;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /** Optimistic lock: a save naming an older version is refused with CONFLICT. */
  @VersionColumn({ type: 'int' })
  version: number;
}

export type TargetAction = 'SET' | 'ALLOCATE' | 'IMPORT' | 'PUBLISH';

/** One change of a target: who, when, what value and status it left, and how. */
@Entity({ name: 'target_revision' })
@Check('ck_target_revision_action', `action IN ('SET', 'ALLOCATE', 'IMPORT', 'PUBLISH')`)
export class TargetRevisionEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Index()
  @Column({ name: 'target_id', type: 'int' })
  targetId: number;

  @ManyToOne(() => TargetEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'target_id' })
  target?: TargetEntity;

  @Column({ type: 'int' })
  revision: number;

  @Column({ type: 'int' })
  value: number;

  @Column({ name: 'previous_value', type: 'int', nullable: true })
  previousValue: number | null;

  @Column({ type: 'varchar', length: 10 })
  status: TargetStatus;

  @Column({ type: 'varchar', length: 10 })
  action: TargetAction;

  /** A change made after the target had been published: a supplementary (mid-year) target. */
  @Column({ type: 'boolean', default: false })
  supplementary: boolean;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ name: 'changed_by', type: 'int', nullable: true })
  changedBy: number | null;

  @CreateDateColumn({ name: 'changed_at', type: 'timestamptz' })
  changedAt: Date;
}
