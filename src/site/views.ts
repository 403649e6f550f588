// What the browsing pages compute when they render (each once, for its own page): the summed tables and
// provenance of a roll-up, the compared tables of a report, and the charts. Page models stay light; none of this
// is kept after the page is written.
import type { Report } from '../model/types.ts';
import { rollup, type Rollup } from '../rollup/sum.ts';
import { rollupGetter, rollupViews, type RollupTableView } from '../rollup/view.ts';
import { distributionChart, outcomesChart, reportGetter, trendChart, type ChartModel } from '../charts/index.ts';
import type { SiteIndex } from './indexes.ts';
import type { ComparePage, RegionPage, RollupPage } from './browse.ts';
import { compareViews, type CompareTableView } from './compare.ts';
import { regionUrl, reportUrl, rollupUrl } from './paths.ts';
import { LIST_LIMIT } from './browse.ts';
import type { RegionYear } from '../rollup/regions.ts';

export interface ProvenanceRow {
  office: string;
  url: string;
  /** Per table (in format order): 已汇总 / 已汇总（N格缺失） / 未发布, and a CSS class. */
  tables: Array<{ text: string; cls: string; reason?: string }>;
}

export interface RollupView {
  rollup: Rollup;
  tables: RollupTableView[];
  /** Table captions (column heads of the provenance table). */
  captions: string[];
  /** One row per report summed. */
  provenance: ProvenanceRow[];
  /** Per table: how many reports were summed, not published, with 缺失 cells. */
  counts: Array<{ caption: string; contributors: number; unpublished: number; withMissing: number }>;
  charts: ChartModel[];
  partial: boolean;
}

export function rollupView(index: SiteIndex, page: RollupPage): RollupView {
  const format = page.reports[0]!.format;
  const r = rollup(format, page.reports);
  const tables = rollupViews(r);
  const missingCount = r.tables.map((t) => new Map(t.missingCells.map((m) => [m.report, m.count])));
  const row = (report: Report): ProvenanceRow => ({
    office: index.officeById.get(report.officeId)?.name ?? report.officeId,
    url: reportUrl(report.officeId, report.year),
    tables: r.tables.map((t, i) => {
      const data = report.tables[t.id]!;
      if (data.status === 'unpublished') return { text: '未发布', cls: 'status-unpublished', reason: data.reason };
      const missing = missingCount[i]!.get(report);
      return missing ? { text: `已汇总（${missing}格缺失）`, cls: 'status-partial' } : { text: '已汇总', cls: 'status-ok' };
    }),
  });
  let provenance: ProvenanceRow[];
  if (page.reports.length <= LIST_LIMIT) provenance = page.reports.map(row);
  else {
    // Too many to list: the region's own offices one by one, each sub-region as one line linking to its roll-up.
    const regionOf = (rep: Report) => index.officeById.get(rep.officeId)!.region;
    provenance = page.reports.filter((rep) => regionOf(rep) === page.region.id).map(row);
    const bySub = new Map<string, Report[]>();
    for (const rep of page.reports) {
      const chain = index.regionChain(regionOf(rep));
      const sub = chain[chain.findIndex((x) => x.id === page.region.id) + 1];
      if (sub) (bySub.get(sub.id) ?? bySub.set(sub.id, []).get(sub.id)!).push(rep);
    }
    for (const [id, reps] of [...bySub.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const published = reps.some((rep) => Object.values(rep.tables).some((t) => t.status === 'published'));
      provenance.push({
        office: `${index.regionById.get(id)!.name}（下级地区，${reps.length}份报告）`,
        url: published ? rollupUrl(id, page.year) : regionUrl(id),
        tables: r.tables.map((t, i) => {
          const unpublished = reps.filter((rep) => rep.tables[t.id]?.status === 'unpublished').length;
          const withMissing = reps.filter((rep) => missingCount[i]!.has(rep)).length;
          const parts = [`${reps.length - unpublished}份已汇总`, ...(unpublished ? [`${unpublished}份未发布`] : []), ...(withMissing ? [`${withMissing}份有缺失`] : [])];
          return { text: parts.join('，'), cls: unpublished || withMissing ? 'status-partial' : 'status-ok' };
        }),
      });
    }
  }
  const get = rollupGetter(r);
  const context = `${page.region.name}${page.year}年度`;
  const charts = [distributionChart('chart-dist', format, get, context), outcomesChart('chart-outcomes', format, get, context)].filter((c): c is ChartModel => c !== undefined);
  return {
    rollup: r,
    tables,
    captions: r.tables.map((t) => t.table.def.caption),
    provenance,
    counts: r.tables.map((t) => ({ caption: t.table.def.caption, contributors: t.contributors.length, unpublished: t.unpublished.length, withMissing: t.missingCells.length })),
    charts,
    partial: tables.some((t) => t.hasPartial) || r.tables.some((t) => t.unpublished.length > 0) || page.missing.length > 0,
  };
}

export function compareView(page: ComparePage): CompareTableView[] {
  return compareViews(page.report, page.previous);
}

/** Trend of 本年新收 (the `received` measure) and the latest report's distribution and outcomes. */
export function officeCharts(index: SiteIndex, officeId: string): ChartModel[] {
  const reports = index.reportsByOffice.get(officeId) ?? [];
  if (!reports.length) return [];
  const charts: ChartModel[] = [];
  const m = index.measures.findIndex((x) => x.id === 'received');
  const points = reports.map((r) => ({ year: r.year, value: index.measureValues(r)[m] }));
  if (m >= 0 && reports.length > 1 && points.some((p) => p.value !== undefined)) {
    charts.push(trendChart('chart-trend', index.measures[m]!.label, unitOf(reports[0]!), fillYears(points)));
  }
  const latest = (pick: (r: Report) => ChartModel | undefined) => {
    for (let i = reports.length - 1; i >= 0; i--) {
      const c = pick(reports[i]!);
      if (c) return c;
    }
    return undefined;
  };
  const dist = latest((r) => distributionChart('chart-dist', r.format, reportGetter(r), `${r.year}年度`));
  const out = latest((r) => outcomesChart('chart-outcomes', r.format, reportGetter(r), `${r.year}年度`));
  return [...charts, ...(dist ? [dist] : []), ...(out ? [out] : [])];
}

/** The roll-up trend of 本年新收 of a region over its years; partial sums are marked in the data table. */
export function regionCharts(index: SiteIndex, page: RegionPage, years: readonly RegionYear[]): ChartModel[] {
  const m = index.measures.findIndex((x) => x.id === 'received');
  if (m < 0 || years.length < 2) return [];
  const points = years.map((y) => {
    const s = y.measures[m]!;
    return { year: y.year, value: s.known ? s.value : undefined, note: s.unknown && s.known ? '（不全）' : undefined };
  });
  if (points.every((p) => p.value === undefined)) return [];
  const first = years.find((y) => y.reports.length)!;
  return [trendChart('chart-trend', `${page.region.name}${index.measures[m]!.label}（汇总）`, unitOf(first.reports[0]!), fillYears(points))];
}

/** The unit of the `received` measure's cell, from the format (件). */
function unitOf(report: Report): string {
  const ref = report.format.def.measures.find((x) => x.id === 'received')?.cells[0];
  const loc = ref && report.format.locate(ref);
  return loc ? (report.format.table(loc.table).blocks[loc.block]!.columns[loc.column]!.unit ?? '') : '';
}

/** Years between the first and last point with no report shown as gaps, so the axis is not misleading. */
function fillYears<T extends { year: number; value: number | undefined }>(points: T[]): Array<T | { year: number; value: undefined }> {
  if (!points.length) return points;
  const out: Array<T | { year: number; value: undefined }> = [];
  for (let y = points[0]!.year, i = 0; y <= points[points.length - 1]!.year; y++) {
    if (points[i]?.year === y) out.push(points[i++]!);
    else out.push({ year: y, value: undefined });
  }
  return out;
}

