import ExcelJS from 'exceljs';
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
