import { addMonths, isLocalDate, monthOf, SCHEMES, type LocalDate, type Month, type Scheme } from '@bao-phu/domain';

/**
 * The reports page's place in the URL: `#/reports?unit=…&scheme=…&date=…&restated=1`, so a link
 * can be shared and the browser's Back button goes back up the tree. Missing parts are the
 * defaults: the user's scope unit, voluntary SI, today, the tree as it stood.
 */
export interface ReportParams {
  unit: string | null;
  scheme: Scheme;
  /** null: today. */
  date: LocalDate | null;
  /** true: regrouped in today's tree; false: the tree as it stood on the date. */
  restated: boolean;
}

export const REPORTS_PATH = '/reports';

export function readReportParams(search: string): ReportParams {
  const q = new URLSearchParams(search);
  const unit = q.get('unit');
  const scheme = q.get('scheme') as Scheme;
  const date = q.get('date');
  const restated = q.get('restated');
  return {
    unit: unit && /^\d+$/.test(unit) ? unit : null,
    scheme: SCHEMES.includes(scheme) ? scheme : 'VOLUNTARY_SI',
    date: date && isLocalDate(date) ? date : null,
    restated: restated === '1' || restated === 'true',
  };
}

/** The query string of a report; the parts always in the same order, so equal states give equal links. */
export function reportSearch(p: ReportParams): string {
  const q = new URLSearchParams();
  if (p.unit) q.set('unit', p.unit);
  q.set('scheme', p.scheme);
  if (p.date) q.set('date', p.date);
  if (p.restated) q.set('restated', '1');
  return `?${q.toString()}`;
}

/** The full address of a report inside the SPA (what a link or `navigate` takes). */
export const reportPath = (p: ReportParams): string => `${REPORTS_PATH}${reportSearch(p)}`;

/**
 * The next state after a change on screen: the unit and date shown are written out (so the link
 * says what was seen, not "my unit, today"), then the change applied.
 */
export function nextReportParams(current: ReportParams, shown: { unit: string | null; date: LocalDate }, change: Partial<ReportParams>): ReportParams {
  return { ...current, unit: shown.unit, date: shown.date, ...change };
}

/** The months of the trend chart: the 12 months ending with the report date's month. */
export function trendRange(asOf: LocalDate, count = 12): { from: Month; to: Month } {
  const to = monthOf(asOf);
  return { from: addMonths(to, -(count - 1)), to };
}

/** The default period of the written report: from 1 January of the report date's year to that date. */
export function writtenReportPeriod(asOf: LocalDate): { from: LocalDate; to: LocalDate } {
  return { from: `${asOf.slice(0, 4)}-01-01`, to: asOf };
}

/** A period the written report takes: real dates, the first not after the last, the last not after today. */
export const isValidPeriod = (from: LocalDate | null, to: LocalDate | null, today: LocalDate): boolean =>
  !!from && !!to && isLocalDate(from) && isLocalDate(to) && from <= to && to <= today;

/** The levels the unit picker offers: the user's own level and those below it down to communes (hamlets are opened from the table). */
export function pickerLevels(scopeLevel: string | null | undefined): ('PROVINCE' | 'BASE' | 'COMMUNE')[] {
  switch (scopeLevel) {
    case 'COUNTRY':
    case 'PROVINCE':
      return ['PROVINCE', 'BASE', 'COMMUNE'];
    case 'BASE':
      return ['BASE', 'COMMUNE'];
    default:
      return ['COMMUNE'];
  }
}
