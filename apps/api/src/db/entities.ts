import {
  OrgUnitEntity,
  OrgUnitNameEntity,
  OrgUnitParentEntity,
  OrgUnitSuccessionEntity,
  UnitStatisticEntity,
} from '../modules/org/org-unit.entity';
import { SystemStateEntity } from '../modules/system/system-state.entity';
import { AuditEventEntity } from '../modules/audit/audit-event.entity';
import { SessionEntity, UserEntity } from '../modules/auth/user.entity';
import { CollectionOrganizationEntity } from '../modules/collection/collection-organization.entity';
import { HouseholdEntity, PersonEntity } from '../modules/people/person.entity';
import { ImportJobEntity } from '../modules/imports/import-job.entity';
import { TargetEntity, TargetRevisionEntity } from '../modules/targets/target.entity';
import { CampaignEntity, CampaignHamletEntity, CampaignMemberEntity, CampaignReportEntity, CampaignSessionEntity, VisitEntity } from '../modules/campaigns/campaign.entity';
import { CollectionCycleEntity, CollectorAreaEntity, CollectorEntity, DueListEntryEntity, FollowUpEntity } from '../modules/collection/cycle.entity';
import { PolicyRuleEntity } from '../modules/policy/policy-rule.entity';
import {
  ContributionDueEntity,
  EnrollmentEntity,
  PaymentAllocationEntity,
  PaymentEntity,
} from '../modules/enrollment/enrollment.entity';

/** Every entity of the product; a new area adds its entities here. */
export const entities = [
  OrgUnitEntity,
  OrgUnitNameEntity,
  OrgUnitParentEntity,
  OrgUnitSuccessionEntity,
  UnitStatisticEntity,
  SystemStateEntity,
  CollectionOrganizationEntity,
  UserEntity,
  SessionEntity,
  AuditEventEntity,
  HouseholdEntity,
  PersonEntity,
  EnrollmentEntity,
  ContributionDueEntity,
  PaymentEntity,
  PaymentAllocationEntity,
  ImportJobEntity,
  PolicyRuleEntity,
  TargetEntity,
  TargetRevisionEntity,
  CampaignEntity,
  CampaignHamletEntity,
  CampaignSessionEntity,
  CampaignMemberEntity,
  VisitEntity,
  CampaignReportEntity,
  CollectorEntity,
  CollectorAreaEntity,
  CollectionCycleEntity,
  DueListEntryEntity,
  FollowUpEntity,
];
