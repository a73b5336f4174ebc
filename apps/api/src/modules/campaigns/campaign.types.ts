import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { listComplexity } from '../../graphql/limits';
import { DateScalar } from '../../graphql/scalars';
import { CAMPAIGN_STATUSES, MEMBER_ROLES, VISIT_OUTCOMES, type CampaignMemberRole, type CampaignStatus, type VisitOutcome } from './campaign.entity';

import { asEnum } from '../../graphql/enums';
export const CampaignStatusEnum = asEnum(CAMPAIGN_STATUSES);
registerEnumType(CampaignStatusEnum, { name: 'CampaignStatus' });
export const CampaignMemberRoleEnum = asEnum(MEMBER_ROLES);
registerEnumType(CampaignMemberRoleEnum, { name: 'CampaignMemberRole' });
export const VisitOutcomeEnum = asEnum(VISIT_OUTCOMES);
registerEnumType(VisitOutcomeEnum, { name: 'VisitOutcome', description: 'What came of a door-to-door visit' });

@ObjectType('Campaign', { description: 'A mobilization model: a group of at least 5 going door to door in a commune' })
export class CampaignType {
  @Field(() => ID)
  id: number;

  @Field(() => String)
  code: string;

  @Field(() => String)
  name: string;

  @Field(() => CampaignStatusEnum)
  status: CampaignStatus;

  @Field(() => DateScalar)
  launchDate: string;

  @Field(() => Int, { nullable: true })
  targetNewVoluntarySI: number | null;

  @Field(() => Int, { nullable: true })
  targetNewHouseholdHI: number | null;

  @Field(() => String, { nullable: true, description: 'Why this place was chosen' })
  reason: string | null;

  @Field(() => String, { nullable: true })
  partners: string | null;

  @Field(() => Int)
  version: number;
}

@ObjectType('CampaignList')
export class CampaignListType {
  @Field(() => [CampaignType], { complexity: listComplexity })
  items: CampaignType[];

  @Field(() => Int)
  totalCount: number;
}

@ObjectType('CampaignMember')
export class CampaignMemberType {
  @Field(() => ID)
  id: number;

  @Field(() => String)
  name: string;

  @Field(() => CampaignMemberRoleEnum)
  role: CampaignMemberRole;

  @Field(() => String, { nullable: true })
  organization: string | null;

  @Field(() => ID, { nullable: true, description: "The member's account, when it has one" })
  userId: number | null;
}

@ObjectType('CampaignSession')
export class CampaignSessionType {
  @Field(() => ID)
  id: number;

  @Field(() => DateScalar)
  sessionDate: string;

  @Field(() => Int, { nullable: true })
  targetNewVoluntarySI: number | null;

  @Field(() => Int, { nullable: true })
  targetNewHouseholdHI: number | null;
}

@ObjectType('Visit', { description: 'One door knocked on' })
export class VisitType {
  @Field(() => ID)
  id: number;

  @Field(() => DateScalar)
  visitDate: string;

  @Field(() => VisitOutcomeEnum)
  outcome: VisitOutcome;

  @Field(() => String, { nullable: true })
  refusalReason: string | null;

  @Field(() => DateScalar, { nullable: true })
  followUpDate: string | null;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field(() => String, { nullable: true, description: 'The name given at the door, for someone not registered yet' })
  contactName: string | null;
}

@ObjectType('VisitList')
export class VisitListType {
  @Field(() => [VisitType], { complexity: listComplexity })
  items: VisitType[];

  @Field(() => Int)
  totalCount: number;
}

@ObjectType('CampaignFigures', { description: 'Visits, their outcomes and new participants, against targets' })
export class CampaignFiguresType {
  @Field(() => Int)
  visits: number;

  @Field(() => Int)
  enrolled: number;

  @Field(() => Int)
  interested: number;

  @Field(() => Int)
  refused: number;

  @Field(() => Int)
  notHome: number;

  @Field(() => Int)
  alreadyInsured: number;

  @Field(() => Int)
  newVoluntarySI: number;

  @Field(() => Int)
  newHouseholdHI: number;

  @Field(() => Int, { nullable: true })
  targetNewVoluntarySI: number | null;

  @Field(() => Int, { nullable: true })
  targetNewHouseholdHI: number | null;

  @Field(() => Float, { nullable: true, description: 'newVoluntarySI ÷ its target, %' })
  voluntarySIPct: number | null;

  @Field(() => Float, { nullable: true, description: 'newHouseholdHI ÷ its target, %' })
  householdHIPct: number | null;

  @Field(() => Float, { nullable: true, description: 'Visits that ended in an enrollment ÷ visits, %' })
  conversionPct: number | null;
}

@ObjectType('CampaignSessionResult')
export class CampaignSessionResultType {
  @Field(() => DateScalar)
  date: string;

  @Field(() => CampaignFiguresType)
  figures: CampaignFiguresType;
}

@ObjectType('CampaignMemberResult')
export class CampaignMemberResultType {
  @Field(() => CampaignMemberType)
  member: CampaignMemberType;

  @Field(() => CampaignFiguresType)
  figures: CampaignFiguresType;
}

@ObjectType('CampaignResults')
export class CampaignResultsType {
  @Field(() => CampaignFiguresType)
  total: CampaignFiguresType;

  @Field(() => [CampaignSessionResultType])
  bySession: CampaignSessionResultType[];

  @Field(() => [CampaignMemberResultType])
  byMember: CampaignMemberResultType[];
}

@ObjectType('CampaignTotals', { description: 'Campaigns of a unit over a period' })
export class CampaignTotalsType {
  @Field(() => DateScalar)
  from: string;

  @Field(() => DateScalar)
  to: string;

  @Field(() => Int, { description: 'Campaigns with a session in the period' })
  campaigns: number;

  @Field(() => Int)
  visits: number;

  @Field(() => Int)
  newVoluntarySI: number;

  @Field(() => Int)
  newHouseholdHI: number;
}

@ObjectType('CampaignDayReport', { description: 'The end-of-day report for the commune leaders' })
export class CampaignDayReportType {
  @Field(() => DateScalar)
  date: string;

  @Field(() => String, { description: 'The report as plain text (Vietnamese), ready to paste into a Zalo group' })
  text: string;

  @Field(() => CampaignFiguresType, { description: 'The day against its targets' })
  day: CampaignFiguresType;

  @Field(() => CampaignFiguresType, { description: 'Since the launch, up to the day' })
  cumulative: CampaignFiguresType;

  @Field(() => String, { nullable: true })
  lessons: string | null;

  @Field(() => [String])
  recipients: string[];

  @Field(() => Date, { nullable: true, description: 'When the recipients were last recorded' })
  sentAt: Date | null;
}

@ObjectType('CampaignPriority', { description: 'A commune on the "where to push" ranking, with the figures behind its ranks' })
export class CampaignPriorityType {
  @Field(() => Int, { description: 'Participants today (voluntary SI)' })
  participants: number;

  @Field(() => Int, { nullable: true })
  workingAgePopulation: number | null;

  @Field(() => Float, { nullable: true, description: 'Participants per 1,000 working-age people' })
  perThousand: number | null;

  @Field(() => Int)
  pastCampaigns: number;

  @Field(() => Int)
  pastVisits: number;

  @Field(() => Int)
  pastEnrolledVisits: number;

  @Field(() => Float, { nullable: true, description: 'Visits that ended in an enrollment ÷ visits, %, in past campaigns' })
  conversionPct: number | null;

  @Field(() => Int, { description: '1 = lowest participation per 1,000 (no figure ranks last)' })
  participationRank: number;

  @Field(() => Int, { nullable: true, description: '1 = lowest conversion; null without past campaigns' })
  conversionRank: number | null;
}

@InputType()
export class CampaignFilter {
  @Field(() => String, { nullable: true })
  q?: string | null;

  @Field(() => ID, { nullable: true })
  withinId?: string | null;

  @Field(() => CampaignStatusEnum, { nullable: true })
  status?: CampaignStatus | null;

  @Field(() => DateScalar, { nullable: true, description: 'With a session on or after' })
  from?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'With a session on or before' })
  to?: string | null;
}

@InputType()
export class CreateCampaignInput {
  @Field(() => String)
  name: string;

  @Field(() => ID)
  communeId: string;

  @Field(() => DateScalar)
  launchDate: string;

  @Field(() => Int, { nullable: true })
  targetNewVoluntarySI?: number | null;

  @Field(() => Int, { nullable: true })
  targetNewHouseholdHI?: number | null;

  @Field(() => String, { nullable: true, description: 'Made from the commune code when left out' })
  code?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Hamlets of the commune it covers (default: all)' })
  hamletIds?: string[] | null;

  @Field(() => String, { nullable: true })
  reason?: string | null;

  @Field(() => String, { nullable: true })
  partners?: string | null;

  @Field(() => [DateScalar], { nullable: true, description: 'Sessions after the launch day' })
  sessionDates?: string[] | null;

  @Field(() => DateScalar, { nullable: true, description: "Repeat the launch day's weekday every week until this date" })
  weeklyUntil?: string | null;
}

@InputType()
export class CampaignMemberInput {
  @Field(() => String)
  name: string;

  @Field(() => CampaignMemberRoleEnum)
  role: CampaignMemberRole;

  @Field(() => String, { nullable: true })
  organization?: string | null;

  @Field(() => ID, { nullable: true })
  userId?: string | null;
}

@InputType()
export class LogVisitInput {
  @Field(() => ID)
  campaignId: string;

  @Field(() => ID)
  memberId: string;

  @Field(() => DateScalar)
  visitDate: string;

  @Field(() => VisitOutcomeEnum)
  outcome: VisitOutcome;

  @Field(() => ID, { nullable: true })
  personId?: string | null;

  @Field(() => ID, { nullable: true })
  householdId?: string | null;

  @Field(() => String, { nullable: true, description: 'Someone not registered yet' })
  contactName?: string | null;

  @Field(() => ID, { nullable: true, description: 'Where the unregistered person lives (with contactName)' })
  hamletId?: string | null;

  @Field(() => String, { nullable: true, description: 'Required for REFUSED' })
  refusalReason?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'When to come back (INTERESTED)' })
  followUpDate?: string | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}
