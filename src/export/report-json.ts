// data.json: the canonical report as data — office, format version, metadata (the fields of model/fields.ts,
// under their model names), prose, and every table with its labels and cells. The JSON Schema in schema.ts
// describes exactly this shape.
import type { CompiledBlock, CompiledTable, ValueKind } from '../formats/index.ts';
import { OFFICE_FIELDS, REPORT_FIELDS, type FieldSpec } from '../model/fields.ts';
import type { BlockData, Cell, Report, SiteConfig, TableData } from '../model/types.ts';
import { absoluteUrl, dataFileUrl, reportFileUrl, REPORT_FILES, SCHEMA_FILE } from './files.ts';
import { unitOf } from './records.ts';
import type { ExportReport } from './table-csv.ts';

export const SCHEMA_VERSION = 1;

export type DocCell = { status: 'number'; value: number; computed: boolean } | { status: 'na' | 'missing'; computed: boolean };

export interface DocColumn {
  label: string;
  path: string[];
  kind: ValueKind;
  /** The column's unit: fixed by the format, or stated by the source; null when neither (table not published). */
  unit: string | null;
  /** Present when the source states the unit, choosing one of these. */
  statedUnits?: string[];
}

export interface DocRow {
  label: string;
  path: string[];
}

export interface DocBlock {
  title: string | null;
  stub: string | null;
  columns: DocColumn[];
  rows: DocRow[];
  /** cells[row][column]; only in published tables. */
  cells?: DocCell[][];
}

interface DocTableBase {
  id: string;
  key: string;
  section: number;
  caption: string;
  blocks: DocBlock[];
}

export type DocTable = (DocTableBase & { status: 'published' }) | (DocTableBase & { status: 'unpublished'; reason: string });

export interface ReportDocument {
  $schema: string;
  schemaVersion: number;
  url: string;
  files: { json: string; csv: string; source: string; dataSource?: string };
  demo: boolean;
  office: Record<string, unknown>;
  region: { id: string; name: string | null };
  format: { id: string; name: string; issuedBy: string; years: { from: number; to: number | null } };
  report: Record<string, unknown>;
  sections: Array<{ number: number; heading: string; markdown: string }>;
  tables: DocTable[];
}

/** Values of model fields under their model names, following the specs (groups and lists recursively). */
export function pickFields(specs: readonly FieldSpec[], get: (prop: string) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const spec of specs) {
    const v = get(spec.prop);
    if (v === undefined) continue;
    if (spec.kind === 'group' && spec.fields) {
      const g = v as Record<string, unknown>;
      out[spec.prop] = pickFields(spec.fields, (p) => g[p]);
    } else if (spec.kind === 'list' && spec.fields) {
      out[spec.prop] = (v as Record<string, unknown>[]).map((item) => pickFields(spec.fields!, (p) => item[p]));
    } else out[spec.prop] = v;
  }
  return out;
}

/** The report's metadata fields: from the model's meta, or the report itself (year, revisions, waivers). */
export function reportFieldValue(report: Report, prop: string): unknown {
  const meta = report.meta as unknown as Record<string, unknown>;
  return prop in meta ? meta[prop] : (report as unknown as Record<string, unknown>)[prop];
}

export function docCell(c: Cell): DocCell {
  return c.status === 'number' ? { status: 'number', value: c.value, computed: c.computed } : { status: c.status, computed: c.computed };
}

function docBlock(block: CompiledBlock, data: BlockData | undefined): DocBlock {
  return {
    title: block.def.title ?? null,
    stub: block.def.stub ?? null,
    columns: block.columns.map((c) => ({
      label: c.label,
      path: [...c.path],
      kind: c.kind,
      unit: unitOf(c, data),
      ...(c.statedUnits ? { statedUnits: [...c.statedUnits] } : {}),
    })),
    rows: block.rows.map((r) => ({ label: r.label, path: [...r.path] })),
    ...(data ? { cells: data.cells.map((row) => row.map(docCell)) } : {}),
  };
}

export function docTable(t: CompiledTable, data: TableData): DocTable {
  const base = { id: t.id, key: t.key, section: t.def.section, caption: t.def.caption };
  if (data.status === 'unpublished') return { ...base, status: 'unpublished', reason: data.reason, blocks: t.blocks.map((b) => docBlock(b, undefined)) };
  return { ...base, status: 'published', blocks: t.blocks.map((b) => docBlock(b, data.blocks[b.index])) };
}

export function reportDocument(page: ExportReport, config: SiteConfig): ReportDocument {
  const { report, office } = page;
  const f = report.format;
  const file = (name: string) => absoluteUrl(config, reportFileUrl(office.id, report.year, name));
  const dataFile = report.dataFile;
  return {
    $schema: absoluteUrl(config, dataFileUrl(SCHEMA_FILE)),
    schemaVersion: SCHEMA_VERSION,
    url: absoluteUrl(config, page.url),
    files: {
      json: file(REPORT_FILES.json),
      csv: file(REPORT_FILES.csv),
      source: file(REPORT_FILES.source),
      ...(dataFile ? { dataSource: file(REPORT_FILES.dataSource) } : {}),
    },
    demo: page.demo,
    office: { id: office.id, ...pickFields(OFFICE_FIELDS, (p) => (office as unknown as Record<string, unknown>)[p]) },
    region: { id: office.region, name: page.region?.name ?? null },
    format: { id: f.id, name: f.def.name, issuedBy: f.def.issuedBy, years: { from: f.def.years.from, to: f.def.years.to ?? null } },
    report: pickFields(REPORT_FIELDS, (p) => reportFieldValue(report, p)),
    sections: report.sections.map((s) => ({ number: s.number, heading: s.heading, markdown: s.markdown })),
    tables: f.tables.map((t) => docTable(t, report.tables[t.id])),
  };
}
