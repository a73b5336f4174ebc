import { gql, type TypedDocumentNode } from '@apollo/client';
import type { ResourceDescriptor } from '../../providers/dataProvider';
import type { StatisticField, UnitStatisticRecord } from './types';

const UNIT_STATISTIC_FIELDS = gql`
  fragment UnitStatisticFields on UnitStatistic {
    id
    year
    population
    workingAgePopulation
    households
    healthInsured
    version
    updatedAt
    unit {
      id
      code
      name
      level
    }
  }
`;

type ApiStatistic = Omit<UnitStatisticRecord, 'unitId' | 'unitCode' | 'unitName'>;

/** `unit { code name }` flattened, so the list sorts on the API's `unitCode` and `unitName`. */
export const toStatisticRecord = (s: ApiStatistic): UnitStatisticRecord => ({ ...s, unitId: s.unit.id, unitCode: s.unit.code, unitName: s.unit.name });

export const unitStatisticsDescriptor: ResourceDescriptor = {
  list: 'unitStatistics',
  filterType: 'UnitStatisticFilter',
  fields: UNIT_STATISTIC_FIELDS,
  sortFields: ['year', 'unitCode', 'unitName', 'population', 'workingAgePopulation'],
  toRecord: toStatisticRecord,
};

export type SetUnitStatisticInput = { unitId: string; year: number; expectedVersion: number } & Partial<Record<StatisticField, number | null>>;

export const SET_UNIT_STATISTIC: TypedDocumentNode<{ setUnitStatistic: ApiStatistic }, { input: SetUnitStatisticInput }> = gql`
  mutation SetUnitStatistic($input: SetUnitStatisticInput!) {
    setUnitStatistic(input: $input) {
      ...UnitStatisticFields
    }
  }
  ${UNIT_STATISTIC_FIELDS}
`;

/** One unit's year, read again after a refused save to show what is stored now. */
export const UNIT_STATISTIC_OF: TypedDocumentNode<{ unitStatistics: { items: ApiStatistic[] } }, { unitId: string; year: number }> = gql`
  query UnitStatisticOf($unitId: ID!, $year: Int!) {
    unitStatistics(filter: { unitId: $unitId, year: $year }, take: 1) {
      items {
        ...UnitStatisticFields
      }
    }
  }
  ${UNIT_STATISTIC_FIELDS}
`;
