// Writes a report source file from values, in the shape the loader reads: every table in its official layout with
// the Chinese labels visible. Used by the demo generator, `nianbao new` and `nianbao import`, so that the file an
// editor starts from is exactly the file the checker expects.
import { type CompiledFormat, type CompiledTable, type TableId } from '../formats/index.ts';
import type { RowDef } from '../formats/types.ts';
import { REPORT_FIELDS } from '../model/fields.ts';
import { COLUMNS_KEY, MISSING, NOT_APPLICABLE, UNPUBLISHED, unitKey } from '../load/tables.ts';

/**
 * The word `nianbao new` writes in every cell and field still to be filled in. The checker refuses it (it is neither
 * a number nor 不适用/缺失), so a report cannot be published with a cell nobody filled: blank is not zero.
 */
export const TO_FILL = '待填';

/** A cell as written: a number, 不适用 or 缺失 (or 待填 in a new report's skeleton). */
export type SourceValue = number | typeof NOT_APPLICABLE | typeof MISSING | typeof TO_FILL;

export type SourceTable =
  | { unpublished: string }
  | {
      /** values[block][row][column], leaf indices of the format. */
      values: SourceValue[][][];
      statedUnits?: Record<number, string>[];
      /** Leave out the derived totals (总计 columns and rows) so that they are computed. */
      omitTotals?: boolean;
      /** A YAML comment at the end of a row's line: rowNotes[block][row]. */
      rowNotes?: Record<number, Record<number, string>>;
    };

export interface SourceReport {
  format: CompiledFormat;
  /** Report fields by their model prop (year, title, published, …), see model/fields.ts. */
  meta: Record<string, unknown>;
  tables: Record<TableId, SourceTable>;
  /** Prose per section number 1–6 (Markdown, without the heading). */
  prose: Record<number, string>;
  /** YAML comment lines put before the tables (e.g. what an import could not read). */
  notes?: string[];
  /** YAML comment lines right after the opening --- (where the file came from). */
  headerNotes?: string[];
  /** YAML comment lines before a field, by its model prop; written even when the field itself is left out. */
  fieldNotes?: Record<string, string[]>;
  /** YAML comment lines before a table, after its caption line. */
  tableNotes?: Partial<Record<TableId, string[]>>;
}

const RESERVED = new Set(['true', 'false', 'null', '~', 'yes', 'no', 'on', 'off']);

/** A YAML scalar: plain when that reads back as the same string, double-quoted otherwise. */
export function yamlString(s: string): string {
  const plain =
    s !== '' &&
    !/[:#,[\]{}&*!|>'"%@`\\]/.test(s) &&
    !/^[\s\-?]/.test(s) &&
    !/\s$/.test(s) &&
    Number.isNaN(Number(s)) &&
    !RESERVED.has(s.toLowerCase()) &&
    !/^\d{4}-\d{2}-\d{2}/.test(s);
  return plain ? s : JSON.stringify(s);
}

const value = (v: SourceValue): string => (typeof v === 'number' ? String(v) : v);
/** A comment is one line: newlines in a note would end it and start YAML. */
const comment = (s: string): string => `# ${s.replace(/[\r\n]+/g, ' ')}`;
const list = (items: string[]): string => `[${items.join(', ')}]`;

function writeRows(rows: readonly RowDef[], indent: string, leaf: (label: string, path: string[]) => string | undefined, path: string[] = []): string[] {
  const out: string[] = [];
  for (const r of rows) {
    if (r.children) {
      out.push(`${indent}${yamlString(r.label)}:`);
      out.push(...writeRows(r.children, `${indent}  `, leaf, [...path, r.label]));
    } else {
      const v = leaf(r.label, [...path, r.label]);
      if (v !== undefined) out.push(`${indent}${yamlString(r.label)}: ${v}`);
    }
  }
  return out;
}

function writeTable(t: CompiledTable, data: SourceTable): string[] {
  if ('unpublished' in data) return [`${t.key}:`, `  ${UNPUBLISHED}: ${yamlString(data.unpublished)}`];
  const out = [`${t.key}:`];
  const titled = t.blocks.length > 1 || !!t.blocks[0]!.def.title;
  t.blocks.forEach((b, bi) => {
    const indent = titled ? '    ' : '  ';
    if (titled) out.push(`  ${yamlString(b.def.title!)}:`);
    const derivedCols = data.omitTotals ? (t.derivedColumns.get(bi) ?? new Set<number>()) : new Set<number>();
    const derivedRows = data.omitTotals ? (t.derivedRows.get(bi) ?? new Set<number>()) : new Set<number>();
    const cols = b.columns.filter((c) => !derivedCols.has(c.index));
    out.push(`${indent}${COLUMNS_KEY}: ${list(cols.map((c) => yamlString(c.label)))}`);
    for (const c of b.columns) {
      if (c.statedUnits) out.push(`${indent}${unitKey(c.label)}: ${data.statedUnits?.[bi]?.[c.index] ?? c.statedUnits[0]}`);
    }
    out.push(
      ...writeRows(b.def.rows, indent, (_label, path) => {
        const row = b.rows.find((r) => r.path.join('\u001f') === path.join('\u001f'))!;
        if (derivedRows.has(row.index)) return undefined;
        const note = data.rowNotes?.[bi]?.[row.index];
        return list(cols.map((c) => value(data.values[bi]![row.index]![c.index]!))) + (note ? `  ${comment(note)}` : '');
      }),
    );
  });
  return out;
}

/** The complete source text of a report. */
export function writeReportSource(r: SourceReport): string {
  const lines = ['---'];
  for (const n of r.headerNotes ?? []) lines.push(comment(n));
  for (const spec of REPORT_FIELDS) {
    for (const n of r.fieldNotes?.[spec.prop] ?? []) lines.push(comment(n));
    const v = r.meta[spec.prop];
    if (v === undefined) continue;
    if (spec.kind === 'list') {
      const items = v as Record<string, unknown>[];
      if (!items.length) continue;
      lines.push(`${spec.key}:`);
      for (const item of items) {
        spec.fields!.forEach((f, k) => lines.push(`${k === 0 ? '  - ' : '    '}${f.key}: ${yamlString(String(item[f.prop]))}`));
      }
    } else if (spec.kind === 'year') lines.push(`${spec.key}: ${String(v)}`);
    else if (spec.kind === 'date') lines.push(`${spec.key}: ${String(v)}`);
    else if (spec.kind === 'code') lines.push(`${spec.key}: ${JSON.stringify(String(v))}`);
    else lines.push(`${spec.key}: ${yamlString(String(v))}`);
  }
  for (const n of r.notes ?? []) lines.push(comment(n));
  for (const t of r.format.tables) {
    lines.push(`# ${t.def.caption}（${NOT_APPLICABLE}、${MISSING}须明确写出，空白不等于 0）`);
    for (const n of r.tableNotes?.[t.id] ?? []) lines.push(comment(n));
    lines.push(...writeTable(t, r.tables[t.id]));
  }
  lines.push('---', '');
  for (const s of r.format.def.sections) {
    lines.push(`## ${s.heading}`, '');
    const prose = r.prose[s.number]?.trim();
    if (prose) lines.push(prose, '');
  }
  return lines.join('\n');
}
