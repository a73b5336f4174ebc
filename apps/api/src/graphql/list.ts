import { Field, InputType, Int, registerEnumType } from 'type-graphql';
import type { DataSource, EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { EntityRows } from '../db/entity-rows';
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

/** The checked paging of a list: `skip` ≥ 0, `take` up to MAX_TAKE, and sort fields of the whitelist only. */
function pageOf(args: ListArgs, sortable: SortableFields, defaultSort: SortInput[]): { skip: number; take: number; sort: SortInput[] } {
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
  return { skip, take, sort };
}

const direction = (s: SortInput) => (s.direction === SortDirection.DESC ? 'DESC' : 'ASC');

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
  const { skip, take, sort } = pageOf(args, sortable, defaultSort);
  const totalCount = await qb.clone().getCount();
  if (take === 0 || skip >= totalCount) return { items: [], totalCount };
  sort.forEach((s, i) => {
    if (i === 0) qb.orderBy(sortable[s.field], direction(s), 'NULLS LAST');
    else qb.addOrderBy(sortable[s.field], direction(s), 'NULLS LAST');
  });
  qb.addOrderBy(idColumn, 'ASC');
  const items = await qb.offset(skip).limit(take).getMany();
  return { items, totalCount };
}

/**
 * `runList` for a list written in SQL (the hot ones): `from` is its `FROM … WHERE …` with `params`,
 * `rows` its entity's columns and hydration, `sortable` and `idColumn` SQL expressions. The same
 * checks, order and two statements, without building the SQL anew on every request.
 */
export async function runSqlList<T extends ObjectLiteral>(
  em: DataSource | EntityManager,
  rows: EntityRows<T>,
  alias: string,
  from: string,
  params: unknown[],
  args: ListArgs,
  sortable: SortableFields,
  defaultSort: SortInput[],
  idColumn: string,
): Promise<Page<T>> {
  const { skip, take, sort } = pageOf(args, sortable, defaultSort);
  const [{ n: totalCount }] = (await em.query(`SELECT count(*)::int AS n ${from}`, params)) as { n: number }[];
  if (take === 0 || skip >= totalCount) return { items: [], totalCount };
  const orderBy = [...sort.map((s) => `${sortable[s.field]} ${direction(s)} NULLS LAST`), `${idColumn} ASC`].join(', ');
  const n = params.length;
  const items = await rows.query(em, `SELECT ${rows.columns(alias)} ${from} ORDER BY ${orderBy} LIMIT $${n + 1} OFFSET $${n + 2}`, [...params, take, skip]);
  return { items, totalCount };
}

/** Escapes LIKE wildcards in user text. */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export { Int };
