import { describe, expect, it } from 'vitest';
import type { CycleSummaryRow } from '../resources/collection/types';
import { cycleState, fallbackMeasure, kpis, onTimeMonths, rankingLevel, ratePct, sessionsOfWeek, weekOf, type WeekCampaign } from './dashboard';

const total = (o: Partial<Parameters<typeof kpis>[0]> = {}) => ({
  participants: 0,
  target: null,
  achievementPct: null,
  newParticipants: 0,
  growthSinceLastYear: 0,
  growthSinceLastYearPct: null,
  duesFallingDue: 0,
  duesPaidOnTime: 0,
  pointsChangeSinceLastYear: null,
  ...o,
});

describe('the key figures', () => {
  it('take each scheme’s participants, target, new and change from its report total', () => {
    const k = kpis(
      total({ participants: 2242, target: 2380, achievementPct: 94.2, newParticipants: 736, growthSinceLastYear: 320, growthSinceLastYearPct: 16.65 }),
      total({ participants: 480, newParticipants: 60, growthSinceLastYear: -12, growthSinceLastYearPct: -2.44 }),
    );
    expect(k.VOLUNTARY_SI).toMatchObject({ scheme: 'VOLUNTARY_SI', participants: 2242, target: 2380, achievementPct: 94.2, newParticipants: 736, changeVsLastYear: 320, changeVsLastYearPct: 16.65 });
    expect(k.HOUSEHOLD_HI).toMatchObject({ scheme: 'HOUSEHOLD_HI', participants: 480, target: null, achievementPct: null, changeVsLastYear: -12 });
  });

  it('rate collection on time over both schemes’ dues, not as an average of two rates', () => {
    // 90/100 and 1/10: the average of the rates would say 50 %; 91 of 110 dues is 82.73 %.
    const k = kpis(total({ duesFallingDue: 100, duesPaidOnTime: 90 }), total({ duesFallingDue: 10, duesPaidOnTime: 1 }));
    expect(k.onTime).toEqual({ pct: 82.73, paid: 91, due: 110 });
    expect(kpis(total(), total()).onTime).toEqual({ pct: null, paid: 0, due: 0 });
  });

  it('round half up to 2 decimals as the API does', () => {
    expect(ratePct(2654, 2708)).toBe(98.01);
    expect(ratePct(1, 8)).toBe(12.5);
    expect(ratePct(0, 0)).toBeNull();
  });
});

describe('the lowest units', () => {
  it('are communes below a province or base office, hamlets below a commune, none below a hamlet', () => {
    expect(rankingLevel('COUNTRY')).toBe('COMMUNE');
    expect(rankingLevel('PROVINCE')).toBe('COMMUNE');
    expect(rankingLevel('BASE')).toBe('COMMUNE');
    expect(rankingLevel('COMMUNE')).toBe('HAMLET');
    expect(rankingLevel('HAMLET')).toBeNull();
  });

  it('are ranked by participants when none has a target', () => {
    expect(fallbackMeasure({ units: 102, unranked: 102 })).toBe('PARTICIPANTS');
    expect(fallbackMeasure({ units: 102, unranked: 98 })).toBeNull();
    expect(fallbackMeasure({ units: 0, unranked: 0 })).toBeNull();
    expect(fallbackMeasure(undefined)).toBeNull();
  });
});

describe('this week’s sessions', () => {
  it('run from Monday to Sunday', () => {
    expect(weekOf('2026-11-28')).toEqual({ from: '2026-11-23', to: '2026-11-29' }); // a Saturday
    expect(weekOf('2026-11-23')).toEqual({ from: '2026-11-23', to: '2026-11-29' }); // a Monday
    expect(weekOf('2026-11-29')).toEqual({ from: '2026-11-23', to: '2026-11-29' }); // a Sunday
    expect(weekOf('2027-01-01')).toEqual({ from: '2026-12-28', to: '2027-01-03' });
  });

  it('list the week’s days by date then commune, the launch day said so, cancelled models left out', () => {
    const campaign = (id: string, commune: string, status: WeekCampaign['status'], dates: string[]): WeekCampaign => ({
      id,
      code: `MH-${id}`,
      name: id,
      status,
      commune: { id: commune, name: commune },
      sessions: dates.map((sessionDate) => ({ sessionDate })),
    });
    const list = sessionsOfWeek(
      [
        campaign('1', 'Xã Tân Dương', 'ACTIVE', ['2026-11-14', '2026-11-21', '2026-11-28']),
        campaign('2', 'Xã Hòa Long', 'PLANNED', ['2026-11-28', '2026-12-05']),
        campaign('3', 'Xã Lai Vung', 'CANCELLED', ['2026-11-25']),
        campaign('4', 'Xã Phong Hòa', 'ACTIVE', ['2026-11-24']),
      ],
      weekOf('2026-11-28'),
    );
    expect(list.map((s) => [s.date, s.campaign.commune.name, s.launch])).toEqual([
      ['2026-11-24', 'Xã Phong Hòa', true],
      ['2026-11-28', 'Xã Hòa Long', true],
      ['2026-11-28', 'Xã Tân Dương', false],
    ]);
  });
});

describe('the collection cycle', () => {
  const summary = (o: Partial<CycleSummaryRow>): CycleSummaryRow => ({
    organizationId: '1',
    organizationCode: 'BUUDIEN-DT',
    organizationName: 'Bưu điện',
    kind: 'DUE_NEXT_MONTH',
    entries: 0,
    amount: 0,
    reasonsMissing: 0,
    reasonsDeadline: '2026-12-20',
    late: false,
    ...o,
  });

  it('sums both lists over the organizations, with the reasons still missing and the earliest deadline', () => {
    const s = cycleState([
      summary({ kind: 'DUE_NEXT_MONTH', entries: 900, amount: 270_000_000 }),
      summary({ kind: 'UNPAID_LAST_MONTH', entries: 40, amount: 12_000_000, reasonsMissing: 12 }),
      summary({ organizationId: '2', kind: 'DUE_NEXT_MONTH', entries: 100, amount: 30_000_000 }),
      summary({ organizationId: '2', kind: 'UNPAID_LAST_MONTH', entries: 5, amount: 1_500_000, reasonsMissing: 0, reasonsDeadline: '2026-12-18' }),
    ]);
    expect(s).toEqual({ due: { entries: 1000, amount: 300_000_000 }, unpaid: { entries: 45, amount: 13_500_000 }, reasonsMissing: 12, deadline: '2026-12-20', late: false });
  });

  it('is late when an organization owing reasons is past its deadline, and done when none is missing', () => {
    expect(cycleState([summary({ kind: 'UNPAID_LAST_MONTH', entries: 3, reasonsMissing: 2, late: true })]).late).toBe(true);
    expect(cycleState([summary({ kind: 'UNPAID_LAST_MONTH', entries: 3 })])).toMatchObject({ reasonsMissing: 0, deadline: null, late: false });
  });

  it('shows wider scopes last month and this one', () => {
    expect(onTimeMonths('2026-11-28')).toEqual({ from: '2026-10', to: '2026-11' });
    expect(onTimeMonths('2027-01-05')).toEqual({ from: '2026-12', to: '2027-01' });
  });
});
