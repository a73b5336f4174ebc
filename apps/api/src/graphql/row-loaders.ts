import DataLoader from 'dataloader';
import type { EntityTarget, ObjectLiteral } from 'typeorm';
import { entityRows } from '../db/entity-rows';
import type { RequestContext } from './context';

/**
 * Per-request DataLoaders of entity rows for field resolvers: the items of a page resolve a
 * relation in one statement for the whole page, not one per item (an N+1: 100 persons asking for
 * their household ran 100 statements). Made on first use and kept with the request's context (a
 * WeakMap), so a resolver needs nothing registered in the context; a new request starts empty.
 */
const perRequest = new WeakMap<RequestContext, Map<string, DataLoader<number, unknown>>>();

/** The request's loader named `key`, made by `make` on first use (for loaders of other shapes than the two below). */
export function requestLoader<V>(ctx: RequestContext, key: string, make: () => DataLoader<number, V>): DataLoader<number, V> {
  let loaders = perRequest.get(ctx);
  if (!loaders) perRequest.set(ctx, (loaders = new Map()));
  let loader = loaders.get(key) as DataLoader<number, V> | undefined;
  if (!loader) loaders.set(key, (loader = make()));
  return loader;
}

/** The row of `entity` with each id, or null when there is none: one `WHERE id = ANY(…)` per batch. */
export function rowById<T extends ObjectLiteral & { id: number }>(ctx: RequestContext, entity: EntityTarget<T>): DataLoader<number, T | null> {
  const rows = entityRows(ctx.ds, entity);
  return requestLoader(ctx, `${rows.table}#id`, () => new DataLoader<number, T | null>((ids) => rows.byIds(ctx.ds, ids)));
}

/**
 * The rows of `entity` whose `column` equals each key, in `order`: the same rows in the same order
 * as `find({ where: { [column]: key }, order })` once per key, read with one `= ANY(…)` per batch.
 */
export function rowsBy<T extends ObjectLiteral>(ctx: RequestContext, entity: EntityTarget<T>, column: keyof T & string, order?: Partial<Record<keyof T & string, 'ASC' | 'DESC'>>): DataLoader<number, T[]> {
  const rows = entityRows(ctx.ds, entity);
  return requestLoader(ctx, `${rows.table}#${column}#${JSON.stringify(order ?? null)}`, () => {
    const orderBy = Object.entries(order ?? {}).map(([property, direction]) => `${rows.column(property as keyof T & string)} ${direction === 'DESC' ? 'DESC' : 'ASC'}`);
    const sql = `SELECT ${rows.columns()} FROM ${rows.table} WHERE ${rows.column(column)} = ANY($1)${orderBy.length ? ` ORDER BY ${orderBy.join(', ')}` : ''}`;
    return new DataLoader<number, T[]>(async (keys) => {
      const found = await rows.query(ctx.ds, sql, [keys]);
      const groups = new Map<number, T[]>(keys.map((k) => [k, []]));
      for (const row of found) groups.get(row[column] as number)?.push(row);
      return keys.map((k) => groups.get(k)!);
    });
  });
}
