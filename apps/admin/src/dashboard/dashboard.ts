import { addMonths, type LocalDate, type Month, type OrgLevel, type Scheme } from '@bao-phu/domain';
import { weekdayOf } from '../resources/campaigns/campaign';
import type { CampaignStatus } from '../resources/campaigns/types';
import type { CycleSummaryRow } from '../resources/collection/types';
import type { ReportMeasure, ReportRow, UnitRanking } from '../reports/hierarchy/queries';

/** The dashboard's figures, shaped from the API's answers (pure: tested in dashboard.spec.ts). */

// ---------------------------------------------------------------------------------------------
// KPI cards
// ---------------------------------------------------------------------------------------------

type KpiRow = Pick<
  ReportRow,
  'participants' | 'target' | 'achievementPct' | 'newParticipants' | 'growthSinceLastYear' | 'growthSinceLastYearPct' | 'duesFallingDue' | 'duesPaidOnTime' | 'pointsChangeSinceLastYear'
>;

export interface SchemeKpi {
  scheme: Scheme;
  participants: number;
  target: number | null;
  achievementPct: number | null;
  newParticipants: number;
  changeVsLastYear: number;
  changeVsLastYearPct: number | null;
  pointsChangeSinceLastYear: number | null;
}

export interface Kpis {
  VOLUNTARY_SI: SchemeKpi;
  HOUSEHOLD_HI: SchemeKpi;
  /** Dues of both schemes falling due since 1 January paid on time ÷ those due; null when none fell due. */
  onTime: { pct: number | null; paid: number; due: number };
}

const schemeKpi = (scheme: Scheme, r: KpiRow): SchemeKpi => ({
  scheme,
  participants: r.participants,
  target: r.target,
  achievementPct: r.achievementPct,
  newParticipants: r.newParticipants,
  changeVsLastYear: r.growthSinceLastYear,
  changeVsLastYearPct: r.growthSinceLastYearPct,
  pointsChangeSinceLastYear: r.pointsChangeSinceLastYear,
});

/** Rounded half-up to 2 decimals, as the API rounds achievement and rates (DESIGN.md §6). */
export function ratePct(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.round((part * 10000) / whole) / 100;
}

/**
 * The cards of the scope unit from its two report totals (one per scheme). The on-time rate is
 * summed over both schemes' dues, not an average of the two rates.
 */
export function kpis(vsi: KpiRow, hi: KpiRow): Kpis {
  const paid = vsi.duesPaidOnTime + hi.duesPaidOnTime;
  const due = vsi.duesFallingDue + hi.duesFallingDue;
  return { VOLUNTARY_SI: schemeKpi('VOLUNTARY_SI', vsi), HOUSEHOLD_HI: schemeKpi('HOUSEHOLD_HI', hi), onTime: { pct: ratePct(paid, due), paid, due } };
}

// ---------------------------------------------------------------------------------------------
// The lowest units
// ---------------------------------------------------------------------------------------------

/** The level ranked on the dashboard: communes under a province or base office, hamlets under a commune. */
export function rankingLevel(scopeLevel: string | null | undefined): OrgLevel | null {
  switch (scopeLevel) {
    case 'COUNTRY':
    case 'PROVINCE':
    case 'BASE':
      return 'COMMUNE';
    case 'COMMUNE':
      return 'HAMLET';
    default:
      return null;
  }
}

/** Achievement when any unit of the level has a target; otherwise participants (the measure every unit has). */
export function fallbackMeasure(byAchievement: Pick<UnitRanking, 'units' | 'unranked'> | null | undefined): ReportMeasure | null {
  if (!byAchievement) return null;
  return byAchievement.units > 0 && byAchievement.unranked === byAchievement.units ? 'PARTICIPANTS' : null;
}

// ---------------------------------------------------------------------------------------------
// This week's campaign sessions
// ---------------------------------------------------------------------------------------------

const addDays = (date: LocalDate, days: number): LocalDate => {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
};

/** This week, Monday to Sunday, as Vietnamese calendars print it. */
export function weekOf(today: LocalDate): { from: LocalDate; to: LocalDate } {
  const from = addDays(today, -weekdayOf(today));
  return { from, to: addDays(from, 6) };
}

export interface WeekCampaign {
  id: string;
  code: string;
  name: string;
  status: CampaignStatus;
  commune: { id: string; name: string };
  sessions: { sessionDate: LocalDate }[];
}

export interface WeekSession {
  date: LocalDate;
  campaign: WeekCampaign;
  /** The campaign's first session: its launch day (ngày ra quân). */
  launch: boolean;
}

/** The sessions of the week by day, then commune; cancelled campaigns left out (nobody goes out). */
export function sessionsOfWeek(campaigns: readonly WeekCampaign[], week: { from: LocalDate; to: LocalDate }): WeekSession[] {
  const out: WeekSession[] = [];
  for (const c of campaigns) {
    if (c.status === 'CANCELLED') continue;
    const dates = c.sessions.map((s) => s.sessionDate).sort();
    for (const date of dates) if (date >= week.from && date <= week.to) out.push({ date, campaign: c, launch: date === dates[0] });
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.campaign.commune.name.localeCompare(b.campaign.commune.name, 'vi') || a.campaign.code.localeCompare(b.campaign.code));
}

// ---------------------------------------------------------------------------------------------
// The collection cycle
// ---------------------------------------------------------------------------------------------

/** One base office's cycle in a few figures: both lists, the reasons still missing and their deadline. */
export interface CycleState {
  due: { entries: number; amount: number };
  unpaid: { entries: number; amount: number };
  reasonsMissing: number;
  /** The earliest deadline among the organizations that still owe reasons; null when none does. */
  deadline: LocalDate | null;
  late: boolean;
}

export function cycleState(summary: readonly CycleSummaryRow[]): CycleState {
  const state: CycleState = { due: { entries: 0, amount: 0 }, unpaid: { entries: 0, amount: 0 }, reasonsMissing: 0, deadline: null, late: false };
  for (const r of summary) {
    const list = r.kind === 'DUE_NEXT_MONTH' ? state.due : state.unpaid;
    list.entries += r.entries;
    list.amount += r.amount;
    if (r.kind === 'UNPAID_LAST_MONTH' && r.reasonsMissing > 0) {
      state.reasonsMissing += r.reasonsMissing;
      if (state.deadline === null || r.reasonsDeadline < state.deadline) state.deadline = r.reasonsDeadline;
      state.late ||= r.late;
    }
  }
  return state;
}

/** The months of the on-time summary shown for wider scopes: last month (complete) and this one. */
export function onTimeMonths(today: LocalDate): { from: Month; to: Month } {
  const to = today.slice(0, 7);
  return { from: addMonths(to, -1), to };
}
