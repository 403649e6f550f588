// Maps the statistics tables of a page onto the format's tables. Everything the mapping knows about labels comes
// from the compiled format: leaf rows and columns, group labels, block titles, stubs and captions. A data row is
// placed by its row label (the most specific label cell), each value by the header cells above it; a table whose
// header does not line up (a plain-text copy) falls back to column order only when the count is exactly right.
// Blank is not zero: "/", "-", "—", "" and the like are kept as placeholders, to be written 缺失 with a note.
import { allFormats, type CompiledBlock, type CompiledFormat, type CompiledTable, type ColumnDef, type RowDef, type TableId } from '../formats/index.ts';
import { MISSING, NOT_APPLICABLE } from '../load/tables.ts';
import type { Grid, GridCell } from './document.ts';
import { bestMatch, labelScore, MATCH_THRESHOLD, normaliseLabel, type Candidate } from './labels.ts';

/** What a cell of the page says. */
export type CellText =
  | { kind: 'number'; value: number }
  | { kind: 'na' }
  | { kind: 'missing' }
  | { kind: 'placeholder' }
  | { kind: 'empty' }
  | { kind: 'label' };

const PLACEHOLDER = /^(?:[/\\\-_—–―‐‑‒−~×xX*.·]+|无|空|暂无|N\/?A|null)$/i;
const UNIT_SUFFIX = /(?:件|个|项|宗|条|次|万元|元)$/;

/** Reads a cell's text: numbers (full-width digits, thousands separators, +2, units tolerated), words, placeholders. */
export function readCellText(raw: string): CellText {
  const t = raw.normalize('NFKC').replace(/[\s\u200b]+/g, '');
  if (t === '') return { kind: 'empty' };
  if (t === NOT_APPLICABLE) return { kind: 'na' };
  if (t === MISSING) return { kind: 'missing' };
  if (PLACEHOLDER.test(t)) return { kind: 'placeholder' };
  const u = t.replace(UNIT_SUFFIX, '').replace(/,(?=\d{3}(?:\D|$))/g, '').replace(/^−/, '-');
  if (/^[+-]?(?:\d+(?:\.\d+)?|\.\d+)$/.test(u)) {
    const value = Number(u);
    return { kind: 'number', value: Object.is(value, -0) ? 0 : value };
  }
  return { kind: 'label' };
}

/** A value found for one cell of the format, with the text it came from. */
export type FoundValue = { kind: 'number'; value: number; raw: string } | { kind: 'na' | 'missing' | 'placeholder' | 'empty'; raw: string };

export interface FoundTable {
  /** values[block][row][col]; undefined = the page has no such cell. */
  values: (FoundValue | undefined)[][][];
  /** Units read from the header or the cell for columns whose unit the source must state. */
  units: Record<number, string>[];
  /** True when at least one cell of the table was found. */
  found: boolean;
}

export interface TableImport {
  tables: Record<TableId, FoundTable>;
  /** Problems, one line each, in Chinese. */
  gaps: string[];
  /** Grids that held statistics (the others are ordinary tables in the prose). */
  statistical: Set<Grid>;
}

interface RowRef {
  table: CompiledTable;
  block: CompiledBlock;
  row: number;
}

interface Index {
  leafRows: Candidate<RowRef>[];
  groupRows: Candidate<string>[];
  /** Group rows of tables laid out one table row per data row (not table 四's single row). */
  rowGroups: Candidate<string>[];
  columnLabels: Candidate<string>[];
  blockTitles: Candidate<string>[];
  /** Labels that are never header or row labels: table captions, section headings, block stubs. */
  ignored: Candidate<string>[];
}

function groupLabels(rows: readonly (RowDef | ColumnDef)[], out: string[] = []): string[] {
  for (const r of rows) {
    if (r.children) {
      out.push(r.label);
      groupLabels(r.children, out);
    }
  }
  return out;
}

function indexOf(format: CompiledFormat): Index {
  const idx: Index = { leafRows: [], groupRows: [], rowGroups: [], columnLabels: [], blockTitles: [], ignored: [] };
  for (const s of format.def.sections) idx.ignored.push({ label: s.heading, target: s.heading });
  for (const t of format.tables) {
    idx.ignored.push({ label: t.def.caption, target: t.def.caption });
    for (const b of t.blocks) {
      for (const r of b.rows) idx.leafRows.push({ label: r.label, target: { table: t, block: b, row: r.index } });
      for (const g of groupLabels(b.def.rows)) {
        idx.groupRows.push({ label: g, target: g });
        if (t.def.layout === 'rows') idx.rowGroups.push({ label: g, target: g });
      }
      for (const c of b.columns) idx.columnLabels.push({ label: c.label, target: c.label });
      for (const g of groupLabels(b.def.columns)) idx.columnLabels.push({ label: g, target: g });
      if (b.def.title) idx.blockTitles.push({ label: b.def.title, target: blockName(t, b) });
      if (b.def.stub) idx.ignored.push({ label: b.def.stub, target: b.def.stub });
    }
  }
  return idx;
}

const matches = (text: string, cands: readonly Candidate<unknown>[]) => cands.some((c) => labelScore(text, c.label) >= MATCH_THRESHOLD);

/** Distinct cells of a grid row, in column order, with the first column each covers. */
function distinct(row: readonly GridCell[]): Array<{ cell: GridCell; col: number }> {
  const seen = new Set<number>();
  const out: Array<{ cell: GridCell; col: number }> = [];
  row.forEach((cell, col) => {
    if (seen.has(cell.id)) return;
    seen.add(cell.id);
    out.push({ cell, col });
  });
  return out;
}

const quote = (raw: string) => (raw.trim() === '' ? '空白' : `“${raw.trim()}”`);

/** Where a table is, for messages: 表三, 表二 · 第二十条第（一）项. */
export const blockName = (t: CompiledTable, b: CompiledBlock): string => (b.def.title ? `${t.key} · ${b.def.title}` : t.key);

/** Maps every grid of the page onto the format's tables. */
export function importTables(format: CompiledFormat, grids: readonly Grid[]): TableImport {
  const idx = indexOf(format);
  const tables = {} as Record<TableId, FoundTable>;
  for (const t of format.tables) {
    tables[t.id] = {
      values: t.blocks.map((b) => b.rows.map(() => b.columns.map(() => undefined))),
      units: t.blocks.map(() => ({})),
      found: false,
    };
  }
  const gaps: string[] = [];
  const statistical = new Set<Grid>();

  for (const grid of grids) {
    const pending: string[] = [];
    let recognised = false;
    let header: GridCell[][] = [];
    let lastWasData = false;
    /** Numbers under a header that names no column of their row's block, by block and header. */
    const strays = new Map<string, string[]>();
    /** The block of the last row placed, to say where an unknown row sits. */
    let context: string | undefined;

    const headerPath = (col: number): string[] => {
      const seen = new Set<number>();
      const out: string[] = [];
      for (const row of header) {
        const c = row[col];
        if (!c || seen.has(c.id) || readCellText(c.text).kind !== 'label') continue;
        seen.add(c.id);
        if (matches(c.text, idx.ignored) || matches(c.text, idx.blockTitles)) continue;
        out.push(c.text);
      }
      return out;
    };

    const assign = (ref: RowRef, col: number, cell: GridCell, hpath: readonly string[]) => {
      const ft = tables[ref.table.id];
      const slot = ft.values[ref.block.index]![ref.row]!;
      const read = readCellText(cell.text);
      const value: FoundValue = read.kind === 'number' ? { kind: 'number', value: read.value, raw: cell.text } : { kind: read.kind === 'label' ? 'placeholder' : read.kind, raw: cell.text };
      const leaf = ref.block.columns[col]!;
      if (leaf.statedUnits) {
        const texts = [...hpath, cell.text].join(' ');
        const unit = [...leaf.statedUnits].sort((a, b) => b.length - a.length).find((u) => texts.includes(u));
        if (unit) ft.units[ref.block.index]![col] = unit;
      }
      const prev = slot[col];
      if (prev && prev.kind !== 'empty' && value.kind !== 'empty') {
        const same = prev.kind === value.kind && (prev.kind !== 'number' || (value.kind === 'number' && prev.value === value.value));
        if (!same) {
          gaps.push(`${blockName(ref.table, ref.block)} · ${ref.block.rows[ref.row]!.label} · ${leaf.label}：原文出现两次且不一致（${quote(prev.raw)}、${quote(value.raw)}），采用前者`);
        }
        return;
      }
      if (!prev || prev.kind === 'empty') slot[col] = value;
      ft.found = true;
      recognised = true;
    };

    /** Header words of the current header rows that name none of the block's columns (leaf or group). */
    const foreignHeaders = (ref: RowRef): string[] => {
      const cols = [...ref.block.columns.map((c) => c.label), ...groupLabels(ref.block.def.columns)];
      const words = [...new Set(header.flat().map((c) => c.text))].filter((t) => readCellText(t).kind === 'label' && !matches(t, idx.ignored) && !matches(t, idx.blockTitles));
      return words.filter((w) => !cols.some((c) => labelScore(w, c) >= MATCH_THRESHOLD));
    };

    /** The leaf column of `block` named by a header path, deepest label first. */
    const columnFor = (block: CompiledBlock, hpath: readonly string[]): number | undefined => {
      const cands = block.columns.map((c) => ({ label: c.label, target: c.index }));
      for (let i = hpath.length - 1; i >= 0; i--) {
        const m = bestMatch(hpath[i]!, cands);
        if (m) return m.target;
      }
      return undefined;
    };

    const dataRow = (cells: Array<{ cell: GridCell; col: number }>) => {
      const labels = cells.filter((x) => readCellText(x.cell.text).kind === 'label' && !matches(x.cell.text, idx.ignored));
      const values = cells.filter((x) => readCellText(x.cell.text).kind !== 'label');
      // The most specific label names the row; the ones before it are the merged group cells.
      const ref: RowRef | undefined = labels.length ? bestMatch(labels[labels.length - 1]!.cell.text, idx.leafRows)?.target : undefined;
      const numbers = values.filter((v) => readCellText(v.cell.text).kind === 'number');
      const shown = values.map((v) => v.cell.text.trim() || '空白').join('、');
      if (!ref && labels.length) {
        const label = labels[labels.length - 1]!.cell.text;
        if (matches(label, idx.groupRows)) {
          recognised = true;
          if (numbers.length) pending.push(`表格中分组行「${label}」带有数值（${shown}），官方表格此行无数据，未导入`);
          return;
        }
        if (numbers.length || values.some((v) => readCellText(v.cell.text).kind === 'placeholder')) {
          const other = otherVersionLabel(allFormats(), format, label);
          const hint = other ? `；这是《${other.def.name}》的行` : '';
          pending.push(`${context ?? '表格'}中「${label}」一行不在官方格式中，未导入（原文：${shown}）${hint}`);
        }
        return;
      }
      if (ref) {
        context = blockName(ref.table, ref.block);
        recognised = true;
      }
      const hpaths = values.map((v) => headerPath(v.col));
      let mapped = 0;
      const unmapped: Array<{ cell: GridCell; hpath: string[] }> = [];
      values.forEach((v, k) => {
        const hpath = hpaths[k]!;
        let target: RowRef | undefined = ref;
        let col: number | undefined;
        if (grid.spans && hpath.length) {
          if (target) col = columnFor(target.block, hpath);
          else {
            // No row label: the row is named in the header (table 四's single row under 行政复议 / 行政诉讼 › …).
            for (let i = hpath.length - 1; i >= 0 && !target; i--) {
              const m = bestMatch(hpath[i]!, idx.leafRows);
              if (m && m.target.table.def.layout === 'single-row') target = m.target;
            }
            if (target) col = columnFor(target.block, hpath);
          }
        }
        if (target && col !== undefined) {
          assign(target, col, v.cell, hpath);
          mapped++;
        } else if (readCellText(v.cell.text).kind !== 'empty' || target) unmapped.push({ cell: v.cell, hpath });
      });
      if (mapped > 0 || unmapped.length === 0) {
        for (const u of unmapped) {
          if (readCellText(u.cell.text).kind !== 'number') continue;
          // One line per header for the whole table, not one per row.
          const key = `${ref ? blockName(ref.table, ref.block) : '表格'}：表头「${u.hpath.join(' › ') || '无'}」`;
          strays.set(key, [...(strays.get(key) ?? []), u.cell.text.trim()]);
        }
        return;
      }
      // Nothing lined up with a header. With no usable header (a plain-text copy, or none at all), fall back to
      // column order, but only when the count is exactly right; a header that names other columns is reported.
      const headed = grid.spans && hpaths.some((h) => h.length);
      // A plain-text copy has no header alignment, but its header words must still be this block's columns.
      const foreign = ref && !grid.spans ? foreignHeaders(ref) : [];
      if (foreign.length && numbers.length) {
        const other = foreign.map((h) => otherVersionLabel(allFormats(), format, h)).find(Boolean);
        const hint = other ? `；这是《${other.def.name}》的表头` : '';
        pending.push(`${blockName(ref!.table, ref!.block)} · ${ref!.block.rows[ref!.row]!.label}：表头「${foreign.join('、')}」与官方格式的列不一致，数值（${shown}）未导入${hint}`);
        return;
      }
      if (ref && !headed && values.length === ref.block.columns.length) {
        values.forEach((v, k) => assign(ref!, k, v.cell, []));
        return;
      }
      if (!ref && !headed) {
        const single = format.tables.filter((t) => t.def.layout === 'single-row').flatMap((t) => t.blocks.map((b) => ({ t, b })));
        const fit = single.filter(({ b }) => b.rows.length * b.columns.length === values.length);
        if (fit.length === 1) {
          const { t, b } = fit[0]!;
          values.forEach((v, k) => assign({ table: t, block: b, row: Math.floor(k / b.columns.length) }, k % b.columns.length, v.cell, []));
          return;
        }
      }
      if (!numbers.length) return;
      const where = ref ? `${blockName(ref.table, ref.block)} · ${ref.block.rows[ref.row]!.label}` : '表格';
      if (headed) {
        const heads = [...new Set(hpaths.map((h) => h[h.length - 1]).filter((h): h is string => !!h))];
        const other = heads.map((h) => otherVersionLabel(allFormats(), format, h)).find(Boolean);
        const hint = other ? `；这是《${other.def.name}》的表头` : '';
        pending.push(`${where}：表头「${heads.join('、')}」无法对应官方格式的列，数值（${shown}）未导入${hint}`);
      } else if (ref) {
        pending.push(`${where}：原文有 ${values.length} 个数值（${shown}），与官方格式的 ${ref.block.columns.length} 列对不上，未导入`);
      } else {
        pending.push(`表格中一行没有行名的数值（${shown}）无法对应官方格式，未导入`);
      }
    };

    for (const row of grid.rows) {
      const cells = distinct(row);
      const kinds = cells.map((x) => readCellText(x.cell.text).kind);
      const labelCells = cells.filter((_, i) => kinds[i] === 'label');
      if (labelCells.length === 0 && kinds.every((k) => k === 'empty')) continue;
      const hasValue = kinds.some((k) => k === 'number' || k === 'placeholder' || k === 'na' || k === 'missing');
      if (!hasValue) {
        const title = labelCells.length === 1 ? bestMatch(labelCells[0]!.cell.text, idx.blockTitles) : undefined;
        if (title) {
          context = title.target;
          recognised = true;
          continue;
        }
        if (labelCells.every((x) => matches(x.cell.text, idx.ignored))) continue;
        const rowish = labelCells.some((x) => {
          const m = bestMatch(x.cell.text, idx.leafRows);
          return (m && m.target.table.def.layout === 'rows') || matches(x.cell.text, idx.rowGroups);
        });
        const headerish = labelCells.some((x) => matches(x.cell.text, idx.columnLabels));
        if (rowish && (kinds.includes('empty') || !headerish)) {
          lastWasData = true;
          dataRow(cells);
          continue;
        }
        if (lastWasData) header = [];
        header.push(row as GridCell[]);
        lastWasData = false;
        if (headerish) recognised = true;
        continue;
      }
      lastWasData = true;
      dataRow(cells);
    }
    for (const [key, nums] of strays) pending.push(`${key}下的 ${nums.length} 个数值（${nums.slice(0, 5).join('、')}${nums.length > 5 ? '…' : ''}）无法对应官方格式的列，未导入`);
    if (recognised) {
      statistical.add(grid);
      gaps.push(...pending);
    }
  }
  return { tables, gaps, statistical };
}

/** A label found on a page that belongs to another format version, for a pointed message. */
export function otherVersionLabel(formats: readonly CompiledFormat[], current: CompiledFormat, text: string): CompiledFormat | undefined {
  const n = normaliseLabel(text);
  for (const f of formats) {
    if (f.id === current.id) continue;
    const labels = f.tables.flatMap((t) => t.blocks.flatMap((b) => [...b.rows.map((r) => r.label), ...b.columns.map((c) => c.label)]));
    const own = current.tables.flatMap((t) => t.blocks.flatMap((b) => [...b.rows.map((r) => r.label), ...b.columns.map((c) => c.label)]));
    if (labels.some((l) => normaliseLabel(l) === n) && !own.some((l) => normaliseLabel(l) === n)) return f;
  }
  return undefined;
}

/**
 * True for a line that is only a piece of a statistics table: a label of the format (row, column, block title,
 * stub) or a run of numbers and placeholders. Plain-text copies of a page keep such lines where the table was.
 */
export function tableResidueTest(format: CompiledFormat): (text: string) => boolean {
  const idx = indexOf(format);
  const labels = [...idx.leafRows, ...idx.groupRows, ...idx.columnLabels, ...idx.blockTitles, ...idx.ignored.filter((c) => !format.def.sections.some((s) => s.heading === c.label))];
  return (text) => {
    const tokens = text.split(/[\s\u3000]+/).filter(Boolean);
    return tokens.length > 0 && tokens.every((t) => readCellText(t).kind !== 'label' || labels.some((c) => labelScore(t, c.label) >= 0.85));
  };
}
