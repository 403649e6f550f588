// The pages each report has are rendered outside Eleventy (src/report-pages/): on worker threads for large sites,
// on the calling thread for small ones. Both must write exactly what the build publishes.
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { defaultPaths, loadSiteOrThrow } from '../../src/load/site.ts';
import { allPageModels, buildPages } from '../../src/site/pages.ts';
import { writeReportPages } from '../../src/report-pages/pool.ts';
import { wireBatch } from '../../src/report-pages/transfer.ts';
import { REPO } from '../helpers/content.ts';
import { shareCells } from '../../src/model/compact.ts';

function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(path.relative(dir, p));
    }
  };
  walk(dir);
  return out;
}

describe('report pages', () => {
  const site = loadSiteOrThrow(defaultPaths(REPO));
  // As `nianbao build` does: the manifest's keys cover the models as the build has them (src/model/compact.ts).
  shareCells(site);
  const pages = buildPages(site, { dataPage: true });
  const shared = { config: site.config, nav: pages.nav, features: { pdf: false }, prefix: site.config.pathPrefix, contentRoot: REPO };

  const all = allPageModels(pages);

  it('never splits an office across batches, and sends last year’s report with each comparison and the office’s page with its reports', () => {
    const batches = [...pages.batches(10)].map(wireBatch);
    expect(batches.length).toBeGreaterThan(3);
    const seen = new Map<string, number>();
    batches.forEach((b, i) => {
      for (const p of b.pages) {
        const before = seen.get(p.office.id);
        expect(before === undefined || before === i).toBe(true);
        seen.set(p.office.id, i);
      }
      for (const c of b.compares) expect(b.reports[c.previous]!.year).toBe(b.reports[c.report]!.year - 1);
      expect(new Set(b.offices.map((o) => o.office.id))).toEqual(new Set(b.pages.map((p) => p.office.id)));
    });
    expect(batches.reduce((n, b) => n + b.pages.length, 0)).toBe(pages.reports.length);
    expect(batches.reduce((n, b) => n + b.offices.length, 0)).toBe(all.offices.length);
    expect(batches.reduce((n, b) => n + b.compares.length, 0)).toBe(all.compares.length);
    // Each batch but the last holds at least 10 reports, and starts only where the one before reached 10.
    batches.slice(0, -1).forEach((b) => expect(b.pages.length).toBeGreaterThanOrEqual(10));
  });

  it('writes the same files on two threads as on this thread, and the same as the published build', async () => {
    const one = mkdtempSync(path.join(os.tmpdir(), 'nianbao-pages-1-'));
    const two = mkdtempSync(path.join(os.tmpdir(), 'nianbao-pages-2-'));
    const job = { batches: pages.batches, reports: pages.reports.length, shared };
    const a = await writeReportPages({ ...job, outputDir: one, threads: 0 });
    const b = await writeReportPages({ ...job, outputDir: two, threads: 2 });
    expect(b).toEqual(a);
    const list = files(one);
    expect(files(two)).toEqual(list);
    // Per report: the page, its zh-Hant and pinyin copies, data.json, data.csv and source.md (and source.yml for a
    // report whose data sits apart); per comparison: the page and its zh-Hant copy; per office: its page, the
    // page's zh-Hant copy and its feed (when a report has a 发布日期); and the build's record of what it wrote
    // (src/report-pages/reuse.ts), the same whatever the threads.
    const sidecars = pages.reports.filter((p) => p.report.dataFile).length;
    const feeds = all.offices.filter((o) => o.feed).length;
    expect(feeds).toBeGreaterThan(0);
    expect(list.length).toBe(pages.reports.length * 6 + sidecars + all.compares.length * 2 + all.offices.length * 2 + feeds + 1);
    expect(list).toContain(path.join('.nianbao', 'reports.json'));
    const built = inject('bundledSite');
    for (const f of list) {
      const bytes = readFileSync(path.join(one, f));
      expect(readFileSync(path.join(two, f)).equals(bytes), f).toBe(true);
      expect(readFileSync(path.join(built, f)).equals(bytes), f).toBe(true);
    }
  }, 300_000);

  it('fails the build when a thread fails, naming the cause', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'nianbao-pages-x-'));
    // A page model whose report lost its tables cannot render: the thread's error must reach the caller.
    const broken = all.pages.map((p, i) => (i === 3 ? { ...p, report: { ...p.report, tables: {} as never } } : p));
    await expect(writeReportPages({ batches: () => [{ pages: broken, compares: [], offices: [] }], reports: broken.length, shared, outputDir: out, threads: 2 })).rejects.toThrow(/TypeError|Cannot read/);
  }, 120_000);

  it('fails the build when making a batch of page models fails', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'nianbao-pages-y-'));
    function* failing() {
      yield* pages.batches(10);
      throw new Error('页面模型出错');
    }
    for (const threads of [0, 2]) await expect(writeReportPages({ batches: failing, reports: pages.reports.length, shared, outputDir: out, threads })).rejects.toThrow('页面模型出错');
  }, 120_000);
});
