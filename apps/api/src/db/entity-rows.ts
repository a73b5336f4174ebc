import type { DataSource, EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Rows of an entity read with SQL written once, for the hot reads of every list request (a page's
 * loaders, the persons list). TypeORM's query builder rebuilds its SQL on every call and then maps
 * aliased columns back to entities; under load that was a quarter of the API's busy time for a list of
 * 25 persons. Here the column list is built once per entity from its metadata, and each row
 * becomes an entity with the driver's own conversion of each column (dates, numbers), as TypeORM's
 * `find` would give it.
 */
export interface EntityRows<T> {
  /**
   * `"alias"."column" AS "column", …` for every column of the entity (`alias` defaults to the table);
   * with `prefix`, `AS "<prefix>column"`, for a row that holds another entity's columns too.
   */
  columns(alias?: string, prefix?: string): string;
  /** The quoted table name. */
  table: string;
  /** The quoted column of a property (for WHERE and ORDER BY). */
  column(property: keyof T & string, alias?: string): string;
  /** An entity from a row selected with `columns()` (with the same `prefix`). */
  hydrate(row: Record<string, unknown>, prefix?: string): T;
  /** Runs `sql` (selecting `columns()`) and returns the entities. */
  query(em: DataSource | EntityManager, sql: string, params: unknown[]): Promise<T[]>;
  /** The entity of each id, in the order asked, or null where there is none: one statement (a DataLoader's batch). */
  byIds(em: DataSource | EntityManager, ids: readonly unknown[]): Promise<(T | null)[]>;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
const cache = new WeakMap<DataSource, Map<EntityTarget<unknown>, EntityRows<unknown>>>();

export function entityRows<T extends ObjectLiteral>(ds: DataSource, entity: EntityTarget<T>): EntityRows<T> {
  let byEntity = cache.get(ds);
  if (!byEntity) cache.set(ds, (byEntity = new Map()));
  const known = byEntity.get(entity);
  if (known) return known as EntityRows<T>;
  const made = make<T>(ds, ds.getMetadata(entity));
  byEntity.set(entity, made as EntityRows<unknown>);
  return made;
}

function make<T extends ObjectLiteral>(ds: DataSource, meta: EntityMetadata): EntityRows<T> {
  const table = quote(meta.tablePath);
  const columns = meta.columns.filter((c) => !c.isVirtual && !c.embeddedMetadata);
  const lists = new Map<string, string>();
  let byIdSql: string | null = null;
  const columnOf = (property: string) => {
    const c = columns.find((col) => col.propertyName === property);
    if (!c) throw new Error(`${meta.name} has no column ${property}`);
    return c;
  };
  return {
    table,
    columns(alias = table, prefix = '') {
      const key = `${alias}\u0000${prefix}`;
      let list = lists.get(key);
      if (!list) lists.set(key, (list = columns.map((c) => `${alias}.${quote(c.databaseName)} AS ${quote(prefix + c.databaseName)}`).join(', ')));
      return list;
    },
    column: (property, alias = table) => `${alias}.${quote(columnOf(property).databaseName)}`,
    hydrate(row, prefix = '') {
      const entity = meta.create() as T;
      for (const c of columns) {
        const value = row[prefix ? prefix + c.databaseName : c.databaseName];
        if (value !== undefined) c.setEntityValue(entity, ds.driver.prepareHydratedValue(value, c));
      }
      return entity;
    },
    async query(em, sql, params) {
      const rows: Record<string, unknown>[] = await em.query(sql, params);
      return rows.map((r) => this.hydrate(r));
    },
    async byIds(em, ids) {
      byIdSql ??= `SELECT ${this.columns()} FROM ${table} WHERE ${this.column('id' as keyof T & string)} = ANY($1)`;
      const found = await this.query(em, byIdSql, [ids]);
      const byId = new Map(found.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    },
  };
}
