// The loader's fast paths give exactly what the straightforward code gives: the plain-YAML reader against js-yaml
// with the event walk (values, key order, every position), and the shingle tables of the SAME check against sets
// of 8-character strings. Inputs: the bundled reports, the demo generator's output, and deterministic mutations of
// both (placeholders, indicators, quotes, odd spaces, indentation, comments, duplicated and dropped lines).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIGIT, DROP, SIMPLE, copiedShare, sharedShare, sharedShareAtLeast, shingle, type Shingled } from '../../src/check/similarity.ts';
import { demoFiles } from '../../src/demo/generate.ts';
import { splitFrontMatter } from '../../src/load/source.ts';
import { formatForYear, type SectionDef } from '../../src/formats/index.ts';
import { Diagnostics } from '../../src/load/diagnostics.ts';
import { markdownHeadings, plainHeadings } from '../../src/load/headings.ts';
// The loader's core leaves markdown-it out until it is needed (markdown-ref.ts); this hands it over, as site.ts does.
import '../../src/load/markdown.ts';
import { markdownNow } from '../../src/load/markdown-ref.ts';
import { readSections } from '../../src/load/prose.ts';
import { markdown } from '../../src/render/markdown.ts';
import { hasSpecial, loadPlainYaml } from '../../src/load/yaml-plain.ts';
import { loadYamlEvents, type YamlDoc } from '../../src/load/yaml.ts';
import { REPO } from '../helpers/content.ts';
import { mulberry32 } from '../../src/demo/random.ts';

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((f) => {
      const p = path.join(dir, f);
      return statSync(p).isDirectory() ? walk(p) : [p];
    });
}

/** The YAML of every bundled source and of a demo region of 40 offices, with the line it starts on. */
function yamlSources(): Array<{ name: string; text: string; first: number; body?: string }> {
  const out: Array<{ name: string; text: string; first: number; body?: string }> = [];
  const add = (name: string, source: string) => {
    if (name.endsWith('.md')) {
      const s = splitFrontMatter(source);
      out.push({ name, text: s.yaml, first: s.yamlLine, body: s.body });
    } else if (name.endsWith('.yml')) out.push({ name, text: source, first: 1 });
  };
  for (const f of walk(path.join(REPO, 'reports'))) add(path.relative(REPO, f), readFileSync(f, 'utf8').replace(/\r\n?/g, '\n'));
  for (const f of demoFiles({ seed: 7, offices: 40, years: [2019, 2020, 2021, 2022, 2023, 2024, 2025] })) add(f.path, f.text);
  return out;
}

/** A deterministic generator: the demo's own PRNG. */
const rng = mulberry32;

const BITS = [': ', ':', '#', ' #', '"', "'", '[', ']', '-', '- ', '\u3000', ' ', '  ', '&a ', '*a', '!', '|', '>', '{', '}', ',', '?', '%', '@', '`', '~', '\\', '\t', '\r', '0', '-1', '.5', 'true', 'null', '0x1F', '0o7', '.inf', '1e3', '+5', '---', '...', '__proto__', '\u0085', '\u2028', '\uFEFF', '\u00A0', '中', '1.0', '\n', '\n  ', '\n    x: 1', '"a\\"b"', '""'];

/** Markdown block syntax, for the headings reader. */
const MD_BITS = ['# ', '## ', '### ', '#', '##', '#######', ' ##', ' #', '## x ##', '#\t', '\t', '    ', '   ', '```\n', '~~~', '> ', '- ', '* ', '+ ', '1. ', '1) ', '2024.', '12、', '===', '---', '***', '___', '<div>', '[a]: /x', '| a | b |\n|---|---|', '|', ':', '\n', '\n\n', '\r', '\0', '\u3000', '\u00A0', '一、总体情况', '\\'];

function mutate(text: string, next: () => number, bits: readonly string[] = BITS): string {
  const lines = text.split('\n');
  const pick = <T,>(a: readonly T[]): T => a[Math.floor(next() * a.length)]!;
  for (let m = 1 + Math.floor(next() * 3); m > 0; m--) {
    const i = Math.floor(next() * lines.length);
    const l = lines[i]!;
    const r = next();
    if (r < 0.5) {
      const at = Math.floor(next() * (l.length + 1));
      lines[i] = l.slice(0, at) + pick(bits) + l.slice(at);
    } else if (r < 0.65) {
      const at = Math.floor(next() * l.length);
      lines[i] = l.slice(0, at) + l.slice(at + 1 + Math.floor(next() * 3));
    } else if (r < 0.75) lines[i] = (next() < 0.5 ? ' ' : '') + l.replace(/^ /, next() < 0.5 ? '' : ' ');
    else if (r < 0.85) lines.splice(i, 0, l);
    else if (r < 0.92) lines.splice(i, 1);
    else {
      const j = Math.floor(next() * lines.length);
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
    }
  }
  return lines.join('\n');
}

/** Values with their key order, and both position maps with their order. */
const dump = (d: YamlDoc) =>
  JSON.stringify([
    d.value,
    JSON.stringify(d.value, (_, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.entries(v) : v)),
    [...d.values],
    [...d.keys],
  ]);

/** What loadYamlEvents gives, or the error it throws. */
function slow(text: string, first: number): { doc?: YamlDoc; error?: unknown } {
  try {
    return { doc: loadYamlEvents(text, first) };
  } catch (error) {
    return { error };
  }
}

describe('plain-YAML reader', () => {
  const sources = yamlSources();

  it('reads every bundled and generated source itself, exactly as js-yaml with the event walk does', () => {
    for (const s of sources) {
      const fast = loadPlainYaml(s.text, s.first);
      expect(fast, `${s.name} should take the fast path`).toBeDefined();
      expect(dump(fast!), s.name).toBe(dump(loadYamlEvents(s.text, s.first)));
    }
  });

  it('on mutated sources, answers only when js-yaml accepts, and then with the same values and positions', () => {
    const next = rng(2024);
    let fastCases = 0;
    for (const s of sources.filter(() => next() < 0.25)) {
      for (let k = 0; k < 25; k++) {
        const text = mutate(s.text, next);
        const fast = loadPlainYaml(text, s.first);
        if (!fast) continue;
        fastCases++;
        const ref = slow(text, s.first);
        expect(ref.error, `js-yaml refuses what the fast reader accepted:\n${text}`).toBeUndefined();
        expect(dump(fast), text).toBe(dump(ref.doc!));
      }
    }
    expect(fastCases).toBeGreaterThan(300);
  });

  it('hands out a fresh sequence for every occurrence of a remembered line, with its own positions', () => {
    const text = '表:\n  甲: [1, 不适用]\n乙:\n  甲: [1, 不适用]\n';
    const one = loadPlainYaml(text, 2)!;
    const two = loadPlainYaml(text, 2)!;
    const seq = (d: YamlDoc, k: string) => (d.value as Record<string, Record<string, unknown[]>>)[k]!['甲']!;
    expect(seq(one, '表')).toEqual([1, '不适用']);
    expect(seq(one, '表')).not.toBe(seq(one, '乙'));
    expect(seq(one, '表')).not.toBe(seq(two, '表'));
    expect(one.values.itemsOf(seq(one, '表'))).toEqual([{ line: 3, col: 7 }, { line: 3, col: 10 }]);
    expect(one.values.itemsOf(seq(one, '乙'))).toEqual([{ line: 5, col: 7 }, { line: 5, col: 10 }]);
    // Item positions by path, as js-yaml's walk gives them.
    expect(one.values.get('乙\u001f甲\u001f1')).toEqual({ line: 5, col: 10 });
    expect(one.values.get('乙\u001f甲\u001f2')).toBeUndefined();
    expect(one.values.get('乙\u001f甲\u001fx')).toBeUndefined();
    expect([...one.values]).toEqual([...loadYamlEvents(text, 2).values]);
  });

  it('finds the characters it leaves to js-yaml as the expression it replaces does', () => {
    const SPECIAL = /[\x00-\x09\x0B-\x1F\x7F-\x9F\u2028\u2029\uFEFF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;
    const units = ['a', '中', ' ', '\n', '\t', '\r', '\x00', '\x1f', '\x7f', '\x85', '\xa0', '\u2028', '\u2029', '\ufeff', '\ufffe', '\uffff', '\ufffd', '\ud800', '\udbff', '\udc00', '\udfff', '\ud83d\ude00', '\u3000'];
    const next = rng(99);
    for (let n = 0; n < 5000; n++) {
      let text = '';
      for (let k = Math.floor(next() * 6); k > 0; k--) text += units[Math.floor(next() * units.length)];
      expect(hasSpecial(text), JSON.stringify(text)).toBe(SPECIAL.test(text));
    }
  });

  it('leaves to js-yaml what it does not handle', () => {
    for (const text of ['a: &x 1\nb: *x\n', 'a:\n  - 1\n', 'a: { b: 1 }\n', "a: 'x'\n", 'a: "x\\ty"\n', 'a:\n', 'a: 1\na: 2\n', '__proto__: 1\n', 'a:\tb\n', 'a: |\n  x\n', 'a: b\n  c\n', 'a: [1,\n  2]\n', 'true: 1\n', '1: 1\n', '- 1\n', 'x\n', '', '# only a comment\n', 'a: [1, , 2]\n', 'a: [-]\n', 'a: -\n', 'a: [1, 2] x\n']) {
      expect(loadPlainYaml(text), JSON.stringify(text)).toBeUndefined();
    }
  });
});

const markdownRender = (src: string) => (src ? markdown.render(src) : '');

/** readSections as first written: markdown-it's headings, the body split into lines and joined again. */
function referenceSections(body: string, bodyLine: number, defs: readonly SectionDef[], diags: Diagnostics): object[] {
  const lines = body.split('\n');
  const found = markdownHeadings(body).filter((h) => {
    if (h.level === 1) diags.error({ line: bodyLine + h.line, col: 1 }, 'SECTION', `正文中不要使用一级标题「${h.text}」`, '报告标题写在「标题」字段；六个部分用二级标题（## 一、总体情况）');
    return h.level === 2;
  });
  const headings = defs.map((d) => d.heading).join(' / ');
  const missing = (def: SectionDef, line: number) =>
    diags.error({ line, col: 1 }, 'SECTION', `缺少部分标题「${def.heading}」`, `在这里加上一行「## ${def.heading}」；六个部分须使用官方标题并按顺序排列：${headings}`);
  if (lines.slice(0, found[0]?.line ?? lines.length).join('\n').trim()) {
    diags.error({ line: bodyLine + lines.findIndex((l) => l.trim() !== ''), col: 1 }, 'SECTION', '第一个部分标题之前不应有正文', `正文从「## ${defs[0]!.heading}」开始`);
  }
  const sections: object[] = [];
  let k = 0;
  found.forEach((h, i) => {
    const at = bodyLine + h.line;
    const j = defs.findIndex((d) => d.heading === h.text);
    let def: SectionDef | undefined;
    if (j >= k) {
      for (; k < j; k++) missing(defs[k]!, at);
      def = defs[j];
      k = j + 1;
    } else if (j >= 0) diags.error({ line: at, col: 1 }, 'SECTION', `部分标题「${h.text}」重复或顺序不对`, `六个部分须按顺序排列：${headings}`);
    else if (k < defs.length) {
      diags.error({ line: at, col: 1 }, 'SECTION', `部分标题「${h.text}」不是官方标题，应为「${defs[k]!.heading}」`, `标题须与官方格式一字不差；小标题请用三级标题（### ）`);
      k++;
    } else diags.error({ line: at, col: 1 }, 'SECTION', `多余的部分标题「${h.text}」`, '报告只有六个部分；小标题请用三级标题（### （一）主动公开）');
    if (!def) return;
    const until = found[i + 1]?.line ?? lines.length;
    let from = h.end;
    while (from < until && lines[from]!.trim() === '') from++;
    const markdown = lines.slice(from, until).join('\n').trim();
    sections.push({ number: def.number, heading: def.heading, markdown, html: markdownRender(markdown), line: at, markdownLine: bodyLine + from });
  });
  for (; k < defs.length; k++) missing(defs[k]!, bodyLine + lines.length - 1);
  return sections.length === defs.length ? sections : [];
}

describe('plain-Markdown headings', () => {
  const bodies = yamlSources()
    .map((s) => s.body)
    .filter((b): b is string => b !== undefined);

  it('asks the site’s own markdown-it, when it is loaded', () => {
    expect(markdownNow()).toBe(markdown);
  });

  it('reads the headings of every bundled and generated body itself, as markdown-it finds them', () => {
    for (const body of bodies) {
      const fast = plainHeadings(body);
      expect(fast).toBeDefined();
      expect(fast).toEqual(markdownHeadings(body));
    }
  });

  it('on mutated bodies, answers only with the headings markdown-it finds', () => {
    const next = rng(11);
    let fastCases = 0;
    let slowCases = 0;
    for (const body of bodies.filter(() => next() < 0.3)) {
      for (let k = 0; k < 20; k++) {
        const text = mutate(body, next, MD_BITS);
        const fast = plainHeadings(text);
        if (!fast) {
          slowCases++;
          continue;
        }
        fastCases++;
        expect(fast, text).toEqual(markdownHeadings(text));
      }
    }
    expect(fastCases).toBeGreaterThan(300);
    expect(slowCases).toBeGreaterThan(300);
  });

  it('split bodies into the sections the straightforward code gives, with the same diagnostics', () => {
    const defs = formatForYear(2022)!.def.sections;
    const next = rng(12);
    let cases = 0;
    for (const body of bodies.filter(() => next() < 0.2)) {
      for (let k = 0; k < 10; k++) {
        const text = k === 0 ? body : mutate(body, next, MD_BITS);
        const fast = new Diagnostics('x');
        const slow = new Diagnostics('x');
        const got = readSections(text, 7, defs, fast).map((s) => ({ ...s }));
        expect(got, text).toEqual(referenceSections(text, 7, defs, slow));
        expect(fast.items, text).toEqual(slow.items);
        cases++;
      }
    }
    expect(cases).toBeGreaterThan(200);
  });

  it('leaves other block syntax to markdown-it', () => {
    for (const text of ['> ## 一', '- ## 一', '1. 一', '    ## 一', '## 一\n===', '一\n---', '```\n## 一\n```', '<div>\n## 一', '| a |\n|---|', '一\r\n## 二', '[a]: /x', ' ## 一']) {
      expect(plainHeadings(text), JSON.stringify(text)).toBeUndefined();
    }
    expect(plainHeadings('## 一 ##\n#二\n# 三 #\n##\n### 四\n2024年\n')).toEqual([
      { level: 2, line: 0, end: 1, text: '一' },
      { level: 1, line: 2, end: 3, text: '三' },
      { level: 2, line: 3, end: 4, text: '' },
    ]);
  });
});

/** The SAME measure as first written: sets of 8-character strings of the normalised text. */
function referenceShare(text: string, other: string): number | undefined {
  const norm = (t: string) => t.normalize('NFKC').replace(/\d+/g, '0').replace(/[\s\p{P}\p{S}]/gu, '');
  const shingles = (t: string) => {
    const out = new Set<string>();
    for (let i = 0; i + 8 <= t.length; i++) out.add(t.slice(i, i + 8));
    return out;
  };
  const a = norm(text);
  if (a.length < 200) return undefined;
  const mine = shingles(a);
  const theirs = shingles(norm(other));
  let shared = 0;
  for (const s of mine) if (theirs.has(s)) shared++;
  return shared / mine.size;
}

describe('SAME shingles', () => {
  it('normalise the characters of plain prose one by one as String#normalize does', () => {
    const DROPPED = /^[\s\p{P}\p{S}]$/u;
    let simple = 0;
    for (let u = 0; u < 0x10000; u++) {
      if (!SIMPLE[u]) continue;
      simple++;
      const c = String.fromCharCode(u);
      const nfkc = c.normalize('NFKC');
      expect(nfkc.length, u.toString(16)).toBe(1);
      const expected = /\d/.test(nfkc) ? DIGIT : DROPPED.test(nfkc) ? DROP : nfkc.charCodeAt(0);
      expect(SIMPLE[u], u.toString(16)).toBe(expected);
      // Nothing that composes with a neighbour.
      expect(/[\p{M}\u1100-\u11FF\u3130-\u318F\uA960-\uA97F\uD7B0-\uD7FF]/u.test(c + nfkc), u.toString(16)).toBe(false);
    }
    expect(simple).toBeGreaterThan(20_000);
  });

  it('give the share that sets of 8-character strings give', () => {
    const bodies = yamlSources()
      .map((s) => s.body)
      .filter((b): b is string => b !== undefined)
      .slice(0, 120);
    const junk = ['１２', '①', '😀', '𝟘', '\u3000', '，', '。', '½', 'ﬁ', 'Ⅻ', '\uD800', '\uDC00', '¥', '—', '12', '3.5', 'ｱ', '\u200b', '𠀀', '\n', '\t'];
    const next = rng(7);
    let spare: Array<Shingled | undefined> = [];
    for (const [i, body] of bodies.entries()) {
      for (let m = 0; m < 5; m++) {
        let a = body;
        let b = bodies[(i + 1 + m) % bodies.length]!;
        if (m > 0) for (let j = Math.floor(next() * 40); j > 0; j--) {
          const at = Math.floor(next() * a.length);
          a = a.slice(0, at) + junk[Math.floor(next() * junk.length)] + a.slice(at);
        }
        if (m === 2) b = a.replace(/\d/g, '7');
        if (m === 3) a = a.slice(0, 150 + Math.floor(next() * 200));
        if (m === 4) b = a.slice(Math.floor(a.length / 3));
        const ref = referenceShare(a, b);
        expect(copiedShare(a, b)).toBe(ref);
        // The early stop below a threshold: the same share when it reaches the threshold, else nothing.
        for (const min of [0.3, 0.5, 0.7, 1]) expect(sharedShareAtLeast(shingle(a), shingle(b), min)).toBe(ref !== undefined && ref >= min ? ref : undefined);
        // Prepared on the storage of texts prepared before (longer and shorter ones).
        spare = [shingle(a, spare[1]), shingle(b, spare[0])];
        expect(sharedShare(spare[0]!, spare[1]!)).toBe(ref);
      }
    }
  });
});
