// Facts about the format versions that the open-data documentation states, derived from the definitions so that
// no label is written twice: examples, units, which labels one version has and another lacks, computed totals.
import { allFormats, yearsText, type CompiledFormat, type LeafColumn, type TableId, type ValueKind } from '../formats/index.ts';
import { PATH_SEPARATOR } from './records.ts';

/** Format versions, newest first. */
export const formatsNewestFirst = (): CompiledFormat[] => allFormats().sort((a, b) => b.def.years.from - a.def.years.from);

export const formatTitle = (f: CompiledFormat): string => `《${f.def.name}》（${f.def.issuedBy}，${yearsText(f.def)}）`;

const unique = <T>(xs: readonly T[]): T[] => [...new Set(xs)];
const join = (xs: readonly string[]): string => xs.join('、');

/** 表二、表三、表四 */
export const tableKeysText = (): string => join(unique(formatsNewestFirst().flatMap((f) => f.tables.map((t) => t.key))));

/** A block title, for examples (第二十条第（一）项). */
export function exampleBlockTitle(): string {
  for (const f of formatsNewestFirst()) for (const t of f.tables) for (const b of t.blocks) if (b.def.title) return b.def.title;
  return '';
}

/** The longest row label path, for examples. */
export function exampleRowPath(): string {
  let best: readonly string[] = [];
  for (const f of formatsNewestFirst()) for (const t of f.tables) for (const b of t.blocks) for (const r of b.rows) if (r.path.length > best.length) best = r.path;
  return best.join(PATH_SEPARATOR);
}

/** Tables that have titled blocks, and those that do not. */
export function blockTables(): { titled: string[]; plain: string[] } {
  const keys = unique(formatsNewestFirst().flatMap((f) => f.tables.map((t) => t.key)));
  const titled = keys.filter((k) => formatsNewestFirst().some((f) => f.tables.some((t) => t.key === k && t.blocks.some((b) => b.def.title))));
  return { titled, plain: keys.filter((k) => !titled.includes(k)) };
}

const KIND_TEXT: Record<ValueKind, string> = {
  count: '整数，不小于 0',
  signed: '整数，可以为负数（减少）',
  amount: '数值，可以有小数，不小于 0',
};

export interface UnitFact {
  /** The unit, or the units the source chooses from. */
  unit: string;
  kind: string;
  /** Where it applies: table key · column label (format versions). */
  columns: string[];
  /** The unit of every column not listed under another unit (the most common one): `columns` is not shown. */
  rest: boolean;
}

/** Each unit and value kind, and the columns that use it. */
export function unitFacts(): UnitFact[] {
  const facts = new Map<string, UnitFact>();
  const add = (unit: string, kind: ValueKind, where: string) => {
    const key = `${unit}\u001f${kind}`;
    if (!facts.has(key)) facts.set(key, { unit, kind: KIND_TEXT[kind], columns: [], rest: false });
    const f = facts.get(key)!;
    if (!f.columns.includes(where)) f.columns.push(where);
  };
  for (const f of formatsNewestFirst()) {
    for (const t of f.tables) {
      for (const b of t.blocks) {
        for (const c of b.columns) {
          const where = `${t.key} · ${c.label}（${yearsText(f.def)}）`;
          if (c.unit) add(c.unit, c.kind, where);
          else if (c.statedUnits) add(`${join(c.statedUnits)}（由报告写明）`, c.kind, where);
        }
      }
    }
  }
  const all = [...facts.values()];
  const most = all.reduce((a, b) => (b.columns.length > a.columns.length ? b : a), all[0]!);
  most.rest = true;
  return [most, ...all.filter((f) => f !== most)];
}

/** The units the formats fix (件, 万元). */
export const fixedUnits = (): string[] =>
  unique(formatsNewestFirst().flatMap((f) => f.tables.flatMap((t) => t.blocks.flatMap((b) => b.columns.flatMap((c) => (c.unit ? [c.unit] : []))))));

/** Columns whose unit the source states (2019 采购总金额). */
export const statedUnitColumns = (): LeafColumn[] =>
  formatsNewestFirst().flatMap((f) => f.tables.flatMap((t) => t.blocks.flatMap((b) => b.columns.filter((c) => c.statedUnits))));

export interface TotalFact {
  table: string;
  describe: string;
}

/** The totals nianbao computes when the source leaves them out, and checks when it gives them. */
export function totalFacts(): TotalFact[] {
  const seen = new Set<string>();
  const out: TotalFact[] = [];
  for (const f of formatsNewestFirst()) {
    for (const t of f.tables) {
      for (const r of t.rules) {
        if (r.def.type === 'balance' || seen.has(r.def.describe)) continue;
        seen.add(r.def.describe);
        out.push({ table: t.key, describe: r.def.describe });
      }
    }
  }
  return out;
}

/** The balance rules (checked, never used to fill a cell). */
export function balanceFacts(): TotalFact[] {
  const seen = new Set<string>();
  const out: TotalFact[] = [];
  for (const f of formatsNewestFirst())
    for (const t of f.tables)
      for (const r of t.rules)
        if (r.def.type === 'balance' && !seen.has(r.def.describe)) {
          seen.add(r.def.describe);
          out.push({ table: t.key, describe: r.def.describe });
        }
  return out;
}

export interface LabelDiff {
  table: string;
  what: '项目' | '行' | '列';
  /** Block title (if any) and the label path. */
  label: string;
  /** Versions that have it. */
  in: string[];
  /** Versions that lack it. */
  notIn: string[];
}

/** Blocks, rows and columns that some versions have and others do not, per table (in table order). */
export function formatDifferences(): LabelDiff[] {
  const formats = formatsNewestFirst();
  interface Item { table: string; section: number; block?: string; what: LabelDiff['what']; label: string; order: number; in: Set<string> }
  const items = new Map<string, Item>();
  let order = 0;
  const add = (f: CompiledFormat, t: CompiledFormat['tables'][number], block: string | undefined, what: LabelDiff['what'], label: string) => {
    const id = `${t.id}\u001f${what}\u001f${label}`;
    if (!items.has(id)) items.set(id, { table: t.key, section: t.def.section, block, what, label, order: order++, in: new Set() });
    items.get(id)!.in.add(f.id);
  };
  for (const f of formats) {
    for (const t of f.tables) {
      for (const b of t.blocks) {
        const title = b.def.title;
        const prefix = title ? `${title}${PATH_SEPARATOR}` : '';
        if (title) add(f, t, undefined, '项目', title);
        for (const r of b.rows) add(f, t, title, '行', prefix + r.path.join(PATH_SEPARATOR));
        for (const c of b.columns) add(f, t, title, '列', prefix + c.path.join(PATH_SEPARATOR));
      }
    }
  }
  const same = (a: Set<string>, b: Set<string>) => a.size === b.size && [...a].every((x) => b.has(x));
  const differing = [...items.values()].filter((i) => i.in.size < formats.length);
  // Rows and columns of a block that a version lacks altogether are implied by the block's own line.
  const implied = (i: Item) =>
    i.block !== undefined && differing.some((d) => d.what === '项目' && d.table === i.table && d.label === i.block && same(d.in, i.in));
  const name = (id: string) => formatTitle(formats.find((f) => f.id === id)!);
  return differing
    .filter((i) => !implied(i))
    .sort((a, b) => a.section - b.section || a.order - b.order)
    .map((i) => ({
      table: i.table,
      what: i.what,
      label: i.label,
      in: formats.filter((f) => i.in.has(f.id)).map((f) => name(f.id)),
      notIn: formats.filter((f) => !i.in.has(f.id)).map((f) => name(f.id)),
    }));
}
