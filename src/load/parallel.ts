// `nianbao check` on worker threads: the office folders are split into runs, each loaded and checked on its own
// thread (every check but two compares reports of one office only), and the diagnostics are put back in exactly
// the order one sequential loadSite gives. The two checks between offices (one office under two ids, missing
// parents) run here over the offices the threads return. Only diagnostics and office records cross threads — a
// build needs the loaded reports in its own thread and uses loadSite.
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { checkReportsParts } from '../check/index.ts';
import type { Office } from '../model/types.ts';
import type { Diagnostic } from './diagnostics.ts';
import { checkOffices, loadHead, loadOffices, sortedDir, type LoadOptions, type SiteHead, type SitePaths } from './site.ts';

/** Below this many office folders (≈ 2,800 reports) per thread, starting a thread (0.5–1 s of module loading) does not pay. */
export const MIN_OFFICES_PER_THREAD = 400;
const MAX_THREADS = 8;

export interface CheckResult {
  diagnostics: Diagnostic[];
  /** Reports loaded without error (what loadSite's site.reports would hold). */
  reports: number;
  /** No error, and the site configuration was read: what loadSite returns a site for. */
  ok: boolean;
  /** Threads used, this one included. */
  threads: number;
}

/** What one run of office folders gives: loadOffices, then checkReports' two parts over its reports. */
export interface RunResult {
  diagnostics: Diagnostic[];
  offices: Office[];
  reports: number;
  crossYear: Diagnostic[];
  prose: Diagnostic[];
}

export interface WorkerInput {
  paths: SitePaths;
  regionIds: string[];
  shardRegions?: string[];
  names: string[];
}

export function checkRun(paths: SitePaths, head: Pick<SiteHead, 'regionIds' | 'shardRegions'>, names: readonly string[]): RunResult {
  const part = loadOffices(paths, { cfg: undefined, regions: [], diagnostics: [], ...head }, names);
  const { crossYear, prose } = checkReportsParts(part.reports);
  return { diagnostics: part.diagnostics, offices: part.offices, reports: part.reports.length, crossYear, prose };
}

/** Fewer cores than this, and threads are used only when asked for (NIANBAO_THREADS). */
const MIN_CORES = 4;

/**
 * Threads to use for `entries` office folders: NIANBAO_THREADS if set; else, on a machine with at least 4 cores,
 * one per core and per 400 folders. Each thread loads its own modules and warms up its own JIT (measured: 10,000
 * reports on a busy 2-core machine took 14 s of CPU on one thread and 17–21 s on two, and longer wall time), so
 * on 2 cores it only pays when the machine is otherwise idle: try NIANBAO_THREADS=2 there.
 */
export function threadsFor(entries: number): number {
  const env = process.env.NIANBAO_THREADS;
  if (env !== undefined && /^\d+$/.test(env)) return Math.max(1, Number(env));
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  if (cores < MIN_CORES) return 1;
  return Math.max(1, Math.min(cores, MAX_THREADS, Math.floor(entries / MIN_OFFICES_PER_THREAD)));
}

function runInWorker(input: WorkerInput): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('../util/ts-worker.mjs', import.meta.url), { workerData: { ...input, entry: new URL('./check-worker.ts', import.meta.url).href } });
    let result: RunResult | undefined;
    worker.once('message', (m: RunResult) => (result = m));
    worker.once('error', reject);
    worker.once('exit', (code) => (result ? resolve(result) : reject(new Error(`check worker exited with code ${code} before answering`))));
  });
}

/** Everything loadSite checks, with its diagnostics in the same order, on up to `threads` threads. */
export async function checkSite(paths: SitePaths, opts: LoadOptions & { threads?: number } = {}): Promise<CheckResult> {
  const head = loadHead(paths, opts);
  const names = sortedDir(paths.reports);
  const threads = Math.min(opts.threads ?? threadsFor(names.length), Math.max(1, names.length));
  // Contiguous runs in folder order, so that concatenating their results keeps loadSite's order.
  const size = Math.ceil(names.length / threads);
  const runs = Array.from({ length: threads }, (_, i) => names.slice(i * size, (i + 1) * size));
  const shared = { regionIds: [...head.regionIds], shardRegions: head.shardRegions && [...head.shardRegions] };
  // The other threads start first; this thread takes the first run meanwhile.
  const others = runs.slice(1).map((run) => runInWorker({ paths, ...shared, names: run }));
  // Wait for every thread even if one fails, then report the first failure.
  const settled = await Promise.allSettled([Promise.resolve().then(() => checkRun(paths, head, runs[0] ?? [])), ...others]);
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
  const results = settled.map((s) => (s as PromiseFulfilledResult<RunResult>).value);
  const diagnostics = [
    ...head.diagnostics,
    ...results.flatMap((r) => r.diagnostics),
    ...checkOffices(paths, results.flatMap((r) => r.offices)),
    ...results.flatMap((r) => r.crossYear),
    ...results.flatMap((r) => r.prose),
  ];
  return {
    diagnostics,
    reports: results.reduce((n, r) => n + r.reports, 0),
    ok: head.cfg !== undefined && !diagnostics.some((d) => d.severity === 'error'),
    threads,
  };
}
