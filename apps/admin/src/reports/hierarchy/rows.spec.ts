import { describe, expect, it } from 'vitest';
import type { ReportRow } from './queries';
import { breadcrumbSteps, isDrillable, isQuiet, visibleRows } from './rows';

const EMPTY: Omit<ReportRow, 'unit'> = {
  participants: 0,
  target: null,
  achievementPct: null,
  newParticipants: 0,
  lapsed: 0,
  participantsAtYearStart: 0,
  participantsLastYear: 0,
  growthSinceYearStart: 0,
  growthSinceYearStartPct: null,
  growthSinceLastYear: 0,
  growthSinceLastYearPct: null,
  lastYearAchievementPct: null,
  pointsChangeSinceLastYear: null,
  duesFallingDue: 0,
  duesPaidOnTime: 0,
  onTimeRatePct: null,
  population: null,
  healthInsured: null,
  hiCoveragePct: null,
  campaigns: 0,
  campaignEnrollments: 0,
};
const row = (name: string, level: ReportRow['unit']['level'], figures: Partial<ReportRow> = {}): ReportRow => ({
  unit: { id: name, code: name, name, level, path: `/1/${name}/`, closed: false, synthetic: false },
  ...EMPTY,
  ...figures,
});

describe('the drill-down rows', () => {
  it('open every level but hamlets, the leaves of the tree', () => {
    expect(isDrillable(row('Hoa Long', 'BASE'))).toBe(true);
    expect(isDrillable(row('Xã Hòa Long', 'COMMUNE'))).toBe(true);
    expect(isDrillable(row('Ấp 1', 'HAMLET'))).toBe(false);
  });

  it('fold away the children with nothing to say, and only those', () => {
    expect(isQuiet(row('Phường Thới Sơn', 'COMMUNE'))).toBe(true);
    expect(isQuiet(row('A', 'COMMUNE', { target: 0 }))).toBe(false);
    expect(isQuiet(row('B', 'COMMUNE', { participantsLastYear: 3 }))).toBe(false);
    expect(isQuiet(row('C', 'COMMUNE', { campaigns: 1 }))).toBe(false);
    expect(isQuiet(row('D', 'COMMUNE', { lapsed: 2 }))).toBe(false);
    const rows = [row('Hoa Long', 'BASE', { participants: 2012 }), row('Phường Thới Sơn', 'COMMUNE'), row('Phường Mỹ Phong', 'COMMUNE')];
    expect(visibleRows(rows, false)).toEqual({ shown: [rows[0]], quiet: 2 });
    expect(visibleRows(rows, true)).toEqual({ shown: rows, quiet: 2 });
  });

  it('let a user go up only as far as the scope', () => {
    const crumbs = [
      { id: '1', name: 'Việt Nam', path: '/1/' },
      { id: '10823', name: 'Tỉnh Đồng Tháp', path: '/1/10823/' },
      { id: '14149', name: 'BHXH cơ sở Hoa Long', path: '/1/10823/14149/' },
    ];
    expect(breadcrumbSteps(crumbs, '/1/10823/').map((c) => c.name)).toEqual(['Tỉnh Đồng Tháp', 'BHXH cơ sở Hoa Long']);
    expect(breadcrumbSteps(crumbs, '/1/').map((c) => c.name)).toEqual(['Việt Nam', 'Tỉnh Đồng Tháp', 'BHXH cơ sở Hoa Long']);
  });
});
