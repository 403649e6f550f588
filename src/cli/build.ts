// Building the site: check every source first (nothing is written if any has an error), let Eleventy write into a
// temporary folder beside the output, and swap it in only when the whole build succeeded. A failed build leaves
// the previous output exactly as it was.
import { spawn } from 'node:child_process';
import { existsSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Eleventy, type EleventyOptions } from '@11ty/eleventy';
import { INPUT_DIR, PACKAGE_ROOT, configure, type BuildFeatures } from '../eleventy/config.ts';
import { enableTimings, recordedPhases, timed, type Phase } from '../util/timings.ts';
import { reportUrl } from '../site/paths.ts';
import type { EleventyConfig } from '../eleventy/plugin.ts';
import { SourceErrors, type Diagnostic } from '../load/diagnostics.ts';
import type { SiteData } from '../model/types.ts';
import { defaultPaths, loadSite, readPathPrefix } from '../load/site.ts';
import { abortBackgroundWork, pageModels, preloadSite, reportPagesWritten, sharedData } from '../eleventy/plugin.ts';
import { writeReportPages, type ReportPagesWritten } from '../report-pages/pool.ts';
import type { SitePaths } from '../load/site.ts';

/**
 * A shard build writes the report pages of the shard's offices and their manifest, nothing else: the listings,
 * roll-ups, open-data bulk files and search index cover the whole site and are made by the merge build, which
 * links these pages instead of rendering them. The pages are the ones a whole build makes, byte for byte: a
 * report page shows only its own office's reports and the regions above it, all of which the shard loads.
 */
function writeShard(paths: SitePaths, site: SiteData, outputDir: string, reuse: string[]): Promise<ReportPagesWritten> {
  const pages = pageModels(site);
  return writeReportPages({ batches: pages.batches, reports: pages.reports.length, shared: sharedData(paths, site, pages, false), outputDir, reuse });
}

export interface BuildOptions {
  /** Content root: the folder holding site.yml and reports/. */
  root: string;
  /** Output folder, default <root>/_site. */
  output?: string;
  quiet?: boolean;
  /** Also print each report to PDF with headless Chromium (slow; needs Chromium). */
  pdf?: boolean;
  /** Record how long each phase took (Built.phases). */
  timings?: boolean;
  /** Render every report, even those whose pages in the current output would come out the same (reuse.ts). */
  full?: boolean;
  /**
   * Build one shard: only the report pages of the offices in this region and the regions below it, with their
   * manifest, for a merge build to take (`reuse`). See docs/scaling.md.
   */
  shard?: string;
  /** Outputs of shard builds (or any earlier build of the same site) to take unchanged reports from. */
  reuse?: string[];
}

/** From this many reports the replaced output is removed in the background (see removeOld). */
export const BACKGROUND_REMOVE_REPORTS = 1_000;

/**
 * Removes the output a build replaced. A large one is removed by a process of its own, which the build does not
 * wait for: at 10,000 reports it is ~120,000 files and folders, 13–18 s of unlinking on this machine's disk, and
 * the new site is already in place.
 */
export function removeOld(old: string, reports: number): void {
  if (!existsSync(old)) return;
  if (reports < BACKGROUND_REMOVE_REPORTS) {
    rmSync(old, { recursive: true, force: true });
    return;
  }
  const script = "require('node:fs').rmSync(process.argv[1], { recursive: true, force: true })";
  spawn(process.execPath, ['-e', script, old], { detached: true, stdio: 'ignore' }).unref();
}

/** Eleventy over nianbao's templates for the content in `root`, writing to `output`. */
export function createEleventy(root: string, output: string, extra: EleventyOptions = {}, features: BuildFeatures = {}): Eleventy {
  const contentRoot = path.resolve(root);
  return new Eleventy(INPUT_DIR, output, {
    quietMode: true,
    ...extra,
    pathPrefix: readPathPrefix(defaultPaths(contentRoot)),
    config: (c: unknown) => configure(c as EleventyConfig, contentRoot, features),
  });
}

/** Builds into `output` atomically. Throws SourceErrors (with every diagnostic) or the build's error. */
export interface Built {
  files: number;
  warnings: Diagnostic[];
  /** The site as loaded for this build (the dev server keeps it and reloads single offices into it). */
  site: SiteData;
  /** With `timings`: each phase's wall time, in the order they ended. */
  phases: readonly Phase[];
  /** Reports whose files were linked unchanged from the previous output instead of rendered. */
  reused: number;
}

export async function buildSite(opts: BuildOptions): Promise<Built> {
  const paths = defaultPaths(opts.root);
  const output = path.resolve(opts.output ?? path.join(opts.root, '_site'));
  enableTimings(opts.timings === true);
  if (opts.shard !== undefined && opts.pdf) throw new Error('分片生成（--shard）暂不支持 --pdf：请在合并生成时加 --pdf');
  // Checked a few offices at a time, whose cells are only read from then on: shared as they go (src/model/compact.ts).
  const loaded = timed('读取并检查报告', () => loadSite(paths, { shard: opts.shard, compact: true }));
  const site = loaded.site;
  if (!site) throw new SourceErrors(loaded.diagnostics);
  preloadSite(paths, site);

  const tmp = `${output}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  try {
    const cwd = process.cwd();
    // Eleventy resolves its folders against the working directory.
    process.chdir(PACKAGE_ROOT);
    let written: unknown[] = [];
    let pages: ReportPagesWritten;
    // Unchanged reports are taken from the outputs named by --reuse (shard builds) and from the current output,
    // which the new one replaces (src/report-pages/reuse.ts).
    const reuseFrom = [...(opts.reuse ?? []), ...(opts.full || !existsSync(output) ? [] : [output])];
    try {
      if (opts.shard !== undefined) {
        pages = await timed('报告页（分片）', () => writeShard(paths, site, tmp, reuseFrom));
      } else {
        const elev = createEleventy(opts.root, tmp, { quietMode: opts.quiet ?? true }, { pdf: opts.pdf, reuseFrom });
        const result = await timed('生成网站（含以下各项）', () => elev.write());
        written = (Array.isArray(result) ? result.flat(2) : []) as unknown[];
        pages = reportPagesWritten();
      }
    } finally {
      process.chdir(cwd);
    }
    if (opts.pdf) {
      const jobs = site.reports.map((r) => ({ url: reportUrl(r.officeId, r.year), date: r.meta.published ?? `${r.year}-12-31` }));
      // Playwright is loaded only for a build that prints PDFs.
      const { writePdfs } = await import('../render/pdf.ts');
      await timed('PDF', () => writePdfs(tmp, `https://${site.config.domain}`, site.config.pathPrefix, jobs));
    }
    let old = `${output}.old-${process.pid}`;
    // A replaced output still being removed in the background (an earlier build of this process) keeps its name.
    for (let i = 1; existsSync(old); i++) old = `${output}.old-${process.pid}-${i}`;
    if (existsSync(output)) renameSync(output, old);
    renameSync(tmp, output);
    removeOld(old, site.reports.length);
    return { files: written.length + pages.files, warnings: loaded.diagnostics, site, phases: [...recordedPhases()], reused: pages.reused };
  } catch (e) {
    await abortBackgroundWork();
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}
