import type { OrgLevel } from '@bao-phu/domain';

/** A unit as named in a link, a breadcrumb or a history row. */
export interface OrgUnitRef {
  id: string;
  code: string;
  name: string;
  level: OrgLevel;
  closed?: boolean;
  validFrom?: string;
  validTo?: string | null;
}

/** The selection of OrgUnitListFields (lists, tree nodes, references, mutation results). */
export interface OrgUnitRecord extends OrgUnitRef {
  parentId: string | null;
  parent: OrgUnitRef | null;
  validFrom: string;
  validTo: string | null;
  closed: boolean;
  synthetic: boolean;
  childCount: number;
}

export interface OrgUnitName {
  name: string;
  validFrom: string;
  validTo: string | null;
}

export interface OrgUnitParentSpan {
  parent: OrgUnitRef | null;
  validFrom: string;
  validTo: string | null;
}

export interface UnitStatistic {
  year: number;
  population: number | null;
  workingAgePopulation: number | null;
  households: number | null;
  healthInsured: number | null;
}

/** The selection of OrgUnitDetailFields (show and edit pages). Absent while only the list selection is cached. */
export interface OrgUnitDetail extends OrgUnitRecord {
  path?: string;
  ancestors?: OrgUnitRef[];
  children?: OrgUnitRecord[];
  successors?: OrgUnitRef[];
  predecessors?: OrgUnitRef[];
  nameHistory?: OrgUnitName[];
  parentHistory?: OrgUnitParentSpan[];
  statistics?: UnitStatistic[];
}
