// Open-data building blocks: CSV encoding, the JSON Schema's variants, the workbook header and zip stamping, and
// the documentation facts derived from the format definitions.
import { bytesHash } from '../../src/load/source.ts';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ExcelJS from 'exceljs';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BOM, csvField, csvLine, plainNumber } from '../../src/export/csv.ts';
import { formatDifferences } from '../../src/export/format-facts.ts';
import { prettyJson } from '../../src/export/json-text.ts';
import { PATH_SEPARATOR, cellRecords } from '../../src/export/records.ts';
import { docTable } from '../../src/export/report-json.ts';
import { reportDataSchema } from '../../src/export/schema.ts';
import { CELL_COLUMNS, CSV_HEADER, REPORT_COLUMNS, csvFile, reportCsvBody, type ExportReport } from '../../src/export/table-csv.ts';
import { columnLetters, headerCells, headerTree, writeWorkbook, zipInput } from '../../src/export/workbook.ts';
import { reportDataFiles, writeBulkData, writeDataFiles, writeOpenData } from '../../src/export/write.ts';
import { dosDate, stampZipEntries } from '../../src/export/zip-time.ts';
import { allFormats, formatById, type CompiledFormat } from '../../src/formats/index.ts';
import type { Cell, Report, SiteConfig, TableData } from '../../src/model/types.ts';

const config = { name: '测试站', domain: 'example.gov.cn', pathPrefix: '/' } as SiteConfig;
const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'nianbao-export-'));

/** A report of the given format with every cell 0 except where `cell` says otherwise. */
function fakeReport(format: CompiledFormat, year: number, cell: (table: string, row: string, col: string) => Cell = () => ({ status: 'number', value: 0, computed: false })): Report {
  const tables = {} as Report['tables'];
  for (const t of format.tables) {
    tables[t.id] = {
      status: 'published',
      blocks: t.blocks.map((b) => ({
        cells: b.rows.map((r) => b.columns.map((c) => cell(t.id, r.label, c.label))),
        statedUnits: Object.fromEntries(b.columns.filter((c) => c.statedUnits).map((c) => [c.index, c.statedUnits![0]!])),
      })),
    } as TableData;
  }
  return {
    officeId: 't-office',
    year,
    file: `reports/t-office/${year}.md`,
    format,
    meta: { title: '测试报告', publisher: '测试机关', published: `${year + 1}-01-20`, topic: '政务公开' },
    tables,
    sections: format.def.sections.map((s) => ({ number: s.number, heading: s.heading, markdown: '', html: '', line: 1, markdownLine: 1 })),
    revisions: [],
    waivers: [],
    warnings: [],
    sourceHash: '',
  } as unknown as Report;
}

function fakePage(report: Report, name = '测试市人民政府办公室'): ExportReport {
  return {
    report,
    office: { id: report.officeId, file: '', name, shortName: name, region: 't-region', level: '地市级', type: '政府办公室', contact: {} },
    region: { id: 't-region', name: '测试市', demo: false },
    demo: false,
    url: `/reports/${report.officeId}/${report.year}/`,
  } as ExportReport;
}

describe('CSV encoding', () => {
  it('quotes only fields with a comma, quote or line break, doubling quotes (RFC 4180)', () => {
    expect(csvField('示例市教育局')).toBe('示例市教育局');
    expect(csvField('甲,乙')).toBe('"甲,乙"');
    expect(csvField('说"明"')).toBe('"说""明"""');
    expect(csvField('一行\r\n两行')).toBe('"一行\r\n两行"');
    expect(csvField(null)).toBe('');
    expect(csvLine(['a', 1, null, 'b,c'])).toBe('a,1,,"b,c"\r\n');
  });

  it('writes numbers unquoted in plain decimal notation', () => {
    expect(csvField(12.5)).toBe('12.5');
    expect(csvField(-8)).toBe('-8');
    expect(csvField(0)).toBe('0');
    expect(plainNumber(1e-7)).toBe('0.0000001');
    expect(plainNumber(1e21)).toBe('1000000000000000000000');
    expect(plainNumber(2312.26)).toBe('2312.26');
    expect(() => plainNumber(Number.NaN)).toThrow();
  });

  it('has a BOM constant that is the UTF-8 byte order mark', () => {
    expect(Buffer.from(BOM, 'utf8')).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('encodes place columns once per format, with the same result as every column computed per cell', () => {
    for (const f of allFormats()) {
      const page = fakePage(fakeReport(f, f.def.years.from, (t, r, c) => (c.length % 3 === 0 ? { status: 'na', computed: false } : { status: 'number', value: r.length, computed: c.length % 2 === 0 })), '名称,带逗号');
      const generic = [...cellRecords(page.report)]
        .map((cell) => [...REPORT_COLUMNS.map((c) => csvField(c.value(page))), ...CELL_COLUMNS.map((c) => csvField(c.value(cell)))].join(',') + '\r\n')
        .join('');
      expect(reportCsvBody(page)).toBe(generic);
      // And again (from the cache).
      expect(reportCsvBody(page)).toBe(generic);
    }
  });

  it('reads one table’s cells, the same as filtering every cell', () => {
    for (const f of allFormats()) {
      const report = fakeReport(f, f.def.years.from);
      for (const t of f.tables) expect([...cellRecords(report, t)]).toEqual([...cellRecords(report)].filter((c) => c.table === t));
    }
  });
});

describe('readable JSON', () => {
  it('round-trips and keeps short values on one line', () => {
    const value = { a: [1, 2, 3], b: { c: '中文', d: [{ e: null }], long: 'x'.repeat(200) }, empty: [], obj: {} };
    const text = prettyJson(value, 40);
    expect(JSON.parse(text)).toEqual(value);
    expect(text).toContain('"a": [1,2,3]');
    for (const line of text.split('\n')) if (!line.includes('x'.repeat(50))) expect(line.length).toBeLessThanOrEqual(40);
  });
});

describe('JSON Schema of data.json', () => {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  const validate = ajv.compile(reportDataSchema(config));

  /** A data.json-shaped document of a report (only what the schema needs besides the tables). */
  function doc(report: Report): Record<string, unknown> {
    const f = report.format;
    return {
      $schema: 'https://example.gov.cn/data/report-data.schema.json',
      schemaVersion: 1,
      url: 'https://example.gov.cn/reports/t-office/2022/',
      files: { json: 'j', csv: 'c', source: 's' },
      demo: false,
      office: { id: 't-office', name: '测试', shortName: '测试', region: 't-region', level: '地市级', type: '政府办公室', contact: {} },
      region: { id: 't-region', name: '测试市' },
      format: { id: f.id, name: f.def.name, issuedBy: f.def.issuedBy, years: { from: f.def.years.from, to: f.def.years.to ?? null } },
      report: { year: report.year, title: 't', publisher: 'p', published: null, topic: 't', waivers: [], revisions: [] },
      sections: report.sections.map((s) => ({ number: s.number, heading: s.heading, markdown: '' })),
      tables: f.tables.map((t) => docTable(t, report.tables[t.id])),
    };
  }
  const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
  type Doc = { tables: Array<{ status: string; reason?: string; blocks: Array<{ cells?: unknown[][]; rows: Array<{ label: string }>; columns: Array<{ unit: unknown }> }> }>; report: { year: number }; format: { id: string } };

  it('accepts a report of each format version', () => {
    for (const f of allFormats()) {
      const d = doc(fakeReport(f, f.def.years.from));
      expect(validate(d), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it('refuses what does not follow the format version', () => {
    const f = formatById('2021')!;
    const good = doc(fakeReport(f, 2022)) as unknown as Doc;
    const bad = (edit: (d: Doc) => void) => {
      const d = clone(good);
      edit(d);
      return validate(d);
    };
    expect(bad(() => {})).toBe(true);
    // A label of the other version.
    expect(bad((d) => (d.tables[0]!.blocks[0]!.rows[1]!.label = formatById('2019')!.tables[0]!.blocks[0]!.rows[1]!.label))).toBe(false);
    // A year outside the version's years.
    expect(bad((d) => (d.report.year = 2019))).toBe(false);
    // A negative count, a fraction of a count, a value on a 不适用 cell.
    expect(bad((d) => (d.tables[1]!.blocks[0]!.cells![0]![0] = { status: 'number', value: -1, computed: false }))).toBe(false);
    expect(bad((d) => (d.tables[1]!.blocks[0]!.cells![0]![0] = { status: 'number', value: 1.5, computed: false }))).toBe(false);
    expect(bad((d) => (d.tables[1]!.blocks[0]!.cells![0]![0] = { status: 'na', value: 0, computed: false }))).toBe(false);
    // A row too few.
    expect(bad((d) => d.tables[1]!.blocks[0]!.cells!.pop())).toBe(false);
    // Not published: a reason and no cells.
    expect(bad((d) => Object.assign(d.tables[2]!, { status: 'unpublished', reason: '原文未附此表' }))).toBe(false);
    expect(
      bad((d) => {
        Object.assign(d.tables[2]!, { status: 'unpublished', reason: '原文未附此表' });
        delete d.tables[2]!.blocks[0]!.cells;
      }),
    ).toBe(true);
    expect(bad((d) => delete d.tables[2]!.blocks[0]!.cells)).toBe(false);
  });

  it('lets the stated unit be null only in a table not published', () => {
    const f = formatById('2019')!;
    const d = doc(fakeReport(f, 2019)) as unknown as Doc;
    const b = d.tables[0]!.blocks.find((x) => x.columns.some((c) => c.unit === '万元' && 'statedUnits' in c))!;
    const c = b.columns.find((x) => 'statedUnits' in x)!;
    c.unit = '元';
    expect(validate(d)).toBe(true);
    c.unit = '美元';
    expect(validate(d)).toBe(false);
    c.unit = null;
    expect(validate(d)).toBe(false);
  });
});

describe('workbook', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('lays out each table as a header tree whose leaves are the cells in order', () => {
    for (const f of allFormats()) {
      const report = fakeReport(f, f.def.years.from);
      for (const t of f.tables) {
        const head = headerCells(headerTree(t));
        const cells = [...cellRecords(report)].filter((c) => c.table === t);
        expect(head.width).toBe(cells.length);
        // The labels above each leaf, top down, are the block title, the row path and the column path.
        cells.forEach((c, i) => {
          const above = head.cells.filter((h) => h.from <= i && i <= h.to).sort((a, b) => a.level - b.level).map((h) => h.label);
          expect(above).toEqual([...(c.block.def.title ? [c.block.def.title] : []), ...c.row.path, ...c.column.path]);
        });
      }
    }
  });

  it('is byte-identical whatever the clock says, stamped with the date from the data', async () => {
    const dir = tmp();
    const pages = allFormats().map((f) => fakePage(fakeReport(f, f.def.years.from)));
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2031-05-06T07:08:09Z'));
    await writeWorkbook(path.join(dir, 'a.xlsx'), pages, { title: 't', creator: 'c', date: '2026-01-20' });
    vi.setSystemTime(new Date('2040-12-31T23:59:58Z'));
    await writeWorkbook(path.join(dir, 'b.xlsx'), pages, { title: 't', creator: 'c', date: '2026-01-20' });
    vi.useRealTimers();
    const a = readFileSync(path.join(dir, 'a.xlsx'));
    expect(a.equals(readFileSync(path.join(dir, 'b.xlsx')))).toBe(true);
    // Every central directory entry carries the data's date.
    const { date } = dosDate('2026-01-20');
    let entries = 0;
    for (let p = a.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); p >= 0; p = a.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), p + 4)) {
      expect(a.readUInt16LE(p + 14)).toBe(date);
      expect(a.readUInt16LE(p + 12)).toBe(0);
      entries++;
    }
    expect(entries).toBeGreaterThan(5);
    expect(a.toString('latin1')).not.toContain('2031');
    // The workbook's own dates come from the data too.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, 'a.xlsx'));
    expect(wb.created.toISOString()).toBe('2026-01-20T00:00:00.000Z');
    expect(wb.modified.toISOString()).toBe('2026-01-20T00:00:00.000Z');
  });

  it('refuses to stamp a file that is not a zip', () => {
    const dir = tmp();
    const file = path.join(dir, 'x.xlsx');
    writeFileSync(file, 'not a zip');
    expect(() => stampZipEntries(file, '2026-01-20')).toThrow(/central directory/);
    expect(() => dosDate('1979-12-31')).toThrow();
  });
});

describe('documented differences between the format versions', () => {
  it('lists exactly the labels that one version has and another lacks', () => {
    type Key = string;
    const labels = (f: CompiledFormat) => {
      const out = new Set<Key>();
      for (const t of f.tables) {
        for (const b of t.blocks) {
          const prefix = b.def.title ? `${b.def.title}${PATH_SEPARATOR}` : '';
          if (b.def.title) out.add(`${t.key}|项目|${b.def.title}`);
          for (const r of b.rows) out.add(`${t.key}|行|${prefix}${r.path.join(PATH_SEPARATOR)}`);
          for (const c of b.columns) out.add(`${t.key}|列|${prefix}${c.path.join(PATH_SEPARATOR)}`);
        }
      }
      return out;
    };
    const sets = allFormats().map(labels);
    const all = new Set(sets.flatMap((s) => [...s]));
    const differing = [...all].filter((k) => sets.some((s) => !s.has(k)));
    const listed = new Set(formatDifferences().map((d) => `${d.table}|${d.what}|${d.label}`));
    for (const k of differing) {
      const [table, what, label] = k.split('|') as [string, string, string];
      // Listed, or implied by its block being listed.
      const block = label.split(PATH_SEPARATOR)[0]!;
      expect(listed.has(k) || (what !== '项目' && listed.has(`${table}|项目|${block}`)), k).toBe(true);
    }
    for (const k of listed) expect(differing, k).toContain(k);
    expect(listed.size).toBeGreaterThan(0);
  });
});

/** Every file under a folder: relative path → bytes. */
function tree(dir: string, rel = ''): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) for (const [k, v] of tree(dir, r)) out.set(k, v);
    else out.set(r, readFileSync(path.join(dir, r)));
  }
  return out;
}

describe('per-report files and bulk files', () => {
  /** A content root holding each page's committed source (BOM and CRLF, as saved on Windows) and its loaded text. */
  function withSources(pages: ExportReport[], dataFileFor?: ExportReport): string {
    const root = tmp();
    for (const p of pages) {
      const r = p.report as { file: string; sourceHash: string; dataFile?: string; dataSourceHash?: string };
      const source = `---\n年度: ${p.report.year}\n---\n\n## 一、总体情况\n\n${p.office.name}\n`;
      const committed = Buffer.from(`\uFEFF${source.replace(/\n/g, '\r\n')}`);
      r.sourceHash = bytesHash(committed);
      mkdirSync(path.join(root, path.dirname(r.file)), { recursive: true });
      writeFileSync(path.join(root, r.file), committed);
      if (p === dataFileFor) {
        r.dataFile = r.file.replace(/\.md$/, '.yml');
        const data = `年度: ${p.report.year}\n`;
        r.dataSourceHash = bytesHash(Buffer.from(data));
        writeFileSync(path.join(root, r.dataFile), data);
      }
    }
    return root;
  }
  const f2021 = formatById('2021')!;
  const f2019 = formatById('2019')!;
  const withOffice = (page: ExportReport, id: string): ExportReport => {
    const report = { ...page.report, officeId: id, file: `reports/${id}/${page.report.year}.md` } as Report;
    return { ...page, report, office: { ...page.office, id }, url: `/reports/${id}/${report.year}/` };
  };
  // Given out of order: the bulk files sort by year, then office id.
  const pages = () => [
    withOffice(fakePage(fakeReport(f2021, 2022), '乙局'), 'b-office'),
    withOffice(fakePage(fakeReport(f2021, 2022, () => ({ status: 'na', computed: false })), '甲局'), 'a-office'),
    withOffice(fakePage(fakeReport(f2019, 2020)), 'a-office'),
  ];

  it('gives a report’s data.json, data.csv and committed sources by URL, sources byte for byte', () => {
    const [b, a] = pages();
    const root = withSources([a!, b!], a);
    const files = reportDataFiles(b!, config, root);
    expect(files.map((f) => f.url)).toEqual(['/reports/b-office/2022/data.json', '/reports/b-office/2022/data.csv', '/reports/b-office/2022/source.md']);
    expect(JSON.parse(String(files[0]!.data))).toMatchObject({ url: 'https://example.gov.cn/reports/b-office/2022/', office: { id: 'b-office' } });
    expect(files[1]!.data).toBe(csvFile(reportCsvBody(b!)));
    expect(Buffer.from(files[2]!.data).equals(readFileSync(path.join(root, 'reports/b-office/2022.md')))).toBe(true);
    // The data file, when the report keeps its data apart.
    const withData = reportDataFiles(a!, config, root);
    expect(withData.map((f) => f.url.split('/').pop())).toEqual(['data.json', 'data.csv', 'source.md', 'source.yml']);
    expect(String(withData[3]!.data)).toBe('年度: 2022\n');
  });

  it('refuses a source that changed after it was loaded', () => {
    const [b] = pages();
    const root = withSources([b!]);
    writeFileSync(path.join(root, b!.report.file), '---\n年度: 2022\n---\n');
    expect(() => reportDataFiles(b!, config, root)).toThrow(/changed during the build/);
  });

  it('writes files inside the output folder only', () => {
    const out = tmp();
    expect(writeDataFiles(out, [{ url: '/reports/x/2022/data.csv', data: 'a,b\r\n' }])).toEqual({ files: 1, bytes: 5, sizes: [5] });
    expect(readFileSync(path.join(out, 'reports/x/2022/data.csv'), 'utf8')).toBe('a,b\r\n');
    expect(() => writeDataFiles(out, [{ url: '/../escape.csv', data: '' }])).toThrow();
  });

  it('writes every byte of texts of any size, in any order of sizes, and bytes as they are', () => {
    const out = tmp();
    // One byte past the encoding buffer's sizes (1 MB, doubled as it grows), where the last character, of three
    // bytes, does not fit; and characters of one to four bytes.
    const edges = [20, 21, 22].map((k, i) => ({ url: `/edge-${i}.txt`, data: `${'a'.repeat((1 << k) - 2)}字` }));
    const files = [
      { url: '/a.txt', data: 'ok' },
      ...edges,
      { url: '/mixed.txt', data: `${'字'.repeat(400_000)}a${'😀'.repeat(100_000)}` },
      { url: '/small.txt', data: '年报' },
      { url: '/bytes.bin', data: Buffer.from([0, 255, 1]) },
    ];
    const r = writeDataFiles(out, files);
    expect(r.sizes).toEqual(files.map((f) => (typeof f.data === 'string' ? Buffer.byteLength(f.data) : f.data.length)));
    // Buffer#equals: a deep comparison of megabytes, element by element, would take a minute.
    for (const f of files) expect(readFileSync(path.join(out, f.url)).equals(typeof f.data === 'string' ? Buffer.from(f.data) : f.data), f.url).toBe(true);
  });

  it('writes the bulk files under /data/ from the reports alone: per-year CSVs and the full CSV in year and office order', async () => {
    const ps = pages();
    const out = tmp();
    const result = await writeBulkData(out, { config, reports: ps });
    const files = tree(out);
    expect([...files.keys()].sort()).toEqual(['data/nianbao-2020-format-2019.csv', 'data/nianbao-2022-format-2021.csv', 'data/nianbao-all.csv', 'data/nianbao.xlsx', 'data/report-data.schema.json']);
    expect(result).toEqual({ files: 5, bytes: [...files.values()].reduce((n, b) => n + b.length, 0) });
    const [b, a2022, a2020] = ps.map(reportCsvBody);
    expect(files.get('data/nianbao-2022-format-2021.csv')!.toString()).toBe(csvFile(a2022!, b!));
    expect(files.get('data/nianbao-2020-format-2019.csv')!.toString()).toBe(csvFile(a2020!));
    expect(files.get('data/nianbao-all.csv')!.toString()).toBe(`${BOM}${CSV_HEADER}${a2020}${a2022}${b}`);
  });

  it('writes, with writeOpenData, exactly the per-report files and the bulk files', async () => {
    const ps = pages();
    const root = withSources(ps, ps[1]);
    const whole = tmp();
    const result = await writeOpenData(whole, root, { config, reports: ps });
    const parts = tmp();
    for (const p of ps) writeDataFiles(parts, reportDataFiles(p, config, root));
    await writeBulkData(parts, { config, reports: ps });
    const a = tree(whole);
    const b = tree(parts);
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    for (const [k, v] of a) expect(v.equals(b.get(k)!), k).toBe(true);
    expect(a.size).toBe(3 * 3 + 1 + 5);
    expect(result).toEqual({ files: a.size, bytes: [...a.values()].reduce((n, x) => n + x.length, 0) });
  });
});

describe('workbook rows', () => {
  it('finds the zip’s input behind a sheet, so that writing waits for the zip instead of buffering the workbook', async () => {
    // exceljs's internals: if an upgrade moves them, this fails rather than memory growing with the site.
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path.join(tmp(), 'w.xlsx') });
    const ws = wb.addWorksheet('s');
    const input = zipInput(ws)!;
    expect(input).toBeDefined();
    // Written without a pause, what the zip has not taken yet waits here.
    for (let r = 1; r <= 10; r++) {
      ws.getRow(r).getCell(1).value = 'x'.repeat(100_000);
      ws.getRow(r).commit();
    }
    expect(input._writableState.length).toBeGreaterThan(500_000);
    ws.commit();
    await wb.commit();
  });

  it('numbers columns as A1 references do', () => {
    expect([1, 2, 26, 27, 52, 53, 702, 703, 16384].map(columnLetters)).toEqual(['A', 'B', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA', 'XFD']);
  });

  it('writes the same bytes directly as through exceljs’s rows, whatever the text, status and style', async () => {
    const dir = tmp();
    const names = ['普通名称', 'A&B <局> "引号" \'单引号\'', '控制\u0001字符\u007f\t制表', '换行\r\n名称', '  空格  '];
    const statuses: Cell[] = [
      { status: 'number', value: 0, computed: false },
      { status: 'number', value: 12.5, computed: true },
      { status: 'number', value: -3, computed: false },
      { status: 'number', value: 1e21, computed: false },
      { status: 'na', computed: false },
      { status: 'missing', computed: true },
      { status: 'missing', computed: false },
    ];
    // Both formats, a region without a name, tables not published.
    const pages: ExportReport[] = [];
    for (let i = 0; i < 450; i++) {
      const f = i % 3 === 0 ? formatById('2019')! : formatById('2021')!;
      const report = fakeReport(f, f.def.years.from + (i % 2), (t, r, c) => statuses[(i + r.length + c.length) % statuses.length]!);
      if (i % 7 === 0) (report.tables as Record<string, TableData>)[f.tables[2]!.id] = { status: 'unpublished', reason: '原文未附<此表>' } as TableData;
      const page = fakePage(report, names[i % names.length]!);
      pages.push({ ...page, office: { ...page.office, id: `o-${String(i).padStart(3, '0')}` }, region: i % 5 === 0 ? undefined : page.region });
    }
    const opts = { title: 't', creator: 'c', date: '2026-01-20' };
    await writeWorkbook(path.join(dir, 'direct.xlsx'), pages, opts);
    await writeWorkbook(path.join(dir, 'exceljs.xlsx'), pages, { ...opts, exceljsRows: true });
    // Waiting for the zip after nearly every row changes nothing either.
    await writeWorkbook(path.join(dir, 'waiting.xlsx'), pages, { ...opts, maxBacklog: 0 });
    const direct = readFileSync(path.join(dir, 'direct.xlsx'));
    expect(direct.equals(readFileSync(path.join(dir, 'exceljs.xlsx')))).toBe(true);
    expect(direct.equals(readFileSync(path.join(dir, 'waiting.xlsx')))).toBe(true);
    // And it reads back: the escaped name, and a number.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, 'direct.xlsx'));
    const ws = wb.worksheets[0]!;
    const names2 = new Set<unknown>();
    ws.eachRow((row) => names2.add(row.getCell(2).value));
    expect(names2).toContain('A&B <局> "引号" \'单引号\'');
    expect(statSync(path.join(dir, 'direct.xlsx')).size).toBeGreaterThan(10_000);
  });
});
