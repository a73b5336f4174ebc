import { describe, expect, it } from 'vitest';
import {
  chartMax,
  barPct,
  cleanRecipients,
  createCampaignSearch,
  defaultCampaign,
  defaultMember,
  defaultReportDate,
  emptyVisit,
  formatDecimal,
  missingMembers,
  nextVisit,
  plannedSessions,
  saturdayFrom,
  splitReport,
  statusActions,
  toCreateInput,
  toLogVisitInput,
  visitProblems,
  weeklyDates,
  type VisitDraft,
} from './campaign';

describe('the actions of a campaign', () => {
  it('start or cancel a planned one, complete or cancel a running one, nothing once it is over', () => {
    expect(statusActions('PLANNED')).toEqual(['start', 'cancel']);
    expect(statusActions('ACTIVE')).toEqual(['complete', 'cancel']);
    expect(statusActions('COMPLETED')).toEqual([]);
    expect(statusActions('CANCELLED')).toEqual([]);
  });

  it('count the members still missing before the start', () => {
    expect(missingMembers(4)).toBe(1);
    expect(missingMembers(0)).toBe(5);
    expect(missingMembers(6)).toBe(0);
  });
});

describe('the session days of a plan', () => {
  it('repeat the launch weekday every week up to the day given, as the API does', () => {
    expect(weeklyDates('2026-11-07', '2026-11-28')).toEqual(['2026-11-14', '2026-11-21', '2026-11-28']);
    expect(weeklyDates('2026-11-07', '2026-11-27')).toEqual(['2026-11-14', '2026-11-21']);
    expect(weeklyDates('2026-12-26', '2027-01-09')).toEqual(['2027-01-02', '2027-01-09']);
    expect(weeklyDates('2026-11-07', '2026-11-01')).toEqual([]);
  });

  it('start with the launch day and keep each chosen day once, in order', () => {
    expect(plannedSessions({ launchDate: '2026-11-07', repeat: 'ONCE' })).toEqual(['2026-11-07']);
    expect(plannedSessions({ launchDate: '2026-11-07', repeat: 'WEEKLY', weeklyUntil: '2026-11-21' })).toEqual(['2026-11-07', '2026-11-14', '2026-11-21']);
    expect(plannedSessions({ launchDate: '2026-11-07', repeat: 'DATES', sessionDates: ['2026-11-20', '2026-11-09', '2026-11-20', '2026-11-07'] })).toEqual(['2026-11-07', '2026-11-09', '2026-11-20']);
    expect(plannedSessions({ launchDate: '07/11/2026', repeat: 'ONCE' })).toEqual([]);
  });

  it('default the launch to the coming Saturday', () => {
    expect(saturdayFrom('2026-11-28')).toBe('2026-11-28');
    expect(saturdayFrom('2026-11-29')).toBe('2026-12-05');
    expect(saturdayFrom('2026-11-23')).toBe('2026-11-28');
  });
});

describe('the create form sent to the API', () => {
  const base = { name: '  Ra quân xã Hòa Long ', communeId: '13873', launchDate: '2026-11-07', targetNewVoluntarySI: 20, targetNewHouseholdHI: '' as const, code: ' ', reason: ' Tỷ lệ thấp ', partners: '' };

  it('leaves the hamlets out when the whole commune is covered, and sends the repeat chosen only', () => {
    const weekly = toCreateInput({ ...base, hamletIds: ['1', '2'], repeat: 'WEEKLY', weeklyUntil: '2026-11-28', sessionDates: ['2026-11-09'] }, ['1', '2']);
    expect(weekly).toEqual({
      name: 'Ra quân xã Hòa Long',
      communeId: '13873',
      launchDate: '2026-11-07',
      targetNewVoluntarySI: 20,
      targetNewHouseholdHI: null,
      code: null,
      hamletIds: null,
      reason: 'Tỷ lệ thấp',
      partners: null,
      weeklyUntil: '2026-11-28',
      sessionDates: null,
    });
  });

  it('names the hamlets when only some are covered, and the chosen dates once each', () => {
    const dates = toCreateInput({ ...base, hamletIds: ['2'], repeat: 'DATES', weeklyUntil: '2026-11-28', sessionDates: ['2026-11-20', '2026-11-09', '2026-11-20'] }, ['1', '2']);
    expect(dates.hamletIds).toEqual(['2']);
    expect(dates.weeklyUntil).toBeNull();
    expect(dates.sessionDates).toEqual(['2026-11-09', '2026-11-20']);
  });

  it('is prefilled from a URL react-admin reads', () => {
    const search = createCampaignSearch({ communeId: '13873', name: 'Mô hình vận động Xã Hòa Long' });
    expect(JSON.parse(new URLSearchParams(search).get('source')!)).toEqual({ communeId: '13873', name: 'Mô hình vận động Xã Hòa Long' });
  });
});

describe('a visit typed in the field', () => {
  const today = '2026-11-28';
  const draft = (over: Partial<VisitDraft> = {}): VisitDraft => ({ ...emptyVisit({ campaignId: '4', memberId: '19', visitDate: today }), ...over });

  it('needs who was met and what came of it', () => {
    expect(visitProblems(draft(), today)).toEqual({ personId: 'whom', outcome: 'required' });
    expect(visitProblems(draft({ unregistered: true, outcome: 'NOT_HOME' }), today)).toEqual({ contactName: 'required', hamletId: 'required' });
    expect(visitProblems(draft({ personId: '7', outcome: 'INTERESTED' }), today)).toEqual({});
  });

  it('needs a reason for a refusal, and a day to come back no earlier than the visit', () => {
    expect(visitProblems(draft({ personId: '7', outcome: 'REFUSED', refusalReason: '  ' }), today)).toEqual({ refusalReason: 'required' });
    expect(visitProblems(draft({ personId: '7', outcome: 'INTERESTED', followUpDate: '2026-11-27' }), today)).toEqual({ followUpDate: 'follow_up_before' });
  });

  it('refuses a day in the future or before the launch', () => {
    expect(visitProblems(draft({ personId: '7', outcome: 'NOT_HOME', visitDate: '2026-11-29' }), today)).toEqual({ visitDate: 'date_future' });
    expect(visitProblems(draft({ personId: '7', outcome: 'NOT_HOME', visitDate: '2026-11-13' }), today, '2026-11-14')).toEqual({ visitDate: 'before_launch' });
    expect(visitProblems(draft({ personId: '7', outcome: 'NOT_HOME', visitDate: '31/11/2026' }), today)).toEqual({ visitDate: 'date' });
  });

  it('sends only what its outcome calls for', () => {
    const typedThenChanged = draft({ personId: '7', outcome: 'NOT_HOME', refusalReason: 'Chưa có tiền', followUpDate: '2026-12-05', note: ' ' });
    expect(toLogVisitInput(typedThenChanged)).toEqual({ campaignId: '4', memberId: '19', visitDate: today, outcome: 'NOT_HOME', personId: '7' });
    expect(toLogVisitInput(draft({ unregistered: true, contactName: ' Ông Bảy ', hamletId: '14160', outcome: 'REFUSED', refusalReason: ' Chưa có tiền ', note: 'Nhà số 12' }))).toEqual({
      campaignId: '4',
      memberId: '19',
      visitDate: today,
      outcome: 'REFUSED',
      contactName: 'Ông Bảy',
      hamletId: '14160',
      refusalReason: 'Chưa có tiền',
      note: 'Nhà số 12',
    });
    expect(toLogVisitInput(draft({ personId: '7', outcome: 'INTERESTED', followUpDate: '2026-12-05' }))).toMatchObject({ followUpDate: '2026-12-05' });
  });

  it('clears the person after saving but keeps campaign, member, day, and the hamlet of a name typed', () => {
    expect(nextVisit(draft({ personId: '7', outcome: 'REFUSED', refusalReason: 'x', note: 'y' }))).toEqual(draft());
    const typed = nextVisit(draft({ unregistered: true, contactName: 'Bà Tư', hamletId: '14160', outcome: 'NOT_HOME' }));
    expect(typed).toEqual(draft({ unregistered: true, hamletId: '14160' }));
  });
});

describe('the defaults of the entry form', () => {
  const active = [
    { id: '4', members: [{ id: '19', userId: null }] },
    { id: '6', members: [{ id: '40', userId: '3' }] },
  ];

  it('open the last campaign used while it runs, else the one the user is a member of, else the only one', () => {
    expect(defaultCampaign(active, '3', '4')).toBe('4');
    expect(defaultCampaign(active, '3', '99')).toBe('6');
    expect(defaultCampaign(active, '8', null)).toBeNull();
    expect(defaultCampaign([active[0]], '8', null)).toBe('4');
    expect(defaultCampaign([], '8', '4')).toBeNull();
  });

  it('pick the user as member when they are one, else the last member used', () => {
    const members = [{ id: '19', userId: null }, { id: '20', userId: '3' }];
    expect(defaultMember(members, '3', '19')).toBe('20');
    expect(defaultMember(members, '8', '19')).toBe('19');
    expect(defaultMember(members, '8', '77')).toBeNull();
  });
});

describe('the day report', () => {
  it('opens on today when it is a campaign day, else on the latest one before', () => {
    const days = ['2026-11-14', '2026-11-21', '2026-11-28', '2026-12-05'];
    expect(defaultReportDate(days, '2026-11-28', '2026-11-14')).toBe('2026-11-28');
    expect(defaultReportDate(days, '2026-11-25', '2026-11-14')).toBe('2026-11-21');
    expect(defaultReportDate(days, '2026-11-01', '2026-11-14')).toBe('2026-11-14');
  });

  it('keeps each recipient once, trimmed', () => {
    expect(cleanRecipients([' Đảng ủy  Xã Hòa Long ', 'đảng ủy xã hòa long', '', 'UBND Xã Hòa Long'])).toEqual(['Đảng ủy Xã Hòa Long', 'UBND Xã Hòa Long']);
  });

  it('prints its first line as the title', () => {
    expect(splitReport('BÁO CÁO KẾT QUẢ NGÀY 07/11/2026\nMô hình: A\n\n1. …')).toEqual({ title: 'BÁO CÁO KẾT QUẢ NGÀY 07/11/2026', body: 'Mô hình: A\n\n1. …' });
  });
});

describe('the bars of the results chart', () => {
  it('share one scale with the targets, never divided by zero', () => {
    expect(chartMax([1, 0, null, 8, 3])).toBe(8);
    expect(chartMax([])).toBe(1);
    expect(barPct(2, 8)).toBe(25);
    expect(barPct(0, 1)).toBe(0);
    expect(barPct(12, 8)).toBe(100);
  });
});

describe('figures with decimals', () => {
  it('are written as in each language', () => {
    expect(formatDecimal(16.46, 'vi')).toBe('16,46');
    expect(formatDecimal(1234.5, 'vi')).toBe('1.234,5');
    expect(formatDecimal(16.46, 'en')).toBe('16.46');
    expect(formatDecimal(null, 'vi')).toBe('');
  });
});
