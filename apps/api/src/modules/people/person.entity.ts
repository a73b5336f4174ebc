import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { Sex, SupportCategory } from '@bao-phu/domain';
import { OrgUnitEntity } from '../org/org-unit.entity';

/** A household (hộ gia đình): the unit of the household health insurance ladder. */
@Entity({ name: 'household' })
@Index('uq_household_code', ['code'], { unique: true })
export class HouseholdEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'varchar', length: 40 })
  code: string;

  @Index()
  @Column({ name: 'hamlet_id', type: 'int' })
  hamletId: number;

  @ManyToOne(() => OrgUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'hamlet_id' })
  hamlet?: OrgUnitEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A person who is, was or may become a participant. */
@Entity({ name: 'person' })
@Index('uq_person_citizen_id', ['citizenId'], { unique: true })
@Index('ix_person_search_key_trgm', { synchronize: false })
@Check('ck_person_sex', `sex IN ('MALE', 'FEMALE')`)
@Check('ck_person_support_category', `support_category IN ('POOR', 'NEAR_POOR', 'ETHNIC_MINORITY', 'OTHER')`)
export class PersonEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  /** 12 digits (CCCD), checked against date of birth and sex. */
  @Column({ name: 'citizen_id', type: 'char', length: 12 })
  citizenId: string;

  /** 10-digit social insurance code of older records. */
  @Column({ name: 'si_code', type: 'varchar', length: 10, nullable: true })
  siCode: string | null;

  @Column({ name: 'full_name', type: 'varchar', length: 120 })
  fullName: string;

  /** foldVietnamese(full name): what the name search matches. */
  @Column({ name: 'search_key', type: 'text' })
  searchKey: string;

  @Column({ type: 'varchar', length: 6 })
  sex: Sex;

  @Column({ name: 'date_of_birth', type: 'date' })
  dateOfBirth: string;

  @Column({ type: 'varchar', length: 15, nullable: true })
  phone: string | null;

  @Index()
  @Column({ name: 'hamlet_id', type: 'int' })
  hamletId: number;

  @ManyToOne(() => OrgUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'hamlet_id' })
  hamlet?: OrgUnitEntity;

  @Index()
  @Column({ name: 'household_id', type: 'int', nullable: true })
  householdId: number | null;

  @ManyToOne(() => HouseholdEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'household_id' })
  household?: HouseholdEntity;

  @Column({ name: 'support_category', type: 'varchar', length: 20 })
  supportCategory: SupportCategory;

  @Column({ name: 'support_from', type: 'date', nullable: true })
  supportFrom: string | null;

  @Column({ name: 'support_to', type: 'date', nullable: true })
  supportTo: string | null;

  @Column({ name: 'created_by', type: 'int', nullable: true })
  createdBy: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ type: 'int' })
  version: number;
}
