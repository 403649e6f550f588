// `npx tsx bench/renditions.ts --site DIR [--prefix /] [--runs 5] [--limit N] [--profile]`
//
// What the reading-aid renditions cost, alone: reads the zh-CN report pages (reports/<office>/<year>/index.html)
// and comparison pages (…/compare/index.html) of a built site, in the order a build renders them, and runs
// toHantPage over both and toPinyinPage over the report pages. Prints CPU time (user+sys of this process) per page
// for each, the first page apart (it loads the dictionaries), as the median of --runs fresh processes' worth of
// passes, each in a fresh child process (cold caches, as a render thread starts). The time includes
// Buffer.byteLength of each result, which the build computes when it writes the file (it flattens a string built of
// pieces, a cost either way). Checks every result equals the file the build wrote
// under zh-hant/ and pinyin/. --profile adds a split of the CPU time by module from V8's sampling profiler.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Session } from 'node:inspector/promises';
import { pathToFileURL } from 'node:url';

const { values } = parseArgs({
  options: {
    site: { type: 'string' },
    prefix: { type: 'string', default: '/' },
    runs: { type: 'string', default: '5' },
    limit: { type: 'string' },
    profile: { type: 'boolean', default: false },
    // Another implementation of src/render/renditions.ts to time (e.g. a copy of the previous commit's).
    impl: { type: 'string' },
    // Internal: one run in this process, its numbers printed as JSON.
    child: { type: 'boolean', default: false },
  },
  strict: true,
});
if (!values.site) throw new Error('--site DIR is required (a built site, e.g. from nianbao build --full)');
const site = path.resolve(values.site);
const HANT_DIR = 'zh-hant';
const PINYIN_DIR = 'pinyin';
const prefix = values.prefix!;

interface Page {
  rel: string;
  html: string;
  report: boolean;
}

/** Report and comparison pages, office by office and year by year, as a render batch takes them. */
function pages(): Page[] {
  const out: Page[] = [];
  const root = path.join(site, 'reports');
  const dirs = (dir: string) => readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  for (const office of dirs(root)) {
    const dir = path.join(root, office);
    for (const year of dirs(dir).filter((y) => /^\d{4}$/.test(y))) {
      const rel = path.join('reports', office, year, 'index.html');
      if (!existsSync(path.join(site, rel))) continue;
      out.push({ rel, html: readFileSync(path.join(site, rel), 'utf8'), report: true });
      const crel = path.join('reports', office, year, 'compare', 'index.html');
      if (existsSync(path.join(site, crel))) out.push({ rel: crel, html: readFileSync(path.join(site, crel), 'utf8'), report: false });
    }
  }
  return values.limit ? out.slice(0, Number(values.limit)) : out;
}

const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

interface RunResult {
  pages: number;
  reports: number;
  /** CPU ms of the first call of each (dictionary loading included). */
  hantFirst: number;
  pinyinFirst: number;
  /** CPU ms of all other calls. */
  hantRest: number;
  pinyinRest: number;
  /** Of which Buffer.byteLength of the results. */
  writeHant: number;
  writePinyin: number;
  mismatches: string[];
  split?: Record<string, number>;
}

/** Self time per module from a V8 CPU profile, in ms. */
function splitProfile(profile: { nodes: Array<{ id: number; callFrame: { url: string; functionName: string } }>; samples: number[]; timeDeltas: number[] }): Record<string, number> {
  const bucketOf = new Map<number, string>();
  for (const n of profile.nodes) {
    const { url, functionName } = n.callFrame;
    let b: string;
    if (url.includes('opencc-js')) b = 'opencc-js';
    else if (url.includes('pinyin-pro')) b = 'pinyin-pro';
    else if (url.includes('/src/render/') || url.includes('/src/text/')) b = 'nianbao renditions (own JS)';
    else if (functionName === '(garbage collector)') b = 'garbage collector';
    else if (functionName === '(program)' || functionName === '(idle)' || functionName === '(root)') b = `${functionName}`;
    else if (!url) b = `native: ${functionName || '(anonymous)'}`;
    else b = 'other JS (bench, node)';
    bucketOf.set(n.id, b);
  }
  const out: Record<string, number> = {};
  profile.samples.forEach((id, i) => {
    const b = bucketOf.get(id)!;
    out[b] = (out[b] ?? 0) + profile.timeDeltas[i]! / 1000;
  });
  return out;
}

async function run(): Promise<RunResult> {
  type Renditions = typeof import('../src/render/renditions.ts');
  const impl = values.impl ? pathToFileURL(path.resolve(values.impl)).href : '../src/render/renditions.ts';
  const { toHantPage, toPinyinPage } = (await import(impl)) as Renditions;
  const list = pages();
  const session = values.profile ? new Session() : undefined;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
  }
  const r: RunResult = { pages: list.length, reports: 0, hantFirst: 0, pinyinFirst: 0, hantRest: 0, pinyinRest: 0, writeHant: 0, writePinyin: 0, mismatches: [] };
  // Each result is checked against the build's file right away (untimed) and dropped, as the build drops it: kept,
  // hundreds of MB of results would make every garbage collection slower.
  const check = (rel: string, data: string) => {
    const file = path.join(site, rel);
    if (!existsSync(file) || readFileSync(file, 'utf8') !== data) r.mismatches.push(rel);
  };
  let firstHant = true;
  let firstPinyin = true;
  for (const p of list) {
    let t = process.cpuUsage();
    const hant = toHantPage(p.html, { prefix });
    const dh0 = cpuMs(process.cpuUsage(t));
    // The build writes each result and counts its bytes: a result built of pieces is flattened there.
    Buffer.byteLength(hant);
    const dh = cpuMs(process.cpuUsage(t));
    if (!firstHant) r.writeHant += dh - dh0;
    if (firstHant) (r.hantFirst = dh), (firstHant = false);
    else r.hantRest += dh;
    check(path.join(HANT_DIR, p.rel), hant);
    if (p.report) {
      r.reports++;
      t = process.cpuUsage();
      const py = toPinyinPage(p.html);
      const dp0 = cpuMs(process.cpuUsage(t));
      Buffer.byteLength(py);
      const dp = cpuMs(process.cpuUsage(t));
      if (!firstPinyin) r.writePinyin += dp - dp0;
      if (firstPinyin) (r.pinyinFirst = dp), (firstPinyin = false);
      else r.pinyinRest += dp;
      check(path.join(path.dirname(p.rel), PINYIN_DIR, 'index.html'), py);
    }
  }
  if (session) {
    const { profile } = await session.post('Profiler.stop');
    r.split = splitProfile(profile as never);
    session.disconnect();
  }
  return r;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

if (values.child) {
  process.stdout.write(JSON.stringify(await run()));
} else {
  const runs = Number(values.runs);
  const results: RunResult[] = [];
  const self = fileURLToPath(import.meta.url);
  for (let i = 0; i < runs; i++) {
    const args = ['--import', 'tsx', self, '--child', '--site', site, '--prefix', prefix];
    if (values.limit) args.push('--limit', values.limit);
    if (values.profile) args.push('--profile');
    if (values.impl) args.push('--impl', values.impl);
    const c = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (c.status !== 0) throw new Error(`run ${i + 1} failed:\n${c.stderr}`);
    const r = JSON.parse(c.stdout) as RunResult;
    results.push(r);
    console.error(`[renditions] run ${i + 1}/${runs}: hant ${(r.hantRest / (r.pages - 1)).toFixed(3)} ms/page, pinyin ${(r.pinyinRest / (r.reports - 1)).toFixed(3)} ms/page, first calls ${r.hantFirst.toFixed(0)} + ${r.pinyinFirst.toFixed(0)} ms, ${r.mismatches.length} mismatches`);
  }
  const r0 = results[0]!;
  const hantPer = median(results.map((r) => r.hantRest / (r.pages - 1)));
  const pinyinPer = median(results.map((r) => r.pinyinRest / (r.reports - 1)));
  const mismatches = [...new Set(results.flatMap((r) => r.mismatches))];
  console.log(`pages: ${r0.pages} (${r0.reports} reports, ${r0.pages - r0.reports} comparisons), medians of ${runs} runs, CPU user+sys`);
  const w = (f: (r: RunResult) => number, k: number) => median(results.map((r) => f(r) / k)).toFixed(3);
  console.log(`toHantPage:   ${hantPer.toFixed(3)} ms/page (of which byteLength ${w((r) => r.writeHant, r0.pages - 1)})   first call ${median(results.map((r) => r.hantFirst)).toFixed(0)} ms`);
  console.log(`toPinyinPage: ${pinyinPer.toFixed(3)} ms/page (of which byteLength ${w((r) => r.writePinyin, r0.reports - 1)})   first call ${median(results.map((r) => r.pinyinFirst)).toFixed(0)} ms`);
  console.log(`per report (page + comparison zh-Hant, pinyin): ${((hantPer * r0.pages + pinyinPer * r0.reports) / r0.reports).toFixed(3)} ms`);
  if (values.profile) {
    const keys = [...new Set(results.flatMap((r) => Object.keys(r.split ?? {})))];
    const rows = keys.map((k) => [k, median(results.map((r) => r.split?.[k] ?? 0))] as const).sort((a, b) => b[1] - a[1]);
    const total = rows.reduce((s, [, v]) => s + v, 0);
    console.log('profile, self time by module (medians, ms):');
    for (const [k, v] of rows) if (v >= total / 1000) console.log(`  ${k.padEnd(40)} ${v.toFixed(0).padStart(7)}  ${((100 * v) / total).toFixed(1)}%`);
  }
  console.log(mismatches.length ? `MISMATCH: ${mismatches.length} files differ from the build, e.g. ${mismatches.slice(0, 5).join(', ')}` : 'all outputs equal the files the build wrote');
  if (mismatches.length) process.exitCode = 1;
}
