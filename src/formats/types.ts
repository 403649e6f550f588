// The shape of a national format definition. A format is pure data: every official heading, label, unit and
// within-table rule lives in one definition file per version (v2019.ts, v2021.ts). Everything else — loading,
// validation, HTML tables, exports, templates for next year — is derived from these structures.

/** How a cell's number is read. */
export type ValueKind =
  | 'count' // 件/个 integers ≥ 0
  | 'signed' // 本年增/减: integers, may be negative
  | 'amount'; // decimals ≥ 0 (万元, or a unit stated in the source)

export interface ColumnDef {
  label: string;
  /** Sub-columns under a merged header cell. A column with children is a header group, not a data column. */
  children?: readonly ColumnDef[];
  kind?: ValueKind;
  /** Fixed unit, shown in exports (e.g. 件, 万元). */
  unit?: string;
  /** The unit is not fixed by the format; the source must state one of these (2019 采购总金额). */
  statedUnits?: readonly string[];
}

export interface RowDef {
  label: string;
  /** Numbered sub-rows under a merged label cell (三、本年度办理结果 → （三）不予公开 → 1.…). */
  children?: readonly RowDef[];
}

/** A header row plus its data rows. Table 二 has several (one per 第二十条 item); 三 and 四 have one each. */
export interface BlockDef {
  /** Merged title row of the block (第二十条第（一）项); absent for single-block tables. */
  title?: string;
  /** Top-left header cell. */
  stub?: string;
  columns: readonly ColumnDef[];
  rows: readonly RowDef[];
}

/** Selects rows of a block: explicit labels, or all data rows under a group except some. */
export type RowSelector = readonly string[] | { leavesOf: string; except?: readonly string[] };

export type RuleDef =
  | {
      /** In every row: the total column equals the sum of the part columns. */
      type: 'row-total';
      id: string;
      table: TableId;
      total: string;
      parts: readonly string[];
      describe: string;
    }
  | {
      /** In every column: the total row equals the sum of the part rows. */
      type: 'column-total';
      id: string;
      table: TableId;
      total: string;
      parts: RowSelector;
      describe: string;
    }
  | {
      /** In every column: sum(left rows) = sum(right rows). */
      type: 'balance';
      id: string;
      table: TableId;
      left: readonly string[];
      right: readonly string[];
      describe: string;
    };

export type TableId = '二' | '三' | '四';

/** A cell named by its table, row label and column label (labels are unique within a table). */
export interface CellRef {
  table: TableId;
  row: string;
  column: string;
}

/** Rules between a report and the same office's report of the previous year. */
export type CrossYearRuleDef =
  | {
      /** Per column: row `to` of year Y equals row `from` of year Y−1 (the rows may be in different versions). */
      type: 'carry';
      id: string;
      table: TableId;
      from: string;
      to: string;
      describe: string;
    }
  | {
      /** Per row having these columns, both years in this format: stock(Y) = stock(Y−1) + plus(Y) − minus(Y). */
      type: 'stock';
      id: string;
      table: TableId;
      stock: string;
      plus: string;
      minus: string;
      describe: string;
    }
  | {
      /** Per row having these columns, both years in this format: base(Y−1) + delta(Y−1) = base(Y). */
      type: 'running';
      id: string;
      table: TableId;
      base: string;
      delta: string;
      describe: string;
    };

/** A key measure of a report: the sum of some cells. Used for trends, year-on-year checks and prose checks. */
export interface MeasureDef {
  id: string;
  /** Short Chinese name shown to readers. */
  label: string;
  cells: readonly CellRef[];
}

/** A phrase in the prose that quotes a measure, e.g. 予以公开N件. */
export interface ProseCheckDef {
  measure: string;
  /** Regular expression source; the first capture group is the number. */
  pattern: string;
  /** Other measures whose sum with `measure` the prose may also quote (another basis, e.g. 新收＋结转). */
  alsoWith?: readonly string[];
}

export interface TableDef {
  id: TableId;
  /** Which section (一…六) carries the table. */
  section: number;
  caption: string;
  blocks: readonly BlockDef[];
  /**
   * 'rows': one table row per data row (二, 三). 'single-row': the official table is one row of cells whose
   * header is the row tree over the column tree (四: 行政复议 | 行政诉讼 › 未经复议直接起诉 / 复议后起诉 × 5 columns).
   */
  layout: 'rows' | 'single-row';
}

export interface SectionDef {
  number: number;
  heading: string;
  /** Sections 二–四 hold a table and may carry prose; 一、五、六 are prose. */
  table?: TableId;
}

export interface FormatDef {
  id: string;
  /** The official name of the format document. */
  name: string;
  issuedBy: string;
  /** Report years the format applies to, inclusive; `to` absent = still in force. */
  years: { from: number; to?: number };
  sections: readonly SectionDef[];
  tables: readonly TableDef[];
  rules: readonly RuleDef[];
  crossYear: readonly CrossYearRuleDef[];
  measures: readonly MeasureDef[];
  prose: readonly ProseCheckDef[];
}
