import { describe, expect, it } from 'vitest';
import { changeTone, formatCount, formatGrowth, formatPct, formatRatio, formatSignedCount, formatSignedPct, formatSignedPoints } from './format';

describe('the report’s figures', () => {
  it('are counted with dots in Vietnamese and commas in English, a dash where there is no figure', () => {
    expect(formatCount(12345, 'vi')).toBe('12.345');
    expect(formatCount(12345, 'en')).toBe('12,345');
    expect(formatCount(0, 'vi')).toBe('0');
    expect(formatCount(null, 'vi')).toBe('—');
  });

  it('write percentages as each language does', () => {
    expect(formatPct(98.63, 'vi')).toBe('98,63 %');
    expect(formatPct(98.63, 'en')).toBe('98.63%');
    expect(formatPct(null, 'vi')).toBe('—');
  });

  it('sign changes with a real minus, and show growth as a count and a percentage', () => {
    expect(formatSignedCount(1200, 'vi')).toBe('+1.200');
    expect(formatSignedCount(-35, 'vi')).toBe('−35');
    expect(formatSignedCount(0, 'vi')).toBe('0');
    expect(formatSignedPct(4.5, 'vi')).toBe('+4,5 %');
    expect(formatSignedPct(-12, 'en')).toBe('−12%');
    expect(formatGrowth(120, 4.5, 'vi')).toBe('+120 (+4,5 %)');
    expect(formatGrowth(-8, -2.25, 'en')).toBe('−8 (−2.25%)');
    // From nobody there is no percentage of growth.
    expect(formatGrowth(15, null, 'vi')).toBe('+15');
    expect(formatSignedPoints(48.09, 'vi')).toBe('+48,09');
    expect(formatSignedPoints(null, 'vi')).toBe('—');
  });

  it('write a part of a whole, and read a change as up, down or level', () => {
    expect(formatRatio(1150, 1300, 'vi')).toBe('1.150/1.300');
    expect(changeTone(3)).toBe('up');
    expect(changeTone(-0.5)).toBe('down');
    expect(changeTone(0)).toBe('level');
    expect(changeTone(null)).toBeNull();
  });
});
