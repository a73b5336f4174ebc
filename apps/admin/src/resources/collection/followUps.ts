import { isLocalDate, type LocalDate } from '@bao-phu/domain';
import { daysBetween } from './cycle';
import type { FollowUpOutcome } from './types';

/** The board's columns: visits past their day, due by Sunday, and later. */
export const FOLLOW_UP_BUCKETS = ['overdue', 'thisWeek', 'later'] as const;
export type FollowUpBucket = (typeof FOLLOW_UP_BUCKETS)[number];

const shift = (date: LocalDate, days: number): LocalDate => {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
};

/** The Sunday ending the week of `today` (weeks run Monday to Sunday in Vietnam). */
export function endOfWeek(today: LocalDate): LocalDate {
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay(); // 0 Sunday … 6 Saturday
  return shift(today, weekday === 0 ? 0 : 7 - weekday);
}

export function bucketOf(dueDate: LocalDate, today: LocalDate): FollowUpBucket {
  if (dueDate < today) return 'overdue';
  return dueDate <= endOfWeek(today) ? 'thisWeek' : 'later';
}

/** Open follow-ups in their columns, each by due date (the earliest first), then as they came. */
export function bucketFollowUps<F extends { dueDate: LocalDate }>(items: readonly F[], today: LocalDate): Record<FollowUpBucket, F[]> {
  const out: Record<FollowUpBucket, F[]> = { overdue: [], thisWeek: [], later: [] };
  const sorted = items.map((f, i) => ({ f, i })).sort((a, b) => a.f.dueDate.localeCompare(b.f.dueDate) || a.i - b.i);
  for (const { f } of sorted) out[bucketOf(f.dueDate, today)].push(f);
  return out;
}

/** Days a visit is past its day; 0 on or before it. */
export const daysLate = (dueDate: LocalDate, today: LocalDate): number => Math.max(0, daysBetween(dueDate, today));

/**
 * What recording an outcome does, as the API does it: STOPPED and MOVED_AWAY end the enrollment
 * (stopped), DECEASED ends it (deceased) — from today, its unpaid periods after today cancelled and
 * the person off the next lists; WILL_PAY keeps the promised day, shown on the next list; PAID and
 * NOT_FOUND are only recorded.
 */
export type OutcomeEffect = 'ENDS_STOPPED' | 'ENDS_DECEASED' | 'PROMISE' | 'RECORD_ONLY';

export function outcomeEffect(outcome: FollowUpOutcome): OutcomeEffect {
  switch (outcome) {
    case 'STOPPED':
    case 'MOVED_AWAY':
      return 'ENDS_STOPPED';
    case 'DECEASED':
      return 'ENDS_DECEASED';
    case 'WILL_PAY':
      return 'PROMISE';
    default:
      return 'RECORD_ONLY';
  }
}

export const endsEnrollment = (outcome: FollowUpOutcome): boolean => outcomeEffect(outcome).startsWith('ENDS_');

/** What the close dialog holds. */
export interface CloseValues {
  outcome: FollowUpOutcome | null;
  promisedDate: string | null;
  note: string | null;
}

/**
 * The closeFollowUp variables, or the fields to fix: an outcome is required; WILL_PAY needs the
 * promised day, a whole date not before today (the API's rule); other outcomes send no date.
 */
export function closeInput(id: string, v: CloseValues, today: LocalDate):
  | { ok: true; input: { id: string; outcome: FollowUpOutcome; promisedDate: LocalDate | null; note: string | null } }
  | { ok: false; errors: Partial<Record<'outcome' | 'promisedDate', 'required' | 'date' | 'past'>> } {
  if (!v.outcome) return { ok: false, errors: { outcome: 'required' } };
  let promisedDate: LocalDate | null = null;
  if (v.outcome === 'WILL_PAY') {
    const d = v.promisedDate?.trim() ?? '';
    if (!d) return { ok: false, errors: { promisedDate: 'required' } };
    if (!isLocalDate(d)) return { ok: false, errors: { promisedDate: 'date' } };
    if (d < today) return { ok: false, errors: { promisedDate: 'past' } };
    promisedDate = d;
  }
  const note = v.note?.replace(/\s+/g, ' ').trim() || null;
  return { ok: true, input: { id, outcome: v.outcome, promisedDate, note } };
}
