// The level-1 and level-2 headings of a report's Markdown body, as markdown-it's block parser finds them. Report
// prose is mostly plain paragraphs and `#` headings; for such a body the headings are read off the lines
// directly, and any body with another block construct (or anything this reader is unsure of) goes to markdown-it.
// tests/unit/fast-paths.test.ts compares the two on the bundled, generated and mutated bodies.
import type { Token } from 'markdown-it';
import { markdownNow } from './markdown-ref.ts';

export interface Heading {
  level: 1 | 2;
  /** 0-based line of the heading in the body, and the line after it. */
  line: number;
  end: number;
  /** The heading's text, trimmed. */
  text: string;
}

/** markdown-it's core rules after `block` that only touch the children of inline tokens. */
const INLINE_RULES = new Set(['inline', 'linkify', 'replacements', 'smartquotes', 'text_join']);

/**
 * The block tokens of `body`, as `markdown.parse` gives them: headings, their lines (`map`) and their text (the
 * `content` of the inline token that follows) come from the block parser alone, so the inline pass is skipped —
 * unless a plugin added a core rule of its own, when the full parse runs.
 */
function blockTokens(body: string): Token[] {
  const markdown = markdownNow();
  const rules = (markdown.core.ruler as unknown as { __rules__?: Array<{ name: string; enabled: boolean }> }).__rules__;
  const active = rules?.filter((r) => r.enabled).map((r) => r.name);
  if (!active || active[0] !== 'normalize' || active[1] !== 'block' || !active.slice(2).every((n) => INLINE_RULES.has(n))) return markdown.parse(body, {});
  // markdown-it's `normalize` core rule.
  const src = body.replace(/\r\n?|\n/g, '\n').replace(/\0/g, '\uFFFD');
  const tokens: Token[] = [];
  markdown.block.parse(src, markdown, {}, tokens);
  return tokens;
}

/** The headings markdown-it finds (at any depth: in a list or a quote too); MarkdownNotLoaded before it is loaded. */
export function markdownHeadings(body: string): Heading[] {
  const tokens = blockTokens(body);
  const out: Heading[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type !== 'heading_open' || !t.map || (t.tag !== 'h1' && t.tag !== 'h2')) continue;
    out.push({ level: t.tag === 'h1' ? 1 : 2, line: t.map[0], end: t.map[1], text: tokens[i + 1]!.content.trim() });
  }
  return out;
}

/**
 * First characters of a line that may start something other than a paragraph or an ATX heading: quotes, lists,
 * rules, setext underlines, fences, HTML, link references, tables.
 */
const BLOCK_START = new Set([...'>-*+_=`~<[|:'].map((c) => c.charCodeAt(0)));
const ORDERED_ITEM = /^\d{1,9}[.)]/;

const isSpace = (c: number) => c === 32 || c === 9;

/**
 * The headings of a body made only of paragraphs, ATX headings and blank lines — no line indented, none starting
 * like another block, no table pipes — read line by line with markdown-it's heading rule; undefined otherwise.
 */
export function plainHeadings(body: string): Heading[] | undefined {
  if (body.includes('\r') || body.includes('\0')) return undefined;
  const out: Heading[] = [];
  for (let from = 0, line = 0; from <= body.length; line++) {
    let to = body.indexOf('\n', from);
    if (to < 0) to = body.length;
    const c = body.charCodeAt(from);
    if (c === 35 /* # */) {
      const h = atxHeading(body, from, to);
      if (h && h.level <= 2) out.push({ level: h.level as 1 | 2, line, end: line + 1, text: h.text });
    } else if (from < to) {
      if (isSpace(c)) {
        // Only a blank line may start with a space or a tab.
        for (let i = from; i < to; i++) if (!isSpace(body.charCodeAt(i))) return undefined;
      } else if (BLOCK_START.has(c) || (c >= 48 && c <= 57 && ORDERED_ITEM.test(body.slice(from, Math.min(to, from + 11))))) {
        return undefined;
      }
      const pipe = body.indexOf('|', from);
      if (pipe >= 0 && pipe < to) return undefined;
    }
    from = to + 1;
  }
  return out;
}

/** markdown-it's ATX heading rule (rules_block/heading) on the line [pos, max) that starts with #. */
function atxHeading(src: string, pos: number, max: number): { level: number; text: string } | undefined {
  let level = 1;
  let ch = src.charCodeAt(++pos);
  while (ch === 35 && pos < max && level <= 6) {
    level++;
    ch = src.charCodeAt(++pos);
  }
  if (level > 6 || (pos < max && !isSpace(ch))) return undefined;
  // Cut a closing sequence of #, with the spaces around it.
  while (max > pos && isSpace(src.charCodeAt(max - 1))) max--;
  let tmp = max;
  while (tmp > pos && src.charCodeAt(tmp - 1) === 35) tmp--;
  if (tmp > pos && isSpace(src.charCodeAt(tmp - 1))) max = tmp;
  // markdown-it trims ASCII spaces; the caller's trim() takes those and every other space.
  return { level, text: src.slice(pos, max).trim() };
}

/** The level-1 and level-2 headings of `body`, in order. */
export const headingsOf = (body: string): Heading[] => plainHeadings(body) ?? markdownHeadings(body);
