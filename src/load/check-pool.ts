// The worker threads of `nianbao check` (parallel.ts): how many to use, and starting them. Kept free of the loader's
// modules so that the command line can start the threads before it loads its own modules: a thread takes about a
// second to load its modules (TypeScript through tsx), time this thread spends loading the same ones.
import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { RunResult, WorkerInput } from './parallel.ts';

/**
 * Below this many office folders (≈ 1,400 reports) per thread, a thread does not pay: each loads its modules and
 * warms up its JIT anew, about a second and a half of CPU time.
 */
export const MIN_OFFICES_PER_THREAD = 200;
const MAX_THREADS = 8;

export interface Machine {
  cores: number;
  /**
   * Other threads wanting a core: on Linux, those runnable right now (/proc/loadavg, othersBusy), else the load
   * average over the last minute (os.loadavg()[0]).
   */
  load: number;
}

/**
 * Threads of other programs runnable right now (Linux): the fourth field of /proc/loadavg ("runnable/total") less
 * this program's own runnable threads (this one, and often a V8 or module-loader thread); undefined where there is
 * no such file. A busy program is runnable all the time, so one look finds it. The load average says what the last
 * minute was like: just after a build (or another check) it is near the number of cores although they are now
 * idle, when a second thread would pay.
 */
export function othersRunnable(loadavg?: string, own?: number): number | undefined {
  try {
    // This program's threads are counted before and after the look (the most: a helper thread may have just
    // stopped), not to count them as another program's.
    const before = own ?? ownRunnable();
    const m = /^\S+ \S+ \S+ (\d+)\//.exec(loadavg ?? readFileSync('/proc/loadavg', 'latin1'));
    return m ? Math.max(0, Number(m[1]) - Math.max(before, own ?? ownRunnable())) : undefined;
  } catch {
    return undefined;
  }
}

/** This program's threads that are runnable now (state R in /proc/self/task/<id>/stat), this one at least. */
function ownRunnable(): number {
  let n = 0;
  for (const task of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${task}/stat`, 'latin1');
      if (stat[stat.lastIndexOf(')') + 2] === 'R') n++;
    } catch {
      // The thread has ended.
    }
  }
  return Math.max(1, n);
}

/** What Atomics.wait sleeps on, between looks. */
const PAUSE = new Int32Array(new SharedArrayBuffer(4));

/**
 * othersRunnable, looked at `looks` times a millisecond apart: the median. A look now and then finds a thread that
 * is runnable for an instant (a process starting or ending, a kernel worker): 4 looks in 120 on this idle machine
 * saw one to three, and a `nianbao check` that looked then ran on one thread, a second slower. A busy program is
 * there at most looks.
 */
export function othersBusy(look: () => number | undefined = othersRunnable, looks = 5): number | undefined {
  const seen: number[] = [];
  for (let i = 0; i < looks; i++) {
    if (i > 0) Atomics.wait(PAUSE, 0, 0, 1);
    const n = look();
    if (n === undefined) return undefined;
    seen.push(n);
  }
  seen.sort((a, b) => a - b);
  return seen[(seen.length - 1) >> 1];
}

const thisMachine = (): Machine => ({
  cores: typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length,
  load: othersBusy() ?? os.loadavg()[0] ?? 0,
});

/**
 * Threads to use for `entries` office folders: NIANBAO_THREADS if set; else one per idle core (the cores less the
 * other threads wanting one, rounded) and per 200 folders, at most 8. A second thread costs about 3 s of CPU time
 * for 10,000 reports (its modules and its loader thread, its JIT, V8's own threads): on an idle core it gains
 * time, on a busy one it loses it. Measured on this 2-core machine, 10,003 reports: idle, 6.5–6.8 s on one thread
 * and 5.9–6.1 s on two; at load 3–4, 8.2 s on one and 12–13 s on two.
 */
export function threadsFor(entries: number, machine: Machine = thisMachine()): number {
  const env = process.env.NIANBAO_THREADS;
  if (env !== undefined && /^\d+$/.test(env)) return Math.max(1, Number(env));
  const idle = Math.round(machine.cores - machine.load);
  return Math.max(1, Math.min(machine.cores, idle, MAX_THREADS, Math.floor(entries / MIN_OFFICES_PER_THREAD)));
}

/** A check thread, started ahead of its work; it loads its modules meanwhile, then waits for its input. */
export class CheckWorker {
  // Started through the shared TypeScript entry, compiled (no tsx in the thread: see ts-bundle.mjs); its input
  // arrives later, as its first message.
  private readonly worker = new Worker(new URL('../util/ts-worker.mjs', import.meta.url), { workerData: { entry: new URL('./check-worker.ts', import.meta.url).href, bundle: true } });
  private readonly answer: Promise<Array<[number, RunResult]>>;
  private started = false;

  constructor() {
    this.answer = new Promise((resolve, reject) => {
      let result: Array<[number, RunResult]> | undefined;
      this.worker.once('message', (m: Array<[number, RunResult]>) => (result = m));
      this.worker.once('error', reject);
      this.worker.once('exit', (code) => (result ? resolve(result) : reject(new Error(`check worker exited with code ${code} before answering`))));
    });
    // Until it is run, a failure is reported by run() only.
    this.answer.catch(() => undefined);
    // Not holding the process open while it waits: a thread that is never given work ends with the process.
    // (After the listeners: listening for messages would hold it again.)
    this.worker.unref();
  }

  /** Hands the thread its input: [chunk index, result] for each chunk it took. */
  run(input: WorkerInput): Promise<Array<[number, RunResult]>> {
    if (this.started) throw new Error('check worker already started');
    this.started = true;
    this.worker.ref();
    this.worker.postMessage(input);
    return this.answer;
  }
}

/** `count` check threads, started now. */
export const startWorkers = (count: number): CheckWorker[] => Array.from({ length: Math.max(0, count) }, () => new CheckWorker());
