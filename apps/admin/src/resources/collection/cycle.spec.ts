import { describe, expect, it } from 'vitest';
import { collectionEn, collectionVi } from '../../i18n/collection';
import {
  chooseBase,
  cycleExportName,
  cycleExportUrl,
  cycleMonthFor,
  cycleSearch,
  deadlineState,
  formatDayMonth,
  formatDong,
  formatMonth,
  grandTotal,
  groupEntries,
  kindOfTab,
  monthChoices,
  organizationCards,
  peopleWithoutReason,
  readCycleParams,
  reasonLabelKey,
  reasonNeedsVisit,
  reasonTally,
  withoutReasonFirst,
} from './cycle';
import { NON_COLLECTION_REASONS, type CycleSummaryRow, type NonCollectionReason } from './types';

const entry = (id: string, commune: string, hamlet: string, collector: string | null, amount: number) => ({
  id,
  amount,
  commune: { id: commune, name: `Xã ${commune}` },
  hamlet: { id: hamlet, name: `Ấp ${hamlet}` },
  collector: collector ? { id: collector, name: collector === '7' ? 'Chị Năm' : 'Anh Ba' } : null,
});

describe('grouping a list by commune, hamlet and collector', () => {
  const entries = [
    entry('1', 'c1', 'h1', null, 100_000),
    entry('2', 'c1', 'h1', '7', 200_000),
    entry('3', 'c1', 'h1', '8', 50_000),
    entry('4', 'c1', 'h1', '7', 10_000),
    entry('5', 'c1', 'h2', '7', 300_000),
    entry('6', 'c2', 'h3', null, 1_000),
  ];

  it('keeps the API’s order of communes and hamlets, lists collectors by name with the unassigned last, and sums each collector', () => {
    const groups = groupEntries(entries);
    expect(groups.map((c) => c.id)).toEqual(['c1', 'c2']);
    expect(groups[0].hamlets.map((h) => h.id)).toEqual(['h1', 'h2']);
    const h1 = groups[0].hamlets[0];
    expect(h1.collectors.map((c) => [c.name, c.subtotal.entries, c.subtotal.amount])).toEqual([
      ['Anh Ba', 1, 50_000],
      ['Chị Năm', 2, 210_000],
      [null, 1, 100_000],
    ]);
    expect(h1.collectors[1].entries.map((e) => e.id)).toEqual(['2', '4']);
  });

  it('without totals from the API, sums what is on screen and calls it complete', () => {
    const [c1] = groupEntries(entries);
    expect(c1.hamlets[0].total).toEqual({ entries: 4, amount: 360_000 });
    expect(c1.total).toEqual({ entries: 5, amount: 660_000 });
    expect(c1.complete).toBe(true);
  });

  it('takes commune and hamlet totals from the API’s groups, so a half-loaded page still shows the whole commune’s figures', () => {
    const [c1, c2] = groupEntries(entries, {
      communes: [
        { id: 'c1', label: 'Xã c1', entries: 9, amount: 990_000 },
        { id: 'c2', label: 'Xã c2', entries: 1, amount: 1_000 },
      ],
      hamlets: [
        { id: 'h1', label: 'Ấp h1', entries: 4, amount: 360_000 },
        { id: 'h2', label: 'Ấp h2', entries: 5, amount: 630_000 },
        { id: 'h3', label: 'Ấp h3', entries: 1, amount: 1_000 },
      ],
    });
    expect(c1.total).toEqual({ entries: 9, amount: 990_000 });
    expect(c1.loaded).toBe(5);
    expect(c1.complete).toBe(false);
    expect(c1.hamlets[0].complete).toBe(true);
    expect(c1.hamlets[1]).toMatchObject({ loaded: 1, complete: false, total: { entries: 5, amount: 630_000 } });
    expect(c2.complete).toBe(true);
  });

  it('gives the grand total of all communes, or of the one filtered on', () => {
    const rows = [
      { id: 'c1', label: 'A', entries: 3, amount: 30 },
      { id: 'c2', label: 'B', entries: 2, amount: 5 },
    ];
    expect(grandTotal(rows, null)).toEqual({ entries: 5, amount: 35 });
    expect(grandTotal(rows, 'c2')).toEqual({ entries: 2, amount: 5 });
    expect(grandTotal(rows, 'c9')).toEqual({ entries: 0, amount: 0 });
  });
});

describe('the summary cards', () => {
  const row = (org: string | null, kind: CycleSummaryRow['kind'], entries: number, amount: number, missing: number, late = false): CycleSummaryRow => ({
    organizationId: org,
    organizationCode: org && `ORG-${org}`,
    organizationName: org && `Tổ chức ${org}`,
    kind,
    entries,
    amount,
    reasonsMissing: missing,
    reasonsDeadline: '2026-12-20',
    late,
  });

  it('fold the two lists of an organization into one card, in the API’s order, the enrollments without an organization last', () => {
    const cards = organizationCards([
      row('1', 'DUE_NEXT_MONTH', 646, 530_024_600, 0),
      row('1', 'UNPAID_LAST_MONTH', 40, 34_152_810, 40),
      row('2', 'DUE_NEXT_MONTH', 456, 333_999_600, 0),
      row(null, 'UNPAID_LAST_MONTH', 8, 9_240_000, 8, true),
    ]);
    expect(cards.map((c) => c.organizationId)).toEqual(['1', '2', null]);
    expect(cards[0]).toMatchObject({ code: 'ORG-1', due: { entries: 646, amount: 530_024_600 }, unpaid: { entries: 40, amount: 34_152_810 }, reasonsMissing: 40, late: false });
    expect(cards[1].unpaid).toEqual({ entries: 0, amount: 0 });
    expect(cards[2]).toMatchObject({ name: null, late: true, due: { entries: 0, amount: 0 } });
  });
});

describe('the deadline of the reasons', () => {
  const deadline = '2026-12-20';
  it('is done when no reason is missing, even late', () => {
    expect(deadlineState({ reasonsMissing: 0, reasonsDeadline: deadline, late: false }, '2026-12-25').state).toBe('DONE');
  });
  it('is late past the 20th with reasons missing, or when the API says so', () => {
    expect(deadlineState({ reasonsMissing: 3, reasonsDeadline: deadline }, '2026-12-21')).toEqual({ state: 'LATE', daysLeft: -1 });
    expect(deadlineState({ reasonsMissing: 3, reasonsDeadline: deadline, late: true }, '2026-12-01').state).toBe('LATE');
  });
  it('is close within five days of it, the day itself included, and open before', () => {
    expect(deadlineState({ reasonsMissing: 1, reasonsDeadline: deadline }, '2026-12-20')).toEqual({ state: 'SOON', daysLeft: 0 });
    expect(deadlineState({ reasonsMissing: 1, reasonsDeadline: deadline }, '2026-12-15')).toEqual({ state: 'SOON', daysLeft: 5 });
    expect(deadlineState({ reasonsMissing: 1, reasonsDeadline: deadline }, '2026-11-28')).toEqual({ state: 'OPEN', daysLeft: 22 });
  });
  it('is written 20/12 in the counter, and months 11/2026', () => {
    expect(formatDayMonth('2026-12-20')).toBe('20/12');
    expect(formatMonth('2026-11')).toBe('11/2026');
    expect(formatMonth(null)).toBe('');
  });
});

describe('the months', () => {
  it('collect the reasons of this month’s cycle from the 25th, of last month’s before it (as the API’s job)', () => {
    expect(cycleMonthFor('2026-11-24')).toBe('2026-10');
    expect(cycleMonthFor('2026-11-25')).toBe('2026-11');
    expect(cycleMonthFor('2026-01-10')).toBe('2025-12');
  });
  it('offer next month (the latest the API generates) down to a year back', () => {
    const months = monthChoices('2026-12-03', 2);
    expect(months).toEqual(['2027-01', '2026-12', '2026-11', '2026-10']);
  });
});

describe('amounts', () => {
  it('are written in đồng with dots, the "đ" not wrapped away from the number', () => {
    expect(formatDong(34_152_810)).toBe('34.152.810\u00a0đ');
    expect(formatDong(0)).toBe('0\u00a0đ');
  });
});

describe('reasons', () => {
  it('each have a label in both languages, and an unknown code shows as itself', () => {
    for (const r of NON_COLLECTION_REASONS) {
      expect(reasonLabelKey(r)).toBe(`resources.collection.reasons.${r}`);
      expect(collectionVi.collection.reasons[r]).toBeTruthy();
      expect(collectionEn.collection.reasons[r]).toBeTruthy();
    }
    expect(new Set(Object.values(collectionVi.collection.reasons)).size).toBe(NON_COLLECTION_REASONS.length);
    expect(reasonLabelKey('LAZY')).toBe('LAZY');
  });

  it('call for a visit, except a payment made elsewhere', () => {
    expect(reasonNeedsVisit('NO_MONEY')).toBe(true);
    expect(reasonNeedsVisit('DECEASED')).toBe(true);
    expect(reasonNeedsVisit('PAID_ELSEWHERE')).toBe(false);
  });

  const e = (person: string, reason: NonCollectionReason | null) => ({ id: `${person}-${reason}`, person: { id: person }, reason });

  it('put the entries without a reason first, each part in its order', () => {
    const sorted = withoutReasonFirst([e('a', 'FORGOT'), e('b', null), e('c', 'ILL'), e('d', null)]);
    expect(sorted.map((x) => x.person.id)).toEqual(['b', 'd', 'a', 'c']);
  });

  it('count people, not dues, still without a reason', () => {
    expect(peopleWithoutReason([e('a', null), e('a', null), e('b', null), e('c', 'NO_MONEY')])).toBe(2);
  });

  it('are tallied in the order a collector is offered them', () => {
    expect(reasonTally([e('a', 'OTHER'), e('b', 'NO_MONEY'), e('c', null), e('d', 'OTHER')])).toEqual([
      { reason: 'NO_MONEY', count: 1 },
      { reason: 'OTHER', count: 2 },
    ]);
  });
});

describe('the page in the URL', () => {
  it('reads what it wrote, and drops what is not an id, a month or a tab', () => {
    const p = { base: '14149', month: '2026-11', tab: 'reasons' as const, org: '1', commune: '13873' };
    expect(readCycleParams(cycleSearch(p))).toEqual(p);
    expect(readCycleParams('?base=x&month=2026-13&tab=nope&org=1;drop')).toEqual({ base: null, month: null, tab: 'due', org: null, commune: null });
    expect(cycleSearch({ tab: 'due' })).toBe('');
  });
  it('maps each tab to its list', () => {
    expect(kindOfTab('due')).toBe('DUE_NEXT_MONTH');
    expect(kindOfTab('unpaid')).toBe('UNPAID_LAST_MONTH');
    expect(kindOfTab('reasons')).toBe('UNPAID_LAST_MONTH');
  });
});

describe('downloads', () => {
  it('point at the cycle export with the list on screen', () => {
    expect(cycleExportUrl({ baseUnitId: '14149', month: '2026-11', organizationId: '1', kind: 'UNPAID_LAST_MONTH', format: 'pdf' })).toBe(
      '/api/exports/collection-cycle?baseUnitId=14149&month=2026-11&organizationId=1&kind=UNPAID_LAST_MONTH&format=pdf',
    );
    expect(cycleExportUrl({ baseUnitId: '14149', month: '2026-11', format: 'xlsx' })).toBe('/api/exports/collection-cycle?baseUnitId=14149&month=2026-11&format=xlsx');
    expect(cycleExportName('2026-11', 'BUUDIEN-DT', 'xlsx')).toBe('danh-sach-thu-2026-11-BUUDIEN-DT.xlsx');
    expect(cycleExportName('2026-11', null, 'pdf')).toBe('danh-sach-thu-2026-11.pdf');
  });
});

describe('the base office a page opens', () => {
  const bases = [
    { id: '20', path: '/1/10/20/' },
    { id: '30', path: '/1/10/30/' },
  ];
  it('is the one in the URL, else the user’s own, the one above a commune, or the first of a province', () => {
    expect(chooseBase('30', bases, { id: '20', level: 'BASE', path: '/1/10/20/' })).toBe('30');
    expect(chooseBase(null, bases, { id: '20', level: 'BASE', path: '/1/10/20/' })).toBe('20');
    expect(chooseBase(null, bases, { id: '31', level: 'COMMUNE', path: '/1/10/30/31/' })).toBe('30');
    expect(chooseBase(null, bases, { id: '10', level: 'PROVINCE', path: '/1/10/' })).toBe('20');
    expect(chooseBase(null, [], { id: '10', level: 'PROVINCE', path: '/1/10/' })).toBeNull();
    expect(chooseBase(null, bases, null)).toBeNull();
  });
});
