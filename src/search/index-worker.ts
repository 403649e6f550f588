// The search index on a thread of its own (indexer.ts, `thread`): takes the records as they are posted, then on
// `done` writes the bundle and answers with its stats. On a large site the main thread has the listings, the bulk
// downloads and the report-page threads to serve; indexing there would hold them up.
import { parentPort, workerData } from 'node:worker_threads';
import { writeIndexNow, type IndexJob, type SearchRecord, type ToIndexThread } from './indexer.ts';

const job = workerData as Omit<IndexJob, 'records'> & { entry: string };
const records: SearchRecord[] = [];
const port = parentPort!;
const onMessage = (m: ToIndexThread) => {
  if ('records' in m) {
    for (const r of m.records) records.push(r);
    return;
  }
  // No more messages: the thread ends once it has answered.
  port.off('message', onMessage);
  writeIndexNow({ ...job, records }).then(
    (result) => port.postMessage({ result }),
    (e: unknown) => port.postMessage({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
  );
};
port.on('message', onMessage);
