// How fast this machine is right now: the same CPU-bound loop on one thread, then on N threads at once. On a
// shared cloud machine both move from minute to minute: on the 2-core machine of issue 8 the loop on one thread took
// 567–907 ms in runs minutes apart, and two threads at once went 1.4–2.1× as fast as one. `npm run bench` records it
// before and after its runs, to tell a slow machine from slow code when comparing results; `npx tsx
// bench/parallelism.ts [threads]` prints it alone.
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

export interface Parallelism {
  threads: number;
  /** Wall time of the loop on one thread, and on `threads` threads at once (each running the loop), ms. */
  oneMs: number;
  allMs: number;
  /** threads × oneMs / allMs: `threads` on an ideal machine, 1 when the threads take turns on one core. */
  speedup: number;
}

// Integer arithmetic and a small table: the kind of work a render or check thread does, without I/O or allocation.
const LOOP = `
const { parentPort, workerData } = require('node:worker_threads');
let h = 0;
const table = new Int32Array(1 << 14);
for (let i = 0; i < workerData; i++) {
  h = Math.imul(h ^ i, 0x01000193);
  table[h & 16383] += 1;
}
parentPort.postMessage(h + table[0]);
`;

/** Wall time of `threads` threads each running the loop `rounds` times, started together. */
async function run(threads: number, rounds: number): Promise<number> {
  const t = performance.now();
  await Promise.all(
    Array.from({ length: threads }, () => new Promise((resolve, reject) => {
      const w = new Worker(LOOP, { eval: true, workerData: rounds });
      w.once('message', resolve);
      w.once('error', reject);
    })),
  );
  return performance.now() - t;
}

/** The best of three runs each, one thread and `threads` at once (the best: other work only ever slows a run). */
export async function measureParallelism(threads = os.availableParallelism(), rounds = 200_000_000): Promise<Parallelism> {
  let oneMs = Infinity;
  let allMs = Infinity;
  for (let i = 0; i < 3; i++) {
    oneMs = Math.min(oneMs, await run(1, rounds));
    allMs = Math.min(allMs, await run(threads, rounds));
  }
  return { threads, oneMs: Math.round(oneMs), allMs: Math.round(allMs), speedup: Math.round(((threads * oneMs) / allMs) * 100) / 100 };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const p = await measureParallelism(Number(process.argv[2]) || undefined);
  console.log(`${p.threads} threads at once: ${p.speedup}× one thread's speed (one: ${p.oneMs} ms, ${p.threads} at once: ${p.allMs} ms each loop)`);
}
