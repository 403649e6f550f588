// Reads 表二/表三/表四 from front matter into cells, following the format definition: the YAML mirrors the official
// table (row labels as keys, nested like the merged label cells; a 列 line naming the columns), so an editor can
// fill it in without a manual.
import { allFormats, type CompiledBlock, type CompiledFormat, type CompiledTable, type LeafColumn, type LeafRow } from '../formats/index.ts';
import type { RowDef } from '../formats/types.ts';
import type { BlockData, Cell, TableData } from '../model/types.ts';
import type { Pos } from './diagnostics.ts';
import { own, type FieldContext } from './fields.ts';
import { isMapping, pathKey, type Path } from './yaml.ts';

/** The words an editor writes for a cell that holds no number. */
export const NOT_APPLICABLE = '不适用';
export const MISSING = '缺失';
export const UNPUBLISHED = '未发布';
export const COLUMNS_KEY = '列';
export const unitKey = (column: string): string => `${column}单位`;

const PLACEHOLDER_HINT = `如为 0 请写 0；如该项不适用请写“${NOT_APPLICABLE}”；如数据不详请写“${MISSING}”`;
const FULLWIDTH = /[０-９．－]/;

/** Labels that exist in another format version: a 2019 label in a 2021 report deserves a pointed message. */
function otherVersionHint(format: CompiledFormat, label: string, year: number): string | undefined {
  for (const f of allFormats()) {
    if (f.id === format.id) continue;
    const found = f.tables.some((t) =>
      t.blocks.some((b) => b.rows.some((r) => r.path.includes(label)) || b.columns.some((c) => c.path.includes(label)) || b.def.title === label),
    );
    if (found) return `「${label}」是《${f.def.name}》的标签；${year}年度报告适用《${format.def.name}》`;
  }
  return undefined;
}

interface Ctx extends FieldContext {
  format: CompiledFormat;
  year: number;
}

const posOf = (ctx: Ctx, path: Path): Pos | undefined => posAt(ctx, pathKey(path));
const keyPos = (ctx: Ctx, path: Path): Pos | undefined => ctx.doc.keys.get(pathKey(path)) ?? ctx.doc.values.get(pathKey(path));
/** posOf by an already joined pathKey. */
const posAt = (ctx: Ctx, key: string): Pos | undefined => ctx.doc.values.get(key) ?? ctx.doc.keys.get(key);

function cellError(ctx: Ctx, pos: Pos | undefined, where: string, message: string, hint: string): undefined {
  ctx.diags.error(pos, 'DOM', `${where}：${message}`, hint);
  return undefined;
}

/**
 * The common case of readCell — a number its column accepts, 不适用 or 缺失 — without building the cell's name for
 * messages; undefined for anything else, which readCell then reads (and reports) in full.
 */
function plainCell(raw: unknown, col: LeafColumn, pos: Pos | undefined): Cell | undefined {
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return undefined;
    if (col.kind === 'count' ? Number.isInteger(raw) && raw >= 0 : col.kind === 'signed' ? Number.isInteger(raw) : raw >= 0) {
      return { status: 'number', value: raw, computed: false, pos };
    }
    return undefined;
  }
  if (raw === NOT_APPLICABLE) return { status: 'na', computed: false, pos };
  if (raw === MISSING) return { status: 'missing', computed: false, pos };
  return undefined;
}

/** Reads one cell value per its column kind. Never turns a placeholder into 0. */
export function readCell(ctx: Ctx, raw: unknown, col: LeafColumn, where: string, pos: Pos | undefined): Cell | undefined {
  const err = (message: string, hint: string) => cellError(ctx, pos, where, message, hint);
  if (raw === NOT_APPLICABLE) return { status: 'na', computed: false, pos };
  if (raw === MISSING) return { status: 'missing', computed: false, pos };
  if (raw === null || raw === undefined) return err('空白不是数值', PLACEHOLDER_HINT);
  if (typeof raw === 'string') {
    const s = raw.trim();
    if (FULLWIDTH.test(s)) {
      const half = s.replace(/[０-９．－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
      return err(`“${s}”使用了全角数字`, `请改用半角数字：${half}`);
    }
    if (/^[+-]?\d+(\.\d+)?$/.test(s)) return err(`“${s}”是加了引号的文字`, `数值不要加引号，请写 ${s}`);
    return err(`“${s}”不是数值`, PLACEHOLDER_HINT);
  }
  if (typeof raw !== 'number' || !Number.isFinite(raw)) return err(`${JSON.stringify(raw)} 不是数值`, PLACEHOLDER_HINT);
  if (col.kind === 'count') {
    if (!Number.isInteger(raw)) return err(`件数应为整数，实为 ${raw}`, '请填写整数');
    if (raw < 0) return err(`件数不能为负数，实为 ${raw}`, '件数应为 0 或正整数');
  } else if (col.kind === 'signed') {
    if (!Number.isInteger(raw)) return err(`应为整数，实为 ${raw}`, '本年增/减填写整数，减少写负数，如 -8');
  } else if (raw < 0) {
    return err(`金额不能为负数，实为 ${raw}`, '金额应为 0 或正数');
  }
  return { status: 'number', value: raw, computed: false, pos };
}

// Hot code makes no closures: tsx names every named function it creates (esbuild's keepNames), at a cost per
// creation that matters once per row of every report.

/** What the 列 line of a block should be, for a message. */
function columnsHint(expected: readonly string[], derived: ReadonlySet<number>): string {
  const optional = expected.filter((_, i) => derived.has(i));
  const show = `[${expected.join(', ')}]`;
  return optional.length ? `列应为 ${show}；「${optional.join('、')}」可以省略，由系统计算` : `列应为 ${show}`;
}

/** The pathKey of the row `label` under `path` (a row mapping). */
const rowKeyOf = (path: Path, label: string): string => (path.length ? `${pathKey(path)}\u001f${label}` : label);

/** Which of the block's columns the 列 line names; the derived total column may be left out. */
function readColumns(ctx: Ctx, table: CompiledTable, block: CompiledBlock, raw: unknown, path: Path): boolean[] | undefined {
  const expected = block.columns.map((c) => c.label);
  const derived = table.derivedColumns.get(block.index) ?? new Set<number>();
  if (!Array.isArray(raw) || raw.some((x) => typeof x !== 'string')) {
    ctx.diags.error(posOf(ctx, path), 'COLUMNS', `${keyNameOf(table, block)}的「${COLUMNS_KEY}」应为列名列表`, columnsHint(expected, derived));
    return undefined;
  }
  const given = expected.map((label) => raw.includes(label));
  const ok = raw.length === given.filter(Boolean).length && expected.filter((_, i) => given[i]).every((l, i) => raw[i] === l) && given.every((g, i) => g || derived.has(i));
  if (!ok) {
    const wrong = (raw as string[]).find((l) => !expected.includes(l));
    const other = wrong && otherVersionHint(ctx.format, wrong, ctx.year);
    ctx.diags.error(posOf(ctx, path), 'COLUMNS', `${keyNameOf(table, block)}的列与官方表格不一致${wrong ? `：「${wrong}」不是本表的列` : ''}`, other ? `${other}；${columnsHint(expected, derived)}` : columnsHint(expected, derived));
    return undefined;
  }
  return given;
}

const keyNameOf = (table: CompiledTable, block: CompiledBlock): string =>
  block.def.title ? `${table.def.caption} · ${block.def.title}` : table.def.caption;

/** What readRows looks up in a block, worked out once per block: each leaf row by its definition, each level's labels. */
interface BlockIndex {
  leafOf: Map<RowDef, LeafRow>;
  labelsOf: Map<readonly RowDef[], ReadonlySet<string>>;
  derivedRows: ReadonlySet<number>;
}
const BLOCK_INDEX = new WeakMap<CompiledBlock, BlockIndex>();

function blockIndex(table: CompiledTable, block: CompiledBlock): BlockIndex {
  let index = BLOCK_INDEX.get(block);
  if (!index) {
    index = { leafOf: new Map(), labelsOf: new Map(), derivedRows: table.derivedRows.get(block.index) ?? new Set<number>() };
    const walk = (defs: readonly RowDef[], prefix: string) => {
      index!.labelsOf.set(defs, new Set(defs.map((d) => d.label)));
      for (const d of defs) {
        if (d.children) walk(d.children, `${prefix}${d.label}\u001f`);
        else index!.leafOf.set(d, block.rowByPath.get(prefix + d.label)!);
      }
    };
    walk(block.def.rows, '');
    BLOCK_INDEX.set(block, index);
  }
  return index;
}

/** Reads the nested row mapping of a block into `cells`. */
function readRows(
  ctx: Ctx,
  table: CompiledTable,
  block: CompiledBlock,
  given: boolean[],
  obj: Record<string, unknown>,
  defs: readonly RowDef[],
  path: Path,
  reserved: readonly string[],
  cells: (Cell | undefined)[][],
): void {
  const index = blockIndex(table, block);
  const labels = index.labelsOf.get(defs)!;
  for (const key of Object.keys(obj)) {
    if (labels.has(key) || reserved.includes(key)) continue;
    const other = otherVersionHint(ctx.format, key, ctx.year);
    ctx.diags.error(keyPos(ctx, [...path, key]), 'ROW', `${keyNameOf(table, block)}中没有「${key}」这一行`, other ?? `这一层应有：${[...labels].join('、')}`);
  }
  // Joined keys are made only when needed: for a message, or for positions js-yaml gave (one entry per item).
  let count = 0;
  for (const g of given) if (g) count++;
  for (const def of defs) {
    const raw = obj[def.label];
    if (def.children) {
      if (!isMapping(raw)) {
        ctx.diags.error(posAt(ctx, rowKeyOf(path, def.label)) ?? posAt(ctx, pathKey(path)), 'ROW', `${keyNameOf(table, block)}缺少「${def.label}」及其下各行`, `在「${def.label}:」下逐行填写：${def.children.map((c) => c.label).join('、')}`);
        continue;
      }
      readRows(ctx, table, block, given, raw, def.children, [...path, def.label], [], cells);
      continue;
    }
    const row = index.leafOf.get(def)!;
    if (raw === undefined && !(def.label in obj)) {
      if (!index.derivedRows.has(row.index)) {
        ctx.diags.error(posAt(ctx, pathKey(path)), 'ROW', `${keyNameOf(table, block)}缺少「${def.label}」这一行`, `请补上这一行；不适用的格写“${NOT_APPLICABLE}”，不详的写“${MISSING}”`);
      }
      continue;
    }
    if (!Array.isArray(raw) || raw.length !== count) {
      ctx.diags.error(posAt(ctx, rowKeyOf(path, def.label)), 'ROW', `${keyNameOf(table, block)} · ${def.label}：应有 ${count} 个值（与「${COLUMNS_KEY}」一一对应），实为 ${Array.isArray(raw) ? raw.length : JSON.stringify(raw)}`, `写成 [${block.columns.filter((_, i) => given[i]).map((c) => c.label).join(', ')}] 对应的数值列表`);
      continue;
    }
    const rowCells = cells[row.index]!;
    const itemPositions = ctx.doc.values.itemsOf(raw);
    let k = 0;
    for (let ci = 0; ci < block.columns.length; ci++) {
      if (!given[ci]) continue;
      const col = block.columns[ci]!;
      const item: unknown = raw[k];
      const pos = itemPositions ? itemPositions[k] : posAt(ctx, `${rowKeyOf(path, def.label)}\u001f${k}`);
      k++;
      rowCells[ci] = plainCell(item, col, pos) ?? readCell(ctx, item, col, `${keyNameOf(table, block)} · ${def.label} · ${col.label}`, pos);
    }
  }
}

function readBlock(ctx: Ctx, table: CompiledTable, block: CompiledBlock, raw: unknown, path: Path): BlockData | undefined {
  if (!isMapping(raw)) {
    ctx.diags.error(posOf(ctx, path), 'TABLE', `${keyNameOf(table, block)}应为按行填写的表格`, `先写「${COLUMNS_KEY}: [...]」，再逐行写“行名: [数值, …]”`);
    return undefined;
  }
  const given = readColumns(ctx, table, block, raw[COLUMNS_KEY], [...path, COLUMNS_KEY]);
  const statedUnits: Record<number, string> = {};
  const reserved = [COLUMNS_KEY];
  for (const col of block.columns) {
    if (!col.statedUnits) continue;
    const key = unitKey(col.label);
    reserved.push(key);
    const u = raw[key];
    if (typeof u === 'string' && col.statedUnits.includes(u)) statedUnits[col.index] = u;
    else ctx.diags.error(posOf(ctx, [...path, key]) ?? posOf(ctx, path), 'UNIT', `${keyNameOf(table, block)}：须写明「${col.label}」的单位`, `加一行「${key}: ${col.statedUnits[0]}」（可选：${col.statedUnits.join('、')}）`);
  }
  const cells: (Cell | undefined)[][] = block.rows.map(() => block.columns.map(() => undefined));
  if (given) readRows(ctx, table, block, given, raw, block.def.rows, path, reserved, cells);
  return { cells: cells as Cell[][], statedUnits };
}

/** Reads one table; undefined when it had errors (already reported). Cells left out are filled by compute. */
export function readTable(ctx: Ctx, table: CompiledTable, raw: unknown): TableData | undefined {
  const path = [table.key];
  const pos = posOf(ctx, path);
  if (raw === undefined) {
    ctx.diags.error(ctx.doc.values.get(''), 'TABLE', `缺少「${table.key}」（${table.def.caption}）`, `请按官方表格填写；如原文未发布此表，写「${table.key}: { ${UNPUBLISHED}: 原因 }」`);
    return undefined;
  }
  if (isMapping(raw) && UNPUBLISHED in raw) {
    const reason = raw[UNPUBLISHED];
    if (Object.keys(raw).length !== 1 || typeof reason !== 'string' || reason.trim() === '') {
      ctx.diags.error(pos, 'TABLE', `「${table.key}」标为未发布时只写原因`, `写成「${table.key}: { ${UNPUBLISHED}: 原文未附此表 }」`);
      return undefined;
    }
    return { status: 'unpublished', reason: own(reason), pos };
  }
  if (!isMapping(raw)) {
    ctx.diags.error(pos, 'TABLE', `「${table.key}」应为按官方表格填写的数据`, `如原文未发布此表，写「${table.key}: { ${UNPUBLISHED}: 原因 }」`);
    return undefined;
  }
  const before = ctx.diags.items.length;
  let blocks: (BlockData | undefined)[];
  if (table.blocks.length === 1 && !table.blocks[0]!.def.title) {
    blocks = [readBlock(ctx, table, table.blocks[0]!, raw, path)];
  } else {
    const titles = table.blocks.map((b) => b.def.title!);
    for (const key of Object.keys(raw)) {
      if (titles.includes(key)) continue;
      const other = otherVersionHint(ctx.format, key, ctx.year);
      ctx.diags.error(keyPos(ctx, [...path, key]), 'ROW', `${table.def.caption}中没有「${key}」`, other ?? `本表的项目：${titles.join('、')}`);
    }
    blocks = table.blocks.map((b) => {
      if (!(b.def.title! in raw)) {
        ctx.diags.error(pos, 'ROW', `${table.def.caption}缺少「${b.def.title}」`, `请补上「${b.def.title}」及其各行`);
        return undefined;
      }
      return readBlock(ctx, table, b, raw[b.def.title!], [...path, b.def.title!]);
    });
  }
  if (ctx.diags.items.length > before || blocks.some((b) => !b)) return undefined;
  return { status: 'published', blocks: blocks as BlockData[], pos };
}
