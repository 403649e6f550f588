// A report page thread (pool.ts): compiles the templates once, then renders and writes batch after batch.
import { parentPort, workerData } from 'node:worker_threads';
import { ReportPageRenderer } from './render.ts';
import { openBatch } from './transfer.ts';
import type { FromWorker, ToWorker, WorkerInit } from './pool.ts';

const init = workerData as WorkerInit;
const renderer = new ReportPageRenderer(init.shared);
const port = parentPort!;
port.on('message', (m: ToWorker) => {
  if ('done' in m) {
    port.close();
    return;
  }
  let reply: FromWorker;
  try {
    reply = { written: renderer.write(openBatch(m.batch), init.outputDir) };
  } catch (e) {
    reply = { error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  port.postMessage(reply);
});
