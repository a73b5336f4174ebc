import { describe, expect, it } from 'vitest';
import { daysInMonth, isLocalDate, isMonth, parseLocalDate, previousDay, todayInVietnam } from './dates';

describe('local dates', () => {
  it('accepts real dates only', () => {
    expect(isLocalDate('2025-07-01')).toBe(true);
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2025-02-29')).toBe(false);
    expect(isLocalDate('2025-13-01')).toBe(false);
    expect(isLocalDate('01/07/2025')).toBe(false);
  });
  it('reads DD/MM/YYYY as written in Vietnam', () => {
    expect(parseLocalDate('1/7/2025')).toBe('2025-07-01');
    expect(parseLocalDate('31/02/2025')).toBeNull();
    expect(parseLocalDate('2025-06-13')).toBe('2025-06-13');
  });
  it('takes today in Asia/Ho_Chi_Minh, a day ahead of UTC late in the evening', () => {
    expect(todayInVietnam(new Date('2025-06-30T17:30:00Z'))).toBe('2025-07-01');
    expect(todayInVietnam(new Date('2025-06-30T16:59:59Z'))).toBe('2025-06-30');
  });
  it('steps back across month and year ends', () => {
    expect(previousDay('2025-07-01')).toBe('2025-06-30');
    expect(previousDay('2025-01-01')).toBe('2024-12-31');
    expect(previousDay('2024-03-01')).toBe('2024-02-29');
  });
  it('checks months', () => {
    expect(isMonth('2025-07')).toBe(true);
    expect(isMonth('2025-7')).toBe(false);
    expect(isMonth('2025-00')).toBe(false);
  });
});

describe('daysInMonth', () => {
  it('counts the days of every month, February by the Gregorian leap years', () => {
    expect([1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2025, m))).toEqual([31, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
    expect([2023, 2024, 1900, 2000, 2100].map((y) => daysInMonth(y, 2))).toEqual([28, 29, 28, 29, 28]);
    // Out of 1–12 it rolls over like Date: month 0 is December of the year before.
    expect(daysInMonth(2025, 0)).toBe(31);
  });

  it('answers a month checked before the same way again', () => {
    for (let i = 0; i < 3; i++) {
      expect(isMonth('2025-13')).toBe(false);
      expect(isMonth('2025-12')).toBe(true);
    }
  });
});
