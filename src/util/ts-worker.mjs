// Entry of every nianbao worker thread: imports the TypeScript module named by workerData.entry (a file URL). A
// thread started under the tsx command inherits its loader; one started by bin/nianbao.js (which registers tsx
// through its API) does not, and registers it here.
import { workerData } from 'node:worker_threads';

const entry = new URL(workerData.entry);
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
