import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDong, PdfReport } from '../src/modules/exports/pdf';
import { XLSX_HEADER_ROW } from '../src/modules/exports/collection-cycle.export';
import { startTestApi, type Client, type TestApi } from './harness/api';
import { countryId, createUnit } from './harness/org';

/**
 * The collection organizations' printed lists (GET /api/exports/collection-cycle) over HTTP, on a
 * small tree of its own: a base office with two communes and three hamlets, two organizations,
 * collectors serving a hamlet or a whole commune, participants with Vietnamese names, one without
 * a collector, a reason reported. The XLSX is read back and compared with the GraphQL entries and
 * summary; the PDF's text is extracted with pdf.js.
 */
let api: TestApi;
let base: string;
let postOffice: string;
let viettel: string;
let staff: Client;
let staffToken: string;
let collectorToken: string;
let supervisorToken: string;
let seq = 0;
const MONTH = '2026-07';
const PASSWORD = 'long-enough-Pass-1';

const ENTRIES = `query($b: ID!, $m: Month!, $o: ID) { collectionCycle(baseUnitId: $b, month: $m) {
  version entries(organizationId: $o, take: 5000) { kind amount reason reasonNote scheme periodStart dueDate
    person { fullName citizenId } hamlet { name } commune { name code } collector { name } collectionOrganization { code } }
  summary { organizationCode kind entries amount } } }`;

interface GqlEntry {
  kind: string;
  amount: number;
  reason: string | null;
  reasonNote: string | null;
  scheme: string;
  periodStart: string;
  dueDate: string;
  person: { fullName: string; citizenId: string };
  hamlet: { name: string };
  commune: { name: string; code: string };
  collector: { name: string } | null;
  collectionOrganization: { code: string } | null;
}

async function participant(name: string, sex: 'MALE' | 'FEMALE', hamletId: string, org: string, paidMonths: string[] = []) {
  seq++;
  const citizenId = `087${sex === "MALE" ? 0 : 1}85${String(seq).padStart(6, "0")}`;
  const person = await staff.ok(`mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }`, {
    i: { fullName: name, dateOfBirth: '1985-02-02', sex, citizenId, supportCategory: 'OTHER', hamletId },
  });
  const e = await staff.ok(`mutation($i: EnrollInput!) { enroll(input: $i) { id dues { periodStart payable } } }`, {
    i: { personId: person.createPerson.id, scheme: 'VOLUNTARY_SI', startDate: '2026-06-01', declaredMonthlyIncome: 2_500_000 + seq * 100_000, paymentMode: 'MONTHLY', collectionOrganizationId: org },
  });
  for (const m of paidMonths) {
    const due = e.enroll.dues.find((d: { periodStart: string }) => d.periodStart === `${m}-01`);
    await staff.ok(`mutation($i: RecordPaymentInput!) { recordPayment(input: $i) { id } }`, { i: { enrollmentId: e.enroll.id, amount: due.payable, paidOn: `${m}-05` } });
  }
  return citizenId;
}

async function download(token: string | null, params: Record<string, string>) {
  const res = await fetch(`${api.url}/api/exports/collection-cycle?${new URLSearchParams(params)}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, type: res.headers.get('content-type') ?? '', disposition: res.headers.get('content-disposition') ?? '', body: Buffer.from(await res.arrayBuffer()) };
}

async function errorOf(token: string | null, params: Record<string, string>) {
  const r = await download(token, params);
  return { status: r.status, ...JSON.parse(r.body.toString('utf8')).error };
}

/** The text of each page of a PDF, as pdf.js extracts it (one item a line, NFC). */
async function pdfPages(data: Buffer): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(data), disableFontFace: true, useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const content = await (await doc.getPage(p)).getTextContent();
    pages.push(content.items.map((i) => ('str' in i ? i.str : '')).join('\n').normalize('NFC'));
  }
  await doc.destroy();
  return pages;
}

type Line = { type: 'entry'; n: number; cells: ExcelJS.CellValue[] } | { type: 'group'; label: string } | { type: 'subtotal'; label: string; count: number; amount: number };

/** A sheet of the workbook read back: the title rows, the header, and each line below it. */
function readSheet(sheet: ExcelJS.Worksheet) {
  const value = (row: ExcelJS.Row, c: number) => row.getCell(c).value;
  const lines: Line[] = [];
  sheet.eachRow((row, r) => {
    if (r <= XLSX_HEADER_ROW) return;
    const a = value(row, 1);
    if (typeof a === 'number') lines.push({ type: 'entry', n: a, cells: (row.values as ExcelJS.CellValue[]).slice(1) });
    else if (typeof value(row, 3) === 'number') lines.push({ type: 'subtotal', label: String(value(row, 2)), count: value(row, 3) as number, amount: value(row, 8) as number });
    else lines.push({ type: 'group', label: String(value(row, 2)) });
  });
  return {
    title: [1, 2, 3].map((r) => String(sheet.getRow(r).getCell(1).value)),
    header: (sheet.getRow(XLSX_HEADER_ROW).values as ExcelJS.CellValue[]).slice(1),
    lines,
  };
}

async function workbook(data: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(data as unknown as ArrayBuffer);
  return book;
}

const sum = (xs: { amount: number }[]) => xs.reduce((s, x) => s + x.amount, 0);
const ymd = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d));

beforeAll(async () => {
  api = await startTestApi();
  const province = await createUnit(api, { code: '82', name: 'Tỉnh Đồng Tháp', level: 'PROVINCE', parentId: await countryId(api) });
  base = (await createUnit(api, { code: 'BHXH-XUAT', name: 'BHXH cơ sở Xuất Danh Sách', level: 'BASE', parentId: province.id })).id;
  const other = (await createUnit(api, { code: 'BHXH-KHAC', name: 'BHXH cơ sở Khác', level: 'BASE', parentId: province.id })).id;
  const c1 = (await createUnit(api, { code: '39101', name: 'Xã Tân Thuận', level: 'COMMUNE', parentId: base })).id;
  const c2 = (await createUnit(api, { code: '39102', name: 'Xã Phú Ân', level: 'COMMUNE', parentId: base })).id;
  const h11 = (await createUnit(api, { code: '39101-01', name: 'Ấp Tân Hòa', level: 'HAMLET', parentId: c1 })).id;
  const h12 = (await createUnit(api, { code: '39101-02', name: 'Ấp Tân Lợi', level: 'HAMLET', parentId: c1 })).id;
  const h21 = (await createUnit(api, { code: '39102-01', name: 'Ấp Mỹ Hưng', level: 'HAMLET', parentId: c2 })).id;
  postOffice = (await api.ok(`mutation { createCollectionOrganization(input: { code: "BD-X", name: "Bưu điện Xuất" }) { id } }`)).createCollectionOrganization.id;
  viettel = (await api.ok(`mutation { createCollectionOrganization(input: { code: "VT-X", name: "Viettel Xuất" }) { id } }`)).createCollectionOrganization.id;
  for (const [username, role, scope, org] of [
    ['xuat.buudien', 'COLLECTOR', base, postOffice],
    ['canbo.xuat', 'BASE_STAFF', base, null],
    ['giamsat.xuat', 'SUPERVISOR', province.id, null],
    ['canbo.khac', 'BASE_STAFF', other, null],
  ] as const) {
    await api.ok(`mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`, { i: { username, displayName: username, password: PASSWORD, role, scopeUnitId: scope, collectionOrganizationId: org } });
  }
  staffToken = await api.login('canbo.xuat', PASSWORD);
  staff = api.as(staffToken);
  collectorToken = await api.login('xuat.buudien', PASSWORD);
  supervisorToken = await api.login('giamsat.xuat', PASSWORD);
  const collector = (name: string, org: string, areaIds: string[]) => api.ok(`mutation($i: CreateCollectorInput!) { createCollector(input: $i) { id } }`, { i: { organizationId: org, name, areaIds } });
  await collector('Chị Năm Bưu Điện', postOffice, [h11]);
  await collector('Anh Sáu Bưu Điện', postOffice, [c2]);
  await collector('Cô Ba Viettel', viettel, [c1]);

  // Paid through July: only August is due. Never paid: June unpaid and August due.
  await participant('Nguyễn Thị Ánh Tuyết', 'FEMALE', h11, postOffice, ['2026-06', '2026-07']);
  await participant('Trần Văn Đức', 'MALE', h11, postOffice);
  await participant('Lê Hoàng Yến', 'FEMALE', h12, postOffice, ['2026-06', '2026-07']); // no post office collector in Ấp Tân Lợi
  await participant('Phạm Quốc Việt', 'MALE', h11, viettel);
  await participant('Đặng Thị Hồng Nhung', 'FEMALE', h21, postOffice);
  await participant('Võ Minh Khôi', 'MALE', h21, postOffice, ['2026-06', '2026-07']);
  await participant('Huỳnh Công Thức', 'MALE', h12, viettel, ['2026-06', '2026-07']);
  // A name that looks like a formula to a spreadsheet.
  await api.ds.query(`UPDATE person SET full_name = '=HYPERLINK("x")' WHERE full_name = 'Huỳnh Công Thức'`);
  await staff.ok(`mutation($b: ID!, $m: Month!) { generateCollectionCycle(baseUnitId: $b, month: $m) { id } }`, { b: base, m: MONTH });
  // The post office's reason for one unpaid entry.
  const [entry] = await api.ds.query(`SELECT x.id FROM due_list_entry x JOIN person p ON p.id = x.person_id WHERE p.full_name = 'Trần Văn Đức' AND x.kind = 'UNPAID_LAST_MONTH'`);
  await api.as(collectorToken).ok(`mutation($e: ID!) { reportNonCollection(entryId: $e, reason: NO_MONEY, note: "Hẹn sau vụ lúa") { id } }`, { e: String(entry.id) });
}, 180_000);
afterAll(() => api?.close());

describe('the list as XLSX', () => {
  it('holds the same entries and totals as the API, grouped by commune, hamlet and collector, one sheet per kind', async () => {
    const r = await download(staffToken, { baseUnitId: base, month: MONTH, format: 'xlsx' });
    expect(r.status).toBe(200);
    expect(r.type).toContain('spreadsheetml');
    expect(r.disposition).toContain('danh-sach-thu_BHXH-XUAT_2026-07.xlsx');
    const book = await workbook(r.body);
    expect(book.worksheets.map((s) => s.name)).toEqual(['Đến hạn đóng 08-2026', 'Chưa đóng 06-2026']);
    const api_ = (await staff.ok(ENTRIES, { b: base, m: MONTH, o: null })).collectionCycle;
    const all: GqlEntry[] = api_.entries;
    for (const [sheet, kind, title] of [
      [book.worksheets[0], 'DUE_NEXT_MONTH', 'DANH SÁCH NGƯỜI THAM GIA ĐẾN HẠN ĐÓNG THÁNG 08/2026'],
      [book.worksheets[1], 'UNPAID_LAST_MONTH', 'DANH SÁCH NGƯỜI THAM GIA CHƯA ĐÓNG THÁNG 06/2026'],
    ] as const) {
      const read = readSheet(sheet);
      expect(read.title[0]).toBe(title);
      expect(read.title[1]).toBe('BHXH cơ sở Xuất Danh Sách — Tổ chức dịch vụ thu: tất cả');
      expect(read.title[2]).toMatch(new RegExp(`^Danh sách thu tháng 07/2026 của BHXH cơ sở Xuất Danh Sách, lập ngày \\d{2}/\\d{2}/\\d{4}, phiên bản ${api_.version}$`));
      expect(read.header).toEqual(['STT', 'Họ tên', 'CCCD', 'Ấp', 'Loại hình', 'Kỳ đóng', 'Hạn đóng', 'Số tiền (đồng)', 'Lý do chưa thu', 'Ghi chú']);
      const expected = all.filter((e) => e.kind === kind);
      const rows = read.lines.filter((l) => l.type === 'entry') as Extract<Line, { type: 'entry' }>[];
      // Every entry once, numbered 1…n, with the API's values; citizen IDs whole for base staff.
      expect(rows.map((l) => l.n)).toEqual(expected.map((_, i) => i + 1));
      const asRow = (e: GqlEntry) =>
        [e.person.fullName.startsWith('=') ? `'${e.person.fullName}` : e.person.fullName, e.person.citizenId, e.hamlet.name, 'BHXH tự nguyện', e.periodStart, e.dueDate, e.amount, e.reason === 'NO_MONEY' ? 'Chưa có tiền' : null, e.reasonNote].join('|');
      const fromSheet = rows.map((l) => [l.cells[1], l.cells[2], l.cells[3], l.cells[4], ymd(l.cells[5]), ymd(l.cells[6]), l.cells[7], l.cells[8] ?? null, l.cells[9] ?? null].join('|'));
      expect([...fromSheet].sort()).toEqual(expected.map(asRow).sort());
      expect(rows.every((l) => typeof l.cells[7] === 'number')).toBe(true);
      // Grouping: each commune's and hamlet's subtotal sums its entries.
      const subtotals = read.lines.filter((l) => l.type === 'subtotal') as Extract<Line, { type: 'subtotal' }>[];
      for (const [label, members] of [
        ...[...new Set(expected.map((e) => e.commune.name))].map((c) => [`Cộng ${c}`, expected.filter((e) => e.commune.name === c)] as const),
        ...[...new Set(expected.map((e) => e.hamlet.name))].map((h) => [`Cộng ${h}`, expected.filter((e) => e.hamlet.name === h)] as const),
      ]) {
        expect(subtotals.find((s) => s.label === label), label).toMatchObject({ count: members.length, amount: sum(members) });
      }
      const total = subtotals.find((s) => s.label === 'TỔNG CỘNG')!;
      const summary = api_.summary.filter((s: { kind: string }) => s.kind === kind);
      expect(total).toMatchObject({ count: summary.reduce((n: number, s: { entries: number }) => n + s.entries, 0), amount: sum(summary) });
      expect(total.amount).toBe(sum(expected));
      // Headings: a commune, its hamlet and the collector (or none) before the rows.
      expect(read.lines[0]).toEqual({ type: 'group', label: 'Xã Tân Thuận' });
      expect(read.lines[1]).toEqual({ type: 'group', label: 'Ấp Tân Hòa' });
    }
    const unpaid = readSheet(book.worksheets[1]);
    expect(unpaid.lines.filter((l) => l.type === 'group').map((l) => (l as { label: string }).label)).toEqual([
      'Xã Tân Thuận',
      'Ấp Tân Hòa',
      'Nhân viên thu: Chị Năm Bưu Điện',
      'Nhân viên thu: Cô Ba Viettel',
      'Xã Phú Ân',
      'Ấp Mỹ Hưng',
      'Nhân viên thu: Anh Sáu Bưu Điện',
    ]);
    const due = readSheet(book.worksheets[0]);
    // Ấp Tân Lợi: Lê Hoàng Yến has no post office collector there; Viettel's serves the commune.
    expect(due.lines.map((l) => (l.type === 'entry' ? `  ${l.cells[1]}` : l.type === 'group' ? l.label : `${l.label}: ${l.count}`))).toContainEqual('Chưa có nhân viên thu');
    expect(due.lines.find((l) => l.type === 'entry' && String(l.cells[1]).startsWith("'="))).toBeDefined();
  });

  it('gives a collector its own organization’s list only, and refuses another organization’s with 403', async () => {
    const r = await download(collectorToken, { baseUnitId: base, month: MONTH, format: 'xlsx', kind: 'UNPAID_LAST_MONTH' });
    expect(r.status).toBe(200);
    expect(r.disposition).toContain('danh-sach-thu_BHXH-XUAT_2026-07_BD-X_unpaid-last-month.xlsx');
    const book = await workbook(r.body);
    expect(book.worksheets.map((s) => s.name)).toEqual(['Chưa đóng 06-2026']);
    const read = readSheet(book.worksheets[0]);
    expect(read.title[1]).toBe('BHXH cơ sở Xuất Danh Sách — Tổ chức dịch vụ thu: Bưu điện Xuất (BD-X)');
    const mine: GqlEntry[] = (await api.as(collectorToken).ok(ENTRIES, { b: base, m: MONTH, o: null })).collectionCycle.entries.filter((e: GqlEntry) => e.kind === 'UNPAID_LAST_MONTH');
    const rows = read.lines.filter((l) => l.type === 'entry') as Extract<Line, { type: 'entry' }>[];
    expect(rows.map((l) => l.cells[1]).sort()).toEqual(mine.map((e) => e.person.fullName).sort());
    expect(rows.map((l) => l.cells[1])).not.toContain('Phạm Quốc Việt');
    // Masked as the API masks them for a collector.
    expect(rows.map((l) => l.cells[2]).sort()).toEqual(mine.map((e) => e.person.citizenId).sort());
    expect(rows.every((l) => /^087•••••\d{4}$/.test(String(l.cells[2])))).toBe(true);

    const other = await errorOf(collectorToken, { baseUnitId: base, month: MONTH, organizationId: viettel, format: 'pdf' });
    expect(other).toMatchObject({ status: 403, code: 'FORBIDDEN', messageKey: 'auth.forbidden' });
    const own = await download(collectorToken, { baseUnitId: base, month: MONTH, organizationId: postOffice, format: 'csv' });
    expect(own.status).toBe(200);
  });
});

describe('the list as PDF', () => {
  it('prints the titles, names with their diacritics, reasons, totals formatted in đồng, and page numbers', async () => {
    const r = await download(staffToken, { baseUnitId: base, month: MONTH, organizationId: postOffice, format: 'pdf' });
    expect(r.status).toBe(200);
    expect(r.type).toBe('application/pdf');
    expect(r.body.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = await pdfPages(r.body);
    expect(pages).toHaveLength(2);
    const [due, unpaid] = pages;
    const entries: GqlEntry[] = (await staff.ok(ENTRIES, { b: base, m: MONTH, o: postOffice })).collectionCycle.entries;
    expect(due).toContain('DANH SÁCH NGƯỜI THAM GIA ĐẾN HẠN ĐÓNG THÁNG 08/2026');
    expect(unpaid).toContain('DANH SÁCH NGƯỜI THAM GIA CHƯA ĐÓNG THÁNG 06/2026');
    for (const page of pages) {
      expect(page).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(page).toContain('BHXH CƠ SỞ XUẤT DANH SÁCH');
      expect(page).toContain('Tổ chức dịch vụ thu: Bưu điện Xuất (BD-X)');
      expect(page).toMatch(/phiên bản 1/);
      expect(page).toContain('Lý do chưa thu');
    }
    expect(due).toContain('Trang 1/2');
    expect(unpaid).toContain('Trang 2/2');
    expect(due).toContain('Nguyễn Thị Ánh Tuyết');
    expect(due).toContain('Đặng Thị Hồng Nhung');
    expect(due).not.toContain('Phạm Quốc Việt');
    expect(unpaid).toContain('Trần Văn Đức');
    expect(unpaid).toContain('Chưa có tiền');
    expect(unpaid).toContain('Hẹn sau vụ lúa');
    expect(due).toContain('Nhân viên thu: Chị Năm Bưu Điện');
    expect(due).toContain('Cộng Xã Tân Thuận');
    // Base staff see citizen IDs whole.
    const duc = entries.find((e) => e.person.fullName === 'Trần Văn Đức')!;
    expect(unpaid).toContain(duc.person.citizenId);
    for (const [page, kind] of [
      [due, 'DUE_NEXT_MONTH'],
      [unpaid, 'UNPAID_LAST_MONTH'],
    ] as const) {
      const mine = entries.filter((e) => e.kind === kind);
      const total = sum(mine);
      expect(total).toBeGreaterThan(1_000_000);
      expect(page).toContain('TỔNG CỘNG');
      expect(page).toContain(formatDong(total));
      expect(page).toContain(`${mine.length} khoản`);
      for (const e of mine) expect(page).toContain(formatDong(e.amount));
    }
    expect(formatDong(1234567)).toBe('1.234.567');
  });

  it('masks citizen IDs for a supervisor, as the API does', async () => {
    const r = await download(supervisorToken, { baseUnitId: base, month: MONTH, format: 'pdf', kind: 'UNPAID_LAST_MONTH' });
    expect(r.status).toBe(200);
    const [page, ...more] = await pdfPages(r.body);
    expect(more).toEqual([]);
    const entries: GqlEntry[] = (await api.as(supervisorToken).ok(ENTRIES, { b: base, m: MONTH, o: null })).collectionCycle.entries;
    const unpaid = entries.filter((e) => e.kind === 'UNPAID_LAST_MONTH');
    expect(unpaid.length).toBeGreaterThan(0);
    for (const e of unpaid) {
      expect(e.person.citizenId).toMatch(/^087•••••\d{4}$/);
      expect(page).toContain(e.person.citizenId);
    }
    const whole: { citizen_id: string }[] = await api.ds.query(`SELECT citizen_id FROM person`);
    for (const p of whole) expect(page).not.toContain(p.citizen_id);
    expect(page).toContain('số CCCD đã được che');
  });

  it('repeats the running header and the table header on every page of a long list', async () => {
    const report = new PdfReport({ layout: 'landscape', title: 'Thử', runningHeader: 'BHXH cơ sở Thử — Bưu điện', footer: 'In thử' });
    report.text('DANH SÁCH DÀI', { size: 13, bold: true, align: 'center' });
    const rows = Array.from({ length: 180 }, (_, i) => ({ cells: [String(i + 1), `Nguyễn Văn Thử Số ${i + 1}`, i % 7 === 0 ? 'Ghi chú dài, xuống dòng nhiều lần trong một ô hẹp của bảng này' : '', formatDong(330_000 * (i + 1))] }));
    // A cell taller than a page: cut at the foot of its page, no page added behind the layout's back.
    rows[100].cells[2] = 'Ghi chú rất dài. '.repeat(400);
    report.table(
      [
        { header: 'STT', width: 1, align: 'right' },
        { header: 'Họ tên', width: 4 },
        { header: 'Ghi chú', width: 2 },
        { header: 'Số tiền', width: 2, align: 'right' },
      ],
      rows,
    );
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const pageCount = report.pageCount();
    expect(pageCount).toBeGreaterThan(3);
    expect(await report.write(out)).toBe(true);
    const pages = await pdfPages(Buffer.concat(chunks));
    expect(pages).toHaveLength(pageCount);
    pages.forEach((page, i) => {
      expect(page).toContain('BHXH cơ sở Thử — Bưu điện');
      expect(page).toContain('Họ tên');
      expect(page).toContain(`Trang ${i + 1}/${pageCount}`);
    });
    // Every row once, in order.
    const all = pages.join('\n');
    let at = 0;
    for (let i = 1; i <= 180; i++) {
      const next = all.indexOf(`Nguyễn Văn Thử Số ${i}\n`, at);
      expect(next, `row ${i}`).toBeGreaterThan(at - 1);
      at = next;
    }
    expect(all).toContain(formatDong(330_000 * 180));
  });
});

describe('the list as CSV, and refusals', () => {
  it('writes one row per entry with commune, hamlet and collector as columns', async () => {
    const r = await download(staffToken, { baseUnitId: base, month: MONTH });
    expect(r.status).toBe(200);
    expect(r.type).toContain('text/csv');
    const rows: Record<string, string>[] = parse(r.body.toString('utf8').replace(/^\uFEFF/, ''), { columns: true });
    const entries: GqlEntry[] = (await staff.ok(ENTRIES, { b: base, m: MONTH, o: null })).collectionCycle.entries;
    expect(rows).toHaveLength(entries.length);
    const duc = rows.find((x) => x.fullName === 'Trần Văn Đức' && x.kind === 'UNPAID_LAST_MONTH')!;
    expect(duc).toMatchObject({ communeName: 'Xã Tân Thuận', hamletName: 'Ấp Tân Hòa', collectorName: 'Chị Năm Bưu Điện', organizationCode: 'BD-X', reason: 'NO_MONEY', reasonLabel: 'Chưa có tiền', note: 'Hẹn sau vụ lúa' });
    expect(rows.find((x) => x.fullName.includes('HYPERLINK'))!.fullName).toBe(`'=HYPERLINK("x")`);
  });

  it('refuses bad parameters with a message in Vietnamese and English, and callers out of scope', async () => {
    const bad = async (params: Record<string, string>) => errorOf(staffToken, { baseUnitId: base, month: MONTH, ...params });
    expect(await bad({ format: 'docx' })).toMatchObject({ status: 400, code: 'BAD_USER_INPUT', messageKey: 'export.formatOf', message: { vi: 'Không có định dạng tải "docx"; hãy dùng: csv, xlsx, pdf' } });
    expect(await bad({ month: '2026-7' })).toMatchObject({ status: 400, messageKey: 'cycle.month.format', message: { vi: 'Tháng có dạng YYYY-MM', en: 'A month is written YYYY-MM' } });
    expect(await bad({ kind: 'LATE' })).toMatchObject({ status: 400, messageKey: 'export.cycle.kind' });
    expect(await bad({ baseUnitId: 'abc' })).toMatchObject({ status: 400, messageKey: 'export.param.invalid' });
    expect(await bad({ baseUnitId: '' })).toMatchObject({ status: 400, messageKey: 'export.param.required', message: { en: 'The parameter baseUnitId is missing' } });
    expect(await bad({ organizationId: '999999' })).toMatchObject({ status: 400, messageKey: 'user.collector.unknown' });
    const [commune] = await api.ds.query(`SELECT id FROM org_unit WHERE code = '39101'`);
    expect(await bad({ baseUnitId: String(commune.id) })).toMatchObject({ status: 400, messageKey: 'cycle.base.level' });
    expect(await bad({ month: '2026-03' })).toMatchObject({ status: 404, code: 'NOT_FOUND', messageKey: 'export.cycle.none', message: { vi: 'Chưa lập danh sách thu tháng 2026-03 cho BHXH cơ sở Xuất Danh Sách' } });
    expect(await errorOf(null, { baseUnitId: base, month: MONTH })).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    const outsider = await api.login('canbo.khac', PASSWORD);
    expect(await errorOf(outsider, { baseUnitId: base, month: MONTH, format: 'pdf' })).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(await errorOf(staffToken, {})).toMatchObject({ status: 400, messageKey: 'export.param.required' });
  });
});
