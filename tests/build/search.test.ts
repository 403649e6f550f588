// Search through the real build: Pagefind indexes the report pages (Chinese segmentation by pagefind_extended),
// and the index, queried with the bundle's own pagefind.js as a browser would, finds the imported seed report
// (台山, 2020) by place name and by a word of its prose, with the filters 机构, 年度 and 地区.
import { load as loadHtml } from 'cheerio';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { buildSite } from '../../src/cli/build.ts';
import { FILTERS } from '../../src/search/pagefind.ts';
import { SEED, browseContent, searchIndex } from './browse-fixture.ts';

let out: string;
beforeAll(async () => {
  out = path.join(mkdtempSync(path.join(os.tmpdir(), 'nianbao-search-')), '_site');
  await buildSite({ root: browseContent(), output: out });
});

const seedUrl = `/reports/${SEED}/2020/`;

it('finds the seed report for 台山 and for 政务公开', () => {
  const [taishan, gov] = searchIndex(out, [{ term: '台山' }, { term: '政务公开' }]);
  expect(taishan!.urls).toContain(seedUrl);
  // Only the seed mentions 台山.
  expect(taishan!.urls).toEqual([seedUrl]);
  expect(gov!.urls).toContain(seedUrl);
});

it('segments Chinese words: a word inside a longer run of text is found', () => {
  // “标准化” occurs only inside “基层政务公开标准化规范化工作” in the seed's prose.
  const [r] = searchIndex(out, [{ term: '标准化' }]);
  expect(r!.urls).toEqual([seedUrl]);
});

it('indexes only report pages, with the filters 机构, 年度 and 地区', () => {
  const [all] = searchIndex(out, [{ term: '年度报告' }]);
  expect(all!.urls.length).toBe(8);
  expect(all!.urls.every((u) => /^\/reports\/[a-z0-9-]+\/\d{4}\/$/.test(u))).toBe(true);
  const f = all!.filters;
  expect(Object.keys(f).sort()).toEqual(Object.values(FILTERS).sort());
  expect(f[FILTERS.office]!['台山市人民政府办公室']).toBe(1);
  expect(f[FILTERS.year]!['2020']).toBe(3);
  // A report carries its region and the regions above it.
  expect(f[FILTERS.region]!['广东省']).toBe(1);
  expect(f[FILTERS.region]!['测试市']).toBe(7);
  const [filtered] = searchIndex(out, [{ term: '政务公开', filters: { [FILTERS.region]: '台山市' } }]);
  expect(filtered!.urls).toEqual([seedUrl]);
});

it('has a search page that loads the bundle, with a no-JavaScript fallback to the listings', () => {
  const $ = loadHtml(readFileSync(path.join(out, 'search', 'index.html'), 'utf8'));
  expect($('#search').attr('data-bundle-path')).toBe('/pagefind/');
  expect($('#search').attr('data-base-url')).toBe('/');
  expect($('script[src="/pagefind/pagefind-ui.js"]').length).toBe(1);
  expect($('script[src="/assets/search.js"]').length).toBe(1);
  expect($('script:not([src])').length).toBe(0);
  expect($('#search-fallback').text()).toContain('JavaScript');
  const listings = $('main ul a').map((_, a) => $(a).attr('href')).get();
  expect(listings).toEqual(expect.arrayContaining(['/reports/', '/regions/', '/years/']));
});
