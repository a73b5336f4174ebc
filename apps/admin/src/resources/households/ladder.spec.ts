import { describe, expect, it } from 'vitest';
import { formatPercentBp, ladderOn, ladderShareBp, monthlyHiAmount, nextMemberOrder } from './ladder';
import type { HouseholdMember } from './types';

const member = (id: string, enrollments: Partial<HouseholdMember['enrollments'][number]>[]): HouseholdMember => ({
  id,
  fullName: `Người ${id}`,
  dateOfBirth: '1990-01-01',
  sex: 'FEMALE',
  enrollments: enrollments.map((e, i) => ({
    id: `${id}-${i}`,
    scheme: 'HOUSEHOLD_HI',
    status: 'ACTIVE',
    startDate: '2026-01-01',
    paymentMode: 'ANNUAL',
    memberOrder: 1,
    ...e,
  })),
});

describe('the household HI ladder', () => {
  it('is 100, 70, 60, 50 %, then 40 % for the 5th member and every later one', () => {
    const ladder = ladderOn('2026-11-28');
    expect([1, 2, 3, 4, 5, 6].map((order) => formatPercentBp(ladderShareBp(ladder, order), 'vi'))).toEqual(['100', '70', '60', '50', '40', '40']);
    expect([1, 2, 3, 4, 5].map((order) => monthlyHiAmount(order, '2026-11-28'))).toEqual([105_300, 73_710, 63_180, 52_650, 42_120]);
    expect(formatPercentBp(450, 'vi')).toBe('4,5');
    expect(formatPercentBp(450, 'en')).toBe('4.5');
  });

  it('places a new member after the others with an active card started in the same year', () => {
    const members = [
      member('1', [{ startDate: '2026-03-01' }]),
      member('2', [{ startDate: '2025-12-01' }]),
      member('3', [{ startDate: '2026-05-01', status: 'STOPPED' }]),
      member('4', [{ scheme: 'VOLUNTARY_SI', startDate: '2026-05-01' }]),
      member('5', []),
    ];
    expect(nextMemberOrder(members, '5', '2026-12-01')).toBe(2);
    expect(nextMemberOrder(members, '1', '2026-12-01')).toBe(1);
    expect(nextMemberOrder(members, '5', '2025-12-01')).toBe(2);
  });
});
