// Where the search index lives and what it is called. The index itself: src/search/indexer.ts (writing) and
// templates/assets/search-core.js (format, reading).

/**
 * The bundle folder inside the output, and the URL it is served from (without the path prefix). Not /search/:
 * that is the search page.
 */
export const SEARCH_DIR = 'search-index';
export const SEARCH_BUNDLE_URL = `/${SEARCH_DIR}/`;

/** Search filter names, as shown to readers by the search UI. */
export const FILTERS = { office: '机构', year: '年度', region: '地区' } as const;

export interface SearchIndexResult {
  pages: number;
  outputPath: string;
}
