// The Traditional-script and pinyin renditions of the bundled site.
import { load as loadHtml } from 'cheerio';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import iconv from 'iconv-lite';

// Character sets by standard, not by converter: Traditional = Big5 (code page 950); Simplified = GB 2312, which
// is the part of GBK with both bytes in A1–FE. A character outside the page's set is "the other script only".
const HAN = /\p{Script=Han}/u;
const inBig5 = (ch: string) => iconv.decode(iconv.encode(ch, 'cp950'), 'cp950') === ch;
function inGb2312(ch: string): boolean {
  const b = iconv.encode(ch, 'gbk');
  return b.length === 2 && b[0]! >= 0xa1 && b[0]! <= 0xf7 && b[1]! >= 0xa1 && b[1]! <= 0xfe && iconv.decode(b, 'gbk') === ch;
}
const outside = (text: string, has: (ch: string) => boolean) => [...new Set([...text].filter((ch) => HAN.test(ch) && !has(ch)))];

const site = inject('bundledSite');

function htmlFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) htmlFiles(p, out);
    else if (name.endsWith('.html')) out.push(p);
  }
  return out;
}

/** The reader-visible text of a page, without the parts deliberately in the other script (the switch link). */
function text(file: string, otherLang: string): string {
  const $ = loadHtml(readFileSync(file, 'utf8'));
  $(`[lang="${otherLang}"]`).remove();
  $('script, rt, rp').remove();
  return `${$('title').text()} ${$('body').text()}`;
}

describe('renditions', () => {
  const all = htmlFiles(site);
  const hant = all.filter((f) => f.includes(`${path.sep}zh-hant${path.sep}`));
  const hans = all.filter((f) => !f.includes(`${path.sep}zh-hant${path.sep}`));

  it('every page has a zh-Hant rendition with lang, hreflang alternates and a switch back', () => {
    const pages = hans.filter((f) => !f.includes(`${path.sep}pinyin${path.sep}`));
    expect(pages.length).toBeGreaterThan(150);
    for (const f of pages) expect(existsSync(path.join(site, 'zh-hant', path.relative(site, f))), f).toBe(true);
    const $ = loadHtml(readFileSync(path.join(site, 'zh-hant', 'reports', 'taishan-gov-office', '2020', 'index.html'), 'utf8'));
    expect($('html').attr('lang')).toBe('zh-Hant');
    expect($('link[hreflang="zh-CN"]').attr('href')).toBe('/reports/taishan-gov-office/2020/');
    expect($('a[data-rendition="zh-CN"]').text()).toBe('简体');
    expect($('h1').text()).toBe('台山市人民政府辦公室2020年政府信息公開工作年度報告');
    // Links stay within the rendition; shared files (CSS) are not duplicated.
    expect($('.breadcrumb a').first().attr('href')).toBe('/zh-hant/');
    expect($('link[rel="stylesheet"]').attr('href')).toBe('/assets/site.css');
  });

  it('zh-Hant pages contain no simplified-only characters; zh-CN pages no traditional-only ones', () => {
    // The sets tell the scripts apart (so this test can fail).
    expect(outside('发展臺灣', inBig5)).toEqual(['发']);
    expect(outside('發展台湾', inGb2312)).toEqual(['發']);
    const bad: string[] = [];
    for (const f of hant) {
      const chars = outside(text(f, 'zh-CN'), inBig5);
      if (chars.length) bad.push(`${path.relative(site, f)}: simplified-only ${chars.join('')}`);
    }
    for (const f of hans) {
      const chars = outside(text(f, 'zh-Hant'), inGb2312);
      if (chars.length) bad.push(`${path.relative(site, f)}: traditional-only ${chars.join('')}`);
    }
    expect(bad).toEqual([]);
  });

  it('report pages have an opt-in pinyin rendition with ruby, <rp> fallbacks and lang on <rt>', () => {
    const $ = loadHtml(readFileSync(path.join(site, 'reports', 'taishan-gov-office', '2020', 'pinyin', 'index.html'), 'utf8'));
    const ruby = $('main ruby').first();
    expect(ruby.find('rp').length).toBe(2);
    expect(ruby.find('rt').attr('lang')).toBe('zh-Latn-pinyin');
    expect($('h1 ruby').map((_, r) => $(r).find('rt').text()).get().slice(0, 3)).toEqual(['tái', 'shān', 'shì']);
    expect($('meta[name="robots"]').attr('content')).toBe('noindex');
    // Opt-in: the report page links to it; the rendition links back.
    const report = loadHtml(readFileSync(path.join(site, 'reports', 'taishan-gov-office', '2020', 'index.html'), 'utf8'));
    expect(report('a[data-rendition="pinyin"]').attr('href')).toBe('/reports/taishan-gov-office/2020/pinyin/');
    expect(report('ruby')).toHaveLength(0);
    expect($('a[data-rendition="hans"]').attr('href')).toBe('/reports/taishan-gov-office/2020/');
  });
});
