// Reading cells and key measures out of a loaded report, whatever its format version.
import type { CellLocation, CellRef, CompiledFormat, MeasureDef, TableId } from '../formats/index.ts';
import type { Cell, Report } from '../model/types.ts';

/** The cell a labelled reference names in this report, if its table was published and the version has it. */
export function cellOf(report: Report, ref: CellRef): Cell | undefined {
  const loc = report.format.locate(ref);
  const t = report.tables[ref.table];
  if (!loc || t?.status !== 'published') return undefined;
  return t.blocks[loc.block]!.cells[loc.row]![loc.column];
}

/** The number in a cell: 不适用 counts as nothing (0); 缺失, unpublished or absent gives undefined. */
export function numberOf(cell: Cell | undefined): number | undefined {
  if (!cell) return undefined;
  if (cell.status === 'number') return cell.value;
  return cell.status === 'na' ? 0 : undefined;
}

/** A measure of a format with its cells located once (undefined: this version has no such cell). */
interface LocatedMeasure {
  def: MeasureDef;
  cells: readonly (CellLocation | undefined)[];
}

/** Each format's measures by id (the first of an id, as `find` gives it), located in that format. */
const MEASURES = new WeakMap<CompiledFormat, Map<string, LocatedMeasure>>();
function measureDef(format: CompiledFormat, id: string): LocatedMeasure | undefined {
  let byId = MEASURES.get(format);
  if (!byId) {
    byId = new Map();
    for (const m of format.def.measures) if (!byId.has(m.id)) byId.set(m.id, { def: m, cells: m.cells.map((ref) => format.locate(ref)) });
    MEASURES.set(format, byId);
  }
  return byId.get(id);
}

/** A key measure (format `measures`) of a report, or undefined when any of its cells is unknown. */
export function measureOf(report: Report, id: string): number | undefined {
  const m = measureDef(report.format, id);
  if (!m) return undefined;
  let sum = 0;
  for (const loc of m.cells) {
    // cellOf, with the cell located once per format.
    const t = loc && report.tables[loc.table];
    if (t?.status !== 'published') return undefined;
    const v = numberOf(t.blocks[loc!.block]!.cells[loc!.row]![loc!.column]);
    if (v === undefined) return undefined;
    sum += v;
  }
  return sum;
}

export const measureLabel = (report: Report, id: string): string => measureDef(report.format, id)?.def.label ?? id;

/** Cells of one table addressed by labels: [rowLabel][columnLabel] → cell, for matching across versions. */
export function labelledCells(report: Report, table: TableId): Map<string, Map<string, Cell>> {
  const out = new Map<string, Map<string, Cell>>();
  const t = report.tables[table];
  if (t?.status !== 'published') return out;
  report.format.table(table).blocks.forEach((b, bi) =>
    b.rows.forEach((r) => {
      const row = new Map<string, Cell>();
      b.columns.forEach((c) => row.set(c.label, t.blocks[bi]!.cells[r.index]![c.index]!));
      out.set(r.label, row);
    }),
  );
  return out;
}

/** Where each cell of a table sits, by row label and column label: labelledCells' layout, worked out once per format. */
export interface LabelIndex {
  /** Row label → its block and row, and that block's columns by label (in column order). Rows in labelledCells' order. */
  rows: ReadonlyMap<string, { block: number; row: number; columns: ReadonlyMap<string, number> }>;
}

const LABEL_INDEX = new WeakMap<CompiledFormat, Map<TableId, LabelIndex>>();

/** labelledCells(report, table) as positions, for any report of `format` (the same rows, columns and order). */
export function labelIndex(format: CompiledFormat, table: TableId): LabelIndex {
  let byTable = LABEL_INDEX.get(format);
  if (!byTable) LABEL_INDEX.set(format, (byTable = new Map()));
  let index = byTable.get(table);
  if (!index) {
    const rows = new Map<string, { block: number; row: number; columns: ReadonlyMap<string, number> }>();
    format.table(table).blocks.forEach((b, bi) => {
      const columns = new Map(b.columns.map((c) => [c.label, c.index] as const));
      for (const r of b.rows) rows.set(r.label, { block: bi, row: r.index, columns });
    });
    byTable.set(table, (index = { rows }));
  }
  return index;
}
