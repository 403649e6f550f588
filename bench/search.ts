// `npx tsx bench/search.ts [--sizes 1000,10000] [--work DIR] [--variants html,html-notables,records,records/2]
//                          [--render S] [--out FILE]`
//
// What the search index costs, alone: for each size N, the demo content of `npm run bench` (generated or reused in
// DIR/n<N>/content), and for each variant the index written to DIR/n<N>/search-<variant>/. Times the indexing —
// wall time, the CPU of the Pagefind processes (read from /proc while they run) and of this process (its threads
// included) — then queries every bundle as the search page would (src/search/query.ts) and compares the results
// with the first variant's.
//
// Variants:
//   html-all        the build before issue 8: Pagefind reads reports/*/*/index.html of a built site (DIR/n<N>/site,
//                   from `npm run bench -- --sizes N --only build --keep --work DIR`; skipped when there is none)
//   html            buildSearchIndex as it is now: the same pages without the statistics tables
//   records         one record per report from the data (src/search/records.ts): title, metadata, prose, no tables,
//                   addCustomRecord on a worker thread (src/search/indexer.ts)
//   records/K       the same split into K bundles built by K Pagefind processes at once, merged by the search page
//   records~C       the same with each record's text cut to C characters (maxChars)
// --render S keeps the main thread busy for S seconds of CPU (synchronous slices, as rendering does) while the
// records variants index, and reports the wall time of both together: what overlapping saves.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultPaths, loadSiteOrThrow } from '../src/load/site.ts';
import { buildPages } from '../src/site/pages.ts';
import { FILTERS, SEARCH_GLOB, buildSearchIndex } from '../src/search/pagefind.ts';
import { BUNDLES_FILE, startSearchIndex, type SearchRecord } from '../src/search/indexer.ts';
import { reportSearchRecord } from '../src/search/records.ts';
import { queryBundle, type BundleAnswer, type BundleQuery } from '../src/search/query.ts';
import { ensureContent } from './fixtures.ts';
import { PACKAGE_ROOT } from './measure.ts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000' },
    work: { type: 'string', default: path.join(os.tmpdir(), 'nianbao-bench-search') },
    variants: { type: 'string', default: 'html-all,html,records,records/2,records~600' },
    render: { type: 'string', default: '0' },
    out: { type: 'string' },
  },
  strict: true,
});
const sizes = values.sizes.split(',').map((s) => Number(s.replace(/_/g, '')));
const variants = values.variants.split(',').map((v) => v.trim());
const renderMs = Number(values.render) * 1000;
/** Results compared per query (the first ones, in rank order). */
const TOP = 20;
const log = (s: string) => console.error(`[search] ${s}`);
const secs = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;

// --- CPU of the Pagefind processes: children of this process, sampled from /proc while they run ---------------
const TICK_MS = 1000 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim() || 100);
/** utime + stime of a child, or undefined when it is not (or no longer) our child. */
function childCpu(pid: number): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(f[1]) === process.pid ? (Number(f[11]) + Number(f[12])) * TICK_MS : undefined;
}
/** Reads the known children every time and looks for new ones (a scan of /proc) every `scanEvery` calls. */
function sampler(seen: Map<number, number>, scanEvery = 10): () => void {
  let calls = 0;
  const children = () => readdirSync('/proc').filter((d) => /^\d+$/.test(d) && childCpu(Number(d)) !== undefined).map(Number);
  // Children from before (an earlier variant's Pagefind processes, exited but not yet reaped) are not this run's.
  const before = new Set(children());
  return () => {
    if (calls++ % scanEvery === 0) for (const pid of children()) if (!before.has(pid) && !seen.has(pid)) seen.set(pid, 0);
    for (const pid of seen.keys()) {
      const ms = childCpu(pid);
      if (ms !== undefined) seen.set(pid, ms);
    }
  };
}
async function measured<T>(fn: () => Promise<T>): Promise<{ value: T; wallMs: number; childCpuMs: number; selfCpuMs: number }> {
  const seen = new Map<number, number>();
  const sampleChildren = sampler(seen);
  const timer = setInterval(sampleChildren, 100);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await fn();
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(cpu0);
  clearInterval(timer);
  sampleChildren();
  return { value, wallMs, childCpuMs: [...seen.values()].reduce((a, b) => a + b, 0), selfCpuMs: (c.user + c.system) / 1000 };
}

/** Synchronous work in slices, yielding between them, for `ms` of CPU: what rendering does to the main thread. */
async function busy(ms: number): Promise<void> {
  const end = process.cpuUsage();
  const spent = () => {
    const c = process.cpuUsage(end);
    return (c.user + c.system) / 1000;
  };
  let x = 0;
  while (spent() < ms) {
    const t = performance.now();
    while (performance.now() - t < 20) x += Math.sqrt(x + 1);
    await new Promise((r) => setImmediate(r));
  }
  if (x < 0) console.log(x);
}

const du = (dir: string): number => {
  let n = 0;
  for (const f of readdirSync(dir)) {
    const p = path.join(dir, f);
    const s = statSync(p);
    n += s.isDirectory() ? du(p) : s.size;
  }
  return n;
};

interface VariantResult {
  variant: string;
  pages: number;
  wallMs: number;
  pagefindCpuMs: number;
  nodeCpuMs: number;
  bundleMiB: number;
  bundles: number;
  timings?: Array<{ pages: number; addMs: number; writeMs: number }>;
  /** With --render: the busy main thread and the indexing together. */
  overlappedWallMs?: number;
  /** Per query: results here and with the first variant, and how many of the first variant's top results are here too. */
  quality?: Array<{ term: string; results: number; firstResults: number; topShared: number; top: number }>;
  sample?: { term: string; title: string; excerpt: string };
  skipped?: string;
}

function queriesFor(records: SearchRecord[]): BundleQuery[] {
  const r = records[Math.floor(records.length / 3)]!;
  const office = r.filters[FILTERS.office]![0]!;
  const region = r.filters[FILTERS.region]!.at(-1)!;
  return [
    { term: '政务公开' },
    { term: '依申请公开' },
    { term: '行政复议' },
    { term: '标准化' },
    { term: '保密审查' },
    { term: '政务新媒体' },
    { term: office },
    { term: region },
    { term: '政务公开', filters: { [FILTERS.year]: '2021' } },
    { term: '信息', filters: { [FILTERS.office]: office } },
  ];
}

async function runVariant(variant: string, dir: string, records: SearchRecord[]): Promise<VariantResult> {
  const out = path.join(dir, `search-${variant.replace(/[/~]/g, '-')}`);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const base = { variant, pages: 0, wallMs: 0, pagefindCpuMs: 0, nodeCpuMs: 0, bundleMiB: 0, bundles: 1 };
  if (variant.startsWith('html')) {
    const site = path.join(dir, 'site');
    if (!existsSync(path.join(site, 'reports'))) return { ...base, skipped: `no built site in ${site}` };
    // html-all: the pages as they were indexed before (tables included); html: buildSearchIndex's default.
    const pagefind = variant === 'html-all' ? {} : undefined;
    const m = await measured(() => buildSearchIndex(site, { bundleDir: out, pagefind }));
    return { ...base, pages: m.value.pages, wallMs: m.wallMs, pagefindCpuMs: m.childCpuMs, nodeCpuMs: m.selfCpuMs, bundleMiB: du(out) / 2 ** 20 };
  }
  const [, cap] = variant.split('~');
  const k = Number(variant.split('~')[0]!.split('/')[1] ?? 1);
  const index = async () => {
    const indexer = startSearchIndex(out, { bundles: k, bundleDir: out, maxChars: cap ? Number(cap) : undefined });
    indexer.add(records);
    return indexer.finish();
  };
  const m = await measured(index);
  const r: VariantResult = { ...base, pages: m.value.pages, wallMs: m.wallMs, pagefindCpuMs: m.childCpuMs, nodeCpuMs: m.selfCpuMs, bundleMiB: du(out) / 2 ** 20, bundles: k, timings: m.value.timings };
  if (renderMs > 0) {
    const t = performance.now();
    await Promise.all([index(), busy(renderMs)]);
    r.overlappedWallMs = performance.now() - t;
  }
  return r;
}

function merged(out: string): string[] {
  const f = path.join(out, BUNDLES_FILE);
  if (!existsSync(f)) return [];
  return (JSON.parse(readFileSync(f, 'utf8')) as { merge: string[] }).merge.map((m) => path.join(out, m));
}

async function measureSize(n: number) {
  const dir = path.join(values.work, `n${n}`);
  const content = ensureContent(path.join(dir, 'content'), n);
  log(`${n}: ${content.reports} reports in ${dir}/content${content.reused ? ' (reused)' : ''}`);
  const t = performance.now();
  const site = loadSiteOrThrow(defaultPaths(content.root));
  const loadMs = performance.now() - t;
  const pages = buildPages(site, {});
  const t2 = performance.now();
  const records = pages.reports.map(reportSearchRecord);
  const recordsMs = performance.now() - t2;
  const chars = records.reduce((s, r) => s + r.text.length, 0) / records.length;
  log(`${n}: loaded in ${secs(loadMs)}; ${records.length} records (${Math.round(chars)} characters each) in ${secs(recordsMs)}`);
  const queries = queriesFor(records);
  const results: VariantResult[] = [];
  let first: BundleAnswer[] | undefined;
  for (const v of variants) {
    log(`${n}: ${v} …`);
    const r = await runVariant(v, dir, records);
    if (!r.skipped) {
      const out = path.join(dir, `search-${v.replace(/[/~]/g, '-')}`);
      // The first results only: loading all of them means fetching every fragment of a 10,000-page index.
      const answers = queryBundle(out, queries, { merge: merged(out), hits: 1, limit: TOP });
      first ??= answers;
      r.quality = answers.map((a, i) => {
        const ref = first![i]!;
        const top = new Set(ref.urls);
        return { term: `${a.term}${queries[i]!.filters ? ' +filter' : ''}`, results: a.count, firstResults: ref.count, topShared: a.urls.filter((u) => top.has(u)).length, top: ref.urls.length };
      });
      const hit = answers[0]!.hits[0];
      if (hit) r.sample = { term: answers[0]!.term, title: hit.title, excerpt: hit.excerpt };
      log(`${n}: ${v}: ${secs(r.wallMs)} wall, Pagefind CPU ${secs(r.pagefindCpuMs)}, Node CPU ${secs(r.nodeCpuMs)}${r.overlappedWallMs ? `, with ${secs(renderMs)} of rendering ${secs(r.overlappedWallMs)}` : ''}`);
    } else log(`${n}: ${v}: skipped (${r.skipped})`);
    results.push(r);
  }
  return { requested: n, reports: records.length, charsPerRecord: Math.round(chars), loadMs, recordsMs, results };
}

const all = [];
log(`work folder ${values.work}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} on ${os.cpus().length} CPUs`);
for (const n of sizes) all.push(await measureSize(n));

console.log(`\nreports  variant         bundles  wall      Pagefind CPU  Node CPU  ms/report (CPU)  bundle    overlapped  results / top ${TOP} vs first`);
for (const s of all) {
  for (const r of s.results) {
    if (r.skipped) {
      console.log(`${String(s.reports).padEnd(8)} ${r.variant.padEnd(15)} skipped: ${r.skipped}`);
      continue;
    }
    const q = r.quality ?? [];
    const ratio = (a: number, b: number) => (b ? `${((a / b) * 100).toFixed(0)} %` : '—');
    const counts = ratio(q.reduce((a, x) => a + x.results, 0), q.reduce((a, x) => a + x.firstResults, 0));
    const shared = ratio(q.reduce((a, x) => a + x.topShared, 0), q.reduce((a, x) => a + x.top, 0));
    console.log(
      [
        String(s.reports).padEnd(8),
        r.variant.padEnd(15),
        String(r.bundles).padEnd(8),
        secs(r.wallMs).padEnd(9),
        secs(r.pagefindCpuMs).padEnd(13),
        secs(r.nodeCpuMs).padEnd(9),
        ((r.pagefindCpuMs + r.nodeCpuMs) / s.reports).toFixed(1).padEnd(16),
        `${r.bundleMiB.toFixed(1)} MiB`.padEnd(9),
        (r.overlappedWallMs ? secs(r.overlappedWallMs) : '—').padEnd(11),
        `${counts} / ${shared}`,
      ].join(' '),
    );
  }
}
const out = values.out ?? path.join(PACKAGE_ROOT, 'bench-results', `search-${sizes.join('-')}.json`);
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), cpus: os.cpus().length, loadavg: os.loadavg(), renderMs, variants, sizes: all }, null, 2)}\n`);
log(`results written to ${out}`);
if (SEARCH_GLOB !== 'reports/*/*/index.html') log(`note: the html variants index ${SEARCH_GLOB}`);
