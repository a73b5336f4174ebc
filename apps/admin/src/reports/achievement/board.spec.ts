import { describe, expect, it } from 'vitest';
import { barFill, boardSearch, formatPercent, formatPoints, PACE_COLORS, PACES, rankByAchievement, readBoardParams } from './board';

describe('the pace colours', () => {
  it('are green ahead, amber on track, red behind and grey without a target, each its own', () => {
    expect(PACES).toEqual(['AHEAD', 'ON_TRACK', 'BEHIND', 'NO_TARGET']);
    expect(PACE_COLORS.AHEAD.main).toBe('#2e7d32');
    expect(PACE_COLORS.ON_TRACK.main).toBe('#f9a825');
    expect(PACE_COLORS.BEHIND.main).toBe('#d32f2f');
    expect(PACE_COLORS.NO_TARGET.main).toBe('#9e9e9e');
    expect(new Set(PACES.map((p) => PACE_COLORS[p].main)).size).toBe(4);
  });
});

describe('an achievement bar', () => {
  it('fills as far as the achievement, full beyond the target, empty without one', () => {
    expect(barFill(98.01)).toBe(98.01);
    expect(barFill(107.24)).toBe(100);
    expect(barFill(null)).toBe(0);
    expect(barFill(-3)).toBe(0);
  });
});

describe('percentages and points', () => {
  it('are written as in each language', () => {
    expect(formatPercent(98.01, 'vi')).toBe('98,01 %');
    expect(formatPercent(107.24, 'en')).toBe('107.24%');
    expect(formatPercent(12.5, 'vi')).toBe('12,5 %');
    expect(formatPercent(null, 'vi')).toBe('');
    expect(formatPoints(48.09, 'vi')).toBe('+48,09');
    expect(formatPoints(-1.5, 'en')).toBe('−1.5');
    expect(formatPoints(0, 'vi')).toBe('0');
  });
});

describe('the ranking of children', () => {
  it('puts the lowest achievement first and units without a target last', () => {
    const row = (name: string, achievementPct: number | null) => ({ unit: { name }, achievementPct });
    const ranked = rankByAchievement([row('Xã B', 80), row('Xã A', null), row('Xã C', 40.5), row('Xã D', 80)]);
    expect(ranked.map((r) => r.unit.name)).toEqual(['Xã C', 'Xã B', 'Xã D', 'Xã A']);
  });
});

describe('the board in the URL', () => {
  it('round-trips and ignores what is not a date, a unit id or a scheme', () => {
    const p = { unit: '14149', scheme: 'HOUSEHOLD_HI', asOf: '2026-06-13', compareWith: '2026-01-01' } as const;
    expect(readBoardParams(boardSearch(p))).toEqual(p);
    expect(readBoardParams('?unit=x&scheme=Y&asOf=2026-02-30&compareWith=13/06/2026')).toEqual({ unit: null, scheme: 'VOLUNTARY_SI', asOf: null, compareWith: null });
  });
});
