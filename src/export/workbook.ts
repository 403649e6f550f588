// The Excel workbook: one sheet per table per format version, one line per report, under a header of merged
// cells built from the official table — the row labels over the column labels, as the official table 四 is laid
// out (行政复议 | 行政诉讼 › … over 结果维持 …), with block titles on top for table 二. Labels are verbatim, numbers
// are numbers, 不适用/缺失/未发布 are text. Written with exceljs's streaming writer (one sheet at a time, rows
// flushed as they are written), then every zip entry is stamped with a date from the data.
// Loaded when a workbook is written: exceljs takes ~1 s to load, which each report-page thread (importing this
// module for the sheet names) would pay for nothing.
import type ExcelJS from 'exceljs';
import { once, type EventEmitter } from 'node:events';
import { yearsText, type CompiledFormat, type CompiledTable } from '../formats/index.ts';
import type { ColumnDef, RowDef } from '../formats/types.ts';
import type { CsvValue } from './csv.ts';
import { formatTitle, formatsNewestFirst } from './format-facts.ts';
import { STATUS_TEXT, cellRecords } from './records.ts';
import { REPORT_COLUMNS, type CsvColumn, type ExportReport } from './table-csv.ts';
import { stampZipEntries } from './zip-time.ts';

export interface HeadNode {
  label: string;
  children?: HeadNode[];
}

/** The header tree of a table: block titles › row labels › column labels; leaves in cell order. */
export function headerTree(t: CompiledTable): HeadNode[] {
  const cols = (cs: readonly ColumnDef[]): HeadNode[] => cs.map((c) => (c.children ? { label: c.label, children: cols(c.children) } : { label: c.label }));
  const rows = (rs: readonly RowDef[], cs: readonly ColumnDef[]): HeadNode[] =>
    rs.map((r) => ({ label: r.label, children: r.children ? rows(r.children, cs) : cols(cs) }));
  return t.blocks.flatMap((b) => (b.def.title ? [{ label: b.def.title, children: rows(b.def.rows, b.def.columns) }] : rows(b.def.rows, b.def.columns)));
}

const depth = (nodes: readonly HeadNode[]): number => Math.max(0, ...nodes.map((n) => 1 + depth(n.children ?? [])));
const leaves = (n: HeadNode): number => (n.children ? n.children.reduce((s, c) => s + leaves(c), 0) : 1);

/** Header cells: level (0 = top), first and last leaf column (0-based), and whether it reaches the bottom. */
export interface HeadCell {
  label: string;
  level: number;
  from: number;
  to: number;
  leaf: boolean;
}

export function headerCells(tree: readonly HeadNode[]): { cells: HeadCell[]; depth: number; width: number } {
  const cells: HeadCell[] = [];
  let next = 0;
  const walk = (nodes: readonly HeadNode[], level: number) => {
    for (const n of nodes) {
      const from = next;
      if (n.children) walk(n.children, level + 1);
      else next++;
      cells.push({ label: n.label, level, from, to: from + leaves(n) - 1, leaf: !n.children });
    }
  };
  walk(tree, 0);
  return { cells, depth: depth(tree), width: next };
}

/** Sheet names: ≤ 31 characters, none of []:*?/\ . */
export function sheetName(f: CompiledFormat, t: CompiledTable): string {
  const name = `${t.key}（${yearsText(f.def)}）`;
  if (name.length > 31 || /[[\]:*?/\\]/.test(name)) throw new Error(`workbook: unusable sheet name ${name}`);
  return name;
}

/** Identity columns of every sheet: the report columns of the CSV, the publication date, why a table is absent. */
const SHEET_COLUMNS: readonly (CsvColumn<{ page: ExportReport; table: CompiledTable }> & { width: number })[] = [
  ...REPORT_COLUMNS.map((c) => ({ header: c.header, describe: c.describe, value: (x: { page: ExportReport }) => c.value(x.page), width: 14 })),
  { header: '发布日期', describe: '报告的发布日期；原文未注明时为“缺失”', value: (x) => x.page.report.meta.published ?? STATUS_TEXT.missing, width: 12 },
  {
    header: '本表未发布的原因',
    describe: '报告原文未发布此表时写明原因；已发布的表为空',
    value: (x) => {
      const d = x.page.report.tables[x.table.id];
      return d.status === 'unpublished' ? d.reason : null;
    },
    width: 20,
  },
];

export const SHEET_NOTE = `每行为一份报告。“${STATUS_TEXT.na}”“${STATUS_TEXT.missing}”“${STATUS_TEXT.unpublished}”以文字表示，空白不等于 0；斜体数值为本系统根据表内数据计算的合计（报告原文未填写）。`;

/** Rows above the header: the table caption with its format version, and the note. */
export const TITLE_ROWS = 2;

const BORDER: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
const HEAD_STYLE: Partial<ExcelJS.Style> = {
  font: { bold: true },
  alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF3F3F3' } },
  border: BORDER,
};
const TEXT_STYLE: Partial<ExcelJS.Style> = { alignment: { horizontal: 'center' } };
const COMPUTED_STYLE: Partial<ExcelJS.Style> = { font: { italic: true } };
const COMPUTED_TEXT_STYLE: Partial<ExcelJS.Style> = { font: { italic: true }, alignment: { horizontal: 'center' } };
const DATA_WIDTH = 12;

/** Display width of a label in character cells (CJK count double). */
const textWidth = (s: string): number => [...s].reduce((w, c) => w + (c.charCodeAt(0) > 0xff ? 2 : 1), 0);

/** The exceljs internals the direct row writer uses; exceljs is pinned, and a unit test compares the bytes. */
interface WriterInternals {
  stream: { write(xml: string): unknown };
  lastRow: unknown;
}
interface StylesInternals {
  styles: { addStyleModel(style: Partial<ExcelJS.Style>, cellType: ExcelJS.ValueType): number };
}

/** exceljs's XML text encoding (utils.xmlEncode): the five entities, and control characters XML forbids dropped. */
const XML_SPECIAL = /[<>&'"\x7F\x00-\x08\x0B\x0C\x0E-\x1F]/;
const XML_ESCAPES: Record<string, string> = { '"': '&quot;', '&': '&amp;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };
export const xmlText = (s: string): string => (XML_SPECIAL.test(s) ? s.replace(new RegExp(XML_SPECIAL.source, 'g'), (c) => XML_ESCAPES[c] ?? '') : s);

/** A1-style column letters (1 → A, 27 → AA). */
export function columnLetters(n: number): string {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const NO_STYLE: Partial<ExcelJS.Style> = {};

/**
 * Writes the data rows' XML straight into the sheet's stream, the same bytes exceljs's Row objects give
 * (`<row r spans x14ac:dyDescent><c r s t><v>…`) at a fraction of the cost: exceljs builds a model, a style and an
 * XML tree for every cell (about 7 µs a cell; a 10,000-report workbook has two million cells).
 */
class DirectRows {
  private letters: string[];
  private styleIds = new Map<Partial<ExcelJS.Style>, Map<ExcelJS.ValueType, number>>();
  constructor(
    private ws: WriterInternals,
    private styles: StylesInternals['styles'],
    width: number,
    private types: { number: ExcelJS.ValueType; string: ExcelJS.ValueType },
  ) {
    if (typeof ws.stream?.write !== 'function' || typeof styles?.addStyleModel !== 'function') throw new Error('workbook: exceljs internals changed');
    // Rows go after every committed row: none may be left open.
    if (ws.lastRow !== undefined) throw new Error('workbook: a header row is not committed');
    this.letters = Array.from({ length: width + 1 }, (_, i) => columnLetters(i));
  }
  /** exceljs registers each cell's style as it writes it; ids are given in order of first use, so do the same. */
  private styleId(style: Partial<ExcelJS.Style>, type: ExcelJS.ValueType): number {
    let byType = this.styleIds.get(style);
    if (!byType) this.styleIds.set(style, (byType = new Map()));
    let id = byType.get(type);
    if (id === undefined) byType.set(type, (id = this.styles.addStyleModel(style, type)));
    return id;
  }
  /** One row: values by column (1-based; null leaves the cell out), with their styles. */
  write(n: number, values: readonly (string | number | null)[], styles: readonly (Partial<ExcelJS.Style> | undefined)[]): void {
    let min = 0;
    let max = 0;
    let cells = '';
    for (let c = 1; c < values.length; c++) {
      const v = values[c];
      if (v === null || v === undefined) continue;
      if (!min) min = c;
      max = c;
      const isNumber = typeof v === 'number';
      const id = this.styleId(styles[c] ?? NO_STYLE, isNumber ? this.types.number : this.types.string);
      cells += `<c r="${this.letters[c]}${n}"${id ? ` s="${id}"` : ''}${isNumber ? '' : ' t="str"'}><v>${xmlText(String(v))}</v></c>`;
    }
    if (!min) return;
    this.ws.stream.write(`<row r="${n}" spans="${min}:${max}" x14ac:dyDescent="0.25">${cells}</row>`);
  }
}

/**
 * The zip's input for a sheet: exceljs's sheet stream (a StreamBuf) ignores backpressure and pipes into archiver's
 * PassThrough, which buffers whatever the zip has not compressed yet; written in one go, a 100,000-report workbook
 * waited there in memory (+670 MB). undefined if exceljs's internals are not as expected (exceljs is pinned; a
 * unit test checks this is found).
 */
export function zipInput(ws: ExcelJS.Worksheet): ZipInput | undefined {
  const pipes = (ws as unknown as { stream?: { pipes?: unknown[] } }).stream?.pipes;
  const input = pipes?.length === 1 ? (pipes[0] as EventEmitter & { _writableState?: { length?: unknown; needDrain?: unknown } }) : undefined;
  const state = input?._writableState;
  return input && typeof input.on === 'function' && typeof state?.length === 'number' && typeof state.needDrain === 'boolean' ? (input as ZipInput) : undefined;
}
type ZipInput = EventEmitter & { _writableState: { length: number; needDrain: boolean } };

/** Bytes of sheet XML the zip may lag behind before writing waits for it. */
const MAX_BACKLOG = 4 << 20;

/** Waits until the zip has taken what is buffered, when that is more than `max` bytes. */
async function keepUp(input: ZipInput | undefined, max: number): Promise<void> {
  // 'drain' comes only after a write found the buffer full (needDrain); never wait for it otherwise.
  if (input && input._writableState.length > max && input._writableState.needDrain) await once(input, 'drain');
}

async function writeSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, f: CompiledFormat, t: CompiledTable, reports: readonly ExportReport[], exceljsRows: boolean, maxBacklog: number): Promise<void> {
  const head = headerCells(headerTree(t));
  const idCols = SHEET_COLUMNS.length;
  const top = TITLE_ROWS + 1;
  const bottom = TITLE_ROWS + head.depth;
  const ws = wb.addWorksheet(sheetName(f, t), { views: [{ state: 'frozen', xSplit: idCols, ySplit: bottom }] });
  ws.columns = [...SHEET_COLUMNS.map((c) => ({ width: c.width })), ...Array.from({ length: head.width }, () => ({ width: DATA_WIDTH }))];

  const title = ws.getRow(1);
  title.getCell(1).value = `${t.def.caption}（${formatTitle(f)}）`;
  title.getCell(1).font = { bold: true, size: 14 };
  title.commit();
  const note = ws.getRow(2);
  note.getCell(1).value = SHEET_NOTE;
  note.commit();

  // Header: identity columns span every header row; the tree's groups span their leaves, leaves reach the bottom.
  const rows = Array.from({ length: head.depth }, (_, i) => ws.getRow(top + i));
  const lines = new Array<number>(head.depth).fill(1);
  SHEET_COLUMNS.forEach((c, i) => {
    rows[0]!.getCell(i + 1).value = c.header;
    for (const r of rows) r.getCell(i + 1).style = HEAD_STYLE;
    if (head.depth > 1) ws.mergeCells(top, i + 1, bottom, i + 1);
  });
  for (const h of head.cells) {
    const left = idCols + h.from + 1;
    const right = idCols + h.to + 1;
    const lastRow = h.leaf ? bottom : top + h.level;
    rows[h.level]!.getCell(left).value = h.label;
    for (let r = top + h.level; r <= lastRow; r++) for (let c = left; c <= right; c++) rows[r - top]!.getCell(c).style = HEAD_STYLE;
    if (lastRow > top + h.level || right > left) ws.mergeCells(top + h.level, left, lastRow, right);
    const span = lastRow - top - h.level + 1;
    const needed = Math.ceil(textWidth(h.label) / ((right - left + 1) * DATA_WIDTH - 1) / span);
    lines[h.level] = Math.max(lines[h.level]!, needed);
  }
  rows.forEach((r, i) => {
    r.height = Math.min(lines[i]!, 8) * 15 + 3;
    r.commit();
  });

  // Data rows: one per report of this format; values and styles by column (index 0 unused).
  const width = idCols + head.width;
  const { ValueType } = (await import('exceljs')).default;
  const direct = exceljsRows ? undefined : new DirectRows(ws as unknown as WriterInternals, (wb as unknown as StylesInternals).styles, width, { number: ValueType.Number, string: ValueType.String });
  const input = zipInput(ws);
  const values = new Array<string | number | null>(width + 1).fill(null);
  const styles = new Array<Partial<ExcelJS.Style> | undefined>(width + 1).fill(undefined);
  let n = bottom + 1;
  for (const page of reports) {
    if (page.report.format.id !== f.id) continue;
    SHEET_COLUMNS.forEach((c, i) => (values[i + 1] = c.value({ page, table: t })));
    let k = idCols;
    for (const cell of cellRecords(page.report, t)) {
      if (++k > width) break;
      values[k] = cell.status === 'number' ? cell.value : STATUS_TEXT[cell.status];
      styles[k] = cell.status === 'number' ? (cell.computed ? COMPUTED_STYLE : undefined) : cell.computed ? COMPUTED_TEXT_STYLE : TEXT_STYLE;
    }
    // The header and the cells come from the same format definition; a difference is a bug, not bad content.
    if (k !== width) throw new Error(`workbook: ${page.report.file} ${t.key} does not have the header's ${head.width} cells`);
    if (direct) direct.write(n++, values, styles);
    else {
      const row = ws.getRow(n++);
      for (let c = 1; c <= width; c++) {
        const v = values[c];
        if (v === null || v === undefined) continue;
        const target = row.getCell(c);
        target.value = v;
        const style = styles[c];
        if (style) target.style = style;
      }
      row.commit();
    }
    await keepUp(input, maxBacklog);
  }
  ws.commit();
}

export interface WorkbookOptions {
  title: string;
  creator: string;
  /** YYYY-MM-DD, from the data: the workbook's created/modified dates and every zip entry's date. */
  date: string;
  /** Write the data rows through exceljs's Row objects, the straightforward (slow) way; tests compare the two. */
  exceljsRows?: boolean;
  /** Bytes the zip may lag behind the rows before writing waits (default 4 MiB; tests make it wait often). */
  maxBacklog?: number;
}

/** Writes the workbook to `file`. `reports` in the order the lines should appear. */
export async function writeWorkbook(file: string, reports: readonly ExportReport[], opts: WorkbookOptions): Promise<void> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  const when = new Date(`${opts.date}T00:00:00Z`);
  wb.created = when;
  wb.modified = when;
  wb.creator = opts.creator;
  wb.lastModifiedBy = opts.creator;
  wb.title = opts.title;
  for (const f of formatsNewestFirst()) for (const t of f.tables) await writeSheet(wb, f, t, reports, opts.exceljsRows ?? false, opts.maxBacklog ?? MAX_BACKLOG);
  await wb.commit();
  stampZipEntries(file, opts.date);
}
