// A site that lives under a subpath of an existing portal: with 路径前缀: /nianbao/ in site.yml, every internal link
// of every page carries the prefix and resolves to a file in the output; feeds, the sitemap and the Url meta tag
// carry it too, and search results link under it.
import { load as loadHtml } from 'cheerio';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { buildSite } from '../../src/cli/build.ts';
import { SEED, browseContent, checkLinks, crawl, fileFor, listFiles, searchIndex } from './browse-fixture.ts';

const PREFIX = '/nianbao/';
const DOMAIN = 'nianbao.example.gov.cn';
let out: string;
beforeAll(async () => {
  out = path.join(mkdtempSync(path.join(os.tmpdir(), 'nianbao-prefix-')), '_site');
  await buildSite({ root: browseContent(PREFIX), output: out });
});

it('gives every internal link the prefix, and every link resolves', () => {
  const { problems, checked } = checkLinks(out, PREFIX, DOMAIN);
  expect(checked).toBeGreaterThan(300);
  expect(problems).toEqual([]);
});

it('reaches every page from the home page under the prefix', () => {
  const reached = crawl(out, PREFIX);
  const pages = listFiles(out).filter((f) => f.endsWith('index.html') && !f.startsWith('zh-hant/') && !f.includes('/pinyin/'));
  expect(pages.length).toBeGreaterThan(30);
  expect(pages.filter((f) => !reached.has(f))).toEqual([]);
  expect(reached.has('feed.xml')).toBe(true);
  expect(reached.has('sitemap.xml')).toBe(true);
});

it('writes absolute URLs with the prefix in feeds, the sitemap and the Url meta tag', () => {
  const feed = readFileSync(path.join(out, 'feed.xml'), 'utf8');
  expect(feed).toContain(`<id>https://${DOMAIN}${PREFIX}feed.xml</id>`);
  expect(feed).toContain(`href="https://${DOMAIN}${PREFIX}reports/t-gov/2022/"`);
  const sitemap = readFileSync(path.join(out, 'sitemap.xml'), 'utf8');
  const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
  expect(locs.length).toBeGreaterThan(30);
  for (const loc of locs) {
    expect(loc.startsWith(`https://${DOMAIN}${PREFIX}`), loc).toBe(true);
    expect(existsSync(fileFor(out, PREFIX, loc.slice(`https://${DOMAIN}`.length))!), loc).toBe(true);
  }
  const $ = loadHtml(readFileSync(path.join(out, 'reports', SEED, '2020', 'index.html'), 'utf8'));
  expect($('meta[name="Url"]').attr('content')).toBe(`https://${DOMAIN}${PREFIX}reports/${SEED}/2020/`);
});

it('serves search from the prefixed bundle, with result links under the prefix', async () => {
  const $ = loadHtml(readFileSync(path.join(out, 'search', 'index.html'), 'utf8'));
  const base = $('#search').attr('data-base-url')!;
  expect(base).toBe(PREFIX);
  expect($('#search').attr('data-bundle-path')).toBe(`${PREFIX}search-index/`);
  const [r] = await searchIndex(out, [{ term: '台山' }], base);
  expect(r!.urls).toEqual([`${PREFIX}reports/${SEED}/2020/`]);
  expect(existsSync(fileFor(out, PREFIX, r!.urls[0]!)!)).toBe(true);
});

it('serves a 404 page whose links work from any path', () => {
  const $ = loadHtml(readFileSync(path.join(out, '404.html'), 'utf8'));
  const hrefs = $('main a').map((_, a) => $(a).attr('href')).get();
  expect(hrefs.length).toBeGreaterThan(3);
  for (const h of hrefs) expect(h.startsWith(PREFIX), h).toBe(true);
});
