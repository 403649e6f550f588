// Names and URLs of every open-data file. Each path is built here from validated ids (office slugs, years, format
// ids), never from content, and every file written is checked to stay inside the output folder.
import path from 'node:path';
import type { SiteConfig } from '../model/types.ts';
import { assertInsideOutput, reportUrl, urlFor } from '../site/paths.ts';

/** Files beside each report page /reports/<office>/<year>/. */
export const REPORT_FILES = {
  json: 'data.json',
  csv: 'data.csv',
  /** The committed <year>.md, byte for byte. */
  source: 'source.md',
  /** The committed <year>.yml, when the report keeps its data apart from its prose. */
  dataSource: 'source.yml',
} as const;

/** The bulk downloads and the data page live under /data/. */
export const DATA_URL = urlFor('data');
export const SCHEMA_FILE = 'report-data.schema.json';
export const FULL_CSV_FILE = 'nianbao-all.csv';
export const WORKBOOK_FILE = 'nianbao.xlsx';

const FILE_NAME = /^[a-z0-9]+(?:[-.][a-z0-9]+)*$/;

function fileName(name: string): string {
  if (!FILE_NAME.test(name)) throw new Error(`unsafe file name: ${JSON.stringify(name)}`);
  return name;
}

/** One CSV per report year (each year has exactly one format version, named in the file too). */
export function yearCsvFile(year: number, formatId: string): string {
  if (!Number.isInteger(year)) throw new Error(`not a year: ${year}`);
  return fileName(`nianbao-${year}-format-${formatId}.csv`);
}

/** Site-relative URL of a file inside a page folder (a URL from src/site/paths.ts, ending with /). */
export const fileUrl = (folderUrl: string, name: string): string => `${folderUrl}${fileName(name)}`;

export const reportFileUrl = (officeId: string, year: number, name: string): string => fileUrl(reportUrl(officeId, year), name);
export const dataFileUrl = (name: string): string => fileUrl(DATA_URL, name);

/** Absolute URL on the deployed site (domain and path prefix from site.yml). */
export const absoluteUrl = (config: SiteConfig, url: string): string =>
  `https://${config.domain}${config.pathPrefix.replace(/\/$/, '')}${url}`;

/** The output path of a site URL, checked to stay inside the output folder. */
export function outputPath(outputDir: string, url: string): string {
  const file = path.join(outputDir, ...url.split('/').filter(Boolean));
  assertInsideOutput(outputDir, file);
  return file;
}
