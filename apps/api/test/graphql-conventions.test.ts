import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../src/common/errors';
import { loadConfig } from '../src/config';
import { makeFormatError } from '../src/graphql/errors';
import { MAX_DEPTH } from '../src/graphql/limits';
import { startTestApi, type TestApi } from './harness/api';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

describe('limits', () => {
  it(`refuses a query nested deeper than ${MAX_DEPTH} levels before running it`, async () => {
    let selection = 'id';
    for (let i = 0; i < MAX_DEPTH; i++) selection = `children { ${selection} }`;
    const body = await api.gql(`{ orgUnits { items { ${selection} } } }`);
    expect(body.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors?.[0].message).toMatch(/nested too deeply \(at most 10 levels\)/);
    expect(body.data).toBeUndefined();
  });

  it('refuses a query whose estimated cost is too high', async () => {
    const body = await api.gql(`{ orgUnits(take: 200) { items { ancestors { id name } children { id name children { id name } } } } }`);
    expect(body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0].message).toMatch(/too complex/);
    expect(body.errors?.[0].extensions?.message.vi).toMatch(/Truy vấn quá phức tạp/);
  });

  it('counts the page of a campaign’s visits once', async () => {
    // 200 visits (the largest page) with who was visited: refused before, the take counted on the field and again on its items.
    const visits = await api.gql(`{ campaign(id: "1") { visits(take: 200) { totalCount items { id person { id } household { id } member { id } } } } }`);
    expect(visits.errors).toBeUndefined();
  });

  it('answers an ordinary page', async () => {
    const body = await api.gql(`{ orgUnits(take: 200) { totalCount items { id name parent { name } } } }`);
    expect(body.errors).toBeUndefined();
  });

  it('refuses a body over the size limit', async () => {
    const res = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ orgUnits { totalCount } }`, padding: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(res.status).toBe(413);
  });

  it('refuses a GET mutation and a simple-request POST (CSRF prevention)', async () => {
    const res = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"query":"{ orgUnits { totalCount } }"}' });
    expect(res.status).toBe(400);
  });
});

describe('health', () => {
  it('answers 200 with JSON once the database answers', async () => {
    const res = await fetch(`${api.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: api.kind });
  });
});

describe('formatError', () => {
  const format = makeFormatError();
  it('keeps a DomainError code, message key, both languages and fields', () => {
    const err = DomainError.badInput('name', 'org.name.empty');
    const out = format({ message: 'x', extensions: {} }, new GraphQLError('x', { originalError: err }));
    expect(out.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      messageKey: 'org.name.empty',
      fields: [{ field: 'name', message: { vi: 'Tên đơn vị không được để trống', en: 'The name cannot be empty' } }],
    });
    expect(out.message).toBe('Tên đơn vị không được để trống');
  });

  it('masks an unexpected error: no message, no stack, only the request id', () => {
    const boom = new Error('connection to 10.0.0.5 refused; password=secret');
    const out = format({ message: boom.message, extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-1', stacktrace: ['at x'] } }, new GraphQLError(boom.message, { originalError: boom }));
    expect(JSON.stringify(out)).not.toContain('secret');
    expect(JSON.stringify(out)).not.toContain('stacktrace');
    expect(out.extensions).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', requestId: 'req-1' });
  });
});

describe('settings', () => {
  it('put the embedded database in ./data of the folder the command was typed in', () => {
    expect(loadConfig({ INIT_CWD: '/srv/baophu' }).dataDir).toBe('/srv/baophu/data');
    expect(loadConfig({ INIT_CWD: '/srv/baophu', DATA_DIR: '/var/lib/baophu' }).dataDir).toBe('/var/lib/baophu');
    expect(loadConfig({ DATA_DIR: 'x' }).dataDir).toBe(`${process.cwd()}/x`);
    expect(() => loadConfig({ SEED: 'all' })).toThrow(/SEED=all is not one of demo, none/);
  });
});
