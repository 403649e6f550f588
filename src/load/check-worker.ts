// A check thread (parallel.ts, check-pool.ts): started ahead of its work, it takes its input as its first message,
// then chunks of office folders until none is left, and answers with their results.
import { parentPort } from 'node:worker_threads';
import { takeChunks, type WorkerInput } from './parallel.ts';

parentPort!.once('message', (input: WorkerInput) => {
  const head = { regionIds: new Set(input.regionIds), shardRegions: input.shardRegions && new Set(input.shardRegions) };
  void takeChunks(input.paths, head, input.chunks, input.next).then((r) => parentPort!.postMessage(r));
});
