import { formatDecimal, type DrawArea, type PdfReport } from './pdf';

/**
 * Charts for printed reports, drawn with pdfkit's vector graphics (lines, rectangles, text in the
 * report's font) so they stay sharp when printed and their figures remain text. Each returns a
 * block of known height for {@link PdfReport.custom}; a block is never cut across pages, so a long
 * bar chart is split into several blocks by the caller.
 */

const INK = '#333333';
const GRID = '#d9d9d9';
const BAR = '#5b8cc8';
const LINE = '#1f5fa8';
const TARGET = '#c0392b';

/** A chart block: its height and how to draw it. */
export interface ChartBlock {
  height: number;
  draw(area: DrawArea): void;
}

/** A step between gridlines that gives about `count` of them up to `span`: 1, 2 or 5 times a power of ten. */
export function niceStep(span: number, count = 5): number {
  if (!(span > 0)) return 1;
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  return ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
}

/** One line of text in the report's font, cut with an ellipsis when it does not fit `width`. */
function label(pdf: PdfReport, text: string, x: number, y: number, width: number, options: { size?: number; align?: 'left' | 'center' | 'right'; bold?: boolean; color?: string } = {}) {
  const size = options.size ?? 7;
  pdf.font(options.bold, size);
  pdf.doc.fillColor(options.color ?? INK).text(text, x, y, { width, align: options.align ?? 'left', lineGap: 0, height: size * 1.2, ellipsis: true });
}

export interface Bar {
  label: string;
  value: number;
  /** A mark across the bar (the target), or null. */
  marker?: number | null;
  /** Written after the bar, e.g. "479 / 500 (95,8 %)". */
  note: string;
}

const BAR_ROW = 13;

/**
 * Horizontal bars, one row per item: its label on the left, the bar scaled to the largest value or
 * marker, a red mark at the marker, the note after the bar; gridlines with their values below.
 */
export function barChart(pdf: PdfReport, bars: Bar[], options: { legend: string; markerLegend?: string }): ChartBlock {
  const axis = 12;
  const legend = 12;
  const height = legend + bars.length * BAR_ROW + axis + 4;
  return {
    height,
    draw: ({ doc, x, y, width }) => {
      const labelWidth = Math.min(150, width * 0.3);
      const noteWidth = 110;
      const left = x + labelWidth + 4;
      const plotWidth = width - labelWidth - noteWidth - 8;
      const max = Math.max(1, ...bars.map((b) => Math.max(b.value, b.marker ?? 0)));
      const step = niceStep(max);
      const top = Math.ceil(max / step) * step;
      const at = (v: number) => left + (Math.max(0, v) / top) * plotWidth;
      // Legend.
      doc.rect(x, y + 2, 10, 6).fill(BAR);
      label(pdf, options.legend, x + 14, y + 1, width / 2 - 14);
      if (options.markerLegend) {
        doc.moveTo(x + width / 2, y + 1).lineTo(x + width / 2, y + 9).lineWidth(1.5).strokeColor(TARGET).stroke();
        label(pdf, options.markerLegend, x + width / 2 + 5, y + 1, width / 2 - 5);
      }
      const plotTop = y + legend;
      const plotBottom = plotTop + bars.length * BAR_ROW;
      // Gridlines and their values.
      doc.lineWidth(0.4).strokeColor(GRID);
      for (let v = 0; v <= top + step / 2; v += step) {
        doc.moveTo(at(v), plotTop).lineTo(at(v), plotBottom).stroke();
        label(pdf, formatDecimal(v), at(v) - 20, plotBottom + 2, 40, { align: 'center', size: 6.5 });
      }
      bars.forEach((b, i) => {
        const rowTop = plotTop + i * BAR_ROW;
        label(pdf, b.label, x, rowTop + 3, labelWidth, { align: 'right' });
        const end = at(b.value);
        if (end > left) doc.rect(left, rowTop + 2.5, end - left, BAR_ROW - 5).fill(BAR);
        if (b.marker != null) doc.moveTo(at(b.marker), rowTop + 1).lineTo(at(b.marker), rowTop + BAR_ROW - 1).lineWidth(1.5).strokeColor(TARGET).stroke();
        label(pdf, b.note, Math.max(end, b.marker != null ? at(b.marker) : 0) + 4, rowTop + 3, noteWidth);
      });
      doc.moveTo(left, plotTop).lineTo(left, plotBottom).lineWidth(0.7).strokeColor(INK).stroke();
    },
  };
}

export interface LinePoint {
  /** Under the axis, e.g. "11/2026". */
  label: string;
  value: number;
  /** The reference at that point (the year's target), or null. */
  reference: number | null;
}

/**
 * A line through monthly values with a dot and its figure at each point, and the reference (the
 * target) as a dashed line where it is set. The value axis starts at 0 unless every figure lies high
 * above it, then at a gridline below the smallest.
 */
export function lineChart(pdf: PdfReport, points: LinePoint[], options: { legend: string; referenceLegend?: string; height?: number }): ChartBlock {
  const height = options.height ?? 190;
  return {
    height,
    draw: ({ doc, x, y, width }) => {
      const legend = 14;
      const axisLeft = 40;
      const axisBottom = 16;
      const plot = { left: x + axisLeft, top: y + legend + 8, right: x + width - 12, bottom: y + height - axisBottom };
      const figures = points.flatMap((p) => (p.reference === null ? [p.value] : [p.value, p.reference]));
      const hi = Math.max(1, ...figures);
      const lo = Math.min(...figures, hi);
      let step = niceStep(hi);
      let bottom = 0;
      if (lo > hi * 0.5) {
        step = niceStep(hi - lo || hi / 10);
        bottom = Math.max(0, Math.floor(lo / step) * step - step);
      }
      const top = Math.max(bottom + step, Math.ceil(hi / step) * step);
      const yOf = (v: number) => plot.bottom - ((v - bottom) / (top - bottom)) * (plot.bottom - plot.top);
      const slot = (plot.right - plot.left) / Math.max(1, points.length);
      const xOf = (i: number) => plot.left + slot * (i + 0.5);
      // Legend.
      doc.moveTo(x, y + 5).lineTo(x + 18, y + 5).lineWidth(1.5).strokeColor(LINE).stroke();
      doc.circle(x + 9, y + 5, 1.8).fill(LINE);
      label(pdf, options.legend, x + 22, y + 1, width / 2 - 22);
      if (options.referenceLegend && points.some((p) => p.reference !== null)) {
        doc.moveTo(x + width / 2, y + 5).lineTo(x + width / 2 + 18, y + 5).lineWidth(1.2).dash(3, { space: 2 }).strokeColor(TARGET).stroke().undash();
        label(pdf, options.referenceLegend, x + width / 2 + 22, y + 1, width / 2 - 22);
      }
      // Gridlines with their values on the left.
      doc.lineWidth(0.4).strokeColor(GRID);
      for (let v = bottom; v <= top + step / 2; v += step) {
        doc.moveTo(plot.left, yOf(v)).lineTo(plot.right, yOf(v)).stroke();
        label(pdf, formatDecimal(v), x, yOf(v) - 3.5, axisLeft - 4, { align: 'right', size: 6.5 });
      }
      doc.moveTo(plot.left, plot.bottom).lineTo(plot.right, plot.bottom).moveTo(plot.left, plot.top).lineTo(plot.left, plot.bottom).lineWidth(0.7).strokeColor(INK).stroke();
      // Month labels: all of them, or every second or third when they would crowd.
      const every = Math.ceil(points.length / Math.max(1, Math.floor((plot.right - plot.left) / 34)));
      points.forEach((p, i) => {
        if (i % every === 0 || i === points.length - 1) label(pdf, p.label, xOf(i) - slot / 2 - 10, plot.bottom + 4, slot + 20, { align: 'center', size: 6.5 });
      });
      // The reference, dashed, broken where it is not set (a year without a target).
      doc.lineWidth(1.2).strokeColor(TARGET).dash(3, { space: 2 });
      let open = false;
      points.forEach((p, i) => {
        if (p.reference === null) {
          open = false;
          return;
        }
        // Flat across the month's slot: the target is the year's, not a point's.
        if (open) doc.lineTo(xOf(i) - slot / 2, yOf(p.reference));
        else doc.moveTo(xOf(i) - slot / 2, yOf(p.reference));
        doc.lineTo(xOf(i) + slot / 2, yOf(p.reference));
        open = true;
      });
      doc.stroke().undash();
      // The values: the line, a dot and the figure at each point.
      if (points.length > 1) {
        doc.moveTo(xOf(0), yOf(points[0].value));
        for (let i = 1; i < points.length; i++) doc.lineTo(xOf(i), yOf(points[i].value));
        doc.lineWidth(1.5).strokeColor(LINE).stroke();
      }
      points.forEach((p, i) => {
        doc.circle(xOf(i), yOf(p.value), 2).fill(LINE);
        if (points.length > 24 && i % every !== 0 && i !== points.length - 1) return;
        // Above the dot, or below it when the reference runs just above.
        const gap = p.reference === null ? Infinity : yOf(p.value) - yOf(p.reference);
        label(pdf, formatDecimal(p.value), xOf(i) - 22, gap >= 0 && gap < 12 ? yOf(p.value) + 3 : yOf(p.value) - 10, 44, { align: 'center', size: 6.5, color: LINE });
      });
    },
  };
}
