// A fast reader for the plain YAML that report sources are made of — nested block mappings whose leaves are plain
// or double-quoted scalars on one line, or one-line flow sequences of them — giving exactly what loadStrictYaml
// gives (the same values, built with js-yaml's own CORE scalar resolution, and the same positions), in one pass
// over the lines instead of js-yaml's general parser plus the event walk.
//
// It answers only for text it is sure about and returns undefined for anything else — anchors, tags, block
// sequences, flow mappings, multi-line or single-quoted scalars, escapes, empty values, comments inside a flow
// sequence, tabs, unusual characters, duplicate or forbidden keys, deep nesting — and loadStrictYaml then reads
// the text with js-yaml, which also reports every error. tests/unit/fast-paths.test.ts compares the two readers
// on the bundled reports, the demo generator's output and mutated sources.
//
// What a line says on its own (its indentation, key and value) is worked out once per distinct line: report
// tables repeat the same rows (`  1.属于国家秘密: [0, 0, 0, 0, 0, 0, 0]`) from report to report. Only where it
// sits in the document (its line number, the mapping it belongs to) is worked out for each report.
import { CORE_SCHEMA } from 'js-yaml';
import { posAt, type Pos } from './diagnostics.ts';
import { Positions } from './positions.ts';
import type { YamlDoc } from './yaml.ts';

/** Deeper than this (mappings and sequences), leave it to js-yaml, which enforces maxDepth. */
const MAX_PLAIN_DEPTH = 7;
/** js-yaml refuses implicit keys over 1024 characters; stay well below. */
const MAX_KEY = 256;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
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
  /** This mapping's path in the tree of known paths, if it is there. */
  node: PathNode | undefined;
}

/**
 * Path keys (`表三\u001f三、本年度办理结果\u001f（一）予以公开`) repeat from report to report: each is made once, by
 * its parent's path and its key, so that every report uses the same string (hashed once) rather than joining a new
 * one for each position it records. The tree stops growing at a bound; paths beyond it are joined as they come.
 */
interface PathNode {
  pathKey: string;
  children?: Map<string, PathNode>;
}
const PATH_ROOT: PathNode = { pathKey: '' };
let pathNodes = 0;
/** A flat copy of a string that holds only itself (a string cut from a report is a view into the whole text). */
const own = (s: string): string => JSON.parse(JSON.stringify(s)) as string;

/** The path key of `key` in `frame`: its node in the tree of known paths, or the joined string. */
function childOf(frame: Frame, key: string): PathNode | string {
  const parent = frame.node;
  const known = parent?.children?.get(key);
  if (known) return known;
  const pathKey = frame.depth === 0 ? key : `${frame.pathKey}\u001f${key}`;
  if (!parent || pathNodes >= MEMO_LIMIT) return pathKey;
  pathNodes++;
  const node: PathNode = { pathKey: own(pathKey) };
  (parent.children ??= new Map()).set(own(key), node);
  return node;
}

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

/**
 * Whether `text` holds what js-yaml refuses anywhere in a stream (its PATTERN_NON_PRINTABLE: controls, U+FFFE/FFFF,
 * unpaired surrogates) or this reader leaves to it (tab, CR, NEL, line separators, BOM): the expression
 * /[\x00-\x09\x0B-\x1F\x7F-\x9F\u2028\u2029\uFEFF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/
 * as one loop over the code units.
 */
export function hasSpecial(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x7f) {
      if (c < 0x20 && c !== 10) return true;
    } else if (c <= 0x9f || c === 0x2028 || c === 0x2029 || c === 0xfeff || c === 0xfffe || c === 0xffff) {
      return true;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      // A high surrogate followed by a low one is a pair; any other surrogate stands alone.
      const d = text.charCodeAt(i + 1);
      if (c > 0xdbff || !(d >= 0xdc00 && d <= 0xdfff)) return true;
      i++;
    }
  }
  return false;
}

const enum Kind {
  Blank,
  Comment,
  /** Not plain YAML as this reader knows it: the whole text goes to js-yaml. */
  Reject,
  /** `key:` alone: a nested mapping follows. */
  Nest,
  /** `key: [a, b]` */
  Sequence,
  /** `key: value` or `key: "value"` */
  Scalar,
}

/** What one line says on its own. */
interface Line {
  kind: Kind;
  indent: number;
  key: string;
  /** 1-based column of the value (Sequence, Scalar). */
  valueCol: number;
  /** The items (primitives: copy the array before handing it out) and the 1-based column of each (Sequence). */
  items?: readonly unknown[];
  itemCols?: readonly number[];
  /** The value (Scalar). */
  value?: unknown;
}

const BLANK: Line = { kind: Kind.Blank, indent: 0, key: '', valueCol: 0 };
const REJECTED: Line = { kind: Kind.Reject, indent: 0, key: '', valueCol: 0 };
/** Lines with a key and no scalar value (the table rows and headings), worked out once; bounded like the other memos. */
const lineMemo = new Map<string, Line>();

function readLine(line: string): Line {
  let indent = 0;
  while (line.charCodeAt(indent) === 32) indent++;
  if (indent === line.length) return BLANK;
  const first = line.charCodeAt(indent);
  if (first === 35 /* # */) return { kind: Kind.Comment, indent, key: '', valueCol: 0 };
  if (indent === 0 && (line.startsWith('---') || line.startsWith('...') || first === 37 /* % */)) return REJECTED;

  // The key: a plain scalar that resolves to itself, up to ": " or ":" at the end of the line.
  const colon = line.indexOf(':', indent);
  if (colon < 0) return REJECTED;
  const key = line.slice(indent, colon);
  if (!plainKey(key)) return REJECTED;
  const after = line.charCodeAt(colon + 1);
  if (!Number.isNaN(after) && after !== 32) return REJECTED;

  let start = colon + 1;
  while (line.charCodeAt(start) === 32) start++;
  const end = contentEnd(line, colon + 1);
  // "key:" alone: a nested mapping must follow (an empty value is null, which js-yaml reads).
  if (start >= end) return { kind: Kind.Nest, indent, key, valueCol: 0 };
  const rest = line.slice(start, end);
  if (rest[0] === '[') {
    if (rest[rest.length - 1] !== ']') return REJECTED;
    const inner = rest.slice(1, -1);
    if (inner.includes('[') || inner.includes(']') || inner.includes('#')) return REJECTED;
    const items: unknown[] = [];
    const itemCols: number[] = [];
    let at = start + 1;
    for (const raw of inner.split(',')) {
      // YAML separates with spaces only (String.prototype.trim would also take U+3000 and the like).
      let lead = 0;
      while (raw.charCodeAt(lead) === 32) lead++;
      let tail = raw.length;
      while (tail > lead && raw.charCodeAt(tail - 1) === 32) tail--;
      const item = raw.slice(lead, tail);
      if (!item) return REJECTED;
      if (item[0] === '"') {
        const q = quoted(item);
        if (!q || q.end !== item.length) return REJECTED;
        items.push(q.value);
      } else {
        const v = plainItem(item);
        if (v === REJECT) return REJECTED;
        items.push(v);
      }
      itemCols.push(at + lead + 1);
      at += raw.length + 1;
    }
    return { kind: Kind.Sequence, indent, key, valueCol: start + 1, items, itemCols };
  }
  if (rest[0] === '"') {
    const q = quoted(rest);
    if (!q || q.end !== rest.length) return REJECTED;
    return { kind: Kind.Scalar, indent, key, valueCol: start + 1, value: q.value };
  }
  if (!plainStart(rest, false) || rest.includes(': ') || rest.endsWith(':') || /[[\]{}"'\\]/.test(rest)) return REJECTED;
  return { kind: Kind.Scalar, indent, key, valueCol: start + 1, value: resolve(rest) };
}

/**
 * readLine, remembered for lines that hold no scalar (a scalar line — a date, a title — rarely repeats). A line
 * cut from a report is a view into the whole text in V8: what is remembered is read from a copy of the line alone,
 * so that the memo does not keep whole reports in memory. A line with a character this reader leaves to js-yaml
 * is refused, and never remembered: a remembered line is known to hold none. (Checking line by line is checking
 * the whole text: a line break is neither such a character nor part of a surrogate pair.)
 */
function lineOf(line: string): Line {
  let l = lineMemo.get(line);
  if (!l) {
    if (hasSpecial(line)) return REJECTED;
    l = readLine(line);
    if ((l.kind === Kind.Nest || l.kind === Kind.Sequence) && lineMemo.size < MEMO_LIMIT) {
      const copy = own(line);
      lineMemo.set(copy, (l = readLine(copy)));
    }
  }
  return l;
}

/** Reads `text` if it is plain YAML as described above; undefined otherwise. */
export function loadPlainYaml(text: string, firstLine = 1): YamlDoc | undefined {
  const values = new Positions();
  const keys = new Map<string, Pos>();
  const root: Frame = { indent: 0, value: {}, pathKey: '', depth: 0, node: PATH_ROOT };
  const stack: Frame[] = [root];
  let started = false;
  /** Indentation of the line that held a scalar or sequence value: a deeper line after it is a continuation. */
  let leafIndent = -1;
  for (let from = 0, li = 0; from <= text.length; li++) {
    let to = text.indexOf('\n', from);
    if (to < 0) to = text.length;
    const l = lineOf(text.slice(from, to));
    from = to + 1;
    const indent = l.indent;
    if (l.kind === Kind.Blank) continue;
    if (leafIndent >= 0 && indent > leafIndent) return undefined;
    if (l.kind === Kind.Comment) continue;
    if (l.kind === Kind.Reject) return undefined;
    leafIndent = -1;
    const lineNo = li + firstLine;

    // Find the mapping this key belongs to.
    if (!started) {
      if (indent !== 0) return undefined;
      values.set('', posAt(lineNo, 1));
      started = true;
    }
    while (stack.length > 1 && stack[stack.length - 1]!.indent > indent) stack.pop();
    const frame = stack[stack.length - 1]!;
    if (frame.indent === -1) {
      // The first key of a mapping opened on the line before.
      const parent = stack[stack.length - 2]!;
      if (indent <= parent.indent) return undefined;
      frame.indent = indent;
      values.set(frame.pathKey, posAt(lineNo, indent + 1));
    } else if (frame.indent !== indent) {
      return undefined;
    }

    const key = l.key;
    if (Object.prototype.hasOwnProperty.call(frame.value, key)) return undefined;
    const path = childOf(frame, key);
    const here = typeof path === 'string' ? path : path.pathKey;
    keys.set(here, posAt(lineNo, indent + 1));
    if (l.kind === Kind.Nest) {
      if (frame.depth + 1 >= MAX_PLAIN_DEPTH) return undefined;
      const child: Frame = { indent: -1, value: {}, pathKey: here, depth: frame.depth + 1, node: typeof path === 'string' ? undefined : path };
      frame.value[key] = child.value;
      stack.push(child);
      continue;
    }
    leafIndent = indent;
    values.set(here, posAt(lineNo, l.valueCol));
    if (l.kind === Kind.Sequence) {
      if (frame.depth + 2 >= MAX_PLAIN_DEPTH) return undefined;
      const items = l.items!.slice();
      const cols = l.itemCols!;
      const positions: Pos[] = new Array(cols.length);
      for (let i = 0; i < cols.length; i++) positions[i] = posAt(lineNo, cols[i]!);
      frame.value[key] = items;
      values.setItems(here, items, positions);
    } else {
      frame.value[key] = l.value;
    }
  }
  if (!started) return undefined;
  // A mapping opened by "key:" that never got a key is an empty value: js-yaml's to read.
  if (stack.some((f) => f.indent === -1)) return undefined;
  return { value: root.value, values, keys };
}
