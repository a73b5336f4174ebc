import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
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

interface SheetPart {
  name?: string;
  /** Where exceljs reads the sheet's XML from: the ZIP entry, or a temporary copy of it (a file stream). */
  iterator?: AsyncIterator<unknown> | Readable;
  [Symbol.asyncIterator](): AsyncGenerator<ExcelJS.Row>;
}

/**
 * Drops a worksheet without reading it (exceljs then drains its entry or deletes its temporary copy).
 * A temporary copy's stream opens its file in the background: wait until it has closed, so exceljs
 * deletes the file only after the open, whose ENOENT would otherwise be an uncaught error that
 * stops the process.
 */
async function discard(sheet: SheetPart): Promise<void> {
  const it = sheet.iterator;
  if (it instanceof Readable) {
    if (it.closed) return;
    it.on('error', () => {});
    await new Promise<void>((resolve) => {
      it.once('close', () => resolve());
      it.destroy();
    });
  } else await it?.return?.();
}

/**
 * Streams the first worksheet (leftmost tab) of an XLSX file like readCsv streams a CSV file: first
 * the header (the first non-empty row, normally row 1), then each non-empty row with its row number
 * and the text of its cells; never the whole file in memory (exceljs reads the ZIP as a stream and
 * the sheet's XML with a SAX parser; only the shared-string table is kept).
 */
export async function* readXlsx(file: string, maxRows: number): AsyncGenerator<{ header: string[] } | CsvRow> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  // exceljs 4.4.0 reads `model.sheets` and `properties.model` when a worksheet comes before
  // xl/workbook.xml in the ZIP, and throws while they are unset (exceljs issue 3064): start them
  // empty (1900 dates, sheet names unknown); reading xl/workbook.xml replaces both.
  const internals = workbook as unknown as { model?: { sheets?: { name: string; rId: string }[] }; properties?: unknown; workbookRels?: { Id: string; Target: string }[]; stream?: Readable };
  internals.model = { sheets: [] };
  internals.properties = {};
  const parts = workbook.parse() as AsyncGenerator<{ eventType: string; value: unknown }>;
  const nextSheet = async (): Promise<SheetPart | null> => {
    for (;;) {
      const part = await parts.next();
      if (part.done) return null;
      if (part.value.eventType === 'worksheet') return part.value.value as SheetPart;
    }
  };
  /** The name of the leftmost tab that is a worksheet (not a chart), once xl/workbook.xml is read. */
  const firstTab = (): string | null => {
    const worksheets = (internals.model?.sheets ?? []).filter((s) => internals.workbookRels?.some((r) => r.Id === s.rId && /^\/?(xl\/)?worksheets\/sheet\d+\.xml$/.test(r.Target)));
    return worksheets[0]?.name ?? null;
  };

  let sheet: SheetPart | null = null;
  let reading: AsyncGenerator<ExcelJS.Row> | null = null;
  try {
    try {
      for (;;) {
        sheet = await nextSheet();
        if (!sheet) throw new FileFormatError('import.xlsxUnreadable');
        const first = firstTab();
        // A sheet exceljs could not name (its relationship written another way) is taken as it comes.
        if (first === null || sheet.name === first || !internals.model?.sheets?.some((s) => s.name === sheet!.name)) break;
        await discard(sheet);
      }
    } catch (err) {
      throw unreadable(err);
    }
    let header = false;
    let rows = 0;
    reading = sheet[Symbol.asyncIterator]();
    for (;;) {
      let next: IteratorResult<ExcelJS.Row>;
      try {
        next = await reading.next();
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
      if (++rows > maxRows) throw new FileFormatError('import.tooManyRows', { max: maxRows });
      yield { line: row.number, values };
    }
    if (!header) throw new FileFormatError('import.empty');
  } finally {
    await reading?.return(undefined).catch(() => {});
    await close(internals, parts, sheet);
  }
}

/**
 * Lets exceljs finish with the file, whether it was read to the end or not. A worksheet that came
 * before the shared strings was copied to a temporary file (the usual case: Excel and exceljs
 * store it so), read after the whole ZIP: exceljs deletes each copy when asked for the next part,
 * so go on asking, dropping the other worksheets unread. A worksheet read straight from the ZIP
 * entry: stop reading the upload instead of decompressing the rest for nothing.
 */
async function close(internals: { stream?: Readable }, parts: AsyncGenerator<unknown>, sheet: SheetPart | null): Promise<void> {
  try {
    if (sheet && !(sheet.iterator instanceof Readable)) {
      internals.stream?.destroy();
      await parts.return(undefined);
      return;
    }
    if (sheet) await discard(sheet);
    for (;;) {
      const part = (await parts.next()) as IteratorResult<{ eventType: string; value: unknown }>;
      if (part.done) return;
      if (part.value.eventType === 'worksheet') await discard(part.value.value as SheetPart);
    }
  } catch {
    // A damaged file has been reported already; the rest of it does not matter.
  }
}
