// `node --expose-gc --import tsx bench/open-data.ts --root DIR --out DIR [--phases reports,bulk,csv,json,workbook,all]`
//
// Times the open-data writers (src/export/write.ts) on a loaded site, each phase after a garbage collection:
//   reports   reportDataFiles for every report (computing only, then computing and writing)
//   bulk      writeBulkData: the per-year CSVs, the full CSV, the workbook and the schema under /data/
//   csv, json the CSV lines and the data.json text of every report, alone
//   workbook  writeWorkbook alone
//   all       writeOpenData (what the build calls today)
// For each: wall and CPU time (process-wide), and peak resident memory during the phase, sampled every 10 ms from
// a worker thread (the writers are mostly synchronous, so the main thread could not sample itself), shown with
// the resident memory at the start of the phase: the loaded site alone takes several hundred MB.
//
// Content: `npm run bench -- --sizes 10000 --only check --work /tmp/bench-od` leaves /tmp/bench-od/n10000/content.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import * as write from '../src/export/write.ts';
import { outputPath } from '../src/export/files.ts';
import { reportDocument } from '../src/export/report-json.ts';
import { reportCsvBody, type ExportReport } from '../src/export/table-csv.ts';
import { writeWorkbook } from '../src/export/workbook.ts';
import { defaultPaths, loadSiteOrThrow } from '../src/load/site.ts';
import { isDemoRegion } from '../src/site/pages.ts';
import { reportUrl } from '../src/site/paths.ts';

const { values } = parseArgs({
  options: {
    root: { type: 'string' },
    out: { type: 'string', default: '/tmp/nianbao-open-data-bench' },
    phases: { type: 'string', default: 'reports,bulk,csv,json,workbook,all' },
    /** Repeat every report under K office ids (shallow copies sharing the loaded reports): bulk files for K × N reports without loading K × N. */
    repeat: { type: 'string', default: '1' },
  },
});
if (!values.root) {
  console.error('usage: node --expose-gc --import tsx bench/open-data.ts --root CONTENT [--out DIR] [--phases reports,bulk,csv,json,workbook,all]');
  process.exit(2);
}
const gc = (globalThis as { gc?: () => void }).gc ?? (() => console.warn('[open-data] run node with --expose-gc for comparable memory numbers'));
const MiB = (n: number) => `${Math.round(n / 2 ** 20)} MiB`;

// The sampler: a worker thread reading the whole process's RSS every 10 ms into shared memory.
const peak = new BigInt64Array(new SharedArrayBuffer(8));
const sampler = new Worker(
  `const { workerData } = require('node:worker_threads');
   const peak = new BigInt64Array(workerData);
   setInterval(() => { const r = BigInt(process.memoryUsage.rss()); if (r > Atomics.load(peak, 0)) Atomics.store(peak, 0, r); }, 10);`,
  { eval: true, workerData: peak.buffer },
);
sampler.unref();

interface Result {
  phase: string;
  wallMs: number;
  cpuMs: number;
  rssStart: number;
  rssPeak: number;
  heapAfter: number;
}
const results: Result[] = [];

async function measure(phase: string, run: () => unknown): Promise<void> {
  gc();
  await new Promise((r) => setTimeout(r, 50));
  const rssStart = process.memoryUsage.rss();
  Atomics.store(peak, 0, BigInt(rssStart));
  const cpu = process.cpuUsage();
  const t = performance.now();
  await run();
  const wallMs = performance.now() - t;
  const c = process.cpuUsage(cpu);
  await new Promise((r) => setTimeout(r, 30));
  const r: Result = { phase, wallMs, cpuMs: (c.user + c.system) / 1000, rssStart, rssPeak: Number(Atomics.load(peak, 0)), heapAfter: process.memoryUsage().heapUsed };
  results.push(r);
  console.log(`${phase.padEnd(28)} ${Math.round(r.wallMs)} ms wall, ${Math.round(r.cpuMs)} ms CPU, RSS ${MiB(r.rssStart)} → peak ${MiB(r.rssPeak)} (+${MiB(r.rssPeak - r.rssStart)}), heap after ${MiB(r.heapAfter)}`);
}

let t = performance.now();
const site = loadSiteOrThrow(defaultPaths(path.resolve(values.root)));
// The export view of each report page (src/site/pages.ts builds the same fields among many others).
const regionById = new Map(site.regions.map((r) => [r.id, r]));
const officeById = new Map(site.offices.map((o) => [o.id, o]));
const demo = new Map<string, boolean>();
const pages: ExportReport[] = [];
for (let k = 0; k < Number(values.repeat); k++) {
  for (const report of site.reports) {
    let office = officeById.get(report.officeId)!;
    if (!demo.has(office.region)) demo.set(office.region, isDemoRegion(site.regions, office.region));
    if (k > 0) office = { ...office, id: `${office.id}-r${k}` };
    pages.push({ report, office, region: regionById.get(office.region), demo: demo.get(office.region)!, url: reportUrl(office.id, report.year) });
  }
}
const openSite = { config: site.config, reports: pages };
console.log(`loaded ${pages.length} reports in ${Math.round(performance.now() - t)} ms; RSS ${MiB(process.memoryUsage.rss())}`);

const out = path.resolve(values.out);
const fresh = () => {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
};
const api = write as Partial<typeof write> & Pick<typeof write, 'writeOpenData' | 'exportOrder' | 'dataDate'>;

for (const phase of values.phases.split(',')) {
  fresh();
  if (phase === 'reports') {
    if (!api.reportDataFiles) {
      console.log('reports: no reportDataFiles in this tree');
      continue;
    }
    const reportDataFiles = api.reportDataFiles;
    let files = 0;
    await measure('reports: compute', () => {
      for (const p of pages) files += reportDataFiles(p, site.config, path.resolve(values.root!)).length;
    });
    const perReport = results.at(-1)!;
    console.log(`  ${files} files, ${(perReport.cpuMs / pages.length).toFixed(3)} ms CPU per report`);
    await measure('reports: compute + write', () => {
      for (const p of pages) {
        for (const f of reportDataFiles(p, site.config, path.resolve(values.root!))) {
          const file = outputPath(out, f.url);
          mkdirSync(path.dirname(file), { recursive: true });
          writeFileSync(file, f.data);
        }
      }
    });
    console.log(`  ${((results.at(-1)!.cpuMs) / pages.length).toFixed(3)} ms CPU per report`);
  } else if (phase === 'bulk') {
    if (!api.writeBulkData) {
      console.log('bulk: no writeBulkData in this tree');
      continue;
    }
    const writeBulkData = api.writeBulkData;
    await measure('bulk: writeBulkData', () => writeBulkData(out, openSite));
  } else if (phase === 'csv') {
    let bytes = 0;
    await measure('csv: reportCsvBody', () => {
      for (const p of pages) bytes += reportCsvBody(p).length;
    });
    console.log(`  ${(results.at(-1)!.cpuMs / pages.length).toFixed(3)} ms CPU per report, ${MiB(bytes)} of text`);
  } else if (phase === 'json') {
    await measure('json: data.json text', () => {
      for (const p of pages) JSON.stringify(reportDocument(p, site.config));
    });
    console.log(`  ${(results.at(-1)!.cpuMs / pages.length).toFixed(3)} ms CPU per report`);
  } else if (phase === 'workbook') {
    const reports = api.exportOrder(pages);
    await measure('workbook: writeWorkbook', () => writeWorkbook(path.join(out, 'w.xlsx'), reports, { title: 't', creator: 'c', date: api.dataDate(reports) }));
  } else if (phase === 'all') {
    await measure('all: writeOpenData', () => api.writeOpenData(out, path.resolve(values.root!), openSite));
  } else throw new Error(`unknown phase ${phase}`);
}
rmSync(out, { recursive: true, force: true });
const u = process.resourceUsage();
console.log(`process: max RSS ${MiB(u.maxRSS * 1024)}, CPU ${Math.round((u.userCPUTime + u.systemCPUTime) / 1000)} ms`);
