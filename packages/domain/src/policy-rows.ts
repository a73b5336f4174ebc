import { DEFAULT_POLICY, policyRowProblems, type PolicyRow, type PolicySet } from './policy';

/** A policy row stored flat, under the dotted path of its parameter ("voluntarySi.incomeFloor"). */
export interface StoredPolicyRow {
  parameter: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  value: unknown;
  check: boolean;
  source: string | null;
}

function isRows(node: unknown): node is readonly PolicyRow<unknown>[] {
  return Array.isArray(node) && (node.length === 0 || (typeof node[0] === 'object' && node[0] !== null && 'effectiveFrom' in node[0]));
}

/** Every row of a policy set, flattened with its parameter path (for storing in a table). */
export function flattenPolicy(policy: PolicySet = DEFAULT_POLICY): StoredPolicyRow[] {
  const out: StoredPolicyRow[] = [];
  const walk = (node: unknown, path: string[]) => {
    if (isRows(node)) {
      for (const r of node) out.push({ parameter: path.join('.'), effectiveFrom: r.effectiveFrom, effectiveTo: r.effectiveTo, value: r.value, check: !!r.check, source: r.source ?? null });
      return;
    }
    if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, [...path, k]);
  };
  walk(policy, []);
  return out;
}

/** The parameter paths of the default policy: the ones a stored row may use (plus new provincial top-ups). */
export const POLICY_PARAMETERS: readonly string[] = [...new Set(flattenPolicy().map((r) => r.parameter))];
const TOP_UP_RE = /^voluntarySi\.provincialTopUpBp\.\d{2}\.(POOR|NEAR_POOR|ETHNIC_MINORITY|OTHER)$/;

export function isPolicyParameter(parameter: string): boolean {
  return POLICY_PARAMETERS.includes(parameter) || TOP_UP_RE.test(parameter);
}

/** A policy set rebuilt from stored rows: the shape of the default policy, its rows replaced. */
export function policyFromRows(rows: readonly StoredPolicyRow[]): PolicySet {
  const skeleton = JSON.parse(JSON.stringify(DEFAULT_POLICY)) as Record<string, unknown>;
  const clear = (node: unknown): unknown => {
    if (isRows(node)) return [];
    if (node && typeof node === 'object') for (const k of Object.keys(node)) (node as Record<string, unknown>)[k] = clear((node as Record<string, unknown>)[k]);
    return node;
  };
  clear(skeleton);
  const sorted = [...rows].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  for (const r of sorted) {
    const path = r.parameter.split('.');
    let node = skeleton as Record<string, unknown>;
    for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
    const leaf = path[path.length - 1];
    const list = (node[leaf] ??= []) as PolicyRow<unknown>[];
    list.push({ effectiveFrom: r.effectiveFrom, effectiveTo: r.effectiveTo, value: r.value, ...(r.check ? { check: true } : {}), ...(r.source ? { source: r.source } : {}) });
  }
  return skeleton as unknown as PolicySet;
}

/**
 * Why a new or changed row of `parameter` cannot be stored beside `others` (the other rows of the
 * same parameter): an unknown parameter, a value of the wrong kind, dates in the wrong order or
 * overlapping another row. Null when it can.
 */
export function storedRowProblem(
  row: StoredPolicyRow,
  others: readonly StoredPolicyRow[],
): 'UNKNOWN_PARAMETER' | 'VALUE_KIND' | 'BAD_DATE' | 'ENDS_BEFORE_START' | 'OVERLAP' | null {
  if (!isPolicyParameter(row.parameter)) return 'UNKNOWN_PARAMETER';
  const sample = flattenPolicy().find((r) => r.parameter === row.parameter)?.value ?? 0;
  const kind = (v: unknown) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);
  const sameKind = kind(sample) === kind(row.value) || (row.parameter.endsWith('supportMonthLimit') && ['number', 'null'].includes(kind(row.value)));
  if (!sameKind) return 'VALUE_KIND';
  if (typeof row.value === 'number' && (!Number.isInteger(row.value) || row.value < 0)) return 'VALUE_KIND';
  const rows = [...others, row].map((r) => ({ effectiveFrom: r.effectiveFrom, effectiveTo: r.effectiveTo, value: r.value }));
  const problems = policyRowProblems(rows);
  return (problems[0]?.problem as 'BAD_DATE' | 'ENDS_BEFORE_START' | 'OVERLAP' | undefined) ?? null;
}
