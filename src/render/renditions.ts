// Renditions of built pages for readers: a Traditional-script copy of every page (/zh-hant/…), converted at build
// time with opencc-js (cn → tw, character level, no phrase-mode vocabulary changes), and a pinyin reading aid of
// report pages (<ruby> with <rp> fallbacks). Both work on our own generated HTML: text between tags is converted;
// markup, URLs and code-like attributes are left alone.
import { pinyin } from 'pinyin-pro';
import { toTraditional } from '../text/script.ts';

export const HANT_DIR = 'zh-hant';
export const PINYIN_DIR = 'pinyin';

const HAN = /\p{Script=Han}/u;
/** Attributes whose values are reader-facing text. */
const TEXT_ATTRS = /\b(title|alt|aria-label|placeholder)="([^"]*)"/g;
/** Meta tags whose content is reader-facing text. */
const TEXT_METAS = /(<meta name="(?:SiteName|ColumnName|ColumnDescription|ColumnKeywords|ColumnType|ArticleTitle|ContentSource|Author|Keywords|Description)" content=")([^"]*)(")/g;

/** Splits HTML into tags and text runs. Our HTML has no inline scripts or styles, and no comments. */
const split = (html: string): string[] => html.split(/(<[^>]+>)/);

/** Converts text once per distinct run: labels, navigation and footers repeat on every page. */
function memo(fn: (s: string) => string): (s: string) => string {
  const cache = new Map<string, string>();
  return (s) => {
    if (!HAN.test(s)) return s;
    if (s.length > 200) return fn(s);
    let v = cache.get(s);
    if (v === undefined) {
      v = fn(s);
      if (cache.size > 50_000) cache.clear();
      cache.set(s, v);
    }
    return v;
  };
}

const hant = memo(toTraditional);

export interface RenditionUrls {
  /** The site's path prefix, e.g. / or /nianbao/. */
  prefix: string;
}

/** Site-internal page links (ending in / or .html) get the /zh-hant/ prefix; files (CSS, data) are shared. */
function hantHref(href: string, prefix: string): string {
  if (!href.startsWith(prefix) || href.startsWith(`${prefix}${HANT_DIR}/`)) return href;
  const [pathPart, hash = ''] = href.split('#');
  if (!/(\/|\.html)$/.test(pathPart!)) return href;
  return `${prefix}${HANT_DIR}/${pathPart!.slice(prefix.length)}${hash ? `#${hash}` : ''}`;
}

/** The Traditional-script rendition of a zh-CN page. */
export function toHantPage(html: string, { prefix }: RenditionUrls): string {
  return split(html)
    .map((part) => {
      if (!part.startsWith('<')) return hant(part);
      if (part.startsWith('<html')) return part.replace('lang="zh-CN"', 'lang="zh-Hant"');
      // The switch and the alternates are written for both renditions by the layout: keep them as they are.
      if (/\bdata-rendition\b/.test(part)) return part;
      let tag = part.replace(/\bhref="([^"]*)"/, (_, h: string) => `href="${hantHref(h, prefix)}"`);
      tag = tag.replace(TEXT_ATTRS, (_, a: string, v: string) => `${a}="${hant(v)}"`);
      tag = tag.replace(TEXT_METAS, (_, a: string, v: string, b: string) => `${a}${hant(v)}${b}`);
      return tag;
    })
    .join('')
    .replace(new RegExp(`(<meta name="Url" content="https?://[^/"]+)${escapeRe(prefix)}`), `$1${prefix}${HANT_DIR}/`)
    .replace(/<a data-rendition="zh-Hant" href="[^"]*" data-alt="([^"]*)"[^>]*>[^<]*<\/a>/, '<a data-rendition="zh-CN" href="$1" hreflang="zh-CN" lang="zh-CN">简体</a>');
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Ruby markup for one text run: each Han character with its reading (context-aware, from pinyin-pro). */
function rubyRun(text: string): string {
  if (!HAN.test(text)) return text;
  const chars = [...text];
  const readings = pinyin(text, { type: 'array' });
  return chars
    .map((c, i) => (HAN.test(c) && readings[i] && readings[i] !== c ? `<ruby>${c}<rp>(</rp><rt lang="zh-Latn-pinyin">${readings[i]}</rt><rp>)</rp></ruby>` : c))
    .join('');
}
const ruby = memo(rubyRun);

/** The pinyin reading-aid rendition of a report page: ruby over the text of <main> only. */
export function toPinyinPage(html: string): string {
  let inMain = false;
  // One copy of the report for search engines and the site index: the rendition is not indexed.
  html = html
    .replace('</head>', '<meta name="robots" content="noindex">\n</head>')
    .replace(' data-pagefind-body', '')
    .replace(/<a data-rendition="pinyin" href="[^"]*" data-alt="([^"]*)">[^<]*<\/a>/, '<a data-rendition="hans" href="$1">不带拼音的原文</a>');
  let inTitle = false;
  return split(html)
    .map((part) => {
      if (part.startsWith('<main')) inMain = true;
      else if (part === '</main>') inMain = false;
      else if (part.startsWith('<title')) inTitle = true;
      else if (part === '</title>') inTitle = false;
      if (part.startsWith('<') || !inMain || inTitle) return part;
      return ruby(part);
    })
    .join('');
}
