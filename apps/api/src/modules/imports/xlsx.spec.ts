import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { FileFormatError } from './csv';
import { readRows } from './rows';
import { cellText } from './xlsx';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baophu-xlsx-spec-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function file(name: string, build: (book: ExcelJS.Workbook) => void): Promise<string> {
  const book = new ExcelJS.Workbook();
  build(book);
  const target = path.join(dir, name);
  await book.xlsx.writeFile(target);
  return target;
}

async function read(target: string, maxRows = 10): Promise<unknown[]> {
  const items: unknown[] = [];
  try {
    for await (const item of readRows(target, maxRows)) items.push(item);
  } catch (err) {
    items.push(err instanceof FileFormatError ? `${err.key} ${JSON.stringify(err.params)}` : err);
  }
  return items;
}

describe('the text of an XLSX cell', () => {
  it('writes numbers as typed: no exponent, no separators, 15 digits as Excel keeps', () => {
    expect([1_500_000, 0.1 + 0.2, 1e21, 1.5e-7, -0, 2.5].map((v) => cellText(v))).toEqual(['1500000', '0.3', '1000000000000000000000', '0.00000015', '0', '2.5']);
    expect(cellText(87191001234, '000000000000')).toBe('087191001234');
  });

  it('writes dates as YYYY-MM-DD, and the time only when there is one', () => {
    expect(cellText(new Date(Date.UTC(1991, 1, 3)))).toBe('1991-02-03');
    expect(cellText(new Date(Date.UTC(1991, 1, 3, 8, 30)))).toBe('1991-02-03 08:30');
  });

  it('joins rich text, keeps hyperlink text, shows errors and booleans, trims, and turns formulas into =…', () => {
    expect(cellText({ richText: [{ text: ' Võ ' }, { text: 'Văn' }] })).toBe('Võ Văn');
    expect(cellText({ text: 'Trang chủ', hyperlink: 'https://example.invalid' })).toBe('Trang chủ');
    expect(cellText({ error: '#N/A' })).toBe('#N/A');
    expect(cellText(true)).toBe('TRUE');
    expect(cellText('  087191001234 ')).toBe('087191001234');
    expect(cellText({ formula: 'A1+1', result: 2 })).toBe('=A1+1');
    expect(cellText({ sharedFormula: 'B2', result: 3 } as ExcelJS.CellValue)).toBe('=B2');
    expect(cellText(null)).toBe('');
  });
});

describe('reading an XLSX file', () => {
  it('reads the leftmost tab, from its first non-empty row, with sheet row numbers', async () => {
    // Created second, moved first: its part is sheet2.xml, but it is the first tab.
    const target = await file('tabs.xlsx', (book) => {
      book.addWorksheet('Sau').addRow(['other']);
      const first = book.addWorksheet('Trước');
      first.getCell('A3').value = 'a';
      first.getCell('B3').value = 'b';
      first.getCell('B5').value = 'x';
      const sheets = (book as unknown as { _worksheets: { name: string; orderNo: number }[] })._worksheets.filter(Boolean);
      sheets.find((s) => s.name === 'Sau')!.orderNo = 1;
      sheets.find((s) => s.name === 'Trước')!.orderNo = 0;
    });
    expect(await read(target)).toEqual([{ header: ['a', 'b'] }, { line: 5, values: ['', 'x'] }]);
  });

  it('reads the leftmost tab and nothing else, the same every upload', async () => {
    // With exceljs' front-to-back reader, a tab dropped unread was a temporary copy whose deletion
    // raced its stream's open (an ENOENT outside any request stopped the server, one upload in
    // tens), and about one upload in 500 lost the ZIP after the first worksheet (no shared strings:
    // "unreadable"). Both came only on a busy machine; 200 uploads catch the first.
    const target = await file('dropped.xlsx', (book) => {
      book.addWorksheet('Sau').addRow(['other']);
      const first = book.addWorksheet('Trước');
      first.addRow(['a']);
      first.addRow(['b']);
      const sheets = (book as unknown as { _worksheets: { name: string; orderNo: number }[] })._worksheets.filter(Boolean);
      sheets.find((s) => s.name === 'Sau')!.orderNo = 1;
      sheets.find((s) => s.name === 'Trước')!.orderNo = 0;
    });
    for (let i = 0; i < 200; i++) expect(await read(target)).toEqual([{ header: ['a'] }, { line: 2, values: ['b'] }]);
  });

  it('lets go of the file when the reading stops early, however often', async () => {
    // An import refused at its header, or past its row limit, stops reading: the upload's file
    // handle and the part being inflated must not stay open (a server would run out of them).
    const target = await file('early.xlsx', (book) => {
      const sheet = book.addWorksheet('A');
      for (let i = 0; i < 2000; i++) sheet.addRow([`r${i}`, i]);
    });
    const open = () => fs.readdirSync('/proc/self/fd').length;
    const before = open();
    for (let i = 0; i < 50; i++) {
      for await (const item of readRows(target, 10)) if ('header' in item) break;
      expect(await read(target, 5)).toContain('import.tooManyRows {"max":5}');
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(open()).toBeLessThanOrEqual(before + 2);
  });

  it('stops past the row limit, and calls a workbook without rows empty', async () => {
    const rows = await file('rows.xlsx', (book) => {
      const sheet = book.addWorksheet('A');
      for (let i = 0; i < 5; i++) sheet.addRow([`r${i}`]);
    });
    expect(await read(rows, 3)).toEqual([{ header: ['r0'] }, { line: 2, values: ['r1'] }, { line: 3, values: ['r2'] }, { line: 4, values: ['r3'] }, 'import.tooManyRows {"max":3}']);
    const empty = await file('empty.xlsx', (book) => book.addWorksheet('A'));
    expect(await read(empty)).toEqual(['import.empty {}']);
  });
});
