// "Compare with last year": a report's tables in the official layout, each cell with the same cell of the same
// office's report of the year before and the change. Cells are matched by identical row and column labels only,
// so across the 2019 and 2021 versions a cell whose labels differ is shown apart (上年无此项), never guessed.
// One structural mapping is derived from the formats, not written down: a row that is a single row in one version
// and a group of rows in the other (table 三 （六）其他处理: one row in 2019, three in 2021) is compared as the sum
// of the group's rows, in a note under the table.
import type { CompiledFormat, CompiledTable, TableId } from '../formats/index.ts';
import type { Cell, Report } from '../model/types.ts';
import { labelledCells, numberOf } from '../check/measures.ts';
import { tableView, type TableView } from '../render/table-view.ts';
import { MISSING, NOT_APPLICABLE } from '../load/tables.ts';
import { fmt } from '../charts/svg.ts';
import { dataCells, type AnnotatedCell } from './table-cells.ts';

export interface GroupComparison {
  /** The row label that is one row in one version and a group in the other. */
  label: string;
  /** How it was summed, for the note. */
  describe: string;
  rows: Array<{ column: string; current: string; previous: string; change: string; changeCls: string }>;
}

export interface CompareTableView extends TableView {
  /** Why the cells carry no comparison (last year's table not published, or no cell in common). */
  compareNotice?: string;
  matched: number;
  groups: GroupComparison[];
}

const cellText = (c: Cell): string => (c.status === 'number' ? fmt(c.value) : c.status === 'na' ? NOT_APPLICABLE : MISSING);

/** 增 3 / 减 2 / 持平, or nothing when either side is not a number. */
export function change(current: number | undefined, previous: number | undefined): { text: string; cls: string } | undefined {
  if (current === undefined || previous === undefined) return undefined;
  const d = Number((current - previous).toFixed(4));
  if (d > 0) return { text: `增 ${fmt(d)}`, cls: 'change up' };
  if (d < 0) return { text: `减 ${fmt(-d)}`, cls: 'change down' };
  return { text: '持平', cls: 'change same' };
}

const asNumber = (c: Cell | undefined): number | undefined => (c?.status === 'number' ? c.value : undefined);

/** Row labels of a table that are leaves, and those that head a group of rows. */
function rowKinds(t: CompiledTable): { leaves: Set<string>; groups: Set<string> } {
  const leaves = new Set<string>();
  const groups = new Set<string>();
  for (const b of t.blocks) for (const r of b.rows) {
    leaves.add(r.label);
    r.path.slice(0, -1).forEach((g) => groups.add(g));
  }
  return { leaves, groups };
}

const overlapCache = new Map<string, boolean>();
/** Whether two versions' tables share any cell by (row label, column label), or a row ↔ group mapping. */
export function tablesComparable(a: CompiledFormat, b: CompiledFormat, id: TableId): boolean {
  const key = `${a.id}/${b.id}/${id}`;
  let v = overlapCache.get(key);
  if (v === undefined) {
    const tb = b.table(id);
    v = a.table(id).blocks.some((blk) => blk.rows.some((r) => blk.columns.some((c) => b.locate({ table: id, row: r.label, column: c.label }) !== undefined)));
    if (!v) {
      const ka = rowKinds(a.table(id));
      const kb = rowKinds(tb);
      v = [...ka.groups].some((g) => kb.leaves.has(g)) || [...kb.groups].some((g) => ka.leaves.has(g));
    }
    overlapCache.set(key, v);
  }
  return v;
}

/** Whether a compare page has anything to show: some table published in both years with cells in common. */
export function comparable(current: Report, previous: Report): boolean {
  return current.format.tables.some((t) => current.tables[t.id]?.status === 'published' && previous.tables[t.id]?.status === 'published' && tablesComparable(current.format, previous.format, t.id));
}

/** Sum of a row's value in one column: the row itself if it is a leaf, else the leaves under it (undefined if any is unknown). */
function rowValue(t: CompiledTable, cells: Map<string, Map<string, Cell>>, label: string, column: string): number | undefined {
  const leaves = t.blocks.flatMap((b) => b.rows).filter((r) => r.path.includes(label));
  if (leaves.length === 0) return undefined;
  let sum = 0;
  for (const r of leaves) {
    const v = numberOf(cells.get(r.label)?.get(column));
    if (v === undefined) return undefined;
    sum += v;
  }
  return sum;
}

function groupComparisons(id: TableId, current: Report, previous: Report): GroupComparison[] {
  const tc = current.format.table(id);
  const tp = previous.format.table(id);
  const kc = rowKinds(tc);
  const kp = rowKinds(tp);
  const labels = [...kc.groups].filter((g) => kp.leaves.has(g)).concat([...kp.groups].filter((g) => kc.leaves.has(g)));
  if (labels.length === 0) return [];
  const cc = labelledCells(current, id);
  const cp = labelledCells(previous, id);
  return labels.map((label) => {
    const block = tc.blocks.find((b) => b.rows.some((r) => r.path.includes(label)))!;
    const columns = block.columns.filter((c) => tp.blocks.some((b) => b.rows.some((r) => r.path.includes(label)) && b.columns.some((x) => x.label === c.label)));
    const inCurrent = kc.groups.has(label);
    const parts = (inCurrent ? tc : tp).blocks.flatMap((b) => b.rows).filter((r) => r.path.includes(label) && r.label !== label).length;
    const describe = inCurrent
      ? `「${label}」在上年的格式中为一行，本年的格式分为${parts}项：本年按${parts}项之和与上年对比。`
      : `「${label}」在上年的格式中分为${parts}项，本年的格式为一行：上年按${parts}项之和与本年对比。`;
    return {
      label,
      describe,
      rows: columns.map((c) => {
        const cur = rowValue(tc, cc, label, c.label);
        const prev = rowValue(tp, cp, label, c.label);
        const ch = change(cur, prev);
        return { column: c.label, current: cur === undefined ? MISSING : fmt(cur), previous: prev === undefined ? MISSING : fmt(prev), change: ch?.text ?? '—', changeCls: ch?.cls ?? '' };
      }),
    };
  });
}

/** The current report's tables, each data cell with last year's value and the change. */
export function compareViews(current: Report, previous: Report): CompareTableView[] {
  return current.format.tables.map((t): CompareTableView => {
    const data = current.tables[t.id]!;
    const view = tableView(t, data);
    const base = { ...view, matched: 0, groups: [] as GroupComparison[] };
    if (data.status !== 'published') return base;
    if (previous.tables[t.id]?.status !== 'published') return { ...base, compareNotice: `上年（${previous.year}年度）报告未发布此表，无法对比。` };
    const prevCells = labelledCells(previous, t.id);
    const groups = groupComparisons(t.id, current, previous);
    let matched = 0;
    for (const ref of dataCells(t, view)) {
      const cell = ref.cell as AnnotatedCell;
      const prev = prevCells.get(ref.row.label)?.get(ref.column.label);
      if (!prev) {
        const summed = groups.some((g) => ref.row.path.includes(g.label));
        cell.lines = [{ text: summed ? '上年无此项（合计见表下）' : '上年无此项', cls: 'prev none' }];
        continue;
      }
      matched++;
      const cur = data.blocks[ref.block]!.cells[ref.row.index]![ref.column.index]!;
      const ch = change(asNumber(cur), asNumber(prev));
      cell.lines = [{ text: `上年 ${cellText(prev)}`, cls: 'prev' }, ...(ch ? [ch] : [])];
    }
    if (matched === 0 && groups.length === 0) {
      for (const ref of dataCells(t, view)) delete (ref.cell as AnnotatedCell).lines;
      return { ...view, matched, groups, compareNotice: `上年报告按《${previous.format.def.name}》编制，本表的栏目与本年不同，不逐项对比。` };
    }
    return { ...view, matched, groups };
  });
}
