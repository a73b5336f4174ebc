import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/log';
import { createAppServer } from '../src/server';
import { startTestApi, type TestApi } from './harness/api';
import { demoTokens, unitId, type Role } from './harness/demo';
import { onlyError } from './harness/org';

let api: TestApi;
let tokens: Record<Role, string>;
let hoaLongBase: string;
let hoaLongCommune: string;
let dongThap: string;
let saDec: string;

beforeAll(async () => {
  api = await startTestApi({ demo: true });
  tokens = await demoTokens(api);
  hoaLongBase = await unitId(api, 'BHXH-HOALONG');
  hoaLongCommune = await unitId(api, '30208', 'COMMUNE');
  dongThap = await unitId(api, '82', 'PROVINCE');
  saDec = await unitId(api, 'BHXH-SADEC');
});
afterAll(() => api?.close());

const LOGIN = `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token expiresAt user { username role scope { name } } } }`;
const ME = `{ me { username displayName role scope { code name } collectionOrganization { code } } }`;
const COMMUNES = `query($f: OrgUnitFilter) { orgUnits(filter: $f, take: 200) { totalCount items { code name } } }`;

async function userCount(): Promise<number> {
  const [{ n }] = await api.ds.query('SELECT count(*)::int AS n FROM app_user');
  return n;
}

describe('login and sessions', () => {
  it('logs in with the demo password and tells who is logged in', async () => {
    const data = await api.as(null).ok(LOGIN, { u: 'Staff.HoaLong', p: 'demo-Password-1' });
    expect(data.login.user).toEqual({ username: 'staff.hoalong', role: 'BASE_STAFF', scope: { name: 'BHXH cơ sở Hoa Long' } });
    const hours = (new Date(data.login.expiresAt).getTime() - Date.now()) / 3600_000;
    expect(hours).toBeGreaterThan(7.9);
    expect(hours).toBeLessThanOrEqual(8);
    const me = await api.as(data.login.token).ok(ME);
    expect(me.me).toMatchObject({ username: 'staff.hoalong', scope: { code: 'BHXH-HOALONG' }, collectionOrganization: null });
    const collector = await api.as(tokens.COLLECTOR).ok(ME);
    expect(collector.me.collectionOrganization).toEqual({ code: 'BUUDIEN-DT' });
  });

  it('answers a wrong password and an unknown user alike', async () => {
    const wrong = onlyError(await api.as(null).gql(LOGIN, { u: 'supervisor.dongthap', p: 'not-the-password' }));
    const unknown = onlyError(await api.as(null).gql(LOGIN, { u: 'nobody.at.all', p: 'not-the-password' }));
    expect(wrong).toEqual(unknown);
    expect(wrong).toMatchObject({ code: 'UNAUTHENTICATED', messageKey: 'auth.invalidCredentials' });
  });

  it('refuses requests without a token, with a forged one, and after logout', async () => {
    expect(onlyError(await api.as(null).gql(COMMUNES, { f: {} })).code).toBe('UNAUTHENTICATED');
    expect((await api.as(null).ok(ME)).me).toBeNull();
    const token = await api.login('supervisor.dongthap');
    const forged = token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    expect(onlyError(await api.as(forged).gql(ME)).code).toBe('UNAUTHENTICATED');
    expect(onlyError(await api.as('not-a-token').gql(COMMUNES, { f: {} })).code).toBe('UNAUTHENTICATED');
    expect((await api.as(token).ok(`mutation { logout }`)).logout).toBe(true);
    expect(onlyError(await api.as(token).gql(ME)).messageKey).toBe('auth.invalidToken');
  });

  it('ends every session of a user who is deactivated, and lets nobody log in as them', async () => {
    const created = await api.ok(`mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`, {
      i: { username: 'tam.nghi', displayName: 'Tạm Nghỉ', password: 'long-enough-1', role: 'SUPERVISOR', scopeUnitId: hoaLongBase },
    });
    const [t1, t2] = [await api.login('tam.nghi', 'long-enough-1'), await api.login('tam.nghi', 'long-enough-1')];
    await api.ok(`mutation($id: ID!) { updateUser(id: $id, input: { active: false }) { active } }`, { id: created.createUser.id });
    for (const t of [t1, t2]) expect(onlyError(await api.as(t).gql(ME)).code).toBe('UNAUTHENTICATED');
    expect(onlyError(await api.as(null).gql(LOGIN, { u: 'tam.nghi', p: 'long-enough-1' })).messageKey).toBe('auth.invalidCredentials');
  });

  it('changes a password: other sessions end, the returned token works, the old password does not', async () => {
    await api.ok(`mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`, {
      i: { username: 'doi.matkhau', displayName: 'Đổi Mật Khẩu', password: 'first-Password-1', role: 'SUPERVISOR', scopeUnitId: dongThap },
    });
    const other = await api.login('doi.matkhau', 'first-Password-1');
    const current = await api.login('doi.matkhau', 'first-Password-1');
    const weak = onlyError(await api.as(current).gql(`mutation { changePassword(currentPassword: "first-Password-1", newPassword: "short") { token } }`));
    expect(weak.fields[0]).toMatchObject({ field: 'newPassword', messageKey: 'auth.password.short' });
    const wrong = onlyError(await api.as(current).gql(`mutation { changePassword(currentPassword: "nope-nope-nope", newPassword: "second-Password-2") { token } }`));
    expect(wrong.fields[0]).toMatchObject({ field: 'currentPassword', messageKey: 'auth.password.wrong' });
    const changed = await api.as(current).ok(`mutation { changePassword(currentPassword: "first-Password-1", newPassword: "second-Password-2") { token } }`);
    expect((await api.as(changed.changePassword.token).ok(ME)).me.username).toBe('doi.matkhau');
    expect(onlyError(await api.as(other).gql(ME)).code).toBe('UNAUTHENTICATED');
    expect(onlyError(await api.as(null).gql(LOGIN, { u: 'doi.matkhau', p: 'first-Password-1' })).code).toBe('UNAUTHENTICATED');
    await api.login('doi.matkhau', 'second-Password-2');
  });

  it('throttles a username after 5 failures, with the same answer for users that do not exist', async () => {
    for (let i = 0; i < 5; i++) await api.as(null).gql(LOGIN, { u: 'planner.dongthap', p: `guess-${i}-xxxxx` });
    const blocked = onlyError(await api.as(null).gql(LOGIN, { u: 'planner.dongthap', p: 'demo-Password-1' }));
    expect(blocked).toMatchObject({ code: 'UNAUTHENTICATED', messageKey: 'auth.throttled' });
    expect(blocked.message.vi).toMatch(/thử lại sau \d+ phút/);
    for (let i = 0; i < 5; i++) await api.as(null).gql(LOGIN, { u: 'khong.ton.tai', p: `guess-${i}-xxxxx` });
    expect(onlyError(await api.as(null).gql(LOGIN, { u: 'khong.ton.tai', p: 'x' })).messageKey).toBe('auth.throttled');
    // the planner's existing session is untouched, and other users can still log in
    expect((await api.as(tokens.PROVINCE_PLANNER).ok(ME)).me.username).toBe('planner.dongthap');
    await api.login('supervisor.dongthap');
  });
});

describe('scope', () => {
  it('shows base staff the communes of Hoa Long and no other base office', async () => {
    const communes = await api.as(tokens.BASE_STAFF).ok(COMMUNES, { f: { level: 'COMMUNE' } });
    expect(communes.orgUnits.items.map((u: { code: string }) => u.code).sort()).toEqual(['30208', '30214', '30226', '30235']);
    expect(communes.orgUnits.totalCount).toBe(4);
    const bases = await api.as(tokens.BASE_STAFF).ok(COMMUNES, { f: { level: 'BASE' } });
    expect(bases.orgUnits.items.map((u: { code: string }) => u.code)).toEqual(['BHXH-HOALONG']);
    const province = await api.as(tokens.BASE_STAFF).ok(`query($id: ID!) { orgUnit(id: $id) { name childCount children { code } } }`, { id: dongThap });
    expect(province.orgUnit.children.map((c: { code: string }) => c.code)).toEqual(['BHXH-HOALONG']);
    expect(province.orgUnit.childCount).toBe(1);
    expect(onlyError(await api.as(tokens.BASE_STAFF).gql(`query($id: ID!) { orgUnit(id: $id) { name } }`, { id: saDec })).code).toBe('FORBIDDEN');
    const search = await api.as(tokens.BASE_STAFF).ok(COMMUNES, { f: { q: 'sa dec' } });
    expect(search.orgUnits.totalCount).toBe(0);
  });

  it('shows a planner the 102 communes of Đồng Tháp and nothing of other provinces', async () => {
    const communes = await api.as(tokens.PROVINCE_PLANNER).ok(COMMUNES, { f: { level: 'COMMUNE' } });
    expect(communes.orgUnits.totalCount).toBe(102);
    const provinces = await api.as(tokens.PROVINCE_PLANNER).ok(COMMUNES, { f: { level: 'PROVINCE' } });
    expect(provinces.orgUnits.items.map((u: { code: string }) => u.code)).toEqual(['82']);
    const all = await api.ok(COMMUNES, { f: { level: 'COMMUNE' } });
    expect(all.orgUnits.totalCount).toBe(3321);
  });

  it('lets base staff add a hamlet to their commune, but not a commune, nor a hamlet elsewhere', async () => {
    const CREATE = `mutation($i: CreateOrgUnitInput!) { createOrgUnit(input: $i) { id name } }`;
    const ok = await api.as(tokens.BASE_STAFF).ok(CREATE, { i: { code: '30208-90', name: 'Ấp Mới', level: 'HAMLET', parentId: hoaLongCommune, validFrom: '2025-07-01' } });
    expect(ok.createOrgUnit.name).toBe('Ấp Mới');
    const commune = onlyError(await api.as(tokens.BASE_STAFF).gql(CREATE, { i: { code: '39999', name: 'Xã Mới', level: 'COMMUNE', parentId: hoaLongBase, validFrom: '2025-07-01' } }));
    expect(commune.code).toBe('FORBIDDEN');
    const saDecCommune = (await api.ok(`query($id: ID!) { orgUnit(id: $id) { children { id } } }`, { id: saDec })).orgUnit.children[0].id;
    const elsewhere = onlyError(await api.as(tokens.BASE_STAFF).gql(CREATE, { i: { code: 'X-90', name: 'Ấp Lạ', level: 'HAMLET', parentId: saDecCommune, validFrom: '2025-07-01' } }));
    expect(elsewhere.code).toBe('FORBIDDEN');
    const supervisor = onlyError(await api.as(tokens.SUPERVISOR).gql(CREATE, { i: { code: '30208-91', name: 'Ấp Khác', level: 'HAMLET', parentId: hoaLongCommune, validFrom: '2025-07-01' } }));
    expect(supervisor.code).toBe('FORBIDDEN');
  });
});

describe('creating accounts', () => {
  const CREATE = `mutation($i: CreateUserInput!) { createUser(input: $i) { id username role scope { code } } }`;

  it('refuses bad input with a message per field, and writes nothing', async () => {
    const before = await userCount();
    const weak = onlyError(await api.gql(CREATE, { i: { username: 'a', displayName: ' ', password: 'short', role: 'SUPERVISOR', scopeUnitId: dongThap } }));
    expect(weak.fields.map((f: { field: string }) => f.field).sort()).toEqual(['displayName', 'password', 'username']);
    const dup = onlyError(await api.gql(CREATE, { i: { username: 'staff.hoalong', displayName: 'Trùng', password: 'long-enough-1', role: 'BASE_STAFF', scopeUnitId: hoaLongBase } }));
    expect(dup.fields[0]).toMatchObject({ field: 'username', messageKey: 'user.username.taken' });
    const planner = api.as(tokens.PROVINCE_PLANNER);
    const admin = onlyError(await planner.gql(CREATE, { i: { username: 'new.admin', displayName: 'Admin', password: 'long-enough-1', role: 'ADMIN', scopeUnitId: dongThap } }));
    expect(admin.fields[0]).toMatchObject({ field: 'role', messageKey: 'user.role.notGrantable' });
    const hanoi = await unitId(api, '01', 'PROVINCE');
    const outside = onlyError(await planner.gql(CREATE, { i: { username: 'ha.noi', displayName: 'Hà Nội', password: 'long-enough-1', role: 'SUPERVISOR', scopeUnitId: hanoi } }));
    expect(outside.fields[0]).toMatchObject({ field: 'scopeUnitId', messageKey: 'user.scope.outside' });
    const level = onlyError(await planner.gql(CREATE, { i: { username: 'sai.cap', displayName: 'Sai Cấp', password: 'long-enough-1', role: 'BASE_STAFF', scopeUnitId: dongThap } }));
    expect(level.fields[0]).toMatchObject({ field: 'scopeUnitId', messageKey: 'user.scope.level' });
    const collector = onlyError(await planner.gql(CREATE, { i: { username: 'thu.tien', displayName: 'Thu', password: 'long-enough-1', role: 'COLLECTOR', scopeUnitId: hoaLongBase } }));
    expect(collector.fields[0]).toMatchObject({ field: 'collectionOrganizationId', messageKey: 'user.collector.required' });
    expect(onlyError(await api.as(tokens.BASE_STAFF).gql(CREATE, { i: { username: 'x.y', displayName: 'X', password: 'long-enough-1', role: 'SUPERVISOR', scopeUnitId: hoaLongBase } })).code).toBe('FORBIDDEN');
    expect(await userCount()).toBe(before);
  });

  it('lets a planner create staff of a base office in the province, and lists only the province\'s accounts', async () => {
    const planner = api.as(tokens.PROVINCE_PLANNER);
    const created = await planner.ok(CREATE, { i: { username: 'nv.sadec', displayName: 'Nhân viên Sa Đéc', password: 'long-enough-1', role: 'BASE_STAFF', scopeUnitId: saDec } });
    expect(created.createUser).toMatchObject({ username: 'nv.sadec', role: 'BASE_STAFF', scope: { code: 'BHXH-SADEC' } });
    const listed = await planner.ok(`{ users(take: 200) { totalCount items { username } } }`);
    const names = listed.users.items.map((u: { username: string }) => u.username);
    expect(names).toContain('nv.sadec');
    expect(names).not.toContain('admin');
    expect(listed.users.totalCount).toBe(names.length);
    const adminId = (await api.ok(`{ users(filter: { q: "admin" }) { items { id username } } }`)).users.items.find((u: { username: string }) => u.username === 'admin').id;
    expect(onlyError(await planner.gql(`mutation($id: ID!) { resetUserPassword(id: $id, newPassword: "hijacked-Password-1") { id } }`, { id: adminId })).code).toBe('FORBIDDEN');
  });
});

describe('audit trail', () => {
  it('records who renamed what, when, with the name before and after; planners see their province only', async () => {
    const hamlet = await api.as(tokens.BASE_STAFF).ok(`mutation($i: CreateOrgUnitInput!) { createOrgUnit(input: $i) { id } }`, {
      i: { code: '30208-95', name: 'Ấp Cũ', level: 'HAMLET', parentId: hoaLongCommune, validFrom: '2025-07-01' },
    });
    const id = hamlet.createOrgUnit.id;
    await api.as(tokens.BASE_STAFF).ok(`mutation($id: ID!) { renameOrgUnit(id: $id, name: "Ấp Mới Đổi", effectiveDate: "2025-09-01") { id } }`, { id });
    const AUDIT = `query($f: AuditEventFilter) { auditEvents(filter: $f) { totalCount items { action actorUsername requestId entity entityId changes { field before after } } } }`;
    const events = await api.as(tokens.PROVINCE_PLANNER).ok(AUDIT, { f: { entity: 'orgUnit', entityId: id } });
    expect(events.auditEvents.items.map((e: { action: string }) => e.action)).toEqual(['orgUnit.rename', 'orgUnit.create']);
    const rename = events.auditEvents.items[0];
    expect(rename).toMatchObject({ actorUsername: 'staff.hoalong', entity: 'orgUnit', entityId: id });
    expect(rename.requestId).toBeTruthy();
    expect(rename.changes).toContainEqual({ field: 'name', before: '"Ấp Cũ"', after: '"Ấp Mới Đổi"' });
    expect(onlyError(await api.as(tokens.BASE_STAFF).gql(AUDIT, { f: {} })).code).toBe('FORBIDDEN');
    const hanoi = await unitId(api, '01', 'PROVINCE');
    const foreign = await api.as(tokens.PROVINCE_PLANNER).ok(AUDIT, { f: { withinId: hanoi } });
    expect(foreign.auditEvents.totalCount).toBe(0);
  });

  it('writes no event for a refused change', async () => {
    const [{ n: before }] = await api.ds.query('SELECT count(*)::int AS n FROM audit_event');
    await api.as(tokens.SUPERVISOR).gql(`mutation($id: ID!) { renameOrgUnit(id: $id, name: "Không Được", effectiveDate: "2025-09-01") { id } }`, { id: hoaLongCommune });
    await api.gql(`mutation($id: ID!) { renameOrgUnit(id: $id, name: "", effectiveDate: "2025-09-01") { id } }`, { id: hoaLongCommune });
    const [{ n: after }] = await api.ds.query('SELECT count(*)::int AS n FROM audit_event');
    expect(after).toBe(before);
  });
});

describe('sessions across API replicas', () => {
  /** Another API process on the same database (a replica behind the load balancer). */
  async function replica(env: Record<string, string>) {
    const config = loadConfig({ ...process.env, DATABASE_URL: '', LOG_LEVEL: 'silent', ...env });
    const server = await createAppServer(config, api.ds, createLogger('silent'), api.kind);
    const port = await server.listen(0, '127.0.0.1');
    const me = async (token: string) => {
      const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: ME }),
      });
      return (await res.json()) as { data?: { me: { username: string } | null }; errors?: { extensions: { code: string } }[] };
    };
    return { me, close: () => server.close() };
  }

  it('refuses a session ended on another replica within SESSION_CACHE_SECONDS there, and at once where it was ended', async () => {
    const other = await replica({ SESSION_CACHE_SECONDS: '1' });
    const uncached = await replica({ SESSION_CACHE_SECONDS: '0' });
    try {
      const token = await api.login('supervisor.dongthap');
      // Both replicas know the session (the first keeps it for a second).
      expect((await other.me(token)).data?.me?.username).toBe('supervisor.dongthap');
      expect((await uncached.me(token)).data?.me?.username).toBe('supervisor.dongthap');
      expect((await api.as(token).ok(`mutation { logout }`)).logout).toBe(true);
      // Where it was ended, and where nothing is kept: refused at once.
      expect(onlyError(await api.as(token).gql(ME)).messageKey).toBe('auth.invalidToken');
      expect((await uncached.me(token)).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      // The other replica: after its second at most.
      await new Promise((r) => setTimeout(r, 1_100));
      expect((await other.me(token)).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    } finally {
      await other.close();
      await uncached.close();
    }
  });

  it('refuses a session revoked in the database (by SQL, by an older replica) within SESSION_CACHE_SECONDS', async () => {
    const other = await replica({ SESSION_CACHE_SECONDS: '1' });
    try {
      const token = await api.login('supervisor.dongthap');
      expect((await other.me(token)).data?.me?.username).toBe('supervisor.dongthap');
      const [, sessionId] = token.split('.');
      await api.ds.query(`UPDATE user_session SET revoked_at = now() WHERE id = $1`, [sessionId]);
      await new Promise((r) => setTimeout(r, 1_100));
      expect((await other.me(token)).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    } finally {
      await other.close();
    }
  });

  it('refuses a bad SESSION_CACHE_SECONDS by name', () => {
    for (const bad of ['-1', 'five', '301']) expect(() => loadConfig({ SESSION_CACHE_SECONDS: bad })).toThrow(/SESSION_CACHE_SECONDS/);
    expect(loadConfig({}).sessionCacheSeconds).toBe(5);
  });
});

describe('hardening', () => {
  it('sends security headers', async () => {
    const res = await fetch(`${api.url}/healthz`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('answers GraphQL with the same security headers whichever way the body comes, and a clear 400 for a body that is not JSON', async () => {
    // A body of known length goes straight to Apollo; a chunked one (no length) the Express way.
    const body = JSON.stringify({ query: '{ __typename }' });
    const direct = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const chunked = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: new Blob([body]).stream(), duplex: 'half' } as RequestInit);
    for (const res of [direct, chunked]) {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/(graphql-response\+)?json/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('x-powered-by')).toBeNull();
      expect(await res.json()).toEqual({ data: { __typename: 'Query' } });
    }
    const broken = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": "{ __typename }"' });
    expect(broken.status).toBe(400);
    expect(broken.headers.get('x-content-type-options')).toBe('nosniff');
    expect(((await broken.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('refuses a body too large, or not JSON, with a GraphQL error in both languages whichever way it comes', async () => {
    type Refusal = { errors: { message: string; extensions: { code: string; message: { vi: string; en: string } } }[] };
    const post = (body: string, chunked: boolean) =>
      fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        ...(chunked ? { body: new Blob([body]).stream(), duplex: 'half' } : { body }),
      } as RequestInit);
    // 1 MB is the limit: a query padded past it, sent with its length and chunked.
    const huge = JSON.stringify({ query: `{ __typename }${' '.repeat(1024 * 1024)}` });
    for (const chunked of [false, true]) {
      const res = await post(huge, chunked);
      expect(res.status).toBe(413);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const [error] = ((await res.json()) as Refusal).errors;
      expect(error.extensions.code).toBe('PAYLOAD_TOO_LARGE');
      expect(error.extensions.message).toEqual({ vi: 'Yêu cầu quá lớn: tối đa 1024 KB', en: 'The request is too large: at most 1024 KB' });
      expect(error.message).toBe(error.extensions.message.vi);
    }
    for (const chunked of [false, true]) {
      const res = await post('{"query": ', chunked);
      expect(res.status).toBe(400);
      const [error] = ((await res.json()) as Refusal).errors;
      expect(error.extensions.code).toBe('BAD_REQUEST');
      expect(error.extensions.message.vi).toMatch(/^Nội dung yêu cầu không phải JSON hợp lệ/);
      expect(error.extensions.message.en).toMatch(/^The request body is not valid JSON/);
    }
    // A charset JSON is never sent in: 415, still a GraphQL error.
    const latin = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json; charset=koi8-r' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(latin.status).toBe(415);
    const [unread] = ((await latin.json()) as Refusal).errors;
    expect(unread.extensions.code).toBe('BAD_REQUEST');
    expect(unread.extensions.message.vi).toMatch(/^Không đọc được nội dung yêu cầu/);
    // Just under the limit still runs.
    const fits = await post(JSON.stringify({ query: `{ __typename }${' '.repeat(1024 * 1024 - 40)}` }), false);
    expect(fits.status).toBe(200);
    expect(await fits.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('records the client address a trusted proxy forwards, on either way in', async () => {
    // The API behind a load balancer on the same host (loopback is trusted): the session records
    // the first address of X-Forwarded-For, not the balancer's.
    const login = (address: string, chunked: boolean) => {
      const body = JSON.stringify({ query: LOGIN, variables: { u: 'Staff.HoaLong', p: 'demo-Password-1' } });
      return fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
        body: chunked ? new Blob([body]).stream() : body,
        duplex: 'half',
      } as RequestInit).then((r) => r.json() as Promise<{ errors?: unknown[] }>);
    };
    for (const [address, chunked] of [['203.0.113.7', false], ['203.0.113.8', true]] as const) {
      const answer = await login(address, chunked);
      expect(answer.errors).toBeUndefined();
      const [session] = await api.ds.query(`SELECT s.address FROM user_session s JOIN app_user u ON u.id = s.user_id WHERE u.username = 'staff.hoalong' ORDER BY s.expires_at DESC LIMIT 1`);
      expect(session.address).toBe(address);
    }
  });

  it('turns introspection off when NODE_ENV=production', async () => {
    const config = loadConfig({ ...process.env, NODE_ENV: 'production', DATABASE_URL: '', LOG_LEVEL: 'silent' });
    const server = await createAppServer(config, api.ds, createLogger('silent'), api.kind);
    const port = await server.listen(0, '127.0.0.1');
    try {
      const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __schema { types { name } } }' }),
      });
      const body = (await res.json()) as { errors: { extensions: { code: string } }[]; data?: unknown };
      expect(body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(body.data).toBeUndefined();
    } finally {
      await server.close();
    }
    const dev = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }) });
    expect(((await dev.json()) as { data: { __schema: { queryType: { name: string } } } }).data.__schema.queryType.name).toBe('Query');
  });
});
