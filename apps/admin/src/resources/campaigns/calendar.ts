import { addMonths, daysInMonth, firstDayOfMonth, isMonth, lastDayOfMonth, type LocalDate, type Month } from '@bao-phu/domain';
import { weekdayOf } from './campaign';
import type { CampaignStatus } from './types';

/**
 * The month view of the campaign calendar ("Lịch ra quân"): weeks from Monday (Thứ 2) to Sunday
 * (Chủ nhật), as Vietnamese calendars are printed, and the sessions of each day.
 */

/** The weeks of a month, Monday first; days of the neighbouring months are null. */
export function monthWeeks(month: Month): (LocalDate | null)[][] {
  const first = firstDayOfMonth(month);
  const days = daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
  const cells: (LocalDate | null)[] = Array.from({ length: weekdayOf(first) }, () => null);
  for (let d = 1; d <= days; d++) cells.push(`${month}-${String(d).padStart(2, '0')}`);
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (LocalDate | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** The period a month's query asks for: campaigns with a session in it. */
export const monthRange = (month: Month) => ({ from: firstDayOfMonth(month), to: lastDayOfMonth(month) });

export const shiftMonth = (month: Month, by: number): Month => addMonths(month, by);

/** `?month=2026-11` or this month. */
export function readMonth(search: string, today: LocalDate): Month {
  const m = new URLSearchParams(search).get('month');
  return m && isMonth(m) ? m : today.slice(0, 7);
}

export interface CalendarCampaign {
  id: string;
  code: string;
  name: string;
  status: CampaignStatus;
  commune: { name: string };
  sessions: { sessionDate: LocalDate }[];
}

export interface CalendarEntry {
  campaign: CalendarCampaign;
  date: LocalDate;
  /** The launch day (ngày ra quân) is the campaign's first session. */
  launch: boolean;
}

/**
 * The sessions of a month by day, each day's in commune order. Cancelled campaigns are left out
 * unless asked for: nobody goes out for them.
 */
export function sessionsByDay(campaigns: readonly CalendarCampaign[], month: Month, withCancelled = false): Map<LocalDate, CalendarEntry[]> {
  const out = new Map<LocalDate, CalendarEntry[]>();
  for (const c of campaigns) {
    if (c.status === 'CANCELLED' && !withCancelled) continue;
    const dates = c.sessions.map((s) => s.sessionDate).sort();
    for (const date of dates) {
      if (!date.startsWith(`${month}-`)) continue;
      const list = out.get(date) ?? [];
      list.push({ campaign: c, date, launch: date === dates[0] });
      out.set(date, list);
    }
  }
  for (const list of out.values()) list.sort((a, b) => a.campaign.commune.name.localeCompare(b.campaign.commune.name, 'vi') || a.campaign.code.localeCompare(b.campaign.code));
  return out;
}
