// A roll-up's tables as view models in the official layout (src/render/table-html.ts), each summed cell
// marked when it is partial (some office's cell is 缺失) or cannot be summed (units differ).
import type { TableId } from '../formats/index.ts';
import type { BlockData, Cell, TableData } from '../model/types.ts';
import { tableView, type TableView } from '../render/table-view.ts';
import { dataCells, type AnnotatedCell } from '../site/table-cells.ts';
import { cellStatus, rollupNumber, type Rollup, type RollupTable } from './sum.ts';
import type { CellGetter } from '../charts/data.ts';

export const PARTIAL_MARK = '不全';
export const MIXED_UNITS = '单位不一';

export interface RollupTableView extends TableView {
  hasPartial: boolean;
  hasMixedUnits: boolean;
}

/** The summed table in the official layout; not published when no office published it. */
export function rollupTableView(rt: RollupTable): RollupTableView {
  if (rt.contributors.length === 0) {
    const none: TableData = { status: 'unpublished', reason: '辖区内没有机构发布此表，无法汇总。' };
    return { ...tableView(rt.table, none), hasPartial: false, hasMixedUnits: false };
  }
  const blocks: BlockData[] = rt.table.blocks.map((b, bi) => {
    const statedUnits: Record<number, string> = {};
    for (const c of b.columns) {
      const units = new Set(b.rows.flatMap((r) => rt.cells[bi]![r.index]![c.index]!.units));
      if (c.statedUnits && units.size === 1) statedUnits[c.index] = [...units][0]!;
    }
    return {
      statedUnits,
      cells: b.rows.map((r) =>
        b.columns.map((c): Cell => {
          const acc = rt.cells[bi]![r.index]![c.index]!;
          const s = cellStatus(acc);
          if (s === 'number' || s === 'partial') return { status: 'number', value: acc.sum, computed: false };
          return s === 'na' ? { status: 'na', computed: false } : { status: 'missing', computed: false };
        }),
      ),
    };
  });
  const view = tableView(rt.table, { status: 'published', blocks });
  let hasPartial = false;
  let hasMixedUnits = false;
  for (const ref of dataCells(rt.table, view)) {
    const acc = rt.cells[ref.block]![ref.row.index]![ref.column.index]!;
    const s = cellStatus(acc);
    const cell = ref.cell as AnnotatedCell;
    if (s === 'partial') {
      hasPartial = true;
      cell.cls = `${cell.cls ?? ''} partial`.trim();
      cell.lines = [{ text: `${PARTIAL_MARK}：${acc.missing}个机构缺失`, cls: 'cell-note' }];
    } else if (s === 'mixed-units') {
      hasMixedUnits = true;
      cell.text = MIXED_UNITS;
    }
  }
  return { ...view, hasPartial, hasMixedUnits };
}

export function rollupViews(r: Rollup): RollupTableView[] {
  return r.tables.map(rollupTableView);
}

/** Cells of a roll-up for the charts: full sums only (a partial sum is not shown as a value). */
export function rollupGetter(r: Rollup): CellGetter {
  const byId = new Map<TableId, RollupTable>(r.tables.map((t) => [t.id, t]));
  return (table, block, row, column) => {
    const t = byId.get(table);
    if (!t || t.contributors.length === 0) return undefined;
    const c = t.cells[block]?.[row]?.[column];
    return c && cellStatus(c) !== 'partial' ? rollupNumber(c) : undefined;
  };
}
