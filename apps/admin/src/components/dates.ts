import { isLocalDate, parseLocalDate } from '@bao-phu/domain';

/**
 * Shows a `YYYY-MM-DD` business date as written in Vietnam, `DD/MM/YYYY`. The string is
 * rearranged, never passed through `Date`, so no time zone can shift the day.
 */
export function formatLocalDate(value: string | null | undefined): string {
  if (!value) return '';
  const iso = value.slice(0, 10);
  if (!isLocalDate(iso)) return value;
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/**
 * Turns what a user typed into the `YYYY-MM-DD` the API expects. Text that is not (yet) a whole
 * date is returned unchanged, so a half-typed value stays in the input and validation flags it.
 */
export function toLocalDateValue(text: string | null | undefined): string | null {
  if (text == null) return null;
  if (text.trim() === '') return null;
  return parseLocalDate(text) ?? text;
}

const VIETNAM_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/**
 * An instant (`DateTimeISO`, UTC) as `DD/MM/YYYY HH:mm` on Vietnam's clock, whatever the time zone
 * of the browser. Text that is not a date-time is returned unchanged.
 */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const part = Object.fromEntries(VIETNAM_TIME.formatToParts(date).map((p) => [p.type, p.value]));
  return `${part.day}/${part.month}/${part.year} ${part.hour}:${part.minute}`;
}
