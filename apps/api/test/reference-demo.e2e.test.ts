import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/log';
import { prepareDatabase } from '../src/seed/prepare';
import { loadReferenceUnits } from '../src/seed/reference-units';
import { startTestApi, type TestApi } from './harness/api';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ demo: true });
});
afterAll(() => api?.close());

const COUNT = `query($f: OrgUnitFilter) { orgUnits(filter: $f, take: 0) { totalCount } }`;
const count = async (f: Record<string, unknown>) => (await api.ok(COUNT, { f })).orgUnits.totalCount as number;

async function unitByCode(code: string, extra: Record<string, unknown> = {}) {
  const data = await api.ok(`query($f: OrgUnitFilter) { orgUnits(filter: $f) { items { id code name level } } }`, { f: { q: code, ...extra } });
  return data.orgUnits.items.find((u: { code: string }) => u.code === code);
}

describe('reference units', () => {
  it('has the 34 provinces and 3,321 communes of today, open', async () => {
    expect(await count({ level: 'PROVINCE' })).toBe(34);
    expect(await count({ level: 'COMMUNE' })).toBe(3321);
  });

  it('has the pre-2025 provinces, district offices and communes, closed on 2025-06-30', async () => {
    const asOf = '2025-06-30';
    expect(await count({ level: 'PROVINCE', asOf })).toBe(63);
    expect(await count({ level: 'BASE', asOf })).toBe(696);
    expect(await count({ level: 'COMMUNE', asOf })).toBe(10033);
  });

  it('loads idempotently: a second run inserts nothing', async () => {
    const again = await api.ds.transaction((em) => loadReferenceUnits(em));
    expect(again).toEqual({ unitsInserted: 0, successionsInserted: 0 });
  });
});

describe('the demo', () => {
  it('shows Đồng Tháp with its 102 communes, some under base offices', async () => {
    const dongThap = await unitByCode('82', { level: 'PROVINCE' });
    expect(dongThap.name).toBe('Tỉnh Đồng Tháp');
    expect(await count({ withinId: dongThap.id, level: 'COMMUNE' })).toBe(102);
    expect(await count({ withinId: dongThap.id, level: 'BASE' })).toBeGreaterThanOrEqual(2);
  });

  it('shows Hoa Long base office with its 4 communes, successor of the Lai Vung district office and its 12 communes', async () => {
    const base = await unitByCode('BHXH-HOALONG');
    const data = await api.ok(`query($id: ID!) { orgUnit(id: $id) { name parent { name }
      children { code name synthetic childCount }
      predecessors { code name closed children(includeClosed: true) { code name } } } }`, { id: base.id });
    const unit = data.orgUnit;
    expect(unit.name).toBe('BHXH cơ sở Hoa Long');
    expect(unit.parent.name).toBe('Tỉnh Đồng Tháp');
    expect(unit.children.map((c: { code: string }) => c.code).sort()).toEqual(['30208', '30214', '30226', '30235']);
    expect(unit.children.every((c: { childCount: number; synthetic: boolean }) => c.childCount >= 4 && !c.synthetic)).toBe(true);
    expect(unit.predecessors).toHaveLength(1);
    expect(unit.predecessors[0]).toMatchObject({ code: '876', name: 'BHXH Huyện Lai Vung', closed: true });
    expect(unit.predecessors[0].children).toHaveLength(12);
  });

  it('shows commune Hòa Long formed from the 4 pre-2025 units of Lai Vung', async () => {
    const commune = await unitByCode('30208', { level: 'COMMUNE' });
    expect(commune.name).toBe('Xã Hòa Long');
    const data = await api.ok(`query($id: ID!) { orgUnit(id: $id) { ancestors { name }
      predecessors { code name validTo parent { code } successor { id } } children { name synthetic } } }`, { id: commune.id });
    const unit = data.orgUnit;
    expect(unit.ancestors.map((a: { name: string }) => a.name)).toEqual(['Việt Nam', 'Tỉnh Đồng Tháp', 'BHXH cơ sở Hoa Long']);
    expect(unit.predecessors.map((p: { code: string }) => p.code).sort()).toEqual(['30208', '30217', '30223', '30229']);
    for (const p of unit.predecessors) expect(p).toMatchObject({ validTo: '2025-06-30', parent: { code: '876' }, successor: { id: commune.id } });
    expect(unit.predecessors.map((p: { name: string }) => p.name)).toContain('Thị trấn Lai Vung');
    expect(unit.children[0]).toMatchObject({ name: 'Ấp 1', synthetic: true });
  });

  it('does not seed again on the next start', async () => {
    const before = await count({ withinId: (await unitByCode('BHXH-HOALONG')).id });
    await prepareDatabase(api.ds, { seed: 'demo', referenceUnits: 'all', adminUsername: null, adminPassword: null }, createLogger('silent'));
    expect(await count({ withinId: (await unitByCode('BHXH-HOALONG')).id })).toBe(before);
    expect(await count({ q: 'bhxh-hoalong' })).toBe(1);
  });
});
