import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInVietnam } from '../../packages/domain/src';
import { apiAs, CHROMIUM_ARGS, chromiumOrSkip, logIn, startProduct, type RunningProduct } from './product';

// exceljs is the API's dependency: take it from there.
const ExcelJS = createRequire(path.resolve(__dirname, '..', '..', 'apps', 'api', 'package.json'))('exceljs') as typeof import('exceljs');

const executablePath = chromiumOrSkip();
const OUT = path.join(__dirname, 'out');
const TODAY = todayInVietnam();
/** As the screens write a date: 28/11/2026. */
const dmy = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

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

interface Row {
  unit: { id: string; code: string; name: string; level: string };
  participants: number;
  target: number | null;
  achievementPct: number | null;
  newParticipants: number;
  lapsed: number;
  campaigns: number;
}
interface Report {
  unit: { id: string; name: string };
  total: Row;
  children: Row[];
}

const REPORT = `query($u: ID!, $s: Scheme!, $d: Date!) { hierarchyReport(unitId: $u, scheme: $s, asOf: $d) {
  unit { id name }
  total { unit { id code name level } participants target achievementPct newParticipants lapsed campaigns }
  children { unit { id code name level } participants target achievementPct newParticipants lapsed campaigns } } }`;

/** The figures the table shows, read back as numbers: "2.012" → 2012, "98,63 %" → 98.63, "—" → null. */
const FIGURES = ['participants', 'target', 'achievement', 'newParticipants', 'lapsed', 'campaigns'] as const;
type Figures = Record<(typeof FIGURES)[number], number | null>;
const readNumber = (text: string): number | null => {
  const t = text.trim();
  if (t === '—' || t === '') return null;
  return Number(t.replace(/\s?%$/, '').replace(/\./g, '').replace(',', '.').replace('−', '-'));
};
async function figuresOf(row: Locator): Promise<Figures> {
  const out = {} as Figures;
  for (const c of FIGURES) out[c] = readNumber(await row.locator(`[data-column="${c}"]`).innerText());
  return out;
}
const figuresOfApi = (r: Row): Figures => ({
  participants: r.participants,
  target: r.target,
  achievement: r.achievementPct,
  newParticipants: r.newParticipants,
  lapsed: r.lapsed,
  campaigns: r.campaigns,
});

/** Waits for the report of a unit to be on screen (its heading), with nothing left loading. */
async function shows(page: Page, name: string) {
  await page.getByRole('heading', { name: `${name} — BHXH tự nguyện, đến ngày ${dmy(TODAY)}` }).waitFor();
  await expect.poll(() => page.getByRole('progressbar', { name: 'Đang tải' }).count(), { timeout: 30_000 }).toBe(0);
}
const table = (page: Page, name: string) => page.getByRole('table', { name: `Số liệu các đơn vị trực thuộc ${name}` });
const unitParam = (page: Page) => new URLSearchParams(new URL(page.url()).hash.split('?')[1] ?? '').get('unit');

describe.skipIf(!executablePath)('the reports page and the dashboard in a browser', () => {
  it('drills down from Đồng Tháp to a hamlet, goes back up by the breadcrumb and Back, and downloads the table as Excel with the same figures', async () => {
    const api = await apiAs(product.url, 'supervisor.dongthap');
    const { me } = await api.ok(`{ me { scope { id name } } }`);
    expect(me.scope.name).toBe('Tỉnh Đồng Tháp');
    const report = async (unitId: string): Promise<Report> => (await api.ok(REPORT, { u: unitId, s: 'VOLUNTARY_SI', d: TODAY })).hierarchyReport;
    const province = await report(me.scope.id);
    const hoaLongRow = province.children.find((r) => r.unit.code === 'BHXH-HOALONG')!;
    const hoaLong = await report(hoaLongRow.unit.id);
    const communeRow = hoaLong.children.find((r) => r.unit.code === '30208')!;
    const commune = await report(communeRow.unit.id);
    const hamlet = commune.children.find((r) => r.participants > 0)!;
    expect(hamlet.unit.level).toBe('HAMLET');

    const page = await logIn(browser, product.url, 'supervisor.dongthap', 1366);
    await page.getByRole('menuitem', { name: 'Báo cáo' }).click();
    // The user's scope unit by default, its total row as the API counts it.
    await shows(page, 'Tỉnh Đồng Tháp');
    const provinceTable = table(page, 'Tỉnh Đồng Tháp');
    expect(await figuresOf(provinceTable.locator('[data-total="true"]'))).toEqual(figuresOfApi(province.total));
    expect(await figuresOf(provinceTable.locator('[data-unit="BHXH-HOALONG"]'))).toEqual(figuresOfApi(hoaLongRow));
    // The charts: the children's achievement against the 100 % line, the unit's 12 months.
    await page.getByRole('group', { name: 'Tỷ lệ đạt chỉ tiêu của các đơn vị trực thuộc Tỉnh Đồng Tháp' }).getByText('BHXH cơ sở Hoa Long').waitFor();
    await page.getByRole('group', { name: 'Diễn biến 12 tháng của Tỉnh Đồng Tháp' }).locator('svg [data-series="participants"]').first().waitFor();

    // Down: the base office, then a commune (clicking the row), then the commune's hamlets, which are leaves.
    await provinceTable.getByRole('button', { name: 'Xem các đơn vị trực thuộc BHXH cơ sở Hoa Long' }).click();
    await shows(page, 'BHXH cơ sở Hoa Long');
    expect(unitParam(page)).toBe(hoaLongRow.unit.id);
    await table(page, 'BHXH cơ sở Hoa Long').locator('[data-unit="30208"] td').first().click();
    await shows(page, 'Xã Hòa Long');
    expect(unitParam(page)).toBe(communeRow.unit.id);
    const communeTable = table(page, 'Xã Hòa Long');
    const hamletLine = communeTable.locator(`[data-unit="${hamlet.unit.code}"]`);
    expect(await figuresOf(hamletLine)).toEqual(figuresOfApi(hamlet));
    expect(await hamletLine.getByRole('button').count(), 'a hamlet row opens nothing').toBe(0);
    expect(await figuresOf(communeTable.locator('[data-total="true"]'))).toEqual(figuresOfApi(commune.total));
    await page.screenshot({ path: path.join(OUT, 'reports-commune.png'), fullPage: true });

    // Up by the breadcrumb, the unit in the URL; Back returns to the commune, as a browser does.
    const breadcrumb = page.getByRole('navigation', { name: 'Đường dẫn đơn vị' });
    expect(await breadcrumb.innerText()).toMatch(/Tỉnh Đồng Tháp\s*\/\s*BHXH cơ sở Hoa Long\s*\/\s*Xã Hòa Long/);
    await breadcrumb.getByRole('button', { name: 'BHXH cơ sở Hoa Long' }).click();
    await shows(page, 'BHXH cơ sở Hoa Long');
    expect(unitParam(page)).toBe(hoaLongRow.unit.id);
    expect(page.url()).toContain(`date=${TODAY}`);
    await page.goBack();
    await shows(page, 'Xã Hòa Long');
    await page.getByRole('navigation', { name: 'Đường dẫn đơn vị' }).getByRole('button', { name: 'BHXH cơ sở Hoa Long' }).click();
    await shows(page, 'BHXH cơ sở Hoa Long');
    // A shared link opens the same report in a fresh tab.
    const link = page.url();
    const other = await page.context().newPage();
    await other.goto(link);
    await shows(other, 'BHXH cơ sở Hoa Long');
    await other.close();

    // The table as Excel: the same rows and figures as on screen.
    await page.getByRole('button', { name: 'Tải xuống' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'Bảng số liệu (Excel)' }).click()]);
    expect(await download.failure()).toBeNull();
    expect(download.suggestedFilename()).toMatch(/BHXH-HOALONG.*\.xlsx$/);
    const file = path.join(OUT, 'reports-hoa-long.xlsx');
    await download.saveAs(file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    const xlsxRows = new Map<string, Figures>();
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const v = (name: string) => {
        const cell = row.getCell(header.indexOf(name) + 1).value;
        return cell === null || cell === undefined || cell === '' ? null : Number(cell);
      };
      xlsxRows.set(String(row.getCell(header.indexOf('unitCode') + 1).value), {
        participants: v('participants'),
        target: v('target'),
        achievement: v('achievementPct'),
        newParticipants: v('newParticipants'),
        lapsed: v('lapsed'),
        campaigns: v('campaigns'),
      });
    });
    const hoaLongTable = table(page, 'BHXH cơ sở Hoa Long');
    const codes = await hoaLongTable.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-unit')!));
    expect(codes.length).toBeGreaterThan(0);
    expect(xlsxRows.size, 'the unit and each child, one row each').toBe(hoaLong.children.length + 1);
    for (const code of codes) expect(xlsxRows.get(code), code).toEqual(await figuresOf(hoaLongTable.locator(`[data-unit="${code}"]`)));
    expect(xlsxRows.get('BHXH-HOALONG')).toEqual(await figuresOf(hoaLongTable.locator('[data-total="true"]')));
    await page.screenshot({ path: path.join(OUT, 'reports-hoa-long.png'), fullPage: true });

    // The written report of 1 January to the report's date, as a PDF to print.
    await page.getByRole('button', { name: 'Tải xuống' }).click();
    await page.getByRole('menuitem', { name: 'Báo cáo bằng văn bản (PDF)…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Báo cáo bằng văn bản của BHXH cơ sở Hoa Long' });
    expect(await dialog.getByLabel('Từ ngày').inputValue()).toBe(`01/01/${TODAY.slice(0, 4)}`);
    expect(await dialog.getByLabel('Đến ngày').inputValue()).toBe(dmy(TODAY));
    const [pdf] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Tải PDF' }).click()]);
    expect(await pdf.failure()).toBeNull();
    expect(pdf.suggestedFilename()).toMatch(/BHXH-HOALONG.*\.pdf$/);
    const pdfFile = path.join(OUT, 'reports-hoa-long.pdf');
    await pdf.saveAs(pdfFile);
    expect(readFileSync(pdfFile).subarray(0, 5).toString()).toBe('%PDF-');
    await dialog.waitFor({ state: 'detached' });

    // The dashboard: the key figures of the scope, the same participants as the report's total.
    const hi = (await api.ok(REPORT, { u: me.scope.id, s: 'HOUSEHOLD_HI', d: TODAY })).hierarchyReport as Report;
    await page.getByRole('menuitem', { name: 'Tổng quan' }).click();
    const vsiCard = page.getByRole('region', { name: 'Người tham gia BHXH tự nguyện' });
    await vsiCard.locator('[data-kpi-value="participants"]').waitFor();
    expect(readNumber(await vsiCard.locator('[data-kpi-value="participants"]').innerText())).toBe(province.total.participants);
    const hiCard = page.getByRole('region', { name: 'Người tham gia BHYT hộ gia đình' });
    expect(readNumber(await hiCard.locator('[data-kpi-value="participants"]').innerText())).toBe(hi.total.participants);
    const achievement = page.getByRole('region', { name: 'Tỷ lệ đạt chỉ tiêu năm' });
    expect(readNumber(await achievement.locator('[data-kpi-value="VOLUNTARY_SI"]').innerText())).toBe(province.total.achievementPct);
    await page.getByRole('region', { name: /^Xã\/phường có/ }).getByRole('table').waitFor();
    await page.getByRole('region', { name: /^Lịch ra quân tuần này/ }).waitFor();
    await page.getByRole('region', { name: 'Thu BHXH, BHYT tháng này' }).getByText(/Thu đúng hạn tháng|chưa có kỳ đóng/).first().waitFor();
    await page.screenshot({ path: path.join(OUT, 'dashboard.png'), fullPage: true });
    // The card opens the report of the scope unit.
    await vsiCard.getByRole('link', { name: 'Xem báo cáo' }).click();
    await shows(page, 'Tỉnh Đồng Tháp');
    await page.context().close();
  });
});
