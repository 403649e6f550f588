// Open data through the real path: content → loader → Eleventy build → files in the output, read back with
// independent parsers (an RFC 4180 reader below, cheerio for the pages, ajv for the schema, exceljs for the
// workbook) and checked against the report pages and the loader.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { load as loadHtml } from 'cheerio';
import ExcelJS from 'exceljs';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../src/cli/build.ts';
import { outputPath } from '../../src/export/files.ts';
import { reportDataFiles, writeBulkData } from '../../src/export/write.ts';
import { formatById, formatForYear, yearsText, type CompiledTable, type TableId } from '../../src/formats/index.ts';
import { loadReport } from '../../src/load/report.ts';
import { defaultPaths, loadSiteOrThrow } from '../../src/load/site.ts';
import { isDemoRegion } from '../../src/site/pages.ts';
import { reportUrl } from '../../src/site/paths.ts';
import { MISSING, NOT_APPLICABLE } from '../../src/load/tables.ts';
import { REPORT_FIELDS } from '../../src/model/fields.ts';
import type { Office, Report } from '../../src/model/types.ts';
import { writeReportSource, type SourceReport, type SourceTable } from '../../src/write/source.ts';
import { makeContent, REPO, reportSource } from '../helpers/content.ts';

// ---------------------------------------------------------------------------------------------------------------
// Readers, written independently of src/export.

/** RFC 4180: fields separated by commas, records by CRLF, quoted fields may hold anything with "" for a quote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field: string;
    if (text[i] === '"') {
      field = '';
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Error('unterminated quote');
        field += text.slice(i, q);
        i = q + 1;
        if (text[i] !== '"') break;
        field += '"';
        i++;
      }
    } else {
      const end = /[,\r\n"]/g;
      end.lastIndex = i;
      const m = end.exec(text);
      const stop = m ? m.index : text.length;
      if (m && m[0] === '"') throw new Error('quote inside an unquoted field');
      field = text.slice(i, stop);
      i = stop;
    }
    row.push(field);
    if (text[i] === ',') i++;
    else if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else throw new Error(`bad character after a field at ${i}`);
  }
  if (row.length) throw new Error('last record lacks its CRLF');
  return rows;
}

interface CsvFile {
  raw: string;
  header: string[];
  records: Record<string, string>[];
}

const csvCache = new Map<string, CsvFile>();
function readCsv(file: string): CsvFile {
  const cached = csvCache.get(file);
  if (cached) return cached;
  const bytes = readFileSync(file);
  expect([...bytes.subarray(0, 3)], `${file} starts with a BOM`).toEqual([0xef, 0xbb, 0xbf]);
  const raw = bytes.toString('utf8').slice(1);
  expect(raw.replace(/\r\n/g, ''), `${file}: only CRLF line ends`).not.toMatch(/[\r\n]/);
  // Numbers are never quoted.
  expect(raw).not.toMatch(/(^|,)"-?\d+(\.\d+)?"(,|\r\n)/);
  const [header, ...rows] = parseCsv(raw);
  for (const r of rows) expect(r.length).toBe(header!.length);
  const parsed = { raw, header: header!, records: rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!]))) };
  csvCache.set(file, parsed);
  return parsed;
}

const cellKey = (table: string, block: string | undefined, rowPath: readonly string[], col: string) => `${table}|${block ?? ''}|${rowPath.join(' › ')}|${col}`;

interface PageCell {
  text: string;
  computed: boolean;
}

/** For each table, the cell key by the sorted labels that head the cell (block title, row path, column path). */
const headedBy = new Map<CompiledTable, Map<string, string>>();
function cellsByHeaders(t: CompiledTable): Map<string, string> {
  let m = headedBy.get(t);
  if (!m) {
    m = new Map();
    for (const b of t.blocks) {
      for (const r of b.rows) {
        for (const c of b.columns) m.set([...(b.def.title ? [b.def.title] : []), ...r.path, ...c.path].sort().join('|'), cellKey(t.key, b.def.title, r.path, c.label));
      }
    }
    headedBy.set(t, m);
  }
  return m;
}

/** Every data cell of a report page's tables, by its labels; and which tables show a not-published notice. */
function pageTables(file: string, tables: readonly CompiledTable[]): { cells: Map<string, PageCell>; unpublished: string[] } {
  const $ = loadHtml(readFileSync(file, 'utf8'));
  // Header texts by id (as in report-page.test.ts: the stated-unit note is not part of the label).
  const headerText = new Map<string, string>();
  $('th[id]').each((_, th) => {
    headerText.set($(th).attr('id')!, $(th).clone().children('.unit').remove().end().text().trim());
  });
  const cells = new Map<string, PageCell>();
  const unpublished: string[] = [];
  for (const t of tables) {
    const table = $(`#t${t.def.section}`);
    if (!table.length) {
      expect($(`#s${t.def.section}`).closest('section').find('.notice').text()).toContain('本表未发布');
      unpublished.push(t.key);
      continue;
    }
    const byHeaders = cellsByHeaders(t);
    table.find('td').each((_, td) => {
      const names = ($(td).attr('headers') ?? '').split(' ').map((id) => headerText.get(id) ?? `?${id}`);
      // A block's title heads its cells, either as a header cell or as the caption of the block's own table.
      const caption = $(td).closest('table').children('caption').text().trim();
      for (const bl of t.blocks) if (bl.def.title && caption === bl.def.title && !names.includes(caption)) names.push(caption);
      const found = byHeaders.get(names.sort().join('|'));
      expect(found, `${file}: a cell headed ${names.join(' / ')}`).toBeTruthy();
      expect(cells.has(found!)).toBe(false);
      cells.set(found!, { text: $(td).text(), computed: $(td).hasClass('computed') });
    });
  }
  return { cells, unpublished };
}

// ---------------------------------------------------------------------------------------------------------------
// data.json as the tests read it.

interface JsonCell {
  status: 'number' | 'na' | 'missing';
  value?: number;
  computed: boolean;
}
interface JsonBlock {
  title: string | null;
  columns: Array<{ label: string; path: string[]; unit: string | null; statedUnits?: string[] }>;
  rows: Array<{ label: string; path: string[] }>;
  cells?: JsonCell[][];
}
interface JsonTable {
  id: TableId;
  key: string;
  status: 'published' | 'unpublished';
  reason?: string;
  blocks: JsonBlock[];
}
interface JsonDoc {
  url: string;
  files: { json: string; csv: string; source: string; dataSource?: string };
  demo: boolean;
  office: Office;
  region: { id: string; name: string };
  format: { id: string };
  report: Record<string, unknown>;
  sections: Array<{ number: number; heading: string; markdown: string }>;
  tables: JsonTable[];
}

/** The report rebuilt as a source file from data.json alone. */
function sourceFromJson(doc: JsonDoc): { text: string; mixed: Set<string> } {
  const format = formatById(doc.format.id)!;
  const tables = {} as SourceReport['tables'];
  const mixed = new Set<string>();
  for (const t of doc.tables) {
    if (t.status === 'unpublished') {
      tables[t.id] = { unpublished: t.reason! };
      continue;
    }
    const ct = format.table(t.id);
    // Totals the source left out are written left out again, so that they are computed again.
    let derived = 0;
    let computed = 0;
    t.blocks.forEach((b, bi) =>
      b.cells!.forEach((row, ri) =>
        row.forEach((c, ci) => {
          if (ct.derivedColumns.get(bi)?.has(ci) || ct.derivedRows.get(bi)?.has(ri)) {
            derived++;
            if (c.computed) computed++;
          }
        }),
      ),
    );
    // Some totals given and some computed cannot be written back (the writer leaves out all or none).
    if (computed > 0 && computed < derived) mixed.add(t.id);
    tables[t.id] = {
      values: t.blocks.map((b) => b.cells!.map((row) => row.map((c) => (c.status === 'number' ? c.value! : c.status === 'na' ? NOT_APPLICABLE : MISSING)))),
      statedUnits: t.blocks.map((b) => Object.fromEntries(b.columns.flatMap((c, i) => (c.statedUnits ? [[i, c.unit!]] : [])))),
      omitTotals: computed > 0 && computed === derived,
    } as SourceTable;
  }
  const meta = { ...doc.report, published: doc.report.published ?? MISSING };
  const prose = Object.fromEntries(doc.sections.map((s) => [s.number, s.markdown]));
  return { text: writeReportSource({ format, meta, tables, prose }), mixed };
}

function reportFieldValue(report: Report, prop: string): unknown {
  const meta = report.meta as unknown as Record<string, unknown>;
  return prop in meta ? meta[prop] : (report as unknown as Record<string, unknown>)[prop];
}

// ---------------------------------------------------------------------------------------------------------------
// The builds: the bundled content, and a small tree with the cases the bundle lacks.

interface Built {
  name: string;
  root: string;
  out: string;
}

const builds: Built[] = [];

function fixtureContent(): string {
  const f2019 = formatForYear(2020)!;
  const purchase = f2019.table('二').blocks.find((b) => b.columns.some((c) => c.statedUnits))!;
  const amount = purchase.columns.find((c) => c.statedUnits)!;
  const t3 = f2019.table('三').blocks[0]!;
  const y2020 = reportSource(2020, {
    omitTotals: true,
    edit: (s) => {
      const t2 = s.tables['二'] as { values: (number | string)[][][]; statedUnits?: Record<number, string>[] };
      t2.values[purchase.index]![0]![amount.index] = 1234.56;
      t2.statedUnits = f2019.table('二').blocks.map((b) => (b === purchase ? { [amount.index]: amount.statedUnits![1]! } : {}));
      const v3 = (s.tables['三'] as { values: (number | string)[][][] }).values[0]!;
      v3[t3.rows.find((r) => r.path.length === 3)!.index]![1] = MISSING;
      s.tables['四'] = { unpublished: '原文未附此表' };
      s.meta.published = MISSING;
    },
  });
  const y2022 = reportSource(2022, {
    edit: (s) => {
      const t2 = s.tables['二'] as { values: (number | string)[][][] };
      t2.values[0]![0] = [NOT_APPLICABLE, NOT_APPLICABLE, NOT_APPLICABLE];
      t2.values[3]![0] = [12.5];
      s.meta.revisions = [{ date: '2023-02-01', reason: '更正表二数据，"行政许可"一行' }];
      s.meta.docNo = '测办〔2023〕1号';
    },
  });
  // Data beside the prose: 2021.yml holds what the front matter would, 2021.md only the sections.
  const y2021 = reportSource(2021);
  const end = y2021.indexOf('\n---\n', 4);
  const dir = makeContent(
    {
      'q-office/2021.yml': y2021.slice(4, end + 1),
      'q-office/2021.md': y2021.slice(end + 5),
      // Saved on Windows: BOM and CRLF, published byte for byte.
      'q-office/2020.md': Buffer.from(`\uFEFF${y2020.replace(/\n/g, '\r\n')}`, 'utf8'),
      'q-office/2022.md': y2022,
      'q-office/office.yml': `全称: '测试市"开放,数据"办公室'\n地区: t-region\n层级: 地市级\n类型: 政府部门\n`,
    },
    false,
  );
  return dir;
}

beforeAll(async () => {
  for (const [name, root] of [
    ['bundled content', REPO],
    ['edge cases', fixtureContent()],
  ] as const) {
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'nianbao-open-')), '_site');
    await buildSite({ root, output: out });
    builds.push({ name, root, out });
  }
});

interface ReportFiles {
  officeId: string;
  year: number;
  dir: string;
}

function reportsOf(b: Built): ReportFiles[] {
  const out: ReportFiles[] = [];
  const reports = path.join(b.out, 'reports');
  const dirs = (d: string) => readdirSync(d, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  for (const officeId of dirs(reports)) {
    for (const y of dirs(path.join(reports, officeId))) {
      if (/^\d{4}$/.test(y)) out.push({ officeId, year: Number(y), dir: path.join(reports, officeId, y) });
    }
  }
  return out;
}

const json = (r: ReportFiles): JsonDoc => JSON.parse(readFileSync(path.join(r.dir, 'data.json'), 'utf8')) as JsonDoc;

describe.each([0, 1])('open data of build %i', (i) => {
  const b = () => builds[i]!;

  it('has data.json, data.csv and the committed source beside every report page, byte for byte', () => {
    const reports = reportsOf(b());
    expect(reports.length).toBeGreaterThan(i === 0 ? 100 : 1);
    let dataBeside = 0;
    for (const r of reports) {
      for (const f of ['index.html', 'data.json', 'data.csv', 'source.md']) expect(existsSync(path.join(r.dir, f)), `${r.dir}/${f}`).toBe(true);
      const committed = readFileSync(path.join(b().root, 'reports', r.officeId, `${r.year}.md`));
      expect(readFileSync(path.join(r.dir, 'source.md')).equals(committed), `${r.officeId}/${r.year}`).toBe(true);
      // The data file too, when the data sits beside the prose.
      const data = path.join(b().root, 'reports', r.officeId, `${r.year}.yml`);
      expect(existsSync(path.join(r.dir, 'source.yml'))).toBe(existsSync(data));
      if (existsSync(data)) {
        expect(readFileSync(path.join(r.dir, 'source.yml')).equals(readFileSync(data))).toBe(true);
        expect(json(r).files).toHaveProperty('dataSource');
        dataBeside++;
      }
    }
    if (i === 1) expect(dataBeside).toBe(1);
  });

  it('is what reportDataFiles gives for each report and writeBulkData for the site, byte for byte', async () => {
    // The two halves of the open data, as a build that writes report pages elsewhere (worker threads, shards)
    // would call them, from the site loaded again.
    const site = loadSiteOrThrow(defaultPaths(b().root));
    const pages = site.reports.map((report) => {
      const office = site.offices.find((o) => o.id === report.officeId)!;
      const region = site.regions.find((r) => r.id === office.region);
      return { report, office, region, demo: isDemoRegion(site.regions, office.region), url: reportUrl(office.id, report.year) };
    });
    let files = 0;
    for (const page of pages) {
      for (const f of reportDataFiles(page, site.config, b().root)) {
        expect(readFileSync(outputPath(b().out, f.url)).equals(Buffer.from(f.data)), f.url).toBe(true);
        files++;
      }
    }
    expect(files).toBe(reportsOf(b()).reduce((n, r) => n + readdirSync(r.dir).filter((x) => /^(data|source)\./.test(x)).length, 0));
    const bulk = mkdtempSync(path.join(os.tmpdir(), 'nianbao-bulk-'));
    await writeBulkData(bulk, { config: site.config, reports: pages });
    const built = readdirSync(path.join(b().out, 'data')).filter((x) => x !== 'index.html').sort();
    expect(readdirSync(path.join(bulk, 'data')).sort()).toEqual(built);
    for (const x of built) expect(readFileSync(path.join(bulk, 'data', x)).equals(readFileSync(path.join(b().out, 'data', x))), x).toBe(true);
  });

  it('reproduces the tables on each page from its data.csv, cell for cell', () => {
    for (const r of reportsOf(b())) {
      const doc = json(r);
      const format = formatById(doc.format.id)!;
      const csv = readCsv(path.join(r.dir, 'data.csv'));
      const page = pageTables(path.join(r.dir, 'index.html'), format.tables);
      const byKey = new Map(csv.records.map((c) => [cellKey(c['表']!, c['项目'] || undefined, c['行']!.split(' › '), c['列']!), c]));
      // One line per cell of the format, every line about this report.
      const cellCount = format.tables.reduce((s, t) => s + t.blocks.reduce((n, bl) => n + bl.rows.length * bl.columns.length, 0), 0);
      expect(csv.records).toHaveLength(cellCount);
      expect(byKey.size).toBe(cellCount);
      for (const c of csv.records) {
        expect([c['机构代号'], c['年度'], c['格式版本'], c['机构名称'], c['地区']]).toEqual([r.officeId, String(r.year), format.id, doc.office.name, doc.region.name]);
        expect(c['演示数据']).toBe(doc.demo ? '是' : '否');
      }
      for (const [key, cell] of page.cells) {
        const c = byKey.get(key)!;
        expect(c, key).toBeTruthy();
        const shown = c['状态'] === '数值' ? c['数值'] : c['状态'];
        expect(shown, `${r.officeId}/${r.year} ${key}`).toBe(cell.text);
        if (c['状态'] !== '数值') expect(c['数值']).toBe('');
        expect(c['系统计算'] === '是', key).toBe(cell.computed);
      }
      // A table the page says is not published is 未发布 in every line, never a number.
      for (const t of format.tables) {
        const lines = csv.records.filter((c) => c['表'] === t.key);
        if (page.unpublished.includes(t.key)) for (const c of lines) expect([c['状态'], c['数值']]).toEqual(['未发布', '']);
        else expect(lines.filter((c) => page.cells.has(cellKey(c['表']!, c['项目'] || undefined, c['行']!.split(' › '), c['列']!)))).toHaveLength(lines.length);
      }
    }
  });

  it('publishes data.json valid against the published schema, agreeing with data.csv', () => {
    const schema = JSON.parse(readFileSync(path.join(b().out, 'data', 'report-data.schema.json'), 'utf8')) as object;
    const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);
    for (const r of reportsOf(b())) {
      const doc = json(r);
      expect(validate(doc), `${r.officeId}/${r.year}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
      const csv = readCsv(path.join(r.dir, 'data.csv')).records;
      let k = 0;
      for (const t of doc.tables) {
        for (const bl of t.blocks) {
          bl.rows.forEach((row, ri) =>
            bl.columns.forEach((col, ci) => {
              const c = csv[k++]!;
              expect(cellKey(c['表']!, c['项目'] || undefined, c['行']!.split(' › '), c['列']!)).toBe(cellKey(t.key, bl.title ?? undefined, row.path, col.label));
              expect(c['单位']).toBe(col.unit ?? '');
              const cell = bl.cells?.[ri]![ci];
              if (!cell) expect(c['状态']).toBe('未发布');
              else expect([c['状态'], c['数值'] === '' ? undefined : Number(c['数值']), c['系统计算']]).toEqual([{ number: '数值', na: '不适用', missing: '缺失' }[cell.status], cell.value, cell.computed ? '是' : '否']);
            }),
          );
        }
      }
    }
  });

  it('loads back from data.json as the same report', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'nianbao-roundtrip-'));
    const contentRoot = path.join(dir, 'reports');
    for (const r of reportsOf(b())) {
      const doc = json(r);
      const { text, mixed } = sourceFromJson(doc);
      const file = path.join(contentRoot, r.officeId, `${r.year}.md`);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text);
      const office = { ...doc.office, file: '' } as Office;
      const loaded = loadReport(file, dir, contentRoot, office);
      expect(loaded.diagnostics.items.filter((d) => d.severity === 'error'), `${r.officeId}/${r.year}`).toEqual([]);
      const report = loaded.value!;
      for (const spec of REPORT_FIELDS) expect(reportFieldValue(report, spec.prop) ?? null, spec.key).toEqual(doc.report[spec.prop] ?? null);
      expect(report.sections.map((s) => [s.number, s.heading, s.markdown.trim()])).toEqual(doc.sections.map((s) => [s.number, s.heading, s.markdown.trim()]));
      for (const t of doc.tables) {
        const data = report.tables[t.id];
        expect(data.status).toBe(t.status);
        if (data.status === 'unpublished') {
          expect(data.reason).toBe(t.reason);
          continue;
        }
        t.blocks.forEach((bl, bi) => {
          const got = data.blocks[bi]!;
          bl.columns.forEach((c, ci) => {
            if (c.statedUnits) expect(got.statedUnits[ci]).toBe(c.unit);
          });
          const strip = (c: JsonCell | { status: string; value?: number; computed: boolean }) => ({
            status: c.status,
            value: c.status === 'number' ? c.value : undefined,
            ...(mixed.has(t.id) ? {} : { computed: c.computed }),
          });
          expect(got.cells.map((row) => row.map(strip)), `${r.officeId}/${r.year} ${t.key}`).toEqual(bl.cells!.map((row) => row.map(strip)));
        });
      }
    }
  });

  it('writes per-year CSVs and the full dataset as the reports’ lines in year and office order', () => {
    const data = path.join(b().out, 'data');
    const reports = reportsOf(b()).sort((x, y) => x.year - y.year || (x.officeId < y.officeId ? -1 : 1));
    const body = (r: ReportFiles) => {
      const raw = readCsv(path.join(r.dir, 'data.csv')).raw;
      return raw.slice(raw.indexOf('\r\n') + 2);
    };
    const header = readCsv(path.join(reports[0]!.dir, 'data.csv')).raw.split('\r\n')[0];
    const years = [...new Set(reports.map((r) => r.year))];
    const files = readdirSync(data).filter((f) => f.endsWith('.csv')).sort();
    const full = readCsv(path.join(data, 'nianbao-all.csv'));
    expect(full.raw).toBe(`${header}\r\n${reports.map(body).join('')}`);
    for (const y of years) {
      const format = json(reports.find((r) => r.year === y)!).format.id;
      const name = `nianbao-${y}-format-${format}.csv`;
      expect(files).toContain(name);
      const file = readCsv(path.join(data, name));
      expect(file.raw).toBe(`${header}\r\n${reports.filter((r) => r.year === y).map(body).join('')}`);
      expect(new Set(file.records.map((c) => c['年度']))).toEqual(new Set([String(y)]));
    }
    expect(files).toHaveLength(years.length + 1);
  });

  it('writes a workbook with the official labels over the values, one sheet per table per format version', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(b().out, 'data', 'nianbao.xlsx'));
    const docs = reportsOf(b()).map(json);
    const formats = ['2021', '2019'].map((id) => formatById(id)!);
    expect(wb.worksheets.map((s) => s.name)).toEqual(formats.flatMap((f) => f.tables.map((t) => `${t.key}（${yearsText(f.def)}）`)));
    let sheet = 0;
    for (const f of formats) {
      for (const t of f.tables) {
        const ws = wb.worksheets[sheet++]!;
        // The header starts on row 3; the first data row is the one whose 机构代号 cell is not a header.
        const top = 3;
        const idCol = (label: string) => {
          for (let c = 1; c <= 10; c++) if (ws.getCell(top, c).value === label) return c;
          throw new Error(`no column ${label}`);
        };
        const officeCol = idCol('机构代号');
        const yearCol = idCol('年度');
        let first = top + 1;
        while (ws.getCell(first, officeCol).isMerged) first++;
        const bottom = first - 1;
        const dataCol = Math.max(...['机构代号', '机构名称', '地区', '演示数据', '年度', '格式版本', '发布日期', '本表未发布的原因'].map(idCol)) + 1;
        // Labels above each data column, top down, skipping the rows a merged cell continues into.
        const labelsAbove = (col: number) => {
          const out: string[] = [];
          for (let r = top; r <= bottom; r++) {
            const cell = ws.getCell(r, col);
            if (cell.isMerged && Number(cell.master.row) < r) continue;
            if (cell.value !== null && cell.value !== undefined) out.push(String(cell.value));
          }
          return out;
        };
        const cells: Array<{ labels: string[]; at: (doc: JsonDoc) => JsonCell | undefined }> = [];
        t.blocks.forEach((bl, bi) =>
          bl.rows.forEach((row) =>
            bl.columns.forEach((col) =>
              cells.push({
                labels: [...(bl.def.title ? [bl.def.title] : []), ...row.path, ...col.path],
                at: (doc) => doc.tables.find((x) => x.id === t.id)!.blocks[bi]!.cells?.[row.index]![col.index],
              }),
            ),
          ),
        );
        cells.forEach((c, k) => expect(labelsAbove(dataCol + k), `${ws.name} column ${k}`).toEqual(c.labels));
        expect(ws.getCell(top, dataCol).isMerged || cells.length === 1).toBe(true);
        // One line per report of this format, values as numbers, the rest as text.
        const ofFormat = docs.filter((d) => d.format.id === f.id);
        let lines = 0;
        for (let r = first; r <= ws.rowCount; r++) {
          const officeId = ws.getCell(r, officeCol).value;
          if (!officeId) continue;
          lines++;
          const doc = ofFormat.find((d) => d.office.id === officeId && d.report.year === ws.getCell(r, yearCol).value)!;
          expect(doc, `${ws.name} row ${r}`).toBeTruthy();
          cells.forEach((c, k) => {
            const cell = c.at(doc);
            const got = ws.getCell(r, dataCol + k);
            if (!cell) expect(got.value).toBe('未发布');
            else if (cell.status === 'number') {
              expect(got.value, `${ws.name} ${doc.office.id} ${c.labels.join('›')}`).toBe(cell.value);
              expect(Boolean(got.font?.italic)).toBe(cell.computed);
            } else expect(got.value).toBe(cell.status === 'na' ? '不适用' : '缺失');
          });
        }
        expect(lines).toBe(ofFormat.length);
      }
    }
  });

  it('links the data files: from each report page, the data page and the home page', () => {
    const out = b().out;
    const hrefs = (file: string, sel = 'a') => {
      const $ = loadHtml(readFileSync(file, 'utf8'));
      return $(sel).map((_, a) => $(a).attr('href')).get();
    };
    for (const r of reportsOf(b())) {
      const links = hrefs(path.join(r.dir, 'index.html'), 'article nav[aria-label="数据下载"] a');
      for (const f of ['data.json', 'data.csv', 'source.md']) expect(links).toContain(`/reports/${r.officeId}/${r.year}/${f}`);
      expect(links.includes(`/reports/${r.officeId}/${r.year}/source.yml`)).toBe(existsSync(path.join(r.dir, 'source.yml')));
      expect(links).toContain('/data/');
      for (const l of links) expect(existsSync(path.join(out, l.endsWith('/') ? `${l}index.html` : l)), l).toBe(true);
    }
    const dataLinks = hrefs(path.join(out, 'data', 'index.html'));
    for (const f of readdirSync(path.join(out, 'data')).filter((x) => x !== 'index.html')) expect(dataLinks).toContain(`/data/${f}`);
    expect(hrefs(path.join(out, 'index.html'))).toContain('/data/');
  });
});

describe('the data page', () => {
  it('documents every CSV column, the statuses, the units and the differences between the format versions', () => {
    const $ = loadHtml(readFileSync(path.join(builds[0]!.out, 'data', 'index.html'), 'utf8'));
    const text = $('main').text();
    const header = readFileSync(path.join(builds[0]!.out, 'data', 'nianbao-all.csv'), 'utf8').slice(1).split('\r\n')[0]!.split(',');
    const documented = $('#csv-caption').closest('table').find('tbody th').map((_, th) => $(th).text()).get();
    expect(documented).toEqual(header);
    for (const word of ['不适用', '缺失', '未发布', '件', '万元']) expect(text).toContain(word);
    // Rows that only one version has are listed, e.g. the 2019 and 2021 labels of the same row.
    const v2019 = formatById('2019')!.table('二').blocks[0]!.rows.map((r) => r.label);
    const v2021 = formatById('2021')!.table('二').blocks[0]!.rows.map((r) => r.label);
    for (const label of [...v2019, ...v2021].filter((l) => !v2019.includes(l) || !v2021.includes(l))) expect(text).toContain(label);
    // data.json fields, from the schema.
    for (const field of ['office.name', 'report.published', 'tables[].blocks[].cells']) expect($('#json-caption').closest('table').text()).toContain(field);
    expect($('h1')).toHaveLength(1);
  });
});
