import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInVietnam } from '../../packages/domain/src';
import { apiAs, CHROMIUM_ARGS, chromiumOrSkip, logIn, startProduct, type RunningProduct } from './product';

const executablePath = chromiumOrSkip();
const OUT = path.join(__dirname, 'out');
const TODAY = todayInVietnam();
const PHONE = 360;

const addDays = (date: string, days: number) => {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
};
/** As the screens write a date: 05/12/2026. */
const dmy = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

/** The group of the test's campaign: the first four are added before the start is tried. */
const MEMBERS = [
  ['Nguyễn Văn Tổ Trưởng', 'Tổ trưởng', 'BHXH cơ sở Hoa Long'],
  ['Trần Thị Bảo Hiểm', 'Cán bộ BHXH', 'BHXH cơ sở Hoa Long'],
  ['Lê Văn Bưu Điện', 'Nhân viên Bưu điện', 'Bưu điện Lai Vung'],
  ['Võ Thị Viettel', 'Nhân viên Viettel', 'Viettel Đồng Tháp'],
  ['Huỳnh Văn Trưởng Ấp', 'Trưởng ấp', ''],
] as const;
/** Registered for the test in Ấp 1 of Xã Hòa Long, with no enrollment: the one who says yes. */
const PERSON = { fullName: 'Lê Thị Ra Quân', citizenId: '087190054321', dateOfBirth: '1990-04-12' };

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

/** A react-admin / MUI select: open it by its label and pick the option. */
async function choose(page: Page, label: string, option: string | RegExp) {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option }).click();
}

const horizontalScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe.skipIf(!executablePath)('a mobilization model in a browser', () => {
  it('is created in Xã Hòa Long, refused to start with 4 members, started with 5, fed from a phone, and credited with the enrollment of a visit', async () => {
    // The person who will agree at the door, registered as base staff do (their page is tested elsewhere).
    const staffApi = (await apiAs(product.url, 'staff.hoalong')).ok;
    const { orgUnits } = await staffApi(`{ orgUnits(filter: { level: HAMLET, q: "30208-01" }, take: 5) { items { id code } } }`);
    const hamlet = (orgUnits.items as { id: string; code: string }[]).find((h) => h.code === '30208-01')!;
    expect(hamlet).toBeTruthy();
    await staffApi(`mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }`, {
      i: { ...PERSON, sex: 'FEMALE', hamletId: hamlet.id, supportCategory: 'OTHER' },
    });

    // Create: commune, name (filled from it), all hamlets, launch today and every week for two more weeks, targets.
    const page = await logIn(browser, product.url, 'staff.hoalong', 1366);
    await page.getByRole('menuitem', { name: 'Mô hình vận động' }).click();
    // The demo's campaigns of Hoa Long are listed, newest launch first.
    await page.getByRole('cell', { name: 'Chiến dịch cuối năm xã Hòa Long' }).waitFor();
    await page.getByRole('link', { name: 'Thêm mới' }).click();
    await page.waitForURL(/#\/campaigns\/create/);
    const commune = page.getByRole('combobox', { name: 'Xã/phường' });
    await commune.click();
    await commune.fill('Hòa Long');
    await page.getByRole('option', { name: 'Xã Hòa Long — BHXH cơ sở Hoa Long' }).click();
    await expect.poll(() => page.getByRole('textbox', { name: 'Tên mô hình' }).inputValue()).toBe('Mô hình vận động Xã Hòa Long');
    await page.getByRole('checkbox', { name: /^Tất cả các ấp/ }).waitFor();
    expect(await page.getByRole('checkbox', { name: /^Tất cả các ấp/ }).isChecked()).toBe(true);
    await page.getByRole('textbox', { name: 'Tên mô hình' }).fill('Ra quân thử nghiệm xã Hòa Long');
    await page.getByRole('textbox', { name: 'Ngày ra quân' }).fill(dmy(TODAY));
    await page.getByRole('radio', { name: 'Hằng tuần, cùng thứ với ngày ra quân' }).check();
    await page.getByRole('textbox', { name: 'Lặp lại hằng tuần đến ngày' }).fill(dmy(addDays(TODAY, 14)));
    const schedule = page.getByRole('status', { name: 'Lịch làm việc' });
    await expect.poll(() => schedule.innerText()).toContain(`3 buổi — ${dmy(TODAY)}, ${dmy(addDays(TODAY, 7))}, ${dmy(addDays(TODAY, 14))}`);
    await page.getByRole('spinbutton', { name: 'Chỉ tiêu BHXH tự nguyện mới' }).fill('10');
    await page.getByRole('spinbutton', { name: 'Chỉ tiêu BHYT hộ gia đình mới' }).fill('5');
    await page.getByRole('textbox', { name: 'Lý do chọn địa bàn' }).fill('Tỷ lệ tham gia thấp');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.waitForURL(/#\/campaigns\/\d+\/show/);
    const campaignId = /#\/campaigns\/(\d+)\/show/.exec(page.url())![1];
    const summary = page.getByRole('region', { name: 'Thông tin mô hình' });
    await summary.getByText('Ra quân thử nghiệm xã Hòa Long').waitFor();
    expect(await summary.innerText()).toMatch(new RegExp(`MH-30208-${TODAY.slice(0, 4)}-\\d\\d`));
    expect(await summary.innerText()).toContain('Chuẩn bị');
    expect(await summary.innerText()).toContain('3 buổi');

    // Four members: the start is refused by the API, which says how many are missing.
    const addMember = async ([name, role, organization]: (typeof MEMBERS)[number]) => {
      const form = page.getByRole('form', { name: 'Thêm thành viên' });
      await form.getByRole('textbox', { name: 'Họ và tên' }).fill(name);
      await choose(page, 'Vai trò', role);
      if (organization) await form.getByRole('textbox', { name: 'Đơn vị công tác' }).fill(organization);
      await form.getByRole('button', { name: 'Thêm thành viên' }).click();
      await page.getByRole('table', { name: 'Thành viên tổ vận động' }).getByRole('cell', { name, exact: true }).waitFor();
    };
    for (const m of MEMBERS.slice(0, 4)) await addMember(m);
    await summary.getByText('còn thiếu 1').waitFor();
    await page.getByRole('button', { name: 'Bắt đầu triển khai' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'Chưa bắt đầu được' });
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('hiện có 4, còn thiếu 1');
    await page.screenshot({ path: path.join(OUT, 'campaign-start-refused.png'), fullPage: true });
    await addMember(MEMBERS[4]);
    await page.getByRole('button', { name: 'Bắt đầu triển khai' }).click();
    await summary.getByText('Đang triển khai').waitFor();
    expect(await refusal.count()).toBe(0);

    // In the field, on a phone: campaign, member and day stay from one door to the next.
    const phone = await logIn(browser, product.url, 'staff.hoalong', PHONE);
    await phone.goto(`${product.url}/#/visit-entry?campaign=${campaignId}`);
    const form = phone.getByRole('form', { name: 'Ghi lượt vận động' });
    await expect.poll(() => form.getByRole('combobox', { name: 'Mô hình' }).innerText()).toContain('Ra quân thử nghiệm xã Hòa Long');
    await choose(phone, 'Thành viên đi vận động', /^Trần Thị Bảo Hiểm/);
    expect(await form.getByRole('textbox', { name: 'Ngày', exact: true }).inputValue()).toBe(dmy(TODAY));
    const save = form.getByRole('button', { name: 'Lưu lượt vận động' });

    // 1. She agrees.
    const search = form.getByRole('combobox', { name: 'Tìm theo tên hoặc số CCCD' });
    await search.fill('ra quan');
    await phone.getByRole('option', { name: new RegExp(PERSON.fullName) }).click();
    await form.getByRole('button', { name: 'Đồng ý tham gia' }).click();
    await save.click();
    await phone.getByText(`Đã ghi: ${PERSON.fullName} — Đồng ý tham gia`).waitFor();
    expect(await search.inputValue()).toBe('');
    expect(await form.getByRole('combobox', { name: 'Thành viên đi vận động' }).innerText()).toContain('Trần Thị Bảo Hiểm');

    // 2. A refusal needs its reason: asked for before anything is sent.
    await form.getByRole('button', { name: 'Người chưa có trong danh sách' }).click();
    await form.getByRole('textbox', { name: 'Tên người được gặp' }).fill('Ông Bảy');
    await choose(phone, 'Ấp', /^Ấp 1$/);
    await form.getByRole('button', { name: 'Từ chối' }).click();
    await save.click();
    await form.getByText('Bắt buộc nhập').waitFor();
    await form.getByRole('textbox', { name: 'Lý do từ chối' }).fill('Chưa có tiền, hẹn sau thu hoạch');
    await save.click();
    await phone.getByText('Đã ghi: Ông Bảy — Từ chối').waitFor();
    expect(await form.getByRole('textbox', { name: 'Tên người được gặp' }).inputValue()).toBe('');

    // 3. Nobody at home next door (same hamlet kept).
    await form.getByRole('textbox', { name: 'Tên người được gặp' }).fill('Nhà bà Tư');
    await form.getByRole('button', { name: 'Vắng nhà' }).click();
    await save.click();
    await phone.getByText('Đã ghi: Nhà bà Tư — Vắng nhà').waitFor();
    expect(await horizontalScroll(phone)).toBe(0);
    await phone.screenshot({ path: path.join(OUT, 'campaign-visit-entry-phone.png'), fullPage: true });

    // She is enrolled from the visit just logged: credited to the campaign and to the member.
    const recent = phone.getByRole('region', { name: 'Vừa ghi' });
    await recent.getByRole('button', { name: `Đăng ký tham gia cho ${PERSON.fullName}` }).click();
    const dialog = phone.getByRole('dialog');
    await dialog.getByText('Trần Thị Bảo Hiểm').waitFor();
    await dialog.getByRole('radio', { name: 'BHXH tự nguyện' }).check();
    await dialog.getByRole('button', { name: 'Đăng ký tham gia' }).click();
    await dialog.waitFor({ state: 'detached' });
    await phone.getByText(`Đã đăng ký BHXH tự nguyện cho ${PERSON.fullName}`).waitFor();
    await phone.context().close();

    // The results: 1 new voluntary SI participant of 10, credited to the member who knocked.
    await page.reload();
    await page.getByRole('tab', { name: 'Kết quả' }).click();
    const vsi = page.getByRole('progressbar', { name: 'BHXH tự nguyện mới' });
    await expect.poll(() => vsi.getAttribute('aria-valuenow')).toBe('10');
    expect(await page.getByRole('region', { name: 'Kết quả so với chỉ tiêu' }).innerText()).toContain('1 / 10 — đạt 10 %');
    const byMember = page.getByRole('table', { name: 'Kết quả theo thành viên' });
    const memberRow = byMember.getByRole('row').filter({ hasText: 'Trần Thị Bảo Hiểm' });
    // Visits, agreed, interested, refused, not home, already insured, new VSI, new HHI, conversion.
    expect((await memberRow.getByRole('cell').allInnerTexts()).slice(2)).toEqual(['3', '1', '0', '1', '1', '0', '1', '0', '33,33 %']);
    await page.getByRole('figure', { name: 'Người tham gia mới theo buổi' }).getByRole('img', { name: `${dmy(TODAY)} — BHXH tự nguyện mới: 1` }).waitFor();
    await page.screenshot({ path: path.join(OUT, 'campaign-results.png'), fullPage: true });

    // The day report: the API's text with the day's figures; lessons and a recipient saved; copied; printed alone.
    await page.getByRole('tab', { name: 'Báo cáo ngày' }).click();
    const report = page.getByRole('region', { name: 'Nội dung báo cáo' });
    await report.getByText(`BÁO CÁO KẾT QUẢ NGÀY ${dmy(TODAY)}`).waitFor();
    const text = await report.innerText();
    expect(text).toContain('đã đến 3 lượt hộ/người');
    expect(text).toContain('1/10 chỉ tiêu người tham gia BHXH tự nguyện');
    expect(text).toContain('từ chối: 1; vắng nhà: 1');
    expect(text).toContain('do Nguyễn Văn Tổ Trưởng làm tổ trưởng');
    await page.getByRole('textbox', { name: 'Bài học kinh nghiệm' }).fill('Hẹn trước với trưởng ấp, đến lúc chiều tối gặp được nhiều hộ');
    const recipients = page.getByRole('combobox', { name: 'Nơi nhận' });
    await recipients.fill('Nhóm Zalo BHXH cơ sở Hoa Long');
    await recipients.press('Enter');
    await page.getByRole('button', { name: 'Lưu báo cáo' }).click();
    await page.getByText(`Đã lưu báo cáo ngày ${dmy(TODAY)}`).waitFor();
    await report.getByText('Hẹn trước với trưởng ấp, đến lúc chiều tối gặp được nhiều hộ').waitFor();
    expect(await report.innerText()).toContain('Đảng ủy Xã Hòa Long; UBND Xã Hòa Long; Nhóm Zalo BHXH cơ sở Hoa Long');

    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: product.url });
    await page.getByRole('button', { name: 'Sao chép' }).click();
    await page.getByText('Đã sao chép báo cáo').waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain(`BÁO CÁO KẾT QUẢ NGÀY ${dmy(TODAY)}`);
    expect(copied).toContain('Hẹn trước với trưởng ấp');

    await page.emulateMedia({ media: 'print' });
    const printed = page.locator('.bp-print-report');
    expect(await printed.isVisible()).toBe(true);
    expect(await page.locator('#root').isVisible()).toBe(false);
    const printedText = await printed.innerText();
    expect(printedText).toContain(`BÁO CÁO KẾT QUẢ NGÀY ${dmy(TODAY)}`);
    expect(printedText).toContain('Nhóm Zalo BHXH cơ sở Hoa Long');
    expect(printedText).toContain('Nguyễn Văn Tổ Trưởng');
    await page.pdf({ path: path.join(OUT, 'campaign-day-report.pdf'), format: 'A4' });
    await page.screenshot({ path: path.join(OUT, 'campaign-day-report-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    await page.context().close();

    // What the API holds: three visits, the enrollment credited to the campaign and the member.
    const { campaign } = await staffApi(
      `query($id: ID!) { campaign(id: $id) { status results { total { visits refused notHome enrolled newVoluntarySI } byMember { member { name } figures { visits newVoluntarySI } } } } }`,
      { id: campaignId },
    );
    expect(campaign.status).toBe('ACTIVE');
    expect(campaign.results.total).toEqual({ visits: 3, refused: 1, notHome: 1, enrolled: 1, newVoluntarySI: 1 });
    const credited = campaign.results.byMember.find((m: { member: { name: string } }) => m.member.name === 'Trần Thị Bảo Hiểm');
    expect(credited.figures).toEqual({ visits: 3, newVoluntarySI: 1 });
  });

  it('ranks where to push and creates a model there in one step, its reason written from the ranking', async () => {
    const page = await logIn(browser, product.url, 'staff.hoalong', 1366);
    await page.getByRole('menuitem', { name: 'Nơi cần tập trung' }).click();
    const table = page.getByRole('table', { name: 'Xếp hạng các xã/phường của BHXH cơ sở Hoa Long' });
    const rows = table.getByRole('row');
    await expect.poll(() => rows.count()).toBe(5);
    // Rank 1 first: the lowest participation per 1,000 working-age people.
    const first = rows.nth(1);
    expect((await first.getByRole('cell').first().innerText()).trim()).toBe('1');
    const name = (await first.getByRole('cell').nth(1).innerText()).split('\n')[0].trim();
    // Sorted by the other rank, communes without past campaigns go last.
    await page.getByRole('button', { name: 'Hạng theo tỷ lệ đồng ý' }).click();
    await expect.poll(async () => (await rows.last().getByRole('cell').nth(8).innerText()).trim()).toBe('—');
    await page.getByRole('button', { name: `Tạo mô hình tại ${name}` }).click();
    await page.waitForURL(/#\/campaigns\/create/);
    await expect.poll(() => page.getByRole('textbox', { name: 'Lý do chọn địa bàn' }).inputValue()).toMatch(/^Xếp thứ 1\/4 về tỷ lệ tham gia BHXH tự nguyện thấp/);
    await expect.poll(() => page.getByRole('combobox', { name: 'Xã/phường' }).inputValue()).toContain(name);
    await page.getByRole('checkbox', { name: /^Tất cả các ấp/ }).waitFor();
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.waitForURL(/#\/campaigns\/\d+\/show/);
    const summary = page.getByRole('region', { name: 'Thông tin mô hình' });
    await summary.getByText(`Mô hình vận động ${name}`).waitFor();
    expect(await summary.innerText()).toContain('Xếp thứ 1/4');
    await page.context().close();
  });
});
