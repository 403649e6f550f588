// A report as cells, one record per cell of every table of its format — published or not — with the labels the
// format gives it. CSV, JSON and the workbook all read reports through here, so they agree cell for cell.
import type { CompiledBlock, CompiledTable, LeafColumn, LeafRow } from '../formats/index.ts';
import { MISSING, NOT_APPLICABLE, UNPUBLISHED } from '../load/tables.ts';
import type { BlockData, Report } from '../model/types.ts';

/** How a cell is to be read: a number, 不适用, 缺失, or its table was not published. */
export type CellStatus = 'number' | 'na' | 'missing' | 'unpublished';

/** The word for each status in CSV and the workbook. */
export const STATUS_TEXT: Readonly<Record<CellStatus, string>> = { number: '数值', na: NOT_APPLICABLE, missing: MISSING, unpublished: UNPUBLISHED };

/** Joins a row's label path (三、本年度办理结果 › （三）不予公开 › 1.属于国家秘密). */
export const PATH_SEPARATOR = ' › ';

export interface CellRecord {
  table: CompiledTable;
  block: CompiledBlock;
  row: LeafRow;
  column: LeafColumn;
  status: CellStatus;
  value: number | null;
  /** A total nianbao computed because the source left it out. */
  computed: boolean;
  unit: string | null;
}

/** The unit of a column: fixed by the format, or stated by the source (2019 采购总金额); null if neither. */
export const unitOf = (column: LeafColumn, data: BlockData | undefined): string | null =>
  column.unit ?? data?.statedUnits[column.index] ?? null;

/** Every cell of the report's format, in format order: tables, blocks, rows, columns; or of one table only. */
export function* cellRecords(report: Report, only?: CompiledTable): Generator<CellRecord> {
  for (const table of only ? [only] : report.format.tables) {
    const data = report.tables[table.id];
    for (const block of table.blocks) {
      const blockData = data.status === 'published' ? data.blocks[block.index] : undefined;
      for (const row of block.rows) {
        for (const column of block.columns) {
          const cell = blockData ? blockData.cells[row.index]![column.index] : undefined;
          if (blockData && !cell) throw new Error(`open data: ${report.file} ${table.key} has no cell ${row.label} × ${column.label}`);
          // One object literal per cell (no intermediate objects): this runs for every cell of every bulk file.
          yield {
            table,
            block,
            row,
            column,
            status: cell ? cell.status : 'unpublished',
            value: cell?.status === 'number' ? cell.value : null,
            computed: cell ? cell.computed : false,
            unit: unitOf(column, blockData),
          };
        }
      }
    }
  }
}
