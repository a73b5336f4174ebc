import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * Rows into a table with `COPY … FROM STDIN` (text format) on a connection of its own, written as
 * they are made: lines are gathered into chunks of about 1 MB, and `ready()` waits while the
 * server is behind, so a generator never holds more than a few chunks per table. Values must not
 * hold tabs, newlines or backslashes (generated data never does); null is `\N`.
 */
export class CopyWriter {
  rows = 0;
  private parts: string[] = [];
  private size = 0;
  private waiting: Promise<void> | null = null;
  private failed: Error | null = null;
  private done: Promise<void>;

  private constructor(
    readonly table: string,
    private readonly stream: NodeJS.WritableStream & { on(e: string, f: (...a: any[]) => void): unknown },
  ) {
    this.done = new Promise((resolve, reject) => {
      stream.on('finish', resolve);
      stream.on('error', (err: Error) => {
        this.failed = err;
        reject(err);
      });
    });
    this.done.catch(() => {});
  }

  static open(client: pg.Client, table: string, columns: readonly string[]): CopyWriter {
    const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)) as unknown as NodeJS.WritableStream;
    return new CopyWriter(table, stream as never);
  }

  /** One row: its values joined by tabs and ended by a newline, by the caller. */
  line(text: string): void {
    this.parts.push(text);
    this.size += text.length;
    this.rows++;
    if (this.size >= 1 << 20) this.flush();
  }

  private flush(): void {
    if (!this.parts.length) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (!this.stream.write(chunk) && !this.waiting) {
      this.waiting = new Promise<void>((resolve) => this.stream.once('drain', () => resolve())).finally(() => (this.waiting = null));
    }
  }

  /** Resolves when the server has taken what was written (call it between batches of rows). */
  async ready(): Promise<void> {
    if (this.failed) throw this.failed;
    if (this.waiting) await Promise.race([this.waiting, this.done]);
  }

  /** Sends the rest and ends the COPY; resolves once the server has written every row. */
  async end(): Promise<number> {
    this.flush();
    this.stream.end();
    await this.done;
    return this.rows;
  }
}

/** A nullable value in COPY text format. */
export const nul = (v: string | number | null | undefined): string => (v === null || v === undefined ? '\\N' : String(v));
