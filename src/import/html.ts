// Reads a saved HTML page into the neutral document form (document.ts): text lines in reading order, data tables
// as grids with rowspan/colspan expanded, images as markers. Nothing is decided here about what is report and
// what is chrome beyond marking blocks that sit inside navigation, headers, footers and the like; the caller
// decides with the section headings in hand. Ruby annotations (<rt>, <rp>) are dropped structurally.
import { load } from 'cheerio';
import type { Block, Grid, GridCell, RawDocument } from './document.ts';

/** The parts of a parsed node that we read (domhandler's nodes, typed structurally). */
interface Node {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: Node[];
}

const SKIP = new Set([
  'head', 'script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'svg', 'canvas', 'math', 'button',
  'select', 'option', 'input', 'textarea', 'rt', 'rp', 'map', 'area', 'audio', 'video', 'source', 'link', 'meta', 'title',
]);

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'center', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li',
  'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'ul', 'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr',
  'td', 'th', 'html',
]);

const HEADING = /^h[1-6]$/;
const CHROME_TAGS = new Set(['nav', 'header', 'footer', 'aside', 'form']);
const CHROME_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'search', 'complementary']);
// Class and id words that gov.cn templates use for site chrome (当前位置, share bars, print/close links, …).
const CHROME_WORDS =
  /(^|[\s_-])(nav|navbar|menu|breadcrumbs?|crumbs?|header|footer|foot|copyright|share|bdshare|sidebar|toolbar|print|related|pager|location|position|weizhi|dqwz|banner|friendlink|qrcode|ewm)([\s_-]|$)/i;

function isChrome(el: Node): boolean {
  if (CHROME_TAGS.has(el.name!)) return true;
  const a = el.attribs ?? {};
  if (a.role && CHROME_ROLES.has(a.role.toLowerCase())) return true;
  return CHROME_WORDS.test(a.class ?? '') || CHROME_WORDS.test(a.id ?? '');
}

const HIDDEN_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;
const isHidden = (el: Node): boolean => 'hidden' in (el.attribs ?? {}) || HIDDEN_STYLE.test(el.attribs?.style ?? '');

/** Collapses HTML whitespace; removes spaces that source line breaks left between Chinese characters. */
export function collapse(s: string): string {
  return s
    .replace(/[\t\n\r\f ]+/g, ' ')
    .replace(/(?<=[\p{Script=Han}\u3000-\u303f\uff00-\uffef])[ \u00a0]+(?=[\p{Script=Han}\u3000-\u303f\uff00-\uffef])/gu, '')
    .replace(/^[ \u00a0\u3000]+|[ \u00a0\u3000]+$/g, '');
}

/** The text of a subtree as one line (table cells, titles). */
function textOf(node: Node): string {
  let out = '';
  const walk = (n: Node) => {
    if (n.type === 'text') out += n.data ?? '';
    else if (n.type === 'tag' || n.type === 'root') {
      if (SKIP.has(n.name ?? '')) return;
      if (n.name === 'br' || (n.name && BLOCK.has(n.name))) out += ' ';
      for (const c of n.children ?? []) walk(c);
      if (n.name && BLOCK.has(n.name)) out += ' ';
    }
  };
  walk(node);
  return collapse(out);
}

const childrenOf = (n: Node, name: string): Node[] => (n.children ?? []).filter((c) => c.type === 'tag' && c.name === name);

/** All rows of a table, not those of tables nested in it. */
function rowsOf(table: Node): Node[] {
  const rows: Node[] = [];
  const walk = (n: Node) => {
    for (const c of n.children ?? []) {
      if (c.type !== 'tag') continue;
      if (c.name === 'tr') rows.push(c);
      else if (c.name === 'thead' || c.name === 'tbody' || c.name === 'tfoot') walk(c);
    }
  };
  walk(table);
  return rows;
}

const hasNestedTable = (n: Node): boolean => (n.children ?? []).some((c) => c.type === 'tag' && (c.name === 'table' || hasNestedTable(c)));

/** Longest cell text above which a table is taken as page layout rather than data. */
const MAX_DATA_CELL = 200;

const span = (v: string | undefined, max: number): number => {
  const n = Number.parseInt(v ?? '1', 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, max) : 1;
};

let nextCellId = 0;

/** A data table as a grid: each merged cell is repeated at every position it covers. Undefined for layout tables. */
function gridOf(table: Node): Grid | undefined {
  if (hasNestedTable(table)) return undefined;
  const trs = rowsOf(table);
  if (trs.length === 0) return undefined;
  const rows: GridCell[][] = [];
  trs.forEach((tr, r) => {
    rows[r] ??= [];
    let col = 0;
    for (const td of (tr.children ?? []).filter((c) => c.type === 'tag' && (c.name === 'td' || c.name === 'th'))) {
      while (rows[r]![col]) col++;
      const cell: GridCell = { id: nextCellId++, text: textOf(td) };
      if (cell.text.length > MAX_DATA_CELL) return;
      const rs = span(td.attribs?.rowspan, trs.length - r);
      const cs = span(td.attribs?.colspan, 100);
      for (let i = 0; i < rs; i++) {
        rows[r + i] ??= [];
        for (let j = 0; j < cs; j++) rows[r + i]![col + j] = cell;
      }
      col += cs;
    }
  });
  if (rows.some((row) => row.some((c) => c && c.text.length > MAX_DATA_CELL))) return undefined;
  // Ragged rows: fill holes with empty cells so that every row is dense.
  const width = Math.max(...rows.map((row) => row.length));
  for (const row of rows) for (let c = 0; c < width; c++) row[c] ??= { id: nextCellId++, text: '' };
  return { rows, spans: true };
}

/** Parses a page. Blocks inside chrome elements are kept but marked, so that the caller can decide. */
export function htmlToDocument(html: string): RawDocument {
  const $ = load(html);
  const metaTags: Record<string, string> = {};
  $('meta[name][content]').each((_, el) => {
    const name = $(el).attr('name')!.trim();
    const content = collapse($(el).attr('content') ?? '');
    if (name && content && !(name in metaTags)) metaTags[name] = content;
  });
  const titles: string[] = [];
  if (metaTags.ArticleTitle) titles.push(metaTags.ArticleTitle);
  $('h1').each((_, el) => void titles.push(textOf(el as unknown as Node)));
  const pageTitle = collapse($('title').first().text());
  if (pageTitle) titles.push(pageTitle);

  const blocks: Block[] = [];
  let line = '';
  let linePath: number[] = [];
  let lineChrome: string | undefined;
  let lineHeading = false;
  const flush = () => {
    const t = collapse(line);
    if (t) blocks.push({ kind: 'text', text: t, path: linePath, chrome: lineChrome, ...(lineHeading ? { heading: true } : {}) });
    line = '';
  };

  const walk = (n: Node, path: number[], chrome: string | undefined, heading: boolean) => {
    (n.children ?? []).forEach((c, i) => {
      if (c.type === 'text') {
        if (!line) {
          linePath = path;
          lineChrome = chrome;
          lineHeading = heading;
        }
        line += c.data ?? '';
        return;
      }
      if (c.type !== 'tag') return;
      const name = c.name!;
      if (SKIP.has(name) || isHidden(c)) return;
      const p = [...path, i];
      const ch = chrome ?? (isChrome(c) ? p.join('.') : undefined);
      if (name === 'br') {
        flush();
        return;
      }
      if (name === 'img') {
        blocks.push({ kind: 'image', path: p, chrome: ch });
        return;
      }
      if (name === 'table') {
        const grid = gridOf(c);
        flush();
        if (grid) blocks.push({ kind: 'table', grid, path: p, chrome: ch });
        else walk(c, p, ch, heading);
        flush();
        return;
      }
      if (BLOCK.has(name)) {
        flush();
        walk(c, p, ch, heading || HEADING.test(name));
        flush();
        return;
      }
      walk(c, path, ch, heading);
    });
  };
  const body = ($('body')[0] ?? $.root()[0]) as unknown as Node;
  walk(body, [], undefined, false);
  flush();
  return { kind: 'html', blocks, titles, metaTags };
}

/** A rough test for HTML content (a saved page may have any extension). */
export const looksLikeHtml = (text: string): boolean => /<(?:!doctype\s+html|html|head|body|p|div|table|br)[\s>/]/i.test(text.slice(0, 20_000));
