import { describe, expect, it } from 'vitest';
import { hierarchyReportUrl, reportFileName, reportTrendUrl, unitRankingUrl, unitReportUrl } from './exports';

describe('the report downloads', () => {
  it('ask the API for what is on screen', () => {
    expect(hierarchyReportUrl({ unitId: '14149', scheme: 'VOLUNTARY_SI', asOf: '2026-11-28', restated: false, format: 'xlsx' })).toBe(
      '/api/exports/hierarchy-report?unitId=14149&scheme=VOLUNTARY_SI&asOf=2026-11-28&restated=false&format=xlsx',
    );
    expect(reportTrendUrl({ unitId: '10823', scheme: 'HOUSEHOLD_HI', from: '2025-12', to: '2026-11', format: 'csv' })).toBe(
      '/api/exports/report-trend?unitId=10823&scheme=HOUSEHOLD_HI&from=2025-12&to=2026-11&format=csv',
    );
    expect(unitRankingUrl({ unitId: '10823', scheme: 'VOLUNTARY_SI', asOf: '2026-11-28', measure: 'ACHIEVEMENT_PCT', level: 'COMMUNE', format: 'xlsx' })).toBe(
      '/api/exports/unit-ranking?unitId=10823&scheme=VOLUNTARY_SI&asOf=2026-11-28&measure=ACHIEVEMENT_PCT&level=COMMUNE&format=xlsx',
    );
    expect(unitReportUrl({ unitId: '14149', scheme: 'VOLUNTARY_SI', from: '2026-01-01', to: '2026-11-28' })).toBe(
      '/api/exports/unit-report?unitId=14149&scheme=VOLUNTARY_SI&from=2026-01-01&to=2026-11-28&format=pdf',
    );
  });

  it('name a file safely when the server gives no name', () => {
    expect(reportFileName('bao-cao', 'BHXH-HOALONG', 'VOLUNTARY_SI', '2026-11-28', 'xlsx')).toBe('bao-cao-BHXH-HOALONG-VOLUNTARY_SI-2026-11-28.xlsx');
    expect(reportFileName('bao-cao', 'A/B C', 'HOUSEHOLD_HI', '2026-11-28', 'csv')).toBe('bao-cao-A-B-C-HOUSEHOLD_HI-2026-11-28.csv');
  });
});
