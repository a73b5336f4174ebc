import { describe, expect, it } from 'vitest';
import {
  applyBasisPoints,
  basisPointsToPercent,
  divideRoundHalfUp,
  formatVnd,
  isDongAmount,
  percentToBasisPoints,
  roundHalfUp,
} from './money';

describe('roundHalfUp', () => {
  it('rounds halves up and everything else to the nearest đồng', () => {
    expect(roundHalfUp(51_593.5)).toBe(51_594);
    expect(roundHalfUp(82_500.49)).toBe(82_500);
    expect(roundHalfUp(82_500.51)).toBe(82_501);
    expect(roundHalfUp(0.5)).toBe(1);
    expect(roundHalfUp(330_000)).toBe(330_000);
  });
  it('does not turn the largest double below one half into 1, as adding 0.5 would', () => {
    expect(roundHalfUp(0.49999999999999994)).toBe(0);
    expect(Math.floor(0.49999999999999994 + 0.5)).toBe(1);
  });
  it('mirrors negative amounts, half away from zero, and never returns −0', () => {
    expect(roundHalfUp(-2.5)).toBe(-3);
    expect(roundHalfUp(-2.4)).toBe(-2);
    expect(Object.is(roundHalfUp(-0.4), 0)).toBe(true);
  });
  it('refuses NaN and infinities', () => {
    expect(() => roundHalfUp(Number.NaN)).toThrow(RangeError);
    expect(() => roundHalfUp(Infinity)).toThrow(RangeError);
  });
});

describe('divideRoundHalfUp', () => {
  it('rounds the exact quotient of integers', () => {
    expect(divideRoundHalfUp(7, 2)).toBe(4);
    expect(divideRoundHalfUp(5, 3)).toBe(2);
    expect(divideRoundHalfUp(4, 3)).toBe(1);
    expect(divideRoundHalfUp(-7, 2)).toBe(-4);
    expect(divideRoundHalfUp(7, -2)).toBe(-4);
    expect(divideRoundHalfUp(0, 5)).toBe(0);
  });
  it('stays exact beyond 2^53 with BigInt', () => {
    // 2,340,000 × 450 × 7000 × 10,000 / 10^12 = 73,710 exactly.
    expect(divideRoundHalfUp(2_340_000n * 450n * 7000n * 10_000n, 10n ** 12n)).toBe(73_710);
    expect(divideRoundHalfUp(10n ** 17n + 50n, 100n)).toBe(1_000_000_000_000_001);
  });
  it('refuses a zero denominator, fractions and results that a number cannot hold', () => {
    expect(() => divideRoundHalfUp(1, 0)).toThrow(RangeError);
    expect(() => divideRoundHalfUp(1n, 0n)).toThrow(RangeError);
    expect(() => divideRoundHalfUp(1.5, 1)).toThrow(RangeError);
    expect(() => divideRoundHalfUp(2n ** 60n, 1n)).toThrow(RangeError);
  });
});

describe('applyBasisPoints', () => {
  it('gives the figures of the rules exactly', () => {
    expect(applyBasisPoints(1_500_000, 2200)).toBe(330_000);
    expect(applyBasisPoints(2_340_000, 450)).toBe(105_300);
    expect(applyBasisPoints(105_300, 7000)).toBe(73_710);
    expect(applyBasisPoints(2_340_000, 450, 7000)).toBe(73_710);
    expect(applyBasisPoints(1_500_000, 2200, 2500)).toBe(82_500);
    expect(applyBasisPoints(46_800_000, 2200)).toBe(10_296_000);
  });
  it('rounds a half đồng up where floating point would round it down', () => {
    // 1,001,000 × 4.5 % × 70 % = 31,531.5 exactly; in floating point 31,531.499999999996.
    expect(Math.round(1_001_000 * 0.045 * 0.7)).toBe(31_531);
    expect(applyBasisPoints(1_001_000, 450, 7000)).toBe(31_532);
    expect(Math.round(45 * 0.7)).toBe(31);
    expect(applyBasisPoints(45, 7000)).toBe(32);
  });
  it('rounds once at the end, not after each rate', () => {
    // Exactly 5 × 25 % = 1.25 → 1; rounding in between would give 5 × 50 % = 2.5 → 3, × 50 % = 1.5 → 2.
    expect(applyBasisPoints(5, 5000, 5000)).toBe(1);
  });
  it('returns the amount for no rate and refuses fractions or negative rates', () => {
    expect(applyBasisPoints(1_500_000)).toBe(1_500_000);
    expect(() => applyBasisPoints(1_500_000.5, 2200)).toThrow(RangeError);
    expect(() => applyBasisPoints(1_500_000, 22.5)).toThrow(RangeError);
    expect(() => applyBasisPoints(1_500_000, -2200)).toThrow(RangeError);
  });
});

describe('basis points', () => {
  it('converts percentages as written to basis points and back', () => {
    expect(percentToBasisPoints(4.5)).toBe(450);
    expect(percentToBasisPoints(22)).toBe(2200);
    expect(percentToBasisPoints(0.07 * 100)).toBe(700);
    expect(basisPointsToPercent(450)).toBe(4.5);
  });
  it('refuses percentages finer than a basis point', () => {
    expect(() => percentToBasisPoints(4.555)).toThrow(RangeError);
    expect(() => percentToBasisPoints(Number.NaN)).toThrow(RangeError);
  });
});

describe('isDongAmount', () => {
  it('accepts whole non-negative đồng only', () => {
    expect(isDongAmount(330_000)).toBe(true);
    expect(isDongAmount(0)).toBe(true);
    expect(isDongAmount(-1)).toBe(false);
    expect(isDongAmount(0.5)).toBe(false);
    expect(isDongAmount(2 ** 53)).toBe(false);
  });
});

describe('formatVnd', () => {
  it('groups thousands with dots and puts the symbol after', () => {
    expect(formatVnd(1_500_000)).toBe('1.500.000 ₫');
    expect(formatVnd(46_800_000)).toBe('46.800.000 ₫');
    expect(formatVnd(73_710)).toBe('73.710 ₫');
    expect(formatVnd(999)).toBe('999 ₫');
    expect(formatVnd(0)).toBe('0 ₫');
  });
  it('writes negative amounts with a minus sign', () => {
    expect(formatVnd(-33_000)).toBe('-33.000 ₫');
  });
  it('takes another symbol, or none', () => {
    expect(formatVnd(1_500_000, { symbol: 'đ' })).toBe('1.500.000 đ');
    expect(formatVnd(1_500_000, { symbol: '' })).toBe('1.500.000');
  });
  it('rounds a fraction half-up first', () => {
    expect(formatVnd(999.5)).toBe('1.000 ₫');
  });
});
