import { describe, expect, it } from 'vitest';
import {
  formatPeriod,
  incomeBoundsOver,
  incomeProblem,
  lowestValidIncome,
  monthsCovered,
  previewMode,
  previewModes,
} from './contribution';

const vsi = { scheme: 'VOLUNTARY_SI' as const, categories: ['OTHER' as const] };

describe('the enrollment preview', () => {
  it('charges 264,000 a month for anyone at the 1,500,000 floor under the 2025-07 rules, 198,000 for a near-poor person', () => {
    const other = previewMode('MONTHLY', { ...vsi, startDate: '2025-07-15', declaredMonthlyIncome: 1_500_000 });
    expect(other.periods).toHaveLength(12);
    expect(other.periods[0]).toMatchObject({ start: '2025-07', end: '2025-07', dueDate: '2025-07-31', gross: 330_000, support: 66_000, payable: 264_000 });
    expect(other.payable).toBe(12 * 264_000);
    expect(other.uniform).toBe(true);
    const nearPoor = previewMode('MONTHLY', { ...vsi, categories: ['NEAR_POOR'], startDate: '2025-07-01', declaredMonthlyIncome: 1_500_000 });
    expect(nearPoor.periods.map((p) => p.payable)).toEqual(Array(12).fill(198_000));
  });

  it('gives every mode its periods and deadlines over the same 12 months', () => {
    const previews = previewModes({ ...vsi, startDate: '2025-07-01', declaredMonthlyIncome: 1_500_000 });
    expect(previews.map((p) => p.mode)).toEqual(['MONTHLY', 'QUARTERLY', 'SEMIANNUAL', 'ANNUAL', 'YEARS_AHEAD', 'REMAINING_YEARS']);
    const byMode = Object.fromEntries(previews.map((p) => [p.mode, p]));
    expect(byMode.QUARTERLY.periods.map((p) => [p.start, p.dueDate, p.payable])).toEqual([
      ['2025-07', '2025-09-30', 792_000],
      ['2025-10', '2025-12-31', 792_000],
      ['2026-01', '2026-03-31', 792_000],
      ['2026-04', '2026-06-30', 792_000],
    ]);
    expect(byMode.SEMIANNUAL.periods[0].dueDate).toBe('2025-10-31');
    expect(byMode.ANNUAL.periods).toEqual([expect.objectContaining({ months: 12, dueDate: '2026-01-31', payable: 3_168_000 })]);
    for (const mode of ['MONTHLY', 'QUARTERLY', 'SEMIANNUAL', 'ANNUAL'] as const) expect(byMode[mode].payable).toBe(3_168_000);
    // A lump sum of several years is flagged: its discount is not modelled yet.
    expect(byMode.YEARS_AHEAD).toMatchObject({ pendingAdjustment: 'DISCOUNT', check: true, payable: 3_168_000 });
    expect(byMode.REMAINING_YEARS.pendingAdjustment).toBe('COMPOUNDING');
  });

  it('refuses a mode whose months reach a higher floor, naming the floor and the month', () => {
    const monthly = previewMode('MONTHLY', { ...vsi, startDate: '2026-11-01', declaredMonthlyIncome: 1_500_000 });
    expect(monthly.periods).toEqual([]);
    expect(monthly.problem).toEqual({ code: 'INCOME_BELOW_FLOOR', bound: 2_200_000, month: '2027-01' });
    // At the 2027 floor the months of 2026 keep the old support and the later ones the new.
    const atFloor = previewMode('MONTHLY', { ...vsi, startDate: '2026-11-01', declaredMonthlyIncome: 2_200_000 });
    expect(atFloor.periods.map((p) => p.payable)).toEqual([418_000, 418_000, ...Array(10).fill(387_200)]);
    expect(atFloor.uniform).toBe(false);
    expect(atFloor.check).toBe(true);
  });

  it('asks for the income before it charges voluntary SI, and says when no rule covers a month', () => {
    expect(previewMode('MONTHLY', { ...vsi, startDate: '2025-07-01', declaredMonthlyIncome: null }).problem).toEqual({ code: 'NO_INCOME' });
    expect(previewMode('MONTHLY', { ...vsi, startDate: '2014-03-01', declaredMonthlyIncome: 1_500_000 }).problem).toMatchObject({ code: 'NO_RULE' });
  });

  it('adds a provincial top-up to the national support', () => {
    const hanoi = previewMode('MONTHLY', { ...vsi, provinceCode: '01', startDate: '2025-07-01', declaredMonthlyIncome: 1_500_000 });
    expect(hanoi.periods[0]).toMatchObject({ support: 99_000, payable: 231_000 });
  });

  it('charges a household HI member by their place in the ladder, cards of 3, 6 or 12 months paid before they start', () => {
    const previews = previewModes({ scheme: 'HOUSEHOLD_HI', categories: ['OTHER'], startDate: '2025-01-01', memberOrder: 2 });
    expect(previews.map((p) => p.mode)).toEqual(['QUARTERLY', 'SEMIANNUAL', 'ANNUAL']);
    expect(previews[0].periods[0]).toMatchObject({ months: 3, dueDate: '2024-12-31', gross: 3 * 73_710, support: 0, payable: 3 * 73_710 });
    expect(previews[2].payable).toBe(12 * 73_710);
  });
});

describe('the declared income bounds', () => {
  it('lists the bounds each time they change over the months the dues cover', () => {
    expect(monthsCovered('MONTHLY')).toBe(12);
    expect(monthsCovered('YEARS_AHEAD', 3)).toBe(36);
    const segments = incomeBoundsOver('2026-11', monthsCovered('MONTHLY'));
    expect(segments).toEqual([
      { from: '2026-11', floor: 1_500_000, ceiling: 46_800_000, check: false },
      { from: '2027-01', floor: 2_200_000, ceiling: 46_800_000, check: true },
    ]);
    expect(lowestValidIncome(segments)).toBe(2_200_000);
    expect(incomeProblem(1_800_000, segments)).toEqual({ code: 'INCOME_BELOW_FLOOR', bound: 2_200_000, from: '2027-01' });
    expect(incomeProblem(50_000_000, segments)).toEqual({ code: 'INCOME_ABOVE_CEILING', bound: 46_800_000, from: '2026-11' });
    expect(incomeProblem(2_200_000, segments)).toBeNull();
    expect(incomeBoundsOver('2025-07', 12)).toHaveLength(1);
  });

  it('writes periods as months are written in Vietnam', () => {
    expect(formatPeriod('2026-11', '2026-11')).toBe('11/2026');
    expect(formatPeriod('2026-11', '2027-01')).toBe('11/2026 – 01/2027');
  });
});
