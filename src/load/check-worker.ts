// One run of office folders for checkSite (parallel.ts), on a worker thread.
import { parentPort, workerData } from 'node:worker_threads';
import { checkRun, type WorkerInput } from './parallel.ts';

const input = workerData as WorkerInput;
const result = checkRun(input.paths, { regionIds: new Set(input.regionIds), shardRegions: input.shardRegions && new Set(input.shardRegions) }, input.names);
parentPort!.postMessage(result);
