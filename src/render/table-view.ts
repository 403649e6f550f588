// Turns a table definition plus a report's cells into a view model of header and data cells — merged cells like
// the official table, `scope`, and `id`/`headers` on every data cell — which src/render/table-html.ts
// prints. The layout comes only from the format definition.
import type { CompiledBlock, CompiledTable } from '../formats/index.ts';
import type { ColumnDef, RowDef } from '../formats/types.ts';
import type { BlockData, Cell, TableData } from '../model/types.ts';
import { MISSING, NOT_APPLICABLE } from '../load/tables.ts';

export interface CellView {
  tag: 'th' | 'td';
  text: string;
  /** Extra text after the label, e.g. a stated unit. */
  note?: string;
  id?: string;
  scope?: 'col' | 'colgroup' | 'row';
  colspan?: number;
  rowspan?: number;
  headers?: string;
  /** CSS classes: num, computed, na, missing. */
  cls?: string;
}

/** One HTML table. Table 二 is several: its blocks have different columns, and a screen reader handles a simple
 * table per block far better than header rows that change halfway down one table; styled, they read as one. */
export interface TablePart {
  id: string;
  caption: string;
  head: CellView[][];
  body: CellView[][];
}

export interface TableView {
  /** ASCII id for the table's region (t2, t3, t4). */
  id: string;
  caption: string;
  published: boolean;
  /** Why the table is absent (source marked it 未发布). */
  notice?: string;
  parts: TablePart[];
  /** True when some totals shown were computed from the data rather than given in the source. */
  hasComputed: boolean;
}

const depth = (nodes: readonly { children?: readonly unknown[] }[]): number =>
  Math.max(0, ...nodes.map((n) => 1 + depth((n.children ?? []) as { children?: readonly unknown[] }[])));
const leafCount = (n: { children?: readonly unknown[] }): number =>
  n.children ? (n.children as { children?: readonly unknown[] }[]).reduce((s, c) => s + leafCount(c), 0) : 1;

/** Header rows for a column tree; returns the rows and, per leaf column, the ids of its header chain. */
function columnHeader(columns: readonly ColumnDef[], idPrefix: string, lead: CellView[]): { rows: CellView[][]; chains: string[][] } {
  const d = depth(columns);
  const rows: CellView[][] = Array.from({ length: d }, (_, i) => (i === 0 ? [...lead] : []));
  const chains: string[][] = [];
  let n = 0;
  const walk = (nodes: readonly ColumnDef[], level: number, chain: string[]) => {
    for (const c of nodes) {
      const id = `${idPrefix}c${n++}`;
      if (c.children) {
        rows[level]!.push({ tag: 'th', text: c.label, id, scope: 'colgroup', colspan: leafCount(c) });
        walk(c.children, level + 1, [...chain, id]);
      } else {
        rows[level]!.push({ tag: 'th', text: c.label, id, scope: 'col', rowspan: d - level > 1 ? d - level : undefined });
        chains.push([...chain, id]);
      }
    }
  };
  walk(columns, 0, []);
  return { rows, chains };
}

function cellText(c: Cell): { text: string; cls: string } {
  const computed = c.computed ? ' computed' : '';
  if (c.status === 'na') return { text: NOT_APPLICABLE, cls: `na${computed}` };
  if (c.status === 'missing') return { text: MISSING, cls: `missing${computed}` };
  return { text: String(c.value), cls: `num${computed}` };
}

/** A block laid out with one table row per data row (tables 二 and 三). */
function rowsLayout(_t: CompiledTable, block: CompiledBlock, data: BlockData, width: number, prefix: string): { head: CellView[][]; body: CellView[][] } {
  const rowDepth = Math.max(1, depth(block.def.rows));
  const stub: CellView = { tag: 'th', text: block.def.stub ?? '', id: `${prefix}s`, scope: 'col', colspan: rowDepth > 1 ? rowDepth : undefined, rowspan: undefined };
  const header = columnHeader(block.def.columns, prefix, [stub]);
  if (header.rows.length > 1) stub.rowspan = header.rows.length;
  // A block with fewer columns than the table stretches its last column (2021 第二十条第（五）项 spans 2–4).
  const stretch = width - block.columns.length;
  const lastHead = header.rows[header.rows.length - 1]!;
  if (stretch > 0) lastHead[lastHead.length - 1]!.colspan = 1 + stretch;
  block.columns.forEach((c) => {
    if (!c.statedUnits) return;
    const unit = data.statedUnits[c.index];
    const th = header.rows.flat().find((h) => h.text === c.label && h.scope === 'col');
    if (th && unit) th.note = `（单位：${unit}）`;
  });

  const body: CellView[][] = [];
  let r = 0;
  let g = 0;
  const walk = (nodes: readonly RowDef[], level: number, chain: string[], open: CellView[]) => {
    nodes.forEach((node, k) => {
      const lead = k === 0 ? open : [];
      if (node.children) {
        const id = `${prefix}g${g++}`;
        walk(node.children, level + 1, [...chain, id], [...lead, { tag: 'th', text: node.label, id, scope: 'row', rowspan: leafCount(node) }]);
        return;
      }
      const row = block.rows[r++]!;
      const id = `${prefix}r${row.index}`;
      const span = rowDepth - level;
      const cells: CellView[] = [...lead, { tag: 'th', text: node.label, id, scope: 'row', colspan: span > 1 ? span : undefined }];
      block.columns.forEach((col, ci) => {
        const { text, cls } = cellText(data.cells[row.index]![ci]!);
        const headers = [...header.chains[ci]!, ...chain, id].join(' ');
        cells.push({ tag: 'td', text, cls, headers, colspan: ci === block.columns.length - 1 && stretch > 0 ? 1 + stretch : undefined });
      });
      body.push(cells);
    });
  };
  walk(block.def.rows, 0, [], []);
  return { head: header.rows, body };
}

/** Table 四: the row tree over the column tree becomes one header, and all cells one row. */
function singleRowLayout(block: CompiledBlock, data: BlockData, prefix: string): { head: CellView[][]; body: CellView[][] } {
  const tree = (rows: readonly RowDef[]): ColumnDef[] => rows.map((r) => ({ label: r.label, children: r.children ? tree(r.children) : block.def.columns }));
  const header = columnHeader(tree(block.def.rows), prefix, []);
  const cells: CellView[] = [];
  block.rows.forEach((row) =>
    block.columns.forEach((col) => {
      const { text, cls } = cellText(data.cells[row.index]![col.index]!);
      cells.push({ tag: 'td', text, cls, headers: header.chains[cells.length]!.join(' ') });
    }),
  );
  return { head: header.rows, body: [cells] };
}

export function tableView(t: CompiledTable, data: TableData): TableView {
  const id = `t${t.def.section}`;
  const base = { id, caption: t.def.caption, parts: [], hasComputed: false };
  if (data.status === 'unpublished') return { ...base, published: false, notice: data.reason };
  const width = Math.max(...t.blocks.map((b) => b.columns.length));
  const hasComputed = data.blocks.some((b) => b.cells.some((row) => row.some((c) => c.computed)));
  if (t.def.layout === 'single-row') {
    const { head, body } = singleRowLayout(t.blocks[0]!, data.blocks[0]!, `${id}-`);
    return { ...base, published: true, parts: [{ id: `${id}-table`, caption: t.def.caption, head, body }], hasComputed };
  }
  const parts = t.blocks.map((b, bi) => {
    const prefix = t.blocks.length > 1 ? `${id}-b${bi}-` : `${id}-`;
    const { head, body } = rowsLayout(t, b, data.blocks[bi]!, width, prefix);
    return { id: `${prefix}table`, caption: b.def.title ?? t.def.caption, head, body };
  });
  return { ...base, published: true, parts, hasComputed };
}
