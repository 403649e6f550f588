// Search through the real build: Pagefind indexes the report pages (Chinese segmentation by pagefind_extended),
// and the index, queried with the bundle's own pagefind.js as a browser would, finds the imported seed report
// (台山, 2020) by place name and by a word of its prose, with the filters 机构, 年度 and 地区.
//
// The record-based index (src/search/indexer.ts): one record per report from the data, built on worker threads,
// optionally as several bundles merged in the browser. Queried like the search page does (page language zh-CN, so
// the query is segmented with Intl.Segmenter), it finds the same reports with the same filters, readable titles
// and excerpts, leaves the statistics tables out, works under a path prefix and leaves no Pagefind process behind.
import { load as loadHtml } from 'cheerio';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../src/cli/build.ts';
import { defaultPaths, loadSiteOrThrow } from '../../src/load/site.ts';
import { buildPages } from '../../src/site/pages.ts';
import { FILTERS } from '../../src/search/pagefind.ts';
import { BUNDLES_FILE, buildSearchIndexFromRecords, customRecord, mergeFolders, startSearchIndex, type SearchRecord } from '../../src/search/indexer.ts';
import { plainText, reportSearchRecord } from '../../src/search/records.ts';
import { queryBundle } from '../../src/search/query.ts';
import { SEED, browseContent, searchIndex } from './browse-fixture.ts';

let out: string;
let root: string;
beforeAll(async () => {
  root = browseContent();
  out = path.join(mkdtempSync(path.join(os.tmpdir(), 'nianbao-search-')), '_site');
  await buildSite({ root, output: out });
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

describe('the index built from records', () => {
  let records: SearchRecord[];
  let one: string;
  let two: string;
  let prefixed: string;
  const tmp = (name: string) => path.join(mkdtempSync(path.join(os.tmpdir(), `nianbao-records-${name}-`)), '_site');

  beforeAll(async () => {
    const pages = buildPages(loadSiteOrThrow(defaultPaths(root)), {});
    records = pages.reports.map(reportSearchRecord);
    one = tmp('one');
    two = tmp('two');
    prefixed = tmp('prefix');
    // Started together: each index runs on its own worker thread and Pagefind process.
    const built = await Promise.all([
      buildSearchIndexFromRecords(one, records),
      buildSearchIndexFromRecords(two, records, { bundles: 2 }),
      buildSearchIndexFromRecords(prefixed, records),
    ]);
    expect(built.map((b) => b.pages)).toEqual([8, 8, 8]);
  });

  const q = (dir: string, queries: Parameters<typeof queryBundle>[1], baseUrl = '/') => {
    const bundle = path.join(dir, 'pagefind');
    const merge = existsSync(path.join(bundle, BUNDLES_FILE)) ? (JSON.parse(readFileSync(path.join(bundle, BUNDLES_FILE), 'utf8')) as { merge: string[] }).merge : [];
    return queryBundle(bundle, queries, { baseUrl, merge: merge.map((m) => path.join(bundle, m)) });
  };

  it('has one record per report page, with the title and the filters the page shows', () => {
    const pages: string[] = [];
    for (const office of readdirSync(path.join(out, 'reports'), { withFileTypes: true })) {
      if (!office.isDirectory()) continue;
      for (const y of readdirSync(path.join(out, 'reports', office.name))) if (/^\d{4}$/.test(y)) pages.push(`/reports/${office.name}/${y}/`);
    }
    pages.sort();
    expect(records.map((r) => r.url).sort()).toEqual(pages);
    for (const r of records) {
      const $ = loadHtml(readFileSync(path.join(out, r.url, 'index.html'), 'utf8'));
      expect(r.title).toBe($('h1').first().text().trim());
      const shown: Record<string, string[]> = {};
      $('[data-pagefind-filter]').each((_, e) => void (shown[$(e).attr('data-pagefind-filter')!] ??= []).push($(e).text().trim()));
      expect(r.filters).toEqual(shown);
      // The text starts with the title and holds the prose, as plain text.
      expect(r.text.startsWith(r.title)).toBe(true);
      expect(r.text).not.toMatch(/<[a-z]|^#|\*\*/m);
    }
    const seed = records.find((r) => r.url === seedUrl)!;
    expect(seed.text).toContain('深入推进基层政务公开标准化规范化工作');
    expect(seed.text).toContain('五、存在的主要问题及改进情况');
  });

  it('finds the seed for 台山, 政务公开 and 标准化, as the page-based index does', () => {
    const [taishan, gov, std] = q(one, [{ term: '台山' }, { term: '政务公开' }, { term: '标准化' }]);
    expect(taishan!.urls).toEqual([seedUrl]);
    expect(gov!.urls).toContain(seedUrl);
    expect(std!.urls).toEqual([seedUrl]);
    const [html] = searchIndex(out, [{ term: '政务公开' }]);
    expect(gov!.urls.sort()).toEqual(html!.urls.sort());
  });

  it('gives readable results: the report title, an excerpt of the prose with the match marked', () => {
    const [r] = q(one, [{ term: '标准化' }]);
    const hit = r!.hits[0]!;
    expect(hit.title).toBe('台山市人民政府办公室2020年政府信息公开工作年度报告');
    expect(hit.excerpt).toContain('<mark>');
    expect(hit.excerpt).toMatch(/标准/);
    // No word separators or markup of the index leak into what the reader sees.
    expect(hit.excerpt.replace(/<\/?mark>/g, '')).not.toMatch(/[\u200b<>]/);
    expect(hit.filters[FILTERS.office]).toEqual(['台山市人民政府办公室']);
  });

  it('keeps the filters 机构, 年度 and 地区, with the same counts as the page-based index', () => {
    const [all] = q(one, [{ term: '年度报告' }]);
    const [html] = searchIndex(out, [{ term: '年度报告' }]);
    expect(all!.urls.sort()).toEqual(html!.urls.sort());
    expect(all!.filters).toEqual(html!.filters);
    const [filtered, year] = q(one, [
      { term: '政务公开', filters: { [FILTERS.region]: '台山市' } },
      { term: '年度报告', filters: { [FILTERS.year]: '2021', [FILTERS.region]: '测试市' } },
    ]);
    expect(filtered!.urls).toEqual([seedUrl]);
    expect(year!.urls.sort()).toEqual(['/reports/t-edu/2021/', '/reports/t-gov/2021/', '/reports/t-town/2021/']);
  });

  it('leaves the statistics tables out of the index', () => {
    // A column heading of table 三, on every report page with the table; no prose mentions 科研 at all. Quoted, so
    // that Pagefind does not fall back to a shorter word (科) when 科研 is not in the index.
    const term = '科研机构';
    expect(readFileSync(path.join(out, 'reports', 't-gov', '2021', 'index.html'), 'utf8')).toContain(term);
    expect(records.some((r) => r.text.includes('科研'))).toBe(false);
    expect(q(one, [{ term: `"${term}"` }])[0]!.urls).toEqual([]);
    expect(q(one, [{ term: '"依申请公开"' }])[0]!.urls).toContain(seedUrl);
    // The page-based index leaves them out too (EXCLUDE_SELECTORS), but keeps the metadata table.
    expect(searchIndex(out, [{ term: `"${term}"` }])[0]!.urls).toEqual([]);
    expect(searchIndex(out, [{ term: 'T0001' }])[0]!.urls).toContain('/reports/t-gov/2021/');
  });

  it('merges two bundles in the browser to the same results and filters as one', () => {
    expect(mergeFolders(2)).toEqual(['1/']);
    expect(JSON.parse(readFileSync(path.join(two, 'pagefind', BUNDLES_FILE), 'utf8'))).toEqual({ merge: ['1/'] });
    expect(existsSync(path.join(two, 'pagefind', '1', 'pagefind-entry.json'))).toBe(true);
    const queries = [{ term: '台山' }, { term: '年度报告' }, { term: '政务公开', filters: { [FILTERS.year]: '2020' } }];
    const a = q(one, queries);
    const b = q(two, queries);
    for (let i = 0; i < queries.length; i++) {
      expect(b[i]!.urls.sort()).toEqual(a[i]!.urls.sort());
      expect(b[i]!.filters).toEqual(a[i]!.filters);
    }
  });

  it('links results under the path prefix', () => {
    const [r] = q(prefixed, [{ term: '台山' }], '/nianbao/');
    expect(r!.urls).toEqual([`/nianbao${seedUrl}`]);
  });

  it('rejects misuse and reports Pagefind errors, leaving no Pagefind process behind', async () => {
    const indexer = startSearchIndex(tmp('misuse'));
    indexer.add(records[0]!);
    const done = indexer.finish();
    expect(() => indexer.add(records[1]!)).toThrow(/after finish/);
    await expect(indexer.finish()).rejects.toThrow(/twice/);
    await done;
    // When Pagefind cannot write the bundle (here: its folder would be inside a file), the index fails.
    const file = path.join(tmp('bad'), 'file');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '');
    await expect(buildSearchIndexFromRecords(file, records, { bundleDir: path.join(file, 'pagefind') })).rejects.toThrow();
    // When a Pagefind process dies (killed, out of memory), the index fails instead of waiting forever.
    const killed = startSearchIndex(tmp('killed'));
    killed.add(records);
    let victim: string | undefined;
    for (let i = 0; i < 100 && !victim; i++) {
      victim = pagefindChildren()[0];
      if (!victim) await new Promise((r) => setTimeout(r, 100));
    }
    expect(victim).toBeDefined();
    process.kill(Number(victim!.split(' ')[0]), 'SIGKILL');
    await expect(killed.finish()).rejects.toThrow(/Pagefind process stopped \(SIGKILL\)/);
    const aborted = startSearchIndex(tmp('abort'));
    aborted.add(records);
    await aborted.abort();
    await new Promise((r) => setTimeout(r, 500));
    expect(pagefindChildren()).toEqual([]);
  });

  it('turns Markdown into plain text and builds Pagefind records', () => {
    expect(plainText('### （一）主动公开\n\n- 第一条**重点**，见[专栏](/x/)。\n\n| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n\n&lt;b&gt;&amp;&#x4E2D;<br>')).toBe('（一）主动公开 第一条 重点 ，见专栏。 甲 乙 1 2 <b>&中');
    expect(customRecord({ url: '/a/', title: 'T', text: 'x', filters: { [FILTERS.year]: ['2020'], [FILTERS.office]: [] } })).toEqual({
      url: '/a/',
      content: 'x',
      language: 'zh-cn',
      meta: { title: 'T' },
      filters: { [FILTERS.year]: ['2020'] },
    });
    // maxChars cuts at a character, not in the middle of a UTF-16 pair.
    expect(customRecord({ url: '/a/', title: 'T', text: '政务𠀀公开', filters: {} }, 3).content).toBe('政务𠀀');
  });
});

/** Pagefind service processes started by this test process that are still running. */
function pagefindChildren(): string[] {
  const out: string[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(f[1]) === process.pid && f[0] !== "Z" && stat.includes('pagefind')) out.push(`${d} ${f[0]}`);
    } catch {
      // gone
    }
  }
  return out;
}
