// A report page thread (pool.ts): compiles the templates once, then renders and writes batch after batch, taking
// unchanged reports from the previous output (reuse.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { ReportPageRenderer } from './render.ts';
import { reuseFrom } from './reuse.ts';
import type { FromWorker, ToWorker, WorkerInit } from './pool.ts';

const init = workerData as WorkerInit;
const renderer = new ReportPageRenderer(init.shared);
const reuse = reuseFrom(init.shared, init.reuse);
const port = parentPort!;
port.on('message', (m: ToWorker) => {
  if ('done' in m) {
    port.close();
    return;
  }
  let reply: FromWorker;
  try {
    reply = { written: renderer.writeBatch(m.batch, init.outputDir, reuse) };
  } catch (e) {
    reply = { error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  port.postMessage(reply);
});
