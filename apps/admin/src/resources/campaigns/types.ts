import type { LocalDate } from '@bao-phu/domain';

export type CampaignStatus = 'PLANNED' | 'ACTIVE' | 'COMPLETED' | 'CANCELLED';
export type CampaignMemberRole = 'LEADER' | 'SI_OFFICER' | 'POST_OFFICE' | 'VIETTEL' | 'COMMUNE_OFFICIAL' | 'HAMLET_HEAD' | 'OTHER';
export type VisitOutcome = 'ENROLLED' | 'INTERESTED' | 'REFUSED' | 'NOT_HOME' | 'ALREADY_INSURED';

export interface UnitRef {
  id: string;
  code: string;
  name: string;
}

/** Visits, their outcomes and new participants against targets (API `CampaignFigures`). */
export interface CampaignFigures {
  visits: number;
  enrolled: number;
  interested: number;
  refused: number;
  notHome: number;
  alreadyInsured: number;
  newVoluntarySI: number;
  newHouseholdHI: number;
  targetNewVoluntarySI: number | null;
  targetNewHouseholdHI: number | null;
  voluntarySIPct: number | null;
  householdHIPct: number | null;
  conversionPct: number | null;
}

export interface CampaignMember {
  id: string;
  name: string;
  role: CampaignMemberRole;
  organization: string | null;
  userId: string | null;
}

export interface CampaignSession {
  id: string;
  sessionDate: LocalDate;
  targetNewVoluntarySI: number | null;
  targetNewHouseholdHI: number | null;
}

/** The selection of CampaignFields (list rows, create result). */
export interface CampaignRecord {
  id: string;
  code: string;
  name: string;
  status: CampaignStatus;
  launchDate: LocalDate;
  commune: UnitRef;
  members: { id: string }[];
}

/** The selection of CampaignDetailFields (the campaign's page). */
export interface CampaignDetail extends Omit<CampaignRecord, 'members'> {
  targetNewVoluntarySI: number | null;
  targetNewHouseholdHI: number | null;
  reason: string | null;
  partners: string | null;
  version: number;
  commune: UnitRef & { parent: UnitRef | null };
  hamlets: UnitRef[];
  members: CampaignMember[];
  sessions: CampaignSession[];
  results: {
    total: CampaignFigures;
    bySession: { date: LocalDate; figures: CampaignFigures }[];
    byMember: { member: { id: string }; figures: CampaignFigures }[];
  };
}

export interface VisitRecord {
  id: string;
  visitDate: LocalDate;
  outcome: VisitOutcome;
  contactName: string | null;
  refusalReason: string | null;
  followUpDate: LocalDate | null;
  note: string | null;
  hamlet: { id: string; name: string };
  member: { id: string; name: string };
  person: { id: string; fullName: string } | null;
  household: { id: string; code: string } | null;
}

export interface CampaignDayReport {
  date: LocalDate;
  text: string;
  day: CampaignFigures;
  cumulative: CampaignFigures;
  lessons: string | null;
  recipients: string[];
  sentAt: string | null;
}

/** One commune of the "where to push" ranking (API `CampaignPriority`). */
export interface CampaignPriority {
  unit: UnitRef & { parent: { id: string; name: string } | null };
  participants: number;
  workingAgePopulation: number | null;
  perThousand: number | null;
  pastCampaigns: number;
  pastVisits: number;
  pastEnrolledVisits: number;
  conversionPct: number | null;
  participationRank: number;
  conversionRank: number | null;
}
