import { readFileSync } from 'node:fs';
import { ApolloClient, ApolloLink, gql, InMemoryCache } from '@apollo/client';
import {
  buildSchema,
  execute,
  GraphQLError,
  type GraphQLSchema,
  validate,
  type GraphQLFormattedError,
} from 'graphql';
import { HttpError } from 'react-admin';
import { from } from 'rxjs';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditEventsDescriptor } from '../resources/audit-events/queries';
import { MERGE_ORG_UNITS, MOVE_ORG_UNIT, orgUnitsDescriptor, RENAME_ORG_UNIT } from '../resources/org-units/queries';
import { ENROLL, enrollmentsDescriptor, RECORD_PAYMENT } from '../resources/enrollments/queries';
import { householdsDescriptor } from '../resources/households/queries';
import { CREATE_HOUSEHOLD, personsDescriptor, REVEAL_PERSONAL_DATA, SET_HOUSEHOLD } from '../resources/persons/queries';
import { RESET_USER_PASSWORD, usersDescriptor } from '../resources/users/queries';
import { createDataProvider } from './dataProvider';

/**
 * The dataProvider against the API's emitted GraphQL schema (apps/api/schema.graphql): every document it sends must validate, every variable
 * must coerce, and the API's errors must reach react-admin in the user's language with field
 * errors on the fields.
 */
const schemaText = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
/** The API's emitted, committed schema is the truth: every document must validate there. */
const emittedSchema = buildSchema(schemaText('../../../api/schema.graphql'));
const schema = emittedSchema;

const unit = (id: string, over: Record<string, unknown> = {}) => ({
  id,
  code: `C${id}`,
  name: `Unit ${id}`,
  level: 'COMMUNE',
  parentId: '1',
  parent: { id: '1', code: '87', name: 'Tỉnh Đồng Tháp', level: 'PROVINCE', closed: false, validFrom: '2025-07-01', validTo: null },
  path: `/1/${id}/`,
  validFrom: '2025-07-01',
  validTo: null,
  closed: false,
  synthetic: false,
  childCount: 0,
  children: [],
  ancestors: [],
  successors: [],
  predecessors: [],
  nameHistory: [],
  parentHistory: [],
  statistics: [],
  ...over,
});

interface Call {
  operationName: string | undefined;
  variables: Record<string, unknown>;
}

let calls: Call[];
let failWith: GraphQLFormattedError | null;

const rootValue = {
  orgUnits: () => ({ items: [unit('30208'), unit('30214')], totalCount: 2 }),
  orgUnit: ({ id }: { id: string }) => (id === '404' ? null : unit(id)),
  createOrgUnit: ({ input }: { input: Record<string, unknown> }) => unit('900', input),
  updateOrgUnit: ({ id, input }: { id: string; input: Record<string, unknown> }) => unit(id, input),
  deleteOrgUnit: ({ id }: { id: string }) => id,
  renameOrgUnit: ({ id, name }: { id: string; name: string }) => unit(id, { name }),
  moveOrgUnit: ({ id, newParentId }: { id: string; newParentId: string }) => unit(id, { parentId: newParentId }),
  mergeOrgUnits: () => unit('901', { name: 'Xã Hòa Long' }),
};

/**
 * Executes in-process against `run.schema`; a document that one of `checked` rejects fails the
 * test before anything is recorded.
 */
function schemaLink(
  checked: ReadonlyArray<readonly [string, GraphQLSchema | null]>,
  run: { schema: GraphQLSchema | null; rootValue: Record<string, unknown> },
) {
  return new ApolloLink((operation) => {
    for (const [name, s] of checked) {
      const errors = s ? validate(s, operation.query) : [];
      if (errors.length > 0) {
        throw new Error(`${operation.operationName} is invalid against ${name}: ${errors.map((e) => e.message).join('; ')}`);
      }
    }
    calls.push({ operationName: operation.operationName, variables: operation.variables });
    if (failWith) return from([{ errors: [failWith] }]);
    if (!run.schema) throw new Error('no schema to run against');
    return from(
      Promise.resolve(
        execute({ schema: run.schema, document: operation.query, variableValues: operation.variables, rootValue: run.rootValue }),
      ).then((result) => {
        if (result.errors?.length) throw new Error(result.errors.map((e: GraphQLError) => e.message).join('; '));
        return { data: result.data };
      }),
    );
  });
}

let locale = 'vi';
const client = new ApolloClient({
  link: schemaLink(
    [
      ['apps/api/schema.graphql', emittedSchema],
    ],
    { schema, rootValue },
  ),
  cache: new InMemoryCache(),
});
const dataProvider = createDataProvider({
  client,
  resources: { orgUnits: orgUnitsDescriptor },
  getLocale: () => locale,
});

const account = (id: string, over: Record<string, unknown> = {}) => ({
  id,
  username: `user${id}`,
  displayName: `Người dùng ${id}`,
  role: 'SUPERVISOR',
  active: true,
  scope: { id: '52', code: '82', name: 'Tỉnh Đồng Tháp', level: 'PROVINCE', path: '/1/52/' },
  collectionOrganization: null,
  ...over,
});

const auditEvent = (id: string, over: Record<string, unknown> = {}) => ({
  id,
  at: '2026-03-01T02:30:00.000Z',
  actorId: '1',
  actorUsername: 'admin',
  requestId: 'r1',
  action: 'orgUnit.rename',
  entity: 'orgUnit',
  entityId: '30208',
  changes: [{ field: 'name', before: '"Xã Cũ"', after: '"Xã Mới"' }],
  ...over,
});

/** Accounts and the audit trail. */
const accountsRoot = {
  users: () => ({
    items: [account('7'), account('8', { role: 'COLLECTOR', collectionOrganization: { id: '3', code: 'BD', name: 'Bưu điện' } })],
    totalCount: 2,
  }),
  user: ({ id }: { id: string }) => (id === '404' ? null : account(id)),
  createUser: ({ input }: { input: Record<string, unknown> }) => account('9', { username: input.username, displayName: input.displayName }),
  updateUser: ({ id, input }: { id: string; input: Record<string, unknown> }) => account(id, { role: input.role ?? 'SUPERVISOR' }),
  resetUserPassword: ({ id }: { id: string }) => account(id),
  auditEvents: () => ({ items: [auditEvent('1')], totalCount: 1 }),
};
const accountsDataProvider = createDataProvider({
  client: new ApolloClient({
    link: schemaLink([['apps/api/schema.graphql', emittedSchema]], { schema: emittedSchema, rootValue: accountsRoot }),
    cache: new InMemoryCache(),
  }),
  resources: { users: usersDescriptor, auditEvents: auditEventsDescriptor },
  getLocale: () => locale,
});

beforeEach(() => {
  calls = [];
  failWith = null;
  locale = 'vi';
});

describe('dataProvider on the org API', () => {
  it('getList sends filter, sort as [{field, direction}], skip and take, and returns items with the total', async () => {
    const result = await dataProvider.getList('orgUnits', {
      filter: { q: ' hoa long ', level: 'COMMUNE', includeClosed: true, asOf: '2024-12-31', empty: '' },
      sort: { field: 'name', order: 'DESC' },
      pagination: { page: 3, perPage: 25 },
    });
    expect(result.total).toBe(2);
    expect(result.data.map((u) => u.id)).toEqual(['30208', '30214']);
    expect(calls[0].variables).toEqual({
      filter: { q: 'hoa long', level: 'COMMUNE', includeClosed: true, asOf: '2024-12-31' },
      sort: [{ field: 'name', direction: 'DESC' }],
      skip: 50,
      take: 25,
    });
  });

  it('getList leaves an unsortable field to the API default and caps take at 200', async () => {
    await dataProvider.getList('orgUnits', {
      filter: {},
      sort: { field: 'id', order: 'ASC' },
      pagination: { page: 1, perPage: 1000 },
    });
    expect(calls[0].variables.sort).toBeUndefined();
    expect(calls[0].variables.take).toBe(200);
  });

  it('getManyReference filters by the target', async () => {
    await dataProvider.getManyReference('orgUnits', {
      target: 'parentId',
      id: '87',
      filter: {},
      sort: { field: 'name', order: 'ASC' },
      pagination: { page: 1, perPage: 200 },
    });
    expect(calls[0].variables.filter).toEqual({ parentId: '87' });
  });

  it('getOne reads one unit with its history; a missing unit is a 404', async () => {
    const { data } = await dataProvider.getOne('orgUnits', { id: '30208' });
    expect(data.nameHistory).toEqual([]);
    await expect(dataProvider.getOne('orgUnits', { id: '404' })).rejects.toMatchObject({ status: 404 });
  });

  it('getMany reads each id and skips ids that no longer exist', async () => {
    const { data } = await dataProvider.getMany('orgUnits', { ids: ['1', '404', '2'] });
    expect(data.map((u) => u.id)).toEqual(['1', '2']);
  });

  it('create sends the CreateOrgUnitInput fields only', async () => {
    await dataProvider.create('orgUnits', {
      data: { code: 'X1', name: 'Ấp 1', level: 'HAMLET', parentId: '30208', validFrom: '2025-07-01', extra: 1 },
    });
    expect(calls[0].variables).toEqual({
      input: { code: 'X1', name: 'Ấp 1', level: 'HAMLET', parentId: '30208', validFrom: '2025-07-01' },
    });
  });

  it('update sends only the changed fields of UpdateOrgUnitInput, and nothing when nothing changed', async () => {
    const previousData = unit('30208');
    await dataProvider.update('orgUnits', {
      id: '30208',
      data: { ...previousData, name: 'Xã Mới', level: 'HAMLET' },
      previousData,
    });
    expect(calls[0].variables).toEqual({ id: '30208', input: { name: 'Xã Mới' } });
    await dataProvider.update('orgUnits', { id: '30208', data: previousData, previousData });
    expect(calls).toHaveLength(1);
  });

  it('delete calls deleteOrgUnit', async () => {
    await dataProvider.delete('orgUnits', { id: '30208', previousData: unit('30208') });
    expect(calls[0]).toMatchObject({ operationName: 'OrgUnitsDelete', variables: { id: '30208' } });
  });

  it('execute runs the verbs with their variables', async () => {
    await dataProvider.execute(RENAME_ORG_UNIT, { id: '5', name: 'Xã Hòa Long', effectiveDate: '2025-07-01' });
    await dataProvider.execute(MOVE_ORG_UNIT, { id: '5', newParentId: '6', effectiveDate: '2025-07-01' });
    const merged = await dataProvider.execute(MERGE_ORG_UNITS, {
      input: { sourceIds: ['1', '2'], into: { code: '30208', name: 'Xã Hòa Long' }, effectiveDate: '2025-07-01' },
    });
    expect(merged.mergeOrgUnits.name).toBe('Xã Hòa Long');
    expect(calls.map((c) => c.operationName)).toEqual(['RenameOrgUnit', 'MoveOrgUnit', 'MergeOrgUnits']);
  });
});

describe('dataProvider on the accounts API', () => {
  it('lists users with their filter, and gives each record the ids its forms edit', async () => {
    const result = await accountsDataProvider.getList('users', {
      filter: { q: ' lan ', role: 'COLLECTOR', active: false },
      sort: { field: 'displayName', order: 'ASC' },
      pagination: { page: 1, perPage: 25 },
    });
    expect(calls[0].variables).toEqual({
      filter: { q: 'lan', role: 'COLLECTOR', active: false },
      sort: [{ field: 'displayName', direction: 'ASC' }],
      skip: 0,
      take: 25,
    });
    expect(result.data.map((u) => [u.id, u.scopeUnitId, u.collectionOrganizationId])).toEqual([
      ['7', '52', null],
      ['8', '52', '3'],
    ]);
  });

  it('creates a user with the CreateUserInput fields only', async () => {
    const { data } = await accountsDataProvider.create('users', {
      data: {
        username: 'lan.nguyen',
        displayName: 'Nguyễn Thị Lan',
        password: 'mat-khau-dai-1',
        role: 'SUPERVISOR',
        scopeUnitId: '52',
        collectionOrganizationId: null,
        confirm: 'x',
      },
    });
    expect(calls[0]).toMatchObject({
      operationName: 'UsersCreate',
      variables: {
        input: {
          username: 'lan.nguyen',
          displayName: 'Nguyễn Thị Lan',
          password: 'mat-khau-dai-1',
          role: 'SUPERVISOR',
          scopeUnitId: '52',
          collectionOrganizationId: null,
        },
      },
    });
    expect(data.scopeUnitId).toBe('52');
  });

  it('updates only what changed: a collector made supervisor loses the collection organization', async () => {
    const previousData = { ...account('8', { role: 'COLLECTOR' }), scopeUnitId: '52', collectionOrganizationId: '3' };
    await accountsDataProvider.update('users', {
      id: '8',
      data: { ...previousData, role: 'SUPERVISOR', collectionOrganizationId: null },
      previousData,
    });
    expect(calls[0].variables).toEqual({ id: '8', input: { role: 'SUPERVISOR', collectionOrganizationId: null } });
  });

  it('runs resetUserPassword through execute', async () => {
    const data = await accountsDataProvider.execute(RESET_USER_PASSWORD, { id: '7', newPassword: 'mot-mat-khau-moi' });
    expect(data.resetUserPassword.id).toBe('7');
    expect(calls[0].variables).toEqual({ id: '7', newPassword: 'mot-mat-khau-moi' });
  });

  it("reads a record's audit trail by entity and id, newest first", async () => {
    const { data, total } = await accountsDataProvider.getManyReference('auditEvents', {
      target: 'entityId',
      id: '30208',
      filter: { entity: 'orgUnit' },
      sort: { field: 'at', order: 'DESC' },
      pagination: { page: 1, perPage: 10 },
    });
    expect(calls[0].variables).toEqual({
      filter: { entity: 'orgUnit', entityId: '30208' },
      sort: [{ field: 'at', direction: 'DESC' }],
      skip: 0,
      take: 10,
    });
    expect(total).toBe(1);
    expect(data[0].changes).toMatchObject([{ field: 'name', before: '"Xã Cũ"', after: '"Xã Mới"' }]);
  });

  it('refuses to read one audit event: the API has no such query', async () => {
    await expect(accountsDataProvider.getOne('auditEvents', { id: '1' })).rejects.toThrow(/cannot be read one by one/);
    expect(calls).toHaveLength(0);
  });
});

const hamlet = {
  id: '14153',
  code: '30208-01',
  name: 'Ấp 1',
  level: 'HAMLET',
  closed: false,
  parent: { id: '30208', code: '30208', name: 'Xã Hòa Long', level: 'COMMUNE' },
  ancestors: [{ id: '52', code: '82', name: 'Tỉnh Đồng Tháp', level: 'PROVINCE' }],
};
const enrollment = (id: string) => ({
  id,
  scheme: 'VOLUNTARY_SI',
  status: 'ACTIVE',
  startDate: '2026-11-01',
  endDate: null,
  declaredMonthlyIncome: 2_200_000,
  paymentMode: 'MONTHLY',
  memberOrder: null,
  collectionOrganization: null,
  dues: [
    { id: '1', periodStart: '2026-11-01', periodEnd: '2026-11-30', dueDate: '2026-11-30', months: 1, gross: 484_000, support: 66_000, payable: 418_000, paid: 0, status: 'OPEN' },
  ],
  payments: [],
});
const person = (id: string, over: Record<string, unknown> = {}) => ({
  id,
  fullName: 'Nguyễn Văn Thử',
  dateOfBirth: '1990-05-12',
  sex: 'MALE',
  citizenId: '087•••••1234',
  phone: null,
  personalDataMasked: true,
  siCode: null,
  supportCategory: 'NEAR_POOR',
  supportFrom: null,
  supportTo: null,
  hamlet,
  household: { id: '5', code: 'HL-0001' },
  enrollments: [enrollment('2')],
  ...over,
});

/** People, households, enrollments and payments. */
const peopleRoot = {
  persons: () => ({ items: [person('1')], totalCount: 1 }),
  person: ({ id }: { id: string }) => person(id),
  createPerson: ({ input }: { input: Record<string, unknown> }) => person('9', { fullName: input.fullName }),
  updatePerson: ({ id, input }: { id: string; input: Record<string, unknown> }) =>
    person(id, { ...input, household: input.householdId ? { id: input.householdId, code: 'HL-0002' } : null }),
  revealPersonalData: () => ({ citizenId: '087090001234', phone: '0912345678' }),
  household: ({ id }: { id: string }) => ({ id, code: 'HL-0001', hamlet, members: [person('1')] }),
  createHousehold: ({ input }: { input: { code: string } }) => ({ id: '6', code: input.code, hamlet, members: [] }),
  enrollment: ({ id }: { id: string }) => enrollment(id),
  enroll: () => enrollment('3'),
  recordPayment: ({ input }: { input: { amount: number; paidOn: string; receiptNo: string } }) => ({ id: '11', ...input }),
};
const peopleDataProvider = createDataProvider({
  client: new ApolloClient({
    link: schemaLink([['apps/api/schema.graphql', emittedSchema]], { schema: emittedSchema, rootValue: peopleRoot }),
    cache: new InMemoryCache(),
  }),
  resources: { persons: personsDescriptor, households: householdsDescriptor, enrollments: enrollmentsDescriptor },
  getLocale: () => locale,
});

describe('dataProvider on the people API', () => {
  it('searches people by name or citizen ID within a hamlet, and gives each record the ids its forms edit', async () => {
    const result = await peopleDataProvider.getList('persons', {
      filter: { q: ' nguyen van ', hamletId: '14153' },
      sort: { field: 'fullName', order: 'ASC' },
      pagination: { page: 1, perPage: 25 },
    });
    expect(calls[0].variables).toEqual({
      filter: { q: 'nguyen van', hamletId: '14153' },
      sort: [{ field: 'fullName', direction: 'ASC' }],
      skip: 0,
      take: 25,
    });
    expect(result.data[0]).toMatchObject({ citizenId: '087•••••1234', hamletId: '14153', householdId: '5' });
  });

  it('reads a person with the enrollments, but each enrollment\'s dues and payments on their own', async () => {
    const { data } = await peopleDataProvider.getOne('persons', { id: '1' });
    expect(data.enrollments[0]).not.toHaveProperty('dues');
    const { data: one } = await peopleDataProvider.getOne('enrollments', { id: '2' });
    expect(one.dues[0]).toMatchObject({ payable: 418_000, status: 'OPEN' });
    expect(calls.map((c) => c.operationName)).toEqual(['PersonsOne', 'EnrollmentsOne']);
  });

  it('creates a person with the CreatePersonInput fields only, and corrects only the changed UpdatePersonInput fields', async () => {
    await peopleDataProvider.create('persons', {
      data: {
        fullName: 'Trần Thị Cận',
        dateOfBirth: '1985-03-15',
        sex: 'FEMALE',
        citizenId: '087185123456',
        hamletId: '14153',
        supportCategory: 'NEAR_POOR',
        phone: '',
        confirm: 'x',
      },
    });
    expect(calls[0].variables).toEqual({
      input: {
        fullName: 'Trần Thị Cận',
        dateOfBirth: '1985-03-15',
        sex: 'FEMALE',
        citizenId: '087185123456',
        hamletId: '14153',
        supportCategory: 'NEAR_POOR',
        phone: null,
      },
    });
    const previousData = { ...person('1'), hamletId: '14153', householdId: '5' };
    await peopleDataProvider.update('persons', {
      id: '1',
      data: { ...previousData, phone: '0912345678', citizenId: '087090001234' },
      previousData,
    });
    expect(calls[1].variables).toEqual({ id: '1', input: { phone: '0912345678' } });
  });

  it('runs the verbs of the person page with their inputs', async () => {
    await peopleDataProvider.execute(REVEAL_PERSONAL_DATA, { personId: '1' });
    await peopleDataProvider.execute(ENROLL, {
      input: { personId: '1', scheme: 'VOLUNTARY_SI', startDate: '2026-11-01', paymentMode: 'MONTHLY', declaredMonthlyIncome: 2_200_000 },
    });
    const paid = await peopleDataProvider.execute(RECORD_PAYMENT, {
      input: { enrollmentId: '2', amount: 418_000, paidOn: '2026-11-28', receiptNo: 'BL-1', idempotencyKey: 'k-1' },
    });
    const created = await peopleDataProvider.execute(CREATE_HOUSEHOLD, { input: { code: 'HL-0002', hamletId: '14153' } });
    const moved = await peopleDataProvider.execute(SET_HOUSEHOLD, { id: '1', householdId: created.createHousehold.id });
    expect(paid.recordPayment.amount).toBe(418_000);
    expect(moved.updatePerson.household).toMatchObject({ id: '6', code: 'HL-0002' });
    expect(calls.map((c) => c.operationName)).toEqual(['RevealPersonalData', 'Enroll', 'RecordPayment', 'CreateHousehold', 'SetPersonHousehold']);
    expect(calls[2].variables).toMatchObject({ input: { idempotencyKey: 'k-1' } });
  });

  it('reads a household one by one; there is no list of households or enrollments to ask for', async () => {
    const { data } = await peopleDataProvider.getOne('households', { id: '5' });
    expect(data.members[0].enrollments[0]).toMatchObject({ scheme: 'VOLUNTARY_SI', memberOrder: null });
    const listed = { filter: {}, sort: { field: 'id', order: 'ASC' as const }, pagination: { page: 1, perPage: 5 } };
    await expect(peopleDataProvider.getList('households', listed)).rejects.toThrow(/has no list query/);
    await expect(peopleDataProvider.getList('enrollments', listed)).rejects.toThrow(/has no list query/);
    expect(calls).toHaveLength(1);
  });
});

describe('the schema check itself', () => {
  it('rejects a selection the agreed schema does not have', async () => {
    const broken = createDataProvider({
      client,
      resources: { orgUnits: { ...orgUnitsDescriptor, fields: gql`fragment Broken on OrgUnit { id notAField }` } },
      getLocale: () => 'vi',
    });
    await expect(broken.getList('orgUnits', { filter: {}, sort: { field: 'name', order: 'ASC' }, pagination: { page: 1, perPage: 5 } })).rejects.toBeInstanceOf(HttpError);
    expect(calls).toHaveLength(0);
  });
});

describe('API errors in react-admin', () => {
  const duplicateCode: GraphQLFormattedError = {
    message: 'Mã 30208 đã được dùng',
    extensions: {
      code: 'BAD_USER_INPUT',
      message: { vi: 'Mã 30208 đã được dùng', en: 'Code 30208 is already used' },
      fields: [
        {
          field: 'code',
          messageKey: 'org.code.duplicate',
          message: { vi: 'Mã 30208 đã được dùng', en: 'Code 30208 is already used' },
        },
        { field: 'into.name', messageKey: 'org.name.empty', message: { vi: 'Tên không được trống', en: 'Name is empty' } },
      ],
    },
  };

  it('puts BAD_USER_INPUT field messages on the form fields, in Vietnamese by default', async () => {
    failWith = duplicateCode;
    const error = await dataProvider
      .create('orgUnits', { data: { code: '30208', name: 'x', level: 'COMMUNE', validFrom: '2025-07-01' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({
      status: 400,
      message: 'Mã 30208 đã được dùng\nTên không được trống',
      body: {
        code: 'BAD_USER_INPUT',
        errors: {
          code: 'Mã 30208 đã được dùng',
          into: { name: 'Tên không được trống' },
          root: { serverError: 'Mã 30208 đã được dùng\nTên không được trống' },
        },
      },
    });
  });

  it('uses the English message when the user switched to English', async () => {
    failWith = duplicateCode;
    locale = 'en';
    const error = await dataProvider.execute(RENAME_ORG_UNIT, { id: '1', name: 'x', effectiveDate: '2025-07-01' }).catch((e: unknown) => e);
    expect((error as HttpError).body.errors.code).toBe('Code 30208 is already used');
  });

  it('marks a missing or ended session as 401 and a refusal outside role or scope as 403, for checkError', async () => {
    failWith = {
      message: 'Phiên đăng nhập đã hết hạn; hãy đăng nhập lại',
      extensions: {
        code: 'UNAUTHENTICATED',
        message: { vi: 'Phiên đăng nhập đã hết hạn; hãy đăng nhập lại', en: 'The session has expired; log in again' },
      },
    };
    const expired = await dataProvider.getList('orgUnits', { filter: {}, sort: { field: 'name', order: 'ASC' }, pagination: { page: 1, perPage: 5 } }).catch((e: unknown) => e);
    expect(expired).toMatchObject({ status: 401, message: 'Phiên đăng nhập đã hết hạn; hãy đăng nhập lại', body: { code: 'UNAUTHENTICATED' } });

    failWith = {
      message: 'Bạn không có quyền thực hiện việc này trong phạm vi của mình',
      extensions: {
        code: 'FORBIDDEN',
        message: { vi: 'Bạn không có quyền thực hiện việc này trong phạm vi của mình', en: 'You may not do this within your scope' },
      },
    };
    locale = 'en';
    const forbidden = await dataProvider.delete('orgUnits', { id: '1' }).catch((e: unknown) => e);
    expect(forbidden).toMatchObject({ status: 403, message: 'You may not do this within your scope', body: { code: 'FORBIDDEN' } });
  });

  it('shows other refusals as a message with an HTTP-like status', async () => {
    failWith = {
      message: 'Không tìm thấy',
      extensions: { code: 'CONFLICT', message: { vi: 'Dữ liệu đã bị người khác sửa', en: 'Changed by someone else' } },
    };
    const error = await dataProvider.delete('orgUnits', { id: '1' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 409, message: 'Dữ liệu đã bị người khác sửa' });
    expect((error as HttpError).body.errors).toBeUndefined();
  });
});
