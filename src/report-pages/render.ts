// Renders every page that exists once per report — the report, its comparison with last year, the Traditional-
// script copies of both and the pinyin reading aid — and once per office — its page, the page's Traditional-script
// copy and its Atom feed — with the site's own templates (src/render/templates.ts), and writes them with the
// report's open-data files (src/export/) into the build's output folder. The same code runs on worker threads
// (pool.ts) and, for small sites and the dev server, on the calling thread.
import type nunjucks from 'nunjucks';
import type { SiteConfig } from '../model/types.ts';
import { createEnvironment, renderWithLayout } from '../render/templates.ts';
import { HANT_DIR, PINYIN_DIR, toHantPage, toPinyinPage } from '../render/renditions.ts';
import type { OfficeEntry, ReportPage } from '../site/pages.ts';
import type { ComparePage } from '../site/browse.ts';
import type { Link } from '../site/browse.ts';
import { permalinkFor } from '../site/paths.ts';
import { FILTERS } from '../search/bundle.ts';
import { DATA_URL } from '../export/files.ts';
import { reportDownloads } from '../export/page.ts';
import { reportDataFiles, writeDataFiles, type DataFile, type OpenDataResult } from '../export/write.ts';
import { OpenedBatch, type Batch, type LocalBatch } from './transfer.ts';
import { batchKeys, officeKeys, reportId, reuseFromSources, type ReportRecord, type ReuseFrom } from './reuse.ts';

/** What every report page shares: plain data, so that it can be posted to a worker. */
export interface SharedData {
  config: SiteConfig;
  /** The header navigation (pages.ts `nav`). */
  nav: Link[];
  features: { pdf: boolean };
  /** The path prefix (site.yml 路径前缀), e.g. / or /nianbao/. */
  prefix: string;
  /** The content root: report sources are published beside their pages byte for byte. */
  contentRoot: string;
}

export type Written = OpenDataResult;

/**
 * What a batch wrote: its files and bytes, how many reports were linked from the previous output, and per report
 * and per office its record for the manifest.
 */
export interface BatchWritten extends Written {
  reused: number;
  records: Array<[string, ReportRecord]>;
  officeRecords: Array<[string, ReportRecord]>;
}


/** The layout every page uses, and the page bodies under templates/reports/. */
const LAYOUT = 'base.njk';
const REPORT = 'report.njk';
const COMPARE = 'compare.njk';
const OFFICE = 'office.njk';
/** An Atom feed (an include: it has no layout). */
const FEED = 'atom.njk';

export class ReportPageRenderer {
  private readonly env: nunjucks.Environment;
  /** The global data the templates read, as Eleventy's `nb`, `features` and `openData` give it to listings. */
  private readonly globals: Record<string, unknown>;

  constructor(private readonly shared: SharedData) {
    this.env = createEnvironment(shared.prefix);
    this.globals = {
      nb: { config: shared.config, nav: shared.nav, searchFilters: FILTERS },
      features: shared.features,
      openData: { url: DATA_URL, downloads: reportDownloads },
    };
  }

  private page(body: string, url: string, p: { head: unknown; crumbs: unknown; demo: boolean }, entry: unknown): string {
    return renderWithLayout(this.env, body, LAYOUT, { ...this.globals, page: { url }, head: p.head, crumbs: p.crumbs, demo: p.demo, entry });
  }

  reportHtml(p: ReportPage): string {
    return this.page(REPORT, p.url, p, p);
  }

  compareHtml(c: ComparePage): string {
    return this.page(COMPARE, c.url, c, c);
  }

  /** The files of one office: its page, the page's zh-Hant copy and its feed. */
  officeFiles(o: OfficeEntry): DataFile[] {
    const html = this.page(OFFICE, o.url, o, o);
    const out: DataFile[] = [
      { url: permalinkFor(o.url), data: html },
      { url: `/${HANT_DIR}${permalinkFor(o.url)}`, data: toHantPage(html, { prefix: this.shared.prefix }) },
    ];
    if (o.feed) out.push({ url: o.feed.permalink, data: this.env.render(FEED, { ...this.globals, feed: o.feed }) });
    return out;
  }

  /** Every file of one report: its pages, their renditions, its comparison and its open-data files. */
  files(p: ReportPage, compare: ComparePage | undefined): DataFile[] {
    const prefix = this.shared.prefix;
    const html = this.reportHtml(p);
    const out: DataFile[] = [
      { url: permalinkFor(p.url), data: html },
      { url: `/${HANT_DIR}${permalinkFor(p.url)}`, data: toHantPage(html, { prefix }) },
      { url: permalinkFor(`${p.url}${PINYIN_DIR}/`), data: toPinyinPage(html) },
    ];
    if (compare) {
      const chtml = this.compareHtml(compare);
      out.push({ url: permalinkFor(compare.url), data: chtml }, { url: `/${HANT_DIR}${permalinkFor(compare.url)}`, data: toHantPage(chtml, { prefix }) });
    }
    out.push(...reportDataFiles(p, this.shared.config, this.shared.contentRoot));
    return out;
  }

  /**
   * A batch as posted to a thread: each report's files linked from the previous output when its key is unchanged,
   * else rendered and written; with each report's record for this build's manifest.
   */
  writeBatch(batch: Batch, outputDir: string, reuse: ReuseFrom): BatchWritten {
    const keys = batchKeys(batch, reuse.sharedKey, this.shared.contentRoot);
    const out: BatchWritten = { files: 0, bytes: 0, reused: 0, records: [], officeRecords: [] };
    const count = (record: ReportRecord) => {
      out.files += record.files.length;
      for (const [, bytes] of record.files) out.bytes += bytes;
    };
    const write = (key: string, files: DataFile[]): ReportRecord => {
      const { sizes } = writeDataFiles(outputDir, files);
      return { key, files: files.map((f, j) => [f.url, sizes[j]!]) };
    };
    const opened = new OpenedBatch(batch);
    batch.pages.forEach((wire, i) => {
      const report = batch.reports[wire.report]!;
      const id = reportId(report.officeId, report.year);
      const key = keys[i]!;
      let record = reuseFromSources(reuse, 'reports', id, key, outputDir);
      if (record) out.reused++;
      else {
        const { page, compare } = opened.page(i);
        record = write(key, this.files(page, compare));
      }
      out.records.push([id, record]);
      count(record);
    });
    const officeKeyList = officeKeys(batch, reuse.sharedKey);
    batch.offices.forEach((o, i) => {
      const id = o.office.id;
      const key = officeKeyList[i]!;
      const record = reuseFromSources(reuse, 'offices', id, key, outputDir) ?? write(key, this.officeFiles(o));
      out.officeRecords.push([id, record]);
      count(record);
    });
    return out;
  }

  /** Renders the batch and writes it under `outputDir`, report by report, every path checked to stay inside it. */
  write(batch: LocalBatch, outputDir: string): Written {
    const total: Written = { files: 0, bytes: 0 };
    const compareOf = new Map(batch.compares.map((c) => [c.report, c]));
    const write = (files: DataFile[]) => {
      const w = writeDataFiles(outputDir, files);
      total.files += w.files;
      total.bytes += w.bytes;
    };
    for (const p of batch.pages) write(this.files(p, compareOf.get(p.report)));
    for (const o of batch.offices) write(this.officeFiles(o));
    return total;
  }
}
