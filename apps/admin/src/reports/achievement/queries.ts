import { gql, type TypedDocumentNode } from '@apollo/client';
import type { LocalDate, Pace, Scheme, TargetStatus } from '@bao-phu/domain';

export interface BoardUnit {
  id: string;
  code: string;
  name: string;
  level: string;
  path: string;
  childCount: number;
}

/** One unit against its yearly target on the board's date (API `AchievementRow`). */
export interface AchievementRow {
  unit: BoardUnit;
  target: number | null;
  targetStatus: TargetStatus | null;
  participants: number;
  achievementPct: number | null;
  participantsThen: number | null;
  achievementPctThen: number | null;
  pointsChange: number | null;
  participantsAtYearStart: number;
  lastYearParticipants: number;
  lastYearAchievementPct: number | null;
  newParticipants: number;
  newParticipantsTarget: number | null;
  forecast: number;
  forecastPct: number | null;
  paceVsYearPoints: number | null;
  pace: Pace;
}

export interface AchievementBoard {
  unit: BoardUnit & { ancestors: Pick<BoardUnit, 'id' | 'name' | 'level' | 'path'>[] };
  asOf: LocalDate;
  compareWith: LocalDate | null;
  yearElapsedPct: number;
  total: AchievementRow;
  children: AchievementRow[];
}

const ROW = gql`
  fragment AchievementRowFields on AchievementRow {
    unit {
      id
      code
      name
      level
      path
      childCount
    }
    target
    targetStatus
    participants
    achievementPct
    participantsThen
    achievementPctThen
    pointsChange
    participantsAtYearStart
    lastYearParticipants
    lastYearAchievementPct
    newParticipants
    newParticipantsTarget
    forecast
    forecastPct
    paceVsYearPoints
    pace
  }
`;

export const ACHIEVEMENT: TypedDocumentNode<
  { achievement: AchievementBoard },
  { unitId: string; scheme: Scheme; asOf: LocalDate | null; compareWith: LocalDate | null }
> = gql`
  query Achievement($unitId: ID!, $scheme: Scheme!, $asOf: Date, $compareWith: Date) {
    achievement(unitId: $unitId, scheme: $scheme, asOf: $asOf, compareWith: $compareWith) {
      unit {
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
      asOf
      compareWith
      yearElapsedPct
      total {
        ...AchievementRowFields
      }
      children {
        ...AchievementRowFields
      }
    }
  }
  ${ROW}
`;
