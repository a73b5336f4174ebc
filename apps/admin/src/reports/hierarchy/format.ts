import { formatPercent, formatPoints } from '../achievement/board';

/** How the report's figures are written: dots between thousands in Vietnamese, commas in English. */

const counts = new Map<string, Intl.NumberFormat>();
function countFormat(locale: string): Intl.NumberFormat {
  const key = locale === 'en' ? 'en-GB' : 'vi-VN';
  let f = counts.get(key);
  if (!f) counts.set(key, (f = new Intl.NumberFormat(key, { maximumFractionDigits: 0 })));
  return f;
}

/** 12345 → "12.345" (vi) or "12,345" (en); "—" when there is no figure (no target, no statistics). */
export function formatCount(n: number | null | undefined, locale: string): string {
  return n == null ? '—' : countFormat(locale).format(n);
}

/** A change with its sign, the minus a real one: "+120", "−35", "0". */
export function formatSignedCount(n: number, locale: string): string {
  const text = countFormat(locale).format(Math.abs(n));
  return n > 0 ? `+${text}` : n < 0 ? `−${text}` : text;
}

/** A percentage or "—" (the table's empty cell). */
export function formatPct(pct: number | null | undefined, locale: string): string {
  return pct == null ? '—' : formatPercent(pct, locale);
}

/** A signed percentage: "+4,5 %", "−12 %"; "—" when the earlier figure was 0. */
export function formatSignedPct(pct: number | null | undefined, locale: string): string {
  if (pct == null) return '—';
  const text = formatPercent(Math.abs(pct), locale);
  return pct > 0 ? `+${text}` : pct < 0 ? `−${text}` : text;
}

/** A change in percentage points with its sign: "+48,09", "−1,5"; "—" without one. */
export function formatSignedPoints(points: number | null | undefined, locale: string): string {
  return points == null ? '—' : formatPoints(points, locale);
}

/** Growth as a count and, when it has one, a percentage: "+120 (+4,5 %)". */
export function formatGrowth(count: number, pct: number | null | undefined, locale: string): string {
  return pct == null ? formatSignedCount(count, locale) : `${formatSignedCount(count, locale)} (${formatSignedPct(pct, locale)})`;
}

/** A part of a whole: "1.150/1.300". */
export function formatRatio(part: number, whole: number, locale: string): string {
  return `${countFormat(locale).format(part)}/${countFormat(locale).format(whole)}`;
}

/** Up (green), down (red) or level: the colour a change is read in. */
export function changeTone(n: number | null | undefined): 'up' | 'down' | 'level' | null {
  if (n == null) return null;
  return n > 0 ? 'up' : n < 0 ? 'down' : 'level';
}
