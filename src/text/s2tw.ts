// Simplified -> Traditional (Taiwan) in one pass, compiled from opencc-js's own s2tw configuration and dictionaries.
//
// opencc-js {from:'cn', to:'tw'} runs four longest-match trie passes over Map-of-Map tries: normalization (CJK
// compatibility ideographs), segmentation by the phrase dictionaries, then per segment the ST dictionaries (phrases
// and characters) and the TW variants. Its output follows from the segmentation alone:
// - a matched segment is a phrase key, which the ST pass replaces whole (it is the longest key inside the segment),
//   and the TW pass then converts on its own: cached per phrase;
// - between matches, no multi-character ST key can match (it would have been a segmentation match), so the ST pass
//   maps character by character, and the TW pass does too unless the run holds the first character of a TW
//   phrase (張, 林, 黃 …), when that run goes through opencc-js's own TW trie.
// The compiler checks these premises on the dictionaries it is given and falls back to opencc-js itself when they
// do not hold; text with ideographic description sequences (which opencc-js steps over whole) goes to opencc-js too.
// tests/unit/renditions.test.ts compares the two over every dictionary key and real report text.
import { ConverterBuilder, Trie, type DictGroup, type DictLike } from 'opencc-js/core';
import * as cn2t from 'opencc-js/preset/cn2t';

type Convert = (text: string) => string;

interface S2TWConfig {
  normalizationChain?: readonly DictGroup[];
  segmentation: DictLike | DictGroup;
  conversionChain: readonly DictGroup[];
}

/**
 * Calls fn for each entry of a dictionary string as opencc-js's Trie.loadDict reads it ("k v|k v": the key before
 * the first space, the value up to the next), with the key's and value's offsets, so that no key string is made.
 */
function eachEntry(d: string, fn: (keyStart: number, keyEnd: number, valueStart: number, valueEnd: number) => void): void {
  for (let line = 0; line <= d.length; ) {
    let next = d.indexOf('|', line);
    if (next < 0) next = d.length;
    const sp = d.indexOf(' ', line);
    if (sp < 0 || sp > next) throw new TypeError(`opencc dictionary entry without a value: ${d.slice(line, next)}`);
    let ve = d.indexOf(' ', sp + 1);
    if (ve < 0 || ve > next) ve = next;
    if (sp > line) fn(line, sp, sp + 1, ve);
    line = next + 1;
  }
}

/** A small group's key -> value with opencc-js's precedence (loadDictGroup: earlier dictionaries and later entries win). */
function groupMap(group: readonly string[]): Map<string, string> {
  const m = new Map<string, string>();
  for (let i = group.length - 1; i >= 0; i--) {
    const d = group[i]!;
    eachEntry(d, (ks, ke, vs, ve) => m.set(d.slice(ks, ke), d.slice(vs, ve)));
  }
  return m;
}

const isDictLike = (d: unknown): d is DictLike => typeof d === 'string' || (Array.isArray(d) && d.every((e) => Array.isArray(e)));
/** More than one code point. */
const isLong = (s: string) => s.length > 2 || (s.length === 2 && s.codePointAt(0)! < BMP);
const isOne = (s: string) => s.length > 0 && !isLong(s);

// Per UTF-16 code unit (BMP), what the scan needs to know.
const SEG = 1; // a phrase key starts with this unit
const CHANGE = 2; // the character converts to something else outside phrases
const RISK = 4; // its ST form starts a TW phrase: the run needs the TW trie
const NORM = 8; // a compatibility ideograph: normalize first
const IDS = 16; // an ideographic description character: opencc-js converts the text
const HIGH = 32; // a high surrogate: look the code point up in the astral tables

const BMP = 0x10000;

/** Output code units, decoded once per text (little-endian platforms: Node's utf16le is a copy). */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
let buf = new Uint16Array(4096);
function decode(len: number): string {
  if (LITTLE_ENDIAN) return Buffer.from(buf.buffer, buf.byteOffset, len * 2).toString('utf16le');
  let s = '';
  for (let i = 0; i < len; i += 4096) s += String.fromCharCode(...buf.subarray(i, Math.min(len, i + 4096)));
  return s;
}

export interface CompiledConverter {
  convert: Convert;
  /** False when the dictionaries broke a premise and convert is opencc-js itself. */
  compiled: boolean;
}

export function compileS2TW(config: S2TWConfig, reference: () => Convert): CompiledConverter {
  const norm = config.normalizationChain ?? [];
  const seg = isDictLike(config.segmentation) ? [config.segmentation] : (config.segmentation as DictGroup);
  const chain = config.conversionChain;
  const fallback = (): CompiledConverter => ({ convert: (s) => reference()(s), compiled: false });
  if (norm.length > 1 || chain.length !== 2) return fallback();

  // The dictionaries as strings (opencc-js ships them so; pair lists would take the reference path).
  const strings = (g: readonly DictLike[]): string[] | undefined => (g.every((d) => typeof d === 'string') ? (g as string[]) : undefined);
  const normDicts = norm.length ? strings(norm[0]!) : [];
  const segDicts = strings(seg);
  const stDicts = strings(chain[0]!);
  const twDicts = strings(chain[1]!);
  if (!normDicts || !segDicts || !stDicts || !twDicts) return fallback();
  const normMap = groupMap(normDicts);
  const tw = groupMap(twDicts);
  for (const k of normMap.keys()) if (isLong(k)) return fallback();

  const flags = new Uint8Array(BMP);
  const astralNorm = new Map<number, string>();
  for (const [k, v] of normMap) {
    const cp = k.codePointAt(0)!;
    if (cp < BMP) flags[cp] = flags[cp]! | NORM;
    astralNorm.set(cp, v);
  }
  for (let u = 0x2ff0; u <= 0x2fff; u++) flags[u] = flags[u]! | IDS;

  // The segmentation trie over UTF-16 code units (the same matches as opencc-js's trie over code points, the keys
  // being well-formed): the root's children in a table, every other edge in one open-addressing hash table.
  let units = 0;
  for (const d of segDicts) eachEntry(d, (ks, ke) => (units += ke - ks));
  const bits = Math.max(10, Math.ceil(Math.log2(units * 2)));
  const mask = (1 << bits) - 1;
  const shift = 32 - bits;
  // An edge in 3 ints (from, unit, to): one probe reads one place. Slot lookups miss the cache, so a bitmap of the
  // first two units of every key (128 KiB) answers most of them first: most phrase walks end at the second unit.
  const edges = new Int32Array(3 << bits).fill(-1);
  const pairs = new Int32Array(1 << 15);
  const pairBit = (u1: number, u2: number) => Math.imul(u1 ^ (u2 << 16), 0x85ebca6b) >>> 12;
  const rootChild = new Int32Array(BMP).fill(-1);
  // Per node: a segmentation key ends here (1), and its ST value as offsets into stDicts[valueDict - 1].
  const isKey = new Uint8Array(units + 1);
  const valueDict = new Uint8Array(units + 1);
  const valueStart = new Int32Array(units + 1);
  const valueEnd = new Int32Array(units + 1);
  let nodes = 1;
  const slot = (node: number, u: number) => (Math.imul(node ^ (u << 16), 0x9e3779b1) >>> shift) * 3;
  function child(node: number, u: number): number {
    for (let h = slot(node, u); ; h = h + 3 > mask * 3 ? 0 : h + 3) {
      const f = edges[h]!;
      if (f === node && edges[h + 1] === u) return edges[h + 2]!;
      if (f < 0) return -1;
    }
  }
  /** The node of d[ks, ke), added when `add`, else -1 when absent. */
  function nodeOf(d: string, ks: number, ke: number, add: boolean): number {
    let u = d.charCodeAt(ks);
    let node = rootChild[u]!;
    if (node < 0) {
      if (!add) return -1;
      node = rootChild[u] = nodes++;
      flags[u] = flags[u]! | SEG;
    }
    if (add && ke - ks > 1) {
      const b = pairBit(u, d.charCodeAt(ks + 1));
      pairs[b >>> 5] = pairs[b >>> 5]! | (1 << (b & 31));
    }
    for (let i = ks + 1; i < ke; i++) {
      u = d.charCodeAt(i);
      let next = child(node, u);
      if (next < 0) {
        if (!add) return -1;
        let h = slot(node, u);
        while (edges[h]! >= 0) h = h + 3 > mask * 3 ? 0 : h + 3;
        edges[h] = node;
        edges[h + 1] = u;
        edges[h + 2] = next = nodes++;
      }
      node = next;
    }
    return node;
  }
  // A phrase match skips the checks below for its characters: no key may hold one that normalization or an
  // ideographic description would handle first.
  let premises = true;
  for (const d of segDicts) {
    eachEntry(d, (ks, ke) => {
      for (let i = ks; i < ke; i++) {
        const u = d.charCodeAt(i);
        if (flags[u]! & (NORM | IDS) || ((u & 0xfc00) === 0xd800 && astralNorm.has(d.codePointAt(i)!))) premises = false;
      }
      isKey[nodeOf(d, ks, ke, true)] = 1;
    });
  }

  // The ST group in opencc-js's loading order (later loads win). Premises: its phrases are exactly the segmentation
  // keys (a segment converts whole, and nothing longer than a character matches between segments).
  const stChar = new Map<number, string>();
  for (let i = stDicts.length - 1; i >= 0; i--) {
    const d = stDicts[i]!;
    eachEntry(d, (ks, ke, vs, ve) => {
      const node = nodeOf(d, ks, ke, false);
      if (node >= 0 && isKey[node]) (valueDict[node] = i + 1), (valueStart[node] = vs), (valueEnd[node] = ve);
      else if (isLong(d.slice(ks, ke))) premises = false;
      if (!isLong(d.slice(ks, ke))) stChar.set(d.codePointAt(ks)!, d.slice(vs, ve));
    });
  }
  for (let n = 1; n < nodes; n++) if (isKey[n] && !valueDict[n]) premises = false;
  if (!premises) return fallback();

  // opencc-js's own TW trie: for phrase values (once each) and for runs that may hold a TW phrase.
  const twTrie = new Trie();
  twTrie.loadDictGroup(twDicts);
  const twPhraseStart = new Set<number>();
  for (const k of tw.keys()) if (isLong(k)) twPhraseStart.add(k.codePointAt(0)!);

  const bmpOut: string[] = [];
  for (let u = 0; u < BMP; u++) bmpOut.push('');
  const astralOut = new Map<number, string>();
  const astralRisk = new Set<number>();
  const classify = (cp: number) => {
    const c = String.fromCodePoint(cp);
    const t1 = stChar.get(cp) ?? c;
    const out = twTrie.convert(t1);
    let risk = false;
    for (const ch of t1) if (twPhraseStart.has(ch.codePointAt(0)!)) risk = true;
    if (cp < BMP) {
      if (risk) flags[cp] = flags[cp]! | RISK;
      if (out !== c) (flags[cp] = flags[cp]! | CHANGE), (bmpOut[cp] = out);
    } else {
      if (risk) astralRisk.add(cp);
      if (out !== c) astralOut.set(cp, out);
    }
  };
  for (const cp of stChar.keys()) classify(cp);
  for (const k of tw.keys()) if (!isLong(k)) classify(k.codePointAt(0)!);
  for (const cp of twPhraseStart) classify(cp);
  for (let u = 0xd800; u <= 0xdbff; u++) flags[u] = flags[u]! | HIGH;

  /** A phrase's output (its ST value through the TW trie), or null when that is the phrase itself; on first use. */
  const phraseOut = new Map<number, string | null>();
  function phrase(node: number, s: string, from: number, to: number): string | null {
    let v = phraseOut.get(node);
    if (v === undefined) {
      const out = twTrie.convert(stDicts![valueDict[node]! - 1]!.slice(valueStart[node], valueEnd[node]));
      phraseOut.set(node, (v = out === s.slice(from, to) ? null : out));
    }
    return v;
  }

  function normalize(s: string): string {
    let out = '';
    for (const ch of s) out += astralNorm.get(ch.codePointAt(0)!) ?? ch;
    return out;
  }

  /** One unmatched run [from, to) through the ST characters and opencc-js's TW trie: one TW segment. */
  function riskyRun(s: string, from: number, to: number): string {
    let t1 = '';
    for (let i = from; i < to; ) {
      const cp = s.codePointAt(i)!;
      const w = cp >= BMP ? 2 : 1;
      t1 += stChar.get(cp) ?? s.slice(i, i + w);
      i += w;
    }
    return twTrie.convert(t1);
  }

  /** Writes v at o, growing the buffer so that it still holds the rest of the input (`rest` units) unchanged. */
  function put(v: string, o: number, rest: number): number {
    if (o + v.length + rest > buf.length) {
      const b = new Uint16Array(Math.max(buf.length * 2, o + v.length + rest + 64));
      b.set(buf.subarray(0, o));
      buf = b;
    }
    for (let k = 0; k < v.length; k++) buf[o + k] = v.charCodeAt(k);
    return o + v.length;
  }

  function run(s: string, original: string | undefined): string {
    const n = s.length;
    if (buf.length < n + 64) buf = new Uint16Array(Math.max(n * 2, 4096));
    let o = 0; // units written to buf: the output of s[0, i) but for the unmatched run in progress
    let changed = false;
    let runStart = -1; // the unmatched run in progress
    let runChange = false;
    let runRisk = false;
    let i = 0;
    for (;;) {
      let end = n;
      let best = -1;
      if (i < n) {
        const u = s.charCodeAt(i);
        const f = flags[u]!;
        if (f & (IDS | NORM)) {
          if (f & IDS) return reference()(original ?? s);
          if (original === undefined) return run(normalize(s), s);
        }
        if (f & SEG) {
          // The longest phrase starting here.
          let node = rootChild[u]!;
          let j = i + 1;
          if (isKey[node]) (best = node), (end = j);
          let b;
          if (j < n && pairs[(b = pairBit(u, s.charCodeAt(j))) >>> 5]! & (1 << (b & 31))) for (;;) {
            node = child(node, s.charCodeAt(j));
            if (node < 0) break;
            j++;
            if (isKey[node]) (best = node), (end = j);
            if (j >= n) break;
          }
        }
        if (best < 0) {
          // No phrase here: part of an unmatched run. An astral character counts as one (opencc-js steps code points).
          let w = 1;
          let cf = f;
          if (f & HIGH) {
            const cp = s.codePointAt(i)!;
            if (cp >= BMP) {
              w = 2;
              if (original === undefined && astralNorm.has(cp)) return run(normalize(s), s);
              cf = (astralOut.has(cp) ? CHANGE : 0) | (astralRisk.has(cp) ? RISK : 0);
            } else cf = 0;
          }
          if (runStart < 0) runStart = i;
          if (cf & (CHANGE | RISK)) {
            runChange = true;
            if (cf & RISK) runRisk = true;
          }
          i += w;
          continue;
        }
      }
      // A phrase at i, or the end: the unmatched run before it is one segment.
      if (runStart >= 0) {
        if (!runChange) for (let k = runStart; k < i; k++) buf[o++] = s.charCodeAt(k);
        else if (runRisk) (o = put(riskyRun(s, runStart, i), o, n - i)), (changed = true);
        else {
          for (let k = runStart; k < i; ) {
            const u = s.charCodeAt(k);
            const f = flags[u]!;
            if (f & CHANGE) {
              o = put(bmpOut[u]!, o, n - k - 1);
              k++;
            } else if (f & HIGH && k + 1 < i && (s.charCodeAt(k + 1) & 0xfc00) === 0xdc00) {
              const v = astralOut.get(s.codePointAt(k)!);
              if (v === undefined) (buf[o++] = u), (buf[o++] = s.charCodeAt(k + 1));
              else o = put(v, o, n - k - 2);
              k += 2;
            } else (buf[o++] = u), k++;
          }
          changed = true;
        }
        runStart = -1;
        runChange = runRisk = false;
      }
      if (best < 0) break;
      const v = phrase(best, s, i, end);
      if (v === null) for (let k = i; k < end; k++) buf[o++] = s.charCodeAt(k);
      else (o = put(v, o, n - end)), (changed = true);
      i = end;
    }
    return changed ? decode(o) : s;
  }

  return { convert: (s) => run(s, undefined), compiled: true };
}

let referenceS2TW: Convert | undefined;
/** opencc-js's own converter from the same preset: for the rare texts the compiled pass leaves to it. */
export const openccS2TW = (): Convert => (referenceS2TW ??= ConverterBuilder(cn2t as never)({ from: 'cn', to: 'tw' }));

let compiled: CompiledConverter | undefined;
/** The compiled cn -> tw converter, built on first use (about as long as opencc-js takes to load its tries). */
export const s2tw = (): CompiledConverter => (compiled ??= compileS2TW((cn2t.configs as Record<string, S2TWConfig>)['s2tw']!, openccS2TW));
