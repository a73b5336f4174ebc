import { describe, expect, it } from 'vitest';
import { addMonths, firstDayOfMonth, lastDayOfMonth, monthOf, monthRange } from './months';

describe('months', () => {
  it('steps across year ends both ways', () => {
    expect(addMonths('2025-11', 3)).toBe('2026-02');
    expect(addMonths('2025-01', -1)).toBe('2024-12');
    expect(addMonths('2025-07', 0)).toBe('2025-07');
    expect(addMonths('2025-07', 60)).toBe('2030-07');
  });
  it('lists the months of a period', () => {
    expect(monthRange('2025-06', 3)).toEqual(['2025-06', '2025-07', '2025-08']);
    expect(monthRange('2025-12', 2)).toEqual(['2025-12', '2026-01']);
    expect(monthRange('2025-06', 0)).toEqual([]);
  });
  it('knows the first and last days, leap years included', () => {
    expect(firstDayOfMonth('2025-07')).toBe('2025-07-01');
    expect(lastDayOfMonth('2024-02')).toBe('2024-02-29');
    expect(lastDayOfMonth('2025-02')).toBe('2025-02-28');
    expect(lastDayOfMonth('2025-09')).toBe('2025-09-30');
    expect(monthOf('2025-07-15')).toBe('2025-07');
  });
  it('refuses what is not a month or a date instead of guessing', () => {
    expect(() => addMonths('2025-7', 1)).toThrow(RangeError);
    expect(() => addMonths('2025-07', 1.5)).toThrow(RangeError);
    expect(() => monthRange('2025-13', 1)).toThrow(RangeError);
    expect(() => monthRange('2025-01', -1)).toThrow(RangeError);
    expect(() => lastDayOfMonth('July')).toThrow(RangeError);
    expect(() => monthOf('2025-02-30')).toThrow(RangeError);
  });
});
