// The Excel workbook: one sheet per table per format version, one line per report, under a header of merged
// cells built from the official table — the row labels over the column labels, as the official table 四 is laid
// out (行政复议 | 行政诉讼 › … over 结果维持 …), with block titles on top for table 二. Labels are verbatim, numbers
// are numbers, 不适用/缺失/未发布 are text. Written with exceljs's streaming writer (one sheet at a time, rows
// flushed as they are written), then every zip entry is stamped with a date from the data.
import ExcelJS from 'exceljs';
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

function writeSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, f: CompiledFormat, t: CompiledTable, reports: readonly ExportReport[]): void {
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

  let n = bottom + 1;
  for (const page of reports) {
    if (page.report.format.id !== f.id) continue;
    const row = ws.getRow(n++);
    SHEET_COLUMNS.forEach((c, i) => {
      const v: CsvValue = c.value({ page, table: t });
      if (v !== null) row.getCell(i + 1).value = v;
    });
    let k = idCols + 1;
    for (const cell of cellRecords(page.report)) {
      if (cell.table !== t) continue;
      const target = row.getCell(k++);
      target.value = cell.status === 'number' ? cell.value : STATUS_TEXT[cell.status];
      // Shared style objects: exceljs caches a style by object identity, so a cell costs no style lookup.
      const style = cell.status === 'number' ? (cell.computed ? COMPUTED_STYLE : undefined) : cell.computed ? COMPUTED_TEXT_STYLE : TEXT_STYLE;
      if (style) target.style = style;
    }
    if (k !== idCols + head.width + 1) throw new Error(`workbook: ${page.report.file} ${t.key} has ${k - idCols - 1} cells, header ${head.width}`);
    row.commit();
  }
  ws.commit();
}

export interface WorkbookOptions {
  title: string;
  creator: string;
  /** YYYY-MM-DD, from the data: the workbook's created/modified dates and every zip entry's date. */
  date: string;
}

/** Writes the workbook to `file`. `reports` in the order the lines should appear. */
export async function writeWorkbook(file: string, reports: readonly ExportReport[], opts: WorkbookOptions): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  const when = new Date(`${opts.date}T00:00:00Z`);
  wb.created = when;
  wb.modified = when;
  wb.creator = opts.creator;
  wb.lastModifiedBy = opts.creator;
  wb.title = opts.title;
  for (const f of formatsNewestFirst()) for (const t of f.tables) writeSheet(wb, f, t, reports);
  await wb.commit();
  stampZipEntries(file, opts.date);
}
