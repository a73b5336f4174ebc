import {
  DEFAULT_POLICY,
  householdHiPeriod,
  monthOf,
  ruleOn,
  type LocalDate,
  type PolicySet,
} from '@bao-phu/domain';
import type { HouseholdMember } from './types';

/**
 * The household HI reduction ladder in force on `date`, in basis points of the first member's
 * amount: [10000, 7000, 6000, 5000, 4000] means 100 %, 70 %, 60 %, 50 %, then 40 % for the 5th
 * member and every later one.
 */
export function ladderOn(date: LocalDate, policy: PolicySet = DEFAULT_POLICY): readonly number[] {
  return ruleOn(policy.householdHi.ladderBp, date, 'householdHi.ladderBp').value;
}

/** The share (basis points) of the member in place `order` (1-based). */
export function ladderShareBp(ladder: readonly number[], order: number): number {
  return ladder[Math.min(Math.max(order, 1), ladder.length) - 1];
}

/** What member `order` pays a month for a card starting on `date` (105,300 / 73,710 … at 2,340,000). */
export function monthlyHiAmount(order: number, date: LocalDate, policy: PolicySet = DEFAULT_POLICY): number {
  return householdHiPeriod({ policy, memberOrder: order, periodStart: monthOf(date), months: 3 }).months[0].gross;
}

/** 7000 → "70", 450 → "4,5" in Vietnamese ("4.5" in English). */
export function formatPercentBp(bp: number, locale: string): string {
  return new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: 2 }).format(bp / 100);
}

/**
 * The place the next household HI member starting on `startDate` would take, as the API counts it:
 * the members (other than `personId`) with an active household HI enrollment that started in the
 * same calendar year, plus one.
 */
export function nextMemberOrder(members: readonly HouseholdMember[], personId: string, startDate: LocalDate): number {
  const year = startDate.slice(0, 4);
  const before = members.filter(
    (m) =>
      m.id !== personId &&
      m.enrollments.some((e) => e.scheme === 'HOUSEHOLD_HI' && e.status === 'ACTIVE' && e.startDate.slice(0, 4) === year),
  ).length;
  return before + 1;
}
