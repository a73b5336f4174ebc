import { describe, expect, it } from 'vitest';
import type { PolicyRuleRow } from '../../providers/policy';
import { formatPolicyValue, groupByParameter, isJsonText, parameterLabelKey } from './format';

const nbsp = (s: string) => s.replace(/\u00a0/g, ' ');

describe('formatPolicyValue', () => {
  it('shows basis points as per cent', () => {
    expect(formatPolicyValue('voluntarySi.rateBp', '2200', 'vi')).toBe('22 %');
    expect(formatPolicyValue('householdHi.rateBp', '450', 'vi')).toBe('4,5 %');
    expect(formatPolicyValue('householdHi.rateBp', '450', 'en')).toBe('4.5 %');
    expect(formatPolicyValue('voluntarySi.supportShareBp.POOR', '5000', 'vi')).toBe('50 %');
  });

  it('shows a ladder as per cents', () => {
    expect(formatPolicyValue('householdHi.ladderBp', '[10000,7000,6000,5000,4000]', 'vi')).toBe(
      '100 % · 70 % · 60 % · 50 % · 40 %',
    );
  });

  it('shows amounts in đồng', () => {
    expect(nbsp(formatPolicyValue('baseSalary', '2340000', 'vi'))).toBe('2.340.000 ₫');
    expect(nbsp(formatPolicyValue('voluntarySi.incomeFloor', '1500000', 'en'))).toBe('1.500.000 ₫');
  });

  it('shows other values as compact JSON, and text that is not JSON as it is', () => {
    expect(formatPolicyValue('voluntarySi.incomeCeiling', '{ "multiple": 20, "base": "REFERENCE_LEVEL" }', 'vi')).toBe(
      '{"multiple":20,"base":"REFERENCE_LEVEL"}',
    );
    expect(formatPolicyValue('voluntarySi.supportMonthLimit', '120', 'vi')).toBe('120');
    expect(formatPolicyValue('voluntarySi.supportMonthLimit', 'null', 'vi')).toBe('null');
    expect(formatPolicyValue('baseSalary', 'abc', 'vi')).toBe('abc');
  });
});

describe('parameterLabelKey', () => {
  it('names known parameters and leaves others to their path', () => {
    expect(parameterLabelKey('voluntarySi.supportShareBp.NEAR_POOR')).toBe(
      'resources.policyRules.parameters.voluntarySi_supportShareBp_NEAR_POOR',
    );
    expect(parameterLabelKey('voluntarySi.provincialTopUpBp.01.POOR')).toBeNull();
  });
});

describe('groupByParameter', () => {
  const row = (parameter: string, effectiveFrom: string): PolicyRuleRow => ({
    id: `${parameter}@${effectiveFrom}`,
    parameter,
    effectiveFrom,
    effectiveTo: null,
    value: '0',
    check: false,
    source: null,
  });

  it('groups in order of appearance and sorts rows by start date', () => {
    const groups = groupByParameter([row('b', '2024-01-01'), row('a', '2020-01-01'), row('b', '2019-01-01')]);
    expect(groups.map((g) => g.parameter)).toEqual(['b', 'a']);
    expect(groups[0].rows.map((r) => r.effectiveFrom)).toEqual(['2019-01-01', '2024-01-01']);
  });
});

describe('isJsonText', () => {
  it('accepts JSON only', () => {
    expect(isJsonText('[1, 2]')).toBe(true);
    expect(isJsonText('null')).toBe(true);
    expect(isJsonText('1.500.000')).toBe(false);
    expect(isJsonText('')).toBe(false);
  });
});
