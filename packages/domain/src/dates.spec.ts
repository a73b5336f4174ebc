import { describe, expect, it } from 'vitest';
import { isLocalDate, isMonth, parseLocalDate, previousDay, todayInVietnam } from './dates';

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
