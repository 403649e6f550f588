// Reading cells and key measures out of a loaded report, whatever its format version.
import type { CellRef, FormatDef, MeasureDef, TableId } from '../formats/index.ts';
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

/** Each format's measures by id (the first of an id, as `find` gives it). */
const MEASURES = new WeakMap<FormatDef, Map<string, MeasureDef>>();
function measureDef(def: FormatDef, id: string): MeasureDef | undefined {
  let byId = MEASURES.get(def);
  if (!byId) {
    byId = new Map();
    for (const m of def.measures) if (!byId.has(m.id)) byId.set(m.id, m);
    MEASURES.set(def, byId);
  }
  return byId.get(id);
}

/** A key measure (format `measures`) of a report, or undefined when any of its cells is unknown. */
export function measureOf(report: Report, id: string): number | undefined {
  const m = measureDef(report.format.def, id);
  if (!m) return undefined;
  let sum = 0;
  for (const ref of m.cells) {
    const v = numberOf(cellOf(report, ref));
    if (v === undefined) return undefined;
    sum += v;
  }
  return sum;
}

export const measureLabel = (report: Report, id: string): string => measureDef(report.format.def, id)?.label ?? id;

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
