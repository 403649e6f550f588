// Regional roll-up (汇总): the cells of several offices' reports of one year summed in the official layout. All
// reports of one year share one format version (the version is chosen by report year), so the sum is always over
// identical cells; reports of another version are refused rather than matched.
//
// Blank is not zero: a table an office did not publish is left out (and named), never read as zeros; a 缺失 cell
// makes the sum of that cell partial (shown as such); 不适用 adds nothing. Amount columns whose unit the format
// leaves open (2019 采购总金额) are summed only when every office stated the same unit.
import type { CompiledFormat, CompiledTable, TableId } from '../formats/index.ts';
import type { Report } from '../model/types.ts';

export interface RollupCell {
  /** Sum of the numeric cells. */
  sum: number;
  /** How many offices gave a number, 不适用, 缺失 here. */
  numbers: number;
  na: number;
  missing: number;
  /** Distinct units stated for this column (only for columns whose unit the source states), sorted. */
  units: string[];
}

export type RollupStatus = 'number' | 'partial' | 'na' | 'missing' | 'mixed-units';

/** How a summed cell reads: a full sum, a partial sum (some offices' cell is 缺失), or no sum at all. */
export function cellStatus(c: RollupCell): RollupStatus {
  if (c.units.length > 1) return 'mixed-units';
  if (c.numbers === 0) return c.missing > 0 || c.na === 0 ? 'missing' : 'na';
  return c.missing > 0 ? 'partial' : 'number';
}

export interface RollupTable {
  id: TableId;
  table: CompiledTable;
  /** Reports whose table was published and is summed here, in input order. */
  contributors: Report[];
  /** Reports that did not publish this table: not summed. */
  unpublished: Array<{ report: Report; reason: string }>;
  /** cells[block][row][column]. */
  cells: RollupCell[][][];
  /** Reports with at least one 缺失 cell in this table, and how many. */
  missingCells: Array<{ report: Report; count: number }>;
  /** Columns whose stated units differ between offices: [block, column]. */
  mixedUnits: Array<{ block: number; column: number }>;
}

export interface Rollup {
  format: CompiledFormat;
  reports: readonly Report[];
  tables: RollupTable[];
}

/** Digits after the decimal point, to round sums of amounts (0.1 + 0.2) to what the sources wrote. */
const decimals = (n: number): number => {
  const s = String(n);
  const i = s.indexOf('.');
  return i < 0 || s.includes('e') ? 0 : s.length - i - 1;
};

function sumTable(table: CompiledTable, reports: readonly Report[]): RollupTable {
  const cells = table.blocks.map((b) => b.rows.map(() => b.columns.map((): RollupCell => ({ sum: 0, numbers: 0, na: 0, missing: 0, units: [] }))));
  const places = table.blocks.map((b) => b.rows.map(() => b.columns.map(() => 0)));
  const out: RollupTable = { id: table.id, table, contributors: [], unpublished: [], cells, missingCells: [], mixedUnits: [] };
  for (const report of reports) {
    const data = report.tables[table.id];
    if (!data) continue;
    if (data.status === 'unpublished') {
      out.unpublished.push({ report, reason: data.reason });
      continue;
    }
    out.contributors.push(report);
    let missing = 0;
    table.blocks.forEach((b, bi) => {
      const block = data.blocks[bi]!;
      b.rows.forEach((r) =>
        b.columns.forEach((c) => {
          const cell = block.cells[r.index]![c.index]!;
          const acc = cells[bi]![r.index]![c.index]!;
          if (cell.status === 'number') {
            acc.sum += cell.value;
            acc.numbers++;
            places[bi]![r.index]![c.index] = Math.max(places[bi]![r.index]![c.index]!, decimals(cell.value));
            if (c.statedUnits) {
              const unit = block.statedUnits[c.index] ?? '';
              if (!acc.units.includes(unit)) acc.units.push(unit);
            }
          } else if (cell.status === 'na') acc.na++;
          else {
            acc.missing++;
            missing++;
          }
        }),
      );
    });
    if (missing) out.missingCells.push({ report, count: missing });
  }
  table.blocks.forEach((b, bi) =>
    b.rows.forEach((r) =>
      b.columns.forEach((c) => {
        const acc = cells[bi]![r.index]![c.index]!;
        acc.sum = Number(acc.sum.toFixed(places[bi]![r.index]![c.index]!));
        acc.units.sort();
        if (acc.units.length > 1 && !out.mixedUnits.some((m) => m.block === bi && m.column === c.index)) out.mixedUnits.push({ block: bi, column: c.index });
      }),
    ),
  );
  return out;
}

/** Sums the reports' tables. Every report must be in `format` (one report year); others are an error. */
export function rollup(format: CompiledFormat, reports: readonly Report[]): Rollup {
  const other = reports.find((r) => r.format.id !== format.id);
  if (other) throw new Error(`roll-up over format ${format.id} given a report in format ${other.format.id} (${other.file})`);
  return { format, reports, tables: format.tables.map((t) => sumTable(t, reports)) };
}

/** The value of a summed cell when it is a number (full or partial), else undefined. */
export function rollupNumber(c: RollupCell | undefined): number | undefined {
  if (!c) return undefined;
  const s = cellStatus(c);
  return s === 'number' || s === 'partial' ? c.sum : s === 'na' ? 0 : undefined;
}
