import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './harness/api';
import { countryId, createUnit, onlyError, UNIT_FIELDS, type UnitRow } from './harness/org';

let api: TestApi;
let country: string;
let province: UnitRow;
let base: UnitRow;
let hoaLong: UnitRow;
let tanDuong: UnitRow;

beforeAll(async () => {
  api = await startTestApi();
  country = await countryId(api);
  province = await createUnit(api, { code: '82', name: 'Tỉnh Đồng Tháp', level: 'PROVINCE', parentId: country });
  base = await createUnit(api, { code: 'BHXH-HOALONG', name: 'BHXH cơ sở Hoa Long', level: 'BASE', parentId: province.id });
  hoaLong = await createUnit(api, { code: '30208', name: 'Xã Hòa Long', level: 'COMMUNE', parentId: base.id });
  tanDuong = await createUnit(api, { code: '30214', name: 'Xã Tân Dương', level: 'COMMUNE', parentId: province.id });
  for (const [i, commune] of [hoaLong, hoaLong, tanDuong].entries()) {
    await createUnit(api, { code: `${commune.code}-0${i}`, name: `Ấp ${i + 1}`, level: 'HAMLET', parentId: commune.id });
  }
});
afterAll(() => api?.close());

const LIST = `query($filter: OrgUnitFilter, $sort: [SortInput!], $skip: Int, $take: Int) {
  orgUnits(filter: $filter, sort: $sort, skip: $skip, take: $take) { totalCount items { ${UNIT_FIELDS} } } }`;

async function list(filter: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const data = await api.ok<{ orgUnits: { totalCount: number; items: UnitRow[] } }>(LIST, { filter, ...extra });
  return data.orgUnits;
}

async function countRows(table: string): Promise<number> {
  const [row] = await api.ds.query(`SELECT count(*)::int AS n FROM ${table}`);
  return row.n;
}

describe('orgUnits list', () => {
  it('finds "Hòa Long" by "hoa long" without diacritics, and by code', async () => {
    const byName = await list({ q: 'hoa long' });
    expect(byName.items.map((u) => u.name)).toEqual(['BHXH cơ sở Hoa Long', 'Xã Hòa Long']);
    expect(byName.totalCount).toBe(2);
    const byCode = await list({ q: '30214' });
    expect(byCode.items.map((u) => u.code)).toEqual(['30214', '30214-02']);
  });

  it('treats LIKE wildcards in q as text', async () => {
    expect((await list({ q: '%' })).totalCount).toBe(0);
    expect((await list({ q: '_' })).totalCount).toBe(0);
  });

  it('filters by level, parent and subtree, and counts what it filters', async () => {
    expect((await list({ level: 'COMMUNE' })).items.map((u) => u.name)).toEqual(['Xã Hòa Long', 'Xã Tân Dương']);
    expect((await list({ parentId: hoaLong.id })).totalCount).toBe(2);
    const subtree = await list({ withinId: base.id });
    expect(subtree.items.map((u) => u.code).sort()).toEqual(['30208', '30208-00', '30208-01', 'BHXH-HOALONG']);
    const page = await list({ withinId: province.id }, { take: 2, skip: 2 });
    expect(page.totalCount).toBe(7);
    expect(page.items).toHaveLength(2);
  });

  it('sorts levels top-down by default and accepts only whitelisted sort fields', async () => {
    const all = await list({});
    expect(all.items.map((u) => u.level)).toEqual(['COUNTRY', 'PROVINCE', 'BASE', 'COMMUNE', 'COMMUNE', 'HAMLET', 'HAMLET', 'HAMLET']);
    const byCodeDesc = await list({ level: 'COMMUNE' }, { sort: [{ field: 'code', direction: 'DESC' }] });
    expect(byCodeDesc.items.map((u) => u.code)).toEqual(['30214', '30208']);
    const bad = await api.gql(LIST, { filter: {}, sort: [{ field: 'path; DROP TABLE org_unit', direction: 'ASC' }] });
    const ext = onlyError(bad);
    expect(ext.code).toBe('BAD_USER_INPUT');
    expect(ext.fields[0].field).toBe('sort');
  });

  it('caps take at 200 and refuses negative skip', async () => {
    const ext = onlyError(await api.gql(LIST, { take: 201 }));
    expect(ext.code).toBe('BAD_USER_INPUT');
    expect(ext.fields[0]).toMatchObject({ field: 'take', message: { vi: expect.stringContaining('200'), en: expect.stringContaining('200') } });
    expect(onlyError(await api.gql(LIST, { skip: -1 })).fields[0].field).toBe('skip');
  });

  it('resolves children, ancestors and child counts', async () => {
    const data = await api.ok(`query($id: ID!) { orgUnit(id: $id) {
      ancestors { name } children { name } childCount parent { name } } }`, { id: hoaLong.id });
    expect(data.orgUnit.ancestors.map((u: UnitRow) => u.name)).toEqual(['Việt Nam', 'Tỉnh Đồng Tháp', 'BHXH cơ sở Hoa Long']);
    expect(data.orgUnit.children.map((u: UnitRow) => u.name)).toEqual(['Ấp 1', 'Ấp 2']);
    expect(data.orgUnit.childCount).toBe(2);
    expect(data.orgUnit.parent.name).toBe('BHXH cơ sở Hoa Long');
  });

  it('answers null for an unknown unit and BAD_USER_INPUT for a malformed id', async () => {
    expect((await api.ok(`{ orgUnit(id: "999999") { id } }`)).orgUnit).toBeNull();
    expect(onlyError(await api.gql(`{ orgUnit(id: "abc") { id } }`)).code).toBe('BAD_USER_INPUT');
  });
});

describe('createOrgUnit', () => {
  const CREATE = `mutation($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { id } }`;

  it('refuses levels out of order, unknown parents, duplicates and empty names with a message per field', async () => {
    const units = await countRows('org_unit');
    const hamletUnderBase = onlyError(await api.gql(CREATE, { input: { code: 'X1', name: 'Ấp X', level: 'HAMLET', parentId: base.id, validFrom: '2021-01-01' } }));
    expect(hamletUnderBase).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'parentId', messageKey: 'org.parent.wrongLevel' }] });
    expect(hamletUnderBase.fields[0].message.vi).toContain('không thể thuộc');
    const orphan = onlyError(await api.gql(CREATE, { input: { code: 'X2', name: 'Xã X', level: 'COMMUNE', validFrom: '2021-01-01' } }));
    expect(orphan.fields[0]).toMatchObject({ field: 'parentId', messageKey: 'org.parent.required' });
    const secondCountry = onlyError(await api.gql(CREATE, { input: { code: 'VN2', name: 'Nước', level: 'COUNTRY', validFrom: '2021-01-01' } }));
    expect(secondCountry.fields[0]).toMatchObject({ field: 'level', messageKey: 'org.level.country' });
    const unknown = onlyError(await api.gql(CREATE, { input: { code: 'X3', name: 'Xã X', level: 'COMMUNE', parentId: '987654', validFrom: '2021-01-01' } }));
    expect(unknown.fields[0]).toMatchObject({ field: 'parentId', messageKey: 'org.parent.notFound' });
    const duplicate = onlyError(await api.gql(CREATE, { input: { code: '30208', name: 'Xã Khác', level: 'COMMUNE', parentId: province.id, validFrom: '2021-01-01' } }));
    expect(duplicate.fields[0]).toMatchObject({ field: 'code', messageKey: 'org.code.duplicate' });
    const empty = onlyError(await api.gql(CREATE, { input: { code: 'bad code!', name: '   ', level: 'COMMUNE', parentId: province.id, validFrom: '2021-02-28' } }));
    expect(empty.fields.map((f: { field: string }) => f.field).sort()).toEqual(['code', 'name']);
    const beforeParent = onlyError(await api.gql(CREATE, { input: { code: 'X4', name: 'Xã Cũ', level: 'COMMUNE', parentId: province.id, validFrom: '2019-12-31' } }));
    expect(beforeParent.fields[0]).toMatchObject({ field: 'validFrom', messageKey: 'org.date.beforeParent' });
    expect(await countRows('org_unit')).toBe(units);
  });

  it('refuses a date that is not a calendar date at the GraphQL layer', async () => {
    for (const validFrom of ['13/13/2021', '2021-02-30']) {
      const body = await api.gql(CREATE, { input: { code: 'X5', name: 'Xã X', level: 'COMMUNE', parentId: province.id, validFrom } });
      expect(onlyError(body).code).toBe('BAD_USER_INPUT');
    }
  });
});

describe('rename, move and the tree as of a date', () => {
  it('keeps the old name in the history and shows it as of an earlier date', async () => {
    const commune = await createUnit(api, { code: '30226', name: 'Xã Tân Thành', level: 'COMMUNE', parentId: province.id });
    const renamed = await api.ok(`mutation($id: ID!) { renameOrgUnit(id: $id, name: "Xã Lai Vung", effectiveDate: "2025-07-01") {
      name nameHistory { name validFrom validTo } } }`, { id: commune.id });
    expect(renamed.renameOrgUnit.name).toBe('Xã Lai Vung');
    expect(renamed.renameOrgUnit.nameHistory).toEqual([
      { name: 'Xã Tân Thành', validFrom: '2020-01-01', validTo: '2025-06-30' },
      { name: 'Xã Lai Vung', validFrom: '2025-07-01', validTo: null },
    ]);
    expect((await list({ q: 'tan thanh', asOf: '2024-01-01' })).totalCount).toBe(0); // q matches today's name…
    const then = await list({ parentId: province.id, level: 'COMMUNE', asOf: '2024-01-01' });
    expect(then.items.map((u) => u.name)).toContain('Xã Tân Thành'); // …but the list shows the name of the day
    const now = await list({ parentId: province.id, level: 'COMMUNE' });
    expect(now.items.map((u) => u.name)).toContain('Xã Lai Vung');
  });

  it('refuses a rename dated before the current name began, or in the future', async () => {
    const RENAME = `mutation($id: ID!, $d: Date!) { renameOrgUnit(id: $id, name: "Xã Mới", effectiveDate: $d) { id } }`;
    expect(onlyError(await api.gql(RENAME, { id: tanDuong.id, d: '2019-06-01' })).fields[0]).toMatchObject({ field: 'effectiveDate', messageKey: 'org.date.beforeStart' });
    expect(onlyError(await api.gql(RENAME, { id: tanDuong.id, d: '2999-01-01' })).fields[0]).toMatchObject({ field: 'effectiveDate', messageKey: 'common.futureDate' });
    const empty = await api.gql(`mutation($id: ID!) { renameOrgUnit(id: $id, name: " ", effectiveDate: "2025-01-01") { id } }`, { id: tanDuong.id });
    expect(onlyError(empty).fields[0]).toMatchObject({ field: 'name', messageKey: 'org.name.empty' });
  });

  it('moves a commune with its hamlets, keeps the old parent for earlier dates, and refuses cycles', async () => {
    const MOVE = `mutation($id: ID!, $p: ID!, $d: Date!) { moveOrgUnit(id: $id, newParentId: $p, effectiveDate: $d) {
      parent { name } parentHistory { parent { name } validFrom validTo } } }`;
    const moved = await api.ok(MOVE, { id: tanDuong.id, p: base.id, d: '2025-07-01' });
    expect(moved.moveOrgUnit.parent.name).toBe('BHXH cơ sở Hoa Long');
    expect(moved.moveOrgUnit.parentHistory).toEqual([
      { parent: { name: 'Tỉnh Đồng Tháp' }, validFrom: '2020-01-01', validTo: '2025-06-30' },
      { parent: { name: 'BHXH cơ sở Hoa Long' }, validFrom: '2025-07-01', validTo: null },
    ]);
    const subtree = await list({ withinId: base.id, level: 'HAMLET' });
    expect(subtree.items.map((u) => u.code).sort()).toEqual(['30208-00', '30208-01', '30214-02']);
    const before = await list({ withinId: base.id, level: 'COMMUNE', asOf: '2024-06-01' });
    expect(before.items.map((u) => u.code)).toEqual(['30208']);
    const underProvinceThen = await list({ parentId: province.id, level: 'COMMUNE', asOf: '2024-06-01' });
    expect(underProvinceThen.items.map((u) => u.code)).toContain('30214');
    expect(underProvinceThen.items.find((u) => u.code === '30214')!.parent!.name).toBe('Tỉnh Đồng Tháp');

    const province2 = await createUnit(api, { code: '80', name: 'Tỉnh Tây Ninh', level: 'PROVINCE', parentId: country });
    const base2 = await createUnit(api, { code: 'BHXH-X', name: 'BHXH cơ sở X', level: 'BASE', parentId: province2.id });
    const cycle = onlyError(await api.gql(MOVE, { id: province2.id, p: base2.id, d: '2025-01-01' }));
    expect(cycle.fields[0].field).toBe('newParentId'); // a province cannot nest at all
    const self = onlyError(await api.gql(MOVE, { id: base2.id, p: base2.id, d: '2025-01-01' }));
    expect(self.fields[0]).toMatchObject({ field: 'newParentId', messageKey: 'org.parent.cycle' });
    const wrongLevel = onlyError(await api.gql(MOVE, { id: hoaLong.id, p: tanDuong.id, d: '2025-08-01' }));
    expect(wrongLevel.fields[0]).toMatchObject({ field: 'newParentId', messageKey: 'org.parent.wrongLevel' });
  });
});

describe('mergeOrgUnits', () => {
  const MERGE = `mutation($input: MergeOrgUnitsInput!) { mergeOrgUnits(input: $input) {
    id code name validFrom children { code } predecessors { code validTo successor { code } } } }`;

  it('merges communes into a new one: sources closed the day before, successor set, hamlets carried over', async () => {
    const a = await createUnit(api, { code: '30217', name: 'Xã Long Hậu', level: 'COMMUNE', parentId: province.id });
    const b = await createUnit(api, { code: '30223', name: 'Xã Hòa Long Cũ', level: 'COMMUNE', parentId: province.id });
    await createUnit(api, { code: '30217-01', name: 'Ấp Long Hòa', level: 'HAMLET', parentId: a.id });
    const merged = await api.ok(MERGE, { input: { sourceIds: [a.id, b.id], into: { code: '30217', name: 'Xã Long Hậu Mới' }, effectiveDate: '2025-07-01' } });
    const unit = merged.mergeOrgUnits;
    expect(unit).toMatchObject({ code: '30217', name: 'Xã Long Hậu Mới', validFrom: '2025-07-01', children: [{ code: '30217-01' }] });
    expect(unit.predecessors).toEqual([
      { code: '30223', validTo: '2025-06-30', successor: { code: '30217' } },
      { code: '30217', validTo: '2025-06-30', successor: { code: '30217' } },
    ]);
    expect((await list({ q: 'long hau' })).items.map((u) => u.name)).toEqual(['Xã Long Hậu Mới']);
    expect((await list({ q: 'long hau', includeClosed: true })).totalCount).toBe(2);
    const hamletThen = await list({ q: 'long hoa', asOf: '2025-01-01' });
    expect(hamletThen.items[0].parent!.name).toBe('Xã Long Hậu');
  });

  it('refuses a merge across levels, into a closed unit, or into itself, and writes nothing', async () => {
    const c = await createUnit(api, { code: '30229', name: 'Xã Long Thắng', level: 'COMMUNE', parentId: province.id });
    const units = await countRows('org_unit');
    const spans = await countRows('org_unit_name');
    const across = onlyError(await api.gql(MERGE, { input: { sourceIds: [c.id], intoId: base.id, effectiveDate: '2025-07-01' } }));
    expect(across.fields[0]).toMatchObject({ field: 'intoId', messageKey: 'org.merge.levels' });
    const closed = (await list({ q: '30223', includeClosed: true })).items[0];
    const intoClosed = onlyError(await api.gql(MERGE, { input: { sourceIds: [c.id], intoId: closed.id, effectiveDate: '2025-07-01' } }));
    expect(intoClosed.fields[0]).toMatchObject({ field: 'intoId', messageKey: 'org.closed' });
    const itself = onlyError(await api.gql(MERGE, { input: { sourceIds: [c.id], intoId: c.id, effectiveDate: '2025-07-01' } }));
    expect(itself.fields[0].field).toBe('intoId');
    const both = onlyError(await api.gql(MERGE, { input: { sourceIds: [c.id], intoId: hoaLong.id, into: { code: 'N', name: 'N' }, effectiveDate: '2025-07-01' } }));
    expect(both.fields[0].messageKey).toBe('org.merge.targetChoice');
    // The duplicate code is found only after the sources were closed inside the transaction:
    // the rollback must leave them open.
    const dup = onlyError(await api.gql(MERGE, { input: { sourceIds: [c.id, tanDuong.id], into: { code: '30208', name: 'Trùng' }, effectiveDate: '2025-08-01' } }));
    expect(dup.fields[0]).toMatchObject({ field: 'into.code', messageKey: 'org.code.duplicate' });
    expect(await countRows('org_unit')).toBe(units);
    expect(await countRows('org_unit_name')).toBe(spans);
    const still = await api.ok(`query($id: ID!) { orgUnit(id: $id) { closed validTo } }`, { id: c.id });
    expect(still.orgUnit).toEqual({ closed: false, validTo: null });
  });

  it('merges into an existing unit, which takes over the children', async () => {
    const src = await createUnit(api, { code: '30232', name: 'Xã Vĩnh Thới', level: 'COMMUNE', parentId: base.id });
    await createUnit(api, { code: '30232-01', name: 'Ấp Vĩnh Hòa', level: 'HAMLET', parentId: src.id });
    const merged = await api.ok(MERGE, { input: { sourceIds: [src.id], intoId: hoaLong.id, effectiveDate: '2025-09-01' } });
    expect(merged.mergeOrgUnits.children.map((c: { code: string }) => c.code).sort()).toEqual(['30208-00', '30208-01', '30232-01']);
    expect(merged.mergeOrgUnits.predecessors).toEqual([{ code: '30232', validTo: '2025-08-31', successor: { code: '30208' } }]);
  });
});

describe('updateOrgUnit and deleteOrgUnit', () => {
  it('corrects a code and a name without adding history', async () => {
    const u = await createUnit(api, { code: 'TYPO', name: 'Xã Phong Hoa', level: 'COMMUNE', parentId: province.id });
    const fixed = await api.ok(`mutation($id: ID!) { updateOrgUnit(id: $id, input: { code: "30235", name: "Xã Phong Hòa" }) {
      code name nameHistory { name } } }`, { id: u.id });
    expect(fixed.updateOrgUnit).toEqual({ code: '30235', name: 'Xã Phong Hòa', nameHistory: [{ name: 'Xã Phong Hòa' }] });
    expect((await list({ q: 'phong hoa' })).items.map((x) => x.code)).toEqual(['30235']);
  });

  it('refuses to delete a unit with children or data, and deletes a mistaken leaf', async () => {
    const DELETE = `mutation($id: ID!) { deleteOrgUnit(id: $id) }`;
    expect(onlyError(await api.gql(DELETE, { id: base.id })).fields[0].messageKey).toBe('org.delete.hasChildren');
    const closed = (await list({ q: '30223', includeClosed: true })).items[0];
    expect(onlyError(await api.gql(DELETE, { id: closed.id })).fields[0].messageKey).toBe('org.delete.hasHistory');
    const withStats = await createUnit(api, { code: '30241', name: 'Xã Thống Kê', level: 'COMMUNE', parentId: province.id });
    await api.ds.query('INSERT INTO unit_statistic (unit_id, year, population, version) VALUES ($1, 2025, 1000, 1)', [withStats.id]);
    expect(onlyError(await api.gql(DELETE, { id: withStats.id })).fields[0].messageKey).toBe('org.delete.hasData');
    const mistake = await createUnit(api, { code: 'NHAM', name: 'Ấp Nhầm', level: 'HAMLET', parentId: hoaLong.id });
    expect((await api.ok(DELETE, { id: mistake.id })).deleteOrgUnit).toBe(mistake.id);
    expect((await api.ok(`query($id: ID!) { orgUnit(id: $id) { id } }`, { id: mistake.id })).orgUnit).toBeNull();
  });
});
