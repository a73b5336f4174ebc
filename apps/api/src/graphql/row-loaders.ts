import DataLoader from 'dataloader';
import { In, type EntityTarget, type FindOptionsOrder, type FindOptionsWhere, type ObjectLiteral } from 'typeorm';
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

/** The row of `entity` with each id, or null when there is none: one `WHERE id IN (…)` per batch. */
export function rowById<T extends ObjectLiteral & { id: number }>(ctx: RequestContext, entity: EntityTarget<T>): DataLoader<number, T | null> {
  const repo = ctx.ds.getRepository(entity);
  return requestLoader(ctx, `${repo.metadata.name}#id`, () =>
    new DataLoader<number, T | null>(async (ids) => {
      const rows = await repo.findBy({ id: In([...ids]) } as FindOptionsWhere<T>);
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  );
}

/**
 * The rows of `entity` whose `column` equals each key, in `order`: the same rows in the same order
 * as `find({ where: { [column]: key }, order })` once per key, read with one `IN (…)` per batch.
 */
export function rowsBy<T extends ObjectLiteral>(ctx: RequestContext, entity: EntityTarget<T>, column: keyof T & string, order?: FindOptionsOrder<T>): DataLoader<number, T[]> {
  const repo = ctx.ds.getRepository(entity);
  return requestLoader(ctx, `${repo.metadata.name}#${column}#${JSON.stringify(order ?? null)}`, () =>
    new DataLoader<number, T[]>(async (keys) => {
      const rows = await repo.find({ where: { [column]: In([...keys]) } as FindOptionsWhere<T>, order });
      const groups = new Map<number, T[]>(keys.map((k) => [k, []]));
      for (const row of rows) groups.get(row[column] as number)?.push(row);
      return keys.map((k) => groups.get(k)!);
    }),
  );
}
