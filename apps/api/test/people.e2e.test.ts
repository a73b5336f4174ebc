import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './harness/api';
import { demoTokens, unitId, type Role } from './harness/demo';
import { onlyError } from './harness/org';

let api: TestApi;
let tokens: Record<Role, string>;
let hamlet: string;

beforeAll(async () => {
  api = await startTestApi({ demo: true });
  tokens = await demoTokens(api);
  const commune = await unitId(api, '30208', 'COMMUNE');
  hamlet = (await api.ok(`query($id: ID!) { orgUnit(id: $id) { children { id } } }`, { id: commune })).orgUnit.children[0].id;
});
afterAll(() => api?.close());

const CREATE = `mutation($i: CreatePersonInput!) { createPerson(input: $i) { id fullName citizenId phone personalDataMasked hamlet { name } } }`;
const base = { fullName: 'Nguyễn Thị Hòa', dateOfBirth: '1985-03-02', sex: 'FEMALE', citizenId: '087185001234', phone: '0912345678', supportCategory: 'NEAR_POOR' };

async function personCount(): Promise<number> {
  const [{ n }] = await api.ds.query('SELECT count(*)::int AS n FROM person');
  return n;
}

describe('people', () => {
  it('registers a person as base staff, unmasked for them, masked for a supervisor who may reveal (audited)', async () => {
    const staff = api.as(tokens.BASE_STAFF);
    const created = (await staff.ok(CREATE, { i: { ...base, hamletId: hamlet } })).createPerson;
    expect(created).toMatchObject({ fullName: 'Nguyễn Thị Hòa', citizenId: '087185001234', phone: '0912345678', personalDataMasked: false, hamlet: { name: 'Ấp 1' } });
    const seen = await api.as(tokens.SUPERVISOR).ok(`query($id: ID!) { person(id: $id) { citizenId phone personalDataMasked } }`, { id: created.id });
    expect(seen.person).toEqual({ citizenId: '087•••••1234', phone: '091•••5678', personalDataMasked: true });
    const revealed = await api.as(tokens.SUPERVISOR).ok(`mutation($id: ID!) { revealPersonalData(personId: $id) { citizenId phone } }`, { id: created.id });
    expect(revealed.revealPersonalData).toEqual({ citizenId: '087185001234', phone: '0912345678' });
    const events = await api.ok(`query($id: String!) { auditEvents(filter: { entity: "person", entityId: $id }) { items { action actorUsername changes { field after } } } }`, { id: created.id });
    expect(events.auditEvents.items.map((e: { action: string }) => e.action)).toEqual(['person.revealPersonalData', 'person.create']);
    expect(events.auditEvents.items[0].actorUsername).toBe('supervisor.dongthap');
    const createEvent = JSON.stringify(events.auditEvents.items[1].changes);
    expect(createEvent).not.toContain('087185001234');
    expect(createEvent).toContain('087•••••1234');
  });

  it('finds people by name without diacritics and by the start of the citizen ID, within scope', async () => {
    const staff = api.as(tokens.BASE_STAFF);
    const created = (await staff.ok(CREATE, { i: { ...base, fullName: 'Trần Văn Đức', sex: 'MALE', citizenId: '087080004321', dateOfBirth: '1980-01-01', phone: null, hamletId: hamlet } })).createPerson;
    // The demo's people of Hoa Long include namesakes: each one found has the name, the new one among them.
    const byName = await staff.ok(`{ persons(filter: { q: "tran van duc" }, take: 200) { totalCount items { id fullName } } }`);
    expect(byName.persons.totalCount).toBe(byName.persons.items.length);
    expect(new Set(byName.persons.items.map((p: { fullName: string }) => p.fullName))).toEqual(new Set(['Trần Văn Đức']));
    expect(byName.persons.items.map((p: { id: string }) => p.id)).toContain(created.id);
    // Demo citizen IDs end in six digits from 100000: only the new one starts 087 0 80 0.
    const byId = await staff.ok(`{ persons(filter: { q: "0870800" }) { totalCount } }`);
    expect(byId.persons.totalCount).toBe(1);
    const hanoi = await unitId(api, '01', 'PROVINCE');
    const elsewhere = await api.as(tokens.PROVINCE_PLANNER).ok(`query($w: ID!) { persons(filter: { withinId: $w }) { totalCount } }`, { w: hanoi });
    expect(elsewhere.persons.totalCount).toBe(0);
    expect(onlyError(await api.as(tokens.COLLECTOR).gql(`{ persons { totalCount } }`)).code).toBe('FORBIDDEN');
  });

  it('pages the people of a hamlet in the order asked, and takes % and _ in a search as letters', async () => {
    const staff = api.as(tokens.BASE_STAFF);
    const [{ id: busiest }] = await api.ds.query(`SELECT hamlet_id AS id FROM person GROUP BY hamlet_id ORDER BY count(*) DESC, hamlet_id LIMIT 1`);
    const expected: { id: number }[] = await api.ds.query(`SELECT id FROM person WHERE hamlet_id = $1 ORDER BY date_of_birth DESC, id`, [busiest]);
    expect(expected.length).toBeGreaterThan(6);
    const PAGE = `query($h: ID!, $skip: Int, $take: Int) { persons(filter: { hamletId: $h }, sort: [{ field: "dateOfBirth", direction: DESC }], skip: $skip, take: $take) { totalCount items { id hamlet { id } } } }`;
    const pages = [];
    for (let skip = 0; skip < expected.length; skip += 5) pages.push((await staff.ok(PAGE, { h: String(busiest), skip, take: 5 })).persons);
    expect(pages.every((p) => p.totalCount === expected.length)).toBe(true);
    expect(pages.flatMap((p) => p.items.map((i: { id: string }) => Number(i.id)))).toEqual(expected.map((e) => e.id));
    expect(new Set(pages.flatMap((p) => p.items.map((i: { hamlet: { id: string } }) => i.hamlet.id)))).toEqual(new Set([String(busiest)]));
    // Past the end: the count, no rows; take 0: the count alone.
    expect((await staff.ok(PAGE, { h: String(busiest), skip: expected.length, take: 5 })).persons).toEqual({ totalCount: expected.length, items: [] });
    expect((await staff.ok(PAGE, { h: String(busiest), skip: 0, take: 0 })).persons).toEqual({ totalCount: expected.length, items: [] });
    // Each person's hamlet and household as the tables hold them (the page reads them with the persons).
    const shown = await staff.ok(
      `query($h: ID!) { persons(filter: { hamletId: $h }, take: 200) { items { id hamlet { id code name } household { id code hamlet { id } } } } }`,
      { h: String(busiest) },
    );
    const stored: { id: number; hamlet_code: string; hamlet_name: string; household_id: number | null; household_code: string | null; household_hamlet: number | null }[] = await api.ds.query(
      `SELECT p.id, h.code AS hamlet_code, h.name AS hamlet_name, hh.id AS household_id, hh.code AS household_code, hh.hamlet_id AS household_hamlet
         FROM person p JOIN org_unit h ON h.id = p.hamlet_id LEFT JOIN household hh ON hh.id = p.household_id WHERE p.hamlet_id = $1`,
      [busiest],
    );
    expect(stored.some((r) => r.household_id !== null)).toBe(true);
    const byId = new Map(stored.map((r) => [String(r.id), r]));
    expect(shown.persons.items).toHaveLength(Math.min(200, stored.length));
    for (const item of shown.persons.items) {
      const r = byId.get(item.id)!;
      expect(item.hamlet).toEqual({ id: String(busiest), code: r.hamlet_code, name: r.hamlet_name });
      expect(item.household).toEqual(r.household_id === null ? null : { id: String(r.household_id), code: r.household_code, hamlet: { id: String(r.household_hamlet) } });
    }
    // A LIKE wildcard typed in the box matches itself only: no name has one.
    for (const q of ['%', '_', 'n%n']) expect((await staff.ok(`query($q: String) { persons(filter: { q: $q }) { totalCount } }`, { q })).persons.totalCount).toBe(0);
    const bad = onlyError(await staff.gql(`{ persons(sort: [{ field: "search_key; DROP TABLE person", direction: ASC }]) { totalCount } }`));
    expect(bad.code).toBe('BAD_USER_INPUT');
  });

  it('refuses a malformed, contradicting or duplicate citizen ID with a message per field, and writes nothing', async () => {
    const staff = api.as(tokens.BASE_STAFF);
    const before = await personCount();
    const cases: [Record<string, unknown>, string][] = [
      [{ citizenId: '08718500123' }, 'person.citizenId.format'],
      [{ citizenId: '999185001234' }, 'person.citizenId.province'],
      [{ citizenId: '087085001234' }, 'person.citizenId.sex'],
      [{ citizenId: '087190001234' }, 'person.citizenId.year'],
      [{ citizenId: '087385001234' }, 'person.citizenId.century'],
      [{ citizenId: '087185001234' }, 'person.citizenId.duplicate'],
    ];
    for (const [change, key] of cases) {
      const ext = onlyError(await staff.gql(CREATE, { i: { ...base, ...change, hamletId: hamlet } }));
      expect(ext.fields[0], key).toMatchObject({ field: 'citizenId', messageKey: key });
      expect(ext.fields[0].message.vi).toBeTruthy();
    }
    const several = onlyError(await staff.gql(CREATE, { i: { ...base, fullName: ' ', phone: '12345', dateOfBirth: '2999-01-01', citizenId: '087199001111', hamletId: hamlet } }));
    expect(several.fields.map((f: { field: string }) => f.field).sort()).toEqual(['citizenId', 'dateOfBirth', 'fullName', 'phone']);
    const commune = await unitId(api, '30208', 'COMMUNE');
    const notHamlet = onlyError(await staff.gql(CREATE, { i: { ...base, citizenId: '087185009999', hamletId: commune } }));
    expect(notHamlet.fields[0]).toMatchObject({ field: 'hamletId', messageKey: 'person.hamlet.level' });
    expect(await personCount()).toBe(before);
  });

  it('keeps households with their members, in scope', async () => {
    const staff = api.as(tokens.BASE_STAFF);
    const household = (await staff.ok(`mutation($h: ID!) { createHousehold(input: { code: "HO-30208-001", hamletId: $h }) { id code } }`, { h: hamlet })).createHousehold;
    await staff.ok(CREATE, { i: { ...base, fullName: 'Lê Văn Ba', sex: 'MALE', citizenId: '087075000001', dateOfBirth: '1975-06-01', hamletId: hamlet, householdId: household.id } });
    await staff.ok(CREATE, { i: { ...base, fullName: 'Lê Thị Bốn', citizenId: '087178000002', dateOfBirth: '1978-06-01', hamletId: hamlet, householdId: household.id } });
    const data = await staff.ok(`query($id: ID!) { household(id: $id) { code hamlet { name } members { fullName } } }`, { id: household.id });
    expect(data.household).toEqual({ code: 'HO-30208-001', hamlet: { name: 'Ấp 1' }, members: [{ fullName: 'Lê Văn Ba' }, { fullName: 'Lê Thị Bốn' }] });
    const dup = onlyError(await staff.gql(`mutation($h: ID!) { createHousehold(input: { code: "HO-30208-001", hamletId: $h }) { id } }`, { h: hamlet }));
    expect(dup.fields[0]).toMatchObject({ field: 'code', messageKey: 'household.code.duplicate' });
  });
});
