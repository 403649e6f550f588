// Page models for the open data: the download links on each report page and the data page /data/, which
// documents every file, field and column from the same definitions that produce the files.
import type { SiteConfig } from '../model/types.ts';
import type { Crumb, PageHead } from '../site/pages.ts';
import { permalinkFor, urlFor } from '../site/paths.ts';
import { DATA_URL, FULL_CSV_FILE, REPORT_FILES, SCHEMA_FILE, WORKBOOK_FILE, dataFileUrl, reportFileUrl, yearCsvFile } from './files.ts';
import { balanceFacts, formatDifferences, formatTitle, formatsNewestFirst, totalFacts, unitFacts, type LabelDiff, type TotalFact, type UnitFact } from './format-facts.ts';
import { STATUS_TEXT, type CellStatus } from './records.ts';
import { reportDataSchema, type JsonSchema } from './schema.ts';
import { CELL_COLUMNS, REPORT_COLUMNS, type ExportReport } from './table-csv.ts';
import { SHEET_NOTE, sheetName } from './workbook.ts';
import { exportOrder } from './write.ts';

/** What the open-data pages need of the site's page models (the `nb` global data). */
export interface OpenDataNb {
  config: SiteConfig;
  reports: readonly ExportReport[];
  home: { head: PageHead; crumbs: Crumb[] };
}

export interface Download {
  url: string;
  label: string;
  /** MIME type, for the link's type attribute ('' for a page). */
  type: string;
  download: boolean;
}

const TYPES = { json: 'application/json', csv: 'text/csv', md: 'text/markdown', yml: 'application/yaml', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', schema: 'application/schema+json' };

/** The download links of one report page. */
export function reportDownloads(page: ExportReport): Download[] {
  const { office, report } = page;
  const url = (name: string) => reportFileUrl(office.id, report.year, name);
  const dataFile = report.dataFile;
  return [
    { url: url(REPORT_FILES.csv), label: '统计表数据（CSV，可用 Excel 打开）', type: TYPES.csv, download: true },
    { url: url(REPORT_FILES.json), label: '完整数据（JSON）', type: TYPES.json, download: false },
    { url: url(REPORT_FILES.source), label: '报告源文件（Markdown）', type: TYPES.md, download: true },
    ...(dataFile ? [{ url: url(REPORT_FILES.dataSource), label: '报告数据源文件（YAML）', type: TYPES.yml, download: true }] : []),
    { url: DATA_URL, label: '数据说明与全部数据下载', type: '', download: false },
  ];
}

export interface BulkFile extends Download {
  describe: string;
}

export interface StatusDoc {
  code: CellStatus;
  text: string;
}

export interface FieldDoc {
  path: string;
  type: string;
  describe: string;
}

export interface DataPage {
  url: string;
  permalink: string;
  head: PageHead;
  crumbs: Crumb[];
  hasDemo: boolean;
  reportCount: number;
  years: Array<BulkFile & { year: number; format: string; reports: number }>;
  bulk: BulkFile[];
  schema: BulkFile;
  perReport: Array<{ name: string; describe: string }>;
  exampleReport?: { url: string; title: string };
  csvColumns: Array<{ header: string; describe: string }>;
  statuses: Record<CellStatus, StatusDoc>;
  units: UnitFact[];
  totals: TotalFact[];
  balances: TotalFact[];
  formats: Array<{ id: string; title: string; tables: Array<{ key: string; caption: string; blocks: number; rows: number; columns: number; cells: number }> }>;
  differences: Array<{ table: string; items: LabelDiff[] }>;
  jsonFields: FieldDoc[];
  sheets: string[];
  sheetNote: string;
}

/** Documentation of data.json's fields, walked from the schema itself. */
export function schemaFields(schema: JsonSchema): FieldDoc[] {
  const defs = (schema.$defs ?? {}) as Record<string, JsonSchema>;
  const out: FieldDoc[] = [];
  const typeOf = (s: JsonSchema): string => {
    if (s.$ref) return '单元格';
    if ('const' in s) return JSON.stringify(s.const);
    if (s.enum) return (s.enum as unknown[]).map((e) => JSON.stringify(e)).join(' | ');
    const t = Array.isArray(s.type) ? (s.type as string[]).join(' | ') : String(s.type ?? '');
    return t;
  };
  const walk = (s: JsonSchema, at: string) => {
    if (s.$ref) {
      const d = defs[String(s.$ref).replace('#/$defs/', '')];
      if (d && at) out.push({ path: at, type: '单元格', describe: String(d.description ?? '') });
      return;
    }
    if (at && s.description) out.push({ path: at, type: typeOf(s), describe: String(s.description) });
    const props = s.properties as Record<string, JsonSchema> | undefined;
    if (props) for (const [k, v] of Object.entries(props)) walk(v, at ? `${at}.${k}` : k);
    if (s.items && typeof s.items === 'object') walk(s.items as JsonSchema, `${at}[]`);
  };
  walk(schema, '');
  return out;
}

const pages = new WeakMap<object, DataPage>();

/** The data page, computed once per build from the site's page models. */
export function dataPage(nb: OpenDataNb): DataPage {
  const cached = pages.get(nb);
  if (cached) return cached;
  const reports = exportOrder(nb.reports);
  const yearMap = new Map<number, { format: string; formatId: string; reports: number }>();
  for (const p of reports) {
    const y = yearMap.get(p.report.year) ?? { format: formatTitle(p.report.format), formatId: p.report.format.id, reports: 0 };
    y.reports++;
    yearMap.set(p.report.year, y);
  }
  const years = [...yearMap.entries()].map(([year, y]) => ({
    year,
    format: y.format,
    reports: y.reports,
    url: dataFileUrl(yearCsvFile(year, y.formatId)),
    label: `${year}年度（CSV）`,
    type: TYPES.csv,
    download: true,
    describe: `${year}年度全部 ${y.reports} 份报告的统计表，每个单元格一行`,
  }));
  const formats = formatsNewestFirst();
  const diffs = formatDifferences();
  const example = reports.find((p) => !p.demo) ?? reports[0];
  const schema: BulkFile = { url: dataFileUrl(SCHEMA_FILE), label: 'data.json 的结构说明（JSON Schema）', type: TYPES.schema, download: false, describe: '由格式定义生成：每个格式版本的表、项目、行、列和单元格的取值范围' };
  const page: DataPage = {
    url: DATA_URL,
    permalink: permalinkFor(DATA_URL),
    head: { title: `开放数据 - ${nb.config.name}`, metas: nb.home.head.metas },
    crumbs: [{ label: '首页', url: urlFor() }, { label: '开放数据' }],
    hasDemo: reports.some((p) => p.demo),
    reportCount: reports.length,
    years,
    bulk: [
      { url: dataFileUrl(FULL_CSV_FILE), label: '全部数据（CSV）', type: TYPES.csv, download: true, describe: `全部 ${reports.length} 份报告的统计表，每个单元格一行；列与每年的 CSV 相同` },
      { url: dataFileUrl(WORKBOOK_FILE), label: '全部数据（Excel 工作簿）', type: TYPES.xlsx, download: true, describe: '每个格式版本的每张表一个工作表，每份报告一行，表头与官方表格的标签逐字一致' },
      schema,
    ],
    schema,
    perReport: [
      { name: REPORT_FILES.json, describe: '完整的报告数据：机构、格式版本、信息公开元数据、正文（Markdown）和每张表的标签与单元格' },
      { name: REPORT_FILES.csv, describe: '本报告各表的每个单元格一行，列与下面的全部数据 CSV 相同' },
      { name: REPORT_FILES.source, describe: '提交的报告源文件，逐字节相同' },
      { name: REPORT_FILES.dataSource, describe: '报告数据单独存放在数据文件中时，提交的数据文件，逐字节相同' },
    ],
    exampleReport: example ? { url: example.url, title: example.report.meta.title } : undefined,
    csvColumns: [...REPORT_COLUMNS, ...CELL_COLUMNS].map((c) => ({ header: c.header, describe: c.describe })),
    statuses: Object.fromEntries((Object.keys(STATUS_TEXT) as CellStatus[]).map((code) => [code, { code, text: STATUS_TEXT[code] }])) as Record<CellStatus, StatusDoc>,
    units: unitFacts(),
    totals: totalFacts(),
    balances: balanceFacts(),
    formats: formats.map((f) => ({
      id: f.id,
      title: formatTitle(f),
      tables: f.tables.map((t) => ({
        key: t.key,
        caption: t.def.caption,
        blocks: t.blocks.length,
        rows: t.blocks.reduce((s, b) => s + b.rows.length, 0),
        columns: Math.max(...t.blocks.map((b) => b.columns.length)),
        cells: t.blocks.reduce((s, b) => s + b.rows.length * b.columns.length, 0),
      })),
    })),
    differences: [...new Set(diffs.map((d) => d.table))].map((table) => ({ table, items: diffs.filter((d) => d.table === table) })),
    jsonFields: schemaFields(reportDataSchema(nb.config)),
    sheets: formats.flatMap((f) => f.tables.map((t) => sheetName(f, t))),
    sheetNote: SHEET_NOTE,
  };
  pages.set(nb, page);
  return page;
}
