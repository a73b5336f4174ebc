import { gql, type TypedDocumentNode } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { DEFAULT_POLICY, policyFromRows, type PolicySet, type StoredPolicyRow } from '@bao-phu/domain';
import { useMemo } from 'react';

/** A policy row as the API sends it: the value is JSON text. */
export interface PolicyRuleRow {
  id: string;
  parameter: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  value: string;
  check: boolean;
  source: string | null;
}

export const POLICY_RULES: TypedDocumentNode<{ policyRules: PolicyRuleRow[] }, Record<string, never>> = gql`
  query PolicyRules {
    policyRules {
      id
      parameter
      effectiveFrom
      effectiveTo
      value
      check
      source
    }
  }
`;

/** The policy set of the API's rows; a row whose value is not JSON is left out rather than guessed. */
export function policyOf(rows: readonly PolicyRuleRow[]): PolicySet {
  const stored: StoredPolicyRow[] = [];
  for (const r of rows) {
    try {
      stored.push({ ...r, value: JSON.parse(r.value) as unknown });
    } catch {
      // not JSON: the API refuses to store such a row, so this only guards against a broken answer
    }
  }
  return policyFromRows(stored);
}

/**
 * The contribution policy the API charges with (administrators maintain it in `policyRules`), so
 * that what the screens compute in advance matches the dues the API creates. Until the rows arrive,
 * and if they cannot be read, the rules of DOMAIN-RULES.md the API was seeded with.
 */
export function usePolicy(): PolicySet {
  const { data } = useQuery(POLICY_RULES, { fetchPolicy: 'cache-and-network' });
  return useMemo(() => (data?.policyRules.length ? policyOf(data.policyRules) : DEFAULT_POLICY), [data]);
}
