/**
 * How far a unit is towards its target: percentages, their change, and where the year will end at
 * the present pace. Percentages are numbers with at most 2 decimals (98.01 means 98.01 %).
 */
import { isLocalDate, type LocalDate } from './dates';
import { divideRoundHalfUp, roundHalfUp } from './money';

function assertCount(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a whole number ≥ 0, not ${value}`);
  }
}

/**
 * `actual / target` as a percentage rounded half-up to 2 decimals, computed on integers so that no
 * floating-point error can move the last digit: 2,654 of 2,708 → 98.01, 2,904 of 2,708 → 107.24,
 * 1 of 8 → 12.5. Null when the target is 0 (there is nothing to achieve, not 0 % nor ∞).
 * Both must be non-negative safe integers (RangeError otherwise).
 */
export function achievementPct(actual: number, target: number): number | null {
  assertCount(actual, 'The actual figure');
  assertCount(target, 'The target');
  if (target === 0) return null;
  return divideRoundHalfUp(BigInt(actual) * 10_000n, BigInt(target)) / 100;
}

/**
 * The change from one percentage to another, in percentage points rounded half away from zero to 2
 * decimals: 59.15 → 107.24 is 48.09 (not 48.089999999999996), 98.01 → 97.5 is −0.51. Null when
 * either is null (no target that year). Floating-point noise below 10⁻⁶ point is ignored, so
 * decimals are rounded as written. Both must be finite (RangeError otherwise).
 */
export function pointsChange(from: number | null, to: number | null): number | null {
  if (from === null || to === null) return null;
  if (!Number.isFinite(from) || !Number.isFinite(to)) throw new RangeError(`Cannot compare ${from} with ${to}`);
  const hundredths = roundHalfUp(Number(((to - from) * 100).toFixed(6)));
  return hundredths / 100;
}

function dayOfYear(date: LocalDate): { day: number; daysInYear: number } {
  if (!isLocalDate(date)) throw new RangeError(`Not a date (YYYY-MM-DD): "${date}"`);
  const year = Number(date.slice(0, 4));
  const start = Date.UTC(year, 0, 1);
  const t = Date.UTC(year, Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  const daysInYear = (Date.UTC(year + 1, 0, 1) - start) / 86_400_000;
  return { day: (t - start) / 86_400_000 + 1, daysInYear };
}

/**
 * The share of the year gone by at the end of `date` (`YYYY-MM-DD`): its day of the year over the
 * days in the year, counting the day itself, so 1 January is 1/365 and 31 December is exactly 1;
 * in a leap year 1 March is 61/366 and 31 December 366/366. RangeError for a date that does not
 * exist.
 */
export function yearShareElapsed(date: LocalDate): number {
  const { day, daysInYear } = dayOfYear(date);
  return day / daysInYear;
}

/**
 * The figure the year would end on if the pace since 1 January continued: `actualAtYearStart +
 * (actualNow − actualAtYearStart) / yearShareElapsed(date)`, rounded half-up to a whole number
 * with integer arithmetic. `actualAtYearStart` is the figure on 1 January (0 for a yearly count
 * such as enrolments in the year; the stock at the start for a running total). On 31 December the
 * forecast is the actual figure. A falling figure is forecast to fall on, but never below 0. The
 * figures must be non-negative safe integers (RangeError).
 */
export function linearForecast(actualNow: number, date: LocalDate, actualAtYearStart = 0): number {
  assertCount(actualNow, 'The actual figure');
  assertCount(actualAtYearStart, 'The figure at the start of the year');
  const { day, daysInYear } = dayOfYear(date);
  const start = BigInt(actualAtYearStart);
  const numerator = start * BigInt(day) + (BigInt(actualNow) - start) * BigInt(daysInYear);
  return Math.max(0, divideRoundHalfUp(numerator, BigInt(day)));
}
