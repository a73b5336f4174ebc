import { describe, expect, it } from 'vitest';
import { dueTone, nextOpenDue, owedOf } from './dues';

const due = (periodStart: string, status: 'OPEN' | 'PAID' | 'LATE_PAID' | 'WAIVED' | 'CANCELLED', payable: number, paid = 0) => ({
  periodStart,
  dueDate: `${periodStart.slice(0, 7)}-28`,
  status,
  payable,
  paid,
});

describe('dues', () => {
  it('shows paid dues green, late ones amber, open ones grey until their due date and red after it', () => {
    expect(dueTone(due('2026-10-01', 'PAID', 1), '2026-11-28')).toBe('paid');
    expect(dueTone(due('2026-10-01', 'LATE_PAID', 1), '2026-11-28')).toBe('late');
    expect(dueTone(due('2026-11-01', 'OPEN', 1), '2026-11-28')).toBe('open');
    expect(dueTone(due('2026-11-01', 'OPEN', 1), '2026-11-29')).toBe('overdue');
    expect(dueTone(due('2026-11-01', 'WAIVED', 1), '2026-11-29')).toBe('void');
  });

  it('owes the rest of the open dues only, and settles the oldest open one first', () => {
    const dues = [
      due('2026-12-01', 'OPEN', 418_000),
      due('2026-10-01', 'PAID', 418_000, 418_000),
      due('2026-11-01', 'OPEN', 418_000, 100_000),
      due('2027-01-01', 'CANCELLED', 387_200),
    ];
    expect(owedOf(dues)).toBe(418_000 + 318_000);
    expect(nextOpenDue(dues)?.periodStart).toBe('2026-11-01');
    expect(nextOpenDue([due('2026-10-01', 'PAID', 1, 1)])).toBeNull();
  });
});
