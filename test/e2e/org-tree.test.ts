import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, chromiumOrSkip, logIn, startProduct, type RunningProduct } from './product';

const executablePath = chromiumOrSkip();
const OUT = path.join(__dirname, 'out');

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

function loggedIn(username: string): Promise<Page> {
  return logIn(browser, product.url, username);
}

describe.skipIf(!executablePath)('the org tree in a browser', () => {
  it('goes down the tree from Đồng Tháp to Hòa Long and opens it, with its four pre-2025 communes', async () => {
    const page = await loggedIn('admin');
    await page.getByRole('menuitem', { name: 'Cây đơn vị' }).click();
    await page.getByRole('button', { name: 'Tỉnh Đồng Tháp', exact: true }).click();
    await page.getByRole('button', { name: 'BHXH cơ sở Hoa Long', exact: true }).click();
    await page.getByRole('link', { name: 'Xã Hòa Long', exact: true }).click();
    await expect.poll(() => page.url()).toMatch(/#\/orgUnits\/\d+\/show/);
    await page.getByRole('navigation', { name: 'Đường dẫn trong cây đơn vị' }).getByText('BHXH cơ sở Hoa Long').waitFor();
    await page.getByRole('tab', { name: 'Lịch sử' }).click();
    for (const name of ['Thị trấn Lai Vung', 'Xã Long Hậu', 'Xã Long Thắng']) await page.getByText(name, { exact: true }).first().waitFor();
    await page.screenshot({ path: path.join(OUT, 'hoa-long-history.png'), fullPage: true });
    await page.context().close();
  });

  it('shows base staff of Hoa Long their own communes and no other base office', async () => {
    const page = await loggedIn('staff.hoalong');
    await page.getByRole('menuitem', { name: 'Cây đơn vị' }).click();
    await page.getByRole('button', { name: 'Tỉnh Đồng Tháp', exact: true }).click();
    await page.getByRole('button', { name: 'BHXH cơ sở Hoa Long', exact: true }).click();
    for (const name of ['Xã Hòa Long', 'Xã Tân Dương', 'Xã Lai Vung', 'Xã Phong Hòa']) {
      await page.getByRole('button', { name, exact: true }).waitFor();
    }
    const tree = await page.getByRole('main').innerText();
    expect(tree).not.toContain('Sa Đéc');
    expect(tree).not.toContain('Mỹ Tho');
    expect(tree).not.toContain('Cao Lãnh');
    expect(await page.getByRole('button', { name: /^Tỉnh / }).count()).toBe(1);
    await page.screenshot({ path: path.join(OUT, 'staff-tree.png'), fullPage: true });
    await page.context().close();
  });

  it('stops on SIGTERM by itself, exit code 0, releasing its data folder', async () => {
    await browser.close();
    expect(await product.stop()).toEqual({ exitCode: 0, lockReleased: true });
  });
});
