import type { CampaignPriority } from './types';

/**
 * "Nơi cần tập trung": the API ranks a unit's communes twice, by lowest participation per 1,000
 * working-age people and by lowest conversion of past campaigns' visits. The table sorts by either.
 */
export type PriorityOrder = 'participation' | 'conversion';
export type SortDirection = 'asc' | 'desc';

const byName = (a: CampaignPriority, b: CampaignPriority) => a.unit.name.localeCompare(b.unit.name, 'vi');

/**
 * Rows by the chosen rank, rank 1 (where to push first) at the top in ascending order. Communes
 * without past campaigns have no conversion rank: they come last either way, by participation.
 */
export function sortPriorities(rows: readonly CampaignPriority[], order: PriorityOrder, direction: SortDirection = 'asc'): CampaignPriority[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    if (order === 'conversion') {
      if (a.conversionRank === null || b.conversionRank === null) {
        if (a.conversionRank !== b.conversionRank) return a.conversionRank === null ? 1 : -1;
      } else if (a.conversionRank !== b.conversionRank) return sign * (a.conversionRank - b.conversionRank);
    }
    return sign * (a.participationRank - b.participationRank) || byName(a, b);
  });
}

/** `?unit=…&order=…&dir=…` */
export function readPriorityParams(search: string): { unit: string | null; order: PriorityOrder; direction: SortDirection } {
  const q = new URLSearchParams(search);
  const unit = q.get('unit');
  return {
    unit: unit && /^\d+$/.test(unit) ? unit : null,
    order: q.get('order') === 'conversion' ? 'conversion' : 'participation',
    direction: q.get('dir') === 'desc' ? 'desc' : 'asc',
  };
}

export function prioritySearch(p: { unit: string | null; order: PriorityOrder; direction: SortDirection }): string {
  const q = new URLSearchParams();
  if (p.unit) q.set('unit', p.unit);
  q.set('order', p.order);
  if (p.direction === 'desc') q.set('dir', 'desc');
  return `?${q.toString()}`;
}
