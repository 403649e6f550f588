// Splits the Markdown body at its level-2 headings, which must be the six official headings in order.
import type { Token } from 'markdown-it';
import type { SectionDef } from '../formats/index.ts';
import type { Section } from '../model/types.ts';
import { markdown } from '../render/markdown.ts';
import type { Diagnostics } from './diagnostics.ts';

/** markdown-it's core rules after `block` that only touch the children of inline tokens. */
const INLINE_RULES = new Set(['inline', 'linkify', 'replacements', 'smartquotes', 'text_join']);

/**
 * The block tokens of `body`, as `markdown.parse` gives them: headings, their lines (`map`) and their text (the
 * `content` of the inline token that follows) come from the block parser alone, so the inline pass is skipped —
 * unless a plugin added a core rule of its own, when the full parse runs.
 */
function blockTokens(body: string): Token[] {
  const rules = (markdown.core.ruler as unknown as { __rules__?: Array<{ name: string; enabled: boolean }> }).__rules__;
  const active = rules?.filter((r) => r.enabled).map((r) => r.name);
  if (!active || active[0] !== 'normalize' || active[1] !== 'block' || !active.slice(2).every((n) => INLINE_RULES.has(n))) return markdown.parse(body, {});
  // markdown-it's `normalize` core rule.
  const src = body.replace(/\r\n?|\n/g, '\n').replace(/\0/g, '\uFFFD');
  const tokens: Token[] = [];
  markdown.block.parse(src, markdown, {}, tokens);
  return tokens;
}

/**
 * A section's `html`, rendered from its Markdown when it is read (a report page renders it once), not when the
 * report is loaded: `nianbao check` never needs it, and a build does not keep every report's HTML in memory at
 * once. One accessor serves every section (no closure per section); it is an own enumerable property, so
 * spreading or serialising a section still includes the HTML, and assigning one replaces it with a plain value.
 */
const HTML: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: Section): string {
    return this.markdown ? markdown.render(this.markdown) : '';
  },
  set(this: Section, value: string) {
    Object.defineProperty(this, 'html', { value, enumerable: true, configurable: true, writable: true });
  },
};

function section(number: number, heading: string, src: string, line: number, markdownLine: number): Section {
  // Built in the key order of a literal, the accessor added as a new property: V8 keeps such objects in its fast,
  // compact form (turning an existing data property into an accessor would not).
  const s = { number, heading, markdown: src } as Section;
  Object.defineProperty(s, 'html', HTML);
  s.line = line;
  s.markdownLine = markdownLine;
  return s;
}

export function readSections(body: string, bodyLine: number, defs: readonly SectionDef[], diags: Diagnostics): Section[] {
  const tokens = blockTokens(body);
  const lines = body.split('\n');
  const found: Array<{ text: string; line: number; start: number; end: number }> = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type !== 'heading_open' || !t.map) continue;
    const text = tokens[i + 1]!.content.trim();
    if (t.tag === 'h1') {
      diags.error({ line: bodyLine + t.map[0], col: 1 }, 'SECTION', `正文中不要使用一级标题「${text}」`, '报告标题写在「标题」字段；六个部分用二级标题（## 一、总体情况）');
    } else if (t.tag === 'h2') {
      found.push({ text, line: bodyLine + t.map[0], start: t.map[0], end: t.map[1] });
    }
  }
  const first = found[0]?.start ?? lines.length;
  const preamble = lines.slice(0, first).join('\n').trim();
  if (preamble) {
    const at = lines.findIndex((l) => l.trim() !== '');
    diags.error({ line: bodyLine + at, col: 1 }, 'SECTION', '第一个部分标题之前不应有正文', `正文从「## ${defs[0]!.heading}」开始`);
  }
  const sections: Section[] = [];
  const headings = defs.map((d) => d.heading).join(' / ');
  const missing = (def: SectionDef, line: number) =>
    diags.error({ line, col: 1 }, 'SECTION', `缺少部分标题「${def.heading}」`, `在这里加上一行「## ${def.heading}」；六个部分须使用官方标题并按顺序排列：${headings}`);
  // Match headings in order; a reworded heading stands for the section expected at its place.
  let k = 0;
  found.forEach((h, i) => {
    const j = defs.findIndex((d) => d.heading === h.text);
    let def: SectionDef | undefined;
    if (j >= k) {
      for (; k < j; k++) missing(defs[k]!, h.line);
      def = defs[j];
      k = j + 1;
    } else if (j >= 0) {
      diags.error({ line: h.line, col: 1 }, 'SECTION', `部分标题「${h.text}」重复或顺序不对`, `六个部分须按顺序排列：${headings}`);
    } else if (k < defs.length) {
      diags.error({ line: h.line, col: 1 }, 'SECTION', `部分标题「${h.text}」不是官方标题，应为「${defs[k]!.heading}」`, `标题须与官方格式一字不差；小标题请用三级标题（### ）`);
      k++;
    } else {
      diags.error({ line: h.line, col: 1 }, 'SECTION', `多余的部分标题「${h.text}」`, '报告只有六个部分；小标题请用三级标题（### （一）主动公开）');
    }
    if (!def) return;
    const until = found[i + 1]?.start ?? lines.length;
    let from = h.end;
    while (from < until && lines[from]!.trim() === '') from++;
    const src = lines.slice(from, until).join('\n').trim();
    sections.push(section(def.number, def.heading, src, h.line, bodyLine + from));
  });
  for (; k < defs.length; k++) missing(defs[k]!, bodyLine + lines.length - 1);
  return sections.length === defs.length ? sections : [];
}

