import { gql, type TypedDocumentNode } from '@apollo/client';
import type { LocalDate, Month, OrgLevel, Scheme } from '@bao-phu/domain';

/** The GraphQL side of the reports page ("Báo cáo") and the dashboard's figures. */

export interface ReportUnit {
  id: string;
  code: string;
  name: string;
  level: OrgLevel;
  path: string;
  closed: boolean;
  synthetic: boolean;
}

/** One unit's figures on the report's date (API `ReportRow`, DESIGN.md §6). */
export interface ReportRow {
  unit: ReportUnit;
  participants: number;
  target: number | null;
  achievementPct: number | null;
  newParticipants: number;
  lapsed: number;
  participantsAtYearStart: number;
  participantsLastYear: number;
  growthSinceYearStart: number;
  growthSinceYearStartPct: number | null;
  growthSinceLastYear: number;
  growthSinceLastYearPct: number | null;
  lastYearAchievementPct: number | null;
  pointsChangeSinceLastYear: number | null;
  duesFallingDue: number;
  duesPaidOnTime: number;
  onTimeRatePct: number | null;
  population: number | null;
  healthInsured: number | null;
  hiCoveragePct: number | null;
  campaigns: number;
  campaignEnrollments: number;
}

export interface HierarchyReport {
  unit: ReportUnit;
  asOf: LocalDate;
  scheme: Scheme;
  restated: boolean;
  breadcrumb: Pick<ReportUnit, 'id' | 'name' | 'level' | 'path'>[];
  total: ReportRow;
  children: ReportRow[];
}

const ROW = gql`
  fragment ReportRowFields on ReportRow {
    unit {
      id
      code
      name
      level
      path
      closed
      synthetic
    }
    participants
    target
    achievementPct
    newParticipants
    lapsed
    participantsAtYearStart
    participantsLastYear
    growthSinceYearStart
    growthSinceYearStartPct
    growthSinceLastYear
    growthSinceLastYearPct
    lastYearAchievementPct
    pointsChangeSinceLastYear
    duesFallingDue
    duesPaidOnTime
    onTimeRatePct
    population
    healthInsured
    hiCoveragePct
    campaigns
    campaignEnrollments
  }
`;

export const HIERARCHY_REPORT: TypedDocumentNode<{ hierarchyReport: HierarchyReport }, { unitId: string; scheme: Scheme; asOf: LocalDate; restated: boolean }> = gql`
  query HierarchyReport($unitId: ID!, $scheme: Scheme!, $asOf: Date!, $restated: Boolean) {
    hierarchyReport(unitId: $unitId, scheme: $scheme, asOf: $asOf, restated: $restated) {
      unit {
        id
        code
        name
        level
        path
        closed
        synthetic
      }
      asOf
      scheme
      restated
      breadcrumb {
        id
        name
        level
        path
      }
      total {
        ...ReportRowFields
      }
      children {
        ...ReportRowFields
      }
    }
  }
  ${ROW}
`;

/** One month of a unit's series (API `TrendPoint`). */
export interface TrendPoint {
  month: Month;
  asOf: LocalDate;
  participants: number;
  target: number | null;
  achievementPct: number | null;
  newParticipants: number;
  participantsLastYear: number;
}

export const REPORT_TREND: TypedDocumentNode<{ reportTrend: { scheme: Scheme; points: TrendPoint[] } }, { unitId: string; scheme: Scheme; from: Month; to: Month }> = gql`
  query ReportTrend($unitId: ID!, $scheme: Scheme!, $from: Month!, $to: Month!) {
    reportTrend(unitId: $unitId, scheme: $scheme, from: $from, to: $to) {
      scheme
      points {
        month
        asOf
        participants
        target
        achievementPct
        newParticipants
        participantsLastYear
      }
    }
  }
`;

/** The measures unitRanking can rank on (API `ReportMeasure`). */
export const REPORT_MEASURES = [
  'ACHIEVEMENT_PCT',
  'CAMPAIGN_ENROLLMENTS',
  'GROWTH_SINCE_LAST_YEAR_PCT',
  'GROWTH_SINCE_YEAR_START_PCT',
  'HI_COVERAGE_PCT',
  'LAPSED',
  'NEW_PARTICIPANTS',
  'ON_TIME_RATE_PCT',
  'PARTICIPANTS',
  'POINTS_CHANGE_SINCE_LAST_YEAR',
] as const;
export type ReportMeasure = (typeof REPORT_MEASURES)[number];

export interface RankedRow {
  rank: number;
  value: number;
  row: Pick<ReportRow, 'unit' | 'participants' | 'target' | 'achievementPct' | 'newParticipants'>;
}

export interface UnitRanking {
  measure: ReportMeasure;
  level: OrgLevel;
  asOf: LocalDate;
  units: number;
  unranked: number;
  lowest: RankedRow[];
}

export const UNIT_RANKING: TypedDocumentNode<
  { unitRanking: UnitRanking },
  { unitId: string; scheme: Scheme; asOf: LocalDate; measure: ReportMeasure; level: OrgLevel | null; take: number }
> = gql`
  query UnitRanking($unitId: ID!, $scheme: Scheme!, $asOf: Date!, $measure: ReportMeasure!, $level: OrgLevel, $take: Int) {
    unitRanking(unitId: $unitId, scheme: $scheme, asOf: $asOf, measure: $measure, level: $level, take: $take) {
      measure
      level
      asOf
      units
      unranked
      lowest {
        rank
        value
        row {
          unit {
            id
            code
            name
            level
            path
            closed
            synthetic
          }
          participants
          target
          achievementPct
          newParticipants
        }
      }
    }
  }
`;
