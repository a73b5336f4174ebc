import fs from 'node:fs';
import { FileFormatError, readCsv, type CsvRow } from './csv';
import { readXlsx } from './xlsx';

/**
 * What a file holds, from its first bytes (not its name): an XLSX is a ZIP (`PK\x03\x04`); an
 * Excel 97–2003 .xls, like a password-protected .xlsx, is an OLE2 compound file.
 */
export type FileContent = 'empty' | 'zip' | 'ole2' | 'other';

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

export function sniffFile(file: string): FileContent {
  const head = Buffer.alloc(8);
  const fd = fs.openSync(file, 'r');
  let n: number;
  try {
    n = fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (n === 0) return 'empty';
  if (n >= 4 && head.subarray(0, 4).equals(ZIP)) return 'zip';
  if (n === 8 && head.equals(OLE2)) return 'ole2';
  return 'other';
}

/**
 * The rows of an uploaded file, CSV or XLSX, told apart by content: first `{ header }`, then
 * `{ line, values }` for each row (at most maxRows). A file that is neither ZIP nor OLE2 is read as
 * CSV, unless its name says .xlsx: then it is a damaged workbook, not a CSV to guess at.
 */
export async function* readRows(file: string, maxRows: number): AsyncGenerator<{ header: string[] } | CsvRow> {
  const content = sniffFile(file);
  if (content === 'empty') throw new FileFormatError('import.empty');
  if (content === 'ole2') throw new FileFormatError('import.xls');
  if (content === 'zip') return yield* readXlsx(file, maxRows);
  if (/\.xlsx$/i.test(file)) throw new FileFormatError('import.xlsxUnreadable');
  yield* readCsv(file, maxRows);
}
