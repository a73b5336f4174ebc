import { gql, type TypedDocumentNode } from '@apollo/client';
import type { PolicyRuleRow } from '../../providers/policy';

/** The rows themselves are read with POLICY_RULES (providers/policy.ts), the query usePolicy shares. */

export interface SetPolicyRuleInput {
  id?: string | null;
  parameter: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  /** JSON text. */
  value: string;
  check: boolean;
  source: string | null;
}

export const SET_POLICY_RULE: TypedDocumentNode<{ setPolicyRule: PolicyRuleRow }, { input: SetPolicyRuleInput }> = gql`
  mutation SetPolicyRule($input: SetPolicyRuleInput!) {
    setPolicyRule(input: $input) {
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

export const DELETE_POLICY_RULE: TypedDocumentNode<{ deletePolicyRule: string }, { id: string }> = gql`
  mutation DeletePolicyRule($id: ID!) {
    deletePolicyRule(id: $id)
  }
`;
