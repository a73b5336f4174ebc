import type { LocalDate } from '@bao-phu/domain';
import type { ContributionDue } from './types';

/**
 * How a due looks on the timeline: paid on time (green), paid late (amber), open and not yet due
 * (grey), open past its due date (red), or no longer owed (waived, cancelled).
 */
export type DueTone = 'paid' | 'late' | 'open' | 'overdue' | 'void';

export function dueTone(due: Pick<ContributionDue, 'status' | 'dueDate'>, today: LocalDate): DueTone {
  switch (due.status) {
    case 'PAID':
      return 'paid';
    case 'LATE_PAID':
      return 'late';
    case 'OPEN':
      return due.dueDate < today ? 'overdue' : 'open';
    default:
      return 'void';
  }
}

/** What is still owed on the open dues (payable − paid): the most a payment may be. */
export function owedOf(dues: readonly Pick<ContributionDue, 'status' | 'payable' | 'paid'>[]): number {
  return dues.reduce((sum, d) => (d.status === 'OPEN' ? sum + d.payable - d.paid : sum), 0);
}

/** The oldest open due: the one a payment settles first. */
export function nextOpenDue<T extends Pick<ContributionDue, 'status' | 'periodStart'>>(dues: readonly T[]): T | null {
  return dues.filter((d) => d.status === 'OPEN').sort((a, b) => a.periodStart.localeCompare(b.periodStart))[0] ?? null;
}
