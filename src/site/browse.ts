// Page models of the browsing pages — home, regions, region roll-ups (汇总), years, offices, compare-with-last-year,
// search, feeds, 404 — computed once per build from the indexes (src/site/indexes.ts). Each model is light: URLs,
// labels, references to loaded reports. Tables and charts are built when their page renders (src/site/views.ts),
// so that no big structure is held per page.
import type { Office, Region, Report, SiteData } from '../model/types.ts';
import { formatForYear } from '../formats/index.ts';
import { regionYears, type RegionYear } from '../rollup/regions.ts';
import { fmt } from '../charts/svg.ts';
import { comparable } from './compare.ts';
import type { SiteIndex, MeasureColumn } from './indexes.ts';
import { officeOrder } from './indexes.ts';
import {
  compareUrl,
  officeFeedUrl,
  officeUrl,
  officesUrl,
  permalinkFor,
  regionUrl,
  regionsUrl,
  reportUrl,
  rollupUrl,
  searchUrl,
  urlFor,
  yearUrl,
  yearsUrl,
} from './paths.ts';

export interface Crumb {
  label: string;
  url?: string;
}

export interface MetaTag {
  name: string;
  content: string;
}

/** A <link> in the head, e.g. an Atom feed (href is site-relative; the layout adds the path prefix). */
export interface HeadLink {
  rel: string;
  type: string;
  title: string;
  href: string;
}

export interface PageHead {
  title: string;
  metas: MetaTag[];
  links?: HeadLink[];
}

export interface Link {
  label: string;
  url: string;
}

/** What every page model carries for the layout. */
export interface PageBase {
  url: string;
  permalink: string;
  head: PageHead;
  crumbs: Crumb[];
  demo: boolean;
}

export const COLUMN_NAME = '政府信息公开年报';
export const COLUMN_TYPE = '信息公开年报';

export interface Ctx {
  site: SiteData;
  index: SiteIndex;
  /** Absolute URL on the deployed site (domain and path prefix from site.yml). */
  absolute(url: string): string;
  home: Crumb;
  siteMetas: MetaTag[];
  /** Government meta tags of a listing (column) page. */
  listingMetas(description: string, keywords: string[]): MetaTag[];
  /** Each region's years with the reports its roll-up covers and the offices missing (src/rollup/regions.ts). */
  regionYears: Map<string, RegionYear[]>;
}

export function makeCtx(site: SiteData, index: SiteIndex): Ctx {
  let years: Map<string, RegionYear[]> | undefined;
  const c = site.config;
  const siteMetas: MetaTag[] = [
    { name: 'SiteName', content: c.name },
    { name: 'SiteDomain', content: c.domain },
    { name: 'SiteIDCode', content: c.idCode },
  ];
  return {
    site,
    index,
    absolute: (url) => `https://${c.domain}${c.pathPrefix.replace(/\/$/, '')}${url}`,
    home: { label: '首页', url: urlFor() },
    siteMetas,
    listingMetas: (description, keywords) => [
      ...siteMetas,
      { name: 'ColumnName', content: COLUMN_NAME },
      { name: 'ColumnDescription', content: description },
      { name: 'ColumnKeywords', content: ['政府信息公开', '年度报告', ...keywords].join(',') },
      { name: 'ColumnType', content: COLUMN_TYPE },
    ],
    // Computed when a listing first needs it: the pages of one office (the dev server's edit) never do.
    get regionYears() {
      return (years ??= regionYears(index));
    },
  };
}

const page = (url: string) => ({ url, permalink: permalinkFor(url) });

/** Region crumbs from the top region down, each linked to its region page when that page exists. */
export function regionCrumbs(ctx: Ctx, regionId: string): Crumb[] {
  return ctx.index.regionChain(regionId).map((r) => ({ label: r.name, url: ctx.index.nonEmptyRegions.has(r.id) ? regionUrl(r.id) : undefined }));
}

const hasReports = (ctx: Ctx, officeId: string) => (ctx.index.reportsByOffice.get(officeId)?.length ?? 0) > 0;

// ---------------------------------------------------------------------------------------------------------------
// Regions

export interface RegionNode {
  name: string;
  url: string;
  demo: boolean;
  offices: number;
  children: RegionNode[];
}

function regionTree(ctx: Ctx, parent: string, depth: number): RegionNode[] {
  if (depth <= 0) return [];
  return (ctx.index.regionChildren.get(parent) ?? [])
    .filter((r) => ctx.index.nonEmptyRegions.has(r.id))
    .map((r) => ({ name: r.name, url: regionUrl(r.id), demo: ctx.index.isDemo(r.id), offices: ctx.index.officesUnder.get(r.id)!.length, children: regionTree(ctx, r.id, depth - 1) }));
}

export interface OfficeNode {
  name: string;
  /** The office page, when the office has reports. */
  url?: string;
  reports: Array<{ year: number; url: string }>;
  children: OfficeNode[];
}

export interface RegionYearRow {
  year: number;
  /** The roll-up page, when any office of the region published a table that year. */
  url?: string;
  reports: number;
  missing: number;
  /** Key measures summed, as shown (with （不全） when some offices' figure is unknown). */
  values: string[];
  /** Why there is no roll-up this year, when there is none. */
  note?: string;
}

/**
 * Lists on region and roll-up pages cover the region and everything below it; above this many entries they list
 * only the region's own offices and summarise each sub-region (whose page lists its own), so that a province's
 * page does not carry every office of the province.
 */
export const LIST_LIMIT = 500;

export interface RegionPage extends PageBase {
  region: Region;
  children: RegionNode[];
  offices: OfficeNode[];
  /** Set when `offices` lists only the region's own offices (see LIST_LIMIT). */
  officesNote?: string;
  years: RegionYearRow[];
  measures: readonly MeasureColumn[];
  /** Whether any roll-up figure is partial. */
  hasPartial: boolean;
}

/** A summed measure as shown: the sum, marked 不全 when some reports' figure is unknown; 缺失 if none known. */
export function sumText(s: { value: number; known: number; unknown: number }): string {
  if (s.known === 0) return '缺失';
  return s.unknown ? `${fmt(s.value)}（不全）` : fmt(s.value);
}

function officeTree(ctx: Ctx, offices: readonly Office[]): OfficeNode[] {
  const inside = new Set(offices.map((o) => o.id));
  const node = (o: Office): OfficeNode => ({
    name: o.name,
    url: hasReports(ctx, o.id) ? officeUrl(o.id) : undefined,
    reports: (ctx.index.reportsByOffice.get(o.id) ?? []).map((r) => ({ year: r.year, url: reportUrl(o.id, r.year) })),
    children: (ctx.index.officeChildren.get(o.id) ?? []).filter((c) => inside.has(c.id)).map(node),
  });
  return offices.filter((o) => !o.parent || !inside.has(o.parent)).sort(officeOrder).map(node);
}

export function regionPages(ctx: Ctx): RegionPage[] {
  const out: RegionPage[] = [];
  for (const region of [...ctx.index.regionById.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const offices = ctx.index.officesUnder.get(region.id);
    if (!offices?.length) continue;
    const years = ctx.regionYears.get(region.id) ?? [];
    const rows = years.map((y): RegionYearRow => ({
      year: y.year,
      url: y.hasData ? rollupUrl(region.id, y.year) : undefined,
      reports: y.reports.length,
      missing: y.missing.length,
      values: y.reports.length ? y.measures.map(sumText) : y.measures.map(() => '—'),
      note: y.hasData ? undefined : y.reports.length ? `${y.year}年度本地区的报告均未发布统计表，无法汇总。` : `${y.year}年度本站没有本地区机构的报告。`,
    }));
    const url = regionUrl(region.id);
    out.push({
      ...page(url),
      head: { title: `${region.name} - ${ctx.site.config.name}`, metas: ctx.listingMetas(`${region.name}各机构的政府信息公开工作年度报告和汇总数据`, [region.name]) },
      crumbs: [ctx.home, ...regionCrumbs(ctx, region.id).slice(0, -1), { label: region.name }],
      demo: ctx.index.isDemo(region.id),
      region,
      children: regionTree(ctx, region.id, 1),
      offices: officeTree(ctx, offices.length > LIST_LIMIT ? offices.filter((o) => o.region === region.id) : offices),
      officesNote: offices.length > LIST_LIMIT ? `本地区及下级地区共有${offices.length}个机构。这里只列出本级的机构，下级地区的机构见各下级地区的页面。` : undefined,
      years: rows,
      measures: ctx.index.measures,
      hasPartial: rows.some((r) => r.values.some((v) => v.includes('不全'))),
    });
  }
  return out;
}

export interface RegionsIndexPage extends PageBase {
  tree: RegionNode[];
}

export function regionsIndex(ctx: Ctx): RegionsIndexPage | undefined {
  const tree = regionTree(ctx, '', Infinity);
  if (!tree.length) return undefined;
  return {
    ...page(regionsUrl()),
    head: { title: `地区 - ${ctx.site.config.name}`, metas: ctx.listingMetas('按地区浏览各机构的政府信息公开工作年度报告和汇总数据', ['地区']) },
    crumbs: [ctx.home, { label: '地区' }],
    demo: false,
    tree,
  };
}

export interface RollupPage extends PageBase {
  region: Region;
  year: number;
  title: string;
  formatName: string;
  issuedBy: string;
  regionUrl: string;
  prev?: Link;
  next?: Link;
  /** The reports summed (render-time input of src/site/views.ts). */
  reports: Report[];
  missing: Link[];
  /** Expected offices without a report in sub-regions, counted per sub-region when there are too many to list. */
  missingElsewhere: Array<Link & { count: number }>;
  /** Child regions that have a roll-up the same year, for drilling down. */
  children: Link[];
}

/** The missing offices of a roll-up: all of them, or above LIST_LIMIT the region's own and a count per sub-region. */
function missingLists(ctx: Ctx, region: Region, missing: readonly Office[]): { missing: Link[]; missingElsewhere: Array<Link & { count: number }> } {
  const link = (o: Office) => ({ label: o.name, url: officeUrl(o.id) });
  if (missing.length <= LIST_LIMIT) return { missing: missing.map(link), missingElsewhere: [] };
  const elsewhere = new Map<string, number>();
  const own: Office[] = [];
  for (const o of missing) {
    if (o.region === region.id) own.push(o);
    else {
      const chain = ctx.index.regionChain(o.region);
      const child = chain[chain.findIndex((r) => r.id === region.id) + 1]!;
      elsewhere.set(child.id, (elsewhere.get(child.id) ?? 0) + 1);
    }
  }
  return {
    missing: own.map(link),
    missingElsewhere: [...elsewhere.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, count]) => ({ label: ctx.index.regionById.get(id)!.name, url: regionUrl(id), count })),
  };
}

export function rollupPages(ctx: Ctx): RollupPage[] {
  const out: RollupPage[] = [];
  for (const [regionId, years] of ctx.regionYears) {
    const region = ctx.index.regionById.get(regionId)!;
    const withData = years.filter((y) => y.hasData);
    withData.forEach((y, i) => {
      const format = formatForYear(y.year)!;
      const url = rollupUrl(regionId, y.year);
      const title = `${region.name}${y.year}年度政府信息公开工作年度报告数据汇总`;
      const prev = withData[i - 1];
      const next = withData[i + 1];
      const children = (ctx.index.regionChildren.get(regionId) ?? [])
        .filter((c) => ctx.regionYears.get(c.id)?.some((x) => x.year === y.year && x.hasData))
        .map((c) => ({ label: c.name, url: rollupUrl(c.id, y.year) }));
      out.push({
        ...page(url),
        head: { title: `${title} - ${ctx.site.config.name}`, metas: ctx.listingMetas(`${title}：由辖区内各机构报告的数据汇总计算`, [region.name, `${y.year}`, '汇总']) },
        crumbs: [ctx.home, ...regionCrumbs(ctx, regionId), { label: `${y.year}年度汇总` }],
        demo: ctx.index.isDemo(regionId),
        region,
        year: y.year,
        title,
        formatName: format.def.name,
        issuedBy: format.def.issuedBy,
        regionUrl: regionUrl(regionId),
        prev: prev && { label: `${prev.year}年度汇总`, url: rollupUrl(regionId, prev.year) },
        next: next && { label: `${next.year}年度汇总`, url: rollupUrl(regionId, next.year) },
        reports: y.reports,
        ...missingLists(ctx, region, y.missing),
        children,
      });
    });
  }
  return out.sort((a, b) => (a.url < b.url ? -1 : 1));
}

// ---------------------------------------------------------------------------------------------------------------
// Years

export interface YearRow {
  office: string;
  url: string;
  region: string;
  published: string | null;
  demo: boolean;
  values: string[];
}

export interface YearPage extends PageBase {
  year: number;
  formatName: string;
  issuedBy: string;
  rows: YearRow[];
  measures: readonly MeasureColumn[];
  /** Expected offices without a report this year (未发布): those that published in an earlier year. */
  missing: Array<{ office: string; url: string; lastYear: number; lastUrl: string; demo: boolean }>;
  rollups: Link[];
  prev?: Link;
  next?: Link;
  hasDemo: boolean;
}

const valueText = (v: number | undefined) => (v === undefined ? '缺失' : fmt(v));

export function yearPages(ctx: Ctx): YearPage[] {
  const { index } = ctx;
  return index.years.map((year, i): YearPage => {
    const format = formatForYear(year)!;
    const reports = index.reportsByYear.get(year)!;
    const rows = reports.map((r): YearRow => {
      const o = index.officeById.get(r.officeId)!;
      return { office: o.name, url: reportUrl(o.id, year), region: index.regionById.get(o.region)?.name ?? '', published: r.meta.published, demo: index.isDemo(o.region), values: index.measureValues(r).map(valueText) };
    });
    const missing = index.missing(year).map((o) => {
      const last = [...index.reportsByOffice.get(o.id)!].reverse().find((r) => r.year < year)!;
      return { office: o.name, url: officeUrl(o.id), lastYear: last.year, lastUrl: reportUrl(o.id, last.year), demo: index.isDemo(o.region) };
    });
    // Roll-ups of the top-level regions for this year, as entry points.
    const rollups = (index.regionChildren.get('') ?? [])
      .filter((r) => ctx.regionYears.get(r.id)?.some((y) => y.year === year && y.hasData))
      .map((r) => ({ label: `${r.name}${year}年度汇总`, url: rollupUrl(r.id, year) }));
    const url = yearUrl(year);
    const prev = index.years[i - 1];
    const next = index.years[i + 1];
    return {
      ...page(url),
      head: { title: `${year}年度政府信息公开工作年度报告 - ${ctx.site.config.name}`, metas: ctx.listingMetas(`${year}年度各机构的政府信息公开工作年度报告`, [`${year}`]) },
      crumbs: [ctx.home, { label: '年度', url: yearsUrl() }, { label: `${year}年度` }],
      demo: false,
      year,
      formatName: format.def.name,
      issuedBy: format.def.issuedBy,
      rows,
      measures: index.measures,
      missing,
      rollups,
      prev: prev === undefined ? undefined : { label: `${prev}年度`, url: yearUrl(prev) },
      next: next === undefined ? undefined : { label: `${next}年度`, url: yearUrl(next) },
      hasDemo: rows.some((r) => r.demo) || missing.some((m) => m.demo),
    };
  });
}

export interface YearLink {
  year: number;
  url: string;
  reports: number;
  missing: number;
  formatName: string;
}

export interface YearsIndexPage extends PageBase {
  years: YearLink[];
}

function yearLinks(ctx: Ctx): YearLink[] {
  return [...ctx.index.years].reverse().map((year) => ({ year, url: yearUrl(year), reports: ctx.index.reportsByYear.get(year)!.length, missing: ctx.index.missing(year).length, formatName: formatForYear(year)!.def.name }));
}

export function yearsIndex(ctx: Ctx): YearsIndexPage | undefined {
  if (!ctx.index.years.length) return undefined;
  return {
    ...page(yearsUrl()),
    head: { title: `年度 - ${ctx.site.config.name}`, metas: ctx.listingMetas('按年度浏览各机构的政府信息公开工作年度报告', ['年度']) },
    crumbs: [ctx.home, { label: '年度' }],
    demo: false,
    years: yearLinks(ctx),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Offices

export interface OfficesIndexPage extends PageBase {
  groups: Array<{ region: string; url?: string; demo: boolean; offices: Array<{ name: string; url: string; reports: Array<{ year: number; url: string }> }> }>;
}

export function officesIndex(ctx: Ctx): OfficesIndexPage | undefined {
  const { index } = ctx;
  const groups = new Map<string, Office[]>();
  for (const o of ctx.site.offices) if (hasReports(ctx, o.id)) (groups.get(o.region) ?? groups.set(o.region, []).get(o.region)!).push(o);
  if (!groups.size) return undefined;
  const chainKey = (id: string) => index.regionChain(id).map((r) => r.id).join('/');
  return {
    ...page(officesUrl()),
    head: { title: `机构 - ${ctx.site.config.name}`, metas: ctx.listingMetas('发布政府信息公开工作年度报告的各机构', ['机构']) },
    crumbs: [ctx.home, { label: '机构' }],
    demo: false,
    groups: [...groups.entries()]
      .sort(([a], [b]) => (chainKey(a) < chainKey(b) ? -1 : 1))
      .map(([regionId, offices]) => ({
        region: index.regionChain(regionId).map((r) => r.name).join(' › ') || regionId,
        url: index.nonEmptyRegions.has(regionId) ? regionUrl(regionId) : undefined,
        demo: index.isDemo(regionId),
        offices: offices.sort(officeOrder).map((o) => ({ name: o.name, url: officeUrl(o.id), reports: index.reportsByOffice.get(o.id)!.map((r) => ({ year: r.year, url: reportUrl(o.id, r.year) })) })),
      })),
  };
}

/** What an office page adds to the report list: its place, related offices, feed and key measures by year. */
export interface OfficeBrowse {
  regions: Crumb[];
  parent?: Link;
  children: Link[];
  feedUrl?: string;
  measures: readonly MeasureColumn[];
  measureRows: Array<{ year: number; url: string; values: string[]; compareUrl?: string }>;
}

export function officeBrowse(ctx: Ctx, office: Office, compareUrls: ReadonlyMap<Report, string>, hasFeed: boolean): OfficeBrowse {
  const { index } = ctx;
  const parent = office.parent ? index.officeById.get(office.parent) : undefined;
  return {
    regions: regionCrumbs(ctx, office.region),
    parent: parent && hasReports(ctx, parent.id) ? { label: parent.name, url: officeUrl(parent.id) } : undefined,
    children: (index.officeChildren.get(office.id) ?? []).filter((c) => hasReports(ctx, c.id)).map((c) => ({ label: c.name, url: officeUrl(c.id) })),
    feedUrl: hasFeed ? officeFeedUrl(office.id) : undefined,
    measures: index.measures,
    measureRows: (index.reportsByOffice.get(office.id) ?? []).map((r) => ({ year: r.year, url: reportUrl(office.id, r.year), values: index.measureValues(r).map(valueText), compareUrl: compareUrls.get(r) })),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Report pages: neighbours, comparison, corrections

export interface ReportBrowse {
  /** The office's previous and next report (nearest years). */
  prev?: Link;
  next?: Link;
  /** The compare-with-last-year page, when last year's report exists and shares cells with this one. */
  compareUrl?: string;
  /** Why there is no comparison, when there is none. */
  compareNote?: string;
  /** The latest 修订记录 entry and how many there are: shown near the top. */
  revised?: { date: string; count: number };
  /** The office's region and its ancestors, for the context line and the search filter 地区. */
  regions: Crumb[];
  office: Link;
}

export function reportBrowse(ctx: Ctx, report: Report): ReportBrowse {
  const list = ctx.index.reportsByOffice.get(report.officeId)!;
  const i = list.indexOf(report);
  const prev = list[i - 1];
  const next = list[i + 1];
  const last = ctx.index.report(report.officeId, report.year - 1);
  const office = ctx.index.officeById.get(report.officeId)!;
  const canCompare = hasCompare(ctx, report);
  const revisions = report.revisions;
  return {
    prev: prev && { label: `${prev.year}年度报告`, url: reportUrl(report.officeId, prev.year) },
    next: next && { label: `${next.year}年度报告`, url: reportUrl(report.officeId, next.year) },
    compareUrl: canCompare ? compareUrl(report.officeId, report.year) : undefined,
    compareNote: canCompare ? undefined : last ? `本报告与上年（${last.year}年度）报告没有可以对比的统计表。` : `本站没有该机构${report.year - 1}年度的报告，无法与上年对比。`,
    revised: revisions.length ? { date: revisions[revisions.length - 1]!.date, count: revisions.length } : undefined,
    regions: regionCrumbs(ctx, office.region),
    office: { label: office.name, url: officeUrl(office.id) },
  };
}

export interface ComparePage extends PageBase {
  report: Report;
  previous: Report;
  title: string;
  reportUrl: string;
  previousUrl: string;
  office: Office;
}

/** Whether a report has a comparison page: last year's report is on the site and shares cells with it. */
export function hasCompare(ctx: Ctx, report: Report): boolean {
  const previous = ctx.index.report(report.officeId, report.year - 1);
  return previous !== undefined && comparable(report, previous);
}

export function comparePages(ctx: Ctx, reportCrumbs: (r: Report) => Crumb[], reports: readonly Report[] = ctx.site.reports): ComparePage[] {
  const out: ComparePage[] = [];
  for (const report of reports) {
    if (!hasCompare(ctx, report)) continue;
    const previous = ctx.index.report(report.officeId, report.year - 1)!;
    const office = ctx.index.officeById.get(report.officeId)!;
    const url = compareUrl(office.id, report.year);
    const title = `${report.meta.title}：与上年对比`;
    out.push({
      ...page(url),
      head: { title: `${title} - ${ctx.site.config.name}`, metas: ctx.listingMetas(`${office.name}${report.year}年度与${previous.year}年度报告统计表逐项对比`, [office.shortName, `${report.year}`]) },
      crumbs: [...reportCrumbs(report).slice(0, -1), { label: `${report.year}年度报告`, url: reportUrl(office.id, report.year) }, { label: '与上年对比' }],
      demo: ctx.index.isDemo(office.region),
      report,
      previous,
      title,
      reportUrl: reportUrl(office.id, report.year),
      previousUrl: reportUrl(office.id, previous.year),
      office,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Home, search, 404, navigation

export interface ReportLink {
  title: string;
  url: string;
  year: number;
  office: string;
  published: string | null;
  demo: boolean;
}

export interface HomePage {
  head: PageHead;
  crumbs: Crumb[];
  latest: ReportLink[];
  years: YearLink[];
  regions: RegionNode[];
  counts: { offices: number; reports: number; regions: number };
  feedUrl?: string;
  links: Link[];
}

export const LATEST = 10;

export function homePage(ctx: Ctx, links: Link[], feedUrl: string | undefined): HomePage {
  const { index } = ctx;
  // Newest first by 发布日期 (from the data; undated reports after dated ones), then year, then office.
  const latest = [...ctx.site.reports]
    .sort((a, b) => (a.meta.published ?? '') > (b.meta.published ?? '') ? -1 : (a.meta.published ?? '') < (b.meta.published ?? '') ? 1 : b.year - a.year || (a.officeId < b.officeId ? -1 : 1))
    .slice(0, LATEST)
    .map((r): ReportLink => {
      const o = index.officeById.get(r.officeId)!;
      return { title: r.meta.title, url: reportUrl(o.id, r.year), year: r.year, office: o.name, published: r.meta.published, demo: index.isDemo(o.region) };
    });
  return {
    head: {
      title: ctx.site.config.name,
      metas: ctx.listingMetas('各机构按《中华人民共和国政府信息公开条例》发布的政府信息公开工作年度报告', []),
      links: feedUrl ? [{ rel: 'alternate', type: 'application/atom+xml', title: `${ctx.site.config.name}：新发布的报告`, href: feedUrl }] : undefined,
    },
    crumbs: [{ label: '首页' }],
    latest,
    years: yearLinks(ctx),
    regions: regionTree(ctx, '', 2),
    counts: { offices: ctx.site.offices.filter((o) => hasReports(ctx, o.id)).length, reports: ctx.site.reports.length, regions: index.nonEmptyRegions.size },
    feedUrl,
    links,
  };
}

export interface SimplePage extends PageBase {
  /** Listings a reader without JavaScript can use instead. */
  links: Link[];
}

export function searchPage(ctx: Ctx, links: Link[]): SimplePage {
  return {
    ...page(searchUrl()),
    head: { title: `搜索 - ${ctx.site.config.name}`, metas: ctx.listingMetas('全文搜索政府信息公开工作年度报告，可按机构、年度和地区筛选', ['搜索']) },
    crumbs: [ctx.home, { label: '搜索' }],
    demo: false,
    links,
  };
}

export function notFoundPage(ctx: Ctx, links: Link[]): SimplePage {
  return {
    url: '/404.html',
    permalink: '/404.html',
    head: { title: `页面未找到 - ${ctx.site.config.name}`, metas: ctx.siteMetas },
    crumbs: [ctx.home, { label: '页面未找到' }],
    demo: false,
    links,
  };
}

