import type { OrgLevel } from '@bao-phu/domain';
import type { ImportKind } from '../imports/importJob';

/**
 * What the screens may offer to whom. The API decides (UNAUTHENTICATED / FORBIDDEN); these rules
 * mirror it only so that nobody is shown a button or a page that would be refused.
 */

export const ROLES = ['ADMIN', 'PROVINCE_PLANNER', 'BASE_STAFF', 'SUPERVISOR', 'COLLECTOR'] as const;
export type Role = (typeof ROLES)[number];

/** What authProvider.getPermissions resolves with for a logged-in user. */
export interface Permissions {
  role: Role;
  /** The unit whose subtree the user sees and changes; `path` is its materialized path. */
  scope: { id: string; name: string; level: string; path: string };
}

/** Accounts and the audit trail: administrators, and planners within their province. */
export const USER_MANAGERS: readonly Role[] = ['ADMIN', 'PROVINCE_PLANNER'];
/** Roles that may change the unit tree at all (each within its own limits, see canChangeUnit). */
export const UNIT_WRITERS: readonly Role[] = ['ADMIN', 'PROVINCE_PLANNER', 'BASE_STAFF'];

/** The level the scope of an account with this role must have; null: any level. */
export const SCOPE_LEVEL: Record<Role, OrgLevel | null> = {
  ADMIN: null,
  PROVINCE_PLANNER: 'PROVINCE',
  BASE_STAFF: 'BASE',
  SUPERVISOR: null,
  COLLECTOR: null,
};

export const isUserManager = (p: Permissions | null | undefined): p is Permissions =>
  !!p && USER_MANAGERS.includes(p.role);

/** Who reads the register of people and households (collectors work from their due lists). */
export const PERSON_READERS: readonly Role[] = ['ADMIN', 'PROVINCE_PLANNER', 'BASE_STAFF', 'SUPERVISOR'];
/** Who registers and corrects people, households and enrollments. */
export const PERSON_WRITERS: readonly Role[] = ['ADMIN', 'BASE_STAFF'];
/**
 * Who records payments from the person's page. The API also takes a collector's payments for its
 * organization, but collectors cannot open the register, so they never see that page.
 */
export const PAYMENT_TAKERS: readonly Role[] = ['ADMIN', 'BASE_STAFF'];

/** Who maintains the contribution policy (`setPolicyRule`, `deletePolicyRule`); everyone reads it. */
export const POLICY_EDITORS: readonly Role[] = ['ADMIN'];
export const isPolicyEditor = (p: Permissions | null | undefined): p is Permissions => !!p && POLICY_EDITORS.includes(p.role);

/** Who reads targets, the achievement board and unit statistics (collectors have no access). */
export const TARGET_READERS: readonly Role[] = ['ADMIN', 'PROVINCE_PLANNER', 'BASE_STAFF', 'SUPERVISOR'];
/** Who sets targets (each at its own levels, see mayWriteTargetOf) and unit statistics (in scope). */
export const TARGET_WRITERS: readonly Role[] = ['ADMIN', 'PROVINCE_PLANNER', 'BASE_STAFF'];

export const isTargetReader = (p: Permissions | null | undefined): p is Permissions => !!p && TARGET_READERS.includes(p.role);

/** Who reads the drill-down reports and has the dashboard (the API's REPORT_READERS; collectors work from their lists). */
export const REPORT_READERS: readonly Role[] = ['ADMIN', 'PROVINCE_PLANNER', 'BASE_STAFF', 'SUPERVISOR'];
export const isReportReader = (p: Permissions | null | undefined): p is Permissions => !!p && REPORT_READERS.includes(p.role);

/** Who reads mobilization models (campaigns), their visits, results and day reports. */
export const CAMPAIGN_READERS: readonly Role[] = ['ADMIN', 'PROVINCE_PLANNER', 'BASE_STAFF', 'SUPERVISOR', 'COLLECTOR'];
/** Who creates campaigns and changes their members, sessions and status. */
export const CAMPAIGN_WRITERS: readonly Role[] = ['ADMIN', 'PROVINCE_PLANNER', 'BASE_STAFF'];
/**
 * Who may log visits and save day reports: the writers, and a collector who is a member of the
 * campaign with its account (the API checks the membership).
 */
export const VISIT_LOGGERS: readonly Role[] = [...CAMPAIGN_WRITERS, 'COLLECTOR'];

export const isCampaignReader = (p: Permissions | null | undefined): p is Permissions => !!p && CAMPAIGN_READERS.includes(p.role);
/** "Nơi cần tập trung" is for those who plan and watch (collectors work from their campaigns). */
export const isPriorityReader = isTargetReader;

/** Who reads the monthly collection lists (a collector only its organization's: the API sees to it). */
export const CYCLE_READERS: readonly Role[] = ['ADMIN', 'PROVINCE_PLANNER', 'BASE_STAFF', 'SUPERVISOR', 'COLLECTOR'];
/** Who generates the lists, and assigns and closes follow-up visits. */
export const CYCLE_WRITERS: readonly Role[] = ['ADMIN', 'BASE_STAFF'];
/** Who reports why a payment was not collected (a collector for its own organization's entries). */
export const REASON_REPORTERS: readonly Role[] = ['ADMIN', 'BASE_STAFF', 'COLLECTOR'];
/** Who reads the follow-up board and the on-time rate (collectors work from their lists). */
export const FOLLOW_UP_READERS: readonly Role[] = ['ADMIN', 'PROVINCE_PLANNER', 'BASE_STAFF', 'SUPERVISOR'];

export const isCycleReader = (p: Permissions | null | undefined): p is Permissions => !!p && CYCLE_READERS.includes(p.role);
export const isCycleWriter = (p: Permissions | null | undefined): p is Permissions => !!p && CYCLE_WRITERS.includes(p.role);
export const isReasonReporter = (p: Permissions | null | undefined): p is Permissions => !!p && REASON_REPORTERS.includes(p.role);
export const isFollowUpReader = (p: Permissions | null | undefined): p is Permissions => !!p && FOLLOW_UP_READERS.includes(p.role);

/**
 * Whether the user may set the target of this unit (the API's rule): planners the province's and
 * its base offices', base staff their communes' and hamlets', administrators any but the country's;
 * always within the user's scope (checked when the unit's `path` is known).
 */
export function mayWriteTargetOf(p: Permissions | null | undefined, unit: UnitForRules): boolean {
  if (!p || !TARGET_WRITERS.includes(p.role)) return false;
  if (unit.path !== undefined && !unit.path.startsWith(p.scope.path)) return false;
  switch (p.role) {
    case 'ADMIN':
      return unit.level !== 'COUNTRY';
    case 'PROVINCE_PLANNER':
      return unit.level === 'PROVINCE' || unit.level === 'BASE';
    case 'BASE_STAFF':
      return unit.level === 'COMMUNE' || unit.level === 'HAMLET';
    default:
      return false;
  }
}

/** Import kinds each role may run (the API checks again): the register for those who keep it, plans for planners too. */
export function importKindsFor(p: Permissions | null | undefined): ImportKind[] {
  if (!p) return [];
  return [
    ...(PERSON_WRITERS.includes(p.role) ? (['persons', 'enrollments', 'payments'] as const) : []),
    ...(TARGET_WRITERS.includes(p.role) ? (['targets', 'statistics'] as const) : []),
  ];
}

const isUnitWriter = (p: Permissions | null | undefined): p is Permissions => !!p && UNIT_WRITERS.includes(p.role);

/** Roles the user may give to an account: administrators any, planners all but ADMIN. */
export function grantableRoles(p: Permissions | null | undefined): readonly Role[] {
  if (!isUserManager(p)) return [];
  return p.role === 'ADMIN' ? ROLES : ROLES.filter((r) => r !== 'ADMIN');
}

/** Levels of the units the user may create (the country root is never created). */
export function creatableLevels(p: Permissions | null | undefined): OrgLevel[] {
  switch (p?.role) {
    case 'ADMIN':
      return ['PROVINCE', 'BASE', 'COMMUNE', 'HAMLET'];
    case 'PROVINCE_PLANNER':
      return ['BASE', 'COMMUNE', 'HAMLET'];
    case 'BASE_STAFF':
      return ['HAMLET'];
    default:
      return [];
  }
}

/** A unit as far as the rules need it; `path` is known on show pages, not in lists. */
export interface UnitForRules {
  id: string | number;
  level: OrgLevel;
  path?: string;
}

/**
 * Whether the user may edit, rename, move, merge or delete this unit: administrators in their
 * scope; planners below their province (not the province itself); base staff only hamlets.
 */
export function canChangeUnit(p: Permissions | null | undefined, unit: UnitForRules): boolean {
  if (!isUnitWriter(p)) return false;
  if (unit.path !== undefined && !unit.path.startsWith(p.scope.path)) return false;
  switch (p.role) {
    case 'ADMIN':
      return true;
    case 'PROVINCE_PLANNER':
      return String(unit.id) !== String(p.scope.id) && unit.level !== 'PROVINCE' && unit.level !== 'COUNTRY';
    case 'BASE_STAFF':
      return unit.level === 'HAMLET';
    default:
      return false;
  }
}

const READ_ACTIONS = new Set(['list', 'show']);
/** Changes to a person's record and household membership. */
const PERSON_CHANGES = new Set(['create', 'edit', 'enroll', 'endEnrollment', 'createHousehold', 'addMember']);
const UNIT_CHANGES = new Set(['edit', 'delete', 'rename', 'move', 'merge']);

/**
 * authProvider.canAccess: pages, menu entries and react-admin's buttons (Create, Edit, Delete)
 * ask it with an action, a resource and, on a record, the record.
 */
export function canAccess(
  p: Permissions | null | undefined,
  { action, resource, record }: { action: string; resource: string; record?: Record<string, unknown> },
): boolean {
  if (!p) return false;
  switch (resource) {
    case 'orgUnits':
      if (READ_ACTIONS.has(action)) return true;
      if (action === 'create') return creatableLevels(p).length > 0;
      if (UNIT_CHANGES.has(action)) {
        return record?.level ? canChangeUnit(p, record as unknown as UnitForRules) : isUnitWriter(p);
      }
      return false;
    case 'users':
      if (!isUserManager(p) || action === 'delete') return false;
      // Planners never manage administrators' accounts.
      if (record?.role === 'ADMIN' && p.role !== 'ADMIN' && !READ_ACTIONS.has(action)) return false;
      return true;
    case 'auditEvents':
      return isUserManager(p) && READ_ACTIONS.has(action);
    case 'policyRules':
      return READ_ACTIONS.has(action) || isPolicyEditor(p);
    case 'campaigns':
      if (!isCampaignReader(p)) return false;
      if (READ_ACTIONS.has(action)) return true;
      if (action === 'logVisit' || action === 'saveDayReport') return VISIT_LOGGERS.includes(p.role);
      return CAMPAIGN_WRITERS.includes(p.role);
    case 'targets':
    case 'unitStatistics':
      if (!isTargetReader(p)) return false;
      return READ_ACTIONS.has(action) || TARGET_WRITERS.includes(p.role);
    case 'persons':
    case 'households':
      if (!PERSON_READERS.includes(p.role)) return false;
      // Roles that see citizen IDs masked may reveal one; the API audits it.
      if (READ_ACTIONS.has(action) || action === 'revealPersonalData') return true;
      if (action === 'recordPayment') return PAYMENT_TAKERS.includes(p.role);
      return PERSON_CHANGES.has(action) && PERSON_WRITERS.includes(p.role);
    default:
      return false;
  }
}
