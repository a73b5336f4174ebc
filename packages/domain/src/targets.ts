/**
 * Yearly plans: what a target counts, where a draft stands, and how the pace towards it reads.
 */

/** `PARTICIPANTS`: participants at the end of the period; `NEW_PARTICIPANTS`: new ones within it. */
export const TARGET_METRICS = ['PARTICIPANTS', 'NEW_PARTICIPANTS'] as const;
export type TargetMetric = (typeof TARGET_METRICS)[number];

export const TARGET_STATUSES = ['DRAFT', 'PUBLISHED'] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];

/** Statistics of a unit for a year: the denominators of potential and coverage. */
export const STATISTIC_METRICS = ['POPULATION', 'WORKING_AGE_POPULATION', 'HOUSEHOLDS', 'HEALTH_INSURED'] as const;
export type StatisticMetric = (typeof STATISTIC_METRICS)[number];

/**
 * How a unit stands against its year: `AHEAD` when the year-end forecast reaches the target,
 * `ON_TRACK` when it reaches at least 95 % of it, `BEHIND` below that; `NO_TARGET` without a
 * target. The forecast (not today's percentage against the share of the year gone by) decides,
 * because a stock of participants does not start the year at 0.
 */
export type Pace = 'AHEAD' | 'ON_TRACK' | 'BEHIND' | 'NO_TARGET';

export function paceOf(forecast: number | null, target: number | null): Pace {
  if (target === null || target === 0 || forecast === null) return 'NO_TARGET';
  if (forecast >= target) return 'AHEAD';
  if (forecast * 100 >= target * 95) return 'ON_TRACK';
  return 'BEHIND';
}

/** The quarter (1–4) of a month (1–12). */
export function quarterOfMonth(month: number): number {
  return Math.floor((month - 1) / 3) + 1;
}
