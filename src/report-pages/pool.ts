// Report pages on worker threads. Rendering ~10 pages per report is the bulk of a build, and it needs nothing
// from other offices once the page models exist, so batches of whole offices go to a small pool of threads, each
// with its own compiled templates; a thread asks for the next batch when it has written one, so the load evens
// out. Small sites are rendered on the calling thread: starting a thread costs about a second of module loading.
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ReportPage } from '../site/pages.ts';
import type { ComparePage } from '../site/browse.ts';
import { ReportPageRenderer, type SharedData, type Written } from './render.ts';
import { makeBatches, type Batch } from './transfer.ts';

/** Reports per batch: big enough that posting is cheap, small enough to keep threads busy to the end. */
export const BATCH_REPORTS = 200;
/** Below this many reports, threads do not pay for their start-up. */
export const MIN_REPORTS_FOR_THREADS = 1_000;

export interface WorkerInit {
  shared: SharedData;
  outputDir: string;
}
export type ToWorker = { batch: Batch } | { done: true };
export type FromWorker = { written: Written } | { error: string };

/** Threads for `reports` reports: NIANBAO_THREADS if set (0: none), else one per core for large sites. */
export function renderThreads(reports: number): number {
  const env = process.env.NIANBAO_THREADS;
  if (env !== undefined && /^\d+$/.test(env)) return Number(env);
  if (reports < MIN_REPORTS_FOR_THREADS) return 0;
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(cores, 8, Math.ceil(reports / BATCH_REPORTS)));
}

export interface RenderJob {
  pages: readonly ReportPage[];
  compares: readonly ComparePage[];
  shared: SharedData;
  outputDir: string;
  /** Threads to use; default renderThreads(pages). 0 renders on this thread. */
  threads?: number;
}

function runWorker(init: WorkerInit, next: () => Batch | undefined, total: Written): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('../util/ts-worker.mjs', import.meta.url), { workerData: { ...init, entry: new URL('./worker.ts', import.meta.url).href } });
    let failed = false;
    const send = () => {
      const batch = next();
      worker.postMessage((batch ? { batch } : { done: true }) satisfies ToWorker);
    };
    worker.on('message', (m: FromWorker) => {
      if ('error' in m) {
        failed = true;
        reject(new Error(m.error));
        void worker.terminate();
        return;
      }
      total.files += m.written.files;
      total.bytes += m.written.bytes;
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

/** Renders and writes every report's pages; resolves with what was written, or rejects on the first failure. */
export async function writeReportPages(job: RenderJob): Promise<Written> {
  const threads = job.threads ?? renderThreads(job.pages.length);
  const total: Written = { files: 0, bytes: 0 };
  if (threads === 0) {
    const renderer = new ReportPageRenderer(job.shared);
    return renderer.write({ pages: [...job.pages], compares: [...job.compares] }, job.outputDir);
  }
  // Batches are shallow views of the models; each is cloned only when a thread asks for it.
  const batches = makeBatches(job.pages, job.compares, BATCH_REPORTS);
  let i = 0;
  const next = () => batches[i++];
  const init: WorkerInit = { shared: job.shared, outputDir: job.outputDir };
  const runs = Array.from({ length: Math.min(threads, batches.length) }, () => runWorker(init, next, total));
  const settled = await Promise.allSettled(runs);
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
  return total;
}
