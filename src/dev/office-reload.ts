// The dev server's answer to an edit: load again only the office folder that changed, check it (the checks within
// an office, and the checks between offices over the office records), and put its reports in place in the loaded
// site. At 10,000 reports this is milliseconds where a full load is seconds.
import path from 'node:path';
import { checkReportsParts } from '../check/index.ts';
import type { Diagnostic } from '../load/diagnostics.ts';
import { checkOffices, loadHead, loadOffices, type SitePaths } from '../load/site.ts';
import type { Office, SiteData } from '../model/types.ts';

export interface OfficeReload {
  /** Every problem found in the office folder (errors leave the site unchanged). */
  diagnostics: Diagnostic[];
  /** The site with the office's new reports, or undefined when the folder has an error. */
  site?: SiteData;
}

/** The office folder a changed path under reports/ belongs to, or undefined for files outside one. */
export function officeFolderOf(paths: SitePaths, file: string): string | undefined {
  const rel = path.relative(paths.reports, path.resolve(paths.reports, file));
  const parts = rel.split(path.sep);
  return parts.length === 2 && !rel.startsWith('..') ? parts[0] : undefined;
}

/**
 * Reloads the office folder `name` into `site` (which is not changed: a new SiteData is returned). The office must
 * already be in the site: a new or removed office folder changes the site's structure and needs a full load.
 */
export function reloadOffice(paths: SitePaths, site: SiteData, name: string): OfficeReload {
  const head = loadHead(paths);
  const part = loadOffices(paths, head, [name]);
  const others: Office[] = site.offices.filter((o) => o.id !== name);
  const { crossYear, prose } = checkReportsParts(part.reports);
  const diagnostics = [...head.diagnostics, ...part.diagnostics, ...checkOffices(paths, [...others, ...part.offices]), ...crossYear, ...prose];
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  const office = part.built[0];
  if (!office) return { diagnostics };
  // Reports stay sorted by office id, then year: the office's run is replaced where it was.
  const first = site.reports.findIndex((r) => r.officeId === name);
  const kept = site.reports.filter((r) => r.officeId !== name);
  const at = first < 0 ? kept.length : first;
  const reports = [...kept.slice(0, at), ...part.reports, ...kept.slice(at)];
  return { diagnostics, site: { ...site, offices: site.offices.map((o) => (o.id === name ? office : o)), reports } };
}
