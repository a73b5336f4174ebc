import { describe, expect, it } from 'vitest';
import { prioritySearch, readPriorityParams, sortPriorities } from './priorities';
import type { CampaignPriority } from './types';

const row = (code: string, participationRank: number, conversionRank: number | null): CampaignPriority => ({
  unit: { id: code, code, name: `Xã ${code}`, parent: null },
  participants: 0,
  workingAgePopulation: null,
  perThousand: null,
  pastCampaigns: conversionRank === null ? 0 : 1,
  pastVisits: 0,
  pastEnrolledVisits: 0,
  conversionPct: null,
  participationRank,
  conversionRank,
});

describe('the ranking of where to push', () => {
  const rows = [row('A', 2, 1), row('B', 1, null), row('C', 3, 2), row('D', 4, null)];

  it('sorts by participation rank, lowest participation first, or the other way round', () => {
    expect(sortPriorities(rows, 'participation').map((r) => r.unit.code)).toEqual(['B', 'A', 'C', 'D']);
    expect(sortPriorities(rows, 'participation', 'desc').map((r) => r.unit.code)).toEqual(['D', 'C', 'A', 'B']);
  });

  it('sorts by conversion rank, communes without past campaigns last whichever the direction', () => {
    expect(sortPriorities(rows, 'conversion').map((r) => r.unit.code)).toEqual(['A', 'C', 'B', 'D']);
    expect(sortPriorities(rows, 'conversion', 'desc').map((r) => r.unit.code)).toEqual(['C', 'A', 'D', 'B']);
  });

  it('keeps its unit and order in the URL', () => {
    const p = { unit: '14149', order: 'conversion', direction: 'desc' } as const;
    expect(readPriorityParams(prioritySearch(p))).toEqual(p);
    expect(readPriorityParams('?unit=x&order=y')).toEqual({ unit: null, order: 'participation', direction: 'asc' });
  });
});
