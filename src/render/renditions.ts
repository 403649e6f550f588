// Renditions of built pages for readers: a Traditional-script copy of every page (/zh-hant/…), converted at build
// time with opencc-js's cn → tw conversion (character level, no phrase-mode vocabulary changes; compiled into one
// pass by src/text/s2tw.ts), and a pinyin reading aid of report pages (<ruby> with <rp> fallbacks). Both work on our
// own generated HTML: text between tags is converted; markup, URLs and code-like attributes are left alone.
//
// They run over every report page, its comparison and the listings, a large share of a build's CPU, so each page
// is one scan with indexOf: unchanged stretches are copied once, tags that cannot change are recognised without a
// regex, text runs go through a bounded cache, and the pinyin page is joined once from its pieces. The scans keep the exact
// semantics of the regular expressions they replace (`<[^>]+>|[^<]+` for tags and text, `(?<=>)[^<]+` for the text
// inside <main>, first-match replaces): tests/unit/renditions.test.ts compares them with those expressions.
import { pinyin } from 'pinyin-pro';
import { toTraditional } from '../text/script.ts';

export const HANT_DIR = 'zh-hant';
export const PINYIN_DIR = 'pinyin';

const HAN = /\p{Script=Han}/u;
/** \p{Script=Han} per BMP code unit (surrogates are not Han: a pair is tested with the regex). */
const HAN_UNIT = new Uint8Array(0x10000);
for (let u = 0; u < 0x10000; u++) if (HAN.test(String.fromCharCode(u))) HAN_UNIT[u] = 1;

/** Whether s[from, to) holds a Han character, as HAN.test(s.slice(from, to)) would say. */
function hasHan(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const u = s.charCodeAt(i);
    if (HAN_UNIT[u]) return true;
    if ((u & 0xfc00) === 0xd800 && i + 1 < to && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00 && HAN.test(s.slice(i, i + 2))) return true;
  }
  return false;
}

/**
 * Converts text once per distinct run: labels, headings, navigation and footers repeat on every page. Only short
 * runs are kept (prose rarely repeats, and a paragraph's ruby markup is ~30× its text), in a bounded cache: 2,000
 * entries take the same CPU time as 20,000 over 1,000 reports, and keep ~100 MB less per render thread.
 */
const MEMO_MAX_CHARS = 64;
const MEMO_MAX_ENTRIES = 2_000;
/** fn through the cache, for text the caller found Han in. */
function memo(fn: (s: string) => string): (s: string) => string {
  const cache = new Map<string, string>();
  return (s) => {
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

const hantRun = memo(toTraditional);
/** Text without Han characters stays as it is (opencc is not asked). */
const hant = (s: string) => (hasHan(s, 0, s.length) ? hantRun(s) : s);

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
/** Attributes whose values are reader-facing text. */
const TEXT_ATTRS = /\b(title|alt|aria-label|placeholder)="([^"]*)"/g;
/** Meta tags whose content is reader-facing text. */
const TEXT_METAS = /(<meta name="(?:SiteName|ColumnName|ColumnDescription|ColumnKeywords|ColumnType|ArticleTitle|ContentSource|Author|Keywords|Description)" content=")([^"]*)(")/g;

/** The tag as the zh-Hant copy has it (toHantPage asks only for tags that mayChange). */
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

/**
 * s.replace(re, replacement) for a non-global re whose every match starts with `literal`: the literal is found with
 * indexOf and re (sticky) tried there, so the page is not scanned by the regular expression.
 */
function replaceFirst(s: string, literal: string, re: RegExp, sticky: RegExp, replacement: string): string {
  for (let at = s.indexOf(literal); at >= 0; at = s.indexOf(literal, at + 1)) {
    sticky.lastIndex = at;
    const m = sticky.exec(s);
    // The match alone, replaced by the same expression: `$1` and `$$` in `replacement` mean what they meant.
    if (m) return s.slice(0, at) + m[0].replace(re, replacement) + s.slice(at + m[0].length);
  }
  return s;
}
const firstMatch = (source: string) => ({ re: new RegExp(source), sticky: new RegExp(source, 'y') });

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const URL_META = '<meta name="Url" content="http';
const urlMeta = new Map<string, { re: RegExp; sticky: RegExp }>();
const HANT_SWITCH = '<a data-rendition="zh-Hant" href="';
const hantSwitch = firstMatch(`${escapeRe(HANT_SWITCH)}[^"]*" data-alt="([^"]*)"[^>]*>[^<]*<\\/a>`);

const isWordUnit = (u: number) => (u >= 48 && u <= 57) || (u >= 65 && u <= 90) || (u >= 97 && u <= 122) || u === 95;
/** Whether html[at - name.length, at) is `name` with a word boundary before it (`\bname` ending at `at`). */
function nameBefore(html: string, at: number, name: string): boolean {
  const from = at - name.length;
  return html.startsWith(name, from) && !isWordUnit(html.charCodeAt(from - 1));
}

/** The attributes HANT_TAG looks for, by the char code of their last letter: most tags hold class=" and no other. */
const ATTR_BY_LAST_UNIT: Array<string | undefined> = [];
for (const name of ['href', 'title', 'alt', 'aria-label', 'placeholder']) ATTR_BY_LAST_UNIT[name.charCodeAt(name.length - 1)] = name;

/**
 * Whether HANT_TAG can match the tag html[open, close]: it starts with <html or <meta name=, or one of its `="`
 * follows href, title, alt, aria-label or placeholder. `eq` is the first `="` at or after `open` (or -1).
 */
function mayChange(html: string, open: number, close: number, eq: number): boolean {
  if (html.startsWith('<html', open) || html.startsWith('<meta name=', open)) return true;
  for (; eq >= 0 && eq < close; eq = html.indexOf('="', eq + 2)) {
    const name = ATTR_BY_LAST_UNIT[html.charCodeAt(eq - 1)];
    if (name !== undefined && nameBefore(html, eq, name)) return true;
  }
  return false;
}

/** The Traditional-script rendition of a zh-CN page. One pass over tags and text runs. */
export function toHantPage(html: string, { prefix }: RenditionUrls): string {
  const n = html.length;
  let out = '';
  let copied = 0; // html[copied, i) goes to the output unchanged
  let eq = -1; // the next `="` at or after i, found once for several tags
  for (let i = 0; i < n; ) {
    if (html.charCodeAt(i) === 60 /* < */) {
      const close = html.indexOf('>', i + 1);
      // `<[^>]+>`: a '<' right before '>', or with no '>' after it, stays as it is and the text resumes after it.
      if (close <= i + 1) {
        i++;
        continue;
      }
      if (eq < i && eq !== -2) {
        eq = html.indexOf('="', i);
        if (eq < 0) eq = -2; // none left in the page
      }
      if (mayChange(html, i, close, eq)) {
        const tag = html.slice(i, close + 1);
        const t = hantTag(tag, prefix);
        if (t !== tag) (out += html.slice(copied, i) + t), (copied = close + 1);
      }
      i = close + 1;
    } else {
      let end = html.indexOf('<', i);
      if (end < 0) end = n;
      if (hasHan(html, i, end)) {
        const text = html.slice(i, end);
        const t = hantRun(text);
        if (t !== text) (out += html.slice(copied, i) + t), (copied = end);
      }
      i = end;
    }
  }
  let page = copied === 0 ? html : out + html.slice(copied);
  let url = urlMeta.get(prefix);
  if (!url) urlMeta.set(prefix, (url = firstMatch(`(<meta name="Url" content="https?://[^/"]+)${escapeRe(prefix)}`)));
  page = replaceFirst(page, URL_META, url.re, url.sticky, `$1${prefix}${HANT_DIR}/`);
  return replaceFirst(page, HANT_SWITCH, hantSwitch.re, hantSwitch.sticky, '<a data-rendition="zh-CN" href="$1" hreflang="zh-CN" lang="zh-CN">简体</a>');
}

const RUBY_OPEN = '<ruby>';
const RUBY_RT = '<rp>(</rp><rt lang="zh-Latn-pinyin">';
const RUBY_CLOSE = '</rt><rp>)</rp></ruby>';

/**
 * Ruby markup for one text run, pushed onto `parts`: each Han character with its reading (context-aware, from
 * pinyin-pro). Returns false when no character gets a reading (then nothing was pushed).
 */
function rubyParts(text: string, parts: string[]): boolean {
  // One reading per code point, as pinyin-pro splits the text (a surrogate pair is one character).
  const readings = pinyin(text, { type: 'array' });
  let copied = 0;
  for (let i = 0, c = 0; i < text.length; c++) {
    const u = text.charCodeAt(i);
    const w = (u & 0xfc00) === 0xd800 && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
    if (w === 1 ? HAN_UNIT[u] : HAN.test(text.slice(i, i + 2))) {
      const r = readings[c];
      // pinyin-pro gives the character itself when it has no reading.
      if (r && (r.length !== w || r.charCodeAt(0) !== u || (w === 2 && r.charCodeAt(1) !== text.charCodeAt(i + 1)))) {
        if (copied < i) parts.push(text.slice(copied, i));
        parts.push(RUBY_OPEN, w === 1 ? text[i]! : text.slice(i, i + 2), RUBY_RT, r, RUBY_CLOSE);
        copied = i + w;
      }
    }
    i += w;
  }
  if (copied === 0) return false;
  if (copied < text.length) parts.push(text.slice(copied));
  return true;
}
function rubyRun(text: string): string {
  const parts: string[] = [];
  return rubyParts(text, parts) ? parts.join('') : text;
}
const ruby = memo(rubyRun);

const PINYIN_SWITCH = '<a data-rendition="pinyin" href="';
const pinyinSwitch = firstMatch(`${escapeRe(PINYIN_SWITCH)}[^"]*" data-alt="([^"]*)">[^<]*<\\/a>`);

/** The pinyin reading-aid rendition of a report page: ruby over the text of <main> only. */
export function toPinyinPage(html: string): string {
  // One copy of the report for search engines and the site index: the rendition is not indexed.
  const head = html.indexOf('</head>');
  if (head >= 0) html = `${html.slice(0, head)}<meta name="robots" content="noindex">\n${html.slice(head)}`;
  html = replaceFirst(html, PINYIN_SWITCH, pinyinSwitch.re, pinyinSwitch.sticky, '<a data-rendition="hans" href="$1">不带拼音的原文</a>');
  // Only the text inside <main> gets readings (never the <title>, which is outside it).
  const start = html.indexOf('<main');
  const end = html.indexOf('</main>', start);
  if (start < 0 || end < 0) return html;
  // `(?<=>)[^<]+` over html[start, end): a run starts after a '>' of the slice and ends before the next '<'. The
  // page is joined once from its pieces (ruby markup is most of it).
  const parts: string[] = [];
  let copied = 0;
  for (let p = start; ; ) {
    const gt = html.indexOf('>', p);
    if (gt < 0 || gt + 1 >= end) break;
    const from = gt + 1;
    if (html.charCodeAt(from) === 60 /* < */) {
      p = from;
      continue;
    }
    let to = html.indexOf('<', from);
    if (to < 0 || to > end) to = end;
    if (hasHan(html, from, to)) {
      const text = html.slice(from, to);
      const at = parts.length;
      parts.push(html.slice(copied, from));
      // Long runs (prose) go straight into the page's pieces; short ones (labels, repeated) through the cache.
      let changed: boolean;
      if (text.length > MEMO_MAX_CHARS) changed = rubyParts(text, parts);
      else {
        const t = ruby(text);
        changed = t !== text;
        if (changed) parts.push(t);
      }
      if (changed) copied = to;
      else parts.length = at;
    }
    p = to;
  }
  if (copied === 0) return html;
  parts.push(html.slice(copied));
  return parts.join('');
}
