import path from 'node:path/posix';
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { FileFormatError, type CsvRow } from './csv';

/** Whole numbers and decimals as typed: no exponent, no thousands separator, 15 digits as Excel keeps. */
const NUMBER = new Intl.NumberFormat('en-US', { useGrouping: false, maximumSignificantDigits: 15 });

function numberText(n: number, numFmt: string | undefined): string {
  if (!Number.isFinite(n)) return String(n);
  const text = NUMBER.format(n === 0 ? 0 : n);
  // A column formatted "000000000000" shows 87191001234 as 087191001234: read what the user sees.
  if (numFmt && /^0+$/.test(numFmt) && Number.isInteger(n) && n >= 0) return text.padStart(numFmt.length, '0');
  return text;
}

/** A date cell as YYYY-MM-DD (exceljs gives the serial as a UTC date), with the time only when there is one. */
function dateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const iso = d.toISOString();
  const time = iso.slice(11, 19);
  if (time === '00:00:00') return iso.slice(0, 10);
  return `${iso.slice(0, 10)} ${time.endsWith(':00') ? time.slice(0, 5) : time}`;
}

/**
 * The text of a cell as an importer reads it: strings trimmed, dates YYYY-MM-DD, numbers without
 * exponent or separators, rich text joined, hyperlinks as their text, errors as shown (#N/A).
 * A formula comes back as `=` and its text whatever its cached result, so the row is refused like
 * a CSV cell that starts with `=`.
 */
export function cellText(value: ExcelJS.CellValue | undefined, numFmt?: string): string {
  if (value == null) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return numberText(value, numFmt);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateText(value);
  const v = value as unknown as Record<string, unknown>;
  if ('formula' in v || 'sharedFormula' in v) return `=${String(v.formula ?? v.sharedFormula ?? '')}`;
  if (Array.isArray(v.richText)) return (v.richText as { text?: string | null }[]).map((r) => r.text ?? '').join('').trim();
  if ('error' in v) return String(v.error);
  if ('text' in v) return cellText(v.text as ExcelJS.CellValue);
  // { sharedString: n }: a cell pointing into a shared-string table the file does not have.
  if ('sharedString' in v) throw new FileFormatError('import.xlsxUnreadable');
  return String(value).trim();
}

const unreadable = (err: unknown) => (err instanceof FileFormatError ? err : new FileFormatError('import.xlsxUnreadable', {}, { cause: err }));

/** More parts than any workbook has (a sheet, its rels, styles, strings, theme, properties …): a ZIP bomb of entries. */
const MAX_ENTRIES = 10_000;

/** A ZIP read where its parts are (central directory first), not front to back. */
interface Zip {
  entries: Map<string, yauzl.Entry>;
  /** One part's bytes, inflated; destroy it to stop early. */
  open(entry: yauzl.Entry): Promise<Readable>;
  close(): void;
}

function openZip(file: string): Promise<Zip> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: false, strictFileNames: false, validateEntrySizes: true }, (err, zip) => {
      if (err) return reject(err);
      const entries = new Map<string, yauzl.Entry>();
      const fail = (e: unknown) => {
        zip.close();
        reject(e);
      };
      zip.on('error', fail);
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entries.size >= MAX_ENTRIES) return fail(new Error(`more than ${MAX_ENTRIES} parts`));
        // A name written with backslashes or a leading slash is the same part.
        entries.set(entry.fileName.replace(/\\/g, '/').replace(/^\/+/, ''), entry);
        zip.readEntry();
      });
      zip.on('end', () => {
        zip.removeListener('error', fail);
        // A read stream's error is its consumer's; the ZIP's own, after the listing, has nowhere to go.
        zip.on('error', () => {});
        resolve({
          entries,
          open: (entry) => new Promise((ok, ko) => zip.openReadStream(entry, (e, stream) => (e ? ko(e) : ok(stream)))),
          close: () => zip.close(),
        });
      });
      zip.readEntry();
    });
  });
}

/** What of exceljs's streaming reader this reads with: its parsers of each part, fed in our order. */
interface ReaderParts {
  model?: { sheets?: { name: string; rId: string }[] };
  workbookRels?: { Id: string; Type?: string; Target: string; TargetMode?: string }[];
  _parseRels(stream: Readable): Promise<void>;
  _parseWorkbook(stream: Readable): Promise<void>;
  _parseSharedStrings(stream: Readable): AsyncGenerator<unknown>;
  _parseStyles(stream: Readable): Promise<void>;
  _parseWorksheet(stream: Readable, sheetNo: string): Generator<{ eventType: string; value: unknown }>;
}

/** A relationship's target as a part name: relative to xl/, or from the root when it starts with /. */
const partName = (target: string) => (target.startsWith('/') ? target.slice(1) : path.normalize(path.join('xl', target)));

/**
 * The part of the leftmost tab that is a worksheet (not a chart): the first sheet of xl/workbook.xml
 * whose relationship is a worksheet, its target read relative to xl/ (or from the root when it
 * starts with /). A workbook that names none: its first worksheet part.
 */
function firstWorksheet(reader: ReaderParts, entries: Map<string, yauzl.Entry>): yauzl.Entry | null {
  const rels = reader.workbookRels ?? [];
  for (const sheet of reader.model?.sheets ?? []) {
    const rel = rels.find((r) => r.Id === sheet.rId);
    if (!rel || rel.TargetMode === 'External' || !/\/worksheet$/.test(rel.Type ?? '/worksheet')) continue;
    const entry = entries.get(partName(rel.Target));
    if (entry) return entry;
  }
  for (const [name, entry] of entries) if (/^xl\/worksheets\/[^/]+\.xml$/i.test(name)) return entry;
  return null;
}

/**
 * Streams the first worksheet (leftmost tab) of an XLSX file like readCsv streams a CSV file: first
 * the header (the first non-empty row, normally row 1), then each non-empty row with its row number
 * and the text of its cells; never the whole file in memory.
 *
 * The ZIP is read by its central directory (yauzl): the workbook, its relationships, the shared
 * strings (kept: cells point into them) and the styles (number formats) are parsed first, then the
 * one worksheet is inflated and parsed with a SAX parser as it streams, whatever order the parts
 * are stored in; the other tabs are never read. exceljs's own front-to-back reader stopped early
 * now and then (about one upload in 500 on a busy machine): the ZIP's listing ended after the first
 * worksheet, the shared strings never came, and the file was called unreadable.
 */
export async function* readXlsx(file: string, maxRows: number): AsyncGenerator<{ header: string[] } | CsvRow> {
  let zip: Zip;
  try {
    zip = await openZip(file);
  } catch (err) {
    throw unreadable(err);
  }
  const streams = new Set<Readable>();
  const open = async (entry: yauzl.Entry) => {
    const stream = await zip.open(entry);
    streams.add(stream);
    stream.once('close', () => streams.delete(stream));
    return stream;
  };
  let rows: AsyncGenerator<ExcelJS.Row> | null = null;
  try {
    try {
      const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' }) as unknown as ReaderParts;
      const part = (name: string) => zip.entries.get(name);
      const workbook = part('xl/workbook.xml');
      const rels = part('xl/_rels/workbook.xml.rels');
      if (!workbook || !rels) throw new FileFormatError('import.xlsxUnreadable');
      await reader._parseRels(await open(rels));
      await reader._parseWorkbook(await open(workbook));
      // Where the workbook's relationships put them (some writers name them otherwise), else where Excel does.
      const related = (type: string, usual: string) => {
        const rel = reader.workbookRels?.find((r) => r.Type?.endsWith(`/${type}`) && r.TargetMode !== 'External');
        return (rel && zip.entries.get(partName(rel.Target))) ?? part(usual);
      };
      const strings = related('sharedStrings', 'xl/sharedStrings.xml');
      if (strings) for await (const _ of reader._parseSharedStrings(await open(strings)));
      const styles = related('styles', 'xl/styles.xml');
      if (styles) await reader._parseStyles(await open(styles));
      const entry = firstWorksheet(reader, zip.entries);
      if (!entry) throw new FileFormatError('import.xlsxUnreadable');
      const sheet = reader._parseWorksheet(await open(entry), /(\d+)\.xml$/.exec(entry.fileName)?.[1] ?? '1').next().value?.value as AsyncIterable<ExcelJS.Row> | undefined;
      if (!sheet) throw new FileFormatError('import.xlsxUnreadable');
      rows = sheet[Symbol.asyncIterator]() as AsyncGenerator<ExcelJS.Row>;
    } catch (err) {
      throw unreadable(err);
    }
    let header = false;
    let count = 0;
    for (;;) {
      let next: IteratorResult<ExcelJS.Row>;
      try {
        next = await rows.next();
      } catch (err) {
        throw unreadable(err);
      }
      if (next.done) break;
      const row = next.value;
      const cells: string[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        cells[col - 1] = cellText(cell.value, cell.numFmt);
      });
      const values = Array.from(cells, (v) => v ?? '');
      if (values.every((v) => v === '')) continue;
      if (!header) {
        header = true;
        yield { header: values };
        continue;
      }
      if (++count > maxRows) throw new FileFormatError('import.tooManyRows', { max: maxRows });
      yield { line: row.number, values };
    }
    if (!header) throw new FileFormatError('import.empty');
  } finally {
    // Stopped early (a bad file, too many rows, the import refused): stop inflating and let go of the file.
    await rows?.return(undefined).catch(() => {});
    for (const stream of streams) stream.destroy();
    zip.close();
  }
}
