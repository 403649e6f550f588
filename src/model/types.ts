// The loaded, validated model that every output (pages, exports, checks) reads.
import type { CompiledFormat, TableId } from '../formats/index.ts';
import type { Diagnostic, Pos } from '../load/diagnostics.ts';

/**
 * One table cell. Blank is not zero: a number, 不适用 (does not apply), 缺失 (not known), or — only for totals the
 * source left out and that cannot be computed — absent.
 */
export type Cell =
  | { status: 'number'; value: number; computed: boolean; pos?: Pos }
  | { status: 'na'; computed: boolean; pos?: Pos }
  | { status: 'missing'; computed: boolean; pos?: Pos };

export interface BlockData {
  /** cells[row][column], by the leaf indices of the format's block. */
  cells: Cell[][];
  /** Units the source stated for columns whose unit the format leaves open (2019 采购总金额). */
  statedUnits: Record<number, string>;
}

export type TableData =
  | { status: 'published'; blocks: BlockData[]; pos?: Pos }
  | { status: 'unpublished'; reason: string; pos?: Pos };

export interface Section {
  number: number;
  heading: string;
  /** Markdown source of the prose under the heading (may be empty for 二–四). */
  markdown: string;
  html: string;
  /** File line of the heading, and of the first line of `markdown`. */
  line: number;
  markdownLine: number;
}

/** An editor's written acceptance of a warning (never an error); published as a footnote on the report page. */
export interface Waiver {
  rule: string;
  reason: string;
}

export interface Revision {
  date: string;
  reason: string;
}

export interface ReportMeta {
  title: string;
  publisher: string;
  /** null: the source says it is not known (缺失). */
  published: string | null;
  written?: string;
  indexNo?: string;
  docNo?: string;
  topic: string;
}

export interface Report {
  officeId: string;
  year: number;
  /** Path of the source, relative to the project (reports/<office>/<year>.md). */
  file: string;
  /** Path of the data file when the data sits beside the prose (reports/<office>/<year>.yml). */
  dataFile?: string;
  format: CompiledFormat;
  meta: ReportMeta;
  tables: Record<TableId, TableData>;
  sections: Section[];
  revisions: Revision[];
  waivers: Waiver[];
  /** Warnings the checks found (filled after all reports are loaded); waived ones carry their reason. */
  warnings: Diagnostic[];
  /**
   * A hash of the committed source file's bytes as checked (bytesHash): the file is published beside the report,
   * and must still be what the build checked. The text itself is not kept.
   */
  sourceHash: string;
  /** The same for the data file, when the data sits in <year>.yml. */
  dataSourceHash?: string;
}

export interface Contact {
  phone?: string;
  address?: string;
  postcode?: string;
  email?: string;
}

export interface Office {
  id: string;
  file: string;
  name: string;
  shortName: string;
  region: string;
  parent?: string;
  level: string;
  type: string;
  contact: Contact;
}

export interface Region {
  id: string;
  name: string;
  parent?: string;
  /** Fictional data: every page that shows it says 演示数据. */
  demo: boolean;
}

export interface SiteConfig {
  name: string;
  domain: string;
  idCode: string;
  sponsor: string;
  icp?: string;
  icpUrl: string;
  police?: string;
  policeUrl?: string;
  contact?: string;
  pathPrefix: string;
}

export interface SiteData {
  config: SiteConfig;
  regions: Region[];
  offices: Office[];
  /** Sorted by office id, then year. */
  reports: Report[];
  /** Set when only one region's reports were loaded (`--shard`): the region's id. See docs/scaling.md. */
  shard?: string;
}
