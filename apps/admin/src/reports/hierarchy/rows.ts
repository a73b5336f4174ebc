import type { ReportRow } from './queries';

/** Which rows of the drill-down table open a level down, and which are folded away. */

/** Hamlets are the leaves of the tree: their rows open nothing. */
export const isDrillable = (row: Pick<ReportRow, 'unit'>): boolean => row.unit.level !== 'HAMLET';

/**
 * A child with nothing to say on the date: no target, nobody enrolled now, a year ago or this year,
 * nothing due, no campaign (a commune the province has not yet given to a base office). Folded
 * away until asked for, as on the achievement board.
 */
export function isQuiet(r: ReportRow): boolean {
  return (
    r.target === null &&
    r.participants === 0 &&
    r.participantsLastYear === 0 &&
    r.participantsAtYearStart === 0 &&
    r.newParticipants === 0 &&
    r.lapsed === 0 &&
    r.duesFallingDue === 0 &&
    r.campaigns === 0
  );
}

/** The rows the table shows: every child, or those with something to say. */
export function visibleRows(rows: readonly ReportRow[], showQuiet: boolean): { shown: ReportRow[]; quiet: number } {
  const quiet = rows.filter(isQuiet).length;
  return { shown: showQuiet ? [...rows] : rows.filter((r) => !isQuiet(r)), quiet };
}

/**
 * The steps of the breadcrumb a user may open: the report's ancestors within the user's scope
 * (a province's supervisor does not go up to the country).
 */
export function breadcrumbSteps<U extends { path: string }>(ancestors: readonly U[], scopePath: string | null | undefined): U[] {
  const scope = scopePath ?? '/';
  return ancestors.filter((a) => a.path.startsWith(scope));
}
