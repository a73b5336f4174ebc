import { describe, expect, it } from 'vitest';
import {
  allowedModes,
  householdHiPeriod,
  paymentModeSchedule,
  voluntarySiIncomeBounds,
  voluntarySiPeriod,
  type VoluntarySiPeriodInput,
} from './contribution';
import { DEFAULT_POLICY, PolicyError, type PolicySet, type SupportCategory } from './policy';

const policy = DEFAULT_POLICY;
const FLOOR = 1_500_000;

function vsi(overrides: Partial<VoluntarySiPeriodInput> = {}) {
  return voluntarySiPeriod({
    policy,
    declaredMonthlyIncome: FLOOR,
    categories: [],
    periodStart: '2025-07',
    months: 1,
    ...overrides,
  });
}

function supportOf(categories: SupportCategory[], periodStart: string, provinceCode?: string): number {
  return vsi({ categories, periodStart, provinceCode }).support;
}

function policyErrorOf(fn: () => unknown): PolicyError {
  try {
    fn();
  } catch (e) {
    if (e instanceof PolicyError) return e;
    throw e;
  }
  throw new Error('expected a PolicyError');
}

describe('voluntarySiPeriod', () => {
  it('charges 330,000 a month at the 1,500,000 floor, 264,000 to pay for anyone from 2025-07-01', () => {
    expect(vsi()).toEqual({
      months: [{ month: '2025-07', gross: 330_000, support: 66_000, payable: 264_000, check: false }],
      gross: 330_000,
      support: 66_000,
      payable: 264_000,
      check: false,
    });
  });

  it('supports each category from 2025-07-01 as Decree 159/2025 says', () => {
    expect(supportOf(['POOR'], '2025-07')).toBe(165_000);
    expect(supportOf(['NEAR_POOR'], '2025-07')).toBe(132_000);
    expect(supportOf(['ETHNIC_MINORITY'], '2025-07')).toBe(99_000);
    expect(supportOf(['OTHER'], '2025-07')).toBe(66_000);
    expect(supportOf([], '2025-07')).toBe(66_000);
  });

  it('supports each category before 2025-07-01 as Decree 134/2015 says, ethnic minorities as everyone else', () => {
    expect(supportOf(['POOR'], '2025-06')).toBe(99_000);
    expect(supportOf(['NEAR_POOR'], '2025-06')).toBe(82_500);
    expect(supportOf(['OTHER'], '2025-06')).toBe(33_000);
    expect(supportOf(['ETHNIC_MINORITY'], '2025-06')).toBe(33_000);
    expect(vsi({ periodStart: '2025-06', categories: ['POOR'] }).payable).toBe(231_000);
  });

  it('charges each month of a quarter across 2025-07-01 with the rules of that month', () => {
    const quarter = vsi({ periodStart: '2025-06', months: 3 });
    expect(quarter.months.map(({ month, support, payable }) => [month, support, payable])).toEqual([
      ['2025-06', 33_000, 297_000],
      ['2025-07', 66_000, 264_000],
      ['2025-08', 66_000, 264_000],
    ]);
    expect([quarter.gross, quarter.support, quarter.payable]).toEqual([990_000, 165_000, 825_000]);
  });

  it('gives the most supported category when a person has several, whatever their order', () => {
    expect(supportOf(['POOR', 'ETHNIC_MINORITY'], '2025-07')).toBe(165_000);
    expect(supportOf(['ETHNIC_MINORITY', 'POOR'], '2025-07')).toBe(165_000);
    expect(supportOf(['ETHNIC_MINORITY', 'NEAR_POOR'], '2025-07')).toBe(132_000);
    expect(supportOf(['ETHNIC_MINORITY', 'OTHER', 'ETHNIC_MINORITY'], '2025-07')).toBe(99_000);
  });

  it('supports a share of the poverty line, not of the declared income', () => {
    const rich = vsi({ declaredMonthlyIncome: 5_000_000, categories: ['POOR'] });
    expect([rich.gross, rich.support, rich.payable]).toEqual([1_100_000, 165_000, 935_000]);
  });

  it('accepts the floor and the ceiling themselves', () => {
    expect(vsi({ declaredMonthlyIncome: 46_800_000 }).gross).toBe(10_296_000);
    expect(vsi({ declaredMonthlyIncome: 46_800_000, periodStart: '2025-06' }).gross).toBe(10_296_000);
    expect(vsi({ declaredMonthlyIncome: 700_000, periodStart: '2021-12' })).toMatchObject({
      gross: 154_000,
      support: 15_400,
    });
  });

  it('refuses an income below the floor, with the floor to show', () => {
    const error = policyErrorOf(() => vsi({ declaredMonthlyIncome: 1_499_999 }));
    expect(error.code).toBe('INCOME_BELOW_FLOOR');
    expect(error.details).toMatchObject({ bound: 1_500_000, month: '2025-07', value: 1_499_999 });
    expect(error.message).toContain('1.500.000 ₫');
    // 700,000 was enough until the end of 2021, no longer in 2022.
    expect(policyErrorOf(() => vsi({ declaredMonthlyIncome: 700_000, periodStart: '2021-12', months: 2 })).details)
      .toMatchObject({ bound: 1_500_000, month: '2022-01' });
  });

  it('refuses an income above 20 × the reference level (46,800,000), or 20 × the base salary before', () => {
    const error = policyErrorOf(() => vsi({ declaredMonthlyIncome: 46_800_001 }));
    expect(error.code).toBe('INCOME_ABOVE_CEILING');
    expect(error.details).toMatchObject({ bound: 46_800_000, month: '2025-07' });
    expect(policyErrorOf(() => vsi({ declaredMonthlyIncome: 36_000_001, periodStart: '2024-03' })).details.bound).toBe(
      36_000_000,
    );
    // The base salary rose to 2,340,000 on 2024-07-01: 46,800,000 is allowed from July 2024 only.
    expect(vsi({ declaredMonthlyIncome: 46_800_000, periodStart: '2024-07', months: 3 }).gross).toBe(3 * 10_296_000);
    expect(policyErrorOf(() => vsi({ declaredMonthlyIncome: 40_000_000, periodStart: '2024-05', months: 3 })).details)
      .toMatchObject({ bound: 36_000_000, month: '2024-05' });
  });

  it('rounds each month half-up to the đồng once, where floating point would round down', () => {
    // 22 % × 1,500,025 = 330,005.5 exactly.
    expect(vsi({ declaredMonthlyIncome: 1_500_025 }).gross).toBe(330_006);
    expect(vsi({ declaredMonthlyIncome: 1_500_025, months: 3 }).gross).toBe(990_018);
  });

  it('adds a provincial top-up per category, never beyond the contribution', () => {
    // Hà Nội (01): poor 50 + 50 %, near-poor 40 + 60 %, anyone else 20 + 10 % of 330,000.
    expect(vsi({ categories: ['POOR'], provinceCode: '01' })).toMatchObject({ support: 330_000, payable: 0, check: true });
    expect(supportOf(['NEAR_POOR'], '2025-07', '01')).toBe(330_000);
    expect(supportOf([], '2025-07', '01')).toBe(99_000);
    expect(supportOf(['ETHNIC_MINORITY'], '2025-07', '01')).toBe(99_000);
    // Đồng Tháp adds nothing.
    expect(vsi({ categories: ['POOR'], provinceCode: '82' })).toMatchObject({ support: 165_000, check: false });

    const generous: PolicySet = {
      ...policy,
      voluntarySi: {
        ...policy.voluntarySi,
        provincialTopUpBp: { '82': { POOR: [{ effectiveFrom: '2025-07-01', effectiveTo: null, value: 8000 }] } },
      },
    };
    const capped = voluntarySiPeriod({
      policy: generous,
      declaredMonthlyIncome: FLOOR,
      categories: ['POOR'],
      provinceCode: '82',
      periodStart: '2025-07',
      months: 1,
    });
    expect([capped.gross, capped.support, capped.payable]).toEqual([330_000, 330_000, 0]);
  });

  it('stops support after 120 supported months', () => {
    const quarter = vsi({ months: 3, supportedMonthsBefore: 119 });
    expect(quarter.months.map((m) => m.support)).toEqual([66_000, 0, 0]);
    expect(quarter.payable).toBe(264_000 + 330_000 + 330_000);
    expect(vsi({ supportedMonthsBefore: 120 }).support).toBe(0);
    // No limit is known before 2025-07-01.
    expect(vsi({ periodStart: '2025-06', supportedMonthsBefore: 500 })).toMatchObject({ support: 33_000, check: false });
  });

  it('uses the 2,200,000 line from 2027, flagged as not confirmed', () => {
    expect(policyErrorOf(() => vsi({ periodStart: '2026-12', months: 2 })).details).toMatchObject({
      bound: 2_200_000,
      month: '2027-01',
    });
    const year2027 = vsi({ declaredMonthlyIncome: 2_200_000, periodStart: '2026-12', months: 2 });
    expect(year2027.months.map(({ gross, support, check }) => [gross, support, check])).toEqual([
      [484_000, 66_000, false],
      [484_000, 96_800, true],
    ]);
    expect(year2027.check).toBe(true);
  });

  it('sums a multi-year lump sum without the discount and says so', () => {
    const ahead = vsi({ mode: 'YEARS_AHEAD', months: 12 });
    expect(ahead).toMatchObject({ payable: 12 * 264_000, pendingAdjustment: 'DISCOUNT', check: true });
    expect(vsi({ mode: 'REMAINING_YEARS', months: 12 }).pendingAdjustment).toBe('COMPOUNDING');
    expect(vsi({ mode: 'ANNUAL', months: 12 })).toMatchObject({ payable: 12 * 264_000, check: false });
    expect(vsi({ mode: 'ANNUAL', months: 12 }).pendingAdjustment).toBeUndefined();
  });

  it('refuses malformed periods and incomes', () => {
    expect(policyErrorOf(() => vsi({ periodStart: '2025-7' })).code).toBe('INVALID_PERIOD');
    expect(policyErrorOf(() => vsi({ months: 0 })).code).toBe('INVALID_PERIOD');
    expect(policyErrorOf(() => vsi({ months: 1.5 })).code).toBe('INVALID_PERIOD');
    expect(() => vsi({ declaredMonthlyIncome: 1_500_000.5 })).toThrow(RangeError);
    expect(() => vsi({ supportedMonthsBefore: -1 })).toThrow(RangeError);
  });

  it('refuses a month the policy has no figure for rather than guess', () => {
    const error = policyErrorOf(() => vsi({ periodStart: '2019-01' }));
    expect(error.code).toBe('NO_RULE');
    expect(error.details.parameter).toBe('baseSalary');
  });
});

describe('voluntarySiIncomeBounds', () => {
  it('gives the floor and ceiling in force', () => {
    expect(voluntarySiIncomeBounds(policy, '2025-07-01')).toEqual({ floor: 1_500_000, ceiling: 46_800_000, check: false });
    expect(voluntarySiIncomeBounds(policy, '2023-01-15')).toEqual({ floor: 1_500_000, ceiling: 29_800_000, check: false });
    expect(voluntarySiIncomeBounds(policy, '2027-01-01')).toMatchObject({ floor: 2_200_000, check: true });
  });
});

describe('householdHiPeriod', () => {
  const hi = (memberOrder: number, periodStart = '2025-07', months: 3 | 6 | 12 = 3) =>
    householdHiPeriod({ policy, memberOrder, periodStart, months });

  it('charges 4.5 % of the base salary down the ladder: 105,300 / 73,710 / 63,180 / 52,650 / 42,120', () => {
    expect([1, 2, 3, 4, 5, 6, 9].map((order) => hi(order).months[0].gross)).toEqual([
      105_300, 73_710, 63_180, 52_650, 42_120, 42_120, 42_120,
    ]);
    expect(hi(1)).toMatchObject({ gross: 315_900, support: 0, payable: 315_900, check: false });
    expect(hi(1, '2025-01', 12).payable).toBe(1_263_600);
  });

  it('uses 1,800,000 before 2024-07-01 and 1,490,000 before 2023-07-01', () => {
    expect(hi(1, '2024-01').months[0].gross).toBe(81_000);
    expect(hi(2, '2024-01').months[0].gross).toBe(56_700);
    expect(hi(1, '2023-01').months[0].gross).toBe(67_050);
  });

  it('charges each month of a card across a base salary change at its own rate', () => {
    const card = hi(1, '2024-05');
    expect(card.months.map((m) => m.gross)).toEqual([81_000, 81_000, 105_300]);
    expect(card.payable).toBe(267_300);
  });

  it('rounds the ladder half-up once on the exact amount', () => {
    // 1,001,000 × 4.5 % × 70 % = 31,531.5: floating point would give 31,531.
    const odd: PolicySet = {
      ...policy,
      baseSalary: [{ effectiveFrom: '2030-01-01', effectiveTo: null, value: 1_001_000 }],
    };
    expect(householdHiPeriod({ policy: odd, memberOrder: 2, periodStart: '2030-01', months: 3 }).months[0].gross).toBe(
      31_532,
    );
  });

  it('issues cards of 3, 6 or 12 months only', () => {
    expect(hi(1, '2025-07', 6).months).toHaveLength(6);
    expect(policyErrorOf(() => householdHiPeriod({ policy, memberOrder: 1, periodStart: '2025-07', months: 4 as 3 })).code)
      .toBe('INVALID_PERIOD');
    expect(() => hi(0)).toThrow(RangeError);
  });
});

describe('allowedModes', () => {
  it('offers every mode for voluntary SI and 3-, 6-, 12-month cards for household HI', () => {
    expect(allowedModes('VOLUNTARY_SI')).toEqual([
      'MONTHLY',
      'QUARTERLY',
      'SEMIANNUAL',
      'ANNUAL',
      'YEARS_AHEAD',
      'REMAINING_YEARS',
    ]);
    expect(allowedModes('HOUSEHOLD_HI')).toEqual(['QUARTERLY', 'SEMIANNUAL', 'ANNUAL']);
  });
});

describe('paymentModeSchedule', () => {
  it('has monthly payments due by the last day of their month, for a year by default', () => {
    const schedule = paymentModeSchedule('MONTHLY', '2025-07');
    expect(schedule.periods).toHaveLength(12);
    expect(schedule.periods[0]).toEqual({ start: '2025-07', months: 1, end: '2025-07', dueDate: '2025-07-31' });
    expect(schedule.periods[7]).toEqual({ start: '2026-02', months: 1, end: '2026-02', dueDate: '2026-02-28' });
    expect(schedule.check).toBe(false);
  });

  it('has a quarter due by the last day of its 3rd month', () => {
    const schedule = paymentModeSchedule('QUARTERLY', '2025-06');
    expect(schedule.periods.map((p) => [p.start, p.end, p.dueDate])).toEqual([
      ['2025-06', '2025-08', '2025-08-31'],
      ['2025-09', '2025-11', '2025-11-30'],
      ['2025-12', '2026-02', '2026-02-28'],
      ['2026-03', '2026-05', '2026-05-31'],
    ]);
  });

  it('has half a year due within its first 4 months and a year within its first 7', () => {
    expect(paymentModeSchedule('SEMIANNUAL', '2025-07').periods.map((p) => [p.start, p.months, p.dueDate])).toEqual([
      ['2025-07', 6, '2025-10-31'],
      ['2026-01', 6, '2026-04-30'],
    ]);
    expect(paymentModeSchedule('ANNUAL', '2025-07').periods).toEqual([
      { start: '2025-07', months: 12, end: '2026-06', dueDate: '2026-01-31' },
    ]);
  });

  it('gives as many periods as asked', () => {
    expect(paymentModeSchedule('QUARTERLY', '2025-07', { periods: 2 }).periods.map((p) => p.start)).toEqual([
      '2025-07',
      '2025-10',
    ]);
    expect(policyErrorOf(() => paymentModeSchedule('QUARTERLY', '2025-07', { periods: 0 })).code).toBe('INVALID_PERIOD');
  });

  it('covers years ahead in one payment at registration, flagged for the missing discount', () => {
    expect(paymentModeSchedule('YEARS_AHEAD', '2025-07', { years: 5 })).toEqual({
      scheme: 'VOLUNTARY_SI',
      mode: 'YEARS_AHEAD',
      periods: [{ start: '2025-07', months: 60, end: '2030-06', dueDate: '2025-07-31' }],
      check: true,
      pendingAdjustment: 'DISCOUNT',
    });
    expect(paymentModeSchedule('REMAINING_YEARS', '2025-07', { years: 3 })).toMatchObject({
      periods: [{ months: 36, end: '2028-06' }],
      pendingAdjustment: 'COMPOUNDING',
      check: true,
    });
  });

  it('wants 1 to 5 whole years for a multi-year mode', () => {
    for (const years of [undefined, 0, 6, 2.5]) {
      expect(policyErrorOf(() => paymentModeSchedule('YEARS_AHEAD', '2025-07', { years })).code).toBe('INVALID_PERIOD');
    }
  });

  it('has household HI cards paid before they start, and refuses the modes it does not offer', () => {
    const cards = paymentModeSchedule('SEMIANNUAL', '2025-07', { scheme: 'HOUSEHOLD_HI' });
    expect(cards.periods.map((p) => [p.start, p.dueDate])).toEqual([
      ['2025-07', '2025-06-30'],
      ['2026-01', '2025-12-31'],
    ]);
    expect(cards.check).toBe(true);
    for (const mode of ['MONTHLY', 'YEARS_AHEAD', 'REMAINING_YEARS'] as const) {
      const error = policyErrorOf(() => paymentModeSchedule(mode, '2025-07', { scheme: 'HOUSEHOLD_HI' }));
      expect(error.code).toBe('MODE_NOT_ALLOWED');
      expect(error.details).toMatchObject({ scheme: 'HOUSEHOLD_HI', mode });
    }
  });

  it('refuses a malformed start month', () => {
    expect(policyErrorOf(() => paymentModeSchedule('MONTHLY', '2025-13')).code).toBe('INVALID_PERIOD');
  });

  it('prices each period of a schedule with the rules of its months', () => {
    const dues = paymentModeSchedule('QUARTERLY', '2025-04', { periods: 2 }).periods.map((p) => ({
      dueDate: p.dueDate,
      payable: vsi({ periodStart: p.start, months: p.months, categories: ['NEAR_POOR'] }).payable,
    }));
    expect(dues).toEqual([
      { dueDate: '2025-06-30', payable: 3 * (330_000 - 82_500) },
      { dueDate: '2025-09-30', payable: 3 * (330_000 - 132_000) },
    ]);
  });
});
