// Label matching for imports: published pages reword, renumber, re-punctuate and re-script the official labels,
// so a found label is compared with an official one (always taken from the compiled format) after normalising
// width, script, whitespace, quotes and numbering, with a little tolerance for added or dropped words.
import { toSimplified } from '../text/script.ts';

const CN_DIGITS = '〇一二三四五六七八九';

/** 一…九十九 → 1…99 (enough for list numbering); NaN for anything else. */
export function chineseNumber(s: string): number {
  if (/^[〇一二三四五六七八九]$/.test(s)) return CN_DIGITS.indexOf(s);
  const m = /^([一二三四五六七八九])?十([一二三四五六七八九])?$/.exec(s);
  if (m) return (m[1] ? CN_DIGITS.indexOf(m[1]) : 1) * 10 + (m[2] ? CN_DIGITS.indexOf(m[2]) : 0);
  return Number.NaN;
}

export type NumberingKind = 'cn' | 'paren' | 'arabic';

export interface Numbering {
  /** 一、 → cn; （一） → paren; 1. or (1) → arabic. */
  kind: NumberingKind;
  value: number;
}

export interface ParsedLabel {
  numbering?: Numbering;
  /** The label without its numbering, whitespace, punctuation and symbols: what is compared. */
  core: string;
}

const simplifiedCache = new Map<string, string>();

/** Width (NFKC), script (Simplified, for comparison only) and whitespace normalised; quotes removed. */
export function normaliseLabel(s: string): string {
  const nfkc = s.normalize('NFKC').replace(/[\s\u200b\ufeff]+/g, ' ').trim();
  let simp = simplifiedCache.get(nfkc);
  if (simp === undefined) {
    simp = toSimplified(nfkc);
    if (simplifiedCache.size < 50_000) simplifiedCache.set(nfkc, simp);
  }
  return simp.replace(/[“”‘’"'「」『』]/g, '');
}

const NUMBERING_PATTERNS: Array<[RegExp, NumberingKind, (m: RegExpExecArray) => number]> = [
  [/^第?([一二三四五六七八九十]+)(?:部分)?\s*[、.,:：]\s*/, 'cn', (m) => chineseNumber(m[1]!)],
  [/^第([一二三四五六七八九十]+)部分\s*/, 'cn', (m) => chineseNumber(m[1]!)],
  [/^\(\s*([一二三四五六七八九十]+)\s*\)\s*/, 'paren', (m) => chineseNumber(m[1]!)],
  [/^(\d{1,2})\s*[.、,)]\s*(?!\d)/, 'arabic', (m) => Number(m[1])],
  [/^\(\s*(\d{1,2})\s*\)\s*/, 'arabic', (m) => Number(m[1])],
];

/** Splits off a leading list number (一、 （一） 1. (1) 第一部分) and reduces the rest to letters and digits. */
export function parseLabel(s: string): ParsedLabel {
  let text = normaliseLabel(s);
  let numbering: Numbering | undefined;
  for (const [re, kind, value] of NUMBERING_PATTERNS) {
    const m = re.exec(text);
    if (!m) continue;
    const v = value(m);
    if (Number.isNaN(v)) continue;
    numbering = { kind, value: v };
    text = text.slice(m[0].length);
    break;
  }
  return { numbering, core: coreOf(text) };
}

/** Letters, digits and Han only. */
export const coreOf = (s: string): string => s.replace(/[\p{P}\p{S}\s]/gu, '');

/** Length of the longest common subsequence (short strings only). */
export function lcs(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  if (x.length === 0 || y.length === 0) return 0;
  let prev = new Array<number>(y.length + 1).fill(0);
  for (let i = 1; i <= x.length; i++) {
    const cur = new Array<number>(y.length + 1).fill(0);
    for (let j = 1; j <= y.length; j++) {
      cur[j] = x[i - 1] === y[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, cur[j - 1]!);
    }
    prev = cur;
  }
  return prev[y.length]!;
}

/** F-measure of the common subsequence: 1 for equal strings, 0 for nothing in common. */
export function similarity(a: string, b: string): number {
  const la = [...a].length;
  const lb = [...b].length;
  if (!la || !lb) return 0;
  const common = lcs(a, b);
  if (!common) return 0;
  const p = common / la;
  const r = common / lb;
  return (2 * p * r) / (p + r);
}

/** Minimum score for a found label to stand for an official one. */
export const MATCH_THRESHOLD = 0.7;

/**
 * How well a label found on a page stands for an official label, 0…1. Equal after normalisation: 1; same words,
 * other numbering style or punctuation: 0.95; extra words around the official ones ("现行有效件数（历史累计）"):
 * 0.9; a shortened form that starts the official label ("（二）部分公开"): 0.85; otherwise the subsequence
 * similarity, scaled down. Two numberings that disagree (1. against 2.) never match.
 */
export function labelScore(found: string, official: string): number {
  const a = parseLabel(found);
  const b = parseLabel(official);
  if (!a.core || !b.core) return 0;
  if (a.numbering && b.numbering && a.numbering.value !== b.numbering.value) return 0;
  if (a.core === b.core) return a.numbering?.kind === b.numbering?.kind ? 1 : 0.95;
  const la = [...a.core].length;
  const lb = [...b.core].length;
  if (lb >= 3 && a.core.includes(b.core) && la <= lb * 2 + 4) return 0.9;
  const sameNumber = !!a.numbering && !!b.numbering;
  if (la >= 2 && b.core.startsWith(a.core) && (sameNumber || la * 3 >= lb)) return 0.85;
  if (la > 60 || lb > 60) return 0;
  return similarity(a.core, b.core) * 0.9;
}

export interface Candidate<T> {
  label: string;
  target: T;
}

/** The best official label for a found one, or undefined when none is good enough or two are equally good. */
export function bestMatch<T>(found: string, candidates: readonly Candidate<T>[], threshold = MATCH_THRESHOLD): { target: T; score: number } | undefined {
  let best: { target: T; score: number } | undefined;
  let tie = false;
  for (const c of candidates) {
    const score = labelScore(found, c.label);
    if (score < threshold) continue;
    if (!best || score > best.score) {
      best = { target: c.target, score };
      tie = false;
    } else if (score === best.score && c.target !== best.target) {
      tie = true;
    }
  }
  return tie ? undefined : best;
}
