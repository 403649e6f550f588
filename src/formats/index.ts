// The registry of format versions and their compiled form: leaf rows and columns with indices, rules resolved to
// those indices. Adding a future version means one new definition file and one line in FORMATS.
import type { BlockDef, CellRef, ColumnDef, FormatDef, RowDef, RowSelector, RuleDef, TableDef, TableId, ValueKind } from './types.ts';
import { v2019 } from './v2019.ts';
import { v2021 } from './v2021.ts';

export type * from './types.ts';

export const FORMATS: readonly FormatDef[] = [v2019, v2021];

/** The YAML key of a table in a source file: 表二, 表三, 表四. */
export const tableKey = (id: TableId): string => `表${id}`;

export interface LeafColumn {
  index: number;
  label: string;
  /** Labels from the outermost header group down to this column. */
  path: readonly string[];
  kind: ValueKind;
  unit?: string;
  statedUnits?: readonly string[];
}

export interface LeafRow {
  index: number;
  label: string;
  path: readonly string[];
}

export interface CompiledBlock {
  index: number;
  def: BlockDef;
  columns: readonly LeafColumn[];
  rows: readonly LeafRow[];
  /** Each leaf row by its label path joined with U+001F (the loader's lookup, once per cell, not a scan). */
  rowByPath: ReadonlyMap<string, LeafRow>;
}

export type CompiledRule =
  | { def: Extract<RuleDef, { type: 'row-total' }>; block: number; total: number; parts: readonly number[] }
  | { def: Extract<RuleDef, { type: 'column-total' }>; block: number; total: number; parts: readonly number[] }
  | { def: Extract<RuleDef, { type: 'balance' }>; block: number; left: readonly number[]; right: readonly number[] };

export interface CompiledTable {
  def: TableDef;
  id: TableId;
  key: string;
  blocks: readonly CompiledBlock[];
  rules: readonly CompiledRule[];
  /** Cells that the source may leave out because a rule computes them: total columns and total rows per block. */
  derivedColumns: ReadonlyMap<number, ReadonlySet<number>>;
  derivedRows: ReadonlyMap<number, ReadonlySet<number>>;
}

/** Where a labelled cell lives in the compiled tables. */
export interface CellLocation {
  table: TableId;
  block: number;
  row: number;
  column: number;
}

export interface CompiledFormat {
  def: FormatDef;
  id: string;
  tables: readonly CompiledTable[];
  table(id: TableId): CompiledTable;
  /** The cell with this row and column label in the table, or undefined if this version has none. */
  locate(ref: CellRef): CellLocation | undefined;
  /** Leaf row index of a row label in a table (first block holding it), with its block. */
  row(table: TableId, label: string): { block: number; row: number } | undefined;
}

function leafColumns(columns: readonly ColumnDef[], path: string[] = [], out: LeafColumn[] = []): LeafColumn[] {
  for (const c of columns) {
    const p = [...path, c.label];
    if (c.children) leafColumns(c.children, p, out);
    else {
      if (!c.kind) throw new Error(`format: column ${p.join('›')} has no value kind`);
      out.push({ index: out.length, label: c.label, path: p, kind: c.kind, unit: c.unit, statedUnits: c.statedUnits });
    }
  }
  return out;
}

function leafRows(rows: readonly RowDef[], path: string[] = [], out: LeafRow[] = []): LeafRow[] {
  for (const r of rows) {
    const p = [...path, r.label];
    if (r.children) leafRows(r.children, p, out);
    else out.push({ index: out.length, label: r.label, path: p });
  }
  return out;
}

function unique(labels: readonly string[], what: string): void {
  const seen = new Set<string>();
  for (const l of labels) {
    if (seen.has(l)) throw new Error(`format: duplicate ${what} label ${l}`);
    seen.add(l);
  }
}

function compileTable(def: TableDef, rules: readonly RuleDef[]): CompiledTable {
  const blocks = def.blocks.map((b, index) => {
    const columns = leafColumns(b.columns);
    const rows = leafRows(b.rows);
    unique(columns.map((c) => c.label), 'column');
    unique(rows.map((r) => r.label), 'row');
    return { index, def: b, columns, rows, rowByPath: new Map(rows.map((r) => [r.path.join('\u001f'), r])) };
  });
  // Rules name rows and columns by their (unique) label; resolve them once to indices.
  const colOf = (label: string) => {
    const b = blocks.find((x) => x.columns.some((c) => c.label === label));
    if (!b) throw new Error(`format: rule names unknown column ${label} in table ${def.id}`);
    return { block: b.index, index: b.columns.find((c) => c.label === label)!.index };
  };
  const rowOf = (label: string) => {
    const b = blocks.find((x) => x.rows.some((r) => r.label === label));
    if (!b) throw new Error(`format: rule names unknown row ${label} in table ${def.id}`);
    return { block: b.index, index: b.rows.find((r) => r.label === label)!.index };
  };
  const select = (sel: RowSelector): number[] => {
    if (Array.isArray(sel)) return (sel as readonly string[]).map((l) => rowOf(l).index);
    const { leavesOf, except = [] } = sel as { leavesOf: string; except?: readonly string[] };
    const rows = blocks.flatMap((b) => b.rows).filter((r) => r.path.includes(leavesOf) && !except.includes(r.label));
    if (rows.length === 0) throw new Error(`format: rule selects no rows under ${leavesOf}`);
    return rows.map((r) => r.index);
  };
  const compiled: CompiledRule[] = [];
  const derivedColumns = new Map<number, Set<number>>();
  const derivedRows = new Map<number, Set<number>>();
  const mark = (m: Map<number, Set<number>>, block: number, i: number) => {
    if (!m.has(block)) m.set(block, new Set());
    m.get(block)!.add(i);
  };
  for (const rule of rules.filter((r) => r.table === def.id)) {
    if (rule.type === 'row-total') {
      const t = colOf(rule.total);
      compiled.push({ def: rule, block: t.block, total: t.index, parts: rule.parts.map((p) => colOf(p).index) });
      mark(derivedColumns, t.block, t.index);
    } else if (rule.type === 'column-total') {
      const t = rowOf(rule.total);
      compiled.push({ def: rule, block: t.block, total: t.index, parts: select(rule.parts) });
      mark(derivedRows, t.block, t.index);
    } else {
      const block = rowOf(rule.left[0]!).block;
      compiled.push({ def: rule, block, left: select(rule.left), right: select(rule.right) });
    }
  }
  return { def, id: def.id, key: tableKey(def.id), blocks, rules: compiled, derivedColumns, derivedRows };
}

const freeze = <T extends object | undefined>(v: T): T => (v ? Object.freeze(v) : v);

function compile(def: FormatDef): CompiledFormat {
  unique(def.sections.map((s) => s.heading), 'section');
  const tables = def.tables.map((t) => compileTable(t, def.rules));
  const table = (id: TableId) => {
    const t = tables.find((x) => x.id === id);
    if (!t) throw new Error(`format ${def.id} has no table ${id}`);
    return t;
  };
  const findRow = (id: TableId, label: string) => {
    for (const b of table(id).blocks) {
      const r = b.rows.find((x) => x.label === label);
      if (r) return { block: b.index, row: r.index };
    }
    return undefined;
  };
  const findCell = (ref: CellRef): CellLocation | undefined => {
    const r = findRow(ref.table, ref.row);
    const c = r && table(ref.table).blocks[r.block]!.columns.find((x) => x.label === ref.column);
    return r && c ? { table: ref.table, block: r.block, row: r.row, column: c.index } : undefined;
  };
  // Checks, measures and page indexes ask for the same few cells of every report: each answer is worked out once
  // and shared (frozen: callers only read it).
  const rows = new Map<string, { block: number; row: number } | undefined>();
  const cells = new Map<string, CellLocation | undefined>();
  const compiled: CompiledFormat = {
    def,
    id: def.id,
    tables,
    table,
    row(id: TableId, label: string) {
      const key = `${id}\u001f${label}`;
      if (!rows.has(key)) rows.set(key, freeze(findRow(id, label)));
      return rows.get(key);
    },
    locate(ref: CellRef) {
      const key = `${ref.table}\u001f${ref.row}\u001f${ref.column}`;
      if (!cells.has(key)) cells.set(key, freeze(findCell(ref)));
      return cells.get(key);
    },
  };
  // Every cell a measure names must exist: a typo in a definition fails at start-up, not silently.
  for (const m of def.measures) for (const ref of m.cells) if (!compiled.locate(ref)) throw new Error(`format ${def.id}: measure ${m.id} names a missing cell`);
  return compiled;
}

const COMPILED = new Map(FORMATS.map((f) => [f.id, compile(f)]));

/** The format version in force for a report year, or undefined before 2019 (out of scope). */
export function formatForYear(year: number): CompiledFormat | undefined {
  const def = FORMATS.find((f) => year >= f.years.from && (f.years.to === undefined || year <= f.years.to));
  return def && COMPILED.get(def.id);
}

export function formatById(id: string): CompiledFormat | undefined {
  return COMPILED.get(id);
}

export const allFormats = (): CompiledFormat[] => [...COMPILED.values()];

/** A format's years as Chinese text, e.g. 2019—2020年度 / 2021年度起. */
export function yearsText(f: FormatDef): string {
  return f.years.to ? `${f.years.from}—${f.years.to}年度` : `${f.years.from}年度起`;
}
