import { readFileSync } from 'node:fs';
import { flattenPolicy } from '@bao-phu/domain';
import { buildSchema, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { previewMode } from '../resources/enrollments/contribution';
import { POLICY_RULES, policyOf, type PolicyRuleRow } from './policy';

const schema = buildSchema(readFileSync(new URL('../../../api/schema.graphql', import.meta.url), 'utf8'));

/** The rows as the API sends them after its first start: the default policy, values as JSON text. */
const seeded = (): PolicyRuleRow[] =>
  flattenPolicy().map((r, i) => ({ ...r, id: String(i + 1), value: JSON.stringify(r.value) }));

const monthlyFromNovember2026 = (rows: PolicyRuleRow[]) =>
  previewMode('MONTHLY', {
    scheme: 'VOLUNTARY_SI',
    categories: ['OTHER'],
    startDate: '2026-11-01',
    declaredMonthlyIncome: 1_500_000,
    policy: policyOf(rows),
  });

describe("the API's policy rows in the browser", () => {
  it('are asked for with a query the schema accepts', () => {
    expect(validate(schema, POLICY_RULES)).toEqual([]);
  });

  it('charge as the API does, and follow an administrator who changes a row', () => {
    // Seeded: the 2027 floor of 2,200,000 (check) refuses 1,500,000 for a year from 11/2026.
    expect(monthlyFromNovember2026(seeded()).problem).toEqual({ code: 'INCOME_BELOW_FLOOR', bound: 2_200_000, month: '2027-01' });
    // An administrator keeps the floor and the poverty line at 1,500,000 in 2027.
    const edited = seeded().map((r) =>
      (r.parameter === 'voluntarySi.incomeFloor' || r.parameter === 'voluntarySi.ruralPovertyLine') && r.effectiveFrom === '2027-01-01'
        ? { ...r, value: '1500000' }
        : r,
    );
    const preview = monthlyFromNovember2026(edited);
    expect(preview.problem).toBeUndefined();
    expect(preview.periods.map((p) => p.payable)).toEqual(Array(12).fill(264_000));
  });

  it('leave out a row whose value is not JSON instead of guessing it', () => {
    const rows = seeded().map((r) => (r.parameter === 'householdHi.rateBp' ? { ...r, value: 'not json' } : r));
    expect(() => previewMode('ANNUAL', { scheme: 'HOUSEHOLD_HI', categories: ['OTHER'], startDate: '2026-01-01', policy: policyOf(rows) })).not.toThrow();
    expect(previewMode('ANNUAL', { scheme: 'HOUSEHOLD_HI', categories: ['OTHER'], startDate: '2026-01-01', policy: policyOf(rows) }).problem).toMatchObject({
      code: 'NO_RULE',
    });
  });
});
