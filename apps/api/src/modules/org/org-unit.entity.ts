import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { OrgLevel } from '@bao-phu/domain';

/** A unit of the organization tree: province, base office, commune or hamlet. */
@Entity({ name: 'org_unit' })
@Check('ck_org_unit_level', `level IN ('COUNTRY', 'PROVINCE', 'BASE', 'COMMUNE', 'HAMLET')`)
// One country: the root, the scope of national administrators.
@Index('uq_org_unit_country', ['level'], { unique: true, where: `level = 'COUNTRY'` })
@Check('ck_org_unit_validity', `valid_to IS NULL OR valid_to >= valid_from`)
// A code is unique among open units: a closed unit's code may be reused (post-2025 communes keep
// the code of one of the communes they were formed from).
@Index('uq_org_unit_open_code', ['code'], { unique: true, where: 'valid_to IS NULL' })
// Trigram index for the diacritic-insensitive `q` search; created by the migration (pg_trgm).
@Index('ix_org_unit_code_level', ['code', 'level'])
@Index('ix_org_unit_search_key_trgm', { synchronize: false })
@Index('ix_org_unit_path', { synchronize: false })
export class OrgUnitEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'varchar', length: 40 })
  code: string;

  /** The name today; earlier names are in org_unit_name. */
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  level: OrgLevel;

  @Index()
  @Column({ name: 'parent_id', type: 'int', nullable: true })
  parentId: number | null;

  @ManyToOne(() => OrgUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id' })
  parent?: OrgUnitEntity;

  /** Ids from the root down to this unit, "/1/52/700/": a subtree is a prefix match. */
  @Column({ type: 'text' })
  path: string;

  @Column({ name: 'valid_from', type: 'date' })
  validFrom: string;

  /** The last day the unit was open (inclusive); null while it is open. */
  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo: string | null;

  /** foldVietnamese(name + ' ' + code): what the diacritic-insensitive search matches. */
  @Column({ name: 'search_key', type: 'text' })
  searchKey: string;

  /** Made up by the demo seed (hamlets "Ấp 1" …): the UI says so. */
  @Column({ type: 'boolean', default: false })
  synthetic: boolean;

  @VersionColumn({ type: 'int' })
  version: number;
}

/** A span of a unit's name: rename closes one span and opens the next. */
@Entity({ name: 'org_unit_name' })
export class OrgUnitNameEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Index()
  @Column({ name: 'unit_id', type: 'int' })
  unitId: number;

  @ManyToOne(() => OrgUnitEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'unit_id' })
  unit?: OrgUnitEntity;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'valid_from', type: 'date' })
  validFrom: string;

  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo: string | null;
}

/** A span of a unit's parent: a move closes one span and opens the next. */
@Entity({ name: 'org_unit_parent' })
// Reports ask whether anything moved after their date (ReportRollups migration).
@Index('ix_org_unit_parent_valid_from', ['validFrom'])
@Index('ix_org_unit_parent_valid_to', ['validTo'])
export class OrgUnitParentEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Index()
  @Column({ name: 'unit_id', type: 'int' })
  unitId: number;

  @ManyToOne(() => OrgUnitEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'unit_id' })
  unit?: OrgUnitEntity;

  @Index()
  @Column({ name: 'parent_id', type: 'int' })
  parentId: number;

  @ManyToOne(() => OrgUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id' })
  parent?: OrgUnitEntity;

  @Column({ name: 'valid_from', type: 'date' })
  validFrom: string;

  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo: string | null;
}

export type SuccessionKind = 'MERGE' | 'SPLIT';

/** predecessor → successor: MERGE when the whole predecessor went in, SPLIT when a part did. */
@Entity({ name: 'org_unit_succession' })
@Unique('uq_org_unit_succession', ['predecessorId', 'successorId'])
@Check('ck_org_unit_succession_kind', `kind IN ('MERGE', 'SPLIT')`)
export class OrgUnitSuccessionEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Index()
  @Column({ name: 'predecessor_id', type: 'int' })
  predecessorId: number;

  @ManyToOne(() => OrgUnitEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'predecessor_id' })
  predecessor?: OrgUnitEntity;

  @Index()
  @Column({ name: 'successor_id', type: 'int' })
  successorId: number;

  @ManyToOne(() => OrgUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'successor_id' })
  successor?: OrgUnitEntity;

  @Column({ type: 'varchar', length: 8 })
  kind: SuccessionKind;

  @Column({ name: 'effective_date', type: 'date' })
  effectiveDate: string;
}

/** Yearly denominators of a unit, from outside sources. */
@Entity({ name: 'unit_statistic' })
@Unique('uq_unit_statistic_unit_year', ['unitId', 'year'])
@Check(
  'ck_unit_statistic_values',
  `(population IS NULL OR population >= 0) AND (working_age_population IS NULL OR working_age_population >= 0) AND (households IS NULL OR households >= 0) AND (health_insured IS NULL OR health_insured >= 0)`,
)
export class UnitStatisticEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ name: 'unit_id', type: 'int' })
  unitId: number;

  @ManyToOne(() => OrgUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: OrgUnitEntity;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'int', nullable: true })
  population: number | null;

  @Column({ name: 'working_age_population', type: 'int', nullable: true })
  workingAgePopulation: number | null;

  @Column({ type: 'int', nullable: true })
  households: number | null;

  @Column({ name: 'health_insured', type: 'int', nullable: true })
  healthInsured: number | null;

  @Column({ name: 'updated_by', type: 'int', nullable: true })
  updatedBy: number | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /** Optimistic lock: a save naming an older version is refused with CONFLICT. */
  @VersionColumn({ type: 'int' })
  version: number;
}
