import { gql, type TypedDocumentNode } from '@apollo/client';
import type { LocalDate, Month } from '@bao-phu/domain';
import type {
  CollectionCycle,
  CycleEntry,
  CycleGroupRow,
  DueListKind,
  FollowUp,
  FollowUpOutcome,
  NonCollectionReason,
  OnTimeRow,
  OrganizationRef,
} from './types';

/** The GraphQL side of the monthly collection cycle: lists, reasons, follow-ups, on-time rate. */

/** The base offices the user may open: the API lists its subtree and the ancestors of its scope. */
export const BASE_OFFICES: TypedDocumentNode<{ orgUnits: { items: { id: string; code: string; name: string; path: string }[]; totalCount: number } }, Record<string, never>> = gql`
  query CycleBaseOffices {
    orgUnits(filter: { level: BASE }, take: 200, sort: [{ field: "name", direction: ASC }]) {
      items {
        id
        code
        name
        path
      }
      totalCount
    }
  }
`;

export const COLLECTION_ORGANIZATIONS: TypedDocumentNode<{ collectionOrganizations: { items: OrganizationRef[] } }, Record<string, never>> = gql`
  query CycleOrganizations {
    collectionOrganizations(take: 100) {
      items {
        id
        code
        name
      }
    }
  }
`;

const CYCLE_FIELDS = gql`
  fragment CycleFields on CollectionCycle {
    id
    month
    version
    generatedAt
    baseUnit {
      id
      name
    }
    summary {
      organizationId
      organizationCode
      organizationName
      kind
      entries
      amount
      reasonsMissing
      reasonsDeadline
      late
    }
  }
`;

type CycleVariables = { baseUnitId: string; month: Month };

/** The latest version of the cycle with its summary per organization; null before it is generated. */
export const COLLECTION_CYCLE: TypedDocumentNode<{ collectionCycle: CollectionCycle | null }, CycleVariables> = gql`
  query CollectionCycle($baseUnitId: ID!, $month: Month!) {
    collectionCycle(baseUnitId: $baseUnitId, month: $month) {
      ...CycleFields
    }
  }
  ${CYCLE_FIELDS}
`;

export const GENERATE_CYCLE: TypedDocumentNode<{ generateCollectionCycle: CollectionCycle }, CycleVariables> = gql`
  mutation GenerateCollectionCycle($baseUnitId: ID!, $month: Month!) {
    generateCollectionCycle(baseUnitId: $baseUnitId, month: $month) {
      ...CycleFields
    }
  }
  ${CYCLE_FIELDS}
`;

const ENTRY_FIELDS = gql`
  fragment CycleEntryFields on DueListEntry {
    id
    kind
    amount
    reason
    reasonNote
    reasonReportedAt
    scheme
    periodStart
    dueDate
    person {
      id
      fullName
      citizenId
    }
    hamlet {
      id
      name
    }
    commune {
      id
      name
    }
    collector {
      id
      name
    }
    collectionOrganization {
      id
      code
      name
    }
  }
`;

export type EntriesVariables = {
  baseUnitId: string;
  month: Month;
  kind?: DueListKind | null;
  organizationId?: string | null;
  communeId?: string | null;
  withoutReason?: boolean | null;
  skip?: number;
  take?: number;
  /** Ask for the follow-up and the promised day too (one more statement per entry on the API). */
  withFollowUp?: boolean;
};

/** A page of a cycle's entries in the API's order: commune, hamlet, person. */
export const CYCLE_ENTRIES: TypedDocumentNode<{ collectionCycle: { id: string; entries: CycleEntry[] } | null }, EntriesVariables> = gql`
  query CycleEntries(
    $baseUnitId: ID!
    $month: Month!
    $kind: DueListKind
    $organizationId: ID
    $communeId: ID
    $withoutReason: Boolean
    $skip: Int
    $take: Int
    $withFollowUp: Boolean = false
  ) {
    collectionCycle(baseUnitId: $baseUnitId, month: $month) {
      id
      entries(kind: $kind, organizationId: $organizationId, communeId: $communeId, withoutReason: $withoutReason, skip: $skip, take: $take) {
        ...CycleEntryFields
        promisedDate @include(if: $withFollowUp)
        followUp @include(if: $withFollowUp) {
          id
          outcome
          dueDate
          assigneeName
        }
      }
    }
  }
  ${ENTRY_FIELDS}
`;

type GroupsVariables = CycleVariables & { kind?: DueListKind | null; organizationId?: string | null };

/** Totals by commune, hamlet and collector of one kind of list: the subtotals whatever is paged in. */
export const CYCLE_GROUPS: TypedDocumentNode<
  { collectionCycle: { id: string; communes: CycleGroupRow[]; hamlets: CycleGroupRow[]; collectors: CycleGroupRow[] } | null },
  GroupsVariables
> = gql`
  query CycleGroups($baseUnitId: ID!, $month: Month!, $kind: DueListKind, $organizationId: ID) {
    collectionCycle(baseUnitId: $baseUnitId, month: $month) {
      id
      communes: groups(by: COMMUNE, kind: $kind, organizationId: $organizationId) {
        id
        label
        entries
        amount
      }
      hamlets: groups(by: HAMLET, kind: $kind, organizationId: $organizationId) {
        id
        label
        entries
        amount
      }
      collectors: groups(by: COLLECTOR, kind: $kind, organizationId: $organizationId) {
        id
        label
        entries
        amount
      }
    }
  }
`;

export const REPORT_NON_COLLECTION: TypedDocumentNode<
  { reportNonCollection: Pick<CycleEntry, 'id' | 'reason' | 'reasonNote' | 'reasonReportedAt' | 'followUp'> },
  { entryId: string; reason: NonCollectionReason; note: string | null }
> = gql`
  mutation ReportNonCollection($entryId: ID!, $reason: NonCollectionReason!, $note: String) {
    reportNonCollection(entryId: $entryId, reason: $reason, note: $note) {
      id
      reason
      reasonNote
      reasonReportedAt
      followUp {
        id
        outcome
        dueDate
        assigneeName
      }
    }
  }
`;

const FOLLOW_UP_FIELDS = gql`
  fragment FollowUpFields on FollowUp {
    id
    dueDate
    assigneeName
    outcome
    promisedDate
    note
    closedAt
    entry {
      id
      kind
      amount
      reason
      reasonNote
      scheme
      dueDate
      person {
        id
        fullName
        citizenId
      }
      hamlet {
        id
        name
      }
      commune {
        id
        name
      }
      collectionOrganization {
        id
        code
        name
      }
    }
    enrollment {
      id
      status
    }
  }
`;

export const FOLLOW_UPS: TypedDocumentNode<
  { followUps: { items: FollowUp[]; totalCount: number } },
  { baseUnitId: string; open: boolean; assigneeUserId?: string | null; skip?: number; take?: number; direction: 'ASC' | 'DESC' }
> = gql`
  query FollowUps($baseUnitId: ID!, $open: Boolean!, $assigneeUserId: ID, $skip: Int, $take: Int, $direction: SortDirection!) {
    followUps(baseUnitId: $baseUnitId, open: $open, assigneeUserId: $assigneeUserId, skip: $skip, take: $take, sort: [{ field: "dueDate", direction: $direction }]) {
      items {
        ...FollowUpFields
      }
      totalCount
    }
  }
  ${FOLLOW_UP_FIELDS}
`;

export const ASSIGN_FOLLOW_UP: TypedDocumentNode<
  { assignFollowUp: FollowUp },
  { id: string; assigneeUserId?: string | null; assigneeName?: string | null; dueDate?: LocalDate | null }
> = gql`
  mutation AssignFollowUp($id: ID!, $assigneeUserId: ID, $assigneeName: String, $dueDate: Date) {
    assignFollowUp(id: $id, assigneeUserId: $assigneeUserId, assigneeName: $assigneeName, dueDate: $dueDate) {
      ...FollowUpFields
    }
  }
  ${FOLLOW_UP_FIELDS}
`;

export const CLOSE_FOLLOW_UP: TypedDocumentNode<
  { closeFollowUp: FollowUp },
  { id: string; outcome: FollowUpOutcome; promisedDate?: LocalDate | null; note?: string | null }
> = gql`
  mutation CloseFollowUp($id: ID!, $outcome: FollowUpOutcome!, $promisedDate: Date, $note: String) {
    closeFollowUp(id: $id, outcome: $outcome, promisedDate: $promisedDate, note: $note) {
      ...FollowUpFields
    }
  }
  ${FOLLOW_UP_FIELDS}
`;

export const ON_TIME_COLLECTION: TypedDocumentNode<
  { onTimeCollection: OnTimeRow[] },
  { unitId: string; from: Month; to: Month; organizationId?: string | null }
> = gql`
  query OnTimeCollection($unitId: ID!, $from: Month!, $to: Month!, $organizationId: ID) {
    onTimeCollection(unitId: $unitId, from: $from, to: $to, organizationId: $organizationId) {
      month
      due
      paidOnTime
      ratePct
      meetsGoal
    }
  }
`;
