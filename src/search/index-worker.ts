// The search index on a thread of its own (indexer.ts, `thread`): takes every record at once, writes the bundle,
// answers with its stats. On a large site the main thread has the listings, the bulk downloads and the report-page
// threads to serve; indexing there would hold them up.
import { parentPort, workerData } from 'node:worker_threads';
import { writeIndexNow, type IndexJob } from './indexer.ts';

const job = workerData as IndexJob & { entry: string };
writeIndexNow(job).then(
  (result) => parentPort!.postMessage({ result }),
  (e: unknown) => parentPort!.postMessage({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
);
