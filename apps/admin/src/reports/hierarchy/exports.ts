import type { LocalDate, Month, OrgLevel, Scheme } from '@bao-phu/domain';
import type { ReportMeasure } from './queries';

/**
 * The addresses of the report downloads (GET /api/exports/…, fetched with the session token) and
 * the file names used when the server gives none.
 */

export type TableFormat = 'csv' | 'xlsx';

const url = (report: string, params: Record<string, string | number | boolean | null | undefined>): string => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
  return `/api/exports/${report}?${q}`;
};

/** The drill-down table as it is on screen: the unit, its children and the total. */
export const hierarchyReportUrl = (p: { unitId: string; scheme: Scheme; asOf: LocalDate; restated: boolean; format: TableFormat }): string =>
  url('hierarchy-report', { unitId: p.unitId, scheme: p.scheme, asOf: p.asOf, restated: p.restated, format: p.format });

/** The unit's monthly series. */
export const reportTrendUrl = (p: { unitId: string; scheme: Scheme; from: Month; to: Month; format: TableFormat }): string =>
  url('report-trend', { unitId: p.unitId, scheme: p.scheme, from: p.from, to: p.to, format: p.format });

/** The lowest and highest units of a level on a measure. */
export const unitRankingUrl = (p: { unitId: string; scheme: Scheme; asOf: LocalDate; measure: ReportMeasure; level: OrgLevel | null; take?: number; format: TableFormat }): string =>
  url('unit-ranking', { unitId: p.unitId, scheme: p.scheme, asOf: p.asOf, measure: p.measure, level: p.level, take: p.take, format: p.format });

/** The written report of a unit over a period of days, to print (PDF). */
export const unitReportUrl = (p: { unitId: string; scheme: Scheme; from: LocalDate; to: LocalDate }): string =>
  url('unit-report', { unitId: p.unitId, scheme: p.scheme, from: p.from, to: p.to, format: 'pdf' });

/** bao-cao-BHXH-HOALONG-VOLUNTARY_SI-2026-11-28.xlsx, when the server names no file. */
export function reportFileName(kind: 'bao-cao' | 'dien-bien' | 'xep-hang' | 'bao-cao-van-ban', unitCode: string, scheme: Scheme, period: string, format: TableFormat | 'pdf'): string {
  const safe = unitCode.replace(/[^A-Za-z0-9_-]+/g, '-');
  return `${kind}-${safe}-${scheme}-${period}.${format}`;
}
