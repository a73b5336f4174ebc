import { gql, type TypedDocumentNode } from '@apollo/client';
import type { AllocationMethod, Scheme, TargetMetric } from '@bao-phu/domain';
import type { AllocationSheet, SetTargetInput, TargetRef, TargetRevision } from './types';

/** The GraphQL side of the allocation screen ("Giao chỉ tiêu"). */

const TARGET_REF = gql`
  fragment TargetRefFields on Target {
    id
    value
    status
    version
    revision
  }
`;

type SheetVariables = { parentUnitId: string; year: number; scheme: Scheme; metric: TargetMetric };

export const ALLOCATION_SHEET: TypedDocumentNode<{ allocationSheet: AllocationSheet }, SheetVariables> = gql`
  query AllocationSheet($parentUnitId: ID!, $year: Int!, $scheme: Scheme!, $metric: TargetMetric!) {
    allocationSheet(parentUnitId: $parentUnitId, year: $year, scheme: $scheme, metric: $metric) {
      parent {
        id
        code
        name
        level
        path
        childCount
        ancestors {
          id
          name
          level
          path
        }
      }
      parentTarget {
        ...TargetRefFields
      }
      children {
        unit {
          id
          code
          name
          level
          path
          childCount
          synthetic
        }
        lastYearActual
        potential
        participants
        target {
          ...TargetRefFields
        }
      }
      childrenSum
      shortfall
      canEdit
    }
  }
  ${TARGET_REF}
`;

export const SET_TARGETS: TypedDocumentNode<{ setTargets: TargetRef[] }, { inputs: SetTargetInput[] }> = gql`
  mutation SetTargets($inputs: [SetTargetInput!]!) {
    setTargets(inputs: $inputs) {
      ...TargetRefFields
    }
  }
  ${TARGET_REF}
`;

export const ALLOCATE_TARGET: TypedDocumentNode<
  { allocateTarget: (TargetRef & { unit: { id: string } })[] },
  { input: SheetVariables & { method: AllocationMethod } }
> = gql`
  mutation AllocateTarget($input: AllocateTargetInput!) {
    allocateTarget(input: $input) {
      ...TargetRefFields
      unit {
        id
      }
    }
  }
  ${TARGET_REF}
`;

export const PUBLISH_TARGETS: TypedDocumentNode<{ publishTargets: TargetRef[] }, SheetVariables> = gql`
  mutation PublishTargets($parentUnitId: ID!, $year: Int!, $scheme: Scheme!, $metric: TargetMetric!) {
    publishTargets(parentUnitId: $parentUnitId, year: $year, scheme: $scheme, metric: $metric) {
      ...TargetRefFields
    }
  }
  ${TARGET_REF}
`;

export const TARGET_HISTORY: TypedDocumentNode<{ target: (TargetRef & { history: TargetRevision[] }) | null }, { id: string }> = gql`
  query TargetHistory($id: ID!) {
    target(id: $id) {
      ...TargetRefFields
      history {
        id
        revision
        value
        previousValue
        status
        action
        supplementary
        note
        changedBy
        changedAt
      }
    }
  }
  ${TARGET_REF}
`;
