// nianbao's Nunjucks templates outside Eleventy's page pipeline. Eleventy renders the listing pages; the pages that
// exist once per report (the report, its comparison with last year, their renditions) are rendered by
// src/report-pages/ with the same templates through this environment: compiled once per thread, with the same
// options, filters and helpers Eleventy's environment gets (registerTemplateHelpers), so a page comes out the same
// whichever renders it.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { tableView, type TableView } from './table-view.ts';
import type { TableId } from '../formats/index.ts';
import type { ReportPage } from '../site/pages.ts';
import { compareView } from '../site/views.ts';
import { statTable, viewTable } from './table-html.ts';

export const TEMPLATES_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'templates');
export const INCLUDES_DIR = path.join(TEMPLATES_ROOT, 'includes');
/** Page bodies rendered once per report (no front matter: src/report-pages/ decides where each goes). */
export const REPORT_TEMPLATES_DIR = path.join(TEMPLATES_ROOT, 'reports');

/** Strict: a misspelt variable fails the build instead of printing nothing. */
export const NUNJUCKS_OPTIONS = { throwOnUndefined: true, autoescape: true, trimBlocks: true, lstripBlocks: true } as const;

/**
 * A site URL under the path prefix (site.yml 路径前缀): `/reports/x/` → `/nianbao/reports/x/`. Absolute and
 * protocol-relative URLs pass unchanged. Replaces Eleventy's `url` filter, which normalises every path through
 * exceptions and costs more than the rest of a page; our URLs are built by src/site/paths.ts and already clean.
 */
export function href(url: unknown, prefix: string): string {
  const s = String(url ?? '');
  if (!s.startsWith('/') || s.startsWith('//')) return s;
  return prefix.replace(/\/$/, '') + s;
}

/** Only http(s), mailto and site-relative URLs reach an href: autoescape does nothing for `javascript:`. */
export function safeUrl(url: unknown): string {
  const s = String(url ?? '');
  return /^(https?:\/\/|mailto:|\/(?!\/)|#)/i.test(s) ? s : '#';
}

/** The sections of a report page, each with its table view (二–四) built when the page renders, not before. */
export function reportSections(page: ReportPage): Array<{ number: number; heading: string; html: string; table?: TableView }> {
  const r = page.report;
  return r.sections.map((s) => {
    const def = r.format.def.sections.find((d) => d.number === s.number)!;
    const table = def.table ? tableView(r.format.table(def.table as TableId), r.tables[def.table as TableId]) : undefined;
    return { number: s.number, heading: s.heading, html: s.html, table };
  });
}

/** What both environments get: filters and globals that need no loaded site. */
export interface TemplateHelpers {
  filters: Record<string, (...args: never[]) => unknown>;
  globals: Record<string, unknown>;
}

export function templateHelpers(prefix: string): TemplateHelpers {
  return {
    filters: { href: ((url: unknown) => href(url, prefix)) as never, safeUrl: safeUrl as never },
    globals: { reportSections, compareView, statTable, viewTable },
  };
}

/** A Nunjucks environment over the includes (with the layout) and per-report page bodies, set up like Eleventy's. */
export function createEnvironment(prefix: string, globals: Record<string, unknown> = {}): nunjucks.Environment {
  const loader = new nunjucks.FileSystemLoader([REPORT_TEMPLATES_DIR, INCLUDES_DIR], { noCache: false });
  const env = new nunjucks.Environment(loader, NUNJUCKS_OPTIONS);
  const h = templateHelpers(prefix);
  for (const [name, fn] of Object.entries(h.filters)) env.addFilter(name, fn as (...args: unknown[]) => unknown);
  for (const [name, v] of Object.entries({ ...h.globals, ...globals })) env.addGlobal(name, v);
  return env;
}

/**
 * Renders a page body and wraps it in its layout, as Eleventy does for a template with `layout:` — the body's
 * output becomes `content` in the layout's data.
 */
export function renderWithLayout(env: nunjucks.Environment, body: string, layout: string, data: Record<string, unknown>): string {
  const content = env.render(body, data);
  return env.render(layout, { ...data, content });
}
