// The loader's fast paths give exactly what the straightforward code gives: the plain-YAML reader against js-yaml
// with the event walk (values, key order, every position), and the shingle tables of the SAME check against sets
// of 8-character strings. Inputs: the bundled reports, the demo generator's output, and deterministic mutations of
// both (placeholders, indicators, quotes, odd spaces, indentation, comments, duplicated and dropped lines).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copiedShare } from '../../src/check/similarity.ts';
import { demoFiles } from '../../src/demo/generate.ts';
import { splitFrontMatter } from '../../src/load/source.ts';
import { loadPlainYaml } from '../../src/load/yaml-plain.ts';
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

function mutate(text: string, next: () => number): string {
  const lines = text.split('\n');
  const pick = <T,>(a: readonly T[]): T => a[Math.floor(next() * a.length)]!;
  for (let m = 1 + Math.floor(next() * 3); m > 0; m--) {
    const i = Math.floor(next() * lines.length);
    const l = lines[i]!;
    const r = next();
    if (r < 0.5) {
      const at = Math.floor(next() * (l.length + 1));
      lines[i] = l.slice(0, at) + pick(BITS) + l.slice(at);
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

  it('leaves to js-yaml what it does not handle', () => {
    for (const text of ['a: &x 1\nb: *x\n', 'a:\n  - 1\n', 'a: { b: 1 }\n', "a: 'x'\n", 'a: "x\\ty"\n', 'a:\n', 'a: 1\na: 2\n', '__proto__: 1\n', 'a:\tb\n', 'a: |\n  x\n', 'a: b\n  c\n', 'a: [1,\n  2]\n', 'true: 1\n', '1: 1\n', '- 1\n', 'x\n', '', '# only a comment\n', 'a: [1, , 2]\n', 'a: [-]\n', 'a: -\n', 'a: [1, 2] x\n']) {
      expect(loadPlainYaml(text), JSON.stringify(text)).toBeUndefined();
    }
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
  it('give the share that sets of 8-character strings give', () => {
    const bodies = yamlSources()
      .map((s) => s.body)
      .filter((b): b is string => b !== undefined)
      .slice(0, 120);
    const junk = ['１２', '①', '😀', '𝟘', '\u3000', '，', '。', '½', 'ﬁ', 'Ⅻ', '\uD800', '\uDC00', '¥', '—', '12', '3.5', 'ｱ', '\u200b', '𠀀', '\n', '\t'];
    const next = rng(7);
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
        expect(copiedShare(a, b)).toBe(referenceShare(a, b));
      }
    }
  });
});
