import { achievementPct, addMonths, isMonth, type LocalDate, type Month } from '@bao-phu/domain';

/** The on-time collection rate the offices aim at (DESIGN.md §2, the API's ON_TIME_GOAL_PCT). */
export const ON_TIME_GOAL_PCT = 98;

/** The months of the chart: the `count` months ending with this one. */
export function chartRange(today: LocalDate, count = 12): { from: Month; to: Month } {
  const to = today.slice(0, 7);
  return { from: addMonths(to, -(count - 1)), to };
}

/**
 * The rate over several months: dues paid on time ÷ dues, summed (not an average of the monthly
 * rates, which would weigh a month of 3 dues like one of 300). Null when nothing fell due.
 */
export function overallRate(rows: readonly { due: number; paidOnTime: number }[]): number | null {
  const due = rows.reduce((n, r) => n + r.due, 0);
  const paid = rows.reduce((n, r) => n + r.paidOnTime, 0);
  return achievementPct(paid, due);
}

/**
 * The vertical scale: 100 % at the top, and at the bottom a round 10 below the lowest rate (never
 * above 90 %, so the 98 % line never sits on the floor, and 0 % when a month is very low), so the
 * few points that separate a good month from a poor one can be seen. Ticks every 10 (every 20 on a
 * tall scale), with the goal among them.
 */
export function chartScale(rates: readonly (number | null)[]): { min: number; max: number; ticks: number[] } {
  const known = rates.filter((r): r is number => r !== null && Number.isFinite(r));
  const lowest = known.length ? Math.min(...known) : ON_TIME_GOAL_PCT;
  const min = Math.max(0, Math.min(90, Math.floor((lowest - 5) / 10) * 10));
  const step = 100 - min > 50 ? 20 : 10;
  const ticks: number[] = [];
  for (let t = 100; t >= min; t -= step) ticks.push(t);
  if (ticks[ticks.length - 1] !== min) ticks.push(min);
  return { min, max: 100, ticks: [...new Set([...ticks, ON_TIME_GOAL_PCT])].sort((a, b) => b - a) };
}

/** Height from the bottom of the chart, in % of its height, clamped to the scale. */
export function heightOf(pct: number | null, scale: { min: number; max: number }): number {
  if (pct === null || !Number.isFinite(pct)) return 0;
  const clamped = Math.min(scale.max, Math.max(scale.min, pct));
  return ((clamped - scale.min) / (scale.max - scale.min)) * 100;
}

/** Green at or above the goal, red below it, grey when nothing fell due. */
export function rateColor(row: { ratePct: number | null; meetsGoal?: boolean | null }): 'success' | 'error' | 'none' {
  if (row.ratePct === null) return 'none';
  const meets = row.meetsGoal ?? row.ratePct >= ON_TIME_GOAL_PCT;
  return meets ? 'success' : 'error';
}

/** The chart's place in the URL: `#/on-time?unit=…&org=…&months=…`. */
export interface OnTimeParams {
  unit: string | null;
  org: string | null;
  months: number;
}

export const MONTH_COUNTS = [6, 12, 24] as const;

export function readOnTimeParams(search: string): OnTimeParams {
  const q = new URLSearchParams(search);
  const id = (v: string | null) => (v && /^\d+$/.test(v) ? v : null);
  const months = Number(q.get('months'));
  return { unit: id(q.get('unit')), org: id(q.get('org')), months: (MONTH_COUNTS as readonly number[]).includes(months) ? months : 12 };
}

export function onTimeSearch(p: OnTimeParams): string {
  const q = new URLSearchParams();
  if (p.unit) q.set('unit', p.unit);
  if (p.org) q.set('org', p.org);
  if (p.months !== 12) q.set('months', String(p.months));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** "2026-11" → "T11/26" ("tháng 11"), in English "11/26": a month under a narrow bar. */
export function shortMonth(month: Month, locale = 'vi'): string {
  if (!isMonth(month)) return month;
  return `${locale === 'en' ? '' : 'T'}${month.slice(5, 7)}/${month.slice(2, 4)}`;
}
