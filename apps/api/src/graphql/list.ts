import { Field, InputType, Int, registerEnumType } from 'type-graphql';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { DomainError, FieldErrors } from '../common/errors';

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(SortDirection, { name: 'SortDirection' });

@InputType()
export class SortInput {
  @Field(() => String)
  field: string;

  @Field(() => SortDirection)
  direction: SortDirection;
}

export const DEFAULT_TAKE = 25;
export const MAX_TAKE = 200;

export interface ListArgs {
  sort?: SortInput[] | null;
  skip?: number | null;
  take?: number | null;
}

export interface Page<T> {
  items: T[];
  totalCount: number;
}

/**
 * Sortable fields of one list: the GraphQL field name a client sends → the SQL expression it sorts
 * by. Only these are accepted, so a client can never inject SQL or sort on an unindexed column.
 */
export type SortableFields = Record<string, string>;

/**
 * Runs a list query the same way for every list: whitelisted sort (then the id, so pages are
 * stable), `skip` ≥ 0, `take` capped at MAX_TAKE, and the total count of the filtered rows. Two
 * statements whatever the page size.
 */
export async function runList<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  args: ListArgs,
  sortable: SortableFields,
  defaultSort: SortInput[],
  idColumn: string,
): Promise<Page<T>> {
  const skip = args.skip ?? 0;
  const take = args.take ?? DEFAULT_TAKE;
  const errors = new FieldErrors();
  if (!Number.isInteger(skip) || skip < 0) errors.add('skip', 'list.badSkip');
  if (!Number.isInteger(take) || take < 0 || take > MAX_TAKE) errors.add('take', 'list.badTake', { max: MAX_TAKE });
  errors.throwIfAny();
  const sort = args.sort?.length ? args.sort : defaultSort;
  for (const s of sort) {
    const expr = sortable[s.field];
    if (!expr) throw DomainError.badInput('sort', 'list.badSortField', { field: s.field, allowed: Object.keys(sortable).join(', ') });
  }
  const totalCount = await qb.clone().getCount();
  if (take === 0 || skip >= totalCount) return { items: [], totalCount };
  sort.forEach((s, i) => {
    const dir = s.direction === SortDirection.DESC ? 'DESC' : 'ASC';
    if (i === 0) qb.orderBy(sortable[s.field], dir, 'NULLS LAST');
    else qb.addOrderBy(sortable[s.field], dir, 'NULLS LAST');
  });
  qb.addOrderBy(idColumn, 'ASC');
  const items = await qb.offset(skip).limit(take).getMany();
  return { items, totalCount };
}

/** Escapes LIKE wildcards in user text. */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export { Int };
