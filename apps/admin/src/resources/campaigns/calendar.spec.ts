import { describe, expect, it } from 'vitest';
import { monthRange, monthWeeks, readMonth, sessionsByDay, shiftMonth, type CalendarCampaign } from './calendar';

describe('the month view', () => {
  it('lays a month out in weeks from Monday, blank days around it', () => {
    const weeks = monthWeeks('2026-11');
    // 1 November 2026 is a Sunday: the first week has six blanks.
    expect(weeks[0]).toEqual([null, null, null, null, null, null, '2026-11-01']);
    expect(weeks[1][0]).toBe('2026-11-02');
    expect(weeks.at(-1)).toEqual(['2026-11-30', null, null, null, null, null, null]);
    expect(weeks.flat().filter(Boolean)).toHaveLength(30);
    expect(monthWeeks('2027-02').every((w) => w.length === 7)).toBe(true);
  });

  it('moves by months across years and reads the month from the URL', () => {
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(monthRange('2027-02')).toEqual({ from: '2027-02-01', to: '2027-02-28' });
    expect(readMonth('?month=2026-10', '2026-11-28')).toBe('2026-10');
    expect(readMonth('?month=2026-13', '2026-11-28')).toBe('2026-11');
  });
});

describe('the sessions of a day', () => {
  const campaign = (id: string, commune: string, status: CalendarCampaign['status'], dates: string[]): CalendarCampaign => ({
    id,
    code: `MH-${id}`,
    name: `Mô hình ${id}`,
    status,
    commune: { name: commune },
    sessions: dates.map((sessionDate) => ({ sessionDate })),
  });

  it('lists each campaign on its days of the month, by commune, marking the launch day', () => {
    const days = sessionsByDay(
      [
        campaign('1', 'Xã Tân Dương', 'ACTIVE', ['2026-10-31', '2026-11-07', '2026-11-14']),
        campaign('2', 'Xã Hòa Long', 'PLANNED', ['2026-11-14', '2026-11-21']),
        campaign('3', 'Xã Lai Vung', 'CANCELLED', ['2026-11-14']),
      ],
      '2026-11',
    );
    expect([...days.keys()].sort()).toEqual(['2026-11-07', '2026-11-14', '2026-11-21']);
    expect(days.get('2026-11-14')!.map((e) => [e.campaign.id, e.launch])).toEqual([
      ['2', true],
      ['1', false],
    ]);
    expect(days.get('2026-11-07')![0].launch).toBe(false);
  });

  it('shows cancelled campaigns only when asked', () => {
    const days = sessionsByDay([campaign('3', 'Xã Lai Vung', 'CANCELLED', ['2026-11-14'])], '2026-11', true);
    expect(days.get('2026-11-14')).toHaveLength(1);
  });
});
