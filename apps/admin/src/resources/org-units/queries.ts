import { gql, type TypedDocumentNode } from '@apollo/client';
import type { ResourceDescriptor } from '../../providers/dataProvider';
import type { OrgUnitRecord } from './types';

/** The GraphQL side of the orgUnits resource: its selections, its verbs, its descriptor. */

const UNIT_REF = gql`
  fragment OrgUnitRefFields on OrgUnit {
    id
    code
    name
    level
    closed
    validFrom
    validTo
  }
`;

/** Lists, tree nodes, reference inputs and mutation results. */
export const ORG_UNIT_LIST_FIELDS = gql`
  fragment OrgUnitListFields on OrgUnit {
    ...OrgUnitRefFields
    parentId
    parent {
      ...OrgUnitRefFields
    }
    synthetic
    childCount
  }
  ${UNIT_REF}
`;

/** The show and edit pages: the unit with its place in the tree and its history. */
export const ORG_UNIT_DETAIL_FIELDS = gql`
  fragment OrgUnitDetailFields on OrgUnit {
    ...OrgUnitListFields
    path
    ancestors {
      ...OrgUnitRefFields
    }
    children {
      ...OrgUnitRefFields
      synthetic
      childCount
    }
    successors {
      ...OrgUnitRefFields
    }
    predecessors {
      ...OrgUnitRefFields
    }
    nameHistory {
      name
      validFrom
      validTo
    }
    parentHistory {
      parent {
        ...OrgUnitRefFields
      }
      validFrom
      validTo
    }
    statistics {
      year
      population
      workingAgePopulation
      households
      healthInsured
    }
  }
  ${ORG_UNIT_LIST_FIELDS}
`;

export const orgUnitsDescriptor: ResourceDescriptor = {
  list: 'orgUnits',
  filterType: 'OrgUnitFilter',
  one: 'orgUnit',
  fields: ORG_UNIT_LIST_FIELDS,
  detailFields: ORG_UNIT_DETAIL_FIELDS,
  sortFields: ['code', 'name', 'level', 'validFrom', 'validTo'],
  maxTake: 200,
  create: {
    mutation: 'createOrgUnit',
    inputType: 'CreateOrgUnitInput',
    inputFields: ['code', 'name', 'level', 'parentId', 'validFrom'],
  },
  update: {
    mutation: 'updateOrgUnit',
    inputType: 'UpdateOrgUnitInput',
    inputFields: ['code', 'name', 'validFrom'],
  },
  delete: { mutation: 'deleteOrgUnit' },
};

export const RENAME_ORG_UNIT: TypedDocumentNode<
  { renameOrgUnit: OrgUnitRecord },
  { id: string; name: string; effectiveDate: string }
> = gql`
  mutation RenameOrgUnit($id: ID!, $name: String!, $effectiveDate: Date!) {
    renameOrgUnit(id: $id, name: $name, effectiveDate: $effectiveDate) {
      ...OrgUnitListFields
    }
  }
  ${ORG_UNIT_LIST_FIELDS}
`;

export const MOVE_ORG_UNIT: TypedDocumentNode<
  { moveOrgUnit: OrgUnitRecord },
  { id: string; newParentId: string; effectiveDate: string }
> = gql`
  mutation MoveOrgUnit($id: ID!, $newParentId: ID!, $effectiveDate: Date!) {
    moveOrgUnit(id: $id, newParentId: $newParentId, effectiveDate: $effectiveDate) {
      ...OrgUnitListFields
    }
  }
  ${ORG_UNIT_LIST_FIELDS}
`;

export interface MergeOrgUnitsInput {
  sourceIds: string[];
  intoId?: string;
  into?: { code: string; name: string };
  effectiveDate: string;
}

export const MERGE_ORG_UNITS: TypedDocumentNode<
  { mergeOrgUnits: OrgUnitRecord },
  { input: MergeOrgUnitsInput }
> = gql`
  mutation MergeOrgUnits($input: MergeOrgUnitsInput!) {
    mergeOrgUnits(input: $input) {
      ...OrgUnitListFields
    }
  }
  ${ORG_UNIT_LIST_FIELDS}
`;
