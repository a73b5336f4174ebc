import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { CollectionOrganizationEntity } from '../collection/collection-organization.entity';
import { OrgUnitEntity } from '../org/org-unit.entity';

export const ROLES = ['ADMIN', 'PROVINCE_PLANNER', 'BASE_STAFF', 'SUPERVISOR', 'COLLECTOR'] as const;
export type RoleName = (typeof ROLES)[number];

/** An account. The scope is one unit (the country for national administrators): the user sees and changes only its subtree. */
@Entity({ name: 'app_user' })
@Index('uq_app_user_username', ['username'], { unique: true })
@Check('ck_app_user_role', `role IN ('ADMIN', 'PROVINCE_PLANNER', 'BASE_STAFF', 'SUPERVISOR', 'COLLECTOR')`)
@Check('ck_app_user_collector', `(role = 'COLLECTOR') = (collection_organization_id IS NOT NULL)`)
export class UserEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  /** Lower case; what the user types to log in. */
  @Column({ type: 'varchar', length: 60 })
  username: string;

  @Column({ name: 'display_name', type: 'varchar', length: 120 })
  displayName: string;

  /** argon2id, PHC string. */
  @Column({ name: 'password_hash', type: 'varchar', length: 200 })
  passwordHash: string;

  @Column({ type: 'varchar', length: 20 })
  role: RoleName;

  @Index()
  @Column({ name: 'scope_unit_id', type: 'int' })
  scopeUnitId: number;

  @ManyToOne(() => OrgUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'scope_unit_id' })
  scopeUnit?: OrgUnitEntity;

  @Column({ name: 'collection_organization_id', type: 'int', nullable: true })
  collectionOrganizationId: number | null;

  @ManyToOne(() => CollectionOrganizationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'collection_organization_id' })
  collectionOrganization?: CollectionOrganizationEntity;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ name: 'password_changed_at', type: 'timestamptz', default: () => 'now()' })
  passwordChangedAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ type: 'int' })
  version: number;
}

/** A login: the signed token names it, so it can be revoked before it expires. */
@Entity({ name: 'user_session' })
export class SessionEntity {
  @Column({ type: 'uuid', primary: true })
  id: string;

  @Index()
  @Column({ name: 'user_id', type: 'int' })
  userId: number;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  address: string | null;
}
