import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One change made through the API: who, when, which request, what, and the fields before/after. */
@Entity({ name: 'audit_event' })
@Index('ix_audit_event_entity', ['entity', 'entityId'])
@Index('ix_audit_event_scope_path', { synchronize: false })
export class AuditEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Index()
  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;

  /** Null for the system (seeds, jobs). No foreign key: the trail outlives deleted accounts. */
  @Column({ name: 'actor_id', type: 'int', nullable: true })
  actorId: number | null;

  @Column({ name: 'actor_username', type: 'varchar', length: 60 })
  actorUsername: string;

  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId: string | null;

  /** What was done, e.g. orgUnit.rename, user.create, session.login. */
  @Column({ type: 'varchar', length: 60 })
  action: string;

  @Column({ type: 'varchar', length: 40 })
  entity: string;

  @Column({ name: 'entity_id', type: 'varchar', length: 40 })
  entityId: string;

  /** Path of the org unit the change belongs to, so planners see the events of their scope. */
  @Column({ name: 'scope_path', type: 'text', nullable: true })
  scopePath: string | null;

  /** { field: { before, after } } for the fields that changed. */
  @Column({ type: 'jsonb' })
  changes: Record<string, { before: unknown; after: unknown }>;
}
