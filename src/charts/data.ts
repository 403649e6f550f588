// What the charts show, read from a report's or a roll-up's cells through the format definition — never from
// labels spelled out here: the 办理结果 categories are the groups of table 三's column-total rule (（七）总计 =
// the leaves under 三、本年度办理结果), valued in the column its row-total rule totals (总计); the 行政复议/行政诉讼
// outcomes are table 四's rows over the parts of its row-total rule (结果维持, 结果纠正, 其他结果, 尚未审结).
import type { CompiledFormat, CompiledRule, CompiledTable, TableId } from '../formats/index.ts';
import type { Report } from '../model/types.ts';

/** A cell's number, or undefined when it is not known (缺失, table not published, partial roll-up). 不适用 is 0. */
export type CellGetter = (table: TableId, block: number, row: number, column: number) => number | undefined;

export interface Category {
  /** Short label for the chart (the official label without its trailing note in （）). */
  label: string;
  /** The official label, verbatim, for the data table. */
  fullLabel: string;
  value: number | undefined;
}

export interface DistributionData {
  categories: Category[];
  /** The official total when known, else the sum of the categories when all are known. */
  total: number | undefined;
  unit: string;
}

export interface OutcomeRow {
  label: string;
  values: (number | undefined)[];
  total: number | undefined;
}

export interface OutcomesData {
  columns: string[];
  rows: OutcomeRow[];
  unit: string;
  /** The label of the total column. */
  totalLabel: string;
  /** The top-level row labels, e.g. for a title. */
  groups: string[];
}

/** Drops a trailing parenthesised note: （二）部分公开（区分处理的，…） → （二）部分公开. */
export const shortLabel = (label: string): string => label.replace(/^(.+?)（[^（）]*）$/, '$1');

const ruleOf = <T extends CompiledRule['def']['type']>(t: CompiledTable, type: T) => t.rules.find((r) => r.def.type === type) as Extract<CompiledRule, { def: { type: T } }> | undefined;

/** Table 三's 办理结果 by category, or undefined if the format has no such rules. */
export function distribution(format: CompiledFormat, get: CellGetter): DistributionData | undefined {
  const t = format.tables.find((x) => x.rules.some((r) => r.def.type === 'column-total'));
  if (!t) return undefined;
  const colTotal = ruleOf(t, 'column-total')!;
  const rowTotal = t.rules.find((r) => r.def.type === 'row-total' && r.block === colTotal.block) as Extract<CompiledRule, { def: { type: 'row-total' } }> | undefined;
  const block = t.blocks[colTotal.block]!;
  const column = rowTotal ? rowTotal.total : block.columns.length - 1;
  const parts = colTotal.def.parts;
  const under = Array.isArray(parts) ? undefined : (parts as { leavesOf: string }).leavesOf;
  const categories: Category[] = [];
  for (const i of colTotal.parts) {
    const row = block.rows[i]!;
    const at = under ? row.path.indexOf(under) : -1;
    const name = row.path[at + 1] ?? row.label;
    let c = categories.find((x) => x.fullLabel === name);
    if (!c) categories.push((c = { label: shortLabel(name), fullLabel: name, value: 0 }));
    const v = get(t.id, colTotal.block, i, column);
    c.value = c.value === undefined || v === undefined ? undefined : c.value + v;
  }
  const official = get(t.id, colTotal.block, colTotal.total, column);
  const sum = categories.every((c) => c.value !== undefined) ? categories.reduce((s, c) => s + c.value!, 0) : undefined;
  return { categories, total: official ?? sum, unit: block.columns[column]!.unit ?? '' };
}

/** Table 四's outcomes: one row per case kind, one value per result column (without the total column). */
export function outcomes(format: CompiledFormat, get: CellGetter): OutcomesData | undefined {
  const t = format.tables.find((x) => x.def.layout === 'single-row');
  const rule = t && ruleOf(t, 'row-total');
  if (!t || !rule) return undefined;
  const block = t.blocks[rule.block]!;
  const columns = rule.parts.map((i) => block.columns[i]!.label);
  const rows = block.rows.map((r): OutcomeRow => {
    const values = rule.parts.map((i) => get(t.id, rule.block, r.index, i));
    const total = get(t.id, rule.block, r.index, rule.total) ?? (values.every((v) => v !== undefined) ? values.reduce((s: number, v) => s + v!, 0) : undefined);
    return { label: r.path.join('·'), values, total };
  });
  return { columns, rows, unit: block.columns[rule.total]!.unit ?? '', totalLabel: block.columns[rule.total]!.label, groups: block.def.rows.map((r) => r.label) };
}

/** A report's cells for the chart readers: undefined for unpublished tables and 缺失 cells; 不适用 reads 0. */
export function reportGetter(report: Report): CellGetter {
  return (table, block, row, column) => {
    const t = report.tables[table];
    if (t?.status !== 'published') return undefined;
    const c = t.blocks[block]!.cells[row]![column]!;
    return c.status === 'number' ? c.value : c.status === 'na' ? 0 : undefined;
  };
}
