import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finishedImport, startTestApi, upload, type Client, type TestApi } from './harness/api';
import { demoTokens, type Role } from './harness/demo';

let api: TestApi;
let tokens: Record<Role, string>;
let staff: Client;

beforeAll(async () => {
  api = await startTestApi({ demo: true });
  tokens = await demoTokens(api);
  staff = api.as(tokens.BASE_STAFF);
});
afterAll(() => api?.close());

const HEADER = ['citizenId', 'fullName', 'dateOfBirth', 'sex', 'hamletCode', 'phone', 'householdCode', 'supportCategory'];
type Row = ExcelJS.CellValue[];

/** A workbook as Excel users make them: the header in row 1 of the first tab, then the rows given (null: an empty row). */
async function workbook(rows: (Row | null)[], edit?: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Danh sách');
  book.addWorksheet('Ghi chú').addRow(['Không phải danh sách', '=1+1']);
  sheet.addRow(HEADER);
  for (const r of rows) sheet.addRow(r ?? []);
  edit?.(sheet);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

let n = 0;
/** A valid row: a woman born on 1990-05-06 (1 = female, 1900s) living in Ấp 1 of Xã Hòa Long. */
function person(over: Partial<Record<(typeof HEADER)[number], ExcelJS.CellValue>> = {}): Row {
  n++;
  const r: Record<string, ExcelJS.CellValue> = {
    citizenId: `08719000${String(n).padStart(4, '0')}`,
    fullName: `Trần Thị Bảng ${n}`,
    dateOfBirth: new Date(Date.UTC(1990, 4, 6)),
    sex: 'FEMALE',
    hamletCode: '30208-01',
    phone: null,
    householdCode: null,
    supportCategory: 'OTHER',
    ...over,
  };
  return HEADER.map((h) => r[h]);
}

async function run(content: Uint8Array | string, options: { dryRun?: boolean; keepValid?: boolean; fileName?: string } = {}) {
  const res = await upload(api, tokens.BASE_STAFF, 'persons', content, { fileName: 'danh-sach.xlsx', ...options });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return finishedImport(staff, res.body.importId);
}

async function findPerson(citizenId: string) {
  const data = await staff.ok(`query($q: String) { persons(filter: { q: $q }) { items { citizenId fullName dateOfBirth sex phone household { code } } } }`, { q: citizenId });
  return data.persons.items[0] ?? null;
}

describe('importing persons from XLSX', () => {
  it('imports the first sheet: date cells, zero-padded numbers, rich text, text dates, empty rows skipped', async () => {
    const [{ c: before }] = await api.ds.query('SELECT count(*)::int AS c FROM person');
    const numeric = person({ householdCode: 'HO-XLSX-1' });
    const id = String(numeric[0]);
    numeric[0] = Number(id); // typed as a number, shown with the format "000000000000"
    const rich = person({ fullName: { richText: [{ text: 'Lê ' }, { text: 'Thị', font: { bold: true } }, { text: ' Giàu' }] }, sex: 'Nữ', dateOfBirth: '06/05/1990', phone: '0912345678' });
    const content = await workbook([numeric, null, rich, person({ householdCode: 'HO-XLSX-1', supportCategory: 'near_poor' })], (sheet) => {
      sheet.getCell('A2').numFmt = '000000000000';
    });
    const job = await run(content);
    expect(job).toMatchObject({ status: 'SUCCEEDED', totalRows: 3, acceptedRows: 3, rejectedRows: 0, importedRows: 3, errors: [] });
    const [{ c: after }] = await api.ds.query('SELECT count(*)::int AS c FROM person');
    expect(after).toBe(before + 3);
    expect(await findPerson(id)).toMatchObject({ citizenId: id, dateOfBirth: '1990-05-06', household: { code: 'HO-XLSX-1' } });
    expect(await findPerson(String(rich[0]))).toMatchObject({ fullName: 'Lê Thị Giàu', sex: 'FEMALE', dateOfBirth: '1990-05-06', phone: '0912345678' });
  });

  it('reads a workbook by its content whatever its name says', async () => {
    const job = await run(await workbook([person()]), { fileName: 'danh-sach.csv', dryRun: true });
    expect(job).toMatchObject({ status: 'SUCCEEDED', totalRows: 1, acceptedRows: 1, importedRows: 0 });
  });

  it('names a bad row by its row number in the sheet, and writes nothing', async () => {
    const good = person();
    const job = await run(await workbook([person(), null, person({ citizenId: '087990001234' }), good]));
    expect(job).toMatchObject({ status: 'FAILED', totalRows: 3, rejectedRows: 1, importedRows: 0 });
    expect(job.errors).toEqual([{ line: 4, message: expect.stringMatching(/^citizenId: /), messageEn: expect.stringMatching(/^citizenId: /) }]);
    expect(await findPerson(String(good[0]))).toBeNull();
  });

  it('refuses a row with a formula cell like a CSV cell starting with =, keeping the others when asked', async () => {
    const formula = person({ fullName: { formula: 'CONCATENATE("Trần ","Thị")', result: 'Trần Thị' } });
    const good = person();
    const job = await run(await workbook([formula, good]), { keepValid: true });
    expect(job).toMatchObject({ status: 'SUCCEEDED', totalRows: 2, acceptedRows: 1, rejectedRows: 1, importedRows: 1 });
    expect(job.errors).toEqual([{ line: 2, message: expect.stringContaining('công thức'), messageEn: 'fullName: A cell that starts like a formula (=, +, -, @) is refused' }]);
    expect(await findPerson(String(formula[0]))).toBeNull();
    expect(await findPerson(String(good[0]))).not.toBeNull();
  });

  it('refuses a damaged or fake .xlsx as a whole file, and a sheet with wrong columns', async () => {
    const fake = await run('citizenId,fullName\n', { fileName: 'danh-sach.xlsx' });
    expect(fake).toMatchObject({ status: 'FAILED', totalRows: 0, importedRows: 0 });
    expect(fake.errors).toEqual([
      { line: 0, message: 'Không đọc được tệp Excel (.xlsx): tệp bị hỏng hoặc không phải sổ làm việc Excel', messageEn: 'The Excel (.xlsx) file cannot be read: it is damaged or not an Excel workbook' },
    ]);
    const whole = await workbook([person()]);
    const truncated = await run(whole.subarray(0, Math.floor(whole.length / 2)));
    expect(truncated.errors[0]).toMatchObject({ line: 0, messageEn: expect.stringContaining('cannot be read') });
    const columns = await run(await workbook([], (sheet) => sheet.getCell('I1').value = 'note'));
    expect(columns.errors[0].messageEn).toContain('Extra: note');
  });

  it('refuses Excel 97–2003 (.xls) and password-protected workbooks at once with 415', async () => {
    // The first bytes of an OLE2 compound file: an .xls, or an encrypted .xlsx.
    const ole2 = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Uint8Array(504)]);
    for (const fileName of ['danh-sach.xls', 'co-mat-khau.xlsx']) {
      const res = await upload(api, tokens.BASE_STAFF, 'persons', ole2, { fileName });
      expect(res.status).toBe(415);
      expect(res.body.error).toMatchObject({ code: 'BAD_USER_INPUT', messageKey: 'import.xls', message: { vi: expect.stringContaining('.xls') } });
      expect(res.body.error.message.en).toContain('Excel 97–2003 (.xls)');
    }
    // An "xls" that is in fact text (as some systems export) is refused too.
    expect((await upload(api, tokens.BASE_STAFF, 'persons', `${HEADER.join(',')}\n`, { fileName: 'bao-cao.xls' })).status).toBe(415);
  });
});

/** Cells as text the way the CSV export writes them: dates YYYY-MM-DD, numbers plain, empty as ''. */
function cellAsCsv(value: ExcelJS.CellValue): string {
  if (value == null) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') throw new Error(`unexpected cell ${JSON.stringify(value)}`);
  return String(value);
}

async function download(report: string, token: string, format?: string) {
  const res = await fetch(`${api.url}/api/exports/${report}${format ? `?format=${format}` : ''}`, { headers: { authorization: `Bearer ${token}` } });
  return res;
}

async function sheetOf(res: Response): Promise<ExcelJS.Worksheet> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await res.arrayBuffer());
  return book.worksheets[0];
}

function rowsOf(sheet: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = [];
  const width = sheet.columnCount; // counted over every row: once
  sheet.eachRow((row) => {
    rows.push(Array.from({ length: width }, (_, i) => cellAsCsv(row.getCell(i + 1).value)));
  });
  return rows;
}

describe('exporting as XLSX', () => {
  beforeAll(async () => {
    const hamlet: { id: number }[] = await api.ds.query(`SELECT id FROM org_unit WHERE code = '30208-01'`);
    const created = await staff.ok(`mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }`, {
      i: { fullName: 'Đặng Thị Xuất', dateOfBirth: '1988-08-08', sex: 'FEMALE', citizenId: '087188002222', phone: '0987654321', hamletId: String(hamlet[0].id), supportCategory: 'POOR' },
    });
    await api.ds.query(`UPDATE person SET full_name = '=HYPERLINK("http://x.invalid","Bấm")' WHERE citizen_id = '087188002222'`);
    await staff.ok(`mutation($p: ID!) { enroll(input: { personId: $p, scheme: VOLUNTARY_SI, startDate: "2025-07-01", declaredMonthlyIncome: 1500000, paymentMode: MONTHLY }) { id } }`, {
      p: created.createPerson.id,
    });
  });

  it('gives the same rows as the CSV, formulas neutralised as strings, header bold and frozen', async () => {
    const csvRes = await download('persons', tokens.BASE_STAFF);
    const csvRows: string[][] = parse((await csvRes.text()).replace(/^\uFEFF/, ''), { relax_column_count: false });
    const res = await download('persons', tokens.BASE_STAFF, 'xlsx');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="?nguoi-tham-gia\.xlsx"?$/);
    const sheet = await sheetOf(res);
    const rows = rowsOf(sheet);
    expect(rows.length).toBeGreaterThan(5);
    expect(rows).toEqual(csvRows);
    const line = rows.findIndex((r) => r[0] === '087188002222');
    const name = sheet.getRow(line + 1).getCell(2);
    expect(name.type).toBe(ExcelJS.ValueType.String);
    expect(name.value).toBe(`'=HYPERLINK("http://x.invalid","Bấm")`);
    expect(sheet.getRow(line + 1).getCell(3).value).toEqual(new Date('1988-08-08T00:00:00Z'));
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(2).width).toBeGreaterThanOrEqual(20);
  });

  it('masks personal numbers for a supervisor as the CSV does', async () => {
    const rows = rowsOf(await sheetOf(await download('persons', tokens.SUPERVISOR, 'XLSX')));
    const row = rows.find((r) => r[0].endsWith('2222'))!;
    expect(row[0]).toBe('087•••••2222');
    expect(row[6]).not.toBe('0987654321');
    expect(JSON.stringify(rows)).not.toContain('087188002222');
  });

  it('exports enrollments with amounts as numbers, same rows as the CSV', async () => {
    const csvRows: string[][] = parse((await (await download('enrollments', tokens.BASE_STAFF, 'csv')).text()).replace(/^\uFEFF/, ''));
    const res = await download('enrollments', tokens.BASE_STAFF, 'xlsx');
    expect(res.headers.get('content-disposition')).toContain('dang-ky-tham-gia.xlsx');
    const sheet = await sheetOf(res);
    const rows = rowsOf(sheet);
    expect(rows).toEqual(csvRows);
    const owed = sheet.getRow(rows.findIndex((r) => r[0] === '087188002222') + 1).getCell(11);
    expect(owed.type).toBe(ExcelJS.ValueType.Number);
    expect(owed.value).toBe(1_980_000);
  });

  it('refuses an unknown format with 400', async () => {
    const res = await download('persons', tokens.BASE_STAFF, 'pdf');
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: unknown };
    expect(body.error).toMatchObject({ code: 'BAD_USER_INPUT', messageKey: 'export.format', message: { en: 'No export format "pdf"; use csv or xlsx' } });
  });
});
