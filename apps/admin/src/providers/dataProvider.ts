import type { ApolloClient, OperationVariables, TypedDocumentNode } from '@apollo/client';
import { gql } from '@apollo/client';
import { Kind, print, type DocumentNode, type FragmentDefinitionNode } from 'graphql';
import {
  HttpError,
  type CreateParams,
  type DataProvider,
  type DeleteManyParams,
  type DeleteParams,
  type GetListParams,
  type GetManyParams,
  type GetManyReferenceParams,
  type GetOneParams,
  type Identifier,
  type UpdateManyParams,
  type UpdateParams,
} from 'react-admin';
import { toHttpError } from './graphqlErrors';

// A record is whatever the resource's fragment selects; components type it where they read it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ApiRecord = any;

/**
 * How one react-admin resource maps onto the API's generic operations (DESIGN §7):
 *
 *   list   xs(filter: XFilter, sort: [SortInput!], skip: Int, take: Int): XList! { items totalCount }
 *   one    x(id: ID!): X
 *   create createX(input: CreateXInput!): X!
 *   update updateX(id: ID!, input: UpdateXInput!): X!
 *   delete deleteX(id: ID!): ID!
 *
 * The dataProvider writes the documents from these names; the resource only supplies the
 * selection as GraphQL fragments (in its `queries.ts`).
 */
export interface ResourceDescriptor {
  /** Root query field of the list, e.g. `orgUnits`; without it the resource is only read one by one. */
  list?: string;
  /** Input type of the list's `filter` argument, e.g. `OrgUnitFilter`; required with `list`. */
  filterType?: string;
  /** Root query field of one record, e.g. `orgUnit`; without it the resource is only listed. */
  one?: string;
  /** Fragment selected for list items, getMany and mutation results. */
  fields: DocumentNode;
  /** Fragment selected by getOne (show and edit pages); defaults to `fields`. */
  detailFields?: DocumentNode;
  /** Fields the API can sort on; any other react-admin sort is left to the API's default order. */
  sortFields: readonly string[];
  /** Largest `take` the API accepts; longer pages are cut to it. */
  maxTake?: number;
  /** Filter field taking a list of ids, if the API has one; otherwise getMany runs one query per id. */
  idsFilter?: string;
  create?: { mutation: string; inputType: string; inputFields: readonly string[] };
  /** Only the changed `inputFields` are sent. */
  update?: { mutation: string; inputType: string; inputFields: readonly string[] };
  delete?: { mutation: string };
  /**
   * Turns what the API returns into the react-admin record, e.g. to add the ids of nested objects
   * that the forms edit (`scope { id }` → `scopeUnitId`). Applied to every record read or written.
   */
  toRecord?: (item: ApiRecord) => ApiRecord;
}

/** The standard react-admin methods plus `execute`, for the API's verbs (rename, merge …). */
export interface GraphQLDataProvider extends DataProvider {
  /**
   * Runs any query or mutation through the same client and error mapping as the CRUD methods:
   * resolves with `data`, rejects with an HttpError carrying the API's message (and field errors).
   */
  execute<TData = Record<string, unknown>, TVariables extends OperationVariables = OperationVariables>(
    document: DocumentNode | TypedDocumentNode<TData, TVariables>,
    variables?: TVariables,
  ): Promise<TData>;
}

export interface DataProviderOptions {
  client: ApolloClient;
  resources: Record<string, ResourceDescriptor>;
  /** The user's language, for the API's two-language error messages. */
  getLocale: () => string;
}

const DEFAULT_MAX_TAKE = 200;

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function fragmentOf(doc: DocumentNode): { name: string; text: string } {
  const fragments = doc.definitions.filter(
    (d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION,
  );
  if (fragments.length === 0) throw new Error('A resource selection must be a GraphQL fragment');
  // The first fragment is the selection; any others are fragments it spreads.
  return { name: fragments[0].name.value, text: print(doc) };
}

/** Drops empty filter values: react-admin keeps cleared inputs as '' or undefined. */
function cleanFilter(filter: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filter ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    out[key] = typeof value === 'string' ? value.trim() : value;
  }
  return out;
}

/** Keeps the whitelisted input fields; '' from a cleared input is sent as null. */
function pickInput(data: Record<string, unknown>, fields: readonly string[], only?: Set<string>) {
  const input: Record<string, unknown> = {};
  for (const field of fields) {
    if (only && !only.has(field)) continue;
    if (!(field in data) || data[field] === undefined) continue;
    input[field] = data[field] === '' ? null : data[field];
  }
  return input;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if ((a === '' || a == null) && (b === '' || b == null)) return true;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The documents of one resource, written once from its descriptor. */
function buildDocuments(resource: string, d: ResourceDescriptor) {
  const op = capitalize(resource);
  if (d.list && !d.filterType) throw new Error(`Resource "${resource}" lists without a filterType`);
  const fields = fragmentOf(d.fields);
  const detail = d.detailFields ? fragmentOf(d.detailFields) : fields;
  const withFields = (body: string, f = fields) => gql(`${body}\n${f.text}`);
  return {
    list: d.list
      ? withFields(`query ${op}List($filter: ${d.filterType}, $sort: [SortInput!], $skip: Int, $take: Int) {
  result: ${d.list}(filter: $filter, sort: $sort, skip: $skip, take: $take) {
    items { ...${fields.name} }
    totalCount
  }
}`)
      : null,
    one: d.one
      ? withFields(`query ${op}One($id: ID!) {
  result: ${d.one}(id: $id) { ...${detail.name} }
}`, detail)
      : null,
    oneBrief: d.one
      ? withFields(`query ${op}Brief($id: ID!) {
  result: ${d.one}(id: $id) { ...${fields.name} }
}`)
      : null,
    create: d.create
      ? withFields(`mutation ${op}Create($input: ${d.create.inputType}!) {
  result: ${d.create.mutation}(input: $input) { ...${fields.name} }
}`)
      : null,
    update: d.update
      ? withFields(`mutation ${op}Update($id: ID!, $input: ${d.update.inputType}!) {
  result: ${d.update.mutation}(id: $id, input: $input) { ...${fields.name} }
}`)
      : null,
    delete: d.delete
      ? gql(`mutation ${op}Delete($id: ID!) {
  result: ${d.delete.mutation}(id: $id)
}`)
      : null,
  };
}

type Documents = ReturnType<typeof buildDocuments>;
type Result<T> = { result: T };
type Page = Result<{ items: ApiRecord[]; totalCount: number }>;

/**
 * A small generic react-admin dataProvider on Apollo Client for the API's list/one/CRUD
 * conventions. Resources are described by {@link ResourceDescriptor}; unknown resources are
 * refused with a clear message instead of a guessed query.
 */
export function createDataProvider({ client, resources, getLocale }: DataProviderOptions): GraphQLDataProvider {
  const documents = new Map<string, Documents>();

  function describe(resource: string): { d: ResourceDescriptor; docs: Documents; toRecord: (item: ApiRecord) => ApiRecord } {
    const d = resources[resource];
    if (!d) throw new Error(`No GraphQL descriptor for resource "${resource}"`);
    let docs = documents.get(resource);
    if (!docs) {
      docs = buildDocuments(resource, d);
      documents.set(resource, docs);
    }
    return { d, docs, toRecord: d.toRecord ?? ((item: ApiRecord) => item) };
  }

  async function query<T>(document: DocumentNode, variables: OperationVariables): Promise<T> {
    try {
      const { data } = await client.query<T>({ query: document, variables, fetchPolicy: 'no-cache' });
      return data as T;
    } catch (error) {
      throw toHttpError(error, getLocale());
    }
  }

  async function mutate<T>(document: DocumentNode, variables: OperationVariables): Promise<T> {
    try {
      const { data } = await client.mutate<T>({ mutation: document, variables, fetchPolicy: 'no-cache' });
      return data as T;
    } catch (error) {
      throw toHttpError(error, getLocale());
    }
  }

  async function list(resource: string, params: Partial<GetListParams>, extraFilter = {}) {
    const { d, docs, toRecord } = describe(resource);
    if (!docs.list) throw new Error(`Resource "${resource}" has no list query`);
    const maxTake = d.maxTake ?? DEFAULT_MAX_TAKE;
    const { page = 1, perPage = 25 } = params.pagination ?? {};
    const sort =
      params.sort && d.sortFields.includes(params.sort.field)
        ? [{ field: params.sort.field, direction: params.sort.order === 'DESC' ? 'DESC' : 'ASC' }]
        : undefined;
    const filter = cleanFilter({ ...params.filter, ...extraFilter });
    const data = await query<Page>(docs.list, {
      filter: Object.keys(filter).length > 0 ? filter : undefined,
      sort,
      skip: (page - 1) * perPage,
      take: Math.min(perPage, maxTake),
    });
    return { data: data.result.items.map(toRecord), total: data.result.totalCount };
  }

  async function getOneBy(resource: string, id: Identifier, brief: boolean): Promise<ApiRecord> {
    const { docs, toRecord } = describe(resource);
    const document = brief ? docs.oneBrief : docs.one;
    if (!document) throw new Error(`Resource "${resource}" cannot be read one by one`);
    const data = await query<Result<ApiRecord | null>>(document, { id: String(id) });
    if (!data.result) throw new HttpError('ra.notification.item_doesnt_exist', 404, { code: 'NOT_FOUND' });
    return toRecord(data.result);
  }

  async function updateOne(
    resource: string,
    id: Identifier,
    values: Record<string, unknown>,
    previous?: Record<string, unknown>,
  ): Promise<ApiRecord> {
    const { d, docs, toRecord } = describe(resource);
    if (!d.update || !docs.update) throw new Error(`Resource "${resource}" cannot be updated`);
    // Send only what the user changed: an update is a correction of exactly those fields.
    const changed = previous
      ? new Set(d.update.inputFields.filter((f) => f in values && !sameValue(values[f], previous[f])))
      : undefined;
    const input = pickInput(values, d.update.inputFields, changed);
    if (Object.keys(input).length === 0) return { ...previous, ...values, id };
    const data = await mutate<Result<ApiRecord>>(docs.update, { id: String(id), input });
    return toRecord(data.result);
  }

  async function deleteOne(resource: string, id: Identifier) {
    const { d, docs } = describe(resource);
    if (!d.delete || !docs.delete) throw new Error(`Resource "${resource}" cannot be deleted`);
    await mutate<Result<Identifier>>(docs.delete, { id: String(id) });
  }

  return {
    getList: (resource: string, params: GetListParams) => list(resource, params),

    getOne: async (resource: string, params: GetOneParams) => ({
      data: await getOneBy(resource, params.id, false),
    }),

    getMany: async (resource: string, params: GetManyParams) => {
      const { d } = describe(resource);
      if (params.ids.length === 0) return { data: [] };
      if (d.idsFilter) {
        const { data } = await list(resource, {
          pagination: { page: 1, perPage: params.ids.length },
          filter: { [d.idsFilter]: params.ids.map(String) },
        });
        return { data };
      }
      const records = await Promise.all(
        params.ids.map((id) =>
          getOneBy(resource, id, true).catch((error: unknown) => {
            // A reference to a deleted record should not blank the whole field.
            if (error instanceof HttpError && error.status === 404) return null;
            throw error;
          }),
        ),
      );
      return { data: records.filter((r) => r !== null) };
    },

    getManyReference: (resource: string, params: GetManyReferenceParams) =>
      list(resource, params, { [params.target]: params.id }),

    create: async (resource: string, params: CreateParams) => {
      const { d, docs, toRecord } = describe(resource);
      if (!d.create || !docs.create) throw new Error(`Resource "${resource}" cannot be created`);
      const input = pickInput(params.data, d.create.inputFields);
      const data = await mutate<Result<ApiRecord>>(docs.create, { input });
      return { data: toRecord(data.result) };
    },

    update: async (resource: string, params: UpdateParams) => ({
      data: await updateOne(resource, params.id, params.data, params.previousData),
    }),

    updateMany: async (resource: string, params: UpdateManyParams) => {
      for (const id of params.ids) await updateOne(resource, id, params.data);
      return { data: params.ids };
    },

    delete: async (resource: string, params: DeleteParams) => {
      await deleteOne(resource, params.id);
      return { data: params.previousData ?? { id: params.id } };
    },

    deleteMany: async (resource: string, params: DeleteManyParams) => {
      // One at a time: the API refuses units with children or data, and the first refusal stops.
      for (const id of params.ids) await deleteOne(resource, id);
      return { data: params.ids };
    },

    execute: <TData, TVariables extends OperationVariables>(
      document: DocumentNode | TypedDocumentNode<TData, TVariables>,
      variables?: TVariables,
    ): Promise<TData> => {
      const isMutation = document.definitions.some(
        (def) => def.kind === Kind.OPERATION_DEFINITION && def.operation === 'mutation',
      );
      return isMutation ? mutate<TData>(document, variables ?? {}) : query<TData>(document, variables ?? {});
    },
  };
}
