// Finds the six sections of a report by their headings. The official headings come from the format; a page's
// heading stands for one when its number agrees and its words are close enough (总体工作情况 for 总体情况,
// 主动公开情况 for 主动公开政府信息情况), or, unnumbered, when its words are nearly the same. Sub-heads numbered
// （一） never count, and sections are looked for in order, so a list in the prose cannot pass for a heading.
import type { SectionDef } from '../formats/index.ts';
import type { Block } from './document.ts';
import { parseLabel, similarity } from './labels.ts';

/** Heading-like: short, one line, no sentence inside. */
function headingLike(text: string, core: string): boolean {
  return [...core].length <= 30 && [...text].length <= 50 && !/[。；;！!？?]./u.test(text);
}

/**
 * How well a line stands for an official section heading, 0…1 (0 = not at all). `later` asks for a stricter
 * match, for a heading found beyond the next expected one (a skipped section).
 */
export function headingScore(text: string, def: SectionDef, later = false): number {
  const line = parseLabel(text);
  const official = parseLabel(def.heading);
  if (!line.core || !headingLike(text, line.core)) return 0;
  const sim = line.core === official.core ? 1 : similarity(line.core, official.core);
  const number = official.numbering?.value;
  if (!line.numbering) return sim >= 0.8 ? sim : 0;
  if (line.numbering.value !== number) return 0;
  if (line.numbering.kind === 'paren') return 0;
  const threshold = line.numbering.kind === 'arabic' ? 0.6 : later ? 0.6 : 0.35;
  return sim >= threshold ? sim : 0;
}

/** The text a block offers as a heading: its own text, or the single label of a table's first row (caption row). */
function headingText(b: Block): string | undefined {
  if (b.kind === 'text') return b.text;
  if (b.kind === 'table') {
    const first = b.grid.rows[0];
    if (!first) return undefined;
    const ids = new Set(first.filter((c) => c.text).map((c) => c.id));
    if (ids.size === 1) return first.find((c) => c.text)!.text;
  }
  return undefined;
}

export interface HeadingHit {
  /** Section number, 1–6. */
  number: number;
  /** Index of the block holding the heading. */
  block: number;
  /** The heading as the page wrote it. */
  text: string;
  /** True when the heading is the caption row of a table (the table itself belongs to the section). */
  inTable: boolean;
}

/** Section headings in order; `usable` filters the blocks that may hold one. */
export function findHeadings(blocks: readonly Block[], defs: readonly SectionDef[], usable: (b: Block) => boolean = () => true): HeadingHit[] {
  const hits: HeadingHit[] = [];
  let k = 0;
  blocks.forEach((b, i) => {
    if (k >= defs.length || !usable(b)) return;
    const text = headingText(b);
    if (!text) return;
    for (let j = k; j < defs.length; j++) {
      if (headingScore(text, defs[j]!, j > k) > 0) {
        hits.push({ number: defs[j]!.number, block: i, text, inTable: b.kind === 'table' });
        k = j + 1;
        return;
      }
    }
  });
  return hits;
}

// Lines that only site chrome carries: copyright notices, filing numbers, print/close links, share bars, and the
// scrape artefact of an obfuscated e-mail address. A report never ends with these.
const STRONG_CHROME = [
  /^凡本网/,
  /本网注明/,
  /版权所有|版权归|Copyright|©/i,
  /ICP备|公网安备|网站标识码|网站识别码/,
  /^(主办单位|承办单位|主办|承办|技术支持|运维单位)[:：]/,
  /^(\s*[【[]?(打印本页|打印|关闭窗口|关闭|返回顶部|收藏本页|收藏|分享)[】\]]?\s*)+$/,
  /^(分享到|扫一扫)/,
  /^(上一篇|下一篇|相关链接|相关文章|相关阅读|责任编辑|访问量|浏览次数|阅读次数|字号)([:：]|$)/,
  /\[email(?:&#160;|\u00a0| )protected\]/,
];

export const isChromeLine = (text: string): boolean => STRONG_CHROME.some((re) => re.test(text.normalize('NFKC')));
