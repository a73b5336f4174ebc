import fs from 'node:fs';
import { pipeline, Transform } from 'node:stream';
import { parse } from 'csv-parse';

/** A whole file refused (reported on line 0); `key` names its message. */
export class FileFormatError extends Error {
  constructor(
    readonly key: 'import.encoding' | 'import.empty' | 'import.tooManyRows' | 'import.csv' | 'import.columns' | 'import.xls' | 'import.xlsxUnreadable',
    readonly params: Record<string, string | number> = {},
    options?: { cause?: unknown },
  ) {
    super(key, options);
  }
}

/**
 * Decodes UTF-8 strictly as the bytes stream by (a file in another encoding fails on its first
 * bad byte instead of importing mojibake) and drops a byte-order mark.
 */
function strictUtf8(): Transform {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      try {
        done(null, decoder.decode(chunk, { stream: true }));
      } catch {
        done(new FileFormatError('import.encoding'));
      }
    },
    flush(done) {
      try {
        done(null, decoder.decode());
      } catch {
        done(new FileFormatError('import.encoding'));
      }
    },
  });
}

export interface CsvRow {
  /** The line of the file the record starts on (the header is line 1); in a spreadsheet, its row number. */
  line: number;
  values: string[];
}

/**
 * Streams the records of a CSV file (UTF-8, with or without BOM, comma or semicolon separated):
 * first the header, then rows, never the whole file in memory.
 */
export async function* readCsv(file: string, maxRows: number): AsyncGenerator<{ header: string[] } | CsvRow> {
  const head = Buffer.alloc(4096);
  const fd = fs.openSync(file, 'r');
  const n = fs.readSync(fd, head, 0, head.length, 0);
  fs.closeSync(fd);
  if (n === 0) throw new FileFormatError('import.empty');
  const firstLine = head.subarray(0, n).toString('utf8').split(/\r?\n/)[0];
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const parser = parse({ delimiter, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, trim: true, info: true });
  // pipeline, not pipe: a decoding error must reach the parser (and so the loop below).
  pipeline(fs.createReadStream(file), strictUtf8(), parser, () => {});
  let header = true;
  let rows = 0;
  try {
    for await (const rec of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (header) {
        header = false;
        yield { header: rec.record };
        continue;
      }
      if (++rows > maxRows) throw new FileFormatError('import.tooManyRows', { max: maxRows });
      yield { line: rec.info.lines, values: rec.record };
    }
  } catch (err) {
    if (err instanceof FileFormatError) throw err;
    if ((err as Error).name === 'CsvError') throw new FileFormatError('import.csv', { reason: (err as Error).message });
    throw err;
  } finally {
    parser.destroy();
  }
  if (header) throw new FileFormatError('import.empty');
}
