import { describe, expect, it } from 'vitest';
import { isValidPeriod, nextReportParams, pickerLevels, readReportParams, reportPath, reportSearch, trendRange, writtenReportPeriod } from './params';

describe('the report in the URL', () => {
  it('reads unit, scheme, date and grouping back from what it wrote', () => {
    const p = { unit: '14149', scheme: 'HOUSEHOLD_HI' as const, date: '2026-06-30', restated: true };
    expect(reportSearch(p)).toBe('?unit=14149&scheme=HOUSEHOLD_HI&date=2026-06-30&restated=1');
    expect(readReportParams(reportSearch(p))).toEqual(p);
    expect(reportPath(p)).toBe('/reports?unit=14149&scheme=HOUSEHOLD_HI&date=2026-06-30&restated=1');
  });

  it('falls back to the defaults on missing or bad parts: the scope unit, voluntary SI, today, the tree as it stood', () => {
    expect(readReportParams('')).toEqual({ unit: null, scheme: 'VOLUNTARY_SI', date: null, restated: false });
    expect(readReportParams('?unit=abc&scheme=PENSION&date=2026-02-30&restated=yes')).toEqual({ unit: null, scheme: 'VOLUNTARY_SI', date: null, restated: false });
    expect(readReportParams('?restated=true').restated).toBe(true);
    expect(reportSearch({ unit: null, scheme: 'VOLUNTARY_SI', date: null, restated: false })).toBe('?scheme=VOLUNTARY_SI');
  });

  it('writes out the unit and date shown when anything changes, so a shared link shows the same figures', () => {
    const current = readReportParams('?scheme=VOLUNTARY_SI');
    expect(nextReportParams(current, { unit: '10823', date: '2026-11-28' }, { unit: '14149' })).toEqual({ unit: '14149', scheme: 'VOLUNTARY_SI', date: '2026-11-28', restated: false });
    expect(nextReportParams(current, { unit: '10823', date: '2026-11-28' }, { restated: true })).toEqual({ unit: '10823', scheme: 'VOLUNTARY_SI', date: '2026-11-28', restated: true });
  });
});

describe('the periods of a report', () => {
  it('charts the 12 months ending with the report date’s month, across a new year', () => {
    expect(trendRange('2026-11-28')).toEqual({ from: '2025-12', to: '2026-11' });
    expect(trendRange('2026-03-01')).toEqual({ from: '2025-04', to: '2026-03' });
  });

  it('writes the report from 1 January to the date by default, and refuses a period back to front or in the future', () => {
    expect(writtenReportPeriod('2026-11-28')).toEqual({ from: '2026-01-01', to: '2026-11-28' });
    expect(isValidPeriod('2026-01-01', '2026-11-28', '2026-11-28')).toBe(true);
    expect(isValidPeriod('2026-11-28', '2026-11-28', '2026-11-28')).toBe(true);
    expect(isValidPeriod('2026-06-01', '2026-05-31', '2026-11-28')).toBe(false);
    expect(isValidPeriod('2026-01-01', '2026-11-29', '2026-11-28')).toBe(false);
    expect(isValidPeriod(null, '2026-11-28', '2026-11-28')).toBe(false);
    expect(isValidPeriod('2026-02-30', '2026-11-28', '2026-11-28')).toBe(false);
  });
});

describe('the unit picker', () => {
  it('offers the user’s own level and those below it down to communes', () => {
    expect(pickerLevels('COUNTRY')).toEqual(['PROVINCE', 'BASE', 'COMMUNE']);
    expect(pickerLevels('PROVINCE')).toEqual(['PROVINCE', 'BASE', 'COMMUNE']);
    expect(pickerLevels('BASE')).toEqual(['BASE', 'COMMUNE']);
    expect(pickerLevels('COMMUNE')).toEqual(['COMMUNE']);
  });
});
