// Queries a written search bundle from Node with the search page's own engine (templates/assets/search-core.js),
// reading the files from disk instead of fetching them. For tests and bench/search.ts.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { openIndex, type SearchIndex } from './core.ts';

export interface BundleQuery {
  term: string;
  filters?: Record<string, string | string[]>;
}

export interface BundleHit {
  url: string;
  title: string;
  excerpt: string;
  filters: Record<string, string[]>;
}

export interface BundleAnswer {
  term: string;
  /** How many results the query has (exact: every candidate's text is checked for the phrase). */
  count: number;
  /** Result URLs, best first (with the base URL): all of them, or the first `limit`. */
  urls: string[];
  /** The first results in full (title, excerpt, filters). */
  hits: BundleHit[];
  /** Filter values and their counts over the whole index. */
  filters: Record<string, Record<string, number>>;
  /** Bytes of the files this query read (the manifest and filter lists not counted). */
  bytes: number;
}

export interface QueryOptions {
  /** The search page's base URL (the site's path prefix), default '/'. */
  baseUrl?: string;
  /** How many results to return in full (default 3). */
  hits?: number;
  /** Load at most this many results (default all). */
  limit?: number;
  /** Check the phrase in every candidate (default true), so that `count` is exact; false: as the page does. */
  verify?: boolean;
}

/** Opens the bundle in `bundleDir` (e.g. <output>/search-index); `read` counts the bytes each file costs. */
export async function openBundle(bundleDir: string, baseUrl = '/', read?: (file: string, bytes: number) => void): Promise<SearchIndex> {
  return openIndex(
    async (file) => {
      const b = await readFile(path.join(bundleDir, file));
      read?.(file, b.length);
      return b;
    },
    { baseUrl },
  );
}

/** Runs the queries against the bundle in `bundleDir`, each with a fresh index (nothing cached between them). */
export async function queryBundle(bundleDir: string, queries: BundleQuery[], options: QueryOptions = {}): Promise<BundleAnswer[]> {
  const out: BundleAnswer[] = [];
  for (const q of queries) {
    let bytes = 0;
    let counting = false;
    const index = await openBundle(bundleDir, options.baseUrl ?? '/', (_, n) => counting && (bytes += n));
    const values = await index.filterValues();
    const filters: BundleAnswer['filters'] = {};
    for (const [name, list] of Object.entries(values)) filters[name] = Object.fromEntries(list);
    counting = true;
    const r = await index.search(q.term, { filters: q.filters ?? {}, verify: options.verify ?? true });
    const hits = await r.next(Math.min(r.count, options.limit ?? Infinity));
    out.push({
      term: q.term,
      count: r.count,
      urls: hits.map((h) => h.url),
      hits: hits.slice(0, options.hits ?? 3),
      filters,
      bytes,
    });
  }
  return out;
}
