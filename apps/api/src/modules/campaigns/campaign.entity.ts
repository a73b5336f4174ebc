import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique, UpdateDateColumn, VersionColumn } from 'typeorm';
import { OrgUnitEntity } from '../org/org-unit.entity';

export const CAMPAIGN_STATUSES = ['PLANNED', 'ACTIVE', 'COMPLETED', 'CANCELLED'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
export const MEMBER_ROLES = ['LEADER', 'SI_OFFICER', 'POST_OFFICE', 'VIETTEL', 'COMMUNE_OFFICIAL', 'HAMLET_HEAD', 'OTHER'] as const;
export type CampaignMemberRole = (typeof MEMBER_ROLES)[number];
export const VISIT_OUTCOMES = ['ENROLLED', 'INTERESTED', 'REFUSED', 'NOT_HOME', 'ALREADY_INSURED'] as const;
export type VisitOutcome = (typeof VISIT_OUTCOMES)[number];

/**
 * A mobilization model ("mô hình"): a group of at least five that goes door to door in a commune
 * on a launch day and on later sessions, with targets for new participants.
 */
@Entity({ name: 'campaign' })
@Index('uq_campaign_code', ['code'], { unique: true })
@Check('ck_campaign_status', `status IN ('PLANNED', 'ACTIVE', 'COMPLETED', 'CANCELLED')`)
@Check('ck_campaign_targets', `(target_new_vsi IS NULL OR target_new_vsi >= 0) AND (target_new_hhi IS NULL OR target_new_hhi >= 0)`)
export class CampaignEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'varchar', length: 40 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Index()
  @Column({ name: 'commune_id', type: 'int' })
  communeId: number;

  @ManyToOne(() => OrgUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'commune_id' })
  commune?: OrgUnitEntity;

  @Column({ name: 'launch_date', type: 'date' })
  launchDate: string;

  @Column({ type: 'varchar', length: 10 })
  status: CampaignStatus;

  @Column({ name: 'target_new_vsi', type: 'int', nullable: true })
  targetNewVoluntarySI: number | null;

  @Column({ name: 'target_new_hhi', type: 'int', nullable: true })
  targetNewHouseholdHI: number | null;

  /** Why this place was chosen (low participation, a past campaign's follow-up …). */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** Partner organizations, as the users write them (Bưu điện, Viettel, Hội Nông dân …). */
  @Column({ type: 'text', nullable: true })
  partners: string | null;

  @Column({ name: 'created_by', type: 'int', nullable: true })
  createdBy: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ type: 'int' })
  version: number;
}

/** A hamlet the campaign covers. */
@Entity({ name: 'campaign_hamlet' })
export class CampaignHamletEntity {
  @PrimaryColumn({ name: 'campaign_id', type: 'int' })
  campaignId: number;

  @ManyToOne(() => CampaignEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'campaign_id' })
  campaign?: CampaignEntity;

  @PrimaryColumn({ name: 'hamlet_id', type: 'int' })
  hamletId: number;

  @ManyToOne(() => OrgUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'hamlet_id' })
  hamlet?: OrgUnitEntity;
}

/** A day the group goes out: the launch day and the recurring sessions after it. */
@Entity({ name: 'campaign_session' })
@Unique('uq_campaign_session_date', ['campaignId', 'sessionDate'])
@Check('ck_campaign_session_targets', `(target_new_vsi IS NULL OR target_new_vsi >= 0) AND (target_new_hhi IS NULL OR target_new_hhi >= 0)`)
export class CampaignSessionEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ name: 'campaign_id', type: 'int' })
  campaignId: number;

  @ManyToOne(() => CampaignEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'campaign_id' })
  campaign?: CampaignEntity;

  @Index()
  @Column({ name: 'session_date', type: 'date' })
  sessionDate: string;

  @Column({ name: 'target_new_vsi', type: 'int', nullable: true })
  targetNewVoluntarySI: number | null;

  @Column({ name: 'target_new_hhi', type: 'int', nullable: true })
  targetNewHouseholdHI: number | null;
}

/** A member of the group: SI officer, post office, Viettel, commune official, hamlet head … */
@Entity({ name: 'campaign_member' })
@Check('ck_campaign_member_role', `role IN ('LEADER', 'SI_OFFICER', 'POST_OFFICE', 'VIETTEL', 'COMMUNE_OFFICIAL', 'HAMLET_HEAD', 'OTHER')`)
@Index('uq_campaign_member_user', ['campaignId', 'userId'], { unique: true, where: 'user_id IS NOT NULL' })
export class CampaignMemberEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Index()
  @Column({ name: 'campaign_id', type: 'int' })
  campaignId: number;

  @ManyToOne(() => CampaignEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'campaign_id' })
  campaign?: CampaignEntity;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  role: CampaignMemberRole;

  @Column({ type: 'varchar', length: 200, nullable: true })
  organization: string | null;

  /** The member's account, when it has one (it may then log visits itself). */
  @Column({ name: 'user_id', type: 'int', nullable: true })
  userId: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** One door knocked on: who went, whom they met, what came of it. */
@Entity({ name: 'visit' })
@Check('ck_visit_outcome', `outcome IN ('ENROLLED', 'INTERESTED', 'REFUSED', 'NOT_HOME', 'ALREADY_INSURED')`)
@Check('ck_visit_target', `person_id IS NOT NULL OR household_id IS NOT NULL OR contact_name IS NOT NULL`)
export class VisitEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Index()
  @Column({ name: 'campaign_id', type: 'int' })
  campaignId: number;

  @ManyToOne(() => CampaignEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'campaign_id' })
  campaign?: CampaignEntity;

  @Index()
  @Column({ name: 'session_id', type: 'int', nullable: true })
  sessionId: number | null;

  @ManyToOne(() => CampaignSessionEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'session_id' })
  session?: CampaignSessionEntity;

  @Index()
  @Column({ name: 'member_id', type: 'int' })
  memberId: number;

  @ManyToOne(() => CampaignMemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id' })
  member?: CampaignMemberEntity;

  @Index()
  @Column({ name: 'person_id', type: 'int', nullable: true })
  personId: number | null;

  @Column({ name: 'household_id', type: 'int', nullable: true })
  householdId: number | null;

  /** Someone not registered yet: the name as given at the door. */
  @Column({ name: 'contact_name', type: 'varchar', length: 120, nullable: true })
  contactName: string | null;

  @Column({ name: 'hamlet_id', type: 'int' })
  hamletId: number;

  @Column({ name: 'visit_date', type: 'date' })
  visitDate: string;

  @Column({ type: 'varchar', length: 16 })
  outcome: VisitOutcome;

  @Column({ name: 'refusal_reason', type: 'varchar', length: 300, nullable: true })
  refusalReason: string | null;

  @Column({ name: 'follow_up_date', type: 'date', nullable: true })
  followUpDate: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ name: 'created_by', type: 'int', nullable: true })
  createdBy: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** The end-of-day report of a session: the leader's lessons and to whom it went. */
@Entity({ name: 'campaign_report' })
@Unique('uq_campaign_report_day', ['campaignId', 'reportDate'])
export class CampaignReportEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ name: 'campaign_id', type: 'int' })
  campaignId: number;

  @ManyToOne(() => CampaignEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'campaign_id' })
  campaign?: CampaignEntity;

  @Column({ name: 'report_date', type: 'date' })
  reportDate: string;

  @Column({ type: 'text', nullable: true })
  lessons: string | null;

  /** Who it was sent to (Đảng ủy xã, UBND xã, the Zalo group …). */
  @Column({ type: 'jsonb' })
  recipients: string[];

  @Column({ name: 'sent_by', type: 'int', nullable: true })
  sentBy: number | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
