// Checks between a report and the same office's report of the previous year: the format's cross-year rules
// (X-CARRY, X-STOCK, X-2019), sudden jumps in key measures (JUMP) and prose copied from last year (SAME).
import type { CrossYearRuleDef } from '../formats/index.ts';
import type { Diagnostic, Pos } from '../load/diagnostics.ts';
import type { Cell, Report } from '../model/types.ts';
import { labelIndex, measureLabel, measureOf, numberOf } from './measures.ts';
import { fill, ruleInfo } from './rules.ts';
import { judgeable, sharedShareAtLeast, shingle, type Shingled } from './similarity.ts';

/** A measure that changes more than this factor year on year is worth a second look … */
export const JUMP_FACTOR = 5;
/** … when the larger value is at least this: 1 → 6 applications is ordinary for a small office. */
export const JUMP_MIN = 20;
/**
 * SAME: share of this year's prose (in 8-character shingles, digits masked) found in last year's. Reports of one
 * office legitimately reuse set phrases (贯彻落实《条例》…) — in the bundled demo the share stays below 50 % — while
 * a report copied with only the numbers changed scores near 100 %. 70 % flags the copy and spares the boilerplate.
 */
export const SAME_THRESHOLD = 0.7;

/** A diagnostic on a table cell (in the data file when the data sits apart) or, with `prose`, on the text. */
function diag(report: Report, id: string, pos: Pos | undefined, vars: Record<string, string | number>, prose = false): Diagnostic {
  const info = ruleInfo(id);
  return { file: prose ? report.file : (report.dataFile ?? report.file), line: pos?.line ?? 1, col: pos?.col ?? 1, severity: info.severity, rule: id, message: fill(info.template, vars), hint: info.hint };
}

/**
 * Each report's prose prepared for SAME, kept for the next pair, where this year's report is last year's: each
 * report is prepared once, and only the two reports of the current pair are held. A report taking the place of
 * the older one takes over its storage too.
 */
class PairCache {
  private entries: Array<{ report: Report; prose: Shingled }> = [];

  prose(report: Report): Shingled {
    let e = this.entries.find((x) => x.report === report);
    if (!e) {
      const old = this.entries.length === 2 ? this.entries.shift() : undefined;
      e = { report, prose: shingle(report.sections.map((s) => s.markdown).join('\n'), old?.prose) };
      this.entries.push(e);
    }
    return e.prose;
  }
}

type Row = { block: number; row: number; columns: ReadonlyMap<string, number> };

/** The cell of `row` under the column labelled `column` (labelledCells(report, table).get(row label).get(column)). */
function cellAt(report: Report, table: CrossYearRuleDef['table'], row: Row, column: string): Cell | undefined {
  const c = row.columns.get(column);
  const t = report.tables[table];
  return c === undefined || t?.status !== 'published' ? undefined : t.blocks[row.block]!.cells[row.row]![c];
}

const numberAt = (report: Report, table: CrossYearRuleDef['table'], row: Row, column: string) => numberOf(cellAt(report, table, row, column));

/** The rules on labelled cells (labelledCells), with the labels looked up once per format rather than per report. */
function applyRule(rule: CrossYearRuleDef, prev: Report, cur: Report, out: Diagnostic[]): void {
  const caption = cur.format.table(rule.table).def.caption;
  // labelledCells gives an empty map for a table that was not published.
  if (prev.tables[rule.table]?.status !== 'published' || cur.tables[rule.table]?.status !== 'published') return;
  const before = labelIndex(prev.format, rule.table).rows;
  const now = labelIndex(cur.format, rule.table).rows;
  if (!before.size || !now.size) return;
  if (rule.type === 'carry') {
    const from = before.get(rule.from);
    const to = now.get(rule.to);
    if (!from || !to) return;
    for (const column of to.columns.keys()) {
      const cell = cellAt(cur, rule.table, to, column)!;
      const expected = numberOf(cellAt(prev, rule.table, from, column));
      const found = numberOf(cell);
      if (expected === undefined || found === undefined || expected === found || cell.computed) continue;
      out.push(diag(cur, rule.id, cell.pos, { where: `${caption} · ${rule.to} · ${column}`, found, prev: prev.year, expected }));
    }
    return;
  }
  // X-STOCK and X-2019 compare within one format version only: the columns mean other things across versions.
  if (prev.format.id !== cur.format.id) return;
  for (const [row, cells] of now) {
    const last = before.get(row);
    if (!last) continue;
    if (rule.type === 'stock') {
      const [s0, p, m, s] = [numberAt(prev, rule.table, last, rule.stock), numberAt(cur, rule.table, cells, rule.plus), numberAt(cur, rule.table, cells, rule.minus), numberAt(cur, rule.table, cells, rule.stock)];
      if ([s0, p, m, s].some((v) => v === undefined) || !cells.columns.has(rule.stock)) continue;
      const expected = s0! + p! - m!;
      if (expected !== s) out.push(diag(cur, rule.id, cellAt(cur, rule.table, cells, rule.stock)!.pos, { where: `${caption} · ${row} · ${rule.stock}`, prevStock: s0!, plus: p!, minus: m!, expected, found: s! }));
    } else {
      const [b0, d0, b] = [numberAt(prev, rule.table, last, rule.base), numberAt(prev, rule.table, last, rule.delta), numberAt(cur, rule.table, cells, rule.base)];
      if ([b0, d0, b].some((v) => v === undefined)) continue;
      const expected = b0! + d0!;
      if (expected !== b) out.push(diag(cur, rule.id, cellAt(cur, rule.table, cells, rule.base)!.pos, { where: `${caption} · ${row} · ${rule.base}`, prevBase: b0!, prevDelta: d0!, expected, found: b! }));
    }
  }
}

function jumps(prev: Report, cur: Report, out: Diagnostic[]): void {
  for (const m of cur.format.def.measures) {
    const a = measureOf(prev, m.id);
    const b = measureOf(cur, m.id);
    if (a === undefined || b === undefined) continue;
    const hi = Math.max(a, b);
    const lo = Math.min(a, b);
    if (hi >= JUMP_MIN && hi > JUMP_FACTOR * Math.max(lo, 1)) {
      const t = cur.tables[m.cells[0]!.table];
      out.push(diag(cur, 'JUMP', t?.pos, { measure: measureLabel(cur, m.id), prev: prev.year, before: a, after: b, factor: JUMP_FACTOR }));
    }
  }
}

function sameness(prev: Report, cur: Report, out: Diagnostic[], cache: PairCache): void {
  const mine = cache.prose(cur);
  // copiedShare(prose(cur), prose(prev)) when it reaches the threshold, with each report's prose prepared once.
  const share = judgeable(mine) ? sharedShareAtLeast(mine, cache.prose(prev), SAME_THRESHOLD) : undefined;
  if (share !== undefined) {
    out.push(diag(cur, 'SAME', { line: cur.sections[0]?.line ?? 1, col: 1 }, { prev: prev.year, share: Math.round(share * 100), threshold: Math.round(SAME_THRESHOLD * 100) }, true));
  }
}

/** Runs every cross-year check over consecutive reports of each office. `reports` sorted by office, year. */
export function checkCrossYear(reports: readonly Report[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const cache = new PairCache();
  for (let i = 1; i < reports.length; i++) {
    const prev = reports[i - 1]!;
    const cur = reports[i]!;
    if (prev.officeId !== cur.officeId || prev.year !== cur.year - 1) continue;
    for (const rule of cur.format.def.crossYear) applyRule(rule, prev, cur, out);
    jumps(prev, cur, out);
    sameness(prev, cur, out, cache);
  }
  return out;
}
