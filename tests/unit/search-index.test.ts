// The search index on a small record set: tokenising (the indexer's fast loop agrees with the shared core's),
// Traditional → Simplified folding, the postings encoding read back by the core, ranking (title matches first),
// phrase checking, filters and paging.
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FILTERS, SEARCH_DIR } from '../../src/search/bundle.ts';
import { decodePostings, eachTerm, excerpt, fold, parseQuery, parseShard, shardOf, termCounts, type SearchIndex } from '../../src/search/core.ts';
import { buildSearchIndexFromRecords, type SearchRecord } from '../../src/search/indexer.ts';
import { openBundle } from '../../src/search/query.ts';

const rec = (url: string, title: string, text: string, year: string, region: string[] = ['示例市']): SearchRecord => ({
  url,
  title,
  text: `${title}\n${text}`,
  filters: { [FILTERS.office]: [title.replace(/\d{4}.*/, '')], [FILTERS.year]: [year], [FILTERS.region]: region },
});

const RECORDS: SearchRecord[] = [
  rec('/reports/a/2020/', '甲局2020年政府信息公开工作年度报告', '本年度推进政务公开标准化。政务公开，政务公开，政务公开。索引号：T0001', '2020'),
  rec('/reports/a/2021/', '甲局2021年政府信息公开工作年度报告', '本年度推进政务公开。第33区的工作。', '2021'),
  rec('/reports/b/2021/', '乙局政务公开专项报告', '主动公开政府信息。', '2021', ['示例市', '乙县']),
  // 政务 … 公开 … 务公 all present, but never the phrase 政务公开.
  rec('/reports/c/2021/', '丙局2021年报告', '政务服务。事务公告。公开透明。第3区有33个。', '2021'),
  // Traditional script, full-width letters, a character outside the BMP, words beside Han characters.
  rec('/reports/e/2019/', '戊局2019年报告', '臺山ＡＢ12𠀀政 x1y 第3区，HTTPS://Example.org/a_b 〇〇。', '2019'),
  ...Array.from({ length: 23 }, (_, i) => rec(`/reports/z${String(i).padStart(2, '0')}/2022/`, `丁${i}局2022年报告`, '年度报告正文，依申请公开。', '2022')),
];

describe('tokenising', () => {
  it('makes Han unigrams and bigrams, lower-case ASCII words and their joints with Han characters', () => {
    expect([...termCounts('政务公开')].map(([t]) => t).sort()).toEqual(['公', '公开', '务', '务公', '开', '政', '政务'].sort());
    expect(termCounts('ＡＢ１２ ab12，Ab12').get('ab12')).toBe(3);
    expect([...termCounts('第33区')].map(([t]) => t).sort()).toEqual(['33', '33区', '区', '第', '第33'].sort());
    // Punctuation and spaces break runs: no bigram across them.
    expect(termCounts('政务，公开').has('务公')).toBe(false);
    expect(termCounts('𠀀政').get('𠀀政')).toBe(1);
  });

  it('folds Traditional to Simplified, one unit for one, but not characters that are Simplified too', () => {
    expect(fold('臺山市政務公開ＡＢ')).toBe('台山市政务公开ab');
    expect(fold('乾县')).toBe('乾县');
    expect(parseQuery('政務公開').terms).toEqual(parseQuery('政务公开').terms);
  });

  it('looks a query up by its bigrams, a single character by its unigram, and splits it into phrases', () => {
    expect(parseQuery('政务公开').terms).toEqual(['政务', '务公', '公开']);
    expect(parseQuery('年').terms).toEqual(['年']);
    expect(parseQuery('台山 2020年').parts).toEqual(['台山', '2020年']);
    expect(parseQuery('台山 2020年').terms).toEqual(['台山', '2020', '2020年', '年']);
    expect(parseQuery('，。！').terms).toEqual([]);
  });

  it('marks the phrase in an HTML-escaped excerpt, after the title', () => {
    expect(excerpt('标题<政务公开>\n正文：推进政务公开。', ['政务公开'], 9)).toBe('正文：推进<mark>政务公开</mark>。');
    expect(excerpt('标题\n政务 公开', ['政务公开'], 2)).toBeNull();
  });
});

describe('an index of a few records', () => {
  let dir: string;
  let index: SearchIndex;
  beforeAll(async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'nianbao-search-unit-'));
    // Small shards and chunks, so that the test has several of each.
    await buildSearchIndexFromRecords(out, RECORDS, { shardBytes: 256, chunkBytes: 300 });
    dir = path.join(out, SEARCH_DIR);
    index = await openBundle(dir, '/p/');
  });

  it('writes postings that read back to what the indexer counted', () => {
    const m = index.manifest;
    expect(m.docs).toBe(RECORDS.length);
    expect(m.shards).toBeGreaterThan(3);
    const sub = path.join(dir, m.dir);
    const files = readdirSync(sub);
    expect(files.filter((f) => f.startsWith('p')).length).toBe(m.shards);
    expect(files.filter((f) => f.startsWith('d')).length).toBe(Math.ceil(RECORDS.length / m.chunk));
    // Doc ids follow URL order; every term's postings give its documents and tf (at most 8).
    const sorted = RECORDS.slice().sort((a, b) => (a.url < b.url ? -1 : 1));
    const expected = new Map<string, Array<[number, number, boolean]>>();
    sorted.forEach((r, id) => {
      const inTitle = new Set<string>();
      eachTerm(r.title, (t) => inTitle.add(t));
      for (const [t, tf] of termCounts(r.text)) {
        if (!expected.has(t)) expected.set(t, []);
        expected.get(t)!.push([id, Math.min(tf, 8), inTitle.has(t)]);
      }
    });
    let seen = 0;
    for (let s = 0; s < m.shards; s++) {
      for (const [term, p] of parseShard(readFileSync(path.join(sub, `p${s}.bin`)))) {
        expect(shardOf(term, m.shards)).toBe(s);
        if (term.startsWith('\u0001')) continue;
        const { docs, w } = decodePostings(p);
        expect(Array.from(docs, (d, i) => [d, (w[i]! & 7) + 1, (w[i]! & 8) !== 0]), term).toEqual(expected.get(term));
        seen++;
      }
    }
    expect(seen).toBe(expected.size);
  });

  it('ranks title matches first, then by term frequency, and checks the phrase', async () => {
    const r = await index.search('政务公开', { verify: false });
    // Four candidates have every bigram; 丙 has them apart and is dropped when its text is read.
    expect(r.count).toBe(4);
    const hits = await r.next(10);
    expect(hits.map((h) => h.url)).toEqual(['/p/reports/b/2021/', '/p/reports/a/2020/', '/p/reports/a/2021/']);
    expect(r.count).toBe(3);
    expect(hits[1]!.excerpt).toContain('<mark>政务公开</mark>');
    expect(hits[0]!.filters[FILTERS.region]).toEqual(['示例市', '乙县']);
    // verify: the count is exact at once.
    expect((await index.search('政务公开', { verify: true })).count).toBe(3);
    expect((await index.search('第33区', { verify: true })).count).toBe(1);
    expect((await index.search('政務公開')).count).toBe(4);
    expect((await index.search('t0001')).count).toBe(1);
    expect((await index.search('己局')).count).toBe(0);
    expect((await index.search('台山ab12')).count).toBe(1);
  });

  it('filters by any value of a filter and by every filter, without a query too', async () => {
    expect((await index.search('政务公开', { filters: { [FILTERS.year]: '2021' }, verify: true })).count).toBe(2);
    expect((await index.search('政务公开', { filters: { [FILTERS.year]: ['2020', '2022'] }, verify: true })).count).toBe(1);
    expect((await index.search('政务公开', { filters: { [FILTERS.year]: '2021', [FILTERS.region]: '乙县' } })).count).toBe(1);
    expect((await index.search('', { filters: { [FILTERS.year]: '2022' } })).count).toBe(23);
    expect((await index.search('', { filters: { [FILTERS.year]: '1999' } })).count).toBe(0);
    expect((await index.search('')).count).toBe(0);
    const values = await index.filterValues();
    expect(values[FILTERS.year]).toEqual([['2022', 23], ['2021', 3], ['2020', 1], ['2019', 1]]);
    expect(values[FILTERS.region]![0]).toEqual(['示例市', 28]);
  });

  it('pages through the results, ten at a time, each once', async () => {
    const r = await index.search('依申请公开');
    expect(r.count).toBe(23);
    const pages = [await r.next(), await r.next(), await r.next()];
    expect(pages.map((p) => p.length)).toEqual([10, 10, 3]);
    expect(r.done()).toBe(true);
    expect(new Set(pages.flat().map((h) => h.url)).size).toBe(23);
    expect(await r.next()).toEqual([]);
  });
});
