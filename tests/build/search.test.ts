// Search through the real build: the index nianbao writes from the report records (src/search/indexer.ts), queried
// with the search page's own engine (templates/assets/search-core.js) as a browser would, finds the imported seed
// report (台山, 2020) by place name and by a word of its prose, narrows by the filters 机构, 年度 and 地区, leaves
// the statistics tables out, works under a path prefix, and is byte-identical from build to build.
import { load as loadHtml } from 'cheerio';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../src/cli/build.ts';
import { defaultPaths, loadSiteOrThrow } from '../../src/load/site.ts';
import { allPageModels, buildPages } from '../../src/site/pages.ts';
import { FILTERS, SEARCH_DIR } from '../../src/search/bundle.ts';
import { buildSearchIndexFromRecords, startSearchIndex, type SearchRecord } from '../../src/search/indexer.ts';
import { plainText, reportSearchRecord } from '../../src/search/records.ts';
import { queryBundle } from '../../src/search/query.ts';
import { SEED, browseContent } from './browse-fixture.ts';

let out: string;
let root: string;
beforeAll(async () => {
  root = browseContent();
  out = path.join(mkdtempSync(path.join(os.tmpdir(), 'nianbao-search-')), '_site');
  await buildSite({ root, output: out });
});

const seedUrl = `/reports/${SEED}/2020/`;
const q = (queries: Parameters<typeof queryBundle>[1], dir = out, baseUrl = '/') => queryBundle(path.join(dir, SEARCH_DIR), queries, { baseUrl });

/** Every file of a folder, relative path → contents. */
function tree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const f = path.join(d, e.name);
      if (e.isDirectory()) walk(f);
      else files.set(path.relative(dir, f), readFileSync(f));
    }
  };
  walk(dir);
  return files;
}

it('finds the seed report for 台山 (also written 臺山) and for 政务公开, and nothing for nonsense', async () => {
  const [taishan, trad, gov, none, latin] = await q([{ term: '台山' }, { term: '臺山' }, { term: '政务公开' }, { term: '量子纠缠' }, { term: 'zzqx' }]);
  // Only the seed mentions 台山.
  expect(taishan!.urls).toEqual([seedUrl]);
  expect(trad!.urls).toEqual([seedUrl]);
  expect(gov!.urls).toContain(seedUrl);
  expect(gov!.count).toBe(gov!.urls.length);
  expect(none!.count).toBe(0);
  expect(none!.urls).toEqual([]);
  expect(latin!.urls).toEqual([]);
});

it('finds a word inside a longer run of text without word segmentation', async () => {
  // “标准化” occurs only inside “基层政务公开标准化规范化工作” in the seed's prose.
  const [r] = await q([{ term: '标准化' }]);
  expect(r!.urls).toEqual([seedUrl]);
});

it('indexes only report pages, with the filters 机构, 年度 and 地区, and narrows by them', async () => {
  const [all] = await q([{ term: '年度报告' }]);
  expect(all!.urls.length).toBe(8);
  expect(all!.urls.every((u) => /^\/reports\/[a-z0-9-]+\/\d{4}\/$/.test(u))).toBe(true);
  const f = all!.filters;
  expect(Object.keys(f).sort()).toEqual(Object.values(FILTERS).sort());
  expect(f[FILTERS.office]!['台山市人民政府办公室']).toBe(1);
  expect(f[FILTERS.year]!['2020']).toBe(3);
  // A report carries its region and the regions above it.
  expect(f[FILTERS.region]!['广东省']).toBe(1);
  expect(f[FILTERS.region]!['测试市']).toBe(7);
  const [filtered, year, none, only] = await q([
    { term: '政务公开', filters: { [FILTERS.region]: '台山市' } },
    { term: '年度报告', filters: { [FILTERS.year]: '2021', [FILTERS.region]: '测试市' } },
    { term: '台山', filters: { [FILTERS.year]: '2021' } },
    // No query, a filter only: the filtered reports.
    { term: '', filters: { [FILTERS.office]: '台山市人民政府办公室' } },
  ]);
  expect(filtered!.urls).toEqual([seedUrl]);
  expect(year!.urls.sort()).toEqual(['/reports/t-edu/2021/', '/reports/t-gov/2021/', '/reports/t-town/2021/']);
  expect(none!.urls).toEqual([]);
  expect(only!.urls).toEqual([seedUrl]);
});

it('gives readable results: the report title, the filters, an excerpt of the prose with the match marked', async () => {
  const [r] = await q([{ term: '标准化' }]);
  const hit = r!.hits[0]!;
  expect(hit.title).toBe('台山市人民政府办公室2020年政府信息公开工作年度报告');
  expect(hit.excerpt).toContain('<mark>标准化</mark>');
  expect(hit.excerpt.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
  expect(hit.filters[FILTERS.office]).toEqual(['台山市人民政府办公室']);
  expect(hit.filters[FILTERS.year]).toEqual(['2020']);
});

it('has a search page with a labelled form, filters and a live result count, no inline script, and a no-JavaScript fallback', () => {
  const $ = loadHtml(readFileSync(path.join(out, 'search', 'index.html'), 'utf8'));
  expect($('#search').attr('data-bundle-path')).toBe('/search-index/');
  expect($('#search').attr('data-base-url')).toBe('/');
  expect($('#search').attr('hidden')).toBeDefined();
  expect($('form#search-form input[name="q"]').attr('id')).toBe('search-q');
  expect($('label[for="search-q"]').text()).toBe('搜索报告');
  expect($('select[data-filter]').map((_, s) => $(s).attr('data-filter')).get()).toEqual([FILTERS.year, FILTERS.region, FILTERS.office]);
  for (const s of $('select[data-filter]').toArray()) expect($(`label[for="${$(s).attr('id')}"]`).length).toBe(1);
  expect($('#search-status').attr('role')).toBe('status');
  expect($('script[type="module"][src="/assets/search.js"]').length).toBe(1);
  expect($('script:not([src])').length).toBe(0);
  expect($('[style]').length).toBe(0);
  expect($('#search-fallback').text()).toContain('JavaScript');
  const listings = $('main ul a').map((_, a) => $(a).attr('href')).get();
  expect(listings).toEqual(expect.arrayContaining(['/reports/', '/regions/', '/years/']));
  // The engine is served beside the page script, and the bundle has its manifest.
  expect(statSync(path.join(out, 'assets', 'search-core.js')).size).toBeGreaterThan(1000);
  const manifest = JSON.parse(readFileSync(path.join(out, SEARCH_DIR, 'manifest.json'), 'utf8'));
  expect(manifest.docs).toBe(8);
  expect(readdirSync(path.join(out, SEARCH_DIR))).toEqual([manifest.dir.replace(/\/$/, ''), 'manifest.json']);
});

it('leaves the data-pagefind attributes out of the report pages', () => {
  const html = readFileSync(path.join(out, 'reports', SEED, '2020', 'index.html'), 'utf8');
  expect(html).not.toMatch(/data-pagefind/);
});

describe('the index built from records', () => {
  let records: SearchRecord[];
  const tmp = (name: string) => path.join(mkdtempSync(path.join(os.tmpdir(), `nianbao-records-${name}-`)), '_site');

  beforeAll(() => {
    const pages = buildPages(loadSiteOrThrow(defaultPaths(root)), {});
    records = allPageModels(pages).pages.map(reportSearchRecord);
  });

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
      // The context line: 地区：a › b　机构：x　年度：y
      const ctx = $('.report-context').first();
      const regions = ctx.find('a, span').filter((_, e) => !$(e).parent().is('a')).map((_, e) => $(e).text().trim()).get();
      expect([...(r.filters[FILTERS.region] ?? []), ...(r.filters[FILTERS.office] ?? []), ...(r.filters[FILTERS.year] ?? [])]).toEqual(regions);
      expect(r.text.startsWith(r.title)).toBe(true);
      expect(r.text).not.toMatch(/<[a-z]|^#|\*\*/m);
    }
    const seed = records.find((r) => r.url === seedUrl)!;
    expect(seed.text).toContain('深入推进基层政务公开标准化规范化工作');
    expect(seed.text).toContain('五、存在的主要问题及改进情况');
  });

  it('is deterministic: the same records in any order give byte-identical files', async () => {
    const a = tmp('a');
    const b = tmp('b');
    await buildSearchIndexFromRecords(a, records);
    // On a thread of its own (as large sites do) too: the same files.
    await buildSearchIndexFromRecords(b, records.slice().reverse(), { thread: true });
    // And posted to the thread a few records at a time, as a build adds them batch by batch.
    const s = tmp('s');
    const streamed = startSearchIndex(s, { thread: true });
    for (let i = 0; i < records.length; i += 2) streamed.add(records.slice(i, i + 2));
    await streamed.finish();
    const ta = tree(path.join(a, SEARCH_DIR));
    for (const other of [b, s]) {
      const tb = tree(path.join(other, SEARCH_DIR));
      expect([...tb.keys()].sort()).toEqual([...ta.keys()].sort());
      for (const [f, data] of ta) expect(tb.get(f)!.equals(data), f).toBe(true);
    }
    // And the build's own index is the same.
    const tOut = tree(path.join(out, SEARCH_DIR));
    expect([...tOut.keys()].sort()).toEqual([...ta.keys()].sort());
    for (const [f, data] of ta) expect(tOut.get(f)!.equals(data), f).toBe(true);
    // A changed record changes the content hash, so old and new files never mix.
    const c = tmp('c');
    await buildSearchIndexFromRecords(c, records.map((r, i) => (i === 0 ? { ...r, text: `${r.text} 新增` } : r)));
    const dirOf = (d: string) => JSON.parse(readFileSync(path.join(d, SEARCH_DIR, 'manifest.json'), 'utf8')).dir;
    expect(dirOf(c)).not.toBe(dirOf(a));
  });

  it('leaves the statistics tables out of the index', async () => {
    // A column heading of table 三, on every report page with the table; no prose mentions 科研 at all.
    const term = '科研机构';
    expect(readFileSync(path.join(out, 'reports', 't-gov', '2021', 'index.html'), 'utf8')).toContain(term);
    expect(records.some((r) => r.text.includes('科研'))).toBe(false);
    const [tables, prose, meta] = await q([{ term }, { term: '依申请公开' }, { term: 'T0001' }]);
    expect(tables!.urls).toEqual([]);
    expect(prose!.urls).toContain(seedUrl);
    // The metadata values are indexed (an 索引号, in any case).
    expect(meta!.urls).toContain('/reports/t-gov/2021/');
  });

  it('links results under the path prefix', async () => {
    const prefixed = tmp('prefix');
    await buildSearchIndexFromRecords(prefixed, records);
    const [r] = await q([{ term: '台山' }], prefixed, '/nianbao/');
    expect(r!.urls).toEqual([`/nianbao${seedUrl}`]);
  });

  it('rejects misuse, duplicate pages and an unwritable folder', async () => {
    const indexer = startSearchIndex(tmp('misuse'));
    indexer.add(records[0]!);
    const done = indexer.finish();
    expect(() => indexer.add(records[1]!)).toThrow(/after finish/);
    await expect(indexer.finish()).rejects.toThrow(/twice/);
    await done;
    await expect(buildSearchIndexFromRecords(tmp('dup'), [records[0]!, records[0]!])).rejects.toThrow(/two records/);
    const file = path.join(tmp('bad'), 'file');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '');
    await expect(buildSearchIndexFromRecords(file, records, { bundleDir: path.join(file, SEARCH_DIR) })).rejects.toThrow();
    // Aborted: nothing is written.
    const dir = tmp('abort');
    const aborted = startSearchIndex(dir);
    aborted.add(records);
    const finishing = aborted.finish();
    await aborted.abort();
    await expect(finishing).rejects.toThrow(/aborted/);
    // On a thread: a failure in the thread reaches the caller, and an abort stops the thread.
    await expect(buildSearchIndexFromRecords(tmp('dup-t'), [records[0]!, records[0]!], { thread: true })).rejects.toThrow(/two records/);
    const onThread = startSearchIndex(tmp('abort-t'), { thread: true });
    onThread.add(records);
    const threaded = onThread.finish();
    await onThread.abort();
    await expect(threaded).rejects.toThrow(/stopped/);
  });

  it('turns Markdown into plain text', () => {
    expect(plainText('### （一）主动公开\n\n- 第一条**重点**，见[专栏](/x/)。\n\n| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n\n&lt;b&gt;&amp;&#x4E2D;<br>')).toBe('（一）主动公开 第一条 重点 ，见专栏。 甲 乙 1 2 <b>&中');
  });
});
