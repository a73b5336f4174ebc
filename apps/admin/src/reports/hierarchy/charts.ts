import type { Month } from '@bao-phu/domain';
import { shortMonth } from '../on-time/onTime';
import type { ReportRow, TrendPoint } from './queries';

/** The data of the report's two charts, shaped from the API's rows and points. */

/** The achievement of each child that has a target, in the table's order, for a bar chart. */
export interface AchievementBars {
  ids: string[];
  labels: string[];
  values: number[];
  /** The end of the value axis: past the highest bar and past 100 %, so the target line shows. */
  max: number;
  /** Children left out because they have no target (their achievement is unknown). */
  withoutTarget: number;
}

export function achievementBars(rows: readonly Pick<ReportRow, 'unit' | 'achievementPct'>[]): AchievementBars {
  const shown = rows.filter((r): r is typeof r & { achievementPct: number } => r.achievementPct !== null);
  const highest = Math.max(100, ...shown.map((r) => r.achievementPct));
  return {
    ids: shown.map((r) => r.unit.id),
    labels: shown.map((r) => r.unit.name),
    values: shown.map((r) => r.achievementPct),
    max: Math.ceil((highest + 5) / 10) * 10,
    withoutTarget: rows.length - shown.length,
  };
}

/** Height in pixels of a horizontal bar chart of `n` bars: room for each name, never cramped. */
export function barsHeight(n: number): number {
  return Math.max(160, 56 + 30 * n);
}

/** The unit's monthly series: participants, and the year's target where one was set. */
export interface TrendSeries {
  months: Month[];
  /** "T11/26" under each point ("11/26" in English). */
  labels: string[];
  participants: number[];
  target: (number | null)[];
  /** Whether any month had a target: without one the target line is left out. */
  hasTarget: boolean;
}

export function trendSeries(points: readonly Pick<TrendPoint, 'month' | 'participants' | 'target'>[], locale: string): TrendSeries {
  const sorted = [...points].sort((a, b) => a.month.localeCompare(b.month));
  return {
    months: sorted.map((p) => p.month),
    labels: sorted.map((p) => shortMonth(p.month, locale)),
    participants: sorted.map((p) => p.participants),
    target: sorted.map((p) => p.target),
    hasTarget: sorted.some((p) => p.target !== null),
  };
}
