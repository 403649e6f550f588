// Splits the Markdown body at its level-2 headings, which must be the six official headings in order.
import type { SectionDef } from '../formats/index.ts';
import type { Section } from '../model/types.ts';
import { markdown } from '../render/markdown.ts';
import type { Diagnostics } from './diagnostics.ts';

export function readSections(body: string, bodyLine: number, defs: readonly SectionDef[], diags: Diagnostics): Section[] {
  const tokens = markdown.parse(body, {});
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
    sections.push({ number: def.number, heading: def.heading, markdown: src, html: src ? markdown.render(src) : '', line: h.line, markdownLine: bodyLine + from });
  });
  for (; k < defs.length; k++) missing(defs[k]!, bodyLine + lines.length - 1);
  return sections.length === defs.length ? sections : [];
}

