// `nianbao check` on worker threads: the office folders are cut into small chunks, each thread (this one included)
// takes the next chunk as it finishes one, loads and checks it (every check but two compares reports of one office
// only), and the diagnostics are put back in exactly the order one sequential loadSite gives. The two checks
// between offices (one office under two ids, missing parents) run here over the offices the chunks return. Only
// diagnostics and office records cross threads — a build needs the loaded reports in its own thread and uses
// loadSite. Imports the loader's core without markdown-it (see markdown-ref.ts): loaded only when a body needs it.
import { checkReportsParts } from '../check/index.ts';
import type { Office } from '../model/types.ts';
import { startWorkers, threadsFor, type CheckWorker } from './check-pool.ts';
import type { Diagnostic } from './diagnostics.ts';
import { MarkdownNotLoaded, loadMarkdown } from './markdown-ref.ts';
import { CHUNK_OFFICES, checkOffices, loadHead, loadOffices, normalisePrefix, sortedDir, type LoadOptions, type SiteHead, type SitePaths } from './site-core.ts';

export { MIN_OFFICES_PER_THREAD, threadsFor } from './check-pool.ts';

export interface CheckResult {
  diagnostics: Diagnostic[];
  /** Reports loaded without error (what loadSite's site.reports would hold). */
  reports: number;
  /** No error, and the site configuration was read: what loadSite returns a site for. */
  ok: boolean;
  /** Threads used, this one included. */
  threads: number;
}

/** What one chunk of office folders gives: loadOffices, then checkReports' two parts over its reports. */
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
  chunks: string[][];
  /** The index of the next chunk to take, shared by every thread (one Int32 in a SharedArrayBuffer). */
  next: Int32Array;
}

export function checkRun(paths: SitePaths, head: Pick<SiteHead, 'regionIds' | 'shardRegions'>, names: readonly string[]): RunResult {
  const part = loadOffices(paths, { cfg: undefined, regions: [], diagnostics: [], ...head }, names);
  const { crossYear, prose } = checkReportsParts(part.reports);
  return { diagnostics: part.diagnostics, offices: part.offices, reports: part.reports.length, crossYear, prose };
}

/**
 * Checks chunks until none is left: [chunk index, result] for each chunk this thread took. A chunk with a report
 * body that needs markdown-it, before it is loaded, is checked again once it is (loading has no side effects).
 */
export async function takeChunks(paths: SitePaths, head: Pick<SiteHead, 'regionIds' | 'shardRegions'>, chunks: readonly (readonly string[])[], next: Int32Array): Promise<Array<[number, RunResult]>> {
  const out: Array<[number, RunResult]> = [];
  for (let i = Atomics.add(next, 0, 1); i < chunks.length; i = Atomics.add(next, 0, 1)) {
    let r: RunResult;
    try {
      r = checkRun(paths, head, chunks[i]!);
    } catch (e) {
      if (!(e instanceof MarkdownNotLoaded)) throw e;
      await loadMarkdown();
      r = checkRun(paths, head, chunks[i]!);
    }
    out.push([i, r]);
  }
  return out;
}

export interface CheckOptions extends LoadOptions {
  /** Threads to use, this one included (default: threadsFor, or one more than `workers`). */
  threads?: number;
  /** Threads started ahead (check-pool.ts startWorkers): used instead of starting new ones. */
  workers?: CheckWorker[];
  /** Leave every chunk to the worker threads (for tests: this thread would otherwise often take them all). */
  workersOnly?: boolean;
}

/** Everything loadSite checks, with its diagnostics in the same order, on up to `threads` threads. */
export async function checkSite(paths: SitePaths, opts: CheckOptions = {}): Promise<CheckResult> {
  const head = loadHead(paths, opts);
  const names = sortedDir(paths.reports);
  // Threads started ahead are used whatever the number of chunks (one with none left to take answers at once).
  const threads = opts.workers ? opts.workers.length + 1 : Math.max(1, Math.min(opts.threads ?? threadsFor(names.length), Math.ceil(names.length / CHUNK_OFFICES)));
  const chunks: string[][] = [];
  for (let i = 0; i < names.length; i += CHUNK_OFFICES) chunks.push(names.slice(i, i + CHUNK_OFFICES));
  const next = new Int32Array(new SharedArrayBuffer(4));
  const shared = { regionIds: [...head.regionIds], shardRegions: head.shardRegions && [...head.shardRegions] };
  const others = (opts.workers ?? startWorkers(threads - 1)).map((w) => w.run({ paths, ...shared, chunks, next }));
  // The other threads take a while to start; this one starts at once. Should it fail, the others take no new
  // chunk, and every thread is waited for before the first failure is reported.
  const mine = (async () => {
    try {
      return opts.workersOnly && threads > 1 ? [] : await takeChunks(paths, head, chunks, next);
    } catch (e) {
      Atomics.store(next, 0, chunks.length);
      throw e;
    }
  })();
  const settled = await Promise.allSettled([mine, ...others]);
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
  const results: RunResult[] = new Array(chunks.length);
  for (const s of settled) for (const [i, r] of (s as PromiseFulfilledResult<Array<[number, RunResult]>>).value) results[i] = r;
  // Chunk order is folder order: concatenating each part keeps loadSite's order.
  const diagnostics = [
    ...head.diagnostics,
    ...results.flatMap((r) => r.diagnostics),
    ...checkOffices(paths, results.flatMap((r) => r.offices)),
    ...results.flatMap((r) => r.crossYear),
    ...results.flatMap((r) => r.prose),
  ];
  const ok = head.cfg !== undefined && !diagnostics.some((d) => d.severity === 'error');
  // loadSite reads the path prefix of a site without errors, and throws (SourceErrors) on an invalid one.
  if (ok) normalisePrefix((head.cfg!.pathPrefix as string | undefined) ?? '/');
  return { diagnostics, reports: results.reduce((n, r) => n + r.reports, 0), ok, threads };
}
