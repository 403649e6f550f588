// `node --expose-gc --import tsx bench/model.ts --root DIR`
//
// What the loaded site and the per-report keys of incremental builds cost, on real content:
//   heap     the loaded site's heap per report, as loaded and after shareCells (src/model/compact.ts), each after
//            a garbage collection
//   keys     CPU per report of batchKeys (src/report-pages/reuse.ts) over the page models as the threads get them
// Content: `npm run bench -- --sizes 1000 --only check --work /tmp/nb` leaves /tmp/nb/n1000/content.
import { parseArgs } from 'node:util';
import { defaultPaths, loadSiteOrThrow } from '../src/load/site.ts';
import { shareCells } from '../src/model/compact.ts';
import { batchKeys } from '../src/report-pages/reuse.ts';
import { BATCH_REPORTS } from '../src/report-pages/pool.ts';
import { wireBatch } from '../src/report-pages/transfer.ts';
import { buildPages } from '../src/site/pages.ts';

const { values } = parseArgs({ options: { root: { type: 'string' } } });
if (!values.root) throw new Error('--root: a content folder (site.yml and reports/)');
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const heap = () => {
  gc();
  return process.memoryUsage().heapUsed;
};
const kb = (bytes: number, n: number) => `${(bytes / n / 1024).toFixed(1)} KB`;

const h0 = heap();
const site = loadSiteOrThrow(defaultPaths(values.root));
const n = site.reports.length;
const loaded = heap() - h0;
shareCells(site);
const shared = heap() - h0;
console.log(`${n} reports: loaded site ${kb(loaded, n)} of heap per report; after shareCells ${kb(shared, n)}`);

const pages = buildPages(site, { dataPage: true });
const batches = [...pages.batches(BATCH_REPORTS)].map(wireBatch);
for (let run = 1; run <= 3; run++) {
  const t = process.cpuUsage();
  let keys = 0;
  for (const b of batches) keys += batchKeys(b, 'shared', values.root).length;
  const u = process.cpuUsage(t);
  console.log(`keys, run ${run}: ${((u.user + u.system) / 1000 / keys).toFixed(3)} ms of CPU per report`);
}
