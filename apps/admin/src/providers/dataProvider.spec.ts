import { existsSync, readFileSync } from 'node:fs';
import { ApolloClient, ApolloLink, gql, InMemoryCache } from '@apollo/client';
import {
  buildSchema,
  execute,
  GraphQLError,
  validate,
  type GraphQLFormattedError,
} from 'graphql';
import { HttpError } from 'react-admin';
import { from } from 'rxjs';
import { beforeEach, describe, expect, it } from 'vitest';
import { MERGE_ORG_UNITS, MOVE_ORG_UNIT, orgUnitsDescriptor, RENAME_ORG_UNIT } from '../resources/org-units/queries';
import { createDataProvider } from './dataProvider';

/**
 * The dataProvider against the agreed GraphQL surface (docs/org-api.graphql, and the API's emitted
 * apps/api/schema.graphql when present): every document it sends must validate, every variable
 * must coerce, and the API's errors must reach react-admin in the user's language with field
 * errors on the fields.
 */
const schemaText = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const schema = buildSchema(schemaText('../../../../docs/org-api.graphql'));
/** The API's emitted schema is the truth once it exists: the documents must validate there too. */
const emittedSchemaUrl = new URL('../../../api/schema.graphql', import.meta.url);
const emittedSchema = existsSync(emittedSchemaUrl) ? buildSchema(readFileSync(emittedSchemaUrl, 'utf8')) : null;

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

/** Executes in-process against the agreed schema; a document the schema rejects fails the test. */
const schemaLink = new ApolloLink((operation) => {
  for (const [name, s] of [['docs/org-api.graphql', schema], ['apps/api/schema.graphql', emittedSchema]] as const) {
    const errors = s ? validate(s, operation.query) : [];
    if (errors.length > 0) {
      throw new Error(`${operation.operationName} is invalid against ${name}: ${errors.map((e) => e.message).join('; ')}`);
    }
  }
  calls.push({ operationName: operation.operationName, variables: operation.variables });
  if (failWith) return from([{ errors: [failWith] }]);
  return from(
    Promise.resolve(execute({ schema, document: operation.query, variableValues: operation.variables, rootValue })).then(
      (result) => {
        if (result.errors?.length) throw new Error(result.errors.map((e: GraphQLError) => e.message).join('; '));
        return { data: result.data };
      },
    ),
  );
});

let locale = 'vi';
const client = new ApolloClient({ link: schemaLink, cache: new InMemoryCache() });
const dataProvider = createDataProvider({
  client,
  resources: { orgUnits: orgUnitsDescriptor },
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
