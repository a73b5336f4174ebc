import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
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

const CSV = [
  'citizenId,fullName,dateOfBirth,sex,hamletCode,phone,householdCode,supportCategory',
  '087095001111,Nguyễn Văn Tệp,1995-05-05,MALE,30208-01,,,OTHER',
  '087196002222,Trần Thị Tệp,15/06/1996,Nữ,30208-01,0912345678,,NEAR_POOR',
  '087097003333,Sai Giới Tính,1997-01-01,FEMALE,30208-01,,,OTHER',
].join('\n');

describe.skipIf(!executablePath)('the import page in a browser', () => {
  it('checks a file, shows the rejected row with its line, then imports the valid rows', async () => {
    const page = await logIn(browser, product.url, 'staff.hoalong');
    const context = page.context();
    await page.getByRole('menuitem', { name: 'Nhập dữ liệu' }).click();
    await page.locator('input[type=file]').setInputFiles({ name: 'nguoi-tham-gia.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV, 'utf8') });
    await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
    await page.getByText('Tệp sẽ bị từ chối: 1 dòng lỗi trong 3 dòng').waitFor();
    const table = await page.getByRole('table', { name: 'Các dòng bị từ chối' }).innerText();
    expect(table).toContain('4');
    expect(table).toContain('Số thứ 4 của CCCD không khớp với giới tính');
    await page.getByLabel('Chỉ kiểm tra, chưa ghi vào hệ thống').uncheck();
    await page.getByLabel(/Ghi các dòng hợp lệ/).check();
    await page.getByRole('button', { name: 'Nhập dữ liệu', exact: true }).click();
    await page.getByText('Đã nhập 2 dòng (đọc 3, từ chối 1).').waitFor();
    await page.screenshot({ path: path.join(OUT, 'import.png'), fullPage: true });
    await page.getByRole('menuitem', { name: 'Người tham gia' }).click();
    await page.getByText('Trần Thị Tệp').waitFor();
    await context.close();
  });
});
