// Totals and within-table rules, driven by the compiled format's rules: totals the source left out are computed;
// totals the source gave are checked. Nothing here knows a label: rules arrive resolved to indices.
import type { CompiledRule, CompiledTable } from '../formats/index.ts';
import type { Diagnostics } from '../load/diagnostics.ts';
import type { BlockData, Cell } from './types.ts';

/** Sum of cells; 不适用 adds nothing; any 缺失 or absent cell makes the sum unknown (undefined). */
export function sumCells(cells: readonly (Cell | undefined)[]): Cell | undefined {
  let total = 0;
  let numbers = 0;
  for (const c of cells) {
    if (!c || c.status === 'missing') return undefined;
    if (c.status === 'number') {
      total += c.value;
      numbers++;
    }
  }
  if (numbers === 0 && cells.length > 0) return { status: 'na', computed: true };
  return { status: 'number', value: round(total), computed: true };
}

/** Amounts are decimals: keep sums free of binary noise (0.1 + 0.2). */
export const round = (n: number): number => Math.round(n * 1e6) / 1e6;

const num = (c: Cell | undefined): number | undefined => (c?.status === 'number' ? c.value : c?.status === 'na' ? 0 : undefined);

type TotalRule = Extract<CompiledRule, { total: number }>;
type BalanceRule = Extract<CompiledRule, { left: readonly number[] }>;

/** How many rows (row-total) or columns (column-total, balance) a rule runs along in a block. */
const lineCount = (table: CompiledTable, rule: CompiledRule, b: BlockData): number =>
  rule.def.type === 'row-total' ? b.cells.length : table.blocks[rule.block]!.columns.length;

/** The total cell of a total rule on one line (a row for row-total, a column for column-total). */
function totalCell(rule: TotalRule, b: BlockData, line: number): Cell | undefined {
  return rule.def.type === 'row-total' ? b.cells[line]![rule.total] : b.cells[rule.total]![line];
}

/** Sum of the parts of a total rule on one line. */
function partsSum(rule: TotalRule, b: BlockData, line: number): Cell | undefined {
  const parts: (Cell | undefined)[] = [];
  if (rule.def.type === 'row-total') for (const p of rule.parts) parts.push(b.cells[line]![p]);
  else for (const p of rule.parts) parts.push(b.cells[p]![line]);
  return sumCells(parts);
}

/** Fills totals the source left out, as far as the parts allow; totals that stay unknown become 缺失 (computed). */
export function computeTotals(table: CompiledTable, data: BlockData[]): void {
  const totals = table.rules.filter((r): r is TotalRule => r.def.type !== 'balance');
  // Row totals and column totals feed each other (（七）总计 × 总计): repeat until nothing changes.
  for (let changed = true; changed; ) {
    changed = false;
    for (const rule of totals) {
      const b = data[rule.block]!;
      const n = lineCount(table, rule, b);
      for (let line = 0; line < n; line++) {
        if (totalCell(rule, b, line)) continue;
        const s = partsSum(rule, b, line);
        if (!s) continue;
        if (rule.def.type === 'row-total') b.cells[line]![rule.total] = s;
        else b.cells[rule.total]![line] = s;
        changed = true;
      }
    }
  }
  for (const b of data) for (const row of b.cells) for (let c = 0; c < row.length; c++) row[c] ??= { status: 'missing', computed: true };
}

export interface RuleLabels {
  row(block: number, index: number): string;
  col(block: number, index: number): string;
  /** Short form for formulas: （七）总计, 四 …; */
  short(block: number, index: number): string;
}

/** Checks every rule on the completed table; a mismatch is an error at the given cell's position. */
export function checkRules(table: CompiledTable, data: BlockData[], labels: RuleLabels, diags: Diagnostics): void {
  for (const r of table.rules) {
    const b = data[r.block]!;
    const n = lineCount(table, r, b);
    for (let line = 0; line < n; line++) {
      if (r.def.type === 'balance' && 'left' in r) checkBalance(table, r, b, line, labels, diags);
      else if ('total' in r) checkTotal(table, r, b, line, labels, diags);
      else throw new Error('not a total rule');
    }
  }
}

function checkBalance(table: CompiledTable, r: BalanceRule, b: BlockData, line: number, labels: RuleLabels, diags: Diagnostics): void {
  const where = table.def.caption;
  const left = r.left.map((x) => b.cells[x]![line]);
  const right = r.right.map((x) => b.cells[x]![line]);
  const lv = left.map(num);
  const rv = right.map(num);
  if (lv.some((v) => v === undefined) || rv.some((v) => v === undefined)) return;
  const ls = round(lv.reduce((a, v) => a! + v!, 0)!);
  const rs = round(rv.reduce((a, v) => a! + v!, 0)!);
  if (ls === rs) return;
  const term = (rows: readonly number[], vals: (number | undefined)[]) => rows.map((x, k) => `${labels.short(r.block, x)}(${vals[k]})`).join('＋');
  // A column of computed totals only repeats a mismatch already reported in the columns it sums.
  const given = [...right, ...left].find((c) => c && !c.computed);
  if (!given) return;
  const at = given.pos;
  diags.error(at, r.def.id, `${where} · ${labels.col(r.block, line)}：${term(r.left, lv)}＝${ls}，但${term(r.right, rv)}＝${rs}`, `${r.def.describe}；请核对这一列的数值`);
}

function checkTotal(table: CompiledTable, r: TotalRule, b: BlockData, line: number, labels: RuleLabels, diags: Diagnostics): void {
  const where = table.def.caption;
  const total = totalCell(r, b, line);
  if (!total || total.computed) return;
  const s = partsSum(r, b, line);
  const given = num(total);
  if (!s || s.status !== 'number' || given === undefined) return;
  if (round(given) === s.value) return;
  const at = r.def.type === 'row-total' ? labels.row(r.block, line) : labels.col(r.block, line);
  const totalLabel = r.def.type === 'row-total' ? labels.col(r.block, r.total) : labels.short(r.block, r.total);
  diags.error(total.pos, r.def.id, `${where} · ${at}：${totalLabel}应为 ${s.value}（各项之和），实为 ${given}`, `${r.def.describe}；改正合计，或删去合计让系统计算`);
}
