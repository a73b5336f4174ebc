import { describe, expect, it } from 'vitest';
import { achievementBars, barsHeight, trendSeries } from './charts';

const row = (id: string, name: string, achievementPct: number | null) => ({ unit: { id, code: id, name, level: 'BASE' as const, path: `/1/${id}/`, closed: false, synthetic: false }, achievementPct });

describe('the achievement bars', () => {
  it('show the children with a target in the table’s order and count those without one', () => {
    const bars = achievementBars([row('1', 'Cao Lãnh', 69.17), row('2', 'Xã Mỹ An', null), row('3', 'Hoa Long', 98.63)]);
    expect(bars.labels).toEqual(['Cao Lãnh', 'Hoa Long']);
    expect(bars.ids).toEqual(['1', '3']);
    expect(bars.values).toEqual([69.17, 98.63]);
    expect(bars.withoutTarget).toBe(1);
  });

  it('reach past 100 % so the target line is inside the chart, and past the highest bar', () => {
    expect(achievementBars([row('1', 'A', 40)]).max).toBe(110);
    expect(achievementBars([row('1', 'A', 100)]).max).toBe(110);
    expect(achievementBars([row('1', 'A', 138.46)]).max).toBe(150);
    expect(achievementBars([]).values).toEqual([]);
  });

  it('give each bar room for its name', () => {
    expect(barsHeight(1)).toBe(160);
    expect(barsHeight(10)).toBe(356);
  });
});

describe('the trend line', () => {
  it('runs month by month with a label under each, and leaves the target out when no month has one', () => {
    const points = [
      { month: '2026-01', participants: 1984, target: 2380 },
      { month: '2025-12', participants: 1980, target: 1430 },
    ];
    const s = trendSeries(points, 'vi');
    expect(s.months).toEqual(['2025-12', '2026-01']);
    expect(s.labels).toEqual(['T12/25', 'T01/26']);
    expect(s.participants).toEqual([1980, 1984]);
    expect(s.target).toEqual([1430, 2380]);
    expect(s.hasTarget).toBe(true);
    expect(trendSeries([{ month: '2026-01', participants: 5, target: null }], 'en')).toMatchObject({ labels: ['01/26'], target: [null], hasTarget: false });
  });
});
