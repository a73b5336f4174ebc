import { gql, type TypedDocumentNode } from '@apollo/client';
import type { LocalDate } from '@bao-phu/domain';
import type { WeekCampaign } from './dashboard';

/** The campaigns with a session in a week of the user's scope (the API's largest page is 200). */
export const WEEK_SESSIONS: TypedDocumentNode<{ campaigns: { items: WeekCampaign[]; totalCount: number } }, { from: LocalDate; to: LocalDate }> = gql`
  query DashboardWeekSessions($from: Date!, $to: Date!) {
    campaigns(filter: { from: $from, to: $to }, take: 200, sort: [{ field: "launchDate", direction: ASC }]) {
      items {
        id
        code
        name
        status
        commune {
          id
          name
        }
        sessions {
          sessionDate
        }
      }
      totalCount
    }
  }
`;
