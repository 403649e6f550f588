// Page models, computed once per build from the loaded site: what each page shows, its URL, breadcrumbs and the
// government meta tags. Templates only print these. The browsing pages (regions, roll-ups, years, offices,
// comparison, search, feeds) are built in src/site/browse.ts and src/site/feeds.ts from the indexes of
// src/site/indexes.ts.
import type { Office, Region, Report, SiteData } from '../model/types.ts';
import { compareUrl, officeUrl, permalinkFor, reportUrl, urlFor, officesUrl, regionsUrl, searchUrl, yearsUrl } from './paths.ts';
import { deadlineFor } from '../model/fields.ts';
import { ruleInfo } from '../check/rules.ts';
import { buildIndex, type SiteIndex } from './indexes.ts';
import {
  COLUMN_NAME,
  COLUMN_TYPE,
  comparePages,
  hasCompare,
  homePage,
  makeCtx,
  notFoundPage,
  officeBrowse,
  officesIndex,
  regionCrumbs,
  regionPages,
  regionsIndex,
  reportBrowse,
  rollupPages,
  searchPage,
  yearPages,
  yearsIndex,
  type ComparePage,
  type Ctx,
  type Crumb,
  type HomePage,
  type Link,
  type MetaTag,
  type OfficeBrowse,
  type OfficesIndexPage,
  type PageHead,
  type RegionPage,
  type RegionsIndexPage,
  type ReportBrowse,
  type RollupPage,
  type SimplePage,
  type YearPage,
  type YearsIndexPage,
} from './browse.ts';
import { officeFeed, siteFeed, type Feed } from './feeds.ts';
import { officeCharts } from './views.ts';
import type { ChartModel } from '../charts/svg.ts';
import type { RegionYear } from '../rollup/regions.ts';
import { sitemapEntries, type SitemapEntry } from './sitemap.ts';
import { pushAll } from '../util/arrays.ts';

export { COLUMN_NAME };
export type { Crumb, MetaTag, PageHead };

export const QUALITY_URL = urlFor('quality');
export const DATA_PAGE_URL = urlFor('data');

export interface ReportPage {
  url: string;
  permalink: string;
  report: Report;
  office: Office;
  region?: Region;
  demo: boolean;
  head: PageHead;
  crumbs: Crumb[];
  /** The 信息公开 metadata block, in the customary order. */
  metaRows: Array<{ label: string; value: string }>;
  /** Neighbours, comparison, corrections and the office's regions. */
  browse: ReportBrowse;
}

/** An office's page (with its charts) and its Atom feed: rendered with its reports' pages (src/report-pages/). */
export interface OfficeEntry {
  office: Office;
  url: string;
  permalink: string;
  head: PageHead;
  crumbs: Crumb[];
  demo: boolean;
  reports: Array<{ year: number; url: string; title: string; published: string | null; revised?: string }>;
  browse: OfficeBrowse;
  charts: ChartModel[];
  /** The office's feed, when any of its reports has a 发布日期. */
  feed?: Feed;
}

export interface QualityRow {
  office: Office;
  year: number;
  url: string;
  format: string;
  published: string | null;
  deadline: string;
  /** true on time, false late, null when the publication date is not known. */
  onTime: boolean | null;
  unpublishedTables: string[];
  warnings: Array<{ rule: string; title: string; message: string; waived?: string }>;
}

/**
 * What the whole site needs of each report (the open data, the listings): far less than its page model. The page
 * models of reports and offices are made a batch of whole offices at a time (`batches`), each let go once its pages
 * are written: at 100,000 reports all of them at once would be ~0.8 GB.
 */
export type ReportEntry = Pick<ReportPage, 'report' | 'office' | 'region' | 'demo' | 'url'>;

/** The page models of whole offices: their reports' pages, the comparisons with last year, the offices' pages. */
export interface PageModels {
  pages: ReportPage[];
  compares: ComparePage[];
  offices: OfficeEntry[];
}

export interface SitePages {
  index: SiteIndex;
  /** Every report, in site order (office, then year). */
  reports: ReportEntry[];
  /** The page models of every report and office, in batches of whole offices of about `size` reports, made on demand. */
  batches(size: number): Generator<PageModels>;
  home: HomePage;
  quality: { url: string; head: PageHead; crumbs: Crumb[]; rows: QualityRow[]; totals: { reports: number; late: number; unknownDate: number; warnings: number; waived: number } };
  /** The header navigation: only pages that exist. */
  nav: Link[];
  regionsIndex?: RegionsIndexPage;
  regions: RegionPage[];
  rollups: RollupPage[];
  yearsIndex?: YearsIndexPage;
  years: YearPage[];
  officesIndex?: OfficesIndexPage;
  search: SimplePage;
  notFound: SimplePage;
  /** The site's feed (each office's is in its entry). */
  feeds: { site?: Feed };
  /** Every HTML page, for sitemap.xml. */
  sitemap: SitemapEntry[];
  /** A region's years with their roll-up figures (for the region page's trend chart). */
  regionYears: Map<string, RegionYear[]>;
}

/** Whether a region or any of its ancestors is fictional demo data. */
export function isDemoRegion(regions: readonly Region[], id: string | undefined): boolean {
  for (let r = regions.find((x) => x.id === id); r; r = regions.find((x) => x.id === r!.parent)) if (r.demo) return true;
  return false;
}

export interface BuildPagesOptions {
  /** Whether the open-data page (/data/) is built, to link it from the navigation. */
  dataPage?: boolean;
}

/**
 * The page models of the pages each report has: its report page, and its comparison with last year where there is
 * one. A build makes them for every report; the dev server for the one office an editor changed.
 */
export function reportPageModels(ctx: Ctx, reports: readonly Report[]): { reports: ReportPage[]; compares: ComparePage[] } {
  const { site, index } = ctx;
  const home: Crumb = ctx.home;
  const articleBase = ctx.siteMetas;

  const reportCrumbs = (report: Report): Crumb[] => {
    const office = index.officeById.get(report.officeId)!;
    return [home, ...regionCrumbs(ctx, office.region), { label: office.name, url: officeUrl(office.id) }, { label: `${report.year}年度报告` }];
  };

  const pages = reports.map((report): ReportPage => {
    const office = index.officeById.get(report.officeId)!;
    const region = index.regionById.get(office.region);
    const url = reportUrl(office.id, report.year);
    const m = report.meta;
    const metaRows = [
      { label: '索引号', value: m.indexNo ?? '' },
      { label: '主题分类', value: m.topic },
      { label: '发布机构', value: m.publisher },
      { label: '成文日期', value: m.written ?? '' },
      { label: '发布日期', value: m.published ?? '不详（来源未注明）' },
      { label: '文号', value: m.docNo ?? '' },
      { label: '名称', value: m.title },
    ].filter((r) => r.value !== '');
    return {
      url,
      permalink: permalinkFor(url),
      report,
      office,
      region,
      demo: index.isDemo(office.region),
      head: {
        title: `${m.title} - ${site.config.name}`,
        metas: [
          ...articleBase,
          { name: 'ColumnName', content: COLUMN_NAME },
          { name: 'ColumnType', content: COLUMN_TYPE },
          { name: 'ArticleTitle', content: m.title },
          // Only the date is known; no time of day is invented (a forged 发稿日期 is a single-veto failure).
          ...(m.published ? [{ name: 'PubDate', content: m.published }] : []),
          { name: 'ContentSource', content: m.publisher },
          { name: 'Author', content: m.publisher },
          { name: 'Keywords', content: `${office.shortName},政府信息公开,年度报告,${report.year}` },
          { name: 'Description', content: `${m.title}（${report.format.def.name}）` },
          { name: 'Url', content: ctx.absolute(url) },
        ],
      },
      crumbs: reportCrumbs(report),
      metaRows,
      browse: reportBrowse(ctx, report),
    };
  });

  return { reports: pages, compares: comparePages(ctx, reportCrumbs, reports) };
}

/** The pages of the offices that have reports (the others have none), given their reports' comparison pages. */
export function officeEntries(ctx: Ctx, offices: readonly Office[], compares: readonly ComparePage[]): OfficeEntry[] {
  const { index, site } = ctx;
  const compareByReport = new Map(compares.map((c) => [c.report, c.url]));
  return offices
    .filter((office) => (index.reportsByOffice.get(office.id)?.length ?? 0) > 0)
    .map((office): OfficeEntry => {
      const feed = officeFeed(ctx, office.id);
      const browse = officeBrowse(ctx, office, compareByReport, feed !== undefined);
      return {
        office,
        url: officeUrl(office.id),
        permalink: permalinkFor(officeUrl(office.id)),
        head: {
          title: `${office.name} - ${site.config.name}`,
          metas: ctx.listingMetas(`${office.name}历年政府信息公开工作年度报告`, [office.shortName]),
          links: browse.feedUrl ? [{ rel: 'alternate', type: 'application/atom+xml', title: `${office.name}政府信息公开工作年度报告`, href: browse.feedUrl }] : undefined,
        },
        crumbs: [ctx.home, ...regionCrumbs(ctx, office.region), { label: office.name }],
        demo: index.isDemo(office.region),
        reports: index.reportsByOffice.get(office.id)!.map((r) => ({
          year: r.year,
          url: reportUrl(office.id, r.year),
          title: r.meta.title,
          published: r.meta.published,
          revised: r.revisions.length ? r.revisions[r.revisions.length - 1]!.date : undefined,
        })),
        browse,
        charts: officeCharts(index, office.id),
        feed,
      };
    });
}

/** The page models of `reports` (whole offices, in site order) and of their offices. */
export function officePageModels(ctx: Ctx, reports: readonly Report[]): PageModels {
  const { reports: pages, compares } = reportPageModels(ctx, reports);
  const ids = [...new Set(reports.map((r) => r.officeId))];
  return { pages, compares, offices: officeEntries(ctx, ids.map((id) => ctx.index.officeById.get(id)!), compares) };
}

/**
 * Splits reports sorted by office into runs of whole offices (a comparison needs last year's report, an office's
 * page all its reports), each run starting once the one before has at least `size` reports.
 */
export function officeRuns(reports: readonly Report[], size: number): Report[][] {
  const runs: Report[][] = [];
  let cur: Report[] | undefined;
  let office: string | undefined;
  for (const r of reports) {
    if (!cur || (r.officeId !== office && cur.length >= size)) runs.push((cur = []));
    office = r.officeId;
    cur.push(r);
  }
  return runs;
}

/** Every page model of a site at once (small sites, tests and benches: a build makes them a batch at a time). */
export function allPageModels(pages: SitePages): PageModels {
  const all: PageModels = { pages: [], compares: [], offices: [] };
  for (const m of pages.batches(Infinity)) {
    pushAll(all.pages, m.pages);
    pushAll(all.compares, m.compares);
    pushAll(all.offices, m.offices);
  }
  return all;
}

export function buildPages(site: SiteData, options: BuildPagesOptions = {}): SitePages {
  const index = buildIndex(site);
  const ctx = makeCtx(site, index);
  const home: Crumb = ctx.home;
  const reports = site.reports.map((report): ReportEntry => {
    const office = index.officeById.get(report.officeId)!;
    return { report, office, region: index.regionById.get(office.region), demo: index.isDemo(office.region), url: reportUrl(office.id, report.year) };
  });

  const feeds = { site: siteFeed(ctx) };

  const qualityRows = reports.map((p): QualityRow => {
    const deadline = deadlineFor(p.office.type, p.report.year);
    const published = p.report.meta.published;
    return {
      office: p.office,
      year: p.report.year,
      url: p.url,
      format: p.report.format.def.name,
      published,
      deadline,
      onTime: published === null ? null : published <= deadline,
      unpublishedTables: p.report.format.tables.filter((t) => p.report.tables[t.id].status === 'unpublished').map((t) => t.key),
      warnings: p.report.warnings.map((w) => ({ rule: w.rule, title: ruleInfo(w.rule).title, message: w.message, waived: w.waived })),
    };
  });
  const allWarnings = qualityRows.flatMap((r) => r.warnings);

  const regionsIdx = regionsIndex(ctx);
  const yearsIdx = yearsIndex(ctx);
  const officesIdx = officesIndex(ctx);
  const nav: Link[] = [
    { label: '首页', url: urlFor() },
    ...(regionsIdx ? [{ label: '地区', url: regionsUrl() }] : []),
    ...(officesIdx ? [{ label: '机构', url: officesUrl() }] : []),
    ...(yearsIdx ? [{ label: '年度', url: yearsUrl() }] : []),
    ...(options.dataPage ? [{ label: '数据', url: DATA_PAGE_URL }] : []),
    { label: '质量', url: QUALITY_URL },
    { label: '搜索', url: searchUrl() },
  ];
  // Listings a reader can use instead of search (no JavaScript) or after a 404.
  const listings: Link[] = [
    ...(officesIdx ? [{ label: '全部机构', url: officesUrl() }] : []),
    ...(regionsIdx ? [{ label: '按地区浏览', url: regionsUrl() }] : []),
    ...(yearsIdx ? [{ label: '按年度浏览', url: yearsUrl() }] : []),
    ...(options.dataPage ? [{ label: '开放数据', url: DATA_PAGE_URL }] : []),
    { label: '报告质量检查', url: QUALITY_URL },
  ];

  const lastmod = new Map<string, string>();
  for (const r of site.reports) {
    const date = [r.meta.published ?? '', ...r.revisions.map((x) => x.date)].reduce((a, b) => (b > a ? b : a), '');
    if (date) lastmod.set(reportUrl(r.officeId, r.year), date);
  }

  const regionList = regionPages(ctx);
  const rollupList = rollupPages(ctx);
  const yearList = yearPages(ctx);
  const search = searchPage(ctx, listings);
  const sitemapUrls = [
    urlFor(),
    QUALITY_URL,
    ...(options.dataPage ? [DATA_PAGE_URL] : []),
    ...[regionsIdx, yearsIdx, officesIdx].flatMap((p) => (p ? [p.url] : [])),
    ...[regionList, rollupList, yearList, reports].flatMap((list: Array<{ url: string }>) => list.map((p) => p.url)),
    // The pages of offices with reports, and of comparisons with last year (their models are made per batch).
    ...site.offices.flatMap((o) => (index.reportsByOffice.get(o.id)?.length ? [officeUrl(o.id)] : [])),
    ...site.reports.flatMap((r) => (hasCompare(ctx, r) ? [compareUrl(r.officeId, r.year)] : [])),
    search.url,
  ];

  return {
    index,
    reports,
    *batches(size: number) {
      for (const run of officeRuns(site.reports, size)) yield officePageModels(ctx, run);
    },
    quality: {
      url: QUALITY_URL,
      head: { title: `报告质量检查 - ${site.config.name}`, metas: ctx.listingMetas('各报告的发布时间、未发布的表格和一致性检查警告', ['质量检查']) },
      crumbs: [home, { label: '报告质量检查' }],
      rows: qualityRows,
      totals: {
        reports: qualityRows.length,
        late: qualityRows.filter((r) => r.onTime === false).length,
        unknownDate: qualityRows.filter((r) => r.onTime === null).length,
        warnings: allWarnings.filter((w) => !w.waived).length,
        waived: allWarnings.filter((w) => w.waived).length,
      },
    },
    home: homePage(ctx, listings, feeds.site?.url),
    nav,
    regionsIndex: regionsIdx,
    regions: regionList,
    rollups: rollupList,
    yearsIndex: yearsIdx,
    years: yearList,
    officesIndex: officesIdx,
    search,
    notFound: notFoundPage(ctx, [{ label: '首页', url: urlFor() }, ...listings]),
    feeds,
    sitemap: sitemapEntries(site.config, sitemapUrls, lastmod),
    regionYears: ctx.regionYears,
  };
}
