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

/**
 * Converts text once per distinct run: labels, headings, navigation and footers repeat on every page. Only short
 * runs are kept (prose rarely repeats, and a paragraph's ruby markup is ~30× its text), in a bounded cache: 2,000
 * entries take the same CPU time as 20,000 over 1,000 reports, and keep ~100 MB less per render thread.
 */
const MEMO_MAX_CHARS = 64;
const MEMO_MAX_ENTRIES = 2_000;
function memo(fn: (s: string) => string): (s: string) => string {
  const cache = new Map<string, string>();
  return (s) => {
    if (!HAN.test(s)) return s;
    if (s.length > MEMO_MAX_CHARS) return fn(s);
    let v = cache.get(s);
    if (v === undefined) {
      v = fn(s);
      if (cache.size >= MEMO_MAX_ENTRIES) cache.clear();
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

/** Tags that may need changing in the zh-Hant copy: everything else passes through untouched. */
const HANT_TAG = /^<(?:html|meta name=)|\b(?:href|title|alt|aria-label|placeholder)="/;

function hantTag(tag: string, prefix: string): string {
  if (!HANT_TAG.test(tag)) return tag;
  if (tag.startsWith('<html')) return tag.replace('lang="zh-CN"', 'lang="zh-Hant"');
  // The switch and the alternates are written for both renditions by the layout: keep them as they are.
  if (tag.includes('data-rendition')) return tag;
  let t = tag.replace(/\bhref="([^"]*)"/, (_, h: string) => `href="${hantHref(h, prefix)}"`);
  t = t.replace(TEXT_ATTRS, (_, a: string, v: string) => `${a}="${hant(v)}"`);
  t = t.replace(TEXT_METAS, (_, a: string, v: string, b: string) => `${a}${hant(v)}${b}`);
  return t;
}

/** The Traditional-script rendition of a zh-CN page. One pass over tags and text runs, no intermediate array. */
export function toHantPage(html: string, { prefix }: RenditionUrls): string {
  return html
    .replace(/<[^>]+>|[^<]+/g, (part) => (part.charCodeAt(0) === 60 /* < */ ? hantTag(part, prefix) : hant(part)))
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
  // One copy of the report for search engines and the site index: the rendition is not indexed.
  html = html
    .replace('</head>', '<meta name="robots" content="noindex">\n</head>')
    .replace(/<a data-rendition="pinyin" href="[^"]*" data-alt="([^"]*)">[^<]*<\/a>/, '<a data-rendition="hans" href="$1">不带拼音的原文</a>');
  // Only the text inside <main> gets readings (never the <title>, which is outside it).
  const start = html.indexOf('<main');
  const end = html.indexOf('</main>', start);
  if (start < 0 || end < 0) return html;
  const main = html.slice(start, end).replace(/(?<=>)[^<]+/g, ruby);
  return html.slice(0, start) + main + html.slice(end);
}
