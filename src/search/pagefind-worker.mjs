// One Pagefind index on a worker thread (see indexer.ts). Plain JavaScript on purpose: a worker does not inherit
// the tsx loader that the main thread registers. Each worker thread loads its own copy of the `pagefind` package
// and so starts its own `pagefind_extended --service` process: several workers index in parallel, and the
// worker's own event loop keeps the service's input pipe full while the main thread is busy rendering pages.
//
// Messages in:  { type: 'add', records: CustomRecord[] }   (records as pagefind's addCustomRecord takes them)
//               { type: 'finish', outputPath: string }
// Message out:  { type: 'done', pages, errors: string[], addMs, writeMs }  (then the worker exits)
import childProcess from 'node:child_process';
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { close, createIndex } from 'pagefind';

const errors = [];
const pending = [];
let pages = 0;
let started;
/** Set when the Pagefind process is gone (killed, out of memory): why, for the error message. */
let gone;
let closing = false;
let reported = false;
let exited = () => {};
const exit = new Promise((resolve) => (exited = resolve));

const report = (message) => {
  if (reported) return;
  reported = true;
  parentPort.postMessage(message);
  parentPort.close();
};
const fail = () => {
  report({ type: 'done', pages, errors: [gone ?? 'the Pagefind process stopped', ...errors.slice(0, 4)], addMs: 0, writeMs: 0 });
  process.exit(1);
};

// pagefind's client never settles its pending requests when its service process dies, and it starts a new,
// empty service at the next call: the index would wait forever, or be written empty. Watch the process it spawns
// (this worker's own copy of child_process) and fail instead.
let child;
const spawn = childProcess.spawn;
childProcess.spawn = function (...args) {
  child = spawn.apply(this, args);
  childProcess.spawn = spawn;
  child.once('exit', (code, signal) => {
    if (closing) return;
    gone = `the Pagefind process stopped (${signal ?? `exit code ${code}`})`;
    exited();
    fail();
  });
  child.stdin?.on('error', () => (gone ??= 'the Pagefind process stopped (its input closed)'));
  return child;
};

const created = createIndex(workerData?.config ?? {});

parentPort.on('message', async (message) => {
  if (message.type === 'add') {
    const { index } = await created;
    if (!index || gone) return;
    started ??= performance.now();
    for (const record of message.records) {
      // Not awaited one by one: the requests queue in the service's pipe, so it never waits for this thread.
      pending.push(
        index.addCustomRecord(record).then(
          (r) => {
            if (r.errors.length) errors.push(`${record.url}: ${r.errors.join('; ')}`);
            else pages++;
          },
          (e) => errors.push(`${record.url}: ${e instanceof Error ? e.message : String(e)}`),
        ),
      );
    }
  } else if (message.type === 'finish') {
    let addMs = 0;
    let writeMs = 0;
    try {
      const { index, errors: createErrors } = await created;
      if (!index) throw new Error(createErrors.join('; '));
      await Promise.all(pending);
      // pagefind's client destroys the pipe when a write to a dead process fails, before the exit is known.
      if (gone || child?.stdin?.destroyed) {
        // Its exit is reported with the signal once the process is reaped; do not start a new one meanwhile.
        await Promise.race([exit, new Promise((resolve) => setTimeout(resolve, 2000))]);
        fail();
        return;
      }
      const t = performance.now();
      addMs = started === undefined ? 0 : t - started;
      if (!errors.length) {
        const written = await index.writeFiles({ outputPath: message.outputPath });
        errors.push(...written.errors);
      }
      writeMs = performance.now() - t;
      await index.deleteIndex();
    } catch (e) {
      errors.push(e instanceof Error ? e.message : String(e));
    } finally {
      closing = true;
      await close();
    }
    report({ type: 'done', pages, errors, addMs, writeMs });
  }
});
