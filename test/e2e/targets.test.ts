import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInVietnam } from '../../packages/domain/src';
import { apiAs, CHROMIUM_ARGS, chromiumOrSkip, logIn, startProduct, type RunningProduct } from './product';

const executablePath = chromiumOrSkip();
const OUT = path.join(__dirname, 'out');

/** This year's voluntary SI targets of participants at year end: the allocation screen's defaults. */
const YEAR = Number(todayInVietnam().slice(0, 4));
const PERIOD = { year: YEAR, scheme: 'VOLUNTARY_SI', metric: 'PARTICIPANTS' } as const;
const BASES = ['BHXH-HOALONG', 'BHXH-SADEC', 'BHXH-CAOLANH', 'BHXH-MYTHO'];
const COMMUNES = ['30208', '30214', '30226', '30235'];
/** How the screen writes a number in Vietnamese: 1.000. */
const vi = (n: number) => new Intl.NumberFormat('vi-VN').format(n);

interface Target {
  id: string;
  value: number;
  status: 'DRAFT' | 'PUBLISHED';
  version: number;
  unit: { id: string; code: string };
}

let product: RunningProduct;
let browser: Browser;

beforeAll(async () => {
  if (!executablePath) return;
  product = await startProduct();
  browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

const TARGETS = `query($f: TargetFilter) { targets(filter: $f, take: 200) { items { id value status version unit { id code } } } }`;
const SET = `mutation($inputs: [SetTargetInput!]!) { setTargets(inputs: $inputs) { id value status version } }`;
const PUBLISH = `mutation($p: ID!, $year: Int!) { publishTargets(parentUnitId: $p, year: $year, scheme: VOLUNTARY_SI, metric: PARTICIPANTS) { id status } }`;

/**
 * Makes sure Hoa Long has a published target for this year, through the API as the province's
 * planner: reads what the demo already holds and sets only what is missing (the province's target,
 * base offices without one, then enough for the four base offices to reach the province's), then
 * publishes on the province. Returns Hoa Long's id and target.
 */
async function publishedHoaLongTarget(): Promise<{ hoaLongId: string; target: number }> {
  const planner = await apiAs(product.url, 'planner.dongthap');
  const { me } = await planner.ok(`{ me { scope { id code } } }`);
  const provinceId: string = me.scope.id;
  expect(me.scope.code).toBe('82');
  const { orgUnits } = await planner.ok(`query($p: ID!) { orgUnits(filter: { parentId: $p, level: BASE }, take: 50) { items { id code } } }`, { p: provinceId });
  const bases = new Map<string, string>((orgUnits.items as { id: string; code: string }[]).map((u) => [u.code, u.id]));
  for (const code of BASES) expect(bases.has(code), code).toBe(true);
  const hoaLongId = bases.get('BHXH-HOALONG')!;
  const read = async (filter: Record<string, unknown>): Promise<Target[]> => (await planner.ok(TARGETS, { f: { ...PERIOD, yearly: true, ...filter } })).targets.items;

  const [hoaLong] = await read({ unitId: hoaLongId });
  if (hoaLong?.status === 'PUBLISHED') return { hoaLongId, target: hoaLong.value };

  let [province] = await read({ unitId: provinceId });
  if (!province) {
    const { setTargets } = await planner.ok(SET, { inputs: [{ unitId: provinceId, ...PERIOD, value: 4000, expectedVersion: 0 }] });
    province = setTargets[0];
  }
  const existing = (await read({ parentId: provinceId, level: 'BASE' })).filter((t) => BASES.includes(t.unit.code));
  const missing = BASES.filter((code) => !existing.some((t) => t.unit.code === code));
  const short = Math.max(0, province.value - existing.reduce((n, t) => n + t.value, 0));
  const inputs = missing.map((code) => ({ unitId: bases.get(code)!, ...PERIOD, value: Math.max(1, Math.ceil(short / missing.length)), expectedVersion: 0 }));
  if (missing.length === 0 && short > 0) {
    const mine = existing.find((t) => t.unit.code === 'BHXH-HOALONG')!;
    inputs.push({ unitId: hoaLongId, ...PERIOD, value: mine.value + short, expectedVersion: mine.version });
  }
  if (inputs.length) await planner.ok(SET, { inputs });
  // A province's targets go to its base offices (communes not yet given to one are not children
  // for targets), so the planner publishes the province itself.
  const published = await planner.call(PUBLISH, { p: provinceId, year: YEAR });
  expect(published.errors, JSON.stringify(published.errors)).toBeUndefined();

  const [now] = await read({ unitId: hoaLongId });
  expect(now.status).toBe('PUBLISHED');
  return { hoaLongId, target: now.value };
}

/** The four communes' boxes, in the sheet's order (by code). */
const boxes = (page: Page) => page.getByRole('table', { name: 'Chỉ tiêu các đơn vị trực thuộc BHXH cơ sở Hoa Long' }).getByRole('textbox');
const sum = (page: Page) => page.getByRole('status', { name: 'Tổng chỉ tiêu mới' });
/** The colour a user sees the sum in. */
const colourOf = (page: Page) => sum(page).evaluate((el) => getComputedStyle(el).color);
const GREEN = 'rgb(27, 94, 32)';
const RED = 'rgb(211, 47, 47)';

describe.skipIf(!executablePath)('allocating targets in a browser', () => {
  let hoaLongId: string;
  let target: number;

  it("splits Hoa Long's target among its four communes, shows a shortfall live and from the API, then publishes", async () => {
    ({ hoaLongId, target } = await publishedHoaLongTarget());
    expect(target).toBeGreaterThan(0);

    const page = await logIn(browser, product.url, 'staff.hoalong', 1366);
    await page.getByRole('menuitem', { name: 'Giao chỉ tiêu' }).click();
    await page.getByRole('heading', { name: `Chỉ tiêu của BHXH cơ sở Hoa Long năm ${YEAR}` }).waitFor();
    const parent = page.getByRole('region', { name: `Chỉ tiêu của BHXH cơ sở Hoa Long năm ${YEAR}` });
    expect(await parent.innerText()).toContain(vi(target));
    expect(await parent.innerText()).toContain('Đã ban hành');

    // Chia đều: four drafts that add up exactly to Hoa Long's target, each within 1 of a quarter.
    await page.getByRole('button', { name: 'Chia đều' }).click();
    await page.getByText('Chia đều: đã lưu nháp chỉ tiêu của 4 đơn vị').waitFor();
    await expect.poll(async () => (await sum(page).innerText()).replace(/\s+/g, ' ')).toBe(`Tổng chỉ tiêu mới: ${vi(target)} / ${vi(target)} Đủ chỉ tiêu`);
    expect(await colourOf(page)).toBe(GREEN);
    expect(await boxes(page).count()).toBe(4);
    const shares = (await boxes(page).evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))).map(Number);
    expect(shares.reduce((a, b) => a + b, 0)).toBe(target);
    for (const share of shares) expect(Math.abs(share - target / 4)).toBeLessThan(1);

    // One commune lowered: the sum falls short, in red, as the user types.
    const cut = Math.min(5, shares[0]);
    const first = page.getByRole('textbox', { name: 'Chỉ tiêu mới của Xã Hòa Long' });
    await first.fill(String(shares[0] - cut));
    await expect.poll(async () => (await sum(page).innerText()).replace(/\s+/g, ' ')).toBe(`Tổng chỉ tiêu mới: ${vi(target - cut)} / ${vi(target)} Còn thiếu ${vi(cut)}`);
    expect(await colourOf(page)).toBe(RED);

    // Publishing short is refused by the API, which says by how much.
    await page.getByRole('button', { name: 'Ban hành' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Ban hành' }).click();
    await page.getByRole('alert').filter({ hasText: `còn thiếu ${cut} so với chỉ tiêu của BHXH cơ sở Hoa Long` }).waitFor();
    await page.screenshot({ path: path.join(OUT, 'targets-shortfall.png'), fullPage: true });

    // Fixed on another commune; Ban hành saves it, then publishes.
    const second = page.getByRole('textbox', { name: 'Chỉ tiêu mới của Xã Tân Dương' });
    await second.fill(String(shares[1] + cut));
    await expect.poll(async () => (await sum(page).innerText()).replace(/\s+/g, ' ')).toBe(`Tổng chỉ tiêu mới: ${vi(target)} / ${vi(target)} Đủ chỉ tiêu`);
    expect(await colourOf(page)).toBe(GREEN);
    await page.getByRole('button', { name: 'Ban hành' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Ban hành' }).click();
    await page.getByText('Đã ban hành chỉ tiêu cho 4 đơn vị').waitFor();
    await expect.poll(() => page.getByRole('table').getByText('Đã ban hành').count()).toBe(4);
    await page.screenshot({ path: path.join(OUT, 'targets-published.png'), fullPage: true });

    // The history of the lowered commune: allocated, changed on screen, published.
    await page.getByRole('button', { name: 'Lịch sử chỉ tiêu của Xã Hòa Long' }).click();
    const history = await page.getByRole('table', { name: 'Các lần thay đổi chỉ tiêu' }).innerText();
    expect(history).toContain('Ban hành');
    expect(history).toContain('Nhập trên màn hình');
    expect(history).toContain(`${vi(shares[0])} → ${vi(shares[0] - cut)}`);
    await page.getByRole('button', { name: 'Đóng' }).click();
    await page.context().close();

    // What the API holds: the four communes published, summing to at least Hoa Long's target.
    const staff = await apiAs(product.url, 'staff.hoalong');
    const { targets } = await staff.ok(TARGETS, { f: { ...PERIOD, yearly: true, parentId: hoaLongId } });
    const items = targets.items as Target[];
    expect(items.map((t) => t.unit.code).sort()).toEqual(COMMUNES);
    for (const t of items) expect(t.status).toBe('PUBLISHED');
    expect(items.reduce((n, t) => n + t.value, 0)).toBeGreaterThanOrEqual(target);
    const byCode = new Map(items.map((t) => [t.unit.code, t.value]));
    expect(byCode.get('30208')).toBe(shares[0] - cut);
    expect(byCode.get('30214')).toBe(shares[1] + cut);
  });

  it('shows a supervisor the sheet read-only, down from the province, and the API refuses their change', async () => {
    const page = await logIn(browser, product.url, 'supervisor.dongthap', 1366);
    await page.getByRole('menuitem', { name: 'Giao chỉ tiêu' }).click();
    await page.getByRole('heading', { name: `Chỉ tiêu của Tỉnh Đồng Tháp năm ${YEAR}` }).waitFor();
    await page.getByRole('button', { name: 'BHXH cơ sở Hoa Long', exact: true }).click();
    await page.getByRole('heading', { name: `Chỉ tiêu của BHXH cơ sở Hoa Long năm ${YEAR}` }).waitFor();
    expect(page.url()).toContain(`unit=${hoaLongId}`);
    await page.getByRole('navigation', { name: 'Đường dẫn đơn vị' }).getByRole('button', { name: 'Tỉnh Đồng Tháp' }).waitFor();
    const table = page.getByRole('table', { name: 'Chỉ tiêu các đơn vị trực thuộc BHXH cơ sở Hoa Long' });
    await expect.poll(() => table.getByText('Đã ban hành').count()).toBe(4);
    expect((await page.getByRole('status', { name: 'Tổng chỉ tiêu các đơn vị trực thuộc' }).innerText()).replace(/\s+/g, ' ')).toContain('Đủ chỉ tiêu');
    expect(await page.getByRole('main').getByRole('textbox').count()).toBe(0);
    for (const name of ['Chia đều', 'Theo kết quả năm trước', 'Theo tiềm năng', 'Lưu nháp', 'Ban hành']) {
      expect(await page.getByRole('button', { name }).count(), name).toBe(0);
    }
    await page.screenshot({ path: path.join(OUT, 'targets-supervisor.png'), fullPage: true });
    await page.context().close();

    // Hiding the boxes is not what protects the targets: the API refuses the supervisor's save.
    const supervisor = await apiAs(product.url, 'supervisor.dongthap');
    const { targets } = await supervisor.ok(TARGETS, { f: { ...PERIOD, yearly: true, parentId: hoaLongId } });
    const one = (targets.items as Target[])[0];
    const refused = await supervisor.call(SET, { inputs: [{ unitId: one.unit.id, ...PERIOD, value: one.value + 1, expectedVersion: one.version }] });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
