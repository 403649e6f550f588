// The nianbao Eleventy plugin: loads the content once per build, exposes page models to templates, and sets the
// safety defaults Eleventy lacks (strict Nunjucks, our markdown-it, no template engine over Markdown, output paths
// checked to stay inside the output folder).
import path from 'node:path';
import { defaultPaths, loadSiteOrThrow, readPathPrefix, type SitePaths } from '../load/site.ts';
import type { SiteData } from '../model/types.ts';
import { markdown } from '../render/markdown.ts';
import { buildPages, type PageModels, type ReportPage, type SitePages } from '../site/pages.ts';
import { assertInsideOutput } from '../site/paths.ts';
import { registerFilters } from './filters.ts';
import { NUNJUCKS_OPTIONS } from '../render/templates.ts';
import { timed } from '../util/timings.ts';
import { flatString } from '../util/flat-string.ts';
import type nunjucks from 'nunjucks';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FILTERS, SEARCH_BUNDLE_URL } from '../search/bundle.ts';
import { MIN_RECORDS_FOR_THREAD, startSearchIndex, type SearchIndexer } from '../search/indexer.ts';
import { reportSearchRecord } from '../search/records.ts';
import { compareView, regionCharts, rollupView } from '../site/views.ts';
import type { RegionPage, RollupPage, ComparePage } from '../site/browse.ts';
import { writeReportPages } from '../report-pages/pool.ts';
import type { ReportPagesWritten } from '../report-pages/pool.ts';
import type { SharedData } from '../report-pages/render.ts';

export interface NianbaoOptions {
  /** Project root holding site.yml and reports/. */
  root?: string;
  paths?: SitePaths;
  /** Build the search index beside the pages (default true). */
  search?: boolean;
  /** Optional outputs chosen per build (report PDFs are linked from the pages; listings only: see BuildFeatures). */
  features?: { pdf?: boolean; listingsOnly?: boolean; reuseFrom?: string[] };
}

// The open-data page is another module's template; the navigation links it only when it is there.
const DATA_TEMPLATE = fileURLToPath(new URL('../../templates/pages/data.njk', import.meta.url));

// Minimal shape of the Eleventy config API we use (Eleventy 3 ships no type definitions).
export interface EleventyConfig {
  addPlugin(plugin: unknown, options?: unknown): void;
  addGlobalData(name: string, value: unknown): void;
  addFilter(name: string, fn: (...args: never[]) => unknown): void;
  addNunjucksGlobal(name: string, value: unknown): void;
  addWatchTarget(target: string): void;
  addPassthroughCopy(map: Record<string, string>): void;
  setLibrary(name: string, lib: unknown): void;
  setNunjucksEnvironmentOptions(opts: Record<string, unknown>): void;
  setTemplateFormats(formats: string[]): void;
  setIncludesDirectory(dir: string): void;
  setLayoutsDirectory(dir: string): void;
  on(event: string, fn: (arg: never) => unknown): void;
  addExtension(ext: string, options: Record<string, unknown>): void;
  dir?: { output?: string };
}

export interface BuildData {
  site: SiteData;
  pages: SitePages;
}

// The CLI checks the sources before Eleventy starts; it hands the loaded site over so that it is loaded once.
let preloaded: { root: string; site: SiteData } | undefined;
export function preloadSite(paths: SitePaths, site: SiteData): void {
  preloaded = { root: paths.root, site };
}

// Other plugins of the same build (open data) read the very data the pages render from, without loading again.
const siteDataGetters = new WeakMap<object, () => unknown>();
/** The `nb` global data of the build that `eleventyConfig` configures (registered by nianbaoPlugin). */
export function siteDataOf(eleventyConfig: object): () => unknown {
  const get = siteDataGetters.get(eleventyConfig);
  if (!get) throw new Error('nianbaoPlugin must be added before plugins that read its data');
  return get;
}

// What the last build wrote outside Eleventy's own results (the CLI adds it to the count it prints).
let lastReportPages: ReportPagesWritten = { files: 0, bytes: 0, reports: 0, reused: 0 };
export const reportPagesWritten = (): ReportPagesWritten => lastReportPages;
// A search index being built beside the pages: a build that fails before eleventy.after must stop it (it would
// otherwise go on writing into the abandoned output folder).
const running = new Set<SearchIndexer>();
export async function abortBackgroundWork(): Promise<void> {
  const all = [...running];
  running.clear();
  await Promise.all(all.map((s) => s.abort()));
}

/** The page models of a build (the same for a whole build and a shard build: see writeShard in src/cli/build.ts). */
export const pageModels = (site: SiteData): SitePages => buildPages(site, { dataPage: existsSync(DATA_TEMPLATE) });

/** What every report page shares, as the report-page threads get it. */
export function sharedData(paths: SitePaths, site: SiteData, pages: SitePages, pdf: boolean): SharedData {
  return { config: site.config, nav: pages.nav, features: { pdf }, prefix: readPathPrefix(paths), contentRoot: paths.root };
}

export function nianbaoPlugin(eleventyConfig: EleventyConfig, options: NianbaoOptions = {}): void {
  const paths = options.paths ?? defaultPaths(options.root ?? process.cwd());
  let data: BuildData | undefined;
  // Loaded once per build (and again after a change in watch mode), never per page.
  const load = (): BuildData => {
    if (!data) {
      const site = preloaded?.root === paths.root ? preloaded.site : loadSiteOrThrow(paths);
      preloaded = undefined;
      data = { site, pages: timed('页面模型', () => pageModels(site)) };
    }
    return data;
  };
  eleventyConfig.on('eleventy.beforeWatch', () => {
    data = undefined;
  });
  const nb = () => {
    const d = load();
    const p = d.pages;
    return {
      config: d.site.config,
      reports: p.reports,
      home: p.home,
      quality: p.quality,
      // Browsing pages (src/site/browse.ts): each list is paginated by one template; lists may be empty, and a
      // single page that would be empty is absent (undefined) and not generated.
      nav: p.nav,
      regionsIndex: p.regionsIndex ? [p.regionsIndex] : [],
      regions: p.regions,
      rollups: p.rollups,
      yearsIndex: p.yearsIndex ? [p.yearsIndex] : [],
      years: p.years,
      officesIndex: p.officesIndex ? [p.officesIndex] : [],
      search: p.search,
      notFound: p.notFound,
      siteFeed: p.feeds.site ? [p.feeds.site] : [],
      sitemap: p.sitemap,
      searchFilters: FILTERS,
      searchBundle: SEARCH_BUNDLE_URL,
    };
  };
  eleventyConfig.addGlobalData('nb', nb);
  siteDataGetters.set(eleventyConfig, nb);
  // Render-time views of the browsing pages: computed once for the page that shows them, not kept.
  eleventyConfig.addNunjucksGlobal('rollupView', (page: RollupPage) => rollupView(load().pages.index, page));
  eleventyConfig.addNunjucksGlobal('compareView', (page: ComparePage) => compareView(page));
  eleventyConfig.addNunjucksGlobal('regionCharts', (page: RegionPage) => regionCharts(load().pages.index, page, load().pages.regionYears.get(page.region.id) ?? []));
  eleventyConfig.addWatchTarget(paths.reports);
  eleventyConfig.addWatchTarget(paths.siteFile);

  const prefix = readPathPrefix(paths);
  eleventyConfig.setLibrary('md', markdown);
  eleventyConfig.setNunjucksEnvironmentOptions({ ...NUNJUCKS_OPTIONS });
  registerFilters(eleventyConfig, prefix);
  compileTemplatesOnce(eleventyConfig);

  // The pages each report has (report, comparison, renditions) and each office has (its page and feed) are not
  // Eleventy templates: at province scale Eleventy's per-page pipeline would cost more than the pages themselves,
  // and Eleventy keeps every page it renders in memory until the build ends. They are rendered with the same
  // templates by src/report-pages/, on worker threads, while Eleventy renders the listings.
  let run: { pages: Promise<ReportPagesWritten>; indexer?: SearchIndexer; indexed?: Promise<unknown> } | undefined;
  eleventyConfig.on('eleventy.before', ({ directories, outputMode }: { directories: { output: string }; outputMode: string }) => {
    if (outputMode !== 'fs' || options.features?.listingsOnly) return;
    const p = load().pages;
    // Search: each report's record comes from its page model (not its HTML), as each batch of models is made for
    // the render threads; on a large site the index thread takes them at once, so they are not kept here.
    const indexer = options.search === false ? undefined : startSearchIndex(path.resolve(directories.output), { thread: p.reports.length >= MIN_RECORDS_FOR_THREAD });
    if (indexer) running.add(indexer);
    const current: Partial<NonNullable<typeof run>> = { indexer };
    function* withSearch(batches: Iterable<PageModels>): Generator<PageModels> {
      for (const models of batches) {
        indexer?.add(models.pages.map(reportSearchRecord));
        yield models;
      }
      // Every report has its record: the index is written while the last batches render.
      if (indexer) {
        current.indexed = timed('搜索索引', () => indexer.finish());
        current.indexed.catch(() => undefined);
      }
    }
    current.pages = timed('报告页（工作线程）', () => writeReportPages({
      batches: (size) => withSearch(p.batches(size)),
      reports: p.reports.length,
      shared: sharedData(paths, load().site, p, options.features?.pdf === true),
      outputDir: path.resolve(directories.output),
      reuse: options.features?.reuseFrom,
    }));
    // Awaited in eleventy.after; a failure must not go unhandled in between.
    current.pages.catch(() => undefined);
    run = current as NonNullable<typeof run>;
  });

  // Paths come from validated ids, but check what was actually written: nothing may land outside the output.
  eleventyConfig.on('eleventy.after', ({ results, directories }: { results: Array<{ outputPath: string | false }>; directories: { output: string } }) => {
    for (const r of results) if (r.outputPath) assertInsideOutput(directories.output, r.outputPath);
  });
  eleventyConfig.on('eleventy.after', async () => {
    const r = run;
    run = undefined;
    if (!r) return;
    if (r.indexer) running.delete(r.indexer);
    try {
      lastReportPages = await r.pages;
      // The pages are written, so every batch was made and the index finished (withSearch).
      await r.indexed;
    } catch (e) {
      await r.indexer?.abort();
      throw e;
    }
  });
}

/**
 * Eleventy 3.1 compiles a paginated template again for every page it makes (and the layout with it): with a
 * thousand office pages that is most of the build. Each distinct source is compiled once here instead, by the
 * environment Eleventy set up (so filters, globals and includes are its own).
 */
function compileTemplatesOnce(eleventyConfig: EleventyConfig): void {
  let engine: { nunjucks: typeof nunjucks; environment: nunjucks.Environment } | undefined;
  eleventyConfig.on('eleventy.engine.njk', (e: { nunjucks: typeof nunjucks; environment: nunjucks.Environment }) => {
    engine = e;
    compiled.clear();
  });
  const compiled = new Map<string, nunjucks.Template>();
  eleventyConfig.addExtension('njk', {
    key: 'njk',
    compile(str: string, inputPath: string) {
      const key = `${inputPath}\0${str}`;
      let t = compiled.get(key);
      if (!t) {
        t = new engine!.nunjucks.Template(str, engine!.environment, inputPath, true);
        compiled.set(key, t);
      }
      const template = t;
      // Settled from a macrotask: Eleventy chains its pages through promises, which would otherwise hold the event
      // loop for the whole listing phase, and the report-page threads wait on it for their next batch.
      return (data: object) =>
        new Promise<string>((resolve, reject) => template.render(data, (err, res) => setImmediate(() => (err ? reject(err) : resolve(flatString(res!))))));
    },
  });
}

export type { ReportPage };
export const templatesDir = (root: string): string => path.join(root, 'templates');
