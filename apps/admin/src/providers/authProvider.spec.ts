import { existsSync, readFileSync } from 'node:fs';
import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { buildSchema, execute, validate, type GraphQLFormattedError } from 'graphql';
import { HttpError } from 'react-admin';
import { from } from 'rxjs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createAuthProvider } from './authProvider';
import { canAccess, type Permissions } from './permissions';
import { SessionStore, TOKEN_STORAGE_KEY, type SessionStorage } from './session';

/**
 * The authProvider against the API's emitted schema: what it stores, what it sends, and how
 * react-admin is told to log out (UNAUTHENTICATED) or to stay (FORBIDDEN).
 */
const schemaUrl = new URL('../../../api/schema.graphql', import.meta.url);
const schema = existsSync(schemaUrl) ? buildSchema(readFileSync(schemaUrl, 'utf8')) : null;

const inOneHour = () => new Date(Date.now() + 3600_000).toISOString();

const planner = {
  id: '2',
  username: 'planner.dongthap',
  displayName: 'Nguyễn Thị Lan',
  role: 'PROVINCE_PLANNER',
  scope: { id: '52', name: 'Tỉnh Đồng Tháp', level: 'PROVINCE', path: '/1/52/' },
  collectionOrganization: null,
};

interface Call {
  operationName: string | undefined;
  variables: Record<string, unknown>;
  authorization?: string;
}

let calls: Call[];
let failWith: GraphQLFormattedError | null;
let tokenCount: number;

const rootValue = {
  login: () => ({ token: `token-${++tokenCount}`, expiresAt: inOneHour(), user: planner }),
  logout: () => true,
  changePassword: () => ({ token: `token-${++tokenCount}`, expiresAt: inOneHour(), user: planner }),
};

const link = new ApolloLink((operation) => {
  const errors = schema ? validate(schema, operation.query) : [];
  if (errors.length > 0) throw new Error(`${operation.operationName}: ${errors.map((e) => e.message).join('; ')}`);
  const headers = operation.getContext().headers as Record<string, string> | undefined;
  calls.push({ operationName: operation.operationName, variables: operation.variables, authorization: headers?.Authorization });
  if (failWith) return from([{ errors: [failWith] }]);
  return from(
    Promise.resolve(execute({ schema: schema!, document: operation.query, variableValues: operation.variables, rootValue })).then(
      (result) => ({ data: result.data }),
    ),
  );
});

class MemoryStorage implements SessionStorage {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

let storage: MemoryStorage;
let client: ApolloClient;
let auth: ReturnType<typeof createAuthProvider>;

beforeEach(() => {
  calls = [];
  failWith = null;
  tokenCount = 0;
  storage = new MemoryStorage();
  client = new ApolloClient({ link, cache: new InMemoryCache() });
  auth = createAuthProvider({
    client,
    getLocale: () => 'vi',
    translate: (key) => (key === 'app.roles.PROVINCE_PLANNER' ? 'Kế hoạch tỉnh' : key),
    store: new SessionStore(storage),
    logoutTimeoutMs: 50,
  });
});

describe.skipIf(!schema)('authProvider', () => {
  it('logs in: stores the token, its expiry and the account, and empties the Apollo cache', async () => {
    const clearStore = vi.spyOn(client, 'clearStore');
    await auth.login({ username: ' planner.dongthap ', password: 'demo-Password-1' });
    expect(calls[0]).toMatchObject({
      operationName: 'Login',
      variables: { username: 'planner.dongthap', password: 'demo-Password-1' },
    });
    expect(storage.getItem(TOKEN_STORAGE_KEY)).toBe('token-1');
    await expect(auth.checkAuth({})).resolves.toBeUndefined();
    expect(clearStore).toHaveBeenCalled();
    await expect(auth.getIdentity!()).resolves.toMatchObject({
      id: '2',
      fullName: 'Nguyễn Thị Lan',
      role: 'PROVINCE_PLANNER',
      roleLabel: 'Kế hoạch tỉnh',
      scope: { name: 'Tỉnh Đồng Tháp' },
    });
    await expect(auth.getPermissions!({})).resolves.toMatchObject({ role: 'PROVINCE_PLANNER', scope: planner.scope });
  });

  it("refuses a wrong password with the API's Vietnamese message and stores nothing", async () => {
    failWith = {
      message: 'Sai tên đăng nhập hoặc mật khẩu',
      extensions: {
        code: 'UNAUTHENTICATED',
        message: { vi: 'Sai tên đăng nhập hoặc mật khẩu', en: 'Wrong username or password' },
      },
    };
    const error = await auth.login({ username: 'admin', password: 'sai' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ message: 'Sai tên đăng nhập hoặc mật khẩu', status: 401 });
    expect(storage.items.size).toBe(0);
    await expect(auth.checkAuth({})).rejects.toEqual({ message: false });
  });

  it('logs out with the stored token and forgets the session even when the API refuses', async () => {
    await auth.login({ username: 'planner.dongthap', password: 'demo-Password-1' });
    failWith = { message: 'Hãy đăng nhập', extensions: { code: 'UNAUTHENTICATED' } };
    await auth.logout({});
    expect(calls[1]).toMatchObject({ operationName: 'Logout', authorization: 'Bearer token-1' });
    expect(storage.items.size).toBe(0);
    await expect(auth.checkAuth({})).rejects.toBeDefined();
    // Nothing to revoke the second time.
    await auth.logout({});
    expect(calls).toHaveLength(2);
  });

  it('treats an expired session as logged out, with a message', async () => {
    await auth.login({ username: 'planner.dongthap', password: 'demo-Password-1' });
    storage.setItem('baophu.tokenExpiresAt', new Date(Date.now() - 1000).toISOString());
    await expect(auth.checkAuth({})).rejects.toEqual({ message: 'app.auth.expired' });
    expect(storage.getItem(TOKEN_STORAGE_KEY)).toBeNull();
  });

  it('logs out on UNAUTHENTICATED and stays on FORBIDDEN', async () => {
    const ended = new HttpError('Phiên đăng nhập không hợp lệ hoặc đã kết thúc; hãy đăng nhập lại', 401, { code: 'UNAUTHENTICATED' });
    await expect(auth.checkError(ended)).rejects.toEqual({ message: ended.message });
    const forbidden = new HttpError('Bạn không có quyền thực hiện việc này trong phạm vi của mình', 403, { code: 'FORBIDDEN' });
    await expect(auth.checkError(forbidden)).resolves.toBeUndefined();
    await expect(auth.checkError(new HttpError('Mã đã được dùng', 400, { code: 'BAD_USER_INPUT' }))).resolves.toBeUndefined();
  });

  it('replaces the stored token with the one changePassword returns', async () => {
    await auth.login({ username: 'planner.dongthap', password: 'demo-Password-1' });
    await auth.changePassword({ currentPassword: 'demo-Password-1', newPassword: 'mot-mat-khau-moi' });
    expect(calls[1]).toMatchObject({
      operationName: 'ChangePassword',
      variables: { currentPassword: 'demo-Password-1', newPassword: 'mot-mat-khau-moi' },
    });
    expect(storage.getItem(TOKEN_STORAGE_KEY)).toBe('token-2');
  });

  it('keeps the old token when the current password is wrong, and puts the message on the field', async () => {
    await auth.login({ username: 'planner.dongthap', password: 'demo-Password-1' });
    failWith = {
      message: 'Mật khẩu hiện tại không đúng',
      extensions: {
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'currentPassword', message: { vi: 'Mật khẩu hiện tại không đúng', en: 'The current password is wrong' } }],
      },
    };
    const error = await auth.changePassword({ currentPassword: 'sai', newPassword: 'mot-mat-khau-moi' }).catch((e: unknown) => e);
    expect((error as HttpError).body.errors.currentPassword).toBe('Mật khẩu hiện tại không đúng');
    expect(storage.getItem(TOKEN_STORAGE_KEY)).toBe('token-1');
  });
});

describe('what each role is offered', () => {
  const as = (role: Permissions['role'], scope: Permissions['scope']): Permissions => ({ role, scope });
  const country = { id: '1', name: 'Việt Nam', level: 'COUNTRY', path: '/1/' };
  const dongThap = { id: '52', name: 'Tỉnh Đồng Tháp', level: 'PROVINCE', path: '/1/52/' };
  const hoaLong = { id: '700', name: 'BHXH cơ sở Hoa Long', level: 'BASE', path: '/1/52/700/' };
  const commune = { id: '30208', level: 'COMMUNE', path: '/1/52/700/30208/' };
  const hamlet = { id: '90001', level: 'HAMLET', path: '/1/52/700/30208/90001/' };
  const otherHamlet = { id: '90002', level: 'HAMLET', path: '/1/60/800/31000/90002/' };

  it('opens accounts and the audit trail to administrators and planners only', () => {
    for (const role of ['ADMIN', 'PROVINCE_PLANNER'] as const) {
      expect(canAccess(as(role, role === 'ADMIN' ? country : dongThap), { action: 'list', resource: 'users' })).toBe(true);
      expect(canAccess(as(role, dongThap), { action: 'list', resource: 'auditEvents' })).toBe(true);
    }
    for (const role of ['BASE_STAFF', 'SUPERVISOR', 'COLLECTOR'] as const) {
      expect(canAccess(as(role, hoaLong), { action: 'list', resource: 'users' })).toBe(false);
      expect(canAccess(as(role, hoaLong), { action: 'list', resource: 'auditEvents' })).toBe(false);
    }
    expect(canAccess(null, { action: 'list', resource: 'orgUnits' })).toBe(false);
  });

  it('lets read-only roles see units but change none', () => {
    for (const role of ['SUPERVISOR', 'COLLECTOR'] as const) {
      expect(canAccess(as(role, dongThap), { action: 'show', resource: 'orgUnits', record: hamlet })).toBe(true);
      for (const action of ['create', 'edit', 'rename', 'move', 'merge', 'delete']) {
        expect(canAccess(as(role, dongThap), { action, resource: 'orgUnits', record: hamlet })).toBe(false);
      }
    }
  });

  it('lets base staff change the hamlets of their base office only', () => {
    const staff = as('BASE_STAFF', hoaLong);
    expect(canAccess(staff, { action: 'rename', resource: 'orgUnits', record: hamlet })).toBe(true);
    expect(canAccess(staff, { action: 'delete', resource: 'orgUnits', record: hamlet })).toBe(true);
    expect(canAccess(staff, { action: 'rename', resource: 'orgUnits', record: commune })).toBe(false);
    expect(canAccess(staff, { action: 'edit', resource: 'orgUnits', record: { ...dongThap } })).toBe(false);
    expect(canAccess(staff, { action: 'rename', resource: 'orgUnits', record: otherHamlet })).toBe(false);
  });

  it('lets planners change what lies below their province, not the province itself', () => {
    const p = as('PROVINCE_PLANNER', dongThap);
    expect(canAccess(p, { action: 'move', resource: 'orgUnits', record: commune })).toBe(true);
    expect(canAccess(p, { action: 'rename', resource: 'orgUnits', record: { ...dongThap } })).toBe(false);
    expect(canAccess(p, { action: 'edit', resource: 'users', record: { role: 'ADMIN' } })).toBe(false);
    expect(canAccess(p, { action: 'delete', resource: 'users', record: { role: 'SUPERVISOR' } })).toBe(false);
  });

  it('opens the register of people to every role but collectors, and its changes to base staff and administrators', () => {
    const actions = ['create', 'edit', 'enroll', 'recordPayment', 'createHousehold', 'addMember'];
    for (const role of ['ADMIN', 'BASE_STAFF'] as const) {
      for (const action of ['list', 'show', ...actions]) {
        expect(canAccess(as(role, hoaLong), { action, resource: 'persons' }), `${role} ${action}`).toBe(true);
      }
    }
    for (const role of ['PROVINCE_PLANNER', 'SUPERVISOR'] as const) {
      const p = as(role, dongThap);
      expect(canAccess(p, { action: 'show', resource: 'persons' })).toBe(true);
      expect(canAccess(p, { action: 'show', resource: 'households' })).toBe(true);
      expect(canAccess(p, { action: 'revealPersonalData', resource: 'persons' })).toBe(true);
      for (const action of actions) expect(canAccess(p, { action, resource: 'persons' }), `${role} ${action}`).toBe(false);
    }
    const collector = as('COLLECTOR', hoaLong);
    for (const action of ['list', 'show', 'recordPayment', 'revealPersonalData']) {
      expect(canAccess(collector, { action, resource: 'persons' })).toBe(false);
    }
    expect(canAccess(collector, { action: 'show', resource: 'households' })).toBe(false);
    expect(canAccess(as('BASE_STAFF', hoaLong), { action: 'delete', resource: 'persons' })).toBe(false);
  });
});
