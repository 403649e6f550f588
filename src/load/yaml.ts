// Strict YAML: our own js-yaml 5 call (CORE schema: dates stay strings, no merge keys; duplicate keys throw;
// no aliases at all; shallow nesting), plus a position for every key and value from js-yaml's event stream, so
// that the checker can point at the exact cell.
import { EVENT_ID, SCALAR_STYLE, YAMLException, constructFromEvents, getScalarValue, parseEvents, type Event } from 'js-yaml';
import { posAt, type Pos } from './diagnostics.ts';
import { Positions } from './positions.ts';
import { loadPlainYaml } from './yaml-plain.ts';

export const MAX_DEPTH = 10;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A path into the document: mapping keys and sequence indices. */
export type Path = readonly (string | number)[];
export const pathKey = (p: Path): string => p.join('\u001f');

export interface YamlDoc {
  value: unknown;
  /** Position of each value, by pathKey. */
  values: Positions;
  /** Position of each mapping key, by the pathKey of its value. */
  keys: Map<string, Pos>;
}

export class YamlError extends Error {
  constructor(
    message: string,
    readonly pos: Pos,
  ) {
    super(message);
  }
}

/** Maps offsets in a text to 1-based line/column, shifted by the line where the text starts in its file. */
export function positionFinder(text: string, firstLine = 1): (offset: number) => Pos {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return posAt(lo + firstLine, offset - starts[lo]! + 1);
  };
}

const MESSAGES: Array<[RegExp, string]> = [
  [/duplicated mapping key/, '重复的键：同一层级中同一个名称只能出现一次'],
  [/maxAliases|alias/i, '不允许使用锚点和别名（& 与 *）'],
  [/depth/i, `嵌套层级过深（最多 ${MAX_DEPTH} 层）`],
  [/tab/i, 'YAML 缩进只能使用空格，不能使用制表符'],
];

function translate(message: string): string {
  const first = message.split('\n')[0]!.replace(/\s*\(\d+:\d+\)\s*$/, '');
  for (const [re, zh] of MESSAGES) if (re.test(first)) return zh;
  return `YAML 格式错误（${first}）`;
}

interface Frame {
  kind: 'map' | 'seq';
  /** pathKey of the collection's own path, and that path's length. */
  pathKey: string;
  depth: number;
  expectingKey: boolean;
  key: string;
  index: number;
}

/** pathKey([...parent, k]) from the parent's pathKey and length, without building the array. */
const childKey = (frame: Frame, k: string | number): string => (frame.depth === 0 ? String(k) : `${frame.pathKey}\u001f${k}`);

/**
 * js-yaml's `load` is `constructFromEvents(parseEvents(text))` plus a check for exactly one document: done here in
 * one pass over the text, so that the events that give the positions are the ones the values were built from.
 * The options are `load`'s: CORE schema (the default), `maxDepth` while parsing, `maxAliases: 0` while
 * constructing (which also refuses duplicate keys).
 */
function parseAndConstruct(text: string): { value: unknown; events: Event[] } {
  const events = parseEvents(text, { filename: '', maxDepth: MAX_DEPTH });
  const documents = constructFromEvents(events, { source: text, maxAliases: 0 });
  if (documents.length === 0) throw new YAMLException('expected a document, but the input is empty');
  if (documents.length !== 1) throw new YAMLException('expected a single document in the stream, but found more');
  return { value: documents[0], events };
}

/** Parses one YAML document strictly. Throws YamlError (with a file position) on any problem. */
export function loadStrictYaml(text: string, firstLine = 1): YamlDoc {
  // Report sources are plain YAML, read in one pass; js-yaml reads (and reports on) everything else.
  return loadPlainYaml(text, firstLine) ?? loadYamlEvents(text, firstLine);
}

/** loadStrictYaml through js-yaml: its parser, its constructor, and positions from its event stream. */
export function loadYamlEvents(text: string, firstLine = 1): YamlDoc {
  const at = positionFinder(text, firstLine);
  let value: unknown;
  let events: Event[];
  try {
    ({ value, events } = parseAndConstruct(text));
  } catch (e) {
    // js-yaml asks callers to catch every error type, not only YAMLException.
    const mark = (e as { mark?: { line: number; column: number } }).mark;
    const pos = mark ? { line: mark.line + firstLine, col: mark.column + 1 } : { line: firstLine, col: 1 };
    // A bare "-" in a row of numbers is a placeholder, not broken YAML, to the editor who wrote it.
    const line = mark ? (text.split('\n')[mark.line] ?? '') : '';
    const dash = /[[,]\s*-\s*(?=[,\]])/.exec(line);
    if (dash) throw new YamlError('表格中的“-”不是数值：如为 0 请写 0；如该项不适用请写“不适用”；如数据不详请写“缺失”', { line: pos.line, col: dash.index + line.slice(dash.index).indexOf('-') + 1 });
    throw new YamlError(translate(e instanceof Error ? e.message : String(e)), pos);
  }

  const values = new Positions();
  const keys = new Map<string, Pos>();
  const stack: Frame[] = [];
  for (const ev of events) {
    if (ev.type === EVENT_ID.DOCUMENT) continue;
    if (ev.type === EVENT_ID.POP) {
      stack.pop();
      continue;
    }
    // Point at the opening quote of a quoted scalar, where the editor sees the value begin.
    const quoted = ev.type === EVENT_ID.SCALAR && (ev.style === SCALAR_STYLE.SINGLE_QUOTED || ev.style === SCALAR_STYLE.DOUBLE_QUOTED);
    const offset = ev.type === EVENT_ID.SCALAR ? ev.valueStart - (quoted ? 1 : 0) : ev.type === EVENT_ID.ALIAS ? ev.anchorStart : ev.start;
    const pos = at(Math.max(0, offset));
    const top = stack[stack.length - 1];
    let path = '';
    let depth = 0;
    if (top?.kind === 'map' && top.expectingKey) {
      if (ev.type !== EVENT_ID.SCALAR) throw new YamlError('键必须是简单的文字', pos);
      const key = getScalarValue(text, ev);
      if (FORBIDDEN_KEYS.has(key)) throw new YamlError(`不允许使用键名「${key}」`, pos);
      top.key = key;
      top.expectingKey = false;
      keys.set(childKey(top, key), pos);
      continue;
    }
    if (top?.kind === 'map') {
      path = childKey(top, top.key);
      depth = top.depth + 1;
      top.expectingKey = true;
    } else if (top?.kind === 'seq') {
      path = childKey(top, top.index++);
      depth = top.depth + 1;
    }
    values.set(path, pos);
    if (ev.type === EVENT_ID.MAPPING || ev.type === EVENT_ID.SEQUENCE) {
      stack.push({ kind: ev.type === EVENT_ID.MAPPING ? 'map' : 'seq', pathKey: path, depth, expectingKey: true, key: '', index: 0 });
    }
  }
  return { value, values, keys };
}

export const isMapping = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
