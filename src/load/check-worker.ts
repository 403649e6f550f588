// A check thread (parallel.ts, check-pool.ts): takes chunks of office folders until none is left, and answers
// with their results. Its input comes with the thread or, for a thread started ahead of its work, as its first
// message.
import { parentPort, workerData } from 'node:worker_threads';
import { takeChunks, type WorkerInput } from './parallel.ts';

function run(input: WorkerInput): void {
  const head = { regionIds: new Set(input.regionIds), shardRegions: input.shardRegions && new Set(input.shardRegions) };
  parentPort!.postMessage(takeChunks(input.paths, head, input.chunks, input.next));
}

if (workerData) run(workerData as WorkerInput);
else parentPort!.once('message', run);
