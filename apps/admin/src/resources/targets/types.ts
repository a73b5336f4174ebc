import type { OrgLevel, Scheme, TargetMetric, TargetStatus } from '@bao-phu/domain';

/** A unit as the target screens show it; `path` lets the screens apply the scope rules. */
export interface TargetUnit {
  id: string;
  code: string;
  name: string;
  level: OrgLevel;
  path: string;
  /** Open children the user may see: whether a row leads one level down. */
  childCount: number;
  synthetic?: boolean;
}

export interface TargetRef {
  id: string;
  value: number;
  status: TargetStatus;
  version: number;
  revision: number;
}

export interface AllocationRow {
  unit: TargetUnit;
  lastYearActual: number;
  potential: number | null;
  participants: number;
  target: TargetRef | null;
}

export interface AllocationSheet {
  parent: TargetUnit & { ancestors: Pick<TargetUnit, 'id' | 'name' | 'level' | 'path'>[] };
  parentTarget: TargetRef | null;
  children: AllocationRow[];
  childrenSum: number;
  shortfall: number | null;
  canEdit: boolean;
}

export interface TargetRevision {
  id: string;
  revision: number;
  value: number;
  previousValue: number | null;
  status: TargetStatus;
  action: 'SET' | 'ALLOCATE' | 'IMPORT' | 'PUBLISH' | string;
  supplementary: boolean;
  note: string | null;
  changedBy: string | null;
  changedAt: string;
}

export interface SetTargetInput {
  unitId: string;
  year: number;
  scheme: Scheme;
  metric: TargetMetric;
  value: number;
  expectedVersion: number;
}
