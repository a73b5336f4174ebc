import type { OrgLevel } from '@bao-phu/domain';

/** The four figures of a unit's year, each optional (null: not known). */
export const STATISTIC_FIELDS = ['population', 'workingAgePopulation', 'households', 'healthInsured'] as const;
export type StatisticField = (typeof STATISTIC_FIELDS)[number];

/** A unit's yearly statistics as the list holds them (unit code and name flattened for sorting). */
export interface UnitStatisticRecord extends Record<StatisticField, number | null> {
  id: string;
  year: number;
  version: number;
  updatedAt: string;
  unit: { id: string; code: string; name: string; level: OrgLevel };
  unitId: string;
  unitCode: string;
  unitName: string;
}
