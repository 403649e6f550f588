// Template helpers. Kept few and small; each is plain logic from src/ wired to Nunjucks.
import type { TableId } from '../formats/index.ts';
import { tableView, type TableView } from '../render/table-view.ts';
import type { ReportPage } from '../site/pages.ts';
import type { EleventyConfig } from './plugin.ts';

/** The sections of a report page, each with its table view (二–四) built when the page renders, not before. */
export function reportSections(page: ReportPage): Array<{ number: number; heading: string; html: string; table?: TableView }> {
  const r = page.report;
  return r.sections.map((s) => {
    const def = r.format.def.sections.find((d) => d.number === s.number)!;
    const table = def.table ? tableView(r.format.table(def.table as TableId), r.tables[def.table as TableId]) : undefined;
    return { number: s.number, heading: s.heading, html: s.html, table };
  });
}

/** Only http(s), mailto and site-relative URLs reach an href: autoescape does nothing for `javascript:`. */
export function safeUrl(url: unknown): string {
  const s = String(url ?? '');
  return /^(https?:\/\/|mailto:|\/(?!\/)|#)/i.test(s) ? s : '#';
}

export function registerFilters(config: EleventyConfig): void {
  config.addNunjucksGlobal('reportSections', reportSections);
  config.addFilter('safeUrl', safeUrl as never);
}
