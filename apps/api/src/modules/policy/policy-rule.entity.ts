import { Column, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** One value of a contribution parameter and the days it is in force (DOMAIN-RULES.md). */
@Entity({ name: 'policy_rule' })
@Index('ix_policy_rule_parameter', ['parameter', 'effectiveFrom'])
export class PolicyRuleEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  /** Dotted path in the policy set, e.g. "voluntarySi.incomeFloor". */
  @Column({ type: 'varchar', length: 100 })
  parameter: string;

  @Column({ name: 'effective_from', type: 'date' })
  effectiveFrom: string;

  /** Last day in force (inclusive); null: until further notice. */
  @Column({ name: 'effective_to', type: 'date', nullable: true })
  effectiveTo: string | null;

  /** JSON; SQL NULL stands for a null value (e.g. no known support limit). */
  @Column({ type: 'jsonb', nullable: true })
  value: unknown;

  /** Not confirmed in a public source: screens say so. */
  @Column({ type: 'boolean', default: false })
  check: boolean;

  @Column({ type: 'text', nullable: true })
  source: string | null;

  @Column({ name: 'updated_by', type: 'int', nullable: true })
  updatedBy: number | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
