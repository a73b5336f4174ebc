import DataLoader from 'dataloader';
import { In, IsNull, type DataSource } from 'typeorm';
import { entityRows } from '../../db/entity-rows';
import {
  OrgUnitEntity,
  OrgUnitNameEntity,
  OrgUnitParentEntity,
  OrgUnitSuccessionEntity,
  UnitStatisticEntity,
} from './org-unit.entity';

/** Per-request batch loaders of the org relations: one statement per relation per tree level. */
export interface OrgLoaders {
  unitById: DataLoader<number, OrgUnitEntity | null>;
  openChildren: DataLoader<number, OrgUnitEntity[]>;
  openChildCount: DataLoader<number, number>;
  successors: DataLoader<number, { unit: OrgUnitEntity; kind: string }[]>;
  predecessors: DataLoader<number, { unit: OrgUnitEntity; kind: string }[]>;
  nameHistory: DataLoader<number, OrgUnitNameEntity[]>;
  parentHistory: DataLoader<number, OrgUnitParentEntity[]>;
  statistics: DataLoader<number, UnitStatisticEntity[]>;
}

function group<T, K>(rows: T[], key: (row: T) => K, keys: readonly K[]): T[][] {
  const map = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return keys.map((k) => map.get(k) ?? []);
}

const byName = (a: OrgUnitEntity, b: OrgUnitEntity) => a.name.localeCompare(b.name, 'vi') || a.id - b.id;

export function createOrgLoaders(ds: DataSource): OrgLoaders {
  const units = ds.getRepository(OrgUnitEntity);
  const unitRows = entityRows(ds, OrgUnitEntity);
  const unitById = new DataLoader<number, OrgUnitEntity | null>((ids) => unitRows.byIds(ds, ids));
  const prime = (rows: OrgUnitEntity[]) => {
    for (const r of rows) unitById.prime(r.id, r);
    return rows;
  };
  const succession = (side: 'predecessorId' | 'successorId') =>
    new DataLoader<number, { unit: OrgUnitEntity; kind: string }[]>(async (ids) => {
      const links = await ds.getRepository(OrgUnitSuccessionEntity).findBy({ [side]: In([...ids]) });
      const other = side === 'predecessorId' ? 'successorId' : 'predecessorId';
      const related = await unitById.loadMany(links.map((l) => l[other]));
      const rows = links.map((l, i) => ({ key: l[side], unit: related[i] as OrgUnitEntity, kind: l.kind }));
      return group(
        rows.filter((r) => r.unit && !(r.unit instanceof Error)),
        (r) => r.key,
        ids,
      ).map((list) => list.map(({ unit, kind }) => ({ unit, kind })).sort((a, b) => byName(a.unit, b.unit)));
    });
  return {
    unitById,
    openChildren: new DataLoader(async (ids) => {
      const rows = prime(await units.findBy({ parentId: In([...ids]), validTo: IsNull() }));
      return group(rows, (r) => r.parentId!, ids).map((list) => list.sort(byName));
    }),
    openChildCount: new DataLoader(async (ids) => {
      const rows: { parent_id: number; n: string }[] = await ds.query(
        'SELECT parent_id, count(*) AS n FROM org_unit WHERE parent_id = ANY($1) AND valid_to IS NULL GROUP BY parent_id',
        [[...ids]],
      );
      const map = new Map(rows.map((r) => [r.parent_id, Number(r.n)]));
      return ids.map((id) => map.get(id) ?? 0);
    }),
    successors: succession('predecessorId'),
    predecessors: succession('successorId'),
    nameHistory: new DataLoader(async (ids) => {
      const rows = await ds.getRepository(OrgUnitNameEntity).find({ where: { unitId: In([...ids]) }, order: { validFrom: 'ASC', id: 'ASC' } });
      return group(rows, (r) => r.unitId, ids);
    }),
    parentHistory: new DataLoader(async (ids) => {
      const rows = await ds.getRepository(OrgUnitParentEntity).find({ where: { unitId: In([...ids]) }, order: { validFrom: 'ASC', id: 'ASC' } });
      return group(rows, (r) => r.unitId, ids);
    }),
    statistics: new DataLoader(async (ids) => {
      const rows = await ds.getRepository(UnitStatisticEntity).find({ where: { unitId: In([...ids]) }, order: { year: 'ASC' } });
      return group(rows, (r) => r.unitId, ids);
    }),
  };
}
