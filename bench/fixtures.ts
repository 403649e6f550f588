// What the benchmark builds: N synthetic reports from the demo generator (consistent data, both format versions,
// a region hierarchy) in a content folder like a deployment's, and the plain-Eleventy baseline — the same reports'
// prose as N Markdown pages with a one-line Nunjucks layout.
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { writeDemo } from '../src/demo/generate.ts';
import { splitFrontMatter } from '../src/load/source.ts';
import { PACKAGE_ROOT } from './measure.ts';

export const SEED = 2024;
export const YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025];
const MARKER = '.nianbao-bench.json';

export interface Content {
  /** Content root: site.yml and reports/. */
  root: string;
  reports: number;
  offices: number;
  regions: number;
  /** Reused from an earlier run with the same parameters. */
  reused: boolean;
  generateMs: number;
}

/**
 * Generates (or reuses, when the folder holds the same parameters) N reports: ⌈N / 7⌉ offices over 2019–2025, so
 * a little over N reports. The generator is deterministic: the same N gives the same files.
 */
export function ensureContent(root: string, n: number): Content {
  const want = { n, seed: SEED, years: YEARS };
  const marker = path.join(root, MARKER);
  if (existsSync(marker)) {
    const had = JSON.parse(readFileSync(marker, 'utf8')) as typeof want & { reports: number; offices: number; regions: number };
    if (had.n === n && had.seed === SEED && had.years.join() === YEARS.join()) {
      return { root, reports: had.reports, offices: had.offices, regions: had.regions, reused: true, generateMs: 0 };
    }
  }
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const t = performance.now();
  const s = writeDemo(path.join(root, 'reports'), { seed: SEED, offices: Math.ceil(n / YEARS.length), years: YEARS });
  copyFileSync(path.join(PACKAGE_ROOT, 'site.yml'), path.join(root, 'site.yml'));
  const generateMs = Math.round(performance.now() - t);
  writeFileSync(marker, JSON.stringify({ ...want, ...s }));
  return { root, ...s, reused: false, generateMs };
}

/** Every report source under reports/, sorted: reports/<office>/<year>.md. */
export function reportFiles(root: string): string[] {
  const reports = path.join(root, 'reports');
  const out: string[] = [];
  for (const office of readdirSync(reports).sort()) {
    const dir = path.join(reports, office);
    if (!statSync(dir).isDirectory()) continue;
    for (const f of readdirSync(dir).sort()) if (/^\d{4}\.md$/.test(f)) out.push(path.join(dir, f));
  }
  return out;
}

export const BASELINE_LAYOUT = '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>{{ title }}</title><main>{{ content | safe }}</main></html>\n';

/**
 * A minimal Eleventy project: src/<office>/<year>.md holding the report's prose (the Markdown after its front
 * matter) under a two-line front matter, and src/_includes/base.njk, a one-line layout. Eleventy's defaults
 * otherwise (Liquid before Markdown, as a straightforward site would have it).
 */
export function makeBaseline(content: string, dir: string): { pages: number; reused: boolean } {
  const marker = path.join(dir, MARKER);
  const contentMarker = readFileSync(path.join(content, MARKER), 'utf8');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === contentMarker) {
    return { pages: reportFiles(content).length, reused: true };
  }
  rmSync(dir, { recursive: true, force: true });
  const src = path.join(dir, 'src');
  mkdirSync(path.join(src, '_includes'), { recursive: true });
  writeFileSync(path.join(src, '_includes', 'base.njk'), BASELINE_LAYOUT);
  let pages = 0;
  for (const file of reportFiles(content)) {
    const office = path.basename(path.dirname(file));
    const year = path.basename(file, '.md');
    const { body } = splitFrontMatter(readFileSync(file, 'utf8'));
    const out = path.join(src, office, `${year}.md`);
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, `---\nlayout: base.njk\ntitle: ${office} ${year}\n---\n${body}`);
    pages++;
  }
  writeFileSync(marker, contentMarker);
  return { pages, reused: false };
}
