// Full-text search with Pagefind, built after Eleventy has written the site, over the build's own (temporary)
// output folder, so the atomic swap of src/cli/build.ts publishes the index together with the pages. pagefind's
// npm package runs its `pagefind_extended` binary, which segments Chinese text into words when indexing (the
// pages say lang="zh-CN"). Only report pages are indexed (their <article data-pagefind-body>, without the
// statistics tables), with the filters 机构, 年度 and 地区 that the report page marks. The browser loads the bundle from <prefix>pagefind/, and the search
// page passes the path prefix as Pagefind's baseUrl so result links work under a subpath.
import path from 'node:path';
import { close, createIndex, type PagefindServiceConfig } from 'pagefind';
import { assertInsideOutput } from '../site/paths.ts';

/** The bundle folder inside the output, and the URL it is served from (without the path prefix). */
export const SEARCH_DIR = 'pagefind';
export const SEARCH_BUNDLE_URL = `/${SEARCH_DIR}/`;
/** Report pages only: reports/<office>/<year>/index.html (not the renditions or comparison pages below them). */
export const SEARCH_GLOB = 'reports/*/*/index.html';

/** Search filter names, as shown to readers by the search UI. */
export const FILTERS = { office: '机构', year: '年度', region: '地区' } as const;

export interface SearchIndexResult {
  pages: number;
  outputPath: string;
}

/**
 * Left out of the page-based index: the statistics tables (their labels are the same on every report and their
 * numbers are not what readers search for; they were a third of the indexing time) and the note under them.
 */
export const EXCLUDE_SELECTORS = ['table.stat-table', '.table-note'];

export interface HtmlIndexOptions {
  /** Pagefind service options; default `{ excludeSelectors: EXCLUDE_SELECTORS }`. */
  pagefind?: PagefindServiceConfig;
  /** Where to write the bundle (default <outputDir>/pagefind/; bench/search.ts writes elsewhere to compare). */
  bundleDir?: string;
}

/**
 * Indexes the report pages under `outputDir` and writes the bundle to `<outputDir>/pagefind/`. Superseded by the
 * record-based index of indexer.ts (no HTML read back, no tables, overlapped with rendering); kept until the
 * build switches.
 */
export async function buildSearchIndex(outputDir: string, options: HtmlIndexOptions = {}): Promise<SearchIndexResult> {
  const bundle = options.bundleDir ?? path.join(outputDir, SEARCH_DIR);
  if (!options.bundleDir) assertInsideOutput(outputDir, bundle);
  try {
    const { index, errors } = await createIndex(options.pagefind ?? { excludeSelectors: EXCLUDE_SELECTORS });
    if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
    const added = await index.addDirectory({ path: outputDir, glob: SEARCH_GLOB });
    if (added.errors.length) throw new Error(`pagefind: ${added.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath: bundle });
    if (written.errors.length) throw new Error(`pagefind: ${written.errors.join('; ')}`);
    await index.deleteIndex();
    return { pages: added.page_count, outputPath: bundle };
  } finally {
    // The service is a child process: stop it so that the build can exit.
    await close();
  }
}
