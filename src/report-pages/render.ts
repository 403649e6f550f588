// Renders every page that exists once per report — the report, its comparison with last year, the Traditional-
// script copies of both and the pinyin reading aid — with the site's own templates (src/render/templates.ts), and
// writes them into the build's output folder. The same code runs on worker threads (pool.ts) and, for small sites
// and the dev server, on the calling thread.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type nunjucks from 'nunjucks';
import type { SiteConfig } from '../model/types.ts';
import { createEnvironment, renderWithLayout } from '../render/templates.ts';
import { HANT_DIR, PINYIN_DIR, toHantPage, toPinyinPage } from '../render/renditions.ts';
import type { ReportPage } from '../site/pages.ts';
import type { ComparePage } from '../site/browse.ts';
import type { Link } from '../site/browse.ts';
import { assertInsideOutput, permalinkFor } from '../site/paths.ts';
import { FILTERS } from '../search/pagefind.ts';
import { DATA_URL } from '../export/files.ts';
import { reportDownloads } from '../export/page.ts';
import type { LocalBatch } from './transfer.ts';

/** What every report page shares: plain data, so that it can be posted to a worker. */
export interface SharedData {
  config: SiteConfig;
  /** The header navigation (pages.ts `nav`). */
  nav: Link[];
  features: { pdf: boolean };
  /** The path prefix (site.yml 路径前缀), e.g. / or /nianbao/. */
  prefix: string;
}

export interface Written {
  files: number;
  bytes: number;
}

/** The layout every page uses, and the page bodies under templates/reports/. */
const LAYOUT = 'base.njk';
const REPORT = 'report.njk';
const COMPARE = 'compare.njk';

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

  /** Every file of the batch's pages, as output-relative paths and contents. */
  *files(batch: LocalBatch): Generator<[string, string]> {
    const prefix = this.shared.prefix;
    const compareOf = new Map(batch.compares.map((c) => [c.report, c]));
    for (const p of batch.pages) {
      const rel = permalinkFor(p.url).slice(1);
      const html = this.reportHtml(p);
      yield [rel, html];
      yield [path.posix.join(HANT_DIR, rel), toHantPage(html, { prefix })];
      yield [path.posix.join(path.posix.dirname(rel), PINYIN_DIR, 'index.html'), toPinyinPage(html)];
      const c = compareOf.get(p.report);
      if (c) {
        const crel = permalinkFor(c.url).slice(1);
        const chtml = this.compareHtml(c);
        yield [crel, chtml];
        yield [path.posix.join(HANT_DIR, crel), toHantPage(chtml, { prefix })];
      }
    }
  }

  /** Renders the batch and writes it under `outputDir`, every path checked to stay inside it. */
  write(batch: LocalBatch, outputDir: string): Written {
    const out: Written = { files: 0, bytes: 0 };
    const made = new Set<string>();
    for (const [rel, data] of this.files(batch)) {
      const file = path.join(outputDir, rel);
      assertInsideOutput(outputDir, file);
      const dir = path.dirname(file);
      if (!made.has(dir)) {
        mkdirSync(dir, { recursive: true });
        made.add(dir);
      }
      writeFileSync(file, data);
      out.files++;
      out.bytes += Buffer.byteLength(data);
    }
    return out;
  }
}
