// The checks that need more than one file: run once all reports are loaded, for `nianbao check` and the build.
import type { Diagnostic } from '../load/diagnostics.ts';
import type { Report } from '../model/types.ts';
import { checkCrossYear } from './cross-year.ts';
import { checkProse } from './prose.ts';

/**
 * Cross-year and prose checks over all reports (sorted by office, then year). Warnings an editor accepted in the
 * source (警告说明) are marked waived; each report keeps its own warnings for its page and the oversight page.
 */
export function checkReports(reports: readonly Report[]): Diagnostic[] {
  const { crossYear, prose } = checkReportsParts(reports);
  return [...crossYear, ...prose];
}

/**
 * checkReports in its two parts, for a caller that checks the offices in several runs (worker threads) and puts
 * the diagnostics back in the order one run gives: every cross-year diagnostic, then every prose diagnostic.
 */
export function checkReportsParts(reports: readonly Report[]): { crossYear: Diagnostic[]; prose: Diagnostic[] } {
  const crossYear = checkCrossYear(reports);
  const prose = reports.flatMap(checkProse);
  const found = [...crossYear, ...prose];
  const byFile = new Map(reports.flatMap((r) => [[r.file, r] as const, ...(r.dataFile ? [[r.dataFile, r] as const] : [])]));
  for (const d of found) {
    const report = byFile.get(d.file);
    if (!report || d.severity !== 'warning') continue;
    const waiver = report.waivers.find((w) => w.rule === d.rule);
    if (waiver) d.waived = waiver.reason;
    report.warnings.push(d);
  }
  return { crossYear, prose };
}
