// Which reports each region's roll-up (汇总) covers, per year, computed once per build from the indexes: every
// report counts towards its office's region and each region above it. The summed tables themselves are computed
// when a roll-up page renders (src/rollup/sum.ts), from the list held here.
import type { Office, Region, Report } from '../model/types.ts';
import type { SiteIndex } from '../site/indexes.ts';

export interface MeasureSum {
  /** Sum over the reports whose measure is known. */
  value: number;
  /** Reports whose measure is known / unknown (缺失 cell or table not published). */
  known: number;
  unknown: number;
}

export interface RegionYear {
  region: Region;
  year: number;
  /** Reports of offices in the region (or below it) for this year, by office id (may be none: see missing). */
  reports: Report[];
  /** Offices in the region expected to have a report this year but without one (see SiteIndex.missing). */
  missing: Office[];
  /** Whether any of the reports published any table: otherwise there is nothing to sum and no roll-up page. */
  hasData: boolean;
  /** Key measures summed, in SiteIndex.measures order. */
  measures: MeasureSum[];
}

/** Region id → its years (ascending), for every region that holds at least one report. */
export function regionYears(index: SiteIndex): Map<string, RegionYear[]> {
  // Each report, and each expected office without a report, counts towards its region and every region above it.
  const reportsOf = new Map<string, Map<number, Report[]>>();
  const missingOf = new Map<string, Map<number, Office[]>>();
  const add = <T>(m: Map<string, Map<number, T[]>>, regionId: string, year: number, item: T) => {
    let years = m.get(regionId);
    if (!years) m.set(regionId, (years = new Map()));
    const list = years.get(year);
    if (list) list.push(item);
    else years.set(year, [item]);
  };
  for (const year of index.years) {
    for (const report of index.reportsByYear.get(year)!) {
      for (const region of index.regionChain(index.officeById.get(report.officeId)!.region)) add(reportsOf, region.id, year, report);
    }
    for (const office of index.missing(year)) for (const region of index.regionChain(office.region)) add(missingOf, region.id, year, office);
  }
  const out = new Map<string, RegionYear[]>();
  for (const region of [...index.regionById.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const years = reportsOf.get(region.id);
    if (!years) continue;
    const rows: RegionYear[] = [];
    // Every year of the site in which the region has a report or an office that should have published one.
    for (const year of index.years) {
      const reports = years.get(year) ?? [];
      const missing = missingOf.get(region.id)?.get(year) ?? [];
      if (!reports.length && !missing.length) continue;
      rows.push({
        region,
        year,
        reports,
        missing,
        hasData: reports.some((r) => Object.values(r.tables).some((t) => t.status === 'published')),
        measures: sumMeasures(index, reports),
      });
    }
    out.set(region.id, rows);
  }
  return out;
}

export function sumMeasures(index: SiteIndex, reports: readonly Report[]): MeasureSum[] {
  const sums = index.measures.map((): MeasureSum => ({ value: 0, known: 0, unknown: 0 }));
  for (const r of reports) {
    index.measureValues(r).forEach((v, i) => {
      const s = sums[i]!;
      if (v === undefined) s.unknown++;
      else {
        s.value += v;
        s.known++;
      }
    });
  }
  return sums;
}
