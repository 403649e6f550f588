// Splits the Markdown body at its level-2 headings, which must be the six official headings in order.
import type { SectionDef } from '../formats/index.ts';
import type { Section } from '../model/types.ts';
import type { Diagnostics } from './diagnostics.ts';
import { headingsOf } from './headings.ts';
import { markdownNow } from './markdown-ref.ts';
import { ownString } from '../util/flat-string.ts';

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
    return this.markdown ? markdownNow().render(this.markdown) : '';
  },
  set(this: Section, value: string) {
    Object.defineProperty(this, 'html', { value, enumerable: true, configurable: true, writable: true });
  },
};

function section(number: number, heading: string, src: string, line: number, markdownLine: number): Section {
  // Built in the key order of a literal, the accessor added as a new property: V8 keeps such objects in its fast,
  // compact form (turning an existing data property into an accessor would not).
  // Copied: a slice would keep the whole source file's text (data and all) for as long as the report is loaded.
  const s = { number, heading, markdown: ownString(src) } as Section;
  Object.defineProperty(s, 'html', HTML);
  s.line = line;
  s.markdownLine = markdownLine;
  return s;
}

const headingsText = (defs: readonly SectionDef[]) => defs.map((d) => d.heading).join(' / ');

function missing(diags: Diagnostics, defs: readonly SectionDef[], def: SectionDef, line: number): void {
  diags.error({ line, col: 1 }, 'SECTION', `缺少部分标题「${def.heading}」`, `在这里加上一行「## ${def.heading}」；六个部分须使用官方标题并按顺序排列：${headingsText(defs)}`);
}

/** Where each line of `text` starts, and where a line after the last would start (text.length + 1). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  starts.push(text.length + 1);
  return starts;
}

/** Lines [a, b) of `text` joined with line breaks: the text between them (no array of lines is made). */
const linesText = (text: string, starts: readonly number[], a: number, b: number): string => (a < b ? text.slice(starts[a], starts[b]! - 1) : '');

export function readSections(body: string, bodyLine: number, defs: readonly SectionDef[], diags: Diagnostics): Section[] {
  const starts = lineStarts(body);
  const lineCount = starts.length - 1;
  const found: Array<{ text: string; line: number; start: number; end: number }> = [];
  for (const h of headingsOf(body)) {
    if (h.level === 1) {
      diags.error({ line: bodyLine + h.line, col: 1 }, 'SECTION', `正文中不要使用一级标题「${h.text}」`, '报告标题写在「标题」字段；六个部分用二级标题（## 一、总体情况）');
    } else {
      found.push({ text: h.text, line: bodyLine + h.line, start: h.line, end: h.end });
    }
  }
  const first = found[0]?.start ?? lineCount;
  if (linesText(body, starts, 0, first).trim()) {
    const at = body.split('\n').findIndex((l) => l.trim() !== '');
    diags.error({ line: bodyLine + at, col: 1 }, 'SECTION', '第一个部分标题之前不应有正文', `正文从「## ${defs[0]!.heading}」开始`);
  }
  const sections: Section[] = [];

  // Match headings in order; a reworded heading stands for the section expected at its place.
  let k = 0;
  for (let i = 0; i < found.length; i++) {
    const h = found[i]!;
    const j = defs.findIndex((d) => d.heading === h.text);
    let def: SectionDef | undefined;
    if (j >= k) {
      for (; k < j; k++) missing(diags, defs, defs[k]!, h.line);
      def = defs[j];
      k = j + 1;
    } else if (j >= 0) {
      diags.error({ line: h.line, col: 1 }, 'SECTION', `部分标题「${h.text}」重复或顺序不对`, `六个部分须按顺序排列：${headingsText(defs)}`);
    } else if (k < defs.length) {
      diags.error({ line: h.line, col: 1 }, 'SECTION', `部分标题「${h.text}」不是官方标题，应为「${defs[k]!.heading}」`, `标题须与官方格式一字不差；小标题请用三级标题（### ）`);
      k++;
    } else {
      diags.error({ line: h.line, col: 1 }, 'SECTION', `多余的部分标题「${h.text}」`, '报告只有六个部分；小标题请用三级标题（### （一）主动公开）');
    }
    if (!def) continue;
    const until = found[i + 1]?.start ?? lineCount;
    let from = h.end;
    while (from < until && linesText(body, starts, from, from + 1).trim() === '') from++;
    sections.push(section(def.number, def.heading, linesText(body, starts, from, until).trim(), h.line, bodyLine + from));
  }
  for (; k < defs.length; k++) missing(diags, defs, defs[k]!, bodyLine + lineCount - 1);
  return sections.length === defs.length ? sections : [];
}
