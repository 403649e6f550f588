// The reading-aid renditions against their references: the compiled cn -> tw converter (src/text/s2tw.ts) against
// opencc-js itself, and toHantPage / toPinyinPage against the straightforward regex implementation they replaced
// (opencc-js's converter and one pinyin-pro call per text run), over every zh-CN page of the bundled site, pages
// made from a generated demo's sources and hand-made edge cases.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import OpenCC from 'opencc-js';
import * as cn2t from 'opencc-js/preset/cn2t';
import * as t2cnPreset from 'opencc-js/preset/t2cn';
import { pinyin } from 'pinyin-pro';
import { describe, expect, inject, it } from 'vitest';
import { generateDemo } from '../../src/demo/generate.ts';
import { toHantPage, toPinyinPage } from '../../src/render/renditions.ts';
import { compileS2TW, s2tw } from '../../src/text/s2tw.ts';
import { detectScript, toSimplified, toTraditional } from '../../src/text/script.ts';

const REPO = path.resolve(import.meta.dirname, '..', '..');
const refS2TW = OpenCC.Converter({ from: 'cn', to: 'tw' });
const refT2S = OpenCC.Converter({ from: 'tw', to: 'cn' });

// ---- The reference renditions: the regex implementation of before, verbatim but for its converters. ----
const HAN = /\p{Script=Han}/u;
const TEXT_ATTRS = /\b(title|alt|aria-label|placeholder)="([^"]*)"/g;
const TEXT_METAS = /(<meta name="(?:SiteName|ColumnName|ColumnDescription|ColumnKeywords|ColumnType|ArticleTitle|ContentSource|Author|Keywords|Description)" content=")([^"]*)(")/g;
const refHant = (s: string) => (HAN.test(s) ? refS2TW(s) : s);
function refHantHref(href: string, prefix: string): string {
  if (!href.startsWith(prefix) || href.startsWith(`${prefix}zh-hant/`)) return href;
  const [pathPart, hash = ''] = href.split('#');
  if (!/(\/|\.html)$/.test(pathPart!)) return href;
  return `${prefix}zh-hant/${pathPart!.slice(prefix.length)}${hash ? `#${hash}` : ''}`;
}
function refHantTag(tag: string, prefix: string): string {
  if (!/^<(?:html|meta name=)|\b(?:href|title|alt|aria-label|placeholder)="/.test(tag)) return tag;
  if (tag.startsWith('<html')) return tag.replace('lang="zh-CN"', 'lang="zh-Hant"');
  if (tag.includes('data-rendition')) return tag;
  let t = tag.replace(/\bhref="([^"]*)"/, (_, h: string) => `href="${refHantHref(h, prefix)}"`);
  t = t.replace(TEXT_ATTRS, (_, a: string, v: string) => `${a}="${refHant(v)}"`);
  t = t.replace(TEXT_METAS, (_, a: string, v: string, b: string) => `${a}${refHant(v)}${b}`);
  return t;
}
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
function refHantPage(html: string, prefix: string): string {
  return html
    .replace(/<[^>]+>|[^<]+/g, (part) => (part.charCodeAt(0) === 60 ? refHantTag(part, prefix) : refHant(part)))
    .replace(new RegExp(`(<meta name="Url" content="https?://[^/"]+)${escapeRe(prefix)}`), `$1${prefix}zh-hant/`)
    .replace(/<a data-rendition="zh-Hant" href="[^"]*" data-alt="([^"]*)"[^>]*>[^<]*<\/a>/, '<a data-rendition="zh-CN" href="$1" hreflang="zh-CN" lang="zh-CN">简体</a>');
}
function refRubyRun(text: string): string {
  if (!HAN.test(text)) return text;
  const chars = [...text];
  const readings = pinyin(text, { type: 'array' });
  return chars
    .map((c, i) => (HAN.test(c) && readings[i] && readings[i] !== c ? `<ruby>${c}<rp>(</rp><rt lang="zh-Latn-pinyin">${readings[i]}</rt><rp>)</rp></ruby>` : c))
    .join('');
}
function refPinyinPage(html: string): string {
  html = html
    .replace('</head>', '<meta name="robots" content="noindex">\n</head>')
    .replace(/<a data-rendition="pinyin" href="[^"]*" data-alt="([^"]*)">[^<]*<\/a>/, '<a data-rendition="hans" href="$1">不带拼音的原文</a>');
  const start = html.indexOf('<main');
  const end = html.indexOf('</main>', start);
  if (start < 0 || end < 0) return html;
  return html.slice(0, start) + html.slice(start, end).replace(/(?<=>)[^<]+/g, refRubyRun) + html.slice(end);
}

// ---- Corpora ----
function files(dir: string, ext: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) files(p, ext, out);
    else if (name.endsWith(ext)) out.push(p);
  }
  return out;
}
const demo = generateDemo({ seed: 7, offices: 30, years: [2019, 2020, 2021, 2022, 2023, 2024] }).files;
const sources = [...files(path.join(REPO, 'reports'), '.md'), ...files(path.join(REPO, 'reports'), '.yml')].map((f) => readFileSync(f, 'utf8'));
/** Every line of the bundled and the demo sources: the text the pages are made of. */
const lines = [...new Set([...sources, ...demo.map((f) => f.text)].flatMap((t) => t.split('\n')).filter((l) => HAN.test(l)))];

/** The dictionaries the s2tw preset uses, as opencc-js's own modules export them. */
const s2twConfig = (cn2t.configs as Record<string, { normalizationChain: string[][]; segmentation: string[]; conversionChain: string[][] }>)['s2tw']!;
const s2twDicts = [...new Set([...s2twConfig.normalizationChain.flat(), ...s2twConfig.segmentation, ...s2twConfig.conversionChain.flat()])];
const entries = (d: string) => d.split('|').map((l) => l.split(' ') as [string, string]);

/** A page around some text, with the attributes and meta tags the renditions convert. */
const page = (body: string, title: string) =>
  `<!doctype html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<title>${title}</title>\n` +
  `<meta name="Url" content="https://example.gov.cn/reports/x/2022/">\n<meta name="ArticleTitle" content="${title}">\n</head>\n<body>\n` +
  `<a data-rendition="zh-Hant" href="/zh-hant/reports/x/2022/" data-alt="/reports/x/2022/" lang="zh-Hant">繁體</a>\n` +
  `<a data-rendition="pinyin" href="/reports/x/2022/pinyin/" data-alt="/reports/x/2022/">拼音</a>\n` +
  `<nav aria-label="${title}"><a href="/reports/x/">${title}</a></nav>\n<main id="main">\n${body}\n</main>\n<footer>${title}</footer>\n</body>\n</html>\n`;

describe('compiled cn -> tw (s2tw.ts) equals opencc-js', () => {
  it('is compiled from the preset (not the fallback to opencc-js)', () => {
    expect(s2tw().compiled).toBe(true);
    // The premises are checked: a segmentation key the ST group lacks sends everything to the reference.
    const broken = compileS2TW({ ...s2twConfig, segmentation: [...s2twConfig.segmentation, '测试词 测试词'] }, () => refS2TW);
    expect(broken.compiled).toBe(false);
    expect(broken.convert('发展')).toBe(refS2TW('发展'));
  });

  it('on every key and value of its dictionaries, alone and run together', () => {
    const bad: string[] = [];
    const words = s2twDicts.flatMap((d) => entries(d).flat());
    for (const w of words) if (toTraditional(w) !== refS2TW(w)) bad.push(w);
    // Run together, phrases meet across their boundaries (segmentation and the TW phrases in context).
    const joined = words.join('');
    for (let i = 0; i < joined.length; i += 997) {
      const s = joined.slice(i, i + 1200);
      if (toTraditional(s) !== refS2TW(s)) bad.push(`[chunk at ${i}]`);
    }
    expect(words.length).toBeGreaterThan(100_000);
    expect(bad.slice(0, 20)).toEqual([]);
  });

  it('on every line of the bundled reports and a generated demo', () => {
    expect(lines.length).toBeGreaterThan(1_000);
    const bad = lines.filter((l) => toTraditional(l) !== refS2TW(l));
    expect(bad.slice(0, 10)).toEqual([]);
    // The corpus does change: these are not identities.
    expect(lines.filter((l) => toTraditional(l) !== l).length).toBeGreaterThan(lines.length / 2);
  });

  it('on the cases its fast path treats apart', () => {
    const cases = [
      '', 'abc 123', '发', '头发', '发展头发干燥', // plain, a character, phrases
      '张栋梁', '林杰梁同志', '喫茶小舖', '着衣', '黄河叶县', // TW phrases and variants after the ST pass
      '⿰氵发展', '⿱艹发⿰木发', '发⿰', // ideographic description sequences (opencc-js steps over them whole)
      '\uF900发\uF901展', '𠀾发𪘀', '\u{2F800}发展', // compatibility ideographs, astral characters
      '\uD840发\uDC00', '发\uD840', '\uDC00发展', // lone surrogates
    ];
    for (const s of cases) expect(toTraditional(s), JSON.stringify(s)).toBe(refS2TW(s));
  });

  it('leaves toSimplified and detectScript as opencc-js has them', () => {
    const t2s = Object.values(t2cnPreset.configs).flatMap((c) => c.conversionChain.flat() as unknown[]);
    const ts: string[] = [...s2twDicts, ...t2s].filter((d): d is string => typeof d === 'string');
    const words: string[] = [...new Set(ts.flatMap((d) => entries(d).flat()))];
    // Protected terms (乾县) are meant to differ from opencc-js.
    const traditional: string[] = lines.map((l) => refS2TW(l));
    const bad = [...words, ...traditional].filter((w) => !w.includes('乾') && toSimplified(w) !== refT2S(w));
    expect(bad.slice(0, 10)).toEqual([]);
    expect(toSimplified('乾縣發展')).toBe('乾县发展');
    expect(detectScript('发展改革委员会')).toBe('hans');
    expect(detectScript(refS2TW('发展改革委员会'))).toBe('hant');
  });
});

describe('toHantPage and toPinyinPage equal the regex implementation', () => {
  const site = inject('bundledSite');
  const pages = files(site, '.html')
    .filter((f) => !f.includes(`${path.sep}zh-hant${path.sep}`) && !f.includes(`${path.sep}pinyin${path.sep}`))
    .map((f) => [path.relative(site, f), readFileSync(f, 'utf8')] as const);

  it('on every zh-CN page of the bundled site', () => {
    expect(pages.length).toBeGreaterThan(150);
    for (const [rel, html] of pages) {
      expect(toHantPage(html, { prefix: '/' }) === refHantPage(html, '/'), `${rel} zh-Hant`).toBe(true);
      if (/^reports\/[^/]+\/\d{4}\/index\.html$/.test(rel)) expect(toPinyinPage(html) === refPinyinPage(html), `${rel} pinyin`).toBe(true);
    }
    // The bundled pages exercise both: changed text, links and attributes.
    const [, one] = pages.find(([rel]) => rel === path.join('reports', 'taishan-gov-office', '2020', 'index.html'))!;
    expect(toHantPage(one, { prefix: '/' })).toContain('政府信息公開');
    expect(toPinyinPage(one)).toContain('<ruby>台<rp>(</rp><rt lang="zh-Latn-pinyin">tái</rt>');
  });

  it('on pages made of a generated demo, under other path prefixes', () => {
    const texts = demo.filter((f) => f.path.endsWith('.md')).map((f) => f.text);
    for (const [k, text] of texts.entries()) {
      const paras = text.split('\n').filter((l) => l.trim());
      const body = paras.map((l, i) => (i % 3 ? `<p>${l}</p>` : `<h2 title="${l.slice(0, 20)}">${l}</h2>`)).join('\n');
      const html = page(body, paras[0] ?? '');
      const prefix = ['/', '/nianbao/', '/a.b$1/'][k % 3]!;
      expect(toHantPage(html, { prefix }) === refHantPage(html, prefix), `demo ${k} zh-Hant`).toBe(true);
      expect(toPinyinPage(html) === refPinyinPage(html), `demo ${k} pinyin`).toBe(true);
    }
  });

  it('on markup the regular expressions read in their own way', () => {
    const bodies = [
      'a < b 发展 <> c <x 发展 > 发展', // a lone '<', '<>', text after a tag with '>' in it
      '<p>发展>头发<b>干</b>>发</p>x>发', // '>' inside text runs
      '<a data-title="发展" xtitle="头发" alt="发" aria-label="发展" placeholder="头发" href="/reports/y/">发</a>',
      '<img alt=\'发\' title=发 href=/reports/>', // unquoted values are not converted
      '<a href="/reports/y/#发">发</a><a href="/assets/site.css">发</a><a href="https://x.cn/">发</a><a href="/zh-hant/x/">发</a>',
      '<meta name="Url" content="http://other.cn/x/"><meta name="Description" content="发展">',
      '<p>\uF900发展⿰氵发𠀾</p>', // normalization, ideographic description, astral
      '<main>发</main>头发<', // a second <main>, a trailing '<'
    ];
    for (const body of bodies) {
      const html = page(body, '发展');
      for (const prefix of ['/', '/reports/']) expect(toHantPage(html, { prefix }), `${body} ${prefix}`).toBe(refHantPage(html, prefix));
      expect(toPinyinPage(html), body).toBe(refPinyinPage(html));
    }
    // Pages without a head, a main, a switch or any Han character.
    for (const html of ['<p>发展</p>', '<main>发展', 'no tags 发展', '<html lang="zh-CN"><main>abc</main>', '']) {
      expect(toHantPage(html, { prefix: '/' }), html).toBe(refHantPage(html, '/'));
      expect(toPinyinPage(html), html).toBe(refPinyinPage(html));
    }
  });
});
