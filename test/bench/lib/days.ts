/** Dates as day numbers (days since 1970-01-01) and months as indexes (year × 12 + month − 1), for generators. */

const DAY_MS = 86_400_000;
const OFFSET = 25_000;
const dates: string[] = [];
const monthStarts: number[] = [];

export const dayOf = (date: string): number => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;

/** 'YYYY-MM-DD' of a day number, remembered (generators ask for the same few thousand days millions of times). */
export function dateOf(day: number): string {
  return (dates[day + OFFSET] ??= new Date(day * DAY_MS).toISOString().slice(0, 10));
}

export const monthIndexOf = (dateOrMonth: string): number => Number(dateOrMonth.slice(0, 4)) * 12 + Number(dateOrMonth.slice(5, 7)) - 1;
export const monthLabel = (mi: number): string => `${Math.floor(mi / 12)}-${String((mi % 12) + 1).padStart(2, '0')}`;
export function monthStartDay(mi: number): number {
  return (monthStarts[mi] ??= Date.UTC(Math.floor(mi / 12), mi % 12, 1) / DAY_MS);
}
export const monthEndDay = (mi: number): number => monthStartDay(mi + 1) - 1;
export const monthOfDay = (day: number): number => monthIndexOf(dateOf(day));
