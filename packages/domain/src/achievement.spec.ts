import { describe, expect, it } from 'vitest';
import { achievementPct, linearForecast, pointsChange, yearShareElapsed } from './achievement';

describe('achievementPct', () => {
  it('gives the percentage of the target to 2 decimals, half-up', () => {
    expect(achievementPct(2_654, 2_708)).toBe(98.01);
    expect(achievementPct(2_904, 2_708)).toBe(107.24);
    expect(achievementPct(1, 8)).toBe(12.5);
    expect(achievementPct(1, 3)).toBe(33.33);
    expect(achievementPct(2, 3)).toBe(66.67);
    expect(achievementPct(0, 50)).toBe(0);
    expect(achievementPct(50, 50)).toBe(100);
  });
  it('rounds an exact half up on the third decimal', () => {
    expect(achievementPct(1, 16)).toBe(6.25);
    expect(achievementPct(1_001, 200)).toBe(500.5);
    // 4,001 of 8,000 = 50.0125 % → 50.01; 9 of 16,000 = 0.05625 % → 0.06; 7 of 16,000 = 0.04375 % → 0.04.
    expect(achievementPct(4_001, 8_000)).toBe(50.01);
    expect(achievementPct(9, 16_000)).toBe(0.06);
    expect(achievementPct(7, 16_000)).toBe(0.04);
    // 1 of 20,000 is 0.005 % exactly → 0.01; 1 of 20,001 is just under → 0.
    expect(achievementPct(1, 20_000)).toBe(0.01);
    expect(achievementPct(1, 20_001)).toBe(0);
    // 1,234,567 of 2,469,134 is 50 % exactly.
    expect(achievementPct(1_234_567, 2_469_134)).toBe(50);
  });
  it('is null when there is no target, not 0 % nor infinite', () => {
    expect(achievementPct(0, 0)).toBeNull();
    expect(achievementPct(12, 0)).toBeNull();
  });
  it('stays exact for figures whose × 10,000 passes 2^53', () => {
    expect(achievementPct(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)).toBe(100);
  });
  it('refuses negative, fractional and non-numeric figures', () => {
    expect(() => achievementPct(-1, 10)).toThrow(RangeError);
    expect(() => achievementPct(1.5, 10)).toThrow(RangeError);
    expect(() => achievementPct(1, Number.NaN)).toThrow(RangeError);
  });
});

describe('pointsChange', () => {
  it('gives the change in percentage points to 2 decimals', () => {
    expect(pointsChange(59.15, 107.24)).toBe(48.09);
    expect(107.24 - 59.15).not.toBe(48.09); // what plain subtraction would show
    expect(pointsChange(98.01, 97.5)).toBe(-0.51);
    expect(pointsChange(100, 100)).toBe(0);
    expect(Object.is(pointsChange(0.1, 0.1), 0)).toBe(true);
  });
  it('rounds half away from zero on the third decimal as written, despite binary noise', () => {
    expect(pointsChange(0, 0.125)).toBe(0.13);
    expect(pointsChange(0.125, 0)).toBe(-0.13);
    expect(pointsChange(1.1, 1.225)).toBe(0.13); // 1.225 − 1.1 = 0.12499999999999989 in binary
    expect(pointsChange(10, 10.004)).toBe(0);
  });
  it('is null when either year has no percentage', () => {
    expect(pointsChange(null, 50)).toBeNull();
    expect(pointsChange(50, null)).toBeNull();
    expect(pointsChange(null, null)).toBeNull();
  });
  it('refuses NaN and infinities', () => {
    expect(() => pointsChange(Number.NaN, 1)).toThrow(RangeError);
    expect(() => pointsChange(1, Infinity)).toThrow(RangeError);
  });
});

describe('yearShareElapsed', () => {
  it('counts the day itself: 1 January is 1/365, 31 December is the whole year', () => {
    expect(yearShareElapsed('2025-01-01')).toBe(1 / 365);
    expect(yearShareElapsed('2025-12-31')).toBe(1);
    expect(yearShareElapsed('2025-07-02')).toBe(183 / 365);
  });
  it('is exact for leap years', () => {
    expect(yearShareElapsed('2024-02-29')).toBe(60 / 366);
    expect(yearShareElapsed('2024-03-01')).toBe(61 / 366);
    expect(yearShareElapsed('2025-03-01')).toBe(60 / 365);
    expect(yearShareElapsed('2024-12-31')).toBe(1);
    expect(yearShareElapsed('2000-12-31')).toBe(1); // divisible by 400: leap
    expect(yearShareElapsed('2100-03-01')).toBe(60 / 365); // divisible by 100: not leap
  });
  it('refuses dates that do not exist or are not written YYYY-MM-DD', () => {
    expect(() => yearShareElapsed('2025-02-29')).toThrow(RangeError);
    expect(() => yearShareElapsed('01/07/2025')).toThrow(RangeError);
  });
});

describe('linearForecast', () => {
  it('projects the pace since 1 January to 31 December', () => {
    // 1,000 by 2 July 2025 (183 days of 365): 1,000 × 365 / 183 = 1,994.5 → 1,995.
    expect(linearForecast(1_000, '2025-07-02')).toBe(1_995);
    // 1 March in a leap year is day 61 of 366: 610 → 3,660.
    expect(linearForecast(610, '2024-03-01')).toBe(3_660);
    expect(linearForecast(0, '2025-06-30')).toBe(0);
  });
  it('is the actual figure on 31 December, and 365 times the day on 1 January', () => {
    expect(linearForecast(2_904, '2025-12-31')).toBe(2_904);
    expect(linearForecast(3, '2025-01-01')).toBe(1_095);
  });
  it('rounds an exact half up', () => {
    // 1 March 2025 is day 60: 6 × 365 / 60 = 36.5 → 37.
    expect(linearForecast(6, '2025-03-01')).toBe(37);
  });
  it('projects only the growth since the start of the year on a running total', () => {
    // 10,000 on 1 January, 10,500 on 2 July 2025: +500 × 365 / 183 = 997.27 → 10,997.
    expect(linearForecast(10_500, '2025-07-02', 10_000)).toBe(10_997);
    expect(linearForecast(10_000, '2025-07-02', 10_000)).toBe(10_000);
    // A falling total falls on, but not below 0.
    expect(linearForecast(9_500, '2025-07-02', 10_000)).toBe(9_003);
    expect(linearForecast(0, '2025-01-10', 100)).toBe(0);
  });
  it('refuses bad figures and dates', () => {
    expect(() => linearForecast(-1, '2025-07-02')).toThrow(RangeError);
    expect(() => linearForecast(1.5, '2025-07-02')).toThrow(RangeError);
    expect(() => linearForecast(1, '2025-13-01')).toThrow(RangeError);
    expect(() => linearForecast(1, '2025-07-02', -5)).toThrow(RangeError);
  });
});
