import { gql, type TypedDocumentNode } from '@apollo/client';
import type { LocalDate } from '@bao-phu/domain';
import type { ResourceDescriptor } from '../../providers/dataProvider';
import type { CalendarCampaign } from './calendar';
import type { CampaignDayReport, CampaignMember, CampaignMemberRole, CampaignPriority, CampaignSession, CampaignStatus, VisitOutcome, VisitRecord } from './types';

/** The GraphQL side of the campaign screens: selections, verbs, the resource's descriptor. */

const FIGURES = gql`
  fragment CampaignFiguresFields on CampaignFigures {
    visits
    enrolled
    interested
    refused
    notHome
    alreadyInsured
    newVoluntarySI
    newHouseholdHI
    targetNewVoluntarySI
    targetNewHouseholdHI
    voluntarySIPct
    householdHIPct
    conversionPct
  }
`;

/** List rows: the members are selected for their count only. */
export const CAMPAIGN_FIELDS = gql`
  fragment CampaignFields on Campaign {
    id
    code
    name
    status
    launchDate
    commune {
      id
      code
      name
    }
    members {
      id
    }
  }
`;

/** The campaign's page: everything but the visits (paged) and the day reports (one day at a time). */
export const CAMPAIGN_DETAIL_FIELDS = gql`
  fragment CampaignDetailFields on Campaign {
    id
    code
    name
    status
    launchDate
    targetNewVoluntarySI
    targetNewHouseholdHI
    reason
    partners
    version
    commune {
      id
      code
      name
      parent {
        id
        code
        name
      }
    }
    hamlets {
      id
      code
      name
    }
    members {
      id
      name
      role
      organization
      userId
    }
    sessions {
      id
      sessionDate
      targetNewVoluntarySI
      targetNewHouseholdHI
    }
    results {
      total {
        ...CampaignFiguresFields
      }
      bySession {
        date
        figures {
          ...CampaignFiguresFields
        }
      }
      byMember {
        member {
          id
        }
        figures {
          ...CampaignFiguresFields
        }
      }
    }
  }
  ${FIGURES}
`;

export const campaignsDescriptor: ResourceDescriptor = {
  list: 'campaigns',
  filterType: 'CampaignFilter',
  one: 'campaign',
  fields: CAMPAIGN_FIELDS,
  detailFields: CAMPAIGN_DETAIL_FIELDS,
  sortFields: ['launchDate', 'name', 'code', 'status'],
  maxTake: 200,
  create: {
    mutation: 'createCampaign',
    inputType: 'CreateCampaignInput',
    inputFields: [
      'name',
      'communeId',
      'launchDate',
      'targetNewVoluntarySI',
      'targetNewHouseholdHI',
      'code',
      'hamletIds',
      'reason',
      'partners',
      'sessionDates',
      'weeklyUntil',
    ],
  },
};

type Id = { id: string };

export const START_CAMPAIGN: TypedDocumentNode<{ startCampaign: { id: string; status: CampaignStatus } }, Id> = gql`
  mutation StartCampaign($id: ID!) {
    startCampaign(id: $id) {
      id
      status
    }
  }
`;

export const COMPLETE_CAMPAIGN: TypedDocumentNode<{ completeCampaign: { id: string; status: CampaignStatus } }, Id> = gql`
  mutation CompleteCampaign($id: ID!) {
    completeCampaign(id: $id) {
      id
      status
    }
  }
`;

export const CANCEL_CAMPAIGN: TypedDocumentNode<{ cancelCampaign: { id: string; status: CampaignStatus } }, Id> = gql`
  mutation CancelCampaign($id: ID!) {
    cancelCampaign(id: $id) {
      id
      status
    }
  }
`;

export interface CampaignMemberInput {
  name: string;
  role: CampaignMemberRole;
  organization?: string | null;
  userId?: string | null;
}

export const ADD_MEMBER: TypedDocumentNode<{ addCampaignMember: CampaignMember }, { campaignId: string; input: CampaignMemberInput }> = gql`
  mutation AddCampaignMember($campaignId: ID!, $input: CampaignMemberInput!) {
    addCampaignMember(campaignId: $campaignId, input: $input) {
      id
      name
      role
      organization
      userId
    }
  }
`;

export const REMOVE_MEMBER: TypedDocumentNode<{ removeCampaignMember: boolean }, { memberId: string }> = gql`
  mutation RemoveCampaignMember($memberId: ID!) {
    removeCampaignMember(memberId: $memberId)
  }
`;

export const ADD_SESSIONS: TypedDocumentNode<
  { addCampaignSessions: CampaignSession[] },
  { campaignId: string; dates: LocalDate[]; targetNewVoluntarySI: number | null; targetNewHouseholdHI: number | null }
> = gql`
  mutation AddCampaignSessions($campaignId: ID!, $dates: [Date!]!, $targetNewVoluntarySI: Int, $targetNewHouseholdHI: Int) {
    addCampaignSessions(campaignId: $campaignId, dates: $dates, targetNewVoluntarySI: $targetNewVoluntarySI, targetNewHouseholdHI: $targetNewHouseholdHI) {
      id
      sessionDate
      targetNewVoluntarySI
      targetNewHouseholdHI
    }
  }
`;

const VISIT_FIELDS = gql`
  fragment VisitFields on Visit {
    id
    visitDate
    outcome
    contactName
    refusalReason
    followUpDate
    note
    hamlet {
      id
      name
    }
    member {
      id
      name
    }
    person {
      id
      fullName
    }
    household {
      id
      code
    }
  }
`;

export const CAMPAIGN_VISITS: TypedDocumentNode<
  { campaign: { id: string; visits: { items: VisitRecord[]; totalCount: number } } | null },
  { id: string; skip: number; take: number }
> = gql`
  query CampaignVisits($id: ID!, $skip: Int, $take: Int) {
    campaign(id: $id) {
      id
      visits(skip: $skip, take: $take) {
        items {
          ...VisitFields
        }
        totalCount
      }
    }
  }
  ${VISIT_FIELDS}
`;

export interface LogVisitInput {
  campaignId: string;
  memberId: string;
  visitDate: LocalDate;
  outcome: VisitOutcome;
  personId?: string | null;
  contactName?: string;
  hamletId?: string | null;
  refusalReason?: string;
  followUpDate?: LocalDate;
  note?: string;
}

export const LOG_VISIT: TypedDocumentNode<{ logVisit: VisitRecord }, { input: LogVisitInput }> = gql`
  mutation LogVisit($input: LogVisitInput!) {
    logVisit(input: $input) {
      ...VisitFields
    }
  }
  ${VISIT_FIELDS}
`;

const DAY_REPORT_FIELDS = gql`
  fragment CampaignDayReportFields on CampaignDayReport {
    date
    text
    lessons
    recipients
    sentAt
    day {
      ...CampaignFiguresFields
    }
    cumulative {
      ...CampaignFiguresFields
    }
  }
  ${FIGURES}
`;

export const DAY_REPORT: TypedDocumentNode<{ campaignDayReport: CampaignDayReport }, { campaignId: string; date: LocalDate }> = gql`
  query CampaignDayReport($campaignId: ID!, $date: Date!) {
    campaignDayReport(campaignId: $campaignId, date: $date) {
      ...CampaignDayReportFields
    }
  }
  ${DAY_REPORT_FIELDS}
`;

export const SAVE_DAY_REPORT: TypedDocumentNode<
  { saveCampaignDayReport: CampaignDayReport },
  { campaignId: string; date: LocalDate; lessons: string | null; recipients: string[] }
> = gql`
  mutation SaveCampaignDayReport($campaignId: ID!, $date: Date!, $lessons: String, $recipients: [String!]!) {
    saveCampaignDayReport(campaignId: $campaignId, date: $date, lessons: $lessons, recipients: $recipients) {
      ...CampaignDayReportFields
    }
  }
  ${DAY_REPORT_FIELDS}
`;

export const CAMPAIGN_PRIORITIES: TypedDocumentNode<
  { campaignPriorities: CampaignPriority[]; orgUnit: { id: string; name: string; level: string } | null },
  { unitId: string }
> = gql`
  query CampaignPriorities($unitId: ID!) {
    orgUnit(id: $unitId) {
      id
      name
      level
    }
    campaignPriorities(unitId: $unitId) {
      unit {
        id
        code
        name
        parent {
          id
          name
        }
      }
      participants
      workingAgePopulation
      perThousand
      pastCampaigns
      pastVisits
      pastEnrolledVisits
      conversionPct
      participationRank
      conversionRank
    }
  }
`;

/** The campaigns with a session in a month (the calendar); 200 is the API's largest page. */
export const CALENDAR: TypedDocumentNode<
  { campaigns: { items: CalendarCampaign[]; totalCount: number } },
  { filter: { from: LocalDate; to: LocalDate; withinId?: string | null; status?: CampaignStatus | null } }
> = gql`
  query CampaignCalendar($filter: CampaignFilter) {
    campaigns(filter: $filter, take: 200, sort: [{ field: "launchDate", direction: ASC }]) {
      items {
        id
        code
        name
        status
        commune {
          id
          name
        }
        sessions {
          sessionDate
        }
      }
      totalCount
    }
  }
`;

export interface EntryCampaign {
  id: string;
  code: string;
  name: string;
  status: CampaignStatus;
  launchDate: LocalDate;
  commune: { id: string; name: string };
  members: { id: string; name: string; role: CampaignMemberRole; userId: string | null }[];
}

/** The running campaigns the entry form offers (members with their accounts, for the default). */
export const ACTIVE_CAMPAIGNS: TypedDocumentNode<{ campaigns: { items: EntryCampaign[] } }, Record<string, never>> = gql`
  query ActiveCampaigns {
    campaigns(filter: { status: ACTIVE }, take: 50, sort: [{ field: "launchDate", direction: DESC }]) {
      items {
        id
        code
        name
        status
        launchDate
        commune {
          id
          name
        }
        members {
          id
          name
          role
          userId
        }
      }
    }
  }
`;

export const CAMPAIGN_HAMLETS: TypedDocumentNode<{ campaign: { id: string; hamlets: { id: string; name: string }[] } | null }, Id> = gql`
  query CampaignHamlets($id: ID!) {
    campaign(id: $id) {
      id
      hamlets {
        id
        name
      }
    }
  }
`;

export interface FoundPerson {
  id: string;
  fullName: string;
  dateOfBirth: LocalDate;
  citizenId: string;
  hamlet: { id: string; name: string };
}

/** People of the campaign's commune by name (without diacritics) or the start of a citizen ID. */
export const FIND_PERSONS: TypedDocumentNode<{ persons: { items: FoundPerson[]; totalCount: number } }, { q: string; withinId: string }> = gql`
  query FindPersonsForVisit($q: String!, $withinId: ID!) {
    persons(filter: { q: $q, withinId: $withinId }, take: 8, sort: [{ field: "fullName", direction: ASC }]) {
      items {
        id
        fullName
        dateOfBirth
        citizenId
        hamlet {
          id
          name
        }
      }
      totalCount
    }
  }
`;

export interface UnitChoice {
  id: string;
  code: string;
  name: string;
  level: string;
  parent: { id: string; name: string } | null;
}

/** Units to choose from by name or code: provinces and base offices (when asked) and communes. */
export const UNIT_CHOICES: TypedDocumentNode<
  { provinces?: { items: UnitChoice[] }; bases?: { items: UnitChoice[] }; communes?: { items: UnitChoice[] } },
  { q: string | null; provinces: boolean; bases: boolean; communes: boolean }
> = gql`
  fragment UnitChoiceFields on OrgUnit {
    id
    code
    name
    level
    parent {
      id
      name
    }
  }
  query UnitChoices($q: String, $provinces: Boolean!, $bases: Boolean!, $communes: Boolean!) {
    provinces: orgUnits(filter: { level: PROVINCE, q: $q }, take: 40, sort: [{ field: "name", direction: ASC }]) @include(if: $provinces) {
      items {
        ...UnitChoiceFields
      }
    }
    bases: orgUnits(filter: { level: BASE, q: $q }, take: 40, sort: [{ field: "name", direction: ASC }]) @include(if: $bases) {
      items {
        ...UnitChoiceFields
      }
    }
    communes: orgUnits(filter: { level: COMMUNE, q: $q }, take: 20, sort: [{ field: "name", direction: ASC }]) @include(if: $communes) {
      items {
        ...UnitChoiceFields
      }
    }
  }
`;

export const UNIT_NAME: TypedDocumentNode<{ orgUnit: UnitChoice | null }, Id> = gql`
  query UnitName($id: ID!) {
    orgUnit(id: $id) {
      id
      code
      name
      level
      parent {
        id
        name
      }
    }
  }
`;

/** The hamlets of a commune, for the create form (all covered by default). */
export const COMMUNE_HAMLETS: TypedDocumentNode<{ orgUnits: { items: { id: string; code: string; name: string; synthetic: boolean }[] } }, { communeId: string }> = gql`
  query CommuneHamlets($communeId: ID!) {
    orgUnits(filter: { parentId: $communeId, level: HAMLET }, take: 200, sort: [{ field: "code", direction: ASC }]) {
      items {
        id
        code
        name
        synthetic
      }
    }
  }
`;
