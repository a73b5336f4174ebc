import { describe, expect, it } from 'vitest';
import { chartRange, chartScale, heightOf, ON_TIME_GOAL_PCT, onTimeSearch, overallRate, rateColor, readOnTimeParams, shortMonth } from './onTime';

describe('the on-time chart', () => {
  it('covers the months ending with this one', () => {
    expect(chartRange('2026-11-28')).toEqual({ from: '2025-12', to: '2026-11' });
    expect(chartRange('2026-02-01', 6)).toEqual({ from: '2025-09', to: '2026-02' });
  });

  it('sums dues over the months for the whole period, rather than averaging the monthly rates', () => {
    // 3 of 3 in one month and 90 of 100 in the other: 93 of 103, not (100 + 90) / 2.
    expect(overallRate([{ due: 3, paidOnTime: 3 }, { due: 100, paidOnTime: 90 }])).toBe(90.29);
    expect(overallRate([{ due: 0, paidOnTime: 0 }])).toBeNull();
  });

  it('starts the scale a round 10 below the lowest month, at most at 90 %, and always shows the 98 % goal', () => {
    expect(chartScale([99.5, 97, 98.2])).toEqual({ min: 90, max: 100, ticks: [100, ON_TIME_GOAL_PCT, 90] });
    expect(chartScale([83.4, 99])).toEqual({ min: 70, max: 100, ticks: [100, 98, 90, 80, 70] });
    expect(chartScale([12, null])).toEqual({ min: 0, max: 100, ticks: [100, 98, 80, 60, 40, 20, 0] });
    expect(chartScale([])).toMatchObject({ min: 90 });
  });

  it('draws a bar as high as its rate on that scale, the goal line at 98 %', () => {
    const scale = { min: 90, max: 100 };
    expect(heightOf(98, scale)).toBeCloseTo(80);
    expect(heightOf(100, scale)).toBe(100);
    expect(heightOf(40, scale)).toBe(0);
    expect(heightOf(null, scale)).toBe(0);
  });

  it('colours a month green at or above the goal, red below, grey when nothing fell due', () => {
    expect(rateColor({ ratePct: 98, meetsGoal: true })).toBe('success');
    expect(rateColor({ ratePct: 97.99, meetsGoal: false })).toBe('error');
    expect(rateColor({ ratePct: 98.5 })).toBe('success');
    expect(rateColor({ ratePct: null, meetsGoal: null })).toBe('none');
  });

  it('keeps unit, organization and period in the URL', () => {
    const p = { unit: '14149', org: '1', months: 24 };
    expect(readOnTimeParams(onTimeSearch(p))).toEqual(p);
    expect(readOnTimeParams('?months=7&unit=a')).toEqual({ unit: null, org: null, months: 12 });
    expect(onTimeSearch({ unit: null, org: null, months: 12 })).toBe('');
  });

  it('names a month briefly under its bar', () => {
    expect(shortMonth('2026-11')).toBe('T11/26');
    expect(shortMonth('2026-11', 'en')).toBe('11/26');
  });
});
