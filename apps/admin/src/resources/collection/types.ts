import type { LocalDate, Month, Scheme } from '@bao-phu/domain';

/** The two lists a base office sends each collection organization on the 25th. */
export const DUE_LIST_KINDS = ['DUE_NEXT_MONTH', 'UNPAID_LAST_MONTH'] as const;
export type DueListKind = (typeof DUE_LIST_KINDS)[number];

/** Why a payment was not collected (API `NonCollectionReason`), in the order a collector is offered them. */
export const NON_COLLECTION_REASONS = [
  'NO_MONEY',
  'AWAY_FOR_WORK',
  'FORGOT',
  'ILL',
  'UNREACHABLE',
  'WANTS_TO_STOP',
  'MOVED_AWAY',
  'DECEASED',
  'PAID_ELSEWHERE',
  'OTHER',
] as const;
export type NonCollectionReason = (typeof NON_COLLECTION_REASONS)[number];

/** What a follow-up visit found (API `FollowUpOutcome`), in the order the close dialog offers them. */
export const FOLLOW_UP_OUTCOMES = ['WILL_PAY', 'PAID', 'NOT_FOUND', 'STOPPED', 'MOVED_AWAY', 'DECEASED'] as const;
export type FollowUpOutcome = (typeof FOLLOW_UP_OUTCOMES)[number];

export const CYCLE_GROUPINGS = ['COMMUNE', 'HAMLET', 'COLLECTOR'] as const;
export type CycleGrouping = (typeof CYCLE_GROUPINGS)[number];

export interface UnitRef {
  id: string;
  name: string;
}

export interface OrganizationRef {
  id: string;
  code: string;
  name: string;
}

/** One due on a list (API `DueListEntry`), with the fields the screens ask for. */
export interface CycleEntry {
  id: string;
  kind: DueListKind;
  amount: number;
  reason: NonCollectionReason | null;
  reasonNote: string | null;
  reasonReportedAt: string | null;
  scheme: Scheme;
  periodStart: LocalDate;
  dueDate: LocalDate;
  person: { id: string; fullName: string; citizenId: string };
  hamlet: UnitRef;
  commune: UnitRef;
  collector: { id: string; name: string } | null;
  collectionOrganization: OrganizationRef | null;
  promisedDate?: LocalDate | null;
  followUp?: { id: string; outcome: FollowUpOutcome | null; dueDate: LocalDate; assigneeName: string | null } | null;
}

/** One organization and kind of list (API `CycleSummaryRow`). */
export interface CycleSummaryRow {
  organizationId: string | null;
  organizationCode: string | null;
  organizationName: string | null;
  kind: DueListKind;
  entries: number;
  amount: number;
  reasonsMissing: number;
  reasonsDeadline: LocalDate;
  late: boolean;
}

/** Entries and amount of one commune, hamlet or collector (API `CycleGroupRow`); id and label null for "none". */
export interface CycleGroupRow {
  id: string | null;
  label: string | null;
  entries: number;
  amount: number;
}

export interface CollectionCycle {
  id: string;
  month: Month;
  version: number;
  generatedAt: string;
  baseUnit: UnitRef;
  summary: CycleSummaryRow[];
}

/** A visit a reason calls for (API `FollowUp`). */
export interface FollowUp {
  id: string;
  dueDate: LocalDate;
  assigneeName: string | null;
  outcome: FollowUpOutcome | null;
  promisedDate: LocalDate | null;
  note: string | null;
  closedAt: string | null;
  entry: Pick<CycleEntry, 'id' | 'kind' | 'amount' | 'reason' | 'reasonNote' | 'scheme' | 'dueDate' | 'person' | 'hamlet' | 'commune' | 'collectionOrganization'>;
  enrollment: { id: string; status: string };
}

/** A month of the on-time collection rate (API `OnTimeCollectionRow`). */
export interface OnTimeRow {
  month: Month;
  due: number;
  paidOnTime: number;
  ratePct: number | null;
  meetsGoal: boolean | null;
}
