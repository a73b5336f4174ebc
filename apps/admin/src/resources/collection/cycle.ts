import { addMonths, formatVnd, isLocalDate, isMonth, type LocalDate, type Month } from '@bao-phu/domain';
import type { CycleEntry, CycleGroupRow, CycleSummaryRow, DueListKind, NonCollectionReason } from './types';
import { NON_COLLECTION_REASONS } from './types';

// ---------------------------------------------------------------------------------------------
// Months and deadlines
// ---------------------------------------------------------------------------------------------

/** "2026-11" → "11/2026", as months are written in Vietnam (and on the printed lists). */
export function formatMonth(month: Month | null | undefined): string {
  if (!month || !isMonth(month)) return month ?? '';
  return `${month.slice(5, 7)}/${month.slice(0, 4)}`;
}

/** "2026-12-20" → "20/12": the deadline as a collector says it. */
export function formatDayMonth(date: LocalDate | null | undefined): string {
  if (!date || !isLocalDate(date)) return date ?? '';
  return `${date.slice(8, 10)}/${date.slice(5, 7)}`;
}

/**
 * The cycle whose reasons are being collected on `today`: this month's from its 25th (when the lists
 * go out), else last month's, whose reasons are due on the 20th of this month. The same rule as the
 * API's job of the 25th.
 */
export function cycleMonthFor(today: LocalDate): Month {
  const month = today.slice(0, 7);
  return Number(today.slice(8, 10)) >= 25 ? month : addMonths(month, -1);
}

/** The months a user can pick: next month (the latest the API generates), this month, then `back` months before. */
export function monthChoices(today: LocalDate, back = 12): Month[] {
  const next = addMonths(today.slice(0, 7), 1);
  return Array.from({ length: back + 2 }, (_, i) => addMonths(next, -i));
}

/** Whole days from `from` to `to` (negative when `to` is earlier); both local dates. */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  const t = (d: LocalDate) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return Math.round((t(to) - t(from)) / 86_400_000);
}

/**
 * Where an organization stands with its reasons: DONE when none is missing, LATE past the deadline
 * (or when the API says so), SOON within `soonDays` of it, otherwise OPEN.
 */
export type DeadlineState = 'DONE' | 'OPEN' | 'SOON' | 'LATE';

export function deadlineState(row: { reasonsMissing: number; reasonsDeadline: LocalDate; late?: boolean }, today: LocalDate, soonDays = 5): { state: DeadlineState; daysLeft: number } {
  const daysLeft = daysBetween(today, row.reasonsDeadline);
  if (row.reasonsMissing === 0) return { state: 'DONE', daysLeft };
  if (row.late || daysLeft < 0) return { state: 'LATE', daysLeft };
  return { state: daysLeft <= soonDays ? 'SOON' : 'OPEN', daysLeft };
}

/**
 * The base office a page opens: the one in the URL; else the user's scope when it is a base office,
 * or the base office above it; else the first base office of the scope (a province's planner).
 */
export function chooseBase(
  requested: string | null,
  bases: readonly { id: string; path: string }[],
  scope: { id: string; level: string; path: string } | null | undefined,
): string | null {
  if (requested) return requested;
  if (!scope) return null;
  if (scope.level === 'BASE') return scope.id;
  const above = bases.find((b) => scope.path.startsWith(b.path));
  return above?.id ?? bases.find((b) => b.path.startsWith(scope.path))?.id ?? null;
}

// ---------------------------------------------------------------------------------------------
// Money and counts
// ---------------------------------------------------------------------------------------------

/** An amount in đồng, dots between thousands, the "đ" kept on the number's line: 34152810 → "34.152.810 đ". */
export const formatDong = (amount: number): string => `${formatVnd(amount, { symbol: '' })}\u00a0đ`;

export interface Totals {
  entries: number;
  amount: number;
}

export const sumTotals = (rows: readonly { amount: number }[]): Totals => ({ entries: rows.length, amount: rows.reduce((n, r) => n + r.amount, 0) });

// ---------------------------------------------------------------------------------------------
// Summary cards
// ---------------------------------------------------------------------------------------------

/** One organization's card: both lists, the reasons still missing and their deadline. */
export interface OrganizationCard {
  /** null: enrollments with no collection organization. */
  organizationId: string | null;
  code: string | null;
  name: string | null;
  due: Totals;
  unpaid: Totals;
  reasonsMissing: number;
  reasonsDeadline: LocalDate;
  late: boolean;
}

/** The summary rows (one per organization and kind) folded into one card per organization, in the API's order. */
export function organizationCards(rows: readonly CycleSummaryRow[]): OrganizationCard[] {
  const cards = new Map<string, OrganizationCard>();
  for (const r of rows) {
    const key = r.organizationId ?? '';
    let card = cards.get(key);
    if (!card) {
      card = {
        organizationId: r.organizationId,
        code: r.organizationCode,
        name: r.organizationName,
        due: { entries: 0, amount: 0 },
        unpaid: { entries: 0, amount: 0 },
        reasonsMissing: 0,
        reasonsDeadline: r.reasonsDeadline,
        late: false,
      };
      cards.set(key, card);
    }
    const totals = r.kind === 'DUE_NEXT_MONTH' ? card.due : card.unpaid;
    totals.entries += r.entries;
    totals.amount += r.amount;
    card.reasonsMissing += r.reasonsMissing;
    card.late ||= r.late;
  }
  return [...cards.values()];
}

// ---------------------------------------------------------------------------------------------
// Grouped lists: commune → hamlet → collector
// ---------------------------------------------------------------------------------------------

export interface CollectorGroup<E> {
  /** The collector's id, or "" for entries nobody is assigned to collect. */
  key: string;
  name: string | null;
  entries: E[];
  /** Of the entries on screen. */
  subtotal: Totals;
}

export interface HamletGroup<E> {
  id: string;
  name: string;
  /** The whole hamlet's entries and amount (from the API's groups), whatever is paged in. */
  total: Totals;
  loaded: number;
  /** Every entry of the hamlet is on screen, so its collector subtotals are complete too. */
  complete: boolean;
  collectors: CollectorGroup<E>[];
}

export interface CommuneGroup<E> {
  id: string;
  name: string;
  total: Totals;
  loaded: number;
  complete: boolean;
  hamlets: HamletGroup<E>[];
}

type Groupable = Pick<CycleEntry, 'amount' | 'hamlet' | 'commune' | 'collector'>;

const totalOf = (rows: readonly CycleGroupRow[] | undefined, id: string): Totals | undefined => {
  const row = rows?.find((r) => r.id === id);
  return row ? { entries: row.entries, amount: row.amount } : undefined;
};

/**
 * The entries on screen grouped by commune, hamlet and collector, in the API's order (commune code,
 * hamlet code). Commune and hamlet totals come from the API's `groups`, so they are the whole
 * list's even when only a page is loaded; collector subtotals are summed from the entries on
 * screen (the API's collector totals are not per hamlet), exact once the hamlet is `complete`.
 * Collectors are listed by name, the unassigned last.
 */
export function groupEntries<E extends Groupable>(entries: readonly E[], totals: { communes?: readonly CycleGroupRow[]; hamlets?: readonly CycleGroupRow[] } = {}): CommuneGroup<E>[] {
  const communes: CommuneGroup<E>[] = [];
  const communeById = new Map<string, CommuneGroup<E>>();
  const hamletById = new Map<string, HamletGroup<E>>();
  for (const e of entries) {
    let commune = communeById.get(e.commune.id);
    if (!commune) {
      commune = { id: e.commune.id, name: e.commune.name, total: { entries: 0, amount: 0 }, loaded: 0, complete: false, hamlets: [] };
      communeById.set(commune.id, commune);
      communes.push(commune);
    }
    let hamlet = hamletById.get(e.hamlet.id);
    if (!hamlet) {
      hamlet = { id: e.hamlet.id, name: e.hamlet.name, total: { entries: 0, amount: 0 }, loaded: 0, complete: false, collectors: [] };
      hamletById.set(hamlet.id, hamlet);
      commune.hamlets.push(hamlet);
    }
    const key = e.collector?.id ?? '';
    let collector = hamlet.collectors.find((c) => c.key === key);
    if (!collector) {
      collector = { key, name: e.collector?.name ?? null, entries: [], subtotal: { entries: 0, amount: 0 } };
      hamlet.collectors.push(collector);
    }
    collector.entries.push(e);
    collector.subtotal.entries += 1;
    collector.subtotal.amount += e.amount;
    hamlet.loaded += 1;
    commune.loaded += 1;
  }
  for (const commune of communes) {
    for (const hamlet of commune.hamlets) {
      const loaded = hamlet.collectors.reduce((t, c) => ({ entries: t.entries + c.subtotal.entries, amount: t.amount + c.subtotal.amount }), { entries: 0, amount: 0 });
      hamlet.total = totalOf(totals.hamlets, hamlet.id) ?? loaded;
      hamlet.complete = hamlet.loaded >= hamlet.total.entries;
      hamlet.collectors.sort((a, b) => (a.key === '' ? 1 : 0) - (b.key === '' ? 1 : 0) || (a.name ?? '').localeCompare(b.name ?? '', 'vi'));
    }
    const ofHamlets = commune.hamlets.reduce((t, h) => ({ entries: t.entries + h.total.entries, amount: t.amount + h.total.amount }), { entries: 0, amount: 0 });
    commune.total = totalOf(totals.communes, commune.id) ?? ofHamlets;
    commune.complete = commune.loaded >= commune.total.entries;
  }
  return communes;
}

/** The list's grand total: the communes shown (all, or the one filtered on). */
export function grandTotal(communes: readonly CycleGroupRow[], communeId: string | null): Totals {
  const rows = communeId ? communes.filter((c) => c.id === communeId) : communes;
  return rows.reduce((t, r) => ({ entries: t.entries + r.entries, amount: t.amount + r.amount }), { entries: 0, amount: 0 });
}

// ---------------------------------------------------------------------------------------------
// Reasons
// ---------------------------------------------------------------------------------------------

/** Reasons after which someone goes to see the person (the API's list); a payment made elsewhere is checked at the office. */
export const REASONS_NEEDING_VISIT: readonly NonCollectionReason[] = NON_COLLECTION_REASONS.filter((r) => r !== 'PAID_ELSEWHERE');

export const reasonNeedsVisit = (reason: NonCollectionReason): boolean => REASONS_NEEDING_VISIT.includes(reason);

/** The translation key of a reason's label ("Chưa có tiền" …); an unknown code shows as itself. */
export const reasonLabelKey = (reason: string): string => ((NON_COLLECTION_REASONS as readonly string[]).includes(reason) ? `resources.collection.reasons.${reason}` : reason);

/** Entries without a reason first (what is left to do), each part in the order it came. */
export function withoutReasonFirst<E extends { reason: NonCollectionReason | null }>(entries: readonly E[]): E[] {
  return [...entries.filter((e) => !e.reason), ...entries.filter((e) => !!e.reason)];
}

/** How many people (not dues: one person may owe on two schemes) still have an entry without a reason. */
export function peopleWithoutReason(entries: readonly { reason: NonCollectionReason | null; person: { id: string } }[]): number {
  return new Set(entries.filter((e) => !e.reason).map((e) => e.person.id)).size;
}

/** How many entries have each reason, in the order reasons are offered, only those that occur. */
export function reasonTally(entries: readonly { reason: NonCollectionReason | null }[]): { reason: NonCollectionReason; count: number }[] {
  const counts = new Map<NonCollectionReason, number>();
  for (const e of entries) if (e.reason) counts.set(e.reason, (counts.get(e.reason) ?? 0) + 1);
  return NON_COLLECTION_REASONS.filter((r) => counts.has(r)).map((reason) => ({ reason, count: counts.get(reason)! }));
}

// ---------------------------------------------------------------------------------------------
// The page's place in the URL
// ---------------------------------------------------------------------------------------------

export const CYCLE_TABS = ['due', 'unpaid', 'reasons', 'followups'] as const;
export type CycleTab = (typeof CYCLE_TABS)[number];

/** The list kind a tab shows (the reasons and follow-ups are about the unpaid list). */
export const kindOfTab = (tab: CycleTab): DueListKind => (tab === 'due' ? 'DUE_NEXT_MONTH' : 'UNPAID_LAST_MONTH');

/** `#/collection-cycle?base=…&month=…&tab=…&org=…&commune=…`; null: the default (the user's base office, this month). */
export interface CycleParams {
  base: string | null;
  month: Month | null;
  tab: CycleTab;
  org: string | null;
  commune: string | null;
}

const id = (v: string | null) => (v && /^\d+$/.test(v) ? v : null);

export function readCycleParams(search: string): CycleParams {
  const q = new URLSearchParams(search);
  const month = q.get('month');
  const tab = q.get('tab') as CycleTab;
  return {
    base: id(q.get('base')),
    month: month && isMonth(month) ? month : null,
    tab: CYCLE_TABS.includes(tab) ? tab : 'due',
    org: id(q.get('org')),
    commune: id(q.get('commune')),
  };
}

export function cycleSearch(p: Partial<CycleParams>): string {
  const q = new URLSearchParams();
  if (p.base) q.set('base', p.base);
  if (p.month) q.set('month', p.month);
  if (p.tab && p.tab !== 'due') q.set('tab', p.tab);
  if (p.org) q.set('org', p.org);
  if (p.commune) q.set('commune', p.commune);
  const s = q.toString();
  return s ? `?${s}` : '';
}

// ---------------------------------------------------------------------------------------------
// Downloads
// ---------------------------------------------------------------------------------------------

export type CycleExportFormat = 'xlsx' | 'pdf';

/** The address of a cycle's printable list: GET /api/exports/collection-cycle (organization and kind optional). */
export function cycleExportUrl(p: { baseUnitId: string; month: Month; organizationId?: string | null; kind?: DueListKind | null; format: CycleExportFormat }): string {
  const q = new URLSearchParams({ baseUnitId: p.baseUnitId, month: p.month });
  if (p.organizationId) q.set('organizationId', p.organizationId);
  if (p.kind) q.set('kind', p.kind);
  q.set('format', p.format);
  return `/api/exports/collection-cycle?${q}`;
}

/** The file name when the server does not give one: danh-sach-thu-2026-11-BUUDIEN-DT.xlsx. */
export function cycleExportName(month: Month, organizationCode: string | null | undefined, format: CycleExportFormat): string {
  return `danh-sach-thu-${month}${organizationCode ? `-${organizationCode}` : ''}.${format}`;
}
