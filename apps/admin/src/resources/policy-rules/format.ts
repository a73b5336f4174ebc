import { formatVnd } from '@bao-phu/domain';
import type { PolicyRuleRow } from '../../providers/policy';
import { formatPercentBp } from '../households/ladder';

/**
 * Parameters with a label of their own (`resources.policyRules.parameters.<key>`, the dots of the
 * path written as `_`); any other parameter (a provincial top-up …) is shown by its path.
 */
export const LABELLED_PARAMETERS: readonly string[] = [
  'voluntarySi.rateBp',
  'voluntarySi.incomeFloor',
  'voluntarySi.incomeCeiling',
  'voluntarySi.ruralPovertyLine',
  'voluntarySi.supportShareBp.POOR',
  'voluntarySi.supportShareBp.NEAR_POOR',
  'voluntarySi.supportShareBp.ETHNIC_MINORITY',
  'voluntarySi.supportShareBp.OTHER',
  'voluntarySi.supportMonthLimit',
  'voluntarySi.paymentModes',
  'householdHi.rateBp',
  'householdHi.ladderBp',
  'householdHi.paymentModes',
  'baseSalary',
  'referenceLevel',
];

/** Parameters whose value is an amount in đồng. */
const AMOUNT_PARAMETERS = new Set([
  'voluntarySi.incomeFloor',
  'voluntarySi.ruralPovertyLine',
  'baseSalary',
  'referenceLevel',
]);

/** The translation key of a parameter's label, or null when it is shown by its path. */
export function parameterLabelKey(parameter: string): string | null {
  return LABELLED_PARAMETERS.includes(parameter)
    ? `resources.policyRules.parameters.${parameter.replace(/\./g, '_')}`
    : null;
}

/** Basis points: a segment of the path ends in `Bp` (`rateBp`, `supportShareBp.POOR`, `ladderBp`). */
export const isBasisPoints = (parameter: string) => parameter.split('.').some((s) => s.endsWith('Bp'));

/**
 * A row's value (JSON text) as people read it: basis points as per cent ("22 %", a ladder as
 * "100 % · 70 % · …"), amounts in đồng ("1.500.000 ₫"), anything else as compact JSON. Text that
 * is not JSON is shown as it is.
 */
export function formatPolicyValue(parameter: string, value: string, locale: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return value;
  }
  const percent = (bp: number) => `${formatPercentBp(bp, locale)} %`;
  if (typeof parsed === 'number') {
    if (isBasisPoints(parameter)) return percent(parsed);
    if (AMOUNT_PARAMETERS.has(parameter)) return formatVnd(parsed);
    return String(parsed);
  }
  if (Array.isArray(parsed) && isBasisPoints(parameter) && parsed.every((v) => typeof v === 'number')) {
    return (parsed as number[]).map(percent).join(' · ');
  }
  return JSON.stringify(parsed);
}

/** The rows by parameter: groups in the order of first appearance, rows by start date. */
export function groupByParameter(rows: readonly PolicyRuleRow[]): { parameter: string; rows: PolicyRuleRow[] }[] {
  const groups = new Map<string, PolicyRuleRow[]>();
  for (const r of rows) {
    const list = groups.get(r.parameter) ?? [];
    list.push(r);
    groups.set(r.parameter, list);
  }
  return [...groups].map(([parameter, list]) => ({
    parameter,
    rows: [...list].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom)),
  }));
}

/** Validator of the value input: the API stores JSON only. */
export const isJsonText = (text: unknown): boolean => {
  if (typeof text !== 'string' || text.trim() === '') return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};
