import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, chromiumOrSkip, logIn, startProduct, type RunningProduct } from './product';

// exceljs is the API's dependency: take it from there.
const ExcelJS = createRequire(path.resolve(__dirname, '..', '..', 'apps', 'api', 'package.json'))('exceljs') as typeof import('exceljs');

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

/** Two people as an Excel user types them: a date cell, a DD/MM/YYYY text, the IDs as text. */
async function workbook(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Danh sách');
  sheet.addRow(['citizenId', 'fullName', 'dateOfBirth', 'sex', 'hamletCode', 'phone', 'householdCode', 'supportCategory']);
  sheet.addRow(['087190000042', 'Lê Thị Bảng Tính', new Date(Date.UTC(1990, 3, 20)), 'Nữ', '30208-01', '0912000042', null, 'OTHER']);
  sheet.addRow(['087085000043', 'Trần Văn Bảng Tính', '01/12/1985', 'Nam', '30208-01', null, null, 'POOR']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

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
    // The demo register holds some 10,600 people: look the new one up rather than page for it.
    await page.getByPlaceholder('Tìm theo tên hoặc số CCCD').fill('tran thi tep');
    await page.getByText('Trần Thị Tệp').waitFor();
    await context.close();
  });

  it('imports an .xlsx from the import page, then downloads the filtered people list as .xlsx', async () => {
    const page = await logIn(browser, product.url, 'staff.hoalong');
    const context = page.context();
    await page.getByRole('menuitem', { name: 'Nhập dữ liệu' }).click();
    await page.locator('input[type=file]').setInputFiles({
      name: 'nguoi-tham-gia.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await workbook(),
    });
    await page.getByLabel('Chỉ kiểm tra, chưa ghi vào hệ thống').uncheck();
    await page.getByRole('button', { name: 'Nhập dữ liệu', exact: true }).click();
    await page.getByText('Đã nhập 2 dòng (đọc 2, từ chối 0).').waitFor();

    await page.getByRole('menuitem', { name: 'Người tham gia' }).click();
    await page.getByPlaceholder('Tìm theo tên hoặc số CCCD').fill('bang tinh');
    await page.getByText('Trần Văn Bảng Tính').waitFor();
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Tải xuống' }).click();
    await page.getByRole('menuitem', { name: 'Tệp Excel (.xlsx)' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('nguoi-tham-gia.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await download.path());
    const sheet = book.worksheets[0];
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1, 5)));
    expect(rows[0]).toEqual(['citizenId', 'fullName', 'dateOfBirth', 'sex']);
    expect(rows.slice(1).sort((x, y) => String(x[0]).localeCompare(String(y[0])))).toEqual([
      ['087085000043', 'Trần Văn Bảng Tính', new Date('1985-12-01T00:00:00Z'), 'MALE'],
      ['087190000042', 'Lê Thị Bảng Tính', new Date('1990-04-20T00:00:00Z'), 'FEMALE'],
    ]);
    await context.close();
  });
});
