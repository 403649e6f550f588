// Writes every open-data file into the build's output folder, once per build, after Eleventy has written the
// pages: beside each report its data.json, data.csv and committed source; under /data/ the per-year CSVs, the
// full dataset, the workbook and the JSON Schema. Reports are streamed in a fixed order (year, office id) and the
// bulk CSVs are appended as they go, so memory stays flat however many reports there are.
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
  private chunks: string[] = [];
  private size = 0;
  constructor(readonly file: string) {
    this.fd = openSync(file, 'w');
  }
  write(s: string): void {
    this.chunks.push(s);
    this.size += s.length;
    if (this.size > 1 << 20) this.flush();
  }
  private flush(): void {
    if (this.chunks.length) writeSync(this.fd, this.chunks.join(''));
    this.chunks = [];
    this.size = 0;
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/** The committed bytes of a source file, checked against the text the build loaded (normalised the same way). */
function committedBytes(contentRoot: string, rel: string, loaded: string | undefined): Buffer {
  const bytes = readFileSync(path.join(contentRoot, rel));
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (text !== loaded) throw new Error(`open data: ${rel} changed during the build; build again`);
  return bytes;
}

export interface OpenDataResult {
  files: number;
  bytes: number;
}

export async function writeOpenData(outputDir: string, contentRoot: string, site: OpenDataSite): Promise<OpenDataResult> {
  const reports = exportOrder(site.reports);
  let files = 0;
  let bytes = 0;
  const write = (file: string, data: string | Buffer) => {
    writeFileSync(file, data);
    files++;
    bytes += typeof data === 'string' ? Buffer.byteLength(data) : data.length;
  };
  mkdirSync(outputPath(outputDir, DATA_URL), { recursive: true });

  const full = new Appender(outputPath(outputDir, dataFileUrl(FULL_CSV_FILE)));
  full.write(BOM + CSV_HEADER);
  const years = new Map<number, Appender>();
  try {
    for (const page of reports) {
      const { report, office } = page;
      const file = (name: string) => outputPath(outputDir, reportFileUrl(office.id, report.year, name));
      mkdirSync(path.dirname(file(REPORT_FILES.json)), { recursive: true });
      write(file(REPORT_FILES.json), `${JSON.stringify(reportDocument(page, site.config))}\n`);
      const body = reportCsvBody(page);
      write(file(REPORT_FILES.csv), csvFile(body));
      write(file(REPORT_FILES.source), committedBytes(contentRoot, report.file, report.source));
      const dataFile = report.dataFile;
      if (dataFile) write(file(REPORT_FILES.dataSource), committedBytes(contentRoot, dataFile, report.dataSource));

      let year = years.get(report.year);
      if (!year) {
        year = new Appender(outputPath(outputDir, dataFileUrl(yearCsvFile(report.year, report.format.id))));
        year.write(BOM + CSV_HEADER);
        years.set(report.year, year);
      }
      year.write(body);
      full.write(body);
    }
  } finally {
    full.close();
    for (const y of years.values()) y.close();
  }
  files += 1 + years.size;

  write(outputPath(outputDir, dataFileUrl(SCHEMA_FILE)), `${prettyJson(reportDataSchema(site.config))}\n`);
  const workbook = outputPath(outputDir, dataFileUrl(WORKBOOK_FILE));
  await writeWorkbook(workbook, reports, { title: `${site.config.name}：统计数据`, creator: site.config.name, date: dataDate(reports) });
  files++;
  for (const y of [full, ...years.values()]) bytes += statSync(y.file).size;
  bytes += statSync(workbook).size;
  return { files, bytes };
}
