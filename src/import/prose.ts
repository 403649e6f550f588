// Writes the prose of one section as Markdown: one paragraph per line of the page, short numbered lines
// ("（一）主动公开") and HTML headings as level-3 sub-heads, ordinary (non-statistics) tables as Markdown tables.
// Text is escaped so that markdown-it prints it as written: a page's "1. " or "*" must not turn into a list or
// emphasis.
import type { Block, Grid } from './document.ts';

/** Escapes what markdown-it would read as markup inside a line. */
export function escapeInline(s: string): string {
  return s.replace(/[\\`*_[\]<~]/g, '\\$&').replace(/&(?=#?[0-9A-Za-z]+;)/g, '\\&');
}

/** Escapes a whole paragraph line: inline markup plus what would start a block (heading, quote, list, rule). */
export function escapeLine(s: string): string {
  let t = escapeInline(s);
  if (/^(#{1,6}(\s|$)|>|[-+](\s|$)|=+\s*$|-+\s*$|\|)/.test(t)) t = `\\${t}`;
  t = t.replace(/^(\d{1,9})([.)])(\s|$)/, '$1\\$2$3');
  return t;
}

/** A short line that numbers a sub-head: （一）主动公开, (二)依申请公开. */
const SUBHEAD = /^[（(][一二三四五六七八九十]+[）)]\S/u;
export const isSubhead = (text: string): boolean => SUBHEAD.test(text) && [...text].length <= 30 && !/[。；;，,：:]/.test(text);

function markdownTable(grid: Grid): string {
  const cell = (s: string) => escapeInline(s).replace(/\|/g, '\\|');
  const rows = grid.rows.map((row) => {
    const seen = new Set<number>();
    // A merged cell is written once, at its first position; the positions it covers stay blank.
    return row.map((c) => (seen.has(c.id) ? '' : (seen.add(c.id), cell(c.text))));
  });
  // Cells repeated down a rowspan: blank below the first row.
  for (let r = grid.rows.length - 1; r > 0; r--) {
    grid.rows[r]!.forEach((c, i) => {
      if (grid.rows[r - 1]![i]?.id === c.id) rows[r]![i] = '';
    });
  }
  const width = Math.max(...rows.map((r) => r.length));
  const line = (cells: string[]) => `| ${Array.from({ length: width }, (_, i) => cells[i] ?? '').join(' | ')} |`;
  return [line(rows[0]!), line(Array(width).fill('---')), ...rows.slice(1).map(line)].join('\n');
}

export interface ProseResult {
  markdown: string;
  /** Ordinary tables written into the prose. */
  tables: number;
  images: number;
}

/** The Markdown of a section's blocks; `skip` leaves out blocks used elsewhere (statistics tables). */
export function blocksToMarkdown(blocks: readonly Block[], skip: (b: Block) => boolean): ProseResult {
  const parts: string[] = [];
  let tables = 0;
  let images = 0;
  for (const b of blocks) {
    if (skip(b)) continue;
    if (b.kind === 'image') images++;
    else if (b.kind === 'table') {
      if (b.grid.rows.length && b.grid.rows.some((r) => r.some((c) => c.text))) {
        parts.push(markdownTable(b.grid));
        tables++;
      }
    } else if (b.text) {
      parts.push((b.heading && [...b.text].length <= 40) || isSubhead(b.text) ? `### ${escapeInline(b.text)}` : escapeLine(b.text));
    }
  }
  return { markdown: parts.join('\n\n'), tables, images };
}
