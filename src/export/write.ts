// Writes the open-data files into the build's output folder: beside each report its data.json, data.csv and
// committed source (reportDataFiles, one report at a time, from anywhere); under /data/ the per-year CSVs, the
// full dataset, the workbook and the JSON Schema (writeBulkData, once per build, from every report).
// writeOpenData does both.
import { closeSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { SiteConfig } from '../model/types.ts';
import { BOM } from './csv.ts';
import { DATA_URL, FULL_CSV_FILE, REPORT_FILES, SCHEMA_FILE, WORKBOOK_FILE, dataFileUrl, outputPath, reportFileUrl, yearCsvFile } from './files.ts';
import { reportDocument } from './report-json.ts';
import { prettyJson } from './json-text.ts';
import { reportDataSchema } from './schema.ts';
import { CSV_HEADER, csvFile, reportCsvBody, type ExportReport } from './table-csv.ts';
import { writeWorkbook } from './workbook.ts';
import { bytesHash } from '../load/source.ts';

export interface OpenDataSite {
  config: SiteConfig;
  reports: readonly ExportReport[];
}

/** Reports in the order of every bulk file: year, then office id. */
export const exportOrder = (reports: readonly ExportReport[]): ExportReport[] =>
  [...reports].sort((a, b) => a.report.year - b.report.year || (a.office.id < b.office.id ? -1 : a.office.id > b.office.id ? 1 : 0));

/** The date the data speaks for: the latest 发布日期 or revision date of any report (never the clock). */
export function dataDate(reports: readonly ExportReport[]): string {
  let latest = '1980-01-01';
  for (const p of reports) {
    for (const d of [p.report.meta.published, ...p.report.revisions.map((r) => r.date)]) if (d && d > latest) latest = d;
  }
  return latest;
}

/** An append-only file written in large chunks. */
class Appender {
  private fd: number;
  private chunks: Buffer[] = [];
  private pending = 0;
  bytes = 0;
  constructor(readonly file: string) {
    this.fd = openSync(file, 'w');
  }
  write(b: Buffer): void {
    this.chunks.push(b);
    this.pending += b.length;
    this.bytes += b.length;
    if (this.pending > 1 << 20) this.flush();
  }
  private flush(): void {
    if (this.chunks.length) writeSync(this.fd, Buffer.concat(this.chunks, this.pending));
    this.chunks = [];
    this.pending = 0;
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/** The committed bytes of a source file, checked against the bytes the build loaded (by their hash). */
function committedBytes(contentRoot: string, rel: string, loadedHash: string | undefined): Buffer {
  const bytes = readFileSync(path.join(contentRoot, rel));
  if (bytesHash(bytes) !== loadedHash) throw new Error(`open data: ${rel} changed during the build; build again`);
  return bytes;
}

export interface OpenDataResult {
  files: number;
  bytes: number;
}

/** One file to write: its site URL (the output path follows from it, see outputPath) and its bytes. */
export interface DataFile {
  url: string;
  data: string | Buffer;
}

/**
 * The files beside one report page: data.json, data.csv, the committed source and, when the data sits apart,
 * the data file. Depends only on the page, the config and the committed sources (which it reads), so report
 * pages can be written anywhere — on a worker thread, in a shard — independently of the bulk files.
 */
export function reportDataFiles(page: ExportReport, config: SiteConfig, contentRoot: string): DataFile[] {
  const { report, office } = page;
  const url = (name: string) => reportFileUrl(office.id, report.year, name);
  const files: DataFile[] = [
    { url: url(REPORT_FILES.json), data: `${JSON.stringify(reportDocument(page, config))}\n` },
    { url: url(REPORT_FILES.csv), data: csvFile(reportCsvBody(page)) },
    { url: url(REPORT_FILES.source), data: committedBytes(contentRoot, report.file, report.sourceHash) },
  ];
  const dataFile = report.dataFile;
  if (dataFile) files.push({ url: url(REPORT_FILES.dataSource), data: committedBytes(contentRoot, dataFile, report.dataSourceHash) });
  return files;
}

/** The size of a file's data in bytes (a string is written as UTF-8). */
export const byteLength = (data: string | Buffer): number => (typeof data === 'string' ? Buffer.byteLength(data) : data.length);

/**
 * Where text is encoded before it is written: one buffer per thread, grown as needed, rather than a new Buffer per
 * file. Each new Buffer is memory outside V8's heap, freed only when a collection finds it unreachable; a render
 * thread writes ~500 KB of pages per report, so that memory came and went by tens of MB per thread, the peaks of a
 * build's resident memory.
 */
let scratch = Buffer.allocUnsafe(1 << 20);

/** `text` as UTF-8: a view of the scratch buffer, valid until the next call. */
function encode(text: string): Buffer {
  for (;;) {
    const n = scratch.write(text, 0, 'utf8');
    // With four bytes to spare the next character would have fitted: nothing was left out.
    if (n <= scratch.length - 4) return scratch.subarray(0, n);
    scratch = Buffer.allocUnsafe(Math.max(scratch.length * 2, Buffer.byteLength(text) + 4));
  }
}

/** Writes `data` to `file`, replacing it (as writeFileSync does). */
function writeBytes(file: string, data: Uint8Array): void {
  const fd = openSync(file, 'w');
  try {
    for (let at = 0; at < data.length; ) at += writeSync(fd, data, at, data.length - at);
  } finally {
    closeSync(fd);
  }
}

/** Writes files into the output folder (creating their folders), each checked to stay inside it. */
export function writeDataFiles(outputDir: string, files: readonly DataFile[]): OpenDataResult & { sizes: number[] } {
  let bytes = 0;
  const sizes: number[] = [];
  const made = new Set<string>();
  for (const f of files) {
    const file = outputPath(outputDir, f.url);
    const dir = path.dirname(file);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    // Encoded once: a report's pinyin page is ~190 KB, and measuring the string would encode it a second time.
    const data = typeof f.data === 'string' ? encode(f.data) : f.data;
    writeBytes(file, data);
    bytes += data.length;
    sizes.push(data.length);
  }
  return { files: files.length, bytes, sizes };
}

/**
 * The bulk files under /data/: one CSV per report year, the full CSV, the workbook and the JSON Schema. Reads no
 * source and no per-report file, so it can run apart from the per-report files (e.g. on the main thread while
 * workers write those). Reports are streamed in export order and the CSVs appended as they go, so memory stays
 * flat however many reports there are.
 */
export async function writeBulkData(outputDir: string, site: OpenDataSite): Promise<OpenDataResult> {
  const reports = exportOrder(site.reports);
  mkdirSync(outputPath(outputDir, DATA_URL), { recursive: true });

  // Each report's lines are encoded once and the same bytes go to its year's file and to the full file.
  const header = Buffer.from(BOM + CSV_HEADER);
  const full = new Appender(outputPath(outputDir, dataFileUrl(FULL_CSV_FILE)));
  full.write(header);
  const years = new Map<number, Appender>();
  try {
    for (const page of reports) {
      const { report } = page;
      let year = years.get(report.year);
      if (!year) {
        year = new Appender(outputPath(outputDir, dataFileUrl(yearCsvFile(report.year, report.format.id))));
        year.write(header);
        years.set(report.year, year);
      }
      const body = Buffer.from(reportCsvBody(page));
      year.write(body);
      full.write(body);
    }
  } finally {
    full.close();
    for (const y of years.values()) y.close();
  }
  let files = 1 + years.size;
  let bytes = full.bytes + [...years.values()].reduce((n, y) => n + y.bytes, 0);

  const schema = `${prettyJson(reportDataSchema(site.config))}\n`;
  writeFileSync(outputPath(outputDir, dataFileUrl(SCHEMA_FILE)), schema);
  files++;
  bytes += byteLength(schema);

  const workbook = outputPath(outputDir, dataFileUrl(WORKBOOK_FILE));
  await writeWorkbook(workbook, reports, { title: `${site.config.name}：统计数据`, creator: site.config.name, date: dataDate(reports) });
  files++;
  bytes += statSync(workbook).size;
  return { files, bytes };
}

/** Every open-data file: the per-report files of every report, then the bulk files. */
export async function writeOpenData(outputDir: string, contentRoot: string, site: OpenDataSite): Promise<OpenDataResult> {
  let files = 0;
  let bytes = 0;
  for (const page of site.reports) {
    const r = writeDataFiles(outputDir, reportDataFiles(page, site.config, contentRoot));
    files += r.files;
    bytes += r.bytes;
  }
  const bulk = await writeBulkData(outputDir, site);
  return { files: files + bulk.files, bytes: bytes + bulk.bytes };
}
