// Search index from records (issue 8): the renderer hands over one record per report page — its URL, title,
// plain text and filters, all known from the data before a page is rendered — and Pagefind indexes them with
// `addCustomRecord` on worker threads, each driving its own `pagefind_extended` process. Pagefind's Chinese word
// segmentation and its writing of the bundle are most of the cost of search; they need nothing from rendering, so
// the build starts them first and renders meanwhile:
//
//   const search = startSearchIndex(tmpOut, { bundles: 2 });
//   search.add(pages.reports.map(reportSearchRecord));   // from the data: nothing rendered yet
//   const indexed = search.finish();                     // returns at once; Pagefind indexes and writes meanwhile
//   try { await render(); } catch (e) { await search.abort(); throw e; }
//   await indexed;                                       // before the atomic swap of the output folder
//
//
// Compared with indexing the written pages (buildSearchIndex in pagefind.ts): no HTML is read or parsed, and only
// what a reader searches for is indexed — the title, the metadata values and the prose — not the statistics
// tables, whose labels are the same on every report. See bench/search.ts for the numbers.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CustomRecord, PagefindServiceConfig } from 'pagefind';
import { assertInsideOutput } from '../site/paths.ts';
import { FILTERS, SEARCH_DIR, type SearchIndexResult } from './pagefind.ts';

/** Pagefind's language key of the report pages (`<html lang="zh-CN">`): records must use the same. */
export const SEARCH_LANGUAGE = 'zh-cn';
/** Written into the main bundle when the index is split: the extra bundles the search page merges. */
export const BUNDLES_FILE = 'nianbao-bundles.json';

export type FilterName = (typeof FILTERS)[keyof typeof FILTERS];

/** One search result: a report page. */
export interface SearchRecord {
  /** Page URL without the path prefix, e.g. /reports/<office>/<year>/ (the search page adds the prefix). */
  url: string;
  /** The result title: the report's title. */
  title: string;
  /** Plain text to index and to take excerpts from: metadata values and the prose, no markup, no tables. */
  text: string;
  /** 机构 (the office's full name), 年度 (the report year), 地区 (the office's region and every region above it). */
  filters: Partial<Record<FilterName, string[]>>;
}

export interface SearchIndexOptions {
  /**
   * Number of bundles, each built by its own Pagefind process in parallel (default 1). Extra bundles are written to
   * <bundle>/<i>/ (listed in BUNDLES_FILE) and merged by the search page in the browser (Pagefind's mergeIndex;
   * the page needs `nb.searchMerge = mergeFolders(bundles)`). Not recommended: the total CPU is the same (only the
   * wall time drops, with idle cores), and merged results differ — a word missing from one bundle makes Pagefind
   * fall back to a shorter word there (台山 → 台), and some queries return fewer results (bench/search.ts).
   */
  bundles?: number;
  /**
   * Index at most this many characters of each record's text (default: all). Pagefind's cost grows with the text;
   * a report cut short is found only by words before the cut. bench/search.ts measures both.
   */
  maxChars?: number;
  /** Pagefind service options; the defaults are Pagefind's. */
  pagefind?: PagefindServiceConfig;
  /** Where to write the bundle (default <outputDir>/pagefind/; bench/search.ts writes elsewhere to compare). */
  bundleDir?: string;
}

/** A search index being built: add records while the site renders, then `finish()`. */
export interface SearchIndexer {
  /** Queues records for indexing and returns at once (the work happens on the worker threads). */
  add(records: SearchRecord | readonly SearchRecord[]): void;
  /**
   * No more records: Pagefind finishes indexing and writes the bundle(s) to <outputDir>/pagefind/. Call it as soon
   * as the last record is added and await the promise when the pages are written. Rejects if any record failed or
   * a Pagefind process died.
   */
  finish(): Promise<SearchIndexResult & { bundles: number; timings: BundleTiming[] }>;
  /** Stops the workers and their Pagefind processes without writing anything. */
  abort(): Promise<void>;
}

export interface BundleTiming {
  pages: number;
  /** From the first record to the last one indexed, and the writing of the bundle. */
  addMs: number;
  writeMs: number;
}

interface DoneMessage extends BundleTiming {
  type: 'done';
  errors: string[];
}

const WORKER = new URL('./pagefind-worker.mjs', import.meta.url);
/** Records are posted to a worker in batches: one structured clone per batch, not per record. */
const BATCH = 64;

/** The Pagefind record of a search record (its text cut to `maxChars`, at a character boundary). */
export function customRecord(r: SearchRecord, maxChars = Infinity): CustomRecord {
  const filters: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(r.filters)) if (values && values.length) filters[name] = values;
  const content = r.text.length > maxChars ? Array.from(r.text).slice(0, maxChars).join('') : r.text;
  return { url: r.url, content, language: SEARCH_LANGUAGE, meta: { title: r.title }, filters };
}

/** Relative folder of bundle i inside the main bundle folder (bundle 0 is the main bundle itself). */
export const bundleFolder = (i: number): string => (i === 0 ? '' : `${i}/`);
/** The folders (inside the main bundle) of the bundles the search page merges, for `bundles` bundles. */
export const mergeFolders = (bundles: number): string[] => Array.from({ length: Math.max(0, Math.floor(bundles) - 1) }, (_, i) => bundleFolder(i + 1));

/**
 * Starts building the search index into `<outputDir>/pagefind/`. Records can be added at once or as the build goes;
 * nothing is written before `finish()`.
 */
export function startSearchIndex(outputDir: string, options: SearchIndexOptions = {}): SearchIndexer {
  const n = Math.max(1, Math.floor(options.bundles ?? 1));
  const bundleDir = options.bundleDir ?? path.join(outputDir, SEARCH_DIR);
  if (!options.bundleDir) assertInsideOutput(outputDir, bundleDir);
  const workers = Array.from({ length: n }, () => new Worker(WORKER, { workerData: { config: options.pagefind ?? {} } }));
  // An index nobody finishes (the build failed before finish() or abort()) must not keep the process alive.
  for (const w of workers) w.unref();
  const done = workers.map(
    (w) =>
      new Promise<DoneMessage>((resolve, reject) => {
        w.on('message', (m: DoneMessage) => m.type === 'done' && resolve(m));
        w.on('error', reject);
        w.on('exit', (code) => reject(new Error(`search index worker stopped (exit code ${code})`)));
      }),
  );
  // Until finish() is awaited nobody listens to these: keep an early failure from being an unhandled rejection.
  for (const d of done) d.catch(() => undefined);
  const batches: CustomRecord[][] = workers.map(() => []);
  let next = 0;
  let state: 'open' | 'finishing' | 'closed' = 'open';
  const flush = (i: number) => {
    if (batches[i]!.length) workers[i]!.postMessage({ type: 'add', records: batches[i] });
    batches[i] = [];
  };
  return {
    add(records) {
      if (state !== 'open') throw new Error('search index: add() after finish() or abort()');
      for (const r of Array.isArray(records) ? (records as readonly SearchRecord[]) : [records as SearchRecord]) {
        // Round robin: bundles of the same size, so the processes finish together.
        const i = next++ % n;
        batches[i]!.push(customRecord(r, options.maxChars));
        if (batches[i]!.length >= BATCH) flush(i);
      }
    },
    async finish() {
      if (state !== 'open') throw new Error('search index: finish() called twice or after abort()');
      state = 'finishing';
      for (const w of workers) w.ref();
      try {
        rmSync(bundleDir, { recursive: true, force: true });
        workers.forEach((w, i) => {
          flush(i);
          w.postMessage({ type: 'finish', outputPath: path.join(bundleDir, bundleFolder(i)) });
        });
        const results = await Promise.all(done);
        const errors = results.flatMap((r) => r.errors);
        if (errors.length) throw new Error(`pagefind: ${errors.slice(0, 5).join('; ')}${errors.length > 5 ? ` (and ${errors.length - 5} more)` : ''}`);
        if (n > 1) {
          mkdirSync(bundleDir, { recursive: true });
          writeFileSync(path.join(bundleDir, BUNDLES_FILE), `${JSON.stringify({ merge: mergeFolders(n) })}\n`);
        }
        return {
          pages: results.reduce((s, r) => s + r.pages, 0),
          outputPath: bundleDir,
          bundles: n,
          timings: results.map(({ pages, addMs, writeMs }) => ({ pages, addMs, writeMs })),
        };
      } finally {
        state = 'closed';
        await Promise.all(workers.map((w) => w.terminate()));
      }
    },
    async abort() {
      state = 'closed';
      // Terminating a worker ends its thread; its Pagefind service process sees its input close and exits.
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/** Builds the search index from all records at once (the simple form of startSearchIndex). */
export async function buildSearchIndexFromRecords(outputDir: string, records: Iterable<SearchRecord>, options: SearchIndexOptions = {}): Promise<SearchIndexResult> {
  const indexer = startSearchIndex(outputDir, options);
  try {
    for (const r of records) indexer.add(r);
  } catch (e) {
    await indexer.abort();
    throw e;
  }
  const { pages, outputPath } = await indexer.finish();
  return { pages, outputPath };
}
