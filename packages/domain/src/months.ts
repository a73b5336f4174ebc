import { daysInMonth, isLocalDate, isMonth, type LocalDate, type Month } from './dates';

/**
 * Month arithmetic on `YYYY-MM` strings, for contribution periods. Every function throws a
 * RangeError for a string that is not a month, so a typo never becomes a silently wrong period.
 */

function parts(month: Month): { year: number; month: number } {
  if (!isMonth(month)) throw new RangeError(`Not a month (YYYY-MM): "${month}"`);
  return { year: Number(month.slice(0, 4)), month: Number(month.slice(5, 7)) };
}

function format(year: number, month: number): Month {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/** The month `count` months after `month` (before it when negative): 2025-11 + 3 → 2026-02. */
export function addMonths(month: Month, count: number): Month {
  if (!Number.isInteger(count)) throw new RangeError(`Not a whole number of months: ${count}`);
  const p = parts(month);
  const index = p.year * 12 + (p.month - 1) + count;
  return format(Math.floor(index / 12), (index % 12) + 1);
}

/** `count` consecutive months from `start`: ("2025-06", 3) → 2025-06, 2025-07, 2025-08. */
export function monthRange(start: Month, count: number): Month[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`Not a number of months: ${count}`);
  parts(start);
  return Array.from({ length: count }, (_, i) => addMonths(start, i));
}

/** The first day of a month, the day on which the rules that charge it are read: 2025-07 → 2025-07-01. */
export function firstDayOfMonth(month: Month): LocalDate {
  parts(month);
  return `${month}-01`;
}

/** The last day of a month: 2024-02 → 2024-02-29. */
export function lastDayOfMonth(month: Month): LocalDate {
  const p = parts(month);
  return `${month}-${String(daysInMonth(p.year, p.month)).padStart(2, '0')}`;
}

/** The month a date falls in: 2025-07-15 → 2025-07. */
export function monthOf(date: LocalDate): Month {
  if (!isLocalDate(date)) throw new RangeError(`Not a date (YYYY-MM-DD): "${date}"`);
  return date.slice(0, 7);
}
