import { describe, expect, it } from 'vitest';
import { paceOf, quarterOfMonth } from './targets';

describe('paceOf', () => {
  it('is AHEAD when the forecast reaches the target', () => {
    expect(paceOf(2_708, 2_708)).toBe('AHEAD');
    expect(paceOf(3_000, 2_708)).toBe('AHEAD');
  });

  it('is ON_TRACK from 95 % of the target, BEHIND below', () => {
    expect(paceOf(95, 100)).toBe('ON_TRACK');
    expect(paceOf(94, 100)).toBe('BEHIND');
    // 2,573 is 95.01 % of 2,708; 2,572 is 94.98 %
    expect(paceOf(2_573, 2_708)).toBe('ON_TRACK');
    expect(paceOf(2_572, 2_708)).toBe('BEHIND');
  });

  it('says NO_TARGET without a target or a forecast', () => {
    expect(paceOf(10, null)).toBe('NO_TARGET');
    expect(paceOf(10, 0)).toBe('NO_TARGET');
    expect(paceOf(null, 10)).toBe('NO_TARGET');
  });
});

describe('quarterOfMonth', () => {
  it('maps months to quarters', () => {
    expect([1, 3, 4, 6, 7, 9, 10, 12].map(quarterOfMonth)).toEqual([1, 1, 2, 2, 3, 3, 4, 4]);
  });
});
