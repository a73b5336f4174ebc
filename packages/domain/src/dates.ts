/** Business dates are local calendar dates in Asia/Ho_Chi_Minh, written `YYYY-MM-DD`. */
export type LocalDate = string;
/** A month, written `YYYY-MM`. */
export type Month = string;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const VN_DATE_RE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const MONTH_RE = /^(\d{4})-(\d{2})$/;

/** True when `value` is a real calendar date written `YYYY-MM-DD` (2025-02-29 is not). */
export function isLocalDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2999 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

/**
 * Reads a date as users write it: `YYYY-MM-DD`, or `DD/MM/YYYY` as written in Vietnam.
 * Returns the `YYYY-MM-DD` form, or null when the text is not a real date.
 */
export function parseLocalDate(text: string): LocalDate | null {
  const t = text.trim();
  const vn = VN_DATE_RE.exec(t);
  const iso = vn ? `${vn[3]}-${vn[2].padStart(2, '0')}-${vn[1].padStart(2, '0')}` : t;
  return isLocalDate(iso) ? iso : null;
}

/**
 * Months already checked: charging 100,000 enrollments checks the same few dozen months millions
 * of times (every helper checks its argument). Bounded, so odd input cannot grow it for ever.
 */
const MONTHS_CHECKED = new Map<string, boolean>();

/** True when `value` is a month written `YYYY-MM`. */
export function isMonth(value: string): boolean {
  const known = MONTHS_CHECKED.get(value);
  if (known !== undefined) return known;
  const m = MONTH_RE.exec(value);
  const ok = !!m && Number(m[1]) >= 1900 && Number(m[2]) >= 1 && Number(m[2]) <= 12;
  if (typeof value === 'string' && MONTHS_CHECKED.size < 10_000) MONTHS_CHECKED.set(value, ok);
  return ok;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  if (month === 4 || month === 6 || month === 9 || month === 11) return 30;
  if (month >= 1 && month <= 12) return 31;
  return new Date(Date.UTC(year, month, 0)).getUTCDate(); // a month out of 1–12 rolls over, as Date does
}

/** Today's date in Asia/Ho_Chi_Minh (UTC+7, no daylight saving) at the instant `now`. */
export function todayInVietnam(now: Date = new Date()): LocalDate {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** The day before `date`, e.g. the last day a unit was open when it closes on `date`. */
export function previousDay(date: LocalDate): LocalDate {
  const t = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  return new Date(t - 86_400_000).toISOString().slice(0, 10);
}
