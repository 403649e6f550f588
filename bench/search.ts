// `npx tsx bench/search.ts [--sizes 1000,10000] [--records FILE [--repeat K]] [--work DIR] [--out FILE]`
//
// What the search index costs, alone: for each size N, the demo content of `npm run bench` (generated or reused in
// DIR/n<N>/content) turned into search records, or the records of FILE (a JSON array of SearchRecord, repeated K
// times with distinct URLs to reach province-times-ten sizes). Times the indexing (CPU of this process and wall),
// counts the files and bytes of the bundle, then runs a few queries as the search page does (first page of
// results, phrase checked on what is shown) and reports the bytes each one reads, and the exact result counts.
import { readFileSync, readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultPaths, loadSiteOrThrow } from '../src/load/site.ts';
import { allPageModels, buildPages } from '../src/site/pages.ts';
import { FILTERS, SEARCH_DIR } from '../src/search/bundle.ts';
import { buildSearchIndexFromRecords, type SearchRecord } from '../src/search/indexer.ts';
import { reportSearchRecord } from '../src/search/records.ts';
import { openBundle, queryBundle, type BundleQuery } from '../src/search/query.ts';
import { ensureContent } from './fixtures.ts';
import { PACKAGE_ROOT } from './measure.ts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000' },
    records: { type: 'string' },
    repeat: { type: 'string', default: '1' },
    work: { type: 'string', default: path.join(os.tmpdir(), 'nianbao-bench-search') },
    out: { type: 'string' },
  },
  strict: true,
});
const log = (s: string) => console.error(`[search] ${s}`);

function du(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const f of readdirSync(dir)) {
    const p = path.join(dir, f);
    const s = statSync(p);
    if (s.isDirectory()) {
      const d = du(p);
      files += d.files;
      bytes += d.bytes;
    } else (files++, (bytes += s.size));
  }
  return { files, bytes };
}

function queriesFor(records: SearchRecord[]): BundleQuery[] {
  const r = records[Math.floor(records.length / 3)]!;
  return [
    '政务公开',
    '依申请公开',
    '行政复议',
    '标准化',
    '保密审查',
    '政务新媒体',
    '台山',
    r.filters[FILTERS.office]![0]!,
    r.filters[FILTERS.region]!.at(-1)!,
  ].map((term): BundleQuery => ({ term })).concat([{ term: '政务公开', filters: { [FILTERS.year]: '2021' } }]);
}

async function measure(label: string, records: SearchRecord[], dir: string) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await buildSearchIndexFromRecords(dir, records, { bundleDir: path.join(dir, SEARCH_DIR) });
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(cpu0);
  const cpuMs = (c.user + c.system) / 1000;
  const size = du(path.join(dir, SEARCH_DIR));
  log(`${label}: ${records.length} records: ${(cpuMs / 1000).toFixed(2)} s CPU, ${(wallMs / 1000).toFixed(2)} s wall; ${size.files} files, ${(size.bytes / 2 ** 20).toFixed(1)} MiB, ${r.shards} shards, ${r.chunk} doc(s) per chunk`);
  const bundle = path.join(dir, SEARCH_DIR);
  const queries = queriesFor(records);
  const exact = await queryBundle(bundle, queries, { limit: 0, verify: true });
  const page = [];
  for (const q of queries) {
    // As the search page does: one index, the first page of results.
    let bytes = 0;
    let files = 0;
    const index = await openBundle(bundle, '/', (_, n) => ((bytes += n), files++));
    const t = performance.now();
    const res = await index.search(q.term, { filters: q.filters ?? {} });
    await res.next();
    page.push({ term: q.term + (q.filters ? ' +filter' : ''), count: exact[page.length]!.count, candidates: res.count, ms: Math.round(performance.now() - t), files, kib: Math.round(bytes / 1024) });
  }
  for (const p of page) log(`  ${p.term}: ${p.count} results, first page ${p.files} files ${p.kib} KiB, ${p.ms} ms`);
  return { label, records: records.length, cpuMs, wallMs, rssMiB: process.memoryUsage().rss / 2 ** 20, ...size, shards: r.shards, chunk: r.chunk, terms: r.terms, queries: page };
}

const all = [];
if (values.records) {
  const base = JSON.parse(readFileSync(values.records, 'utf8')) as SearchRecord[];
  const k = Number(values.repeat);
  const records = k === 1 ? base : Array.from({ length: k }, (_, i) => base.map((r) => ({ ...r, url: i ? `/copy${i}${r.url}` : r.url }))).flat();
  all.push(await measure(`${path.basename(values.records)}×${k}`, records, path.join(values.work, `records-${records.length}`)));
} else {
  for (const n of values.sizes.split(',').map((s) => Number(s.replace(/_/g, '')))) {
    const dir = path.join(values.work, `n${n}`);
    const content = ensureContent(path.join(dir, 'content'), n);
    const records = allPageModels(buildPages(loadSiteOrThrow(defaultPaths(content.root)), {})).pages.map(reportSearchRecord);
    all.push(await measure(`demo ${n}`, records, path.join(dir, 'search')));
  }
}
const out = values.out ?? path.join(PACKAGE_ROOT, 'bench-results', `search-index-${all.map((a) => a.records).join('-')}.json`);
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), cpus: os.cpus().length, loadavg: os.loadavg(), sizes: all }, null, 2)}\n`);
log(`results written to ${out}`);
