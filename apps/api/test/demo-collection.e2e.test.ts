import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, todayInVietnam } from '@bao-phu/domain';
import { startTestApi, type TestApi } from './harness/api';
import { demoTokens, unitId, type Role } from './harness/demo';

let api: TestApi;
let tokens: Record<Role, string>;
let hoaLong: string;
const today = todayInVietnam();
const latest = Number(today.slice(8, 10)) >= 25 ? today.slice(0, 7) : addMonths(today.slice(0, 7), -1);

beforeAll(async () => {
  api = await startTestApi({ demo: true });
  tokens = await demoTokens(api);
  hoaLong = await unitId(api, 'BHXH-HOALONG', 'BASE');
});
afterAll(() => api?.close());

const Q = `query($b: ID!, $m: Month!) { collectionCycle(baseUnitId: $b, month: $m) { month summary { organizationCode kind entries amount reasonsMissing } entries(kind: UNPAID_LAST_MONTH, take: 5000) { reason collectionOrganization { code } } } }`;

describe('the demo collection cycle', () => {
  it('has Hoa Long’s last three lists, the oldest nearly answered, the latest half', async () => {
    const staff = api.as(tokens.BASE_STAFF);
    const answered = async (month: string) => {
      const c = (await staff.ok(Q, { b: hoaLong, m: month })).collectionCycle;
      expect(c, month).not.toBeNull();
      const unpaid = c.entries.filter((e: { collectionOrganization: unknown }) => e.collectionOrganization);
      expect(unpaid.length, `unpaid entries of ${month}`).toBeGreaterThan(0);
      return unpaid.filter((e: { reason: string | null }) => e.reason).length / unpaid.length;
    };
    const [oldest, latestShare] = [await answered(addMonths(latest, -2)), await answered(latest)];
    expect(oldest).toBeGreaterThan(0.85);
    expect(latestShare).toBeLessThan(oldest);
  });

  it('shows the demo collector only the post office’s entries, with its follow-ups opened by reasons', async () => {
    const collector = api.as(tokens.COLLECTOR);
    const c = (await collector.ok(Q, { b: hoaLong, m: latest })).collectionCycle;
    expect(c.summary.every((s: { organizationCode: string }) => s.organizationCode === 'BUUDIEN-DT')).toBe(true);
    expect(c.entries.every((e: { collectionOrganization: { code: string } }) => e.collectionOrganization.code === 'BUUDIEN-DT')).toBe(true);
    const f = await api.as(tokens.BASE_STAFF).ok(`query($b: ID!) { followUps(baseUnitId: $b, open: true) { totalCount } }`, { b: hoaLong });
    expect(f.followUps.totalCount).toBeGreaterThan(0);
    const collectors = await collector.ok(`{ collectors { items { name } } }`);
    expect(collectors.collectors.items.map((x: { name: string }) => x.name)).toContain('Nguyễn Thị Mai (Bưu điện)');
  });
});
