import { describe, expect, it } from 'vitest';
import {
  DEFAULT_POLICY,
  findRuleOn,
  PolicyError,
  policyRowProblems,
  ruleOn,
  SUPPORT_CATEGORIES,
  type PolicyRow,
  type PolicyRows,
} from './policy';

const rows: PolicyRows<number> = [
  { effectiveFrom: '2022-01-01', effectiveTo: '2025-06-30', value: 1 },
  { effectiveFrom: '2025-07-01', effectiveTo: null, value: 2 },
];

function errorOf(fn: () => unknown): PolicyError {
  try {
    fn();
  } catch (e) {
    if (e instanceof PolicyError) return e;
    throw e;
  }
  throw new Error('expected a PolicyError');
}

describe('ruleOn', () => {
  it('takes the row in force, both ends included', () => {
    expect(ruleOn(rows, '2022-01-01').value).toBe(1);
    expect(ruleOn(rows, '2025-06-30').value).toBe(1);
    expect(ruleOn(rows, '2025-07-01').value).toBe(2);
    expect(ruleOn(rows, '2099-12-31').value).toBe(2);
  });
  it('refuses a date no row covers, naming the parameter', () => {
    const error = errorOf(() => ruleOn(rows, '2021-12-31', 'voluntarySi.incomeFloor'));
    expect(error.code).toBe('NO_RULE');
    expect(error.details).toEqual({ parameter: 'voluntarySi.incomeFloor', date: '2021-12-31' });
    expect(error.message).toContain('voluntarySi.incomeFloor');
    expect(findRuleOn(rows, '2021-12-31')).toBeNull();
  });
  it('refuses to choose between overlapping rows', () => {
    const overlapping = [...rows, { effectiveFrom: '2025-01-01', effectiveTo: null, value: 3 }];
    expect(errorOf(() => ruleOn(overlapping, '2025-03-01')).code).toBe('AMBIGUOUS_RULE');
    expect(ruleOn(overlapping, '2024-12-31').value).toBe(1);
  });
  it('treats a malformed date as a caller error', () => {
    expect(() => ruleOn(rows, '2025-07')).toThrow(RangeError);
  });
});

describe('policyRowProblems', () => {
  it('finds nothing wrong with consecutive rows or gaps', () => {
    expect(policyRowProblems(rows)).toEqual([]);
    expect(
      policyRowProblems([
        { effectiveFrom: '2020-01-01', effectiveTo: '2020-12-31', value: 1 },
        { effectiveFrom: '2022-01-01', effectiveTo: null, value: 2 },
      ]),
    ).toEqual([]);
  });
  it('reports bad dates, inverted rows and overlaps', () => {
    expect(
      policyRowProblems([
        { effectiveFrom: '2025-02-30', effectiveTo: null, value: 1 },
        { effectiveFrom: '2025-07-01', effectiveTo: '2025-06-30', value: 2 },
        { effectiveFrom: '2024-01-01', effectiveTo: '2025-07-01', value: 3 },
        { effectiveFrom: '2025-07-01', effectiveTo: null, value: 4 },
      ]),
    ).toEqual([
      { index: 0, problem: 'BAD_DATE' },
      { index: 1, problem: 'ENDS_BEFORE_START' },
      { index: 3, problem: 'OVERLAP', other: 2 },
    ]);
  });
  it('sees that an open row overlaps everything after its start', () => {
    expect(
      policyRowProblems([
        { effectiveFrom: '2020-01-01', effectiveTo: null, value: 1 },
        { effectiveFrom: '2030-01-01', effectiveTo: '2030-12-31', value: 2 },
      ]),
    ).toEqual([{ index: 1, problem: 'OVERLAP', other: 0 }]);
  });
});

function allSeries(): [string, PolicyRows<unknown>][] {
  const p = DEFAULT_POLICY;
  const series: [string, PolicyRows<unknown>][] = [
    ['voluntarySi.rateBp', p.voluntarySi.rateBp],
    ['voluntarySi.incomeFloor', p.voluntarySi.incomeFloor],
    ['voluntarySi.incomeCeiling', p.voluntarySi.incomeCeiling],
    ['voluntarySi.ruralPovertyLine', p.voluntarySi.ruralPovertyLine],
    ['voluntarySi.supportMonthLimit', p.voluntarySi.supportMonthLimit],
    ['voluntarySi.paymentModes', p.voluntarySi.paymentModes],
    ['householdHi.rateBp', p.householdHi.rateBp],
    ['householdHi.ladderBp', p.householdHi.ladderBp],
    ['householdHi.paymentModes', p.householdHi.paymentModes],
    ['baseSalary', p.baseSalary],
    ['referenceLevel', p.referenceLevel],
  ];
  for (const category of SUPPORT_CATEGORIES) series.push([category, p.voluntarySi.supportShareBp[category]]);
  for (const [province, byCategory] of Object.entries(p.voluntarySi.provincialTopUpBp)) {
    for (const [category, r] of Object.entries(byCategory)) series.push([`${province}.${category}`, r ?? []]);
  }
  return series;
}

describe('DEFAULT_POLICY', () => {
  const p = DEFAULT_POLICY;
  const on = <T>(r: PolicyRows<T>, date: string): T => ruleOn(r, date).value;

  it('has well-formed rows that never overlap', () => {
    for (const [name, series] of allSeries()) {
      expect(policyRowProblems(series), name).toEqual([]);
      expect(series.length, name).toBeGreaterThan(0);
    }
  });
  it('charges 22 % on both sides of 2025-07-01', () => {
    expect(on(p.voluntarySi.rateBp, '2025-06-30')).toBe(2200);
    expect(on(p.voluntarySi.rateBp, '2025-07-01')).toBe(2200);
  });
  it('follows the rural poverty line for the income floor and the support base', () => {
    expect(on(p.voluntarySi.incomeFloor, '2021-12-31')).toBe(700_000);
    expect(on(p.voluntarySi.incomeFloor, '2022-01-01')).toBe(1_500_000);
    expect(on(p.voluntarySi.incomeFloor, '2025-07-01')).toBe(1_500_000);
    expect(on(p.voluntarySi.ruralPovertyLine, '2021-12-31')).toBe(700_000);
    expect(on(p.voluntarySi.ruralPovertyLine, '2025-07-01')).toBe(1_500_000);
  });
  it('flags the 2,200,000 line of 2027 as not confirmed', () => {
    expect(ruleOn(p.voluntarySi.incomeFloor, '2027-01-01')).toMatchObject({ value: 2_200_000, check: true });
    expect(ruleOn(p.voluntarySi.ruralPovertyLine, '2027-01-01')).toMatchObject({ value: 2_200_000, check: true });
    expect(ruleOn(p.voluntarySi.incomeFloor, '2026-12-31').check).toBeUndefined();
  });
  it('caps income at 20 × the base salary, then 20 × the reference level', () => {
    expect(on(p.voluntarySi.incomeCeiling, '2025-06-30')).toEqual({ multiple: 20, base: 'BASE_SALARY' });
    expect(on(p.voluntarySi.incomeCeiling, '2025-07-01')).toEqual({ multiple: 20, base: 'REFERENCE_LEVEL' });
    expect(on(p.referenceLevel, '2025-07-01')).toBe(2_340_000);
    expect(findRuleOn(p.referenceLevel, '2025-06-30')).toBeNull();
  });
  it('raises support on 2025-07-01 and adds ethnic minorities as a category', () => {
    const s = p.voluntarySi.supportShareBp;
    expect([s.POOR, s.NEAR_POOR, s.OTHER].map((r) => on(r, '2025-06-30'))).toEqual([3000, 2500, 1000]);
    expect([s.POOR, s.NEAR_POOR, s.ETHNIC_MINORITY, s.OTHER].map((r) => on(r, '2025-07-01'))).toEqual([
      5000, 4000, 3000, 2000,
    ]);
    expect(findRuleOn(s.ETHNIC_MINORITY, '2025-06-30')).toBeNull();
  });
  it('limits support to 120 months from 2025-07-01 and flags the earlier limit as unknown', () => {
    expect(ruleOn(p.voluntarySi.supportMonthLimit, '2025-07-01')).toMatchObject({ value: 120 });
    expect(ruleOn(p.voluntarySi.supportMonthLimit, '2025-06-30')).toMatchObject({ value: null, check: true });
  });
  it('holds the base salaries and the household HI rate and ladder', () => {
    expect(on(p.baseSalary, '2019-07-01')).toBe(1_490_000);
    expect(on(p.baseSalary, '2023-07-01')).toBe(1_800_000);
    expect(on(p.baseSalary, '2024-06-30')).toBe(1_800_000);
    expect(on(p.baseSalary, '2024-07-01')).toBe(2_340_000);
    expect(on(p.householdHi.rateBp, '2024-07-01')).toBe(450);
    expect(on(p.householdHi.ladderBp, '2024-07-01')).toEqual([10_000, 7000, 6000, 5000, 4000]);
  });
  it('flags the multi-year payment modes and the Hà Nội top-up as not confirmed', () => {
    const modes = on(p.voluntarySi.paymentModes, '2025-07-01');
    expect(modes.YEARS_AHEAD).toMatchObject({ maxYears: 5, lumpSum: 'DISCOUNTED', check: true });
    expect(modes.REMAINING_YEARS).toMatchObject({ maxYears: 5, lumpSum: 'COMPOUNDED', check: true });
    expect(modes.ANNUAL).toEqual({ monthsPerPeriod: 12, deadline: { kind: 'WITHIN_MONTHS', months: 7 } });
    expect(ruleOn(p.voluntarySi.provincialTopUpBp['01'].NEAR_POOR ?? [], '2025-07-01')).toMatchObject({
      value: 6000,
      check: true,
    });
  });
  it('names a legal source for every confirmed row', () => {
    for (const [name, series] of allSeries()) {
      for (const row of series as PolicyRow<unknown>[]) {
        if (!row.check) expect(row.source, name).toBeTruthy();
      }
    }
  });
  it('cannot be changed by accident', () => {
    expect(() => {
      (p.voluntarySi.rateBp[0] as { value: number }).value = 0;
    }).toThrow(TypeError);
    expect(on(p.voluntarySi.rateBp, '2025-01-01')).toBe(2200);
  });
});
