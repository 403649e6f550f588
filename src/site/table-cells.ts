// Views of the official tables with something added to each data cell (a roll-up's provenance marks, last year's
// value and the change). They reuse src/render/table-view.ts for the official layout — merged headers, scope,
// id/headers — and then annotate its data cells, which that module lays out in a fixed order: per block, one leaf
// row after another, each row's leaf columns in order (table 四's single row: rows × columns, the same order).
import type { CompiledTable, LeafColumn, LeafRow } from '../formats/index.ts';
import type { CellView, TableView } from '../render/table-view.ts';

/** An extra line in a cell, e.g. 上年 12 or 增 3. */
export interface CellLine {
  text: string;
  cls: string;
}

export type AnnotatedCell = CellView & { lines?: CellLine[] };

export interface DataCellRef {
  block: number;
  row: LeafRow;
  column: LeafColumn;
  cell: AnnotatedCell;
}

/** The data cells of a published table view, each with its place in the format's table. */
export function dataCells(table: CompiledTable, view: TableView): DataCellRef[] {
  const tds = view.parts.flatMap((p) => p.body.flat()).filter((c) => c.tag === 'td');
  const refs: DataCellRef[] = [];
  for (const block of table.blocks) for (const row of block.rows) for (const column of block.columns) refs.push({ block: block.index, row, column, cell: tds[refs.length]! });
  if (tds.length !== refs.length) throw new Error(`table ${table.id}: view has ${tds.length} data cells, format ${refs.length}`);
  return refs;
}
