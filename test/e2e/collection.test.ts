import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInVietnam } from '../../packages/domain/src';
import { apiAs, CHROMIUM_ARGS, chromiumOrSkip, logIn, startProduct, type RunningProduct } from './product';

const executablePath = chromiumOrSkip();
const OUT = path.join(__dirname, 'out');
const TODAY = todayInVietnam();
/** The cycle whose reasons are collected today (the 25th's job generates it at start): the collector view's default. */
const MONTH = Number(TODAY.slice(8, 10)) >= 25 ? TODAY.slice(0, 7) : shiftMonth(TODAY.slice(0, 7), -1);
const PHONE = 390;

function shiftMonth(month: string, by: number): string {
  const d = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1 + by, 1));
  return d.toISOString().slice(0, 7);
}
const addDays = (date: string, days: number) => {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
};
/** As the screens write a date: 05/12/2026. */
const dmy = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
const monthText = (month: string) => `${month.slice(5, 7)}/${month.slice(0, 4)}`;

/** The month select of the lists (this month by default). */
async function pickMonth(page: Page, month: string) {
  const select = page.getByRole('combobox', { name: /^Tháng/ });
  await select.waitFor();
  if ((await select.innerText()).trim() === monthText(month)) return;
  await select.click();
  await page.getByRole('option', { name: monthText(month), exact: true }).click();
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

interface Entry {
  id: string;
  reason: string | null;
  reasonNote: string | null;
  person: { id: string; fullName: string };
  collectionOrganization: { code: string } | null;
  followUp: { id: string; outcome: string | null } | null;
}

const CYCLE = `query($b: ID!, $m: Month!) { collectionCycle(baseUnitId: $b, month: $m) {
  id version summary { organizationCode kind entries reasonsMissing reasonsDeadline }
  entries(kind: UNPAID_LAST_MONTH) { id reason reasonNote person { id fullName } collectionOrganization { code } followUp { id outcome } } } }`;

/** People (not dues) of the post office still without a reason, as the collector's counter counts them. */
const peopleWithoutReason = (entries: Entry[]) => new Set(entries.filter((e) => e.collectionOrganization?.code === 'BUUDIEN-DT' && !e.reason).map((e) => e.person.id)).size;

describe.skipIf(!executablePath)('the monthly collection cycle in a browser', () => {
  it('staff generate the lists, a collector on a phone gives a reason with one tap, and staff close the follow-up it opened', async () => {
    const staff = await apiAs(product.url, 'staff.hoalong');
    const { me } = await staff.ok(`{ me { scope { id code } } }`);
    expect(me.scope.code).toBe('BHXH-HOALONG');
    const base: string = me.scope.id;

    // Which month has unpaid entries of the post office: the cycle the 25th's job generated at start.
    let cycle: { version: number; summary: { organizationCode: string | null; kind: string; reasonsMissing: number; reasonsDeadline: string }[]; entries: Entry[] } | null = null;
    await expect
      .poll(async () => (cycle = (await staff.ok(CYCLE, { b: base, m: MONTH })).collectionCycle), { timeout: 60_000, interval: 1_000, message: `the cycle of ${MONTH} generated at start` })
      .not.toBeNull();
    const before = cycle!;
    expect(peopleWithoutReason(before.entries), `post office entries without a reason in ${MONTH}`).toBeGreaterThan(0);

    // Base staff press "Lập danh sách" for that month: the same data gives the same version back, and the screen says so.
    const desk = await logIn(browser, product.url, 'staff.hoalong', 1366);
    await desk.getByRole('menuitem', { name: 'Danh sách thu' }).click();
    await desk.getByRole('heading', { name: 'Tổng hợp theo đơn vị thu' }).or(desk.getByText(/Chưa lập danh sách/)).first().waitFor();
    await pickMonth(desk, MONTH);
    await desk.getByRole('button', { name: 'Lập danh sách' }).click();
    const status = desk.getByRole('status').filter({ hasText: /phiên bản/ });
    await status.waitFor();
    const after = (await staff.ok(CYCLE, { b: base, m: MONTH })).collectionCycle;
    expect(await status.innerText()).toContain(after.version === before.version ? `vẫn là phiên bản ${before.version}` : `phiên bản ${after.version}`);
    const postOffice = desk.getByRole('article', { name: 'Tổng hợp của Bưu điện tỉnh Đồng Tháp' });
    const missing = after.summary.find((s: { organizationCode: string; kind: string }) => s.organizationCode === 'BUUDIEN-DT' && s.kind === 'UNPAID_LAST_MONTH').reasonsMissing;
    expect((await postOffice.innerText()).replace(/\s+/g, ' ')).toContain(`Chưa có lý do ${missing}`);
    await desk.screenshot({ path: path.join(OUT, 'collection-cycle.png') });
    // The post office's unpaid list as the organization receives it, with the session's token. On
    // a slow office computer (the processor slowed 8 times) the tab is clicked while the screen of
    // the organization is still rendering: the tab must keep the organization chosen.
    const cdp = await desk.context().newCDPSession(desk);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 8 });
    await postOffice.getByRole('button', { name: 'Bưu điện tỉnh Đồng Tháp' }).click();
    await desk.getByRole('tab', { name: 'Chưa đóng tháng trước' }).click();
    await desk.getByRole('tab', { name: 'Chưa đóng tháng trước', selected: true }).waitFor();
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    const shownOrg = new URLSearchParams(new URL(desk.url()).hash.split('?')[1] ?? '');
    expect(shownOrg.get('tab'), 'the tab clicked').toBe('unpaid');
    expect(shownOrg.get('org'), 'the organization chosen before the tab').toBeTruthy();
    await expect.poll(() => desk.getByRole('combobox', { name: 'Đơn vị thu' }).innerText()).toContain('Bưu điện tỉnh Đồng Tháp');
    for (const [item, ext] of [['Excel (.xlsx)', 'xlsx'], ['PDF (để in)', 'pdf']] as const) {
      await desk.getByRole('button', { name: /^Tải danh sách/ }).click();
      const [download] = await Promise.all([desk.waitForEvent('download'), desk.getByRole('menuitem', { name: item }).click()]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`BUUDIEN-DT.*\\.${ext}$`));
      expect(await download.failure()).toBeNull();
    }
    await desk.context().close();

    // The collector, on a phone: its unpaid list, people without a reason first, the counter with the 20th.
    const phone = await logIn(browser, product.url, 'collector.buudien.hoalong', PHONE);
    await phone.getByRole('button', { name: 'Mở menu' }).click();
    await phone.getByRole('menuitem', { name: 'Nhập lý do chưa thu' }).click();
    const deadline = dmy(before.summary[0].reasonsDeadline).slice(0, 5);
    const counter = phone.getByRole('status').filter({ hasText: 'chưa có lý do' });
    const people = peopleWithoutReason(after.entries);
    await expect.poll(() => counter.innerText()).toMatch(new RegExp(`^Còn ${people} người chưa có lý do(, hạn| — đã quá hạn) ${deadline}$`));
    const card = phone.getByRole('article').first();
    const entryId = await card.getAttribute('data-entry');
    const entry = after.entries.find((e: Entry) => e.id === entryId)!;
    expect(entry, 'the first card is an entry of the cycle').toBeTruthy();
    expect(entry.collectionOrganization?.code).toBe('BUUDIEN-DT');
    expect(entry.reason).toBeNull();
    expect(await card.getByRole('heading').innerText()).toBe(entry.person.fullName);
    // An optional note, then one tap on a reason saves it at once, confirmed on the card.
    await card.getByRole('button', { name: 'Thêm ghi chú' }).click();
    await card.getByRole('textbox', { name: `Ghi chú cho ${entry.person.fullName}` }).fill('Hẹn sau thu hoạch lúa');
    await card.getByRole('button', { name: 'Chưa có tiền' }).click();
    await card.getByRole('status').filter({ hasText: 'Đã lưu: Chưa có tiền' }).waitFor();
    const left = peopleWithoutReason(after.entries.map((e: Entry) => (e.id === entryId ? { ...e, reason: 'NO_MONEY' } : e)));
    await expect.poll(() => counter.innerText()).toContain(`Còn ${left} người chưa có lý do`);
    await phone.screenshot({ path: path.join(OUT, 'collection-reason-phone.png') });

    // The collector's list page shows its own organization only.
    await phone.getByRole('button', { name: 'Mở menu' }).click();
    await phone.getByRole('menuitem', { name: 'Danh sách thu' }).click();
    await pickMonth(phone, MONTH);
    await phone.getByRole('article', { name: 'Tổng hợp của Bưu điện tỉnh Đồng Tháp' }).waitFor();
    expect(await phone.getByRole('article', { name: /^Tổng hợp của/ }).count()).toBe(1);
    await phone.context().close();

    // What the API holds: the reason and note on the entry, and the follow-up visit it opened.
    const reported = ((await staff.ok(CYCLE, { b: base, m: MONTH })).collectionCycle.entries as Entry[]).find((e) => e.id === entryId)!;
    expect(reported).toMatchObject({ reason: 'NO_MONEY', reasonNote: 'Hẹn sau thu hoạch lúa', followUp: { outcome: null } });
    const followUpId = reported.followUp!.id;

    // Base staff assign the visit and close it on the board: "Hẹn sẽ đóng" needs the promised day.
    const board = await logIn(browser, product.url, 'staff.hoalong', 1366);
    await board.getByRole('menuitem', { name: 'Theo dõi vận động lại' }).click();
    const task = board.locator(`[data-follow-up="${followUpId}"]`);
    await task.waitFor();
    expect(await task.innerText()).toContain('Lý do: Chưa có tiền — Hẹn sau thu hoạch lúa');
    await task.getByRole('button', { name: `Giao việc: ${entry.person.fullName}` }).click();
    await board.getByRole('dialog').getByRole('textbox', { name: 'Tên người đi' }).fill('Ông Sáu, trưởng ấp');
    await board.getByRole('dialog').getByRole('button', { name: 'Giao việc' }).click();
    await board.getByText('Đã giao việc cho Ông Sáu, trưởng ấp').waitFor();
    await expect.poll(() => task.innerText()).toContain('Người đi: Ông Sáu, trưởng ấp');

    await task.getByRole('button', { name: `Ghi kết quả: ${entry.person.fullName}` }).click();
    const dialog = board.getByRole('dialog');
    await dialog.getByRole('radio', { name: /Hẹn sẽ đóng/ }).check();
    expect(await dialog.getByRole('status').innerText()).toContain('Ghi ngày hẹn đóng');
    await dialog.getByRole('button', { name: 'Ghi kết quả' }).click();
    await dialog.getByText('Nhập ngày hẹn đóng').waitFor();
    // A stopping outcome says first that it ends the enrollment.
    await dialog.getByRole('radio', { name: /Dừng tham gia/ }).check();
    expect(await dialog.getByRole('status').innerText()).toContain('Kết thúc tham gia từ hôm nay');
    await dialog.getByRole('radio', { name: /Hẹn sẽ đóng/ }).check();
    const promised = addDays(TODAY, 7);
    await dialog.getByRole('textbox', { name: 'Ngày hẹn đóng' }).fill(dmy(promised));
    await dialog.getByRole('textbox', { name: 'Ghi chú' }).fill('Đã gặp, hẹn tuần sau');
    await board.screenshot({ path: path.join(OUT, 'collection-follow-up-close.png') });
    await dialog.getByRole('button', { name: 'Ghi kết quả' }).click();
    await board.getByText(`Đã ghi kết quả cho ${entry.person.fullName}: Hẹn sẽ đóng`).waitFor();
    await task.waitFor({ state: 'detached' });
    await board.context().close();

    // The follow-up's outcome as the API holds it; the enrollment goes on (WILL_PAY ends nothing).
    const { followUps } = await staff.ok(
      `query($b: ID!) { followUps(baseUnitId: $b, open: false, take: 200) { items { id outcome promisedDate note assigneeName closedAt entry { id reason } enrollment { status } } } }`,
      { b: base },
    );
    const closed = followUps.items.find((f: { id: string }) => f.id === followUpId);
    expect(closed).toMatchObject({
      outcome: 'WILL_PAY',
      promisedDate: promised,
      note: 'Đã gặp, hẹn tuần sau',
      assigneeName: 'Ông Sáu, trưởng ấp',
      entry: { id: entryId, reason: 'NO_MONEY' },
      enrollment: { status: expect.stringMatching(/^(ACTIVE|LAPSED)$/) },
    });
    expect(closed.closedAt).toBeTruthy();
  });
});
