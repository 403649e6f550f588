// `nianbao serve`: build the site once, serve it with the site's own Content-Security-Policy, and answer each edit
// in two steps. First the edited office alone: its folder is loaded and checked again and its report pages are
// rewritten (milliseconds to a second, even at 10,000 reports), and the browser reloads. Then, when edits pause,
// the listing pages (office, region, year pages and roll-ups) are refreshed by Eleventy in the background. Any
// other change (site.yml, regions.yml, a new or removed office folder) rebuilds the whole site.
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { buildSite, createEleventy } from '../cli/build.ts';
import { formatHuman, sortDiagnostics, SourceErrors, type Diagnostic } from '../load/diagnostics.ts';
import { defaultPaths } from '../load/site.ts';
import type { SiteData } from '../model/types.ts';
import type { Link } from '../site/browse.ts';
import { buildPages, officeEntries, reportPageModels } from '../site/pages.ts';
import { makeCtx } from '../site/browse.ts';
import { buildIndex } from '../site/indexes.ts';
import { serveStatic, type StaticServer } from '../site/static-server.ts';
import { ReportPageRenderer } from '../report-pages/render.ts';
import { PACKAGE_ROOT, INPUT_DIR } from '../eleventy/config.ts';
import { preloadSite } from '../eleventy/plugin.ts';
import { LiveReload } from './live-reload.ts';
import { officeFolderOf, reloadOffice } from './office-reload.ts';

export interface DevServerOptions {
  root: string;
  port: number;
  /** Editor-facing messages (Chinese). */
  log?: (line: string) => void;
}

export interface DevServer {
  origin: string;
  /** Resolves when every change seen so far has been handled (for tests). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const secs = (ms: number) => `${(ms / 1000).toFixed(2)} 秒`;
/** Edits arriving within this time are handled together (editors save several files at once). */
const SETTLE_MS = 50;
/** Listings are refreshed once edits have paused this long. */
const LISTINGS_AFTER_MS = 300;

export async function startDevServer(opts: DevServerOptions): Promise<DevServer> {
  const log = opts.log ?? ((s: string) => console.log(s));
  const root = path.resolve(opts.root);
  const paths = defaultPaths(root);
  const output = path.join(root, '_site');
  const dataPage = existsSync(path.join(INPUT_DIR, 'data.njk'));
  const printDiagnostics = (ds: Diagnostic[]) => {
    for (const d of sortDiagnostics(ds)) log(formatHuman(d));
  };

  let t = performance.now();
  let site: SiteData = (await buildSite({ root, output })).site;
  // The header navigation: which listings exist changes only with the site's structure (a full rebuild).
  let nav = buildPages(site, { dataPage }).nav;
  log(`网站已生成（${secs(performance.now() - t)}）。`);

  let renderer: ReportPageRenderer | undefined;
  let rendererNav = '';
  const rendererFor = (nav: Link[]) => {
    // Templates are compiled once; a new renderer only when the navigation itself changed.
    const key = JSON.stringify(nav);
    if (!renderer || key !== rendererNav) {
      renderer = new ReportPageRenderer({ config: site.config, nav, features: { pdf: false }, prefix: site.config.pathPrefix, contentRoot: root });
      rendererNav = key;
    }
    return renderer;
  };

  const live = new LiveReload();
  const server: StaticServer = await serveStatic(output, site.config.pathPrefix, { port: opts.port, handle: (q, s) => live.handle(q, s), transformHtml: (h) => live.inject(h) });
  log(`预览地址：${server.origin.replace('127.0.0.1', 'localhost')}${site.config.pathPrefix}（修改 reports/ 下的文件后自动刷新；按 Ctrl+C 结束）`);

  /** One office folder again: its pages are rewritten, or its errors printed; 'full' when that cannot do. */
  const updateOffice = (name: string): 'updated' | 'error' | 'full' => {
    if (!site.offices.some((o) => o.id === name) || !existsSync(path.join(paths.reports, name))) return 'full';
    t = performance.now();
    const r = reloadOffice(paths, site, name);
    printDiagnostics(r.diagnostics);
    if (!r.site) {
      log(`reports/${name}/ 有错误：预览保留上一次生成的页面。`);
      return 'error';
    }
    site = r.site;
    // Only this office's page models (the listings' models are rebuilt with the listings, in the background); and
    // the office pages that show it: its own, its parent's (下级机构) and its children's (上级机构).
    const ctx = makeCtx(site, buildIndex(site));
    const edited = site.offices.find((o) => o.id === name)!;
    const related = site.offices.filter((o) => o.id === name || o.id === edited.parent || o.parent === name);
    const ids = new Set(related.map((o) => o.id));
    const models = reportPageModels(ctx, site.reports.filter((x) => ids.has(x.officeId)));
    const mine = (p: { report: { officeId: string } }) => p.report.officeId === name;
    const batch = { pages: models.reports.filter(mine), compares: models.compares.filter(mine), offices: officeEntries(ctx, related, models.compares) };
    const w = rendererFor(nav).write(batch, output);
    live.reload();
    log(`已更新 reports/${name}/：${w.files} 个页面（${secs(performance.now() - t)}）。`);
    return 'updated';
  };

  const rebuildAll = async () => {
    t = performance.now();
    try {
      site = (await buildSite({ root, output })).site;
      nav = buildPages(site, { dataPage }).nav;
      live.reload();
      log(`网站已重新生成（${secs(performance.now() - t)}）。`);
    } catch (e) {
      if (e instanceof SourceErrors) printDiagnostics(e.diagnostics);
      else log(`生成失败：${e instanceof Error ? e.message : String(e)}`);
      log('预览保留上一次生成的网站。');
    }
  };

  const refreshListings = async () => {
    t = performance.now();
    preloadSite(paths, site);
    const cwd = process.cwd();
    process.chdir(PACKAGE_ROOT);
    try {
      const written = await createEleventy(root, output, { quietMode: true }, { listingsOnly: true }).write();
      const n = Array.isArray(written) ? (written.flat(2) as unknown[]).length : 0;
      live.reload();
      log(`列表页已更新：${n} 个文件（${secs(performance.now() - t)}）。`);
    } finally {
      process.chdir(cwd);
    }
  };

  // Changes are handled one batch at a time, in order.
  const changed = new Set<string>();
  let listingsDue = false;
  let work: Promise<void> = Promise.resolve();
  let settle: NodeJS.Timeout | undefined;
  let listingsTimer: NodeJS.Timeout | undefined;
  const run = (job: () => Promise<void> | void) => {
    work = work.then(job).catch((e) => log(`预览出错：${e instanceof Error ? e.message : String(e)}`));
  };
  const scheduleListings = () => {
    listingsDue = true;
    clearTimeout(listingsTimer);
    listingsTimer = setTimeout(() => run(async () => {
      if (!listingsDue || changed.size) return;
      listingsDue = false;
      await refreshListings();
    }), LISTINGS_AFTER_MS);
  };
  const handleChanges = () =>
    run(async () => {
      const files = [...changed];
      changed.clear();
      const offices = new Set(files.map((f) => officeFolderOf(paths, f)));
      if (offices.has(undefined)) {
        listingsDue = false;
        await rebuildAll();
        return;
      }
      const results = [...offices].map((name) => updateOffice(name!));
      if (results.includes('full')) {
        listingsDue = false;
        await rebuildAll();
      } else if (results.includes('updated')) scheduleListings();
    });
  const onChange = (file: string) => {
    if (file.split(path.sep).some((s) => s.startsWith('.'))) return;
    changed.add(file);
    clearTimeout(settle);
    settle = setTimeout(handleChanges, SETTLE_MS);
  };
  const watchers: FSWatcher[] = [
    watch(paths.reports, { recursive: true }, (_e, f) => f && onChange(path.join(paths.reports, f.toString()))),
    watch(path.dirname(paths.siteFile), (_e, f) => f && path.join(path.dirname(paths.siteFile), f.toString()) === paths.siteFile && onChange(paths.siteFile)),
  ];

  return {
    origin: server.origin,
    idle: async () => {
      // Wait out pending timers and the work they start.
      for (;;) {
        const before = work;
        await new Promise((r) => setTimeout(r, SETTLE_MS + LISTINGS_AFTER_MS + 50));
        await work;
        if (work === before && !changed.size && !listingsDue) return;
      }
    },
    close: async () => {
      for (const w of watchers) w.close();
      clearTimeout(settle);
      clearTimeout(listingsTimer);
      await work;
      live.close();
      await server.close();
    },
  };
}
