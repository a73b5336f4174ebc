import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './harness/api';

let api: TestApi;
beforeAll(async () => {
  const t = Date.now();
  api = await startTestApi({ demo: true });
  console.log('boot ms', Date.now() - t);
});
afterAll(() => api?.close());

it('boots', async () => {
  const d = await api.ok(`{ orgUnits(filter:{q:"hoa long"}) { totalCount items { id code name level parent { name } } } }`);
  console.log(JSON.stringify(d, null, 1));
  expect(d.orgUnits.totalCount).toBeGreaterThan(0);
});
