// Chart geometry computed at build time: plain shapes (rectangles, lines, text) in a fixed viewBox, which
// templates/includes/chart.njk prints as inline SVG (role="img", <title> and <desc> by aria-labelledby) followed
// by the same numbers as a data table. Colours are CSS classes (chart-bar, chart-s0…), never inline styles. No
// client JavaScript is involved.

export interface ChartRect {
  x: number;
  y: number;
  w: number;
  h: number;
  cls: string;
}

export interface ChartLine {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  cls: string;
}

export interface ChartText {
  x: number;
  y: number;
  text: string;
  cls: string;
  anchor: 'start' | 'middle' | 'end';
}

export interface ChartTable {
  caption: string;
  /** Column headers, the first one over the row headers. */
  head: string[];
  rows: Array<{ label: string; cells: string[] }>;
}

export interface ChartModel {
  /** ASCII id, unique on its page: the SVG's <title> and <desc> are `${id}-title` and `${id}-desc`. */
  id: string;
  title: string;
  /** The text summary: the SVG's <desc> and the figure caption. */
  summary: string;
  width: number;
  height: number;
  rects: ChartRect[];
  lines: ChartLine[];
  texts: ChartText[];
  table: ChartTable;
}

const W = 640;
const r1 = (n: number): number => Math.round(n * 10) / 10;

/** A number as the sources write it (no thousands separators, no float noise). */
export const fmt = (n: number): string => String(Number(n.toFixed(4)));

/** A round step for about `parts` axis intervals. */
export function niceStep(max: number, parts = 4, integer = true): number {
  if (!(max > 0)) return 1;
  const raw = max / parts;
  const p = 10 ** Math.floor(Math.log10(raw));
  const f = raw / p;
  const step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
  return integer ? Math.max(1, step) : step;
}

export interface Point {
  label: string;
  value: number | undefined;
}

/** Vertical bars over labelled points (a trend by year). Unknown values leave a gap marked 缺失. */
export function columnChart(o: { id: string; title: string; summary: string; unit: string; points: Point[]; table: ChartTable }): ChartModel {
  const H = 260;
  const left = 56;
  const right = 16;
  const top = 24;
  const bottom = 36;
  const plotH = H - top - bottom;
  const values = o.points.map((p) => p.value).filter((v): v is number => v !== undefined);
  const integer = values.every((v) => Number.isInteger(v));
  const step = niceStep(Math.max(0, ...values), 4, integer);
  const axisMax = Math.max(step, Math.ceil(Math.max(0, ...values) / step) * step);
  const y = (v: number) => top + plotH - (v / axisMax) * plotH;
  const band = (W - left - right) / Math.max(1, o.points.length);
  const rects: ChartRect[] = [];
  const lines: ChartLine[] = [];
  const texts: ChartText[] = [];
  for (let v = 0; v <= axisMax + step / 2; v += step) {
    lines.push({ x1: left, y1: r1(y(v)), x2: W - right, y2: r1(y(v)), cls: v === 0 ? 'chart-axis' : 'chart-grid' });
    texts.push({ x: left - 6, y: r1(y(v) + 4), text: fmt(v), cls: 'chart-tick', anchor: 'end' });
  }
  o.points.forEach((p, i) => {
    const cx = left + band * i + band / 2;
    const w = Math.min(48, band * 0.6);
    texts.push({ x: r1(cx), y: H - bottom + 20, text: p.label, cls: 'chart-label', anchor: 'middle' });
    if (p.value === undefined) {
      texts.push({ x: r1(cx), y: r1(y(0) - 6), text: '缺失', cls: 'chart-gap', anchor: 'middle' });
      return;
    }
    const h = (Math.max(0, p.value) / axisMax) * plotH;
    rects.push({ x: r1(cx - w / 2), y: r1(y(0) - h), w: r1(w), h: r1(h), cls: 'chart-bar' });
    texts.push({ x: r1(cx), y: r1(y(0) - h - 6), text: fmt(p.value), cls: 'chart-value', anchor: 'middle' });
  });
  return { id: o.id, title: o.title, summary: o.summary, width: W, height: H, rects, lines, texts, table: o.table };
}

/** Horizontal bars, one per category, each labelled with its value and share of the total. */
export function barChart(o: { id: string; title: string; summary: string; unit: string; items: Point[]; total: number | undefined; table: ChartTable }): ChartModel {
  const rowH = 30;
  const labelW = 150;
  const x0 = labelW + 10;
  const barMax = W - x0 - 130;
  const top = 8;
  const H = top * 2 + rowH * o.items.length;
  const max = Math.max(0, ...o.items.map((i) => i.value ?? 0));
  const rects: ChartRect[] = [];
  const texts: ChartText[] = [];
  const lines: ChartLine[] = [{ x1: x0, y1: top, x2: x0, y2: H - top, cls: 'chart-axis' }];
  o.items.forEach((item, i) => {
    const yMid = top + rowH * i + rowH / 2;
    texts.push({ x: labelW, y: r1(yMid + 5), text: item.label, cls: 'chart-label', anchor: 'end' });
    if (item.value === undefined) {
      texts.push({ x: x0 + 6, y: r1(yMid + 5), text: '缺失', cls: 'chart-gap', anchor: 'start' });
      return;
    }
    const w = max > 0 ? (Math.max(0, item.value) / max) * barMax : 0;
    if (w > 0) rects.push({ x: x0, y: r1(yMid - 9), w: r1(w), h: 18, cls: 'chart-bar' });
    texts.push({ x: r1(x0 + w + 6), y: r1(yMid + 5), text: `${fmt(item.value)}${o.unit}${percent(item.value, o.total)}`, cls: 'chart-value', anchor: 'start' });
  });
  return { id: o.id, title: o.title, summary: o.summary, width: W, height: H, rects, lines, texts, table: o.table };
}

/** Horizontal stacked bars: one bar per row, one segment per series, a legend under the bars. */
export function stackedBarChart(o: { id: string; title: string; summary: string; unit: string; series: string[]; rows: Array<{ label: string; values: (number | undefined)[]; total: number | undefined }>; table: ChartTable }): ChartModel {
  const rowH = 30;
  const labelW = 190;
  const x0 = labelW + 10;
  const barMax = W - x0 - 70;
  const top = 8;
  const legendY = top + rowH * o.rows.length + 12;
  const H = legendY + 24 * Math.ceil(o.series.length / 4) + 4;
  const totals = o.rows.map((r) => (r.values.every((v) => v !== undefined) ? r.values.reduce((s: number, v) => s + Math.max(0, v!), 0) : undefined));
  const max = Math.max(0, ...totals.map((t) => t ?? 0));
  const rects: ChartRect[] = [];
  const texts: ChartText[] = [];
  const lines: ChartLine[] = [{ x1: x0, y1: top, x2: x0, y2: legendY - 12, cls: 'chart-axis' }];
  o.rows.forEach((row, i) => {
    const yMid = top + rowH * i + rowH / 2;
    texts.push({ x: labelW, y: r1(yMid + 5), text: row.label, cls: 'chart-label', anchor: 'end' });
    if (totals[i] === undefined) {
      texts.push({ x: x0 + 6, y: r1(yMid + 5), text: '缺失', cls: 'chart-gap', anchor: 'start' });
      return;
    }
    let x = x0;
    row.values.forEach((v, s) => {
      const w = max > 0 ? (Math.max(0, v!) / max) * barMax : 0;
      if (w > 0) rects.push({ x: r1(x), y: r1(yMid - 9), w: r1(w), h: 18, cls: `chart-s${s % 4}` });
      x += w;
    });
    texts.push({ x: r1(x + 6), y: r1(yMid + 5), text: `${fmt(row.total ?? totals[i]!)}${o.unit}`, cls: 'chart-value', anchor: 'start' });
  });
  o.series.forEach((name, s) => {
    const lx = x0 + (s % 4) * 105;
    const ly = legendY + 24 * Math.floor(s / 4);
    rects.push({ x: lx, y: ly, w: 14, h: 14, cls: `chart-s${s % 4}` });
    texts.push({ x: lx + 20, y: ly + 12, text: name, cls: 'chart-legend', anchor: 'start' });
  });
  return { id: o.id, title: o.title, summary: o.summary, width: W, height: H, rects, lines, texts, table: o.table };
}

/** （35.7%） of a total, or nothing when the total is unknown or zero. */
export function percent(v: number, total: number | undefined): string {
  return total && total > 0 ? `（${fmt(Math.round((v / total) * 1000) / 10)}%）` : '';
}
