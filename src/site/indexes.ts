// Indexes over the loaded site, built once per build: by office, year and region, the region tree and the office
// hierarchy, key measures per report, and which offices are expected to have published each year. Every page model
// and roll-up reads these instead of scanning all reports.
import { allFormats } from '../formats/index.ts';
import { OFFICE_TYPES } from '../model/fields.ts';
import type { Office, Region, Report, SiteData } from '../model/types.ts';
import { measureOf } from '../check/measures.ts';

/** A key measure as shown in listings: its id and the reader's label from the format definitions. */
export interface MeasureColumn {
  id: string;
  label: string;
}

export interface SiteIndex {
  site: SiteData;
  officeById: ReadonlyMap<string, Office>;
  regionById: ReadonlyMap<string, Region>;
  /** Each office's reports, ascending by year. */
  reportsByOffice: ReadonlyMap<string, readonly Report[]>;
  /** Each year's reports, by office id. */
  reportsByYear: ReadonlyMap<number, readonly Report[]>;
  /** Years that have at least one report, ascending. */
  years: readonly number[];
  report(officeId: string, year: number): Report | undefined;
  /** Child regions by parent id ('' for top-level regions), by id. */
  regionChildren: ReadonlyMap<string, readonly Region[]>;
  /** Ancestors of a region from the top down to the region itself. */
  regionChain(regionId: string): readonly Region[];
  /** Offices of a region and all its descendant regions, by id. */
  officesUnder: ReadonlyMap<string, readonly Office[]>;
  /** Offices whose 上级 is the given office, in display order. */
  officeChildren: ReadonlyMap<string, readonly Office[]>;
  /** Regions holding at least one office (directly or below). */
  nonEmptyRegions: ReadonlySet<string>;
  /** Whether a region or any ancestor is fictional demo data. */
  isDemo(regionId: string): boolean;
  /** The year of an office's first report on this site. */
  firstYear: ReadonlyMap<string, number>;
  /**
   * Offices expected to have a report for `year` but without one: those with a report for an earlier year on this
   * site (an office publishes every year once it has started; the site cannot know that an office existed before
   * its first report).
   */
  missing(year: number): readonly Office[];
  /** Key measures, in the order of the format definitions (ids shared across versions). */
  measures: readonly MeasureColumn[];
  /** A report's key measures, in `measures` order; undefined where a cell is 缺失 or its table unpublished. */
  measureValues(report: Report): readonly (number | undefined)[];
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Display order of offices in a hierarchy: governments first, then their offices, departments, towns; then id. */
const typeRank = (o: Office) => {
  const i = (OFFICE_TYPES as readonly string[]).indexOf(o.type);
  return i < 0 ? OFFICE_TYPES.length : i;
};
export const officeOrder = (a: Office, b: Office): number => typeRank(a) - typeRank(b) || byId(a, b);

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

export function buildIndex(site: SiteData): SiteIndex {
  const officeById = new Map(site.offices.map((o) => [o.id, o]));
  const regionById = new Map(site.regions.map((r) => [r.id, r]));

  const reportsByOffice = new Map<string, Report[]>();
  const reportsByYear = new Map<number, Report[]>();
  const byKey = new Map<string, Report>();
  for (const r of site.reports) {
    push(reportsByOffice, r.officeId, r);
    push(reportsByYear, r.year, r);
    byKey.set(`${r.officeId}/${r.year}`, r);
  }
  for (const list of reportsByOffice.values()) list.sort((a, b) => a.year - b.year);
  for (const list of reportsByYear.values()) list.sort((a, b) => (a.officeId < b.officeId ? -1 : a.officeId > b.officeId ? 1 : 0));
  const years = [...reportsByYear.keys()].sort((a, b) => a - b);

  const regionChildren = new Map<string, Region[]>();
  for (const r of [...site.regions].sort(byId)) push(regionChildren, r.parent && regionById.has(r.parent) ? r.parent : '', r);

  const chains = new Map<string, Region[]>();
  const regionChain = (id: string): Region[] => {
    const known = chains.get(id);
    if (known) return known;
    const chain: Region[] = [];
    const seen = new Set<string>();
    for (let r = regionById.get(id); r && !seen.has(r.id); r = r.parent ? regionById.get(r.parent) : undefined) {
      seen.add(r.id);
      chain.unshift(r);
    }
    chains.set(id, chain);
    return chain;
  };

  const officesUnder = new Map<string, Office[]>();
  for (const o of [...site.offices].sort(byId)) for (const r of regionChain(o.region)) push(officesUnder, r.id, o);
  const nonEmptyRegions = new Set(officesUnder.keys());

  const officeChildren = new Map<string, Office[]>();
  for (const o of site.offices) if (o.parent && officeById.has(o.parent)) push(officeChildren, o.parent, o);
  for (const list of officeChildren.values()) list.sort(officeOrder);

  const demo = new Map<string, boolean>();
  const isDemo = (id: string): boolean => {
    let v = demo.get(id);
    if (v === undefined) {
      v = regionChain(id).some((r) => r.demo);
      demo.set(id, v);
    }
    return v;
  };

  const firstYear = new Map<string, number>();
  for (const [id, list] of reportsByOffice) firstYear.set(id, list[0]!.year);
  const missingByYear = new Map<number, Office[]>();
  const offices = [...site.offices].sort(byId);
  const missing = (year: number): Office[] => {
    let list = missingByYear.get(year);
    if (!list) {
      list = offices.filter((o) => (firstYear.get(o.id) ?? Infinity) < year && !byKey.has(`${o.id}/${year}`));
      missingByYear.set(year, list);
    }
    return list;
  };

  // Measure ids are shared by the versions (the same labels in tables 三 and 四); keep the first label seen.
  const measures: MeasureColumn[] = [];
  for (const f of allFormats()) for (const m of f.def.measures) if (!measures.some((x) => x.id === m.id)) measures.push({ id: m.id, label: m.label });
  const values = new Map<Report, (number | undefined)[]>();
  const measureValues = (report: Report) => {
    let v = values.get(report);
    if (!v) {
      v = measures.map((m) => measureOf(report, m.id));
      values.set(report, v);
    }
    return v;
  };

  return {
    site,
    officeById,
    regionById,
    reportsByOffice,
    reportsByYear,
    years,
    report: (officeId, year) => byKey.get(`${officeId}/${year}`),
    regionChildren,
    regionChain,
    officesUnder,
    officeChildren,
    nonEmptyRegions,
    isDemo,
    firstYear,
    missing,
    measures,
    measureValues,
  };
}
