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

/** Rows of another entity read with each item of a SQL list (its hamlet, its household), handed to `prime`. */
export interface JoinedRows<E extends ObjectLiteral> {
  rows: EntityRows<E>;
  /** The table's alias in `from` or in `join`. */
  alias: string;
  /** `LEFT JOIN … alias ON …` when the alias is not already in `from` (the page joins it, the count does not). */
  join?: string;
  /** Given each joined entity of the page (none for a LEFT JOIN that found nothing): a request's loader to fill. */
  prime(entity: E): void;
}

export interface SqlList<T extends ObjectLiteral> {
  rows: EntityRows<T>;
  alias: string;
  /** `table alias [JOIN …]`: what the count and the page read. */
  from: string;
  /** The filter, with `$1…` placeholders taken from `params`. */
  where: string;
  params: unknown[];
  sortable: SortableFields;
  defaultSort: SortInput[];
  idColumn: string;
  joined?: JoinedRows<any>[];
}

/**
 * `runList` for a list written in SQL (the hot ones): the same checks and order, without building
 * the SQL anew on every request, and **one statement**: the count and the page side by side (the
 * page a LATERAL subquery beside the one-row count, so an empty page still brings the count), with
 * the columns of `joined` entities that the page's field resolvers would otherwise read in a
 * statement each.
 */
export async function runSqlList<T extends ObjectLiteral>(em: DataSource | EntityManager, list: SqlList<T>, args: ListArgs): Promise<Page<T>> {
  const { skip, take, sort } = pageOf(args, list.sortable, list.defaultSort);
  const { rows, alias, from, where, params } = list;
  const joined = list.joined ?? [];
  if (take === 0) {
    const [{ n }] = (await em.query(`SELECT count(*)::int AS n FROM ${from} WHERE ${where}`, params)) as { n: number }[];
    return { items: [], totalCount: n };
  }
  const orderBy = [...sort.map((s) => `${list.sortable[s.field]} ${direction(s)} NULLS LAST`), `${list.idColumn} ASC`].join(', ');
  const n = params.length;
  const columns = [rows.columns(alias), ...joined.map((j, i) => j.rows.columns(j.alias, `j${i}.`))].join(', ');
  const joins = joined.map((j) => j.join ?? '').join(' ');
  const found = (await em.query(
    `SELECT c.n AS "__total", page.* FROM (SELECT count(*)::int AS n FROM ${from} WHERE ${where}) c
       LEFT JOIN LATERAL (SELECT ${columns} FROM ${from} ${joins} WHERE ${where} ORDER BY ${orderBy} LIMIT $${n + 1} OFFSET $${n + 2}) page ON true`,
    [...params, take, skip],
  )) as Record<string, unknown>[];
  const totalCount = found[0].__total as number;
  const items: T[] = [];
  for (const row of found) {
    if (row.id === null) break; // the page is empty (skip past the end): the count's row alone
    items.push(rows.hydrate(row));
    joined.forEach((j, i) => {
      const entity = j.rows.hydrate(row, `j${i}.`);
      if ((entity as { id?: unknown }).id != null) j.prime(entity);
    });
  }
  return { items, totalCount };
}

/** Escapes LIKE wildcards in user text. */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export { Int };
