// Report pages on worker threads. Rendering ~10 pages per report is the bulk of a build, and it needs nothing
// from other offices once the page models exist, so batches of whole offices go to a small pool of threads, each
// with its own compiled templates; a thread asks for the next batch when it has written one, so the load evens
// out. Small sites are rendered on the calling thread: starting a thread costs about a second of module loading.
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { PageModels } from '../site/pages.ts';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { outputPath } from '../export/files.ts';
import { ReportPageRenderer, type BatchWritten, type SharedData } from './render.ts';
import { wireBatch, type Batch } from './transfer.ts';
import { MANIFEST_URL, manifestText, reuseFrom, type ReportRecord } from './reuse.ts';

/** Reports per batch: big enough that posting is cheap, small enough to keep threads busy to the end. */
export const BATCH_REPORTS = 200;
/**
 * Batches a thread has in hand (it takes them in order). The main thread answers a thread only between its own
 * tasks, and some of those are long (Eleventy's listing pages, the bulk open data: 10–20 s at 10,000 reports); with
 * a few batches queued (~2.5 s of work each) a thread works on through them instead of waiting. More would leave
 * threads unevenly loaded at the end.
 */
export const BATCHES_AHEAD = 3;
/** Below this many reports, threads do not pay for their start-up. */
export const MIN_REPORTS_FOR_THREADS = 1_000;

export interface WorkerInit {
  shared: SharedData;
  outputDir: string;
  /** Earlier output folders, whose unchanged reports are linked instead of rendered (reuse.ts). */
  reuse?: string[];
}
export type ToWorker = { batch: Batch } | { done: true };
export type FromWorker = { written: BatchWritten } | { error: string };

/** What the report pages of a build wrote, and how many reports came unchanged from the previous output. */
export interface ReportPagesWritten {
  files: number;
  bytes: number;
  reports: number;
  reused: number;
}

/** Threads for `reports` reports: NIANBAO_THREADS if set (0: none), else one per core for large sites. */
export function renderThreads(reports: number): number {
  const env = process.env.NIANBAO_THREADS;
  if (env !== undefined && /^\d+$/.test(env)) return Number(env);
  if (reports < MIN_REPORTS_FOR_THREADS) return 0;
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(cores, 8, Math.ceil(reports / BATCH_REPORTS)));
}

/**
 * The old-generation limit of a render thread (NIANBAO_RENDER_HEAP_MB overrides). A thread keeps ~50–120 MB live
 * (dictionaries, compiled templates, the rendition memo, one batch); without a limit V8 lets its heap grow to
 * ~450 MB before collecting. Measured over 1,000 reports on one thread: no limit 26.7 s of CPU and ~475 MB; 384 MB,
 * 28.3 s and ~290 MB; 256 MB, 30.5 s and ~270 MB. A report source is at most 1 MB, whose pinyin page needs well
 * under 200 MB.
 */
export const RENDER_HEAP_MB = 384;
const renderHeapMb = () => Number(process.env.NIANBAO_RENDER_HEAP_MB) || RENDER_HEAP_MB;

export interface RenderJob {
  /**
   * The page models in batches of whole offices (SitePages.batches), made one at a time as threads ask for them and
   * let go once posted: all of them at once would be most of a large build's memory.
   */
  batches: (size: number) => Iterable<PageModels>;
  /** How many reports the batches hold (how many threads pay). */
  reports: number;
  shared: SharedData;
  outputDir: string;
  /** Threads to use; default renderThreads(reports). 0 renders on this thread. */
  threads?: number;
  /** Earlier output folders (the previous build, shard builds): unchanged reports are linked from them (reuse.ts). */
  reuse?: string[];
}

function runWorker(init: WorkerInit, next: () => Batch | undefined, done: (w: BatchWritten) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('../util/ts-worker.mjs', import.meta.url), {
      // Compiled once into a cached bundle (src/util/ts-bundle.mjs): no tsx loader thread beside each render thread.
      workerData: { ...init, entry: new URL('./worker.ts', import.meta.url).href, bundle: true },
      resourceLimits: { maxOldGenerationSizeMb: renderHeapMb() },
    });
    let failed = false;
    // Batches posted and not yet written; none left to post once `next` gives none.
    let posted = 0;
    let last = false;
    const send = () => {
      while (!last && posted < BATCHES_AHEAD) {
        let batch: Batch | undefined;
        try {
          batch = next();
        } catch (e) {
          failed = true;
          reject(e);
          void worker.terminate();
          return;
        }
        if (!batch) last = true;
        else {
          worker.postMessage({ batch } satisfies ToWorker);
          posted++;
        }
      }
      if (last && posted === 0) worker.postMessage({ done: true } satisfies ToWorker);
    };
    worker.on('message', (m: FromWorker) => {
      if ('error' in m) {
        failed = true;
        reject(new Error(m.error));
        void worker.terminate();
        return;
      }
      posted--;
      done(m.written);
      send();
    });
    worker.once('online', send);
    worker.once('error', (e) => {
      failed = true;
      reject(e);
    });
    worker.once('exit', (code) => {
      if (failed) return;
      if (code === 0) resolve();
      else reject(new Error(`report page worker exited with code ${code}`));
    });
  });
}

/**
 * Renders and writes every report's pages, or links them from earlier outputs (`reuse`) where nothing they show changed, and
 * records what it wrote (MANIFEST_URL) for the next build; resolves with the totals, or rejects on the first failure.
 */
export async function writeReportPages(job: RenderJob): Promise<ReportPagesWritten> {
  const threads = job.threads ?? renderThreads(job.reports);
  const total: ReportPagesWritten = { files: 0, bytes: 0, reports: 0, reused: 0 };
  const records: Array<[string, ReportRecord]> = [];
  const officeRecords: Array<[string, ReportRecord]> = [];
  const done = (w: BatchWritten) => {
    total.files += w.files;
    total.bytes += w.bytes;
    total.reports += w.records.length;
    total.reused += w.reused;
    records.push(...w.records);
    officeRecords.push(...w.officeRecords);
  };
  if (threads === 0) {
    // Plain data, as a thread would get it: the same keys and the same pages.
    const renderer = new ReportPageRenderer(job.shared);
    const reuse = reuseFrom(job.shared, job.reuse);
    for (const models of job.batches(BATCH_REPORTS)) done(renderer.writeBatch(wireBatch(models), job.outputDir, reuse));
  } else {
    // Each batch is made, and cloned to the thread, only when a thread asks for one.
    const batches = job.batches(BATCH_REPORTS)[Symbol.iterator]();
    const next = (): Batch | undefined => {
      const r = batches.next();
      return r.done ? undefined : wireBatch(r.value);
    };
    const init: WorkerInit = { shared: job.shared, outputDir: job.outputDir, reuse: job.reuse };
    const runs = Array.from({ length: threads }, () => runWorker(init, next, done));
    const settled = await Promise.allSettled(runs);
    const failed = settled.find((s) => s.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
  }
  const manifest = outputPath(job.outputDir, MANIFEST_URL);
  mkdirSync(path.dirname(manifest), { recursive: true });
  writeFileSync(manifest, manifestText(records, officeRecords));
  return total;
}
