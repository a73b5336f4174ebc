import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Writable } from 'node:stream';
import PDFDocument from 'pdfkit';

/**
 * Printed lists and reports as PDF, with pdfkit and an embedded TrueType font that has every
 * Vietnamese letter (DejaVu Sans Condensed, regular and bold, from the npm package
 * dejavu-fonts-ttf; licence in apps/api/reference/LICENSES.md). pdfkit embeds only the glyphs used.
 *
 * A report is a flow of blocks (text, a heading in two columns, tables, space, page breaks, or a
 * block drawn by the caller, e.g. a chart) added to a {@link PdfReport}. Nothing is drawn while
 * blocks are added: each is measured, then {@link PdfReport.write} cuts the flow into pages (a
 * table's header repeated at the top of each page it continues on, a block marked keepWithNext
 * never left alone at the foot of a page), so the number of pages is known before the first is
 * drawn ("Trang x/y"), and draws the pages one by one; pdfkit hands a page to the response when the
 * next begins, and writing waits for a slow client, so the document is streamed, not held.
 */

const requireHere = createRequire(__filename);
const FONT_DIR = path.join(path.dirname(requireHere.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONT_FILES = {
  regular: 'DejaVuSansCondensed.ttf',
  bold: 'DejaVuSansCondensed-Bold.ttf',
  italic: 'DejaVuSansCondensed-Oblique.ttf',
  boldItalic: 'DejaVuSansCondensed-BoldOblique.ttf',
} as const;
type FontName = keyof typeof FONT_FILES;
let fonts: Record<FontName, Buffer> | null = null;
function loadFonts() {
  fonts ??= Object.fromEntries(Object.entries(FONT_FILES).map(([name, file]) => [name, fs.readFileSync(path.join(FONT_DIR, file))])) as Record<FontName, Buffer>;
  return fonts;
}

/** Weight and slant of a piece of text. */
export interface FontStyle {
  bold?: boolean;
  italic?: boolean;
}

const fontName = (style: FontStyle): FontName => (style.bold ? (style.italic ? 'boldItalic' : 'bold') : style.italic ? 'italic' : 'regular');

export type Align = 'left' | 'center' | 'right';

/** A4 in points (1/72 inch). */
const A4 = { width: 595.28, height: 841.89 };

export interface PdfOptions {
  layout?: 'portrait' | 'landscape';
  /** Document properties: the title, and the subject if any. */
  title: string;
  subject?: string;
  /** Written small at the top of every page, left; the current section (see {@link PdfReport.section}) follows it. */
  runningHeader?: string;
  /** Written small at the foot of every page, left; "Trang x/y" is on the right. */
  footer?: string;
  /** Body text size, points (default 8.5). */
  fontSize?: number;
}

export interface TextStyle extends FontStyle {
  size?: number;
  align?: Align | 'justify';
  /** Indent of the first line, points (a paragraph of an official letter). */
  indent?: number;
  /** Space after the block, points (default 2). */
  gapAfter?: number;
  keepWithNext?: boolean;
}

export interface PdfColumn {
  header: string;
  /** Relative width: the columns share the width of the page in these proportions. */
  width: number;
  align?: Align;
}

/** A line of a {@link PdfReport.heading} column: centred unless `align` says otherwise, in the heading's size unless `size` does. */
export interface HeadingLine extends FontStyle {
  text: string;
  align?: Align;
  size?: number;
}

/** A cell: its text, or the text with the columns it spans (aligned left unless said, when it spans several), its alignment and weight. */
export type PdfCell = string | { text: string; span?: number; align?: Align; bold?: boolean };

export interface PdfRow {
  cells: PdfCell[];
  bold?: boolean;
  /** Background, e.g. '#eeeeee' for a group's heading or a subtotal. */
  fill?: string;
  /** Keep on the same page as the row after it (a group's heading with its first row). */
  keepWithNext?: boolean;
}

/** Where a block is drawn: the document, its top edge, and the left edge and width of the content area. */
export interface DrawArea {
  doc: PDFKit.PDFDocument;
  x: number;
  y: number;
  width: number;
}

interface Block {
  height: number;
  draw(area: DrawArea): void;
  keepWithNext?: boolean;
  breakBefore?: boolean;
  /** The header of the table this block belongs to, drawn first on a page the table continues on. */
  tableHeader?: Block;
  section?: string;
}

const MARGIN = { left: 28, right: 28, top: 22, bottom: 22 };
const RUNNING_HEADER = 16;
const FOOTER = 16;
const CELL_PAD_X = 3;
const CELL_PAD_Y = 2.5;
const RULE = '#7a7a7a';

/** 1234567 → "1.234.567" (Vietnamese grouping). */
export function formatDong(amount: number): string {
  const sign = amount < 0 ? '-' : '';
  return sign + String(Math.abs(Math.trunc(amount))).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** A decimal the Vietnamese way, dots between thousands, a comma before the decimals (at most 2, no trailing zeros): 1234.5 → "1.234,5". */
export function formatDecimal(value: number): string {
  const [whole, fraction] = Math.abs(value).toFixed(2).replace(/\.?0+$/, '').split('.');
  const sign = value < 0 && Number(value.toFixed(2)) !== 0 ? '-' : '';
  return `${sign}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.')}${fraction ? `,${fraction}` : ''}`;
}

/** A percentage as printed: 98.01 → "98,01 %" (a no-break space before the sign, so it never starts a line). */
export function formatPercent(value: number): string {
  return `${formatDecimal(value)}\u00a0%`;
}

/** "2026-08-01" → "01/08/2026". */
export function formatDate(date: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date ?? '');
  return m ? `${m[3]}/${m[2]}/${m[1]}` : '';
}

/** "2026-08" → "08/2026". */
export function formatMonth(month: string): string {
  return `${month.slice(5, 7)}/${month.slice(0, 4)}`;
}

/** A report being laid out; {@link write} draws it onto a stream. One use. */
export class PdfReport {
  readonly doc: PDFKit.PDFDocument;
  private readonly blocks: Block[] = [];
  private readonly page: { width: number; height: number };
  private readonly size: number;
  private section: string | undefined;
  private readonly heights = new Map<string, number>();

  constructor(private readonly options: PdfOptions) {
    const f = loadFonts();
    this.page = options.layout === 'landscape' ? { width: A4.height, height: A4.width } : A4;
    // Margins 0: pdfkit would otherwise open a page of its own when text reaches the bottom margin
    // (the footer does); the layout here keeps everything inside the page itself.
    this.doc = new PDFDocument({
      size: 'A4',
      layout: options.layout ?? 'portrait',
      margin: 0,
      autoFirstPage: false,
      bufferPages: false,
      lang: 'vi-VN',
      displayTitle: true,
      // pdfkit reads every key of info: an undefined one breaks it.
      info: { Title: options.title, ...(options.subject ? { Subject: options.subject } : {}), Author: 'Bao Phủ', Creator: 'Bao Phủ', CreationDate: new Date() },
    });
    for (const name of Object.keys(FONT_FILES) as FontName[]) this.doc.registerFont(name, f[name]);
    this.size = options.fontSize ?? 8.5;
  }

  /** Width of the content area, points. */
  get contentWidth(): number {
    return this.page.width - MARGIN.left - MARGIN.right;
  }

  private get contentTop(): number {
    return MARGIN.top + (this.options.runningHeader !== undefined ? RUNNING_HEADER : 0);
  }

  private get contentBottom(): number {
    return this.page.height - MARGIN.bottom - FOOTER;
  }

  /** Sets the document's font (the report's own, every Vietnamese letter): for text drawn in a custom block. */
  font(bold: boolean | undefined, size: number, italic?: boolean) {
    return this.doc.font(fontName({ bold, italic })).fontSize(size);
  }

  /** Height of `text` wrapped at `width` in the given style. */
  measure(text: string, width: number, style: FontStyle & { size?: number; indent?: number } = {}): number {
    const size = style.size ?? this.size;
    // Lists repeat most of their cells (hamlets, dates, amounts): measure each once.
    const key = `${fontName(style)}${size}|${style.indent ?? 0}|${width.toFixed(2)}|${text}`;
    let height = this.heights.get(key);
    if (height === undefined) {
      this.font(style.bold, size, style.italic);
      height = text ? this.doc.heightOfString(text, { width, lineGap: 0, indent: style.indent ?? 0 }) : this.doc.currentLineHeight(true);
      this.heights.set(key, height);
    }
    return height;
  }

  private push(block: Block) {
    if (this.section !== undefined) block.section = this.section;
    this.blocks.push(block);
  }

  /** Names the part of the report the following blocks belong to: shown in the running header of their pages. */
  startSection(label: string, options: { newPage?: boolean } = {}): this {
    this.section = label;
    if (options.newPage !== false && this.blocks.length) this.pageBreak();
    return this;
  }

  /** A paragraph across the content area. */
  text(text: string, style: TextStyle = {}): this {
    const size = style.size ?? this.size;
    const width = this.contentWidth;
    const indent = style.indent ?? 0;
    const height = this.measure(text, width, { bold: style.bold, italic: style.italic, size, indent }) + (style.gapAfter ?? 2);
    this.push({
      height,
      keepWithNext: style.keepWithNext,
      draw: ({ doc, x, y }) => {
        this.font(style.bold, size, style.italic);
        doc.fillColor('black').text(text, x, y, { width, align: style.align ?? 'left', indent, lineGap: 0, height: Math.min(height, this.contentBottom - y), ellipsis: true });
      },
    });
    return this;
  }

  /**
   * Two columns of lines side by side, centred unless a line says otherwise, as at the top of an
   * official document (the issuing office on the left, the national motto on the right) or at its
   * foot (the recipients on the left, the signature on the right).
   */
  heading(left: HeadingLine[], right: HeadingLine[], style: { size?: number; gapAfter?: number } = {}): this {
    const size = style.size ?? this.size + 1;
    const half = this.contentWidth / 2;
    const column = (lines: HeadingLine[]) => lines.reduce((h, l) => h + this.measure(l.text, half, { ...l, size: l.size ?? size }), 0);
    const height = Math.max(column(left), column(right)) + (style.gapAfter ?? 8);
    this.push({
      height,
      keepWithNext: true,
      draw: ({ doc, x, y }) => {
        for (const [lines, left0] of [
          [left, x],
          [right, x + half],
        ] as const) {
          let at = y;
          for (const line of lines) {
            const lineSize = line.size ?? size;
            this.font(line.bold, lineSize, line.italic);
            doc.fillColor('black').text(line.text, left0, at, { width: half, align: line.align ?? 'center', lineGap: 0 });
            at += this.measure(line.text, half, { ...line, size: lineSize });
          }
        }
      },
    });
    return this;
  }

  /** Empty space. */
  space(height: number): this {
    this.push({ height, draw: () => {} });
    return this;
  }

  /** The next block starts a new page. */
  pageBreak(): this {
    this.push({ height: 0, breakBefore: true, draw: () => {} });
    return this;
  }

  /** A block the caller draws itself (a chart, a signature box) in `height` points of the content area. */
  custom(height: number, draw: (area: DrawArea) => void, options: { keepWithNext?: boolean } = {}): this {
    this.push({ height, draw, keepWithNext: options.keepWithNext });
    return this;
  }

  /**
   * A table: the header row, then the rows, each as tall as its tallest wrapped cell. On a page the
   * table continues on, its header is drawn again first. A cell may span several columns.
   */
  table(columns: PdfColumn[], rows: Iterable<PdfRow>): this {
    const total = columns.reduce((s, c) => s + c.width, 0);
    const widths = columns.map((c) => (c.width / total) * this.contentWidth);
    const header = this.row(columns, widths, { cells: columns.map((c) => ({ text: c.header, align: 'center' })), bold: true, fill: '#e4e4e4' });
    this.push({ ...header, keepWithNext: true });
    for (const r of rows) this.push({ ...this.row(columns, widths, r), tableHeader: header });
    return this;
  }

  private row(columns: PdfColumn[], widths: number[], row: PdfRow): Block {
    const cells: { text: string; x: number; width: number; align: Align; bold: boolean }[] = [];
    let column = 0;
    let offset = 0;
    for (const cell of row.cells) {
      if (column >= columns.length) break;
      const c = typeof cell === 'string' ? { text: cell } : cell;
      const span = Math.max(1, Math.min(('span' in c && c.span) || 1, columns.length - column));
      const width = widths.slice(column, column + span).reduce((s, w) => s + w, 0);
      cells.push({ text: c.text ?? '', x: offset, width, align: ('align' in c && c.align) || (span > 1 ? 'left' : columns[column].align) || 'left', bold: ('bold' in c && c.bold) || !!row.bold });
      offset += width;
      column += span;
    }
    // Cells missing at the end are empty.
    for (; column < columns.length; column++) {
      cells.push({ text: '', x: offset, width: widths[column], align: 'left', bold: false });
      offset += widths[column];
    }
    const height = Math.max(...cells.map((c) => this.measure(c.text, c.width - 2 * CELL_PAD_X, { bold: c.bold }))) + 2 * CELL_PAD_Y;
    return {
      height,
      keepWithNext: row.keepWithNext,
      draw: ({ doc, x, y }) => {
        const width = offset;
        if (row.fill) doc.rect(x, y, width, height).fill(row.fill);
        doc.lineWidth(0.5).strokeColor(RULE);
        for (const c of cells) doc.rect(x + c.x, y, c.width, height).stroke();
        doc.fillColor('black');
        for (const c of cells) {
          if (!c.text) continue;
          this.font(c.bold, this.size);
          // The height too: a cell taller than a page is cut at the page's foot, never spills onto a page pdfkit would add.
          const room = Math.min(height, this.contentBottom - y) - CELL_PAD_Y;
          doc.text(c.text, x + c.x + CELL_PAD_X, y + CELL_PAD_Y, { width: c.width - 2 * CELL_PAD_X, align: c.align, lineGap: 0, height: room, ellipsis: true });
        }
      },
    };
  }

  /** Cuts the blocks into pages. */
  private paginate(): { blocks: { block: Block; y: number }[]; section?: string }[] {
    const top = this.contentTop;
    const bottom = this.contentBottom;
    type Page = { blocks: { block: Block; y: number }[]; section?: string };
    const pages: Page[] = [];
    let page: Page | null = null;
    let y = top;
    // A new page; a block of a table that continues gets the table's header above it.
    const open = (b: Block): Page => {
      const fresh: Page = { blocks: [], section: b.section };
      pages.push(fresh);
      y = top;
      if (b.tableHeader) {
        fresh.blocks.push({ block: b.tableHeader, y });
        y += b.tableHeader.height;
      }
      return fresh;
    };
    const blocks = this.blocks;
    for (let i = 0; i < blocks.length; i++) {
      const b = blocks[i];
      if (b.breakBefore) {
        if (page?.blocks.length) page = null;
        continue;
      }
      // The block and those it must stay with.
      let need = b.height;
      for (let j = i; blocks[j].keepWithNext && j + 1 < blocks.length && !blocks[j + 1].breakBefore; j++) need += blocks[j + 1].height;
      if (!page) page = open(b);
      else if (y + need > bottom) {
        // It does not fit: on a new page, unless it would not fit there either while it fits here.
        const fitsFresh = top + (b.tableHeader?.height ?? 0) + need <= bottom;
        if (fitsFresh || y + b.height > bottom) page = open(b);
      }
      page.blocks.push({ block: b, y });
      y += b.height;
    }
    if (!pages.length) pages.push({ blocks: [], section: this.section });
    return pages;
  }

  /**
   * Draws the report onto `out` (an HTTP response), page after page, waiting while the client reads
   * slowly. Resolves once the document is written, or false at once if the client went away.
   */
  async write(out: Writable): Promise<boolean> {
    const pages = this.paginate();
    const doc = this.doc;
    const finished = new Promise<void>((resolve) => {
      out.once('finish', resolve);
      out.once('close', resolve);
    });
    doc.pipe(out);
    const x = MARGIN.left;
    const width = this.contentWidth;
    for (let p = 0; p < pages.length; p++) {
      doc.addPage({ size: 'A4', layout: this.options.layout ?? 'portrait', margin: 0 });
      const page = pages[p];
      if (this.options.runningHeader !== undefined) {
        const text = [this.options.runningHeader, page.section].filter(Boolean).join(' — ');
        this.font(false, 7);
        doc.fillColor('#444444').text(text, x, MARGIN.top, { width, align: 'left', lineBreak: false });
        doc.moveTo(x, MARGIN.top + 10).lineTo(x + width, MARGIN.top + 10).lineWidth(0.5).strokeColor(RULE).stroke();
      }
      for (const { block, y } of page.blocks) block.draw({ doc, x, y, width });
      const footY = this.page.height - MARGIN.bottom - 9;
      this.font(false, 7);
      doc.fillColor('#444444');
      if (this.options.footer) doc.text(this.options.footer, x, footY, { width: width * 0.75, align: 'left', lineBreak: false });
      doc.text(`Trang ${p + 1}/${pages.length}`, x + width * 0.75, footY, { width: width * 0.25, align: 'right', lineBreak: false });
      if (!(await this.flow(out))) {
        doc.unpipe(out);
        return false;
      }
    }
    doc.end();
    await finished;
    return out.writableFinished;
  }

  /** Waits until the client has taken what was written (a page at a time held), or left (false). */
  private async flow(out: Writable): Promise<boolean> {
    for (;;) {
      if (out.destroyed) return false;
      if (!out.writableNeedDrain && this.doc.readableLength < 512 * 1024) return true;
      await new Promise<void>((resolve) => {
        const done = () => {
          out.off('drain', done);
          out.off('close', done);
          clearTimeout(timer);
          resolve();
        };
        // The document's own buffer empties into the response without an event of ours: look again soon.
        const timer = setTimeout(done, 5);
        out.once('drain', done);
        out.once('close', done);
      });
    }
  }

  /** The number of pages the report will have (lays it out; for tests and previews). */
  pageCount(): number {
    return this.paginate().length;
  }
}
