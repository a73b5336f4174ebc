import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Facts about this installation that must survive restarts (e.g. which seeds have run). */
@Entity({ name: 'system_state' })
export class SystemStateEntity {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  key: string;

  @Column({ type: 'text' })
  value: string;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
