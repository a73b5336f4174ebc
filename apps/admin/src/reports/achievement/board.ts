import { isLocalDate, SCHEMES, type LocalDate, type Pace, type Scheme } from '@bao-phu/domain';

/** The paces in the order the legend lists them. */
export const PACES: readonly Pace[] = ['AHEAD', 'ON_TRACK', 'BEHIND', 'NO_TARGET'];

/**
 * The colour of a pace, as a user reads it at a glance: green for ahead, amber on track (within
 * 5 % of the target at year end), red behind, grey without a target.
 */
export const PACE_COLORS: Record<Pace, { main: string; light: string; text: string }> = {
  AHEAD: { main: '#2e7d32', light: '#c8e6c9', text: '#1b5e20' },
  ON_TRACK: { main: '#f9a825', light: '#fff3c4', text: '#8a5a00' },
  BEHIND: { main: '#d32f2f', light: '#ffcdd2', text: '#b71c1c' },
  NO_TARGET: { main: '#9e9e9e', light: '#eeeeee', text: '#616161' },
};

/** How much of a bar an achievement fills: 0 to 100 % (more than the target fills it). */
export function barFill(pct: number | null | undefined): number {
  if (pct == null || !Number.isFinite(pct)) return 0;
  return Math.min(100, Math.max(0, pct));
}

const formatters = new Map<string, Intl.NumberFormat>();
function decimals(locale: string): Intl.NumberFormat {
  const key = locale === 'en' ? 'en-GB' : 'vi-VN';
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.NumberFormat(key, { minimumFractionDigits: 0, maximumFractionDigits: 2 })));
  return f;
}

/** 98.01 → "98,01 %" in Vietnamese, "98.01%" in English; empty for null. */
export function formatPercent(pct: number | null | undefined, locale: string): string {
  if (pct == null) return '';
  return locale === 'en' ? `${decimals(locale).format(pct)}%` : `${decimals(locale).format(pct)} %`;
}

/** A change in percentage points with its sign: "+48,09", "−1,5", "0". */
export function formatPoints(points: number | null | undefined, locale: string): string {
  if (points == null) return '';
  const text = decimals(locale).format(Math.abs(points));
  return points > 0 ? `+${text}` : points < 0 ? `−${text}` : text;
}

/** Rows from the lowest achievement up (where to push first); rows without a target last, by name. */
export function rankByAchievement<R extends { achievementPct: number | null; unit: { name: string } }>(rows: readonly R[]): R[] {
  return [...rows].sort((a, b) => {
    if (a.achievementPct === null || b.achievementPct === null) {
      if (a.achievementPct !== b.achievementPct) return a.achievementPct === null ? 1 : -1;
    } else if (a.achievementPct !== b.achievementPct) return a.achievementPct - b.achievementPct;
    return a.unit.name.localeCompare(b.unit.name, 'vi');
  });
}

/** The board's place in the URL: `#/achievement?unit=…&scheme=…&asOf=…&compareWith=…`. */
export interface BoardParams {
  unit: string | null;
  scheme: Scheme;
  /** null: today. */
  asOf: LocalDate | null;
  compareWith: LocalDate | null;
}

export function readBoardParams(search: string): BoardParams {
  const q = new URLSearchParams(search);
  const date = (name: string) => {
    const v = q.get(name);
    return v && isLocalDate(v) ? v : null;
  };
  const unit = q.get('unit');
  const scheme = q.get('scheme') as Scheme;
  return {
    unit: unit && /^\d+$/.test(unit) ? unit : null,
    scheme: SCHEMES.includes(scheme) ? scheme : 'VOLUNTARY_SI',
    asOf: date('asOf'),
    compareWith: date('compareWith'),
  };
}

export function boardSearch(p: BoardParams): string {
  const q = new URLSearchParams();
  if (p.unit) q.set('unit', p.unit);
  q.set('scheme', p.scheme);
  if (p.asOf) q.set('asOf', p.asOf);
  if (p.compareWith) q.set('compareWith', p.compareWith);
  return `?${q.toString()}`;
}
