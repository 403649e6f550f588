// Page models, computed once per build from the loaded site: what each page shows, its URL, breadcrumbs and the
// government meta tags. Templates only print these.
import type { Office, Region, Report, SiteData } from '../model/types.ts';
import { officeUrl, permalinkFor, reportUrl, urlFor } from './paths.ts';
import { deadlineFor } from '../model/fields.ts';
import { ruleInfo } from '../check/rules.ts';

export const QUALITY_URL = urlFor('quality');

export const COLUMN_NAME = '政府信息公开年报';

export interface Crumb {
  label: string;
  url?: string;
}

export interface MetaTag {
  name: string;
  content: string;
}

export interface PageHead {
  title: string;
  metas: MetaTag[];
}

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
}

export interface OfficeEntry {
  office: Office;
  url: string;
  permalink: string;
  head: PageHead;
  crumbs: Crumb[];
  demo: boolean;
  reports: Array<{ year: number; url: string; title: string; published: string | null }>;
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

export interface SitePages {
  reports: ReportPage[];
  offices: OfficeEntry[];
  home: { head: PageHead; crumbs: Crumb[] };
  quality: { url: string; head: PageHead; crumbs: Crumb[]; rows: QualityRow[]; totals: { reports: number; late: number; unknownDate: number; warnings: number; waived: number } };
}

function siteMetas(site: SiteData): MetaTag[] {
  const c = site.config;
  return [
    { name: 'SiteName', content: c.name },
    { name: 'SiteDomain', content: c.domain },
    { name: 'SiteIDCode', content: c.idCode },
  ];
}

/** Whether a region or any of its ancestors is fictional demo data. */
export function isDemoRegion(regions: readonly Region[], id: string | undefined): boolean {
  for (let r = regions.find((x) => x.id === id); r; r = regions.find((x) => x.id === r!.parent)) if (r.demo) return true;
  return false;
}

export function buildPages(site: SiteData): SitePages {
  const officeById = new Map(site.offices.map((o) => [o.id, o]));
  const regionById = new Map(site.regions.map((r) => [r.id, r]));
  const absolute = (url: string) => `https://${site.config.domain}${site.config.pathPrefix.replace(/\/$/, '')}${url}`;
  const home: Crumb = { label: '首页', url: urlFor() };

  const reports = site.reports.map((report): ReportPage => {
    const office = officeById.get(report.officeId)!;
    const region = regionById.get(office.region);
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
      demo: isDemoRegion(site.regions, office.region),
      head: {
        title: `${m.title} - ${site.config.name}`,
        metas: [
          ...siteMetas(site),
          { name: 'ColumnName', content: COLUMN_NAME },
          { name: 'ColumnType', content: '信息公开年报' },
          { name: 'ArticleTitle', content: m.title },
          // Only the date is known; no time of day is invented (a forged 发稿日期 is a single-veto failure).
          ...(m.published ? [{ name: 'PubDate', content: m.published }] : []),
          { name: 'ContentSource', content: m.publisher },
          { name: 'Author', content: m.publisher },
          { name: 'Keywords', content: `${office.shortName},政府信息公开,年度报告,${report.year}` },
          { name: 'Description', content: `${m.title}（${report.format.def.name}）` },
          { name: 'Url', content: absolute(url) },
        ],
      },
      crumbs: [home, { label: office.name, url: officeUrl(office.id) }, { label: `${report.year}年度报告` }],
      metaRows,
    };
  });

  const offices = site.offices.map((office): OfficeEntry => ({
    office,
    url: officeUrl(office.id),
    permalink: permalinkFor(officeUrl(office.id)),
    head: {
      title: `${office.name} - ${site.config.name}`,
      metas: [...siteMetas(site), { name: 'ColumnName', content: COLUMN_NAME }, { name: 'ColumnType', content: '信息公开年报' }],
    },
    crumbs: [home, { label: office.name }],
    demo: isDemoRegion(site.regions, office.region),
    reports: reports
      .filter((p) => p.office.id === office.id)
      .map((p) => ({ year: p.report.year, url: p.url, title: p.report.meta.title, published: p.report.meta.published })),
  }));

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
  const listingMetas = [...siteMetas(site), { name: 'ColumnName', content: COLUMN_NAME }, { name: 'ColumnType', content: '信息公开年报' }];

  return {
    reports,
    offices: offices.filter((o) => o.reports.length > 0),
    quality: {
      url: QUALITY_URL,
      head: { title: `报告质量检查 - ${site.config.name}`, metas: listingMetas },
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
    home: {
      head: { title: site.config.name, metas: [...siteMetas(site), { name: 'ColumnName', content: COLUMN_NAME }, { name: 'ColumnType', content: '信息公开年报' }] },
      crumbs: [{ label: '首页' }],
    },
  };
}
