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

/** Each rule applied to one row (row-total) or one column (column-total, balance) of a block. */
interface Instance {
  rule: CompiledRule;
  /** The row (row-total) or column (others) the instance runs along. */
  line: number;
}

function instances(table: CompiledTable, data: BlockData[]): Instance[] {
  const out: Instance[] = [];
  for (const rule of table.rules) {
    const b = data[rule.block]!;
    const n = rule.def.type === 'row-total' ? b.cells.length : table.blocks[rule.block]!.columns.length;
    for (let line = 0; line < n; line++) out.push({ rule, line });
  }
  return out;
}

function totalAndParts(i: Instance, b: BlockData): { total: Cell | undefined; parts: (Cell | undefined)[]; set: (c: Cell) => void } {
  const r = i.rule;
  if (r.def.type === 'row-total' && 'total' in r) {
    const row = b.cells[i.line]!;
    return { total: row[r.total], parts: r.parts.map((p) => row[p]), set: (c) => (row[r.total] = c) };
  }
  if ('total' in r) {
    return { total: b.cells[r.total]![i.line], parts: r.parts.map((p) => b.cells[p]![i.line]), set: (c) => (b.cells[r.total]![i.line] = c) };
  }
  throw new Error('not a total rule');
}

/** Fills totals the source left out, as far as the parts allow; totals that stay unknown become 缺失 (computed). */
export function computeTotals(table: CompiledTable, data: BlockData[]): void {
  const totals = instances(table, data).filter((i) => i.rule.def.type !== 'balance');
  // Row totals and column totals feed each other (（七）总计 × 总计): repeat until nothing changes.
  for (let changed = true; changed; ) {
    changed = false;
    for (const i of totals) {
      const t = totalAndParts(i, data[i.rule.block]!);
      if (t.total) continue;
      const s = sumCells(t.parts);
      if (s) {
        t.set(s);
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
  for (const i of instances(table, data)) {
    const r = i.rule;
    const b = data[r.block]!;
    const where = table.def.caption;
    if (r.def.type === 'balance' && 'left' in r) {
      const left = r.left.map((x) => b.cells[x]![i.line]);
      const right = r.right.map((x) => b.cells[x]![i.line]);
      const lv = left.map(num);
      const rv = right.map(num);
      if ([...lv, ...rv].some((v) => v === undefined)) continue;
      const ls = round(lv.reduce((a, v) => a! + v!, 0)!);
      const rs = round(rv.reduce((a, v) => a! + v!, 0)!);
      if (ls === rs) continue;
      const term = (rows: readonly number[], vals: (number | undefined)[]) => rows.map((x, k) => `${labels.short(r.block, x)}(${vals[k]})`).join('＋');
      // A column of computed totals only repeats a mismatch already reported in the columns it sums.
      const given = [...right, ...left].find((c) => c && !c.computed);
      if (!given) continue;
      const at = given.pos;
      diags.error(at, r.def.id, `${where} · ${labels.col(r.block, i.line)}：${term(r.left, lv)}＝${ls}，但${term(r.right, rv)}＝${rs}`, `${r.def.describe}；请核对这一列的数值`);
      continue;
    }
    const t = totalAndParts(i, b);
    if (!t.total || t.total.computed) continue;
    const s = sumCells(t.parts);
    const given = num(t.total);
    if (!s || s.status !== 'number' || given === undefined) continue;
    if (round(given) === s.value) continue;
    const line = r.def.type === 'row-total' ? labels.row(r.block, i.line) : labels.col(r.block, i.line);
    const totalLabel = r.def.type === 'row-total' ? labels.col(r.block, (r as { total: number }).total) : labels.short(r.block, (r as { total: number }).total);
    diags.error(t.total.pos, r.def.id, `${where} · ${line}：${totalLabel}应为 ${s.value}（各项之和），实为 ${given}`, `${r.def.describe}；改正合计，或删去合计让系统计算`);
  }
}
