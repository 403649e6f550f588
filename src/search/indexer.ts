// Search index from records (issue 8): the renderer hands over one record per report page — its URL, title,
// plain text and filters, all known from the data before a page is rendered — and this writes nianbao's own
// static, chunked index (format: templates/assets/search-core.js). A character n-gram inverted index (Han
// unigrams and bigrams, ASCII words) needs no Chinese word segmentation, which was most of Pagefind's cost:
//
//   const search = startSearchIndex(tmpOut);
//   search.add(models.pages.map(reportSearchRecord));    // from the page models: nothing rendered yet
//   const indexed = search.finish();                     // on its own thread (large sites), or here in slices
//   try { await render(); } catch (e) { await search.abort(); throw e; }
//   await indexed;                                       // before the atomic swap of the output folder
//
// Records are indexed in URL order (doc id = rank in that order), so the files depend on the set of records only:
// the same records in give byte-identical files out, however they were added. See bench/search.ts for the numbers.
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { assertInsideOutput } from '../site/paths.ts';
import { FILTERS, SEARCH_DIR, type SearchIndexResult } from './bundle.ts';
import { FORMAT, MANIFEST, filterTerm, foldUnit, isHan, isWord, shardOf, type Manifest } from './core.ts';
import { pushAll } from '../util/arrays.ts';

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
  /** Where to write the bundle (default <outputDir>/search-index/; bench/search.ts writes elsewhere). */
  bundleDir?: string;
  /** Target size of a postings shard (default 32 KiB): the shard count is the total size over this. */
  shardBytes?: number;
  /** Target size of a doc chunk (url, title, filters, text; default 8 KiB): docs per chunk from the average. */
  chunkBytes?: number;
  /**
   * Index on a thread of its own (index-worker.ts) rather than in slices on this one. Default: from
   * MIN_RECORDS_FOR_THREAD records (a thread costs about half a second of module loading).
   */
  thread?: boolean;
}

/** From this many records the index is built on its own thread by default. */
export const MIN_RECORDS_FOR_THREAD = 1_000;

/** What the index thread is given. */
export interface IndexJob {
  records: SearchRecord[];
  bundleDir: string;
  options: Omit<SearchIndexOptions, 'thread'>;
}

export interface IndexStats {
  files: number;
  bytes: number;
  shards: number;
  chunk: number;
  terms: number;
  /** Time spent indexing (postings in memory) and writing the files, main thread, without the pauses. */
  indexMs: number;
  writeMs: number;
}

/** A search index being built: add records while the site renders, then `finish()`. */
export interface SearchIndexer {
  /** Takes records (kept until finish()). */
  add(records: SearchRecord | readonly SearchRecord[]): void;
  /**
   * No more records: indexes them and writes the bundle to <outputDir>/search-index/, in slices that let the event
   * loop run (the report-page workers keep being fed). Rejects on duplicate URLs or a failed write.
   */
  finish(): Promise<SearchIndexResult & IndexStats>;
  /** Stops at the next slice without writing anything more. */
  abort(): Promise<void>;
}

/** The filter names in the order of the doc chunks' value lists and of the manifest. */
const FILTER_NAMES: FilterName[] = [FILTERS.office, FILTERS.year, FILTERS.region];
/** Records indexed between two pauses of the event loop. */
const SLICE = 200;
const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Postings of every term, appended doc by doc (doc ids ascending), each term in its own growable buffer. */
class Postings {
  terms: string[] = [];
  private bufs: Uint8Array[] = [];
  private lens = new Int32Array(1024);
  private last = new Int32Array(1024);
  df = new Int32Array(1024);
  // Per-document scratch: the doc a term was last seen in (a stamp), its tf there, whether it is in the title.
  private stamp = new Int32Array(1024);
  private tf = new Uint16Array(1024);
  private titled = new Int32Array(1024);
  private touched: number[] = [];

  id(term: string): number {
    const id = this.terms.length;
    if (id === this.lens.length) {
      const grow = <T extends Int32Array | Uint16Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a);
        return b;
      };
      this.lens = grow(this.lens);
      this.last = grow(this.last);
      this.df = grow(this.df);
      this.stamp = grow(this.stamp);
      this.tf = grow(this.tf);
      this.titled = grow(this.titled);
    }
    this.terms.push(term);
    this.bufs.push(new Uint8Array(8));
    this.last[id] = -1;
    this.stamp[id] = -1;
    this.titled[id] = -1;
    return id;
  }
  /** An occurrence of term `t` in doc `doc` (docs in ascending order, one at a time). */
  hit(t: number, doc: number): void {
    if (this.stamp[t] !== doc) {
      this.stamp[t] = doc;
      this.tf[t] = 0;
      this.touched.push(t);
    }
    if (this.tf[t]! < 0xffff) this.tf[t]!++;
  }
  title(t: number, doc: number): void {
    this.titled[t] = doc;
  }
  /** Appends a posting for every term of doc `doc`. */
  endDoc(doc: number): void {
    for (const t of this.touched) {
      const v = ((doc - this.last[t]! - 1) << 4) | (this.titled[t] === doc ? 8 : 0) | (Math.min(this.tf[t]!, 8) - 1);
      this.last[t] = doc;
      this.df[t]!++;
      let buf = this.bufs[t]!;
      let len = this.lens[t]!;
      if (len + 5 > buf.length) {
        const b = new Uint8Array(buf.length * 2);
        b.set(buf);
        this.bufs[t] = buf = b;
      }
      let x = v >>> 0;
      while (x >= 0x80) {
        buf[len++] = (x & 0x7f) | 0x80;
        x >>>= 7;
      }
      buf[len++] = x;
      this.lens[t] = len;
    }
    this.touched.length = 0;
  }
  bytes(t: number): Uint8Array {
    return this.bufs[t]!.subarray(0, this.lens[t]);
  }
}

function varint(out: number[], v: number): void {
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
}

/** Tokenises like the core's eachTerm (tests/unit/search-index.test.ts checks it), into term ids. */
class Tokeniser {
  private han = new Int32Array(0x10000).fill(-1); // BMP unigram → term id
  private hanAstral = new Map<number, number>();
  private charIdx = new Int32Array(0x10000).fill(-1); // BMP char → dense index, for bigram keys
  private astralIdx = new Map<number, number>();
  private chars = 0;
  private bigrams = new Map<number, number>();
  private words = new Map<string, number>(); // ASCII words, and their joints with a Han character
  // Where the terms go: an occurrence in doc `doc`'s text, or (titles) a term of its title. A method, not a
  // callback per call: the hottest loop of the build stays monomorphic.
  doc = 0;
  titles = false;
  constructor(private p: Postings) {}
  private emit(t: number): void {
    if (this.titles) this.p.title(t, this.doc);
    else this.p.hit(t, this.doc);
  }

  private unigram(cp: number): number {
    if (cp < 0x10000) {
      let t = this.han[cp]!;
      if (t < 0) {
        t = this.han[cp] = this.p.id(String.fromCharCode(cp));
        this.charIdx[cp] = this.chars++;
      }
      return t;
    }
    let t = this.hanAstral.get(cp);
    if (t === undefined) {
      this.hanAstral.set(cp, (t = this.p.id(String.fromCodePoint(cp))));
      this.astralIdx.set(cp, this.chars++);
    }
    return t;
  }
  private index(cp: number): number {
    return cp < 0x10000 ? this.charIdx[cp]! : this.astralIdx.get(cp)!;
  }
  private word(w: string): number {
    let t = this.words.get(w);
    if (t === undefined) this.words.set(w, (t = this.p.id(w)));
    return t;
  }
  /** Records every term occurrence of `text` for doc `doc` (as title terms with `titles`). */
  each(text: string, doc: number, titles: boolean): void {
    this.doc = doc;
    this.titles = titles;
    let prev = -1; // the previous character, when it is a Han character (code point)
    let word = '';
    let before = -1; // the Han character just before the current word
    const n = text.length;
    for (let i = 0; i < n; i++) {
      let c = foldUnit(text.charCodeAt(i));
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
        const cp = text.codePointAt(i)!;
        if (cp > 0xffff) {
          i++;
          c = cp;
        }
      }
      if (isWord(c)) {
        if (!word) before = prev;
        word += String.fromCharCode(c);
        prev = -1;
        continue;
      }
      if (word) {
        this.emit(this.word(word));
        if (before >= 0) this.emit(this.word(String.fromCodePoint(before) + word));
      }
      if (isHan(c)) {
        this.emit(this.unigram(c));
        if (prev >= 0) {
          const key = this.index(prev) * 131072 + this.index(c);
          let t = this.bigrams.get(key);
          if (t === undefined) this.bigrams.set(key, (t = this.p.id(String.fromCodePoint(prev, c))));
          this.emit(t);
        }
        if (word) this.emit(this.word(word + String.fromCodePoint(c)));
        prev = c;
      } else prev = -1;
      word = '';
    }
    if (word) {
      this.emit(this.word(word));
      if (before >= 0) this.emit(this.word(String.fromCodePoint(before) + word));
    }
  }
}

/**
 * Starts building the search index into `<outputDir>/search-index/`. Records can be added at once or as the build
 * goes; nothing is written before `finish()`. With `thread: true` the thread starts now and each add() is posted to
 * it at once, so this thread keeps none of them (a large build adds them a batch at a time).
 */
export function startSearchIndex(outputDir: string, options: SearchIndexOptions = {}): SearchIndexer {
  const bundleDir = options.bundleDir ?? path.join(outputDir, SEARCH_DIR);
  if (!options.bundleDir) assertInsideOutput(outputDir, bundleDir);
  const { thread: threadOption, ...rest } = options;
  let records: SearchRecord[] = [];
  let state: 'open' | 'finishing' | 'closed' = 'open';
  let aborted = false;
  let thread = threadOption ? indexThread({ bundleDir, options: rest }) : undefined;
  const check = () => {
    if (aborted) throw new Error('search index: aborted');
  };
  return {
    add(r) {
      if (state !== 'open') throw new Error('search index: add() after finish() or abort()');
      const list = Array.isArray(r) ? (r as readonly SearchRecord[]) : [r as SearchRecord];
      if (thread) thread.post(list);
      else pushAll(records, list);
    },
    async finish() {
      if (state !== 'open') throw new Error('search index: finish() called twice or after abort()');
      state = 'finishing';
      try {
        if (!thread && threadOption === undefined && records.length >= MIN_RECORDS_FOR_THREAD) {
          thread = indexThread({ bundleDir, options: rest });
          // The thread gets a copy of the records: this thread's are let go (at 100,000 reports they are ~400 MB).
          thread.post(records);
          records = [];
        }
        if (thread) return await thread.finish();
        return await writeIndex(records, bundleDir, options, check);
      } catch (e) {
        // A half-written index is not left behind (the build's output is discarded anyway; a bench's is not).
        rmSync(path.join(bundleDir, `.tmp-${process.pid}`), { recursive: true, force: true });
        throw e;
      } finally {
        state = 'closed';
      }
    },
    async abort() {
      aborted = true;
      state = 'closed';
      await thread?.stop();
    },
  };
}

/** The index of `job`, written on this thread without pauses (index-worker.ts). */
export const writeIndexNow = (job: IndexJob): Promise<SearchIndexResult & IndexStats> => writeIndex(job.records, job.bundleDir, job.options, () => undefined);

/** What the index thread is posted: records, any number of times, then `done`. */
export type ToIndexThread = { records: readonly SearchRecord[] } | { done: true };

/** A thread of its own building the index (index-worker.ts): it takes the records as they are posted. */
function indexThread(job: Omit<IndexJob, 'records'>): { post(records: readonly SearchRecord[]): void; finish(): Promise<SearchIndexResult & IndexStats>; stop(): Promise<number> } {
  const worker = new Worker(new URL('../util/ts-worker.mjs', import.meta.url), { workerData: { ...job, entry: new URL('./index-worker.ts', import.meta.url).href, bundle: true } });
  const result = new Promise<SearchIndexResult & IndexStats>((resolve, reject) => {
    let answered = false;
    worker.once('message', (m: { result: SearchIndexResult & IndexStats } | { error: string }) => {
      answered = true;
      if ('error' in m) reject(new Error(m.error));
      else resolve(m.result);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => answered || reject(new Error(`search index thread stopped (exit code ${code})`)));
  });
  // Until finish() is awaited, a failure is only recorded (and abort() may come first).
  result.catch(() => undefined);
  return {
    post: (records) => worker.postMessage({ records } satisfies ToIndexThread),
    finish: () => {
      worker.postMessage({ done: true } satisfies ToIndexThread);
      return result;
    },
    stop: () => worker.terminate(),
  };
}

async function writeIndex(input: SearchRecord[], bundleDir: string, options: SearchIndexOptions, check: () => void): Promise<SearchIndexResult & IndexStats> {
  let busy = 0;
  let t = performance.now();
  const lap = () => {
    const now = performance.now();
    busy += now - t;
    t = now;
  };
  const yieldNow = async () => {
    lap();
    await pause();
    t = performance.now();
    check();
  };
  // finish() returns before any work is done (and abort() right after it writes nothing).
  await yieldNow();
  const docs = input.slice().sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  for (let i = 1; i < docs.length; i++) if (docs[i]!.url === docs[i - 1]!.url) throw new Error(`search index: two records for ${docs[i]!.url}`);

  // The content hash names the folder of every file but the manifest: a deploy never mixes two indexes.
  const hash = createHash('sha256').update(`nianbao-search ${FORMAT}\n`);
  const p = new Postings();
  const tok = new Tokeniser(p);
  const filterIds = new Map<string, number>();
  const counts = FILTER_NAMES.map(() => new Map<string, number>());
  // Doc chunks are written as the records are indexed (not kept: at 100,000 reports they are 600 MB), into a
  // temporary folder renamed to the content hash at the end. Docs per chunk from the average size.
  const textBytes = docs.reduce((s, r) => s + Buffer.byteLength(r.text) + Buffer.byteLength(r.title) + r.url.length + 100, 0);
  const chunk = Math.max(1, Math.round((options.chunkBytes ?? 8 * 1024) / Math.max(1, textBytes / Math.max(1, docs.length))));
  const tmp = path.join(bundleDir, `.tmp-${process.pid}`);
  rmSync(bundleDir, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  let files = 0;
  let bytes = 0;
  const write = (name: string, data: string | Uint8Array) => {
    writeFileSync(path.join(tmp, name), data);
    files++;
    bytes += typeof data === 'string' ? Buffer.byteLength(data) : data.length;
  };
  let pending: string[] = [];
  for (let d = 0; d < docs.length; d++) {
    const r = docs[d]!;
    tok.each(r.title, d, true);
    tok.each(r.text, d, false);
    const values = FILTER_NAMES.map((name, i) => {
      const vs = [...new Set(r.filters[name] ?? [])];
      for (const v of vs) {
        const key = filterTerm(name, v);
        let id = filterIds.get(key);
        if (id === undefined) filterIds.set(key, (id = p.id(key)));
        p.hit(id, d);
        counts[i]!.set(v, (counts[i]!.get(v) ?? 0) + 1);
      }
      return vs;
    });
    p.endDoc(d);
    const json = JSON.stringify([r.url, r.title, values, r.text]);
    hash.update(json).update('\n');
    pending.push(json);
    if (pending.length === chunk || d === docs.length - 1) {
      write(`d${Math.floor(d / chunk)}.json`, `[${pending.join(',')}]`);
      pending = [];
    }
    if (d % SLICE === SLICE - 1) await yieldNow();
  }
  const dirName = hash.digest('hex').slice(0, 16);
  lap();
  const indexMs = busy;
  busy = 0;

  // Shards: terms by hash, as many shards as keep one near shardBytes.
  const terms = p.terms;
  const termBytes = terms.map((term) => Buffer.from(term, 'utf8'));
  let total = 0;
  for (let i = 0; i < terms.length; i++) total += termBytes[i]!.length + p.bytes(i).length + 8;
  const shards = Math.max(1, Math.ceil(total / (options.shardBytes ?? 32 * 1024)));
  const byShard: number[][] = Array.from({ length: shards }, () => []);
  for (let i = 0; i < terms.length; i++) byShard[shardOf(terms[i]!, shards)]!.push(i);
  await yieldNow();
  for (let s = 0; s < shards; s++) {
    const ids = byShard[s]!.sort((a, b) => (terms[a]! < terms[b]! ? -1 : 1));
    const head: number[] = [];
    const parts: Uint8Array[] = [];
    varint(head, ids.length);
    parts.push(Uint8Array.from(head));
    for (const id of ids) {
      const h: number[] = [];
      varint(h, termBytes[id]!.length);
      parts.push(Uint8Array.from(h), termBytes[id]!);
      const post = p.bytes(id);
      const h2: number[] = [];
      varint(h2, p.df[id]!);
      varint(h2, post.length);
      parts.push(Uint8Array.from(h2), post);
    }
    write(`p${s}.bin`, Buffer.concat(parts));
    if (s % 256 === 255) await yieldNow();
  }
  const filters = FILTER_NAMES.map((name, i) => {
    const entries = [...counts[i]!];
    // Years newest first; other values by count, then by code point (not locale: the same order everywhere).
    if (entries.every(([v]) => /^\d+$/.test(v))) entries.sort((a, b) => Number(b[0]) - Number(a[0]));
    else entries.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const body = JSON.stringify(entries);
    write(`f${i}.json`, body);
    return { name, file: `f${i}.json`, values: entries.length, bytes: Buffer.byteLength(body) };
  });
  renameSync(tmp, path.join(bundleDir, dirName));
  const manifest: Manifest = { format: FORMAT, hash: dirName, dir: `${dirName}/`, docs: docs.length, shards, chunk, filters };
  const body = `${JSON.stringify(manifest)}\n`;
  writeFileSync(path.join(bundleDir, MANIFEST), body);
  files++;
  bytes += Buffer.byteLength(body);
  lap();
  return { pages: docs.length, outputPath: bundleDir, files, bytes, shards, chunk, terms: terms.length, indexMs, writeMs: busy };
}

/** Builds the search index from all records at once (the simple form of startSearchIndex). */
export async function buildSearchIndexFromRecords(outputDir: string, records: Iterable<SearchRecord>, options: SearchIndexOptions = {}): Promise<SearchIndexResult & IndexStats> {
  const indexer = startSearchIndex(outputDir, options);
  indexer.add([...records]);
  return indexer.finish();
}
