// Entry of a check worker thread (src/load/check-pool.ts). A thread started under the tsx command inherits its
// loader; one started by bin/nianbao.js (which registers tsx through its API) does not, and registers it here.
const worker = new URL('./check-worker.ts', import.meta.url);
try {
  await import(worker.href);
} catch (e) {
  if (e?.code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw e;
  const { register } = await import('tsx/esm/api');
  register();
  // A failed import is remembered by its URL: ask again under another one.
  worker.search = '?tsx';
  await import(worker.href);
}
