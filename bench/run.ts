// `npm run bench -- [--sizes 1000,10000] [--keep] [--work DIR] [--only build,check,dev,baseline,shard] [--heap MB]
//                   [--edits 2] [--shards 4] [--cpu-prof] [--out FILE]`
//
// For each size N: generates N synthetic reports with the demo generator, then measures — each as a whole,
// separate process — the full build (`nianbao build`), the incremental build after editing one report (`nianbao
// build` again over the same output, which reuses every unchanged report), the check alone (`nianbao check`), the dev server's
// edit → visible time after changing one report (`nianbao serve`), and the baseline: plain Eleventy building the
// same reports' prose as N Markdown pages with a one-line layout; and a sharded build: the regions cut into K
// shards, each built alone (`nianbao build --shard`, one after another here, side by side on K machines), then the
// merge build that links their report pages (`--reuse`). Prints a table, checks the targets of issue 8
// and writes everything to bench-results/<sizes>.json. See docs/scaling.md.
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { load as loadYaml } from 'js-yaml';
import { measureDevEdits, type DevResult } from './devserver.ts';
import { ensureContent, makeBaseline, reportFiles, type Content } from './fixtures.ts';
import { PACKAGE_ROOT, hasGnuTime, runNode, type Measured } from './measure.ts';
import { measureParallelism, type Parallelism } from './parallelism.ts';

const STEPS = ['build', 'check', 'dev', 'baseline', 'shard'] as const;
type Step = (typeof STEPS)[number];

/** Above this many reports, nianbao processes get a bigger V8 heap (documented in docs/scaling.md). */
const LARGE = 20_000;
const LARGE_HEAP_MB = 3584;

interface StepResult {
  wallMs: number;
  cpuMs?: number;
  peakRssMiB?: number;
  msPerReport?: number;
  ok: boolean;
  command: string;
  /** The last lines of output when the step failed. */
  error?: string;
  /** Files written (build), as the command reported it. */
  files?: number;
}

interface SizeResult {
  requested: number;
  reports: number;
  offices: number;
  regions: number;
  content: string;
  generateMs: number;
  nodeFlags: string[];
  build?: StepResult;
  /** The build again over the same output after one report's prose was edited (reports reused from the first). */
  rebuild?: StepResult & { reused?: number; edited: string };
  check?: StepResult;
  dev?: Omit<DevResult, 'process'> & { peakRssMiB?: number; cpuMs?: number; ok: boolean };
  baseline?: StepResult & { pages: number };
  /** K shard builds (their region ids), then the merge build that reuses their pages. */
  sharded?: { shards: Array<StepResult & { regions: string[] }>; merge: StepResult & { reused?: number } };
}

interface Target {
  what: string;
  limit: string;
  measured: string;
  met: boolean | null;
}

function options() {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '1000,10000' },
      keep: { type: 'boolean', default: false },
      work: { type: 'string' },
      only: { type: 'string', default: STEPS.join(',') },
      heap: { type: 'string' },
      edits: { type: 'string', default: '2' },
      shards: { type: 'string', default: '4' },
      'cpu-prof': { type: 'boolean', default: false },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(readmeLines());
    process.exit(0);
  }
  const sizes = values.sizes.split(',').map((s) => Number(s.trim().replace(/_/g, '')));
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--sizes: whole numbers, e.g. 1000,10000 (got ${values.sizes})`);
  const only = values.only.split(',').map((s) => s.trim()) as Step[];
  for (const s of only) if (!STEPS.includes(s)) throw new Error(`--only: one or more of ${STEPS.join(', ')}`);
  const heap = values.heap === undefined ? undefined : Number(values.heap);
  if (heap !== undefined && !(heap > 0)) throw new Error('--heap: megabytes, e.g. 3584');
  return { sizes, keep: values.keep || values.work !== undefined, work: values.work, only, heap, edits: Number(values.edits), shards: Math.max(1, Number(values.shards) || 4), cpuProf: values['cpu-prof'], out: values.out };
}

function readmeLines(): string {
  return `npm run bench -- [options]
  --sizes 1000,10000     report counts to measure (100000 on request)
  --only build,check,dev,baseline
  --work DIR             keep generated content and outputs in DIR (reused by later runs with the same sizes)
  --keep                 keep the temporary folder
  --heap MB              --max-old-space-size for nianbao processes (default ${LARGE_HEAP_MB} above ${LARGE} reports)
  --edits N              dev-server edits to time (default 2)
  --shards K             shards of the sharded build (default 4)
  --cpu-prof             write V8 CPU profiles of every measured process into the work folder
  --out FILE             JSON results (default bench-results/<sizes>.json)`;
}

const log = (s: string) => console.error(`[bench] ${s}`);
const secs = (ms?: number) => (ms === undefined ? '—' : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`);
const mib = (m?: number) => (m === undefined ? '—' : m >= 1024 ? `${(m / 1024).toFixed(2)} GiB` : `${Math.round(m)} MiB`);
const lastLines = (s: string, n = 15) => s.trim().split('\n').slice(-n).join('\n');

function stepResult(m: Measured, reports: number): StepResult {
  const ok = m.exitCode === 0;
  const files = /网站已生成：(\d+) 个文件/.exec(m.stdout)?.[1];
  return {
    wallMs: m.wallMs,
    cpuMs: m.cpuMs,
    peakRssMiB: m.peakRssMiB,
    msPerReport: Math.round((m.wallMs / reports) * 100) / 100,
    ok,
    command: m.command,
    error: ok ? undefined : lastLines(`${m.stderr}\n${m.stdout}`) || `exit ${m.exitCode ?? m.signal}`,
    files: files ? Number(files) : undefined,
  };
}

/**
 * Lets the disk settle before the next measure: waits for a replaced output being removed in the background
 * (`<out>.old-*`, see removeOld in src/cli/build.ts) and flushes written pages (sync), so that one step's writes do
 * not slow the next step's reads.
 */
async function settle(out?: string): Promise<void> {
  if (out) {
    const parent = path.dirname(out);
    const prefix = `${path.basename(out)}.old-`;
    for (let i = 0; i < 600 && readdirSync(parent).some((n) => n.startsWith(prefix)); i++) await new Promise((r) => setTimeout(r, 200));
  }
  spawnSync('sync');
}

function countFiles(dir: string): number {
  let n = 0;
  for (const f of readdirSync(dir)) {
    const p = path.join(dir, f);
    n += statSync(p).isDirectory() ? countFiles(p) : 1;
  }
  return n;
}

function gitState(): { commit?: string; dirty?: boolean } {
  const rev = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: PACKAGE_ROOT, encoding: 'utf8' });
  if (rev.status !== 0) return {};
  const st = spawnSync('git', ['status', '--porcelain'], { cwd: PACKAGE_ROOT, encoding: 'utf8' });
  return { commit: rev.stdout.trim(), dirty: st.stdout.trim() !== '' };
}

async function measureSize(n: number, work: string, o: ReturnType<typeof options>): Promise<SizeResult> {
  const dir = path.join(work, `n${n}`);
  log(`${n} reports: generating content in ${dir} …`);
  const content: Content = ensureContent(path.join(dir, 'content'), n);
  log(`${content.reused ? 'reused' : `generated in ${secs(content.generateMs)}:`} ${content.reports} reports, ${content.offices} offices, ${content.regions} regions`);
  const heap = o.heap ?? (content.reports > LARGE ? LARGE_HEAP_MB : undefined);
  const profDir = path.join(dir, 'cpu-profiles');
  const flags = (name: string) => [...(heap ? [`--max-old-space-size=${heap}`] : []), ...(o.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${path.join(profDir, name)}`] : [])];
  const nianbao = path.join(PACKAGE_ROOT, 'bin', 'nianbao.js');
  const r: SizeResult = { requested: n, reports: content.reports, offices: content.offices, regions: content.regions, content: content.root, generateMs: content.generateMs, nodeFlags: flags('…') };

  if (o.only.includes('build')) {
    const out = path.join(dir, 'site');
    rmSync(out, { recursive: true, force: true });
    log('full build (nianbao build) …');
    await settle();
    const m = await runNode(nianbao, ['build', '--root', content.root, '--out', out], { nodeFlags: flags('build'), logFile: path.join(dir, 'build.log') });
    r.build = stepResult(m, content.reports);
    if (r.build.ok && r.build.files === undefined) r.build.files = countFiles(out);
    log(`build: ${secs(m.wallMs)}, peak ${mib(m.peakRssMiB)}${r.build.ok ? '' : ` — FAILED\n${r.build.error}`}`);
    if (r.build.ok) {
      // One report in the middle of the site gets a new paragraph; the content is restored afterwards.
      const files = reportFiles(content.root);
      const edited = files[Math.floor(files.length / 2)]!;
      const before = readFileSync(edited);
      writeFileSync(edited, before.toString('utf8').replace(/(\n## 一、[^\n]*\n+)/, '$1本年度新增一段说明文字，用于测量增量生成。\n\n'));
      try {
        log(`incremental build after editing ${path.relative(content.root, edited)} …`);
        await settle();
        const m2 = await runNode(nianbao, ['build', '--root', content.root, '--out', out], { nodeFlags: flags('rebuild'), logFile: path.join(dir, 'rebuild.log') });
        const reused = /其中 (\d+) 份报告未改动/.exec(m2.stdout)?.[1];
        r.rebuild = { ...stepResult(m2, content.reports), reused: reused === undefined ? undefined : Number(reused), edited: path.relative(content.root, edited) };
        log(`incremental build: ${secs(m2.wallMs)}, peak ${mib(m2.peakRssMiB)}, ${reused ?? 0} reports reused${r.rebuild.ok ? '' : ` — FAILED\n${r.rebuild.error}`}`);
      } finally {
        writeFileSync(edited, before);
      }
      await settle(out);
    }
    if (!o.keep) rmSync(out, { recursive: true, force: true });
  }
  if (o.only.includes('check')) {
    log('check only (nianbao check) …');
    await settle();
    const m = await runNode(nianbao, ['check', '--root', content.root], { nodeFlags: flags('check'), logFile: path.join(dir, 'check.log') });
    r.check = stepResult(m, content.reports);
    log(`check: ${secs(m.wallMs)}, peak ${mib(m.peakRssMiB)}${r.check.ok ? '' : ` — FAILED\n${r.check.error}`}`);
  }
  if (o.only.includes('dev') && o.edits > 0) {
    log('dev server: first build, then edits …');
    const files = reportFiles(content.root);
    // Reports in the middle of the site, one per edit, spread out.
    const picks = Array.from({ length: o.edits }, (_, i) => files[Math.floor(((i + 1) * files.length) / (o.edits + 1))]!);
    const d = await measureDevEdits(content.root, picks, { nodeFlags: flags('serve'), readyTimeoutMs: 60 * 60_000, editTimeoutMs: 20 * 60_000, log, logFile: path.join(dir, 'serve.log') });
    const { process: m, ...rest } = d;
    r.dev = { ...rest, peakRssMiB: m.peakRssMiB, cpuMs: m.cpuMs, ok: !d.error && d.edits.length === o.edits };
    if (d.error) log(`dev server: FAILED — ${d.error}\n${lastLines(m.stderr)}`);
    rmSync(path.join(content.root, '_site'), { recursive: true, force: true });
  }
  if (o.only.includes('shard')) r.sharded = await measureShards(content, dir, o.shards, flags);
  if (o.only.includes('baseline')) {
    const base = path.join(dir, 'baseline');
    const b = makeBaseline(content.root, base);
    log(`baseline: plain Eleventy over ${b.pages} Markdown pages …`);
    rmSync(path.join(base, '_site'), { recursive: true, force: true });
    await settle();
    const eleventy = path.join(PACKAGE_ROOT, 'node_modules', '@11ty', 'eleventy', 'cmd.cjs');
    const m = await runNode(eleventy, ['--input=src', '--output=_site', '--quiet'], { cwd: base, nodeFlags: o.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${path.join(profDir, 'baseline')}`] : [], logFile: path.join(dir, 'baseline.log') });
    r.baseline = { ...stepResult(m, b.pages), pages: b.pages };
    log(`baseline: ${secs(m.wallMs)}, peak ${mib(m.peakRssMiB)}${r.baseline.ok ? '' : ` — FAILED\n${r.baseline.error}`}`);
    rmSync(path.join(base, '_site'), { recursive: true, force: true });
  }
  return r;
}

/**
 * Cuts the regions into `k` shards: the top-level regions, or, when there is only one (the demo's city), the
 * regions right below it, in id order, in k runs of about equal length. Offices of a region above the shards (the
 * city's own departments) are in none: the merge build renders them.
 */
function shardRegions(content: string, k: number): string[][] {
  const regions = loadYaml(readFileSync(path.join(content, 'reports', 'regions.yml'), 'utf8')) as Record<string, { 上级?: string }>;
  const ids = Object.keys(regions).sort();
  let level = ids.filter((id) => !regions[id]!.上级);
  if (level.length === 1) level = ids.filter((id) => regions[id]!.上级 === level[0]);
  const per = Math.ceil(level.length / k);
  return Array.from({ length: Math.min(k, level.length) }, (_, i) => level.slice(i * per, (i + 1) * per)).filter((s) => s.length > 0);
}

async function measureShards(content: Content, dir: string, k: number, flags: (name: string) => string[]): Promise<NonNullable<SizeResult['sharded']>> {
  const nianbao = path.join(PACKAGE_ROOT, 'bin', 'nianbao.js');
  const shards: NonNullable<SizeResult['sharded']>['shards'] = [];
  const outs: string[] = [];
  for (const [i, regions] of shardRegions(content.root, k).entries()) {
    const out = path.join(dir, `shard-${i}`);
    rmSync(out, { recursive: true, force: true });
    log(`shard ${i + 1}: nianbao build --shard ${regions.length} regions …`);
    await settle();
    const m = await runNode(nianbao, ['build', '--root', content.root, '--out', out, '--shard', regions.join(',')], { nodeFlags: flags(`shard-${i}`), logFile: path.join(dir, `shard-${i}.log`) });
    shards.push({ ...stepResult(m, content.reports), files: Number(/报告页已生成：(\d+) 个文件/.exec(m.stdout)?.[1] ?? NaN), regions });
    log(`shard ${i + 1}: ${secs(m.wallMs)}, peak ${mib(m.peakRssMiB)}`);
    outs.push(out);
  }
  const merged = path.join(dir, 'merged');
  rmSync(merged, { recursive: true, force: true });
  log(`merge build (--reuse × ${outs.length}) …`);
  await settle();
  const m = await runNode(nianbao, ['build', '--root', content.root, '--out', merged, ...outs.flatMap((o) => ['--reuse', o])], { nodeFlags: flags('merge'), logFile: path.join(dir, 'merge.log') });
  const reused = /其中 (\d+) 份报告未改动/.exec(m.stdout)?.[1];
  const merge = { ...stepResult(m, content.reports), reused: reused === undefined ? undefined : Number(reused) };
  log(`merge: ${secs(m.wallMs)}, peak ${mib(m.peakRssMiB)}, ${reused ?? 0} reports reused`);
  for (const out of [...outs, merged]) rmSync(out, { recursive: true, force: true });
  return { shards, merge };
}

/** The targets of issue 8, against what was measured (null: not measured in this run). */
function targets(results: SizeResult[]): Target[] {
  const at = (n: number) => results.find((r) => r.requested === n);
  const t: Target[] = [];
  const r10 = at(10_000);
  const r100 = at(100_000);
  const ratio = r10?.build?.ok && r10.baseline?.ok ? r10.build.wallMs / r10.baseline.wallMs : undefined;
  t.push({ what: '10,000 reports: full build vs plain Eleventy', limit: '≤ 1.5×', measured: ratio === undefined ? '—' : `${ratio.toFixed(2)}× (${secs(r10!.build!.wallMs)} vs ${secs(r10!.baseline!.wallMs)})`, met: ratio === undefined ? null : ratio <= 1.5 });
  const p10 = r10?.build?.peakRssMiB;
  t.push({ what: '10,000 reports: build peak memory', limit: '≤ 1 GB', measured: mib(p10), met: p10 === undefined ? null : p10 <= 1000 });
  const p100 = r100?.build?.peakRssMiB;
  t.push({ what: '100,000 reports: build peak memory', limit: '≤ 4 GB', measured: mib(p100), met: p100 === undefined || !r100?.build?.ok ? (r100?.build ? false : null) : p100 <= 4000 });
  const per = r10?.build?.ok && r100?.build?.ok ? r100.build.msPerReport! / r10.build.msPerReport! : undefined;
  t.push({ what: '100,000 reports: time per report vs 10,000', limit: '≤ 1.3×', measured: per === undefined ? '—' : `${per.toFixed(2)}× (${r100!.build!.msPerReport} vs ${r10!.build!.msPerReport} ms)`, met: per === undefined ? null : per <= 1.3 });
  const edit = r10?.dev?.ok ? Math.max(...r10.dev.edits.map((e) => e.visibleMs)) : undefined;
  t.push({ what: '10,000 reports: dev server, edit → visible (worst edit)', limit: '≤ 2 s', measured: r10?.dev ? (edit === undefined ? `failed: ${r10.dev.error}` : secs(edit)) : '—', met: r10?.dev ? (edit === undefined ? false : edit <= 2000) : null });
  const check = r10?.check;
  t.push({ what: '10,000 reports: nianbao check', limit: '≤ 5 s', measured: check ? secs(check.wallMs) : '—', met: check ? check.ok && check.wallMs <= 5000 : null });
  return t;
}

function printTable(results: SizeResult[], tgs: Target[]): void {
  const rows: string[][] = [['reports', 'measure', 'wall', 'CPU', 'peak RSS', 'per report', 'note']];
  for (const r of results) {
    const row = (name: string, s: StepResult | undefined, note = '') => {
      if (s) rows.push([String(r.reports), name, secs(s.wallMs), secs(s.cpuMs), mib(s.peakRssMiB), s.msPerReport === undefined ? '' : `${s.msPerReport} ms`, s.ok ? note : 'FAILED']);
    };
    row('full build (nianbao build)', r.build, r.build?.files ? `${r.build.files} files` : '');
    row('incremental build, 1 report edited', r.rebuild, r.rebuild ? `${r.rebuild.reused ?? 0} reports reused` : '');
    row('plain Eleventy baseline', r.baseline, r.baseline ? `${r.baseline.pages} .md pages` : '');
    row('check only (nianbao check)', r.check);
    if (r.sharded) {
      for (const [i, s] of r.sharded.shards.entries()) row(`shard ${i + 1} of ${r.sharded.shards.length} (build --shard)`, s, `${s.regions.length} regions, ${s.files} files`);
      row(`merge build (--reuse × ${r.sharded.shards.length})`, r.sharded.merge, `${r.sharded.merge.reused ?? 0} reports reused`);
      const slowest = Math.max(...r.sharded.shards.map((s) => s.wallMs));
      rows.push([String(r.reports), `sharded on ${r.sharded.shards.length} machines: slowest shard + merge`, secs(slowest + r.sharded.merge.wallMs), '', '', '', '']);
    }
    if (r.dev) {
      rows.push([String(r.reports), 'dev server: first build', secs(r.dev.readyMs), secs(r.dev.cpuMs), mib(r.dev.peakRssMiB), '', r.dev.ok ? 'CPU, peak: whole session' : `FAILED: ${r.dev.error ?? ''}`]);
      for (const [i, e] of r.dev.edits.entries()) rows.push([String(r.reports), `dev server: edit ${i + 1} → visible`, secs(e.visibleMs), '', '', '', `rebuilt after ${secs(e.rebuiltMs)}`]);
    }
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => [...r[c]!].length)));
  for (const [i, r] of rows.entries()) {
    console.log(r.map((cell, c) => cell + ' '.repeat(widths[c]! - [...cell].length)).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
  console.log('\ntargets (issue 8):');
  for (const t of tgs) console.log(`  ${t.met === null ? '·' : t.met ? '✓' : '✗'} ${t.what}: ${t.measured} (target ${t.limit})`);
}

async function machineSpeed(when: string): Promise<Parallelism> {
  const p = await measureParallelism();
  log(`machine speed ${when}: a CPU-bound loop takes ${p.oneMs} ms on one thread, ${p.allMs} ms on ${p.threads} at once (${p.speedup}×)`);
  return p;
}

async function main(): Promise<void> {
  const o = options();
  const work = path.resolve(o.work ?? path.join(os.tmpdir(), `nianbao-bench-${process.pid}`));
  mkdirSync(work, { recursive: true });
  const load0 = os.loadavg();
  log(`work folder ${work}; peak memory from ${hasGnuTime() ? 'GNU time' : 'bench/rss-wrapper.ts'}; load average ${load0.map((x) => x.toFixed(2)).join(' ')} on ${os.cpus().length} CPUs`);
  // How fast the machine is before and after (bench/parallelism.ts): a shared machine's speed moves by tens of percent.
  const speed = [await machineSpeed('before')];
  const results: SizeResult[] = [];
  try {
    for (const n of o.sizes) results.push(await measureSize(n, work, o));
  } finally {
    if (!o.keep) rmSync(work, { recursive: true, force: true });
    else log(`kept ${work}`);
  }
  speed.push(await machineSpeed('after'));
  const tgs = targets(results);
  printTable(results, tgs);
  const out = path.resolve(o.out ?? path.join(PACKAGE_ROOT, 'bench-results', `sizes-${o.sizes.join('-')}.json`));
  mkdirSync(path.dirname(out), { recursive: true });
  const cpus = os.cpus();
  writeFileSync(
    out,
    `${JSON.stringify(
      {
        machine: { cpus: cpus.length, model: cpus[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}`, speed },
        // Other work on the machine makes wall times noisy: the load averages tell how quiet it was.
        loadAverage: { start: load0, end: os.loadavg() },
        peakMemoryFrom: hasGnuTime() ? 'GNU time (/usr/bin/time -v)' : 'bench/rss-wrapper.ts (process.resourceUsage().maxRSS)',
        ...gitState(),
        sizes: results,
        targets: tgs,
      },
      null,
      2,
    )}\n`,
  );
  log(`results written to ${path.relative(process.cwd(), out)}`);
  if (results.some((r) => [r.build, r.rebuild, r.check, r.baseline, r.sharded?.merge, ...(r.sharded?.shards ?? [])].some((s) => s && !s.ok) || (r.dev && !r.dev.ok))) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(`[bench] ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
