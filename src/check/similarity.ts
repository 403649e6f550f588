// How much of one text is found in another: the share of its 8-character shingles (digits masked, whitespace and
// punctuation dropped) that also occur in the other. Masking digits means a copy with new numbers still counts.
//
// The texts are normalised once into arrays of UTF-16 code units, and each text's distinct shingles are kept in
// an open-addressing hash table of window positions, compared unit by unit: the same answer as sets of 8-character
// strings, without making a string per window. SAME compares every report with the year before; each report is
// prepared once (src/check/cross-year.ts keeps the two of a pair).
const SHINGLE = 8;
/** Texts shorter than this (in kept characters) are too short to call a copy. */
const MIN_LENGTH = 200;
/** Whitespace, punctuation and symbols: dropped before comparing. */
const DROPPED = /^[\s\p{P}\p{S}]$/u;

/** Per BMP code unit: 0 not yet known, 1 kept, 2 dropped (as DROPPED decides, asked once per unit). */
const unitClass = new Uint8Array(0x10000);
const pairDropped = new Map<string, boolean>();

function dropped(unit: number): boolean {
  let c = unitClass[unit]!;
  if (c === 0) unitClass[unit] = c = DROPPED.test(String.fromCharCode(unit)) ? 2 : 1;
  return c === 2;
}

/**
 * `text.normalize('NFKC').replace(/\d+/g, '0').replace(/[\s\p{P}\p{S}]/gu, '')` as code units: a run of digits
 * becomes one 0 (the runs are those of the text before anything is dropped), and whitespace, punctuation and
 * symbols (astral ones too) are dropped.
 */
function normalisedUnits(text: string): Uint16Array {
  const s = text.normalize('NFKC');
  const out = new Uint16Array(s.length);
  let n = 0;
  let inDigits = false;
  for (let i = 0; i < s.length; i++) {
    const u = s.charCodeAt(i);
    if (u >= 48 && u <= 57) {
      if (!inDigits) out[n++] = 48;
      inDigits = true;
      continue;
    }
    inDigits = false;
    if (u >= 0xd800 && u <= 0xdbff && i + 1 < s.length) {
      const v = s.charCodeAt(i + 1);
      if (v >= 0xdc00 && v <= 0xdfff) {
        const pair = s.slice(i, i + 2);
        let d = pairDropped.get(pair);
        if (d === undefined) pairDropped.set(pair, (d = DROPPED.test(pair)));
        if (!d) {
          out[n++] = u;
          out[n++] = v;
        }
        i++;
        continue;
      }
    }
    if (!dropped(u)) out[n++] = u;
  }
  return out.subarray(0, n);
}

/** A text prepared for comparison: its normalised units and its distinct shingles. */
export interface Shingled {
  /** Length of the normalised text. */
  length: number;
  units: Uint16Array;
  /** Hash of the shingle starting at each position. */
  hashes: Int32Array;
  /** Open addressing: start position + 1 of each distinct shingle, 0 for an empty slot. */
  slots: Int32Array;
  /** Number of distinct shingles. */
  distinct: number;
}

function hashAt(units: Uint16Array, i: number): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < SHINGLE; k++) h = Math.imul(h ^ units[i + k]!, 0x01000193);
  return h;
}

function sameShingle(a: Uint16Array, i: number, b: Uint16Array, j: number): boolean {
  for (let k = 0; k < SHINGLE; k++) if (a[i + k] !== b[j + k]) return false;
  return true;
}

/** The slot holding the shingle of `units` at `i` in `t`, or the empty slot where it would go. */
function probe(t: Shingled, units: Uint16Array, i: number, hash: number): number {
  const mask = t.slots.length - 1;
  for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
    const at = t.slots[slot]!;
    if (at === 0 || (t.hashes[at - 1] === hash && sameShingle(t.units, at - 1, units, i))) return slot;
  }
}

/** Prepares a text once, for checks that compare it with the year before and the year after. */
export function shingle(text: string): Shingled {
  const units = normalisedUnits(text);
  const windows = Math.max(0, units.length - SHINGLE + 1);
  let size = 16;
  while (size < windows * 2) size *= 2;
  const t: Shingled = { length: units.length, units, hashes: new Int32Array(windows), slots: new Int32Array(size), distinct: 0 };
  for (let i = 0; i < windows; i++) {
    const h = (t.hashes[i] = hashAt(units, i));
    const slot = probe(t, units, i, h);
    if (t.slots[slot] === 0) {
      t.slots[slot] = i + 1;
      t.distinct++;
    }
  }
  return t;
}

/** Whether a prepared text is long enough to call a copy (sharedShare is undefined otherwise). */
export const judgeable = (text: Shingled): boolean => text.length >= MIN_LENGTH;

/** copiedShare of two prepared texts. */
export function sharedShare(text: Shingled, other: Shingled): number | undefined {
  if (!judgeable(text)) return undefined;
  let shared = 0;
  for (const at of text.slots) {
    if (at === 0) continue;
    if (other.slots[probe(other, text.units, at - 1, text.hashes[at - 1]!)] !== 0) shared++;
  }
  return shared / text.distinct;
}

/** Share (0–1) of `text` found in `other`, or undefined when `text` is too short to judge. */
export function copiedShare(text: string, other: string): number | undefined {
  const mine = shingle(text);
  return judgeable(mine) ? sharedShare(mine, shingle(other)) : undefined;
}
