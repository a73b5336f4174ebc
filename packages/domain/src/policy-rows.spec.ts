import { describe, expect, it } from 'vitest';
import { voluntarySiPeriod } from './contribution';
import { DEFAULT_POLICY } from './policy';
import { flattenPolicy, isPolicyParameter, policyFromRows, storedRowProblem } from './policy-rows';

describe('policy rows', () => {
  it('flattens the default policy and rebuilds one that charges the same', () => {
    const rows = flattenPolicy();
    expect(rows.length).toBeGreaterThan(20);
    expect(rows.some((r) => r.parameter === 'voluntarySi.incomeFloor')).toBe(true);
    const rebuilt = policyFromRows(rows);
    const charge = (policy: typeof DEFAULT_POLICY) =>
      voluntarySiPeriod({ policy, declaredMonthlyIncome: 1_500_000, categories: ['NEAR_POOR'], periodStart: '2025-06', months: 3 });
    expect(charge(rebuilt)).toEqual(charge(DEFAULT_POLICY));
  });

  it('changes a charge when a stored row changes', () => {
    const rows = flattenPolicy().map((r) =>
      r.parameter === 'voluntarySi.supportShareBp.NEAR_POOR' && r.effectiveFrom >= '2025-07-01' ? { ...r, value: 6000 } : r,
    );
    const charge = voluntarySiPeriod({ policy: policyFromRows(rows), declaredMonthlyIncome: 1_500_000, categories: ['NEAR_POOR'], periodStart: '2025-07', months: 1 });
    expect(charge.support).toBe(198_000);
  });

  it('refuses unknown parameters, values of the wrong kind and overlapping dates', () => {
    const others = flattenPolicy().filter((r) => r.parameter === 'voluntarySi.incomeFloor');
    const row = { parameter: 'voluntarySi.incomeFloor', effectiveFrom: '2030-01-01', effectiveTo: null, value: 2_500_000, check: false, source: null };
    const open = others.find((r) => r.effectiveTo === null);
    expect(storedRowProblem(row, others)).toBe(open ? 'OVERLAP' : null);
    expect(storedRowProblem({ ...row, parameter: 'voluntarySi.nothing' }, [])).toBe('UNKNOWN_PARAMETER');
    expect(storedRowProblem({ ...row, value: 'cao' }, [])).toBe('VALUE_KIND');
    expect(storedRowProblem({ ...row, value: 1.5 }, [])).toBe('VALUE_KIND');
    expect(storedRowProblem({ ...row, effectiveTo: '2029-01-01' }, [])).toBe('ENDS_BEFORE_START');
    expect(isPolicyParameter('voluntarySi.provincialTopUpBp.82.POOR')).toBe(true);
  });
});
