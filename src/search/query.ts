// Queries a written Pagefind bundle the way the search page does — the bundle's own pagefind.js and WebAssembly,
// the page language zh-CN (so Pagefind segments a Chinese query into words with Intl.Segmenter, as a browser
// does), the extra bundles merged with mergeIndex — in a child Node process. For tests and bench/search.ts.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

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
  /** How many results the query has. */
  count: number;
  /** Result URLs, best first (with the base URL): all of them, or the first `limit`. */
  urls: string[];
  /** The first results in full (title, excerpt, filters). */
  hits: BundleHit[];
  /** Filter values and their counts over the whole index (all bundles). */
  filters: Record<string, Record<string, number>>;
}

export interface QueryOptions {
  /** The search page's base URL (the site's path prefix), default '/'. */
  baseUrl?: string;
  /** The search page's `<html lang>`, default zh-CN. */
  language?: string;
  /** Bundle folders to merge into the main one, as the search page does with the bundles listed beside it. */
  merge?: string[];
  /** How many results to return in full (default 3). */
  hits?: number;
  /** Load at most this many results (each is a fetch of its fragment; default all). */
  limit?: number;
}

const SCRIPT = `
  import { readFile } from 'node:fs/promises';
  import { fileURLToPath } from 'node:url';
  const [bundle, optionsJson, queriesJson] = process.argv.slice(1);
  const o = JSON.parse(optionsJson);
  const real = globalThis.fetch;
  globalThis.fetch = async (input) => {
    const u = String(input).split('?')[0];
    if (!u.startsWith('file:')) return real(input);
    try { return new Response(await readFile(fileURLToPath(u)), { status: 200 }); } catch { return new Response('', { status: 404 }); }
  };
  // pagefind.js reads the page language from <html lang>.
  globalThis.document = { currentScript: null, querySelector: (s) => (s === 'html' ? { getAttribute: (a) => (a === 'lang' ? o.language : null) } : null) };
  const pf = await import(bundle + 'pagefind.js');
  await pf.options({ baseUrl: o.baseUrl });
  for (const m of o.merge) await pf.mergeIndex(m, { baseUrl: o.baseUrl });
  const out = [];
  for (const q of JSON.parse(queriesJson)) {
    const r = await pf.search(q.term, q.filters ? { filters: q.filters } : {});
    const data = await Promise.all(r.results.slice(0, o.limit ?? undefined).map((x) => x.data()));
    out.push({
      term: q.term,
      count: r.results.length,
      urls: data.map((d) => d.url),
      hits: data.slice(0, o.hits).map((d) => ({ url: d.url, title: d.meta.title, excerpt: d.excerpt, filters: d.filters })),
      filters: await pf.filters(),
    });
  }
  process.stdout.write(JSON.stringify(out));
`;

const dirUrl = (dir: string) => pathToFileURL(path.resolve(dir) + path.sep).href;

/** Runs the queries against the bundle in `bundleDir` (e.g. <output>/pagefind). */
export function queryBundle(bundleDir: string, queries: BundleQuery[], options: QueryOptions = {}): BundleAnswer[] {
  const o = { baseUrl: options.baseUrl ?? '/', language: (options.language ?? 'zh-CN').toLowerCase(), merge: (options.merge ?? []).map(dirUrl), hits: options.hits ?? 3, limit: options.limit ?? null };
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', SCRIPT, dirUrl(bundleDir), JSON.stringify(o), JSON.stringify(queries)], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`pagefind query failed: ${r.stderr.trim().split('\n').slice(-6).join('\n').slice(-2000)}`);
  return JSON.parse(r.stdout) as BundleAnswer[];
}
