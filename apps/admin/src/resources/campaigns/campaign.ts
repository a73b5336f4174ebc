import { isLocalDate, type LocalDate } from '@bao-phu/domain';
import type { CampaignStatus, VisitOutcome } from './types';

/**
 * The pure rules of the campaign screens ("Mô hình vận động"): which actions a status offers, the
 * session days a plan gives, the create form's input, the fast visit entry's checks and defaults.
 * The API decides (campaign.service.ts); these mirror it so that a user sees a problem before
 * sending, and never a button that would be refused for its status.
 */

export const CAMPAIGN_STATUSES: readonly CampaignStatus[] = ['PLANNED', 'ACTIVE', 'COMPLETED', 'CANCELLED'];
export const MEMBER_ROLES = ['LEADER', 'SI_OFFICER', 'POST_OFFICE', 'VIETTEL', 'COMMUNE_OFFICIAL', 'HAMLET_HEAD', 'OTHER'] as const;
/** In the order the field team meets them at a door, the hoped-for one first. */
export const VISIT_OUTCOMES: readonly VisitOutcome[] = ['ENROLLED', 'INTERESTED', 'REFUSED', 'NOT_HOME', 'ALREADY_INSURED'];
/** A group needs this many members before it starts (DESIGN §5). */
export const MIN_MEMBERS = 5;

export type CampaignAction = 'start' | 'complete' | 'cancel';

/** PLANNED → start or cancel; ACTIVE → complete or cancel; a closed campaign offers nothing. */
export function statusActions(status: CampaignStatus): CampaignAction[] {
  switch (status) {
    case 'PLANNED':
      return ['start', 'cancel'];
    case 'ACTIVE':
      return ['complete', 'cancel'];
    default:
      return [];
  }
}

/** Whether members, sessions and visits may still change (the API refuses them once it is over). */
export const isOpen = (status: CampaignStatus) => status === 'PLANNED' || status === 'ACTIVE';

/** How many members are still missing before the group may start. */
export const missingMembers = (count: number) => Math.max(0, MIN_MEMBERS - count);

export function addDays(date: LocalDate, days: number): LocalDate {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

/** 0 = Monday … 6 = Sunday, as Vietnamese calendars are laid out (Thứ 2 first). */
export const weekdayOf = (date: LocalDate) => (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;

/** The next Saturday on or after a date: groups go out on Saturdays. */
export const saturdayFrom = (date: LocalDate) => addDays(date, (5 - weekdayOf(date) + 7) % 7);

/** The launch day's weekday every week after it, up to `until` (as the API's `weeklyUntil` does). */
export function weeklyDates(launch: LocalDate, until: LocalDate): LocalDate[] {
  const out: LocalDate[] = [];
  if (!isLocalDate(launch) || !isLocalDate(until)) return out;
  for (let d = addDays(launch, 7); d <= until; d = addDays(d, 7)) out.push(d);
  return out;
}

export type Repeat = 'ONCE' | 'WEEKLY' | 'DATES';

/** The create form's values (react-admin keeps them as typed; '' for a cleared input). */
export interface CampaignFormValues {
  name?: string;
  communeId?: string;
  launchDate?: string;
  hamletIds?: string[];
  repeat?: Repeat;
  weeklyUntil?: string | null;
  sessionDates?: string[];
  targetNewVoluntarySI?: number | null | '';
  targetNewHouseholdHI?: number | null | '';
  code?: string | null;
  reason?: string | null;
  partners?: string | null;
}

/** Every session day a plan gives, the launch day first, sorted and without repeats. */
export function plannedSessions(v: Pick<CampaignFormValues, 'launchDate' | 'repeat' | 'weeklyUntil' | 'sessionDates'>): LocalDate[] {
  if (!v.launchDate || !isLocalDate(v.launchDate)) return [];
  const extra =
    v.repeat === 'WEEKLY' && v.weeklyUntil ? weeklyDates(v.launchDate, v.weeklyUntil) : v.repeat === 'DATES' ? (v.sessionDates ?? []).filter(isLocalDate) : [];
  return [...new Set([v.launchDate, ...extra])].sort();
}

const numberOrNull = (v: number | null | '' | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const textOrNull = (v: string | null | undefined) => (v && v.trim() ? v.trim() : null);

/**
 * The create form's values as `CreateCampaignInput`: the repeat choice becomes `weeklyUntil` or
 * `sessionDates`; hamlets are left out when all of the commune's are covered (the API's default, so
 * a hamlet added later is covered too).
 */
export function toCreateInput(v: CampaignFormValues, allHamletIds: readonly string[]) {
  const hamlets = v.hamletIds ?? [];
  const everyHamlet = allHamletIds.length > 0 && allHamletIds.every((id) => hamlets.includes(id));
  return {
    name: (v.name ?? '').trim(),
    communeId: v.communeId,
    launchDate: v.launchDate,
    targetNewVoluntarySI: numberOrNull(v.targetNewVoluntarySI),
    targetNewHouseholdHI: numberOrNull(v.targetNewHouseholdHI),
    code: textOrNull(v.code),
    hamletIds: hamlets.length === 0 || everyHamlet ? null : hamlets,
    reason: textOrNull(v.reason),
    partners: textOrNull(v.partners),
    weeklyUntil: v.repeat === 'WEEKLY' ? (v.weeklyUntil ?? null) : null,
    sessionDates: v.repeat === 'DATES' ? [...new Set(v.sessionDates ?? [])].sort() : null,
  };
}

/** `?source=…`: react-admin's own way to prefill a create form (the "Tạo mô hình" of the ranking). */
export function createCampaignSearch(prefill: Partial<CampaignFormValues>): string {
  return `?${new URLSearchParams({ source: JSON.stringify(prefill) }).toString()}`;
}

/** The fast visit entry's values; `unregistered` switches from a person of the register to a name and a hamlet. */
export interface VisitDraft {
  campaignId: string | null;
  memberId: string | null;
  visitDate: string;
  unregistered: boolean;
  personId: string | null;
  contactName: string;
  hamletId: string | null;
  outcome: VisitOutcome | null;
  refusalReason: string;
  followUpDate: string | null;
  note: string;
}

export const emptyVisit = (keep: Pick<VisitDraft, 'campaignId' | 'memberId' | 'visitDate'>): VisitDraft => ({
  ...keep,
  unregistered: false,
  personId: null,
  contactName: '',
  hamletId: null,
  outcome: null,
  refusalReason: '',
  followUpDate: null,
  note: '',
});

/** After a visit is saved: the next door, same campaign, member and day. */
export const nextVisit = (d: VisitDraft): VisitDraft => ({ ...emptyVisit(d), unregistered: d.unregistered, hamletId: d.unregistered ? d.hamletId : null });

export type VisitProblem = 'required' | 'date' | 'date_future' | 'before_launch' | 'follow_up_before' | 'whom';

/**
 * What the API would refuse, by field, so the form says it before sending: who was visited (a
 * person, or a name with a hamlet), the outcome, the reason of a refusal, a real date neither in the
 * future nor before the launch, a follow-up not before the visit.
 */
export function visitProblems(d: VisitDraft, today: LocalDate, launchDate?: LocalDate | null): Partial<Record<keyof VisitDraft, VisitProblem>> {
  const out: Partial<Record<keyof VisitDraft, VisitProblem>> = {};
  if (!d.campaignId) out.campaignId = 'required';
  if (!d.memberId) out.memberId = 'required';
  if (!isLocalDate(d.visitDate)) out.visitDate = 'date';
  else if (d.visitDate > today) out.visitDate = 'date_future';
  else if (launchDate && d.visitDate < launchDate) out.visitDate = 'before_launch';
  if (d.unregistered) {
    if (!d.contactName.trim()) out.contactName = 'required';
    if (!d.hamletId) out.hamletId = 'required';
  } else if (!d.personId) out.personId = 'whom';
  if (!d.outcome) out.outcome = 'required';
  if (d.outcome === 'REFUSED' && !d.refusalReason.trim()) out.refusalReason = 'required';
  if (d.outcome === 'INTERESTED' && d.followUpDate) {
    if (!isLocalDate(d.followUpDate)) out.followUpDate = 'date';
    else if (isLocalDate(d.visitDate) && d.followUpDate < d.visitDate) out.followUpDate = 'follow_up_before';
  }
  return out;
}

/** `LogVisitInput`: only what the outcome calls for (a reason for a refusal, a day to come back for interest). */
export function toLogVisitInput(d: VisitDraft) {
  const who = d.unregistered ? { contactName: d.contactName.trim(), hamletId: d.hamletId } : { personId: d.personId };
  return {
    campaignId: d.campaignId!,
    memberId: d.memberId!,
    visitDate: d.visitDate,
    outcome: d.outcome!,
    ...who,
    ...(d.outcome === 'REFUSED' ? { refusalReason: d.refusalReason.trim() } : {}),
    ...(d.outcome === 'INTERESTED' && d.followUpDate ? { followUpDate: d.followUpDate } : {}),
    ...(d.note.trim() ? { note: d.note.trim() } : {}),
  };
}

interface ChoosableCampaign {
  id: string;
  members: { id: string; userId: string | null }[];
}

/**
 * The campaign the entry form opens on: the last one used on this device while it is still active,
 * else the active one the user is a member of, else the only active one; null lets the user choose.
 */
export function defaultCampaign(active: readonly ChoosableCampaign[], userId: string | null | undefined, lastUsed: string | null | undefined): string | null {
  if (lastUsed && active.some((c) => c.id === lastUsed)) return lastUsed;
  const mine = active.filter((c) => !!userId && c.members.some((m) => m.userId === userId));
  if (mine.length > 0) return mine[0].id;
  return active.length === 1 ? active[0].id : null;
}

/** The member the entry form opens on: the user's own membership, else the last one used for this campaign. */
export function defaultMember(members: readonly { id: string; userId: string | null }[], userId: string | null | undefined, lastUsed: string | null | undefined): string | null {
  const mine = members.find((m) => !!userId && m.userId === userId);
  if (mine) return mine.id;
  if (lastUsed && members.some((m) => m.id === lastUsed)) return lastUsed;
  return null;
}

/**
 * The day whose report opens first: today when it is a campaign day, else the latest campaign day
 * before today, else the launch day (a report of a day to come is empty but can be read).
 */
export function defaultReportDate(days: readonly LocalDate[], today: LocalDate, launchDate: LocalDate): LocalDate {
  const past = [...days].filter((d) => d <= today).sort();
  return past.length > 0 ? past[past.length - 1] : launchDate;
}

/** The commune leaders a day's report goes to, as the API's text addresses them, and the Zalo group. */
export function suggestedRecipients(communeName: string, baseName?: string | null): string[] {
  return [`Đảng ủy ${communeName}`, `UBND ${communeName}`, ...(baseName ? [`Nhóm Zalo ${baseName}`] : [])];
}

/** Recipients as typed: trimmed, empty ones dropped, each once (the API keeps at most 30). */
export function cleanRecipients(list: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const r of list) {
    const t = r.replace(/\s+/g, ' ').trim();
    if (t && !seen.has(t.toLocaleLowerCase('vi'))) {
      seen.add(t.toLocaleLowerCase('vi'));
      out.push(t);
    }
  }
  return out;
}

/** The report's first line is its title; the rest its body (for the printed page). */
export function splitReport(text: string): { title: string; body: string } {
  const [title, ...rest] = text.split('\n');
  return { title: title.trim(), body: rest.join('\n').replace(/^\n+/, '') };
}

/**
 * The largest value a bar chart must hold: the figures and their targets, at least 1 so an empty
 * chart draws empty bars rather than dividing by zero.
 */
export function chartMax(values: readonly (number | null | undefined)[]): number {
  return Math.max(1, ...values.map((v) => (typeof v === 'number' && Number.isFinite(v) ? v : 0)));
}

/** A bar's length in percent of the chart's width. */
export const barPct = (value: number | null | undefined, max: number) => (value && max > 0 ? Math.min(100, (value / max) * 100) : 0);

const decimalFormats = new Map<string, Intl.NumberFormat>();
/** 16.46 → "16,46" in Vietnamese, "16.46" in English (at most 2 decimals, thousands grouped). */
export function formatDecimal(n: number | null | undefined, locale: string): string {
  if (n == null) return '';
  const key = locale === 'en' ? 'en-GB' : 'vi-VN';
  let f = decimalFormats.get(key);
  if (!f) decimalFormats.set(key, (f = new Intl.NumberFormat(key, { maximumFractionDigits: 2 })));
  return f.format(n);
}
