// Entry of every nianbao worker thread: imports the TypeScript module named by workerData.entry (a file URL). A
// thread started under the tsx command inherits its loader; one started by bin/nianbao.js (which registers tsx
// through its API) does not, and registers it here. With workerData.bundle, the entry runs compiled instead
// (ts-bundle.mjs: no tsx, no loader thread), when it can be.
import { workerData } from 'node:worker_threads';

const entry = new URL(workerData.entry);
const compiled = workerData.bundle ? await (await import('./ts-bundle.mjs')).bundled(entry) : undefined;
if (compiled) {
  await import(compiled);
} else {
  try {
    await import(entry.href);
  } catch (e) {
    if (e?.code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw e;
    const { register } = await import('tsx/esm/api');
    register();
    // A failed import is remembered by its URL: ask again under another one.
    entry.search = '?tsx';
    await import(entry.href);
  }
}
