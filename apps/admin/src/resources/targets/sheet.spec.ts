import { describe, expect, it } from 'vitest';
import { balanceOf, changedTargets, higherLevelsFirst, parseTargetText, readSheetParams, rebaseDrafts, sheetSearch, shownValue, type Drafts, type EditableTarget } from './sheet';
import type { TargetRef } from './types';

const target = (value: number, version = 1): TargetRef => ({ id: `t${value}`, value, status: 'DRAFT', version, revision: version });
const PERIOD = { year: 2026, scheme: 'VOLUNTARY_SI', metric: 'PARTICIPANTS' } as const;

describe('a typed target', () => {
  it('is a whole number, grouped by threes as written in Vietnam or not', () => {
    expect(parseTargetText(' 250 ')).toEqual({ ok: true, value: 250 });
    expect(parseTargetText('1.200')).toEqual({ ok: true, value: 1200 });
    expect(parseTargetText('2,708')).toEqual({ ok: true, value: 2708 });
    expect(parseTargetText('1 000 000')).toEqual({ ok: true, value: 1_000_000 });
    expect(parseTargetText('')).toEqual({ ok: true, value: null });
  });

  it('refuses fractions, negatives, words, badly grouped digits and numbers beyond what the API takes', () => {
    for (const text of ['12,5', '-3', 'abc', '1.20', '3e2', '1.2345']) expect(parseTargetText(text)).toEqual({ ok: false, error: 'whole_number' });
    expect(parseTargetText('2147483648')).toEqual({ ok: false, error: 'too_large' });
    expect(parseTargetText('2147483647')).toEqual({ ok: true, value: 2147483647 });
  });

  it('shows the current target until the user types over it', () => {
    expect(shownValue(target(40), undefined)).toEqual({ ok: true, value: 40 });
    expect(shownValue(null, undefined)).toEqual({ ok: true, value: null });
    expect(shownValue(target(40), { text: '45', baseVersion: 1 })).toEqual({ ok: true, value: 45 });
  });
});

describe('the live sum against the parent', () => {
  it('says how many are missing, and 0 once the children reach or pass the parent', () => {
    expect(balanceOf(1000, [250, 250, 250, 245])).toEqual({ sum: 995, parent: 1000, shortfall: 5 });
    expect(balanceOf(1000, [250, 250, 250, 250])).toEqual({ sum: 1000, parent: 1000, shortfall: 0 });
    expect(balanceOf(1000, [300, 300, 300, 300])).toEqual({ sum: 1200, parent: 1000, shortfall: 0 });
  });

  it('counts empty boxes as 0 and has no shortfall without a parent target', () => {
    expect(balanceOf(100, [null, 40])).toEqual({ sum: 40, parent: 100, shortfall: 60 });
    expect(balanceOf(null, [10, 20])).toEqual({ sum: 30, parent: null, shortfall: null });
  });
});

describe('the rows to save', () => {
  const rows: EditableTarget[] = [
    { key: '1', unitId: '1', target: target(250, 3) },
    { key: '2', unitId: '2', target: target(250, 1) },
    { key: '3', unitId: '3', target: null },
    { key: '4', unitId: '4', target: null },
  ];

  it('are the boxes changed from their target, each sent with the version the user typed over', () => {
    const drafts: Drafts = {
      '1': { text: '250', baseVersion: 3 }, // typed back to the same value: nothing to save
      '2': { text: '245', baseVersion: 1 },
      '3': { text: '1.005', baseVersion: 0 },
      '4': { text: '', baseVersion: 0 }, // nothing typed where there is no target
    };
    expect(changedTargets(rows, drafts, PERIOD)).toEqual({
      inputs: [
        { unitId: '2', ...PERIOD, value: 245, expectedVersion: 1 },
        { unitId: '3', ...PERIOD, value: 1005, expectedVersion: 0 },
      ],
      bad: [],
    });
  });

  it('are refused while a box holds something that is not a whole number, or empties an existing target', () => {
    const drafts: Drafts = { '1': { text: '', baseVersion: 3 }, '2': { text: '12,5', baseVersion: 1 }, '3': { text: '9', baseVersion: 0 } };
    const { inputs, bad } = changedTargets(rows, drafts, PERIOD);
    expect(bad).toEqual([
      { key: '1', error: 'required' },
      { key: '2', error: 'whole_number' },
    ]);
    expect(inputs.map((i) => i.unitId)).toEqual(['3']);
  });

  it('include a value typed equal to the target when the target changed since the user began typing', () => {
    const { inputs } = changedTargets(rows, { '1': { text: '250', baseVersion: 2 } }, PERIOD);
    expect(inputs).toEqual([{ unitId: '1', ...PERIOD, value: 250, expectedVersion: 2 }]);
  });
});

describe('reading the sheet again after a refused save', () => {
  it('keeps every typed value, and marks those whose target someone else changed with its new value', () => {
    const drafts: Drafts = {
      '1': { text: '260', baseVersion: 3 },
      '2': { text: '240', baseVersion: 1 },
      '3': { text: '15', baseVersion: 0 },
      gone: { text: '1', baseVersion: 0 },
    };
    const current = new Map<string, TargetRef | null>([
      ['1', target(250, 3)],
      ['2', target(300, 2)],
      ['3', target(12, 1)],
    ]);
    expect(rebaseDrafts(drafts, current)).toEqual({
      '1': { text: '260', baseVersion: 3 },
      '2': { text: '240', baseVersion: 2, changedTo: 300 },
      '3': { text: '15', baseVersion: 1, changedTo: 12 },
    });
    // The next save goes over the new versions: the user saw them and kept their values.
    const rows: EditableTarget[] = [...current].map(([key, t]) => ({ key, unitId: key, target: t }));
    expect(changedTargets(rows, rebaseDrafts(drafts, current), PERIOD).inputs.map((i) => [i.unitId, i.value, i.expectedVersion])).toEqual([
      ['1', 260, 3],
      ['2', 240, 2],
      ['3', 15, 1],
    ]);
  });
});

describe('the sheet in the URL', () => {
  it('round-trips, and falls back to this year, voluntary SI and participants', () => {
    const p = { unit: '14149', year: 2027, scheme: 'HOUSEHOLD_HI', metric: 'NEW_PARTICIPANTS' } as const;
    expect(readSheetParams(sheetSearch(p), 2026)).toEqual(p);
    expect(readSheetParams('?unit=abc&year=20x6&scheme=OTHER&metric=', 2026)).toEqual({ unit: null, year: 2026, scheme: 'VOLUNTARY_SI', metric: 'PARTICIPANTS' });
  });
});

describe('the order of the rows', () => {
  it('puts base offices before the communes still directly under the province, each in the order given', () => {
    const row = (code: string, level: string) => ({ unit: { code, level } });
    const rows = [row('28297', 'COMMUNE'), row('BHXH-CAOLANH', 'BASE'), row('28306', 'COMMUNE'), row('BHXH-HOALONG', 'BASE')];
    expect(higherLevelsFirst(rows).map((r) => r.unit.code)).toEqual(['BHXH-CAOLANH', 'BHXH-HOALONG', '28297', '28306']);
  });
});
