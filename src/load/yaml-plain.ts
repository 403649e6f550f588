// A fast reader for the plain YAML that report sources are made of — nested block mappings whose leaves are plain
// or double-quoted scalars on one line, or one-line flow sequences of them — giving exactly what loadStrictYaml
// gives (the same values, built with js-yaml's own CORE scalar resolution, and the same positions), in one pass
// over the lines instead of js-yaml's general parser plus the event walk.
//
// It answers only for text it is sure about and returns undefined for anything else — anchors, tags, block
// sequences, flow mappings, multi-line or single-quoted scalars, escapes, empty values, comments inside a flow
// sequence, tabs, unusual characters, duplicate or forbidden keys, deep nesting — and loadStrictYaml then reads
// the text with js-yaml, which also reports every error. tests/unit/yaml-plain.test.ts compares the two readers
// on the bundled reports, the demo generator's output and mutated sources.
import { CORE_SCHEMA } from 'js-yaml';
import { posAt, type Pos } from './diagnostics.ts';
import type { YamlDoc } from './yaml.ts';

/** Deeper than this (mappings and sequences), leave it to js-yaml, which enforces maxDepth. */
const MAX_PLAIN_DEPTH = 7;
/** js-yaml refuses implicit keys over 1024 characters; stay well below. */
const MAX_KEY = 256;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** What js-yaml refuses anywhere in a stream (its PATTERN_NON_PRINTABLE), and tab, CR, NEL, line separators and BOM. */
const SPECIAL = /[\x00-\x09\x0B-\x1F\x7F-\x9F\u2028\u2029\uFEFF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;
/** Characters that may not start a plain scalar (YAML indicators), or that this reader does not handle at the start. */
const INDICATOR = new Set([...'-?:,[]{}#&*!|>\'"%@`']);
/** Characters this reader does not accept inside a key or a flow item (flow indicators, comments, quotes, colons). */
const KEY_OR_ITEM_AVOID = /[#:,[\]{}"'\\]/;

/** CORE schema resolution of a plain scalar, as js-yaml's constructor does it. */
const resolve = (source: string): unknown => CORE_SCHEMA.resolveImplicitScalarTag(source).value;

/** Marks a key or flow item this reader leaves to js-yaml. */
const REJECT = Symbol('reject');
/**
 * Keys and flow items repeat from report to report (the official labels; 0, 不适用 …): what each one reads as is
 * worked out once. The answers are primitives, so sharing them is safe; the memo stops growing at a bound.
 */
const MEMO_LIMIT = 100_000;
const keyMemo = new Map<string, boolean>();
const itemMemo = new Map<string, unknown>();

/** Whether a key is a plain scalar this reader accepts that resolves to itself. */
function plainKey(key: string): boolean {
  let ok = keyMemo.get(key);
  if (ok === undefined) {
    ok = !(!key || key.length > MAX_KEY || INDICATOR.has(key[0]!) || KEY_OR_ITEM_AVOID.test(key) || key.endsWith(' ') || FORBIDDEN_KEYS.has(key)) && resolve(key) === key;
    if (keyMemo.size < MEMO_LIMIT) keyMemo.set(key, ok);
  }
  return ok;
}

/** The value of a plain flow item, or REJECT. */
function plainItem(item: string): unknown {
  let v = itemMemo.get(item);
  if (v === undefined && !itemMemo.has(item)) {
    v = plainStart(item, true) ? resolve(item) : REJECT;
    if (itemMemo.size < MEMO_LIMIT) itemMemo.set(item, v);
  }
  return v;
}

interface Frame {
  /** Indentation of this mapping's keys; -1 until its first key is seen. */
  indent: number;
  value: Record<string, unknown>;
  pathKey: string;
  depth: number;
}

const childKey = (frame: Frame, k: string | number): string => (frame.depth === 0 ? String(k) : `${frame.pathKey}\u001f${k}`);

/** The end of the content of a line once a trailing ` # comment` and spaces are cut, from `from`. */
function contentEnd(line: string, from: number): number {
  let end = line.length;
  const hash = line.indexOf(' #', from);
  if (hash >= 0) end = hash;
  while (end > from && line.charCodeAt(end - 1) === 32) end--;
  return end;
}

/** Whether `text` (a value, or a flow item when `inFlow`) is a plain scalar this reader accepts. */
function plainStart(text: string, inFlow: boolean): boolean {
  const c = text[0]!;
  if (c === '-') {
    // -8 is a number; a lone "-" or "- x" is a placeholder or a block sequence: js-yaml decides.
    const d = text.charCodeAt(1);
    return (d >= 48 && d <= 57) || d === 46;
  }
  if (INDICATOR.has(c)) return false;
  return !(inFlow && KEY_OR_ITEM_AVOID.test(text));
}

/**
 * The value of a one-line double-quoted scalar without escapes, or undefined. `s` starts with the opening quote and
 * is the rest of the content.
 */
function quoted(s: string): { value: string; end: number } | undefined {
  const close = s.indexOf('"', 1);
  if (close < 0 || s.indexOf('\\') >= 0) return undefined;
  return { value: s.slice(1, close), end: close + 1 };
}

/** Reads `text` if it is plain YAML as described above; undefined otherwise. */
export function loadPlainYaml(text: string, firstLine = 1): YamlDoc | undefined {
  if (SPECIAL.test(text)) return undefined;
  const lines = text.split('\n');
  const values = new Map<string, Pos>();
  const keys = new Map<string, Pos>();
  const root: Frame = { indent: 0, value: {}, pathKey: '', depth: 0 };
  const stack: Frame[] = [root];
  let started = false;
  /** Indentation of the line that held a scalar or sequence value: a deeper line after it is a continuation. */
  let leafIndent = -1;
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li]!;
    let indent = 0;
    while (line.charCodeAt(indent) === 32) indent++;
    if (indent === line.length) continue;
    const first = line.charCodeAt(indent);
    if (leafIndent >= 0 && indent > leafIndent) return undefined;
    if (first === 35 /* # */) continue;
    leafIndent = -1;
    if (indent === 0 && (line.startsWith('---') || line.startsWith('...') || first === 37 /* % */)) return undefined;
    const lineNo = li + firstLine;

    // Find the mapping this key belongs to.
    if (!started) {
      if (indent !== 0) return undefined;
      values.set('', posAt(lineNo, 1));
      started = true;
    }
    while (stack.length > 1 && stack[stack.length - 1]!.indent > indent) stack.pop();
    let frame = stack[stack.length - 1]!;
    if (frame.indent === -1) {
      // The first key of a mapping opened on the line before.
      const parent = stack[stack.length - 2]!;
      if (indent <= parent.indent) return undefined;
      frame.indent = indent;
      values.set(frame.pathKey, posAt(lineNo, indent + 1));
    } else if (frame.indent !== indent) {
      return undefined;
    }

    // The key: a plain scalar that resolves to itself, up to ": " or ":" at the end of the line.
    const colon = line.indexOf(':', indent);
    if (colon < 0) return undefined;
    const key = line.slice(indent, colon);
    if (!plainKey(key) || Object.prototype.hasOwnProperty.call(frame.value, key)) return undefined;
    const after = line.charCodeAt(colon + 1);
    if (!Number.isNaN(after) && after !== 32) return undefined;
    const here = childKey(frame, key);
    keys.set(here, posAt(lineNo, indent + 1));

    let start = colon + 1;
    while (line.charCodeAt(start) === 32) start++;
    const end = contentEnd(line, colon + 1);
    if (start >= end) {
      // "key:" alone: a nested mapping must follow (an empty value is null, which js-yaml reads).
      if (frame.depth + 1 >= MAX_PLAIN_DEPTH) return undefined;
      const child: Frame = { indent: -1, value: {}, pathKey: here, depth: frame.depth + 1 };
      frame.value[key] = child.value;
      stack.push(child);
      continue;
    }
    const rest = line.slice(start, end);
    leafIndent = indent;
    if (rest[0] === '[') {
      if (frame.depth + 2 >= MAX_PLAIN_DEPTH || rest[rest.length - 1] !== ']') return undefined;
      const inner = rest.slice(1, -1);
      if (inner.includes('[') || inner.includes(']') || inner.includes('#')) return undefined;
      values.set(here, posAt(lineNo, start + 1));
      const items: unknown[] = [];
      let at = start + 1;
      let index = 0;
      for (const raw of inner.split(',')) {
        // YAML separates with spaces only (String.prototype.trim would also take U+3000 and the like).
        let lead = 0;
        while (raw.charCodeAt(lead) === 32) lead++;
        let tail = raw.length;
        while (tail > lead && raw.charCodeAt(tail - 1) === 32) tail--;
        const item = raw.slice(lead, tail);
        if (!item) return undefined;
        const itemKey = `${here}\u001f${index++}`;
        if (item[0] === '"') {
          const q = quoted(item);
          if (!q || q.end !== item.length) return undefined;
          items.push(q.value);
        } else {
          const v = plainItem(item);
          if (v === REJECT) return undefined;
          items.push(v);
        }
        values.set(itemKey, posAt(lineNo, at + lead + 1));
        at += raw.length + 1;
      }
      frame.value[key] = items;
      continue;
    }
    if (rest[0] === '"') {
      const q = quoted(rest);
      if (!q || q.end !== rest.length) return undefined;
      values.set(here, posAt(lineNo, start + 1));
      frame.value[key] = q.value;
      continue;
    }
    if (!plainStart(rest, false) || rest.includes(': ') || rest.endsWith(':') || /[[\]{}"'\\]/.test(rest)) return undefined;
    values.set(here, posAt(lineNo, start + 1));
    frame.value[key] = resolve(rest);
  }
  if (!started) return undefined;
  // A mapping opened by "key:" that never got a key is an empty value: js-yaml's to read.
  if (stack.some((f) => f.indent === -1)) return undefined;
  return { value: root.value, values, keys };
}
