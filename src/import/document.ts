// The neutral form of an imported page: a flat list of text lines, tables (as grids with merged cells expanded)
// and image markers, in reading order, plus what the page says about itself (title candidates, meta tags). Both
// HTML pages and plain-text copies are read into this form; everything after works on it.
import { cleanScrapedText } from '../text/clean.ts';
import { stripGluedPinyin } from '../text/pinyin-strip.ts';
import { toSimplified } from '../text/script.ts';

/** One cell of the source table. A merged cell appears at every grid position it covers, with the same id. */
export interface GridCell {
  id: number;
  text: string;
}

export interface Grid {
  rows: GridCell[][];
  /** True when the grid came from HTML with rowspan/colspan, so that header cells line up with value cells. */
  spans: boolean;
}

interface BlockBase {
  /** Position of the nearest block element in the page (child indices from the root); [] for plain text. */
  path: number[];
  /** Set when the block lies inside page chrome (nav, header, footer, …): the path of that chrome element. */
  chrome?: string;
}

export type Block =
  | (BlockBase & { kind: 'text'; text: string; heading?: boolean })
  | (BlockBase & { kind: 'table'; grid: Grid })
  | (BlockBase & { kind: 'image' });

export interface RawDocument {
  kind: 'html' | 'text';
  blocks: Block[];
  /** Title candidates from the page itself (meta ArticleTitle, <title>, <h1>), best first. */
  titles: string[];
  /** <meta name=… content=…> of the page (PubDate, ArticleTitle, ContentSource, …). */
  metaTags: Record<string, string>;
}

export interface CleanReport {
  removedPinyin: number;
  converted: boolean;
  /** Parenthesised Latin left in place because it is not a reading of the character before it, with context. */
  kept: string[];
}

/** Plain text: one block per non-empty line; runs of tab-separated lines (a table copied from a browser) as grids. */
export function textToDocument(text: string): RawDocument {
  const blocks: Block[] = [];
  let grid: Grid | undefined;
  let id = 0;
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (line.includes('\t') && line.trim() !== '') {
      if (!grid) {
        grid = { rows: [], spans: false };
        blocks.push({ kind: 'table', grid, path: [] });
      }
      grid.rows.push(line.split('\t').map((t) => ({ id: id++, text: t.trim() })));
      continue;
    }
    grid = undefined;
    const t = trimLine(line);
    if (t) blocks.push({ kind: 'text', text: t, path: [] });
  }
  return { kind: 'text', blocks, titles: [], metaTags: {} };
}

/** Trims ASCII, no-break and ideographic spaces (Chinese paragraphs are often indented with U+3000). */
export const trimLine = (s: string): string => s.replace(/^[\s\u00a0\u3000\ufeff]+|[\s\u00a0\u3000\ufeff]+$/g, '');

// Joins every piece of text for one cleaning pass (script detection needs the whole text, not one cell).
const SEPARATOR = '\n\uE000\n';

/**
 * Cleans every text of the document with cleanScrapedText in one pass: NFC, glued pinyin removed where it is a
 * reading of the character before it, Traditional → Simplified only if the whole text is Traditional.
 */
export function cleanDocument(doc: RawDocument): { doc: RawDocument; report: CleanReport } {
  const pieces: string[] = [];
  const put = (s: string): number => pieces.push(s.replace(/\uE000/g, '')) - 1;
  const titleIdx = doc.titles.map(put);
  const metaKeys = Object.keys(doc.metaTags);
  const metaIdx = metaKeys.map((k) => put(doc.metaTags[k]!));
  const blockIdx = doc.blocks.map((b) => (b.kind === 'text' ? put(b.text) : b.kind === 'table' ? b.grid.rows.map((r) => r.map((c) => put(c.text))) : -1));

  const joined = pieces.join(SEPARATOR);
  const r = cleanScrapedText(joined);
  let out = r.text.split(SEPARATOR);
  if (out.length !== pieces.length) {
    // Conversion changed a separator (it should not): clean piece by piece with the whole text's verdict.
    out = pieces.map((p) => {
      const s = stripGluedPinyin(p.normalize('NFC').replace(/\r\n?/g, '\n')).text;
      return r.converted ? toSimplified(s) : s;
    });
  }
  const source = joined.normalize('NFC').replace(/\r\n?/g, '\n');
  // Capitalised groups ((PDF), (Wang)) are abbreviations and names; only a lowercase non-reading is suspicious.
  const kept = r.kept
    .filter((k) => k.reason === 'not-a-reading')
    .map((k) => {
      const context = `${source.slice(Math.max(0, k.index - 8), k.index).replace(/\uE000|\n/g, '')}${k.han}${k.annotation}`;
      return r.converted ? toSimplified(context) : context;
    });

  const blocks: Block[] = doc.blocks.map((b, i) => {
    const idx = blockIdx[i]!;
    if (b.kind === 'text') return { ...b, text: trimLine(out[idx as number]!) };
    if (b.kind === 'table') {
      const cells = new Map<number, string>();
      b.grid.rows.forEach((row, ri) => row.forEach((c, ci) => cells.set(c.id, out[(idx as number[][])[ri]![ci]!]!)));
      return { ...b, grid: { ...b.grid, rows: b.grid.rows.map((row) => row.map((c) => ({ id: c.id, text: trimLine(cells.get(c.id)!) }))) } };
    }
    return b;
  });
  const metaTags: Record<string, string> = {};
  metaKeys.forEach((k, i) => (metaTags[k] = trimLine(out[metaIdx[i]!]!)));
  return {
    doc: { ...doc, blocks, titles: titleIdx.map((i) => trimLine(out[i]!)), metaTags },
    report: { removedPinyin: r.removedPinyin, converted: r.converted, kept },
  };
}
