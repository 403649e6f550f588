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

/** SIMPLE's marks: a character to drop, a digit; any value above them is the unit to keep. */
export const DROP = 1;
export const DIGIT = 2;

/**
 * What normalisedUnits makes of each character report prose is mostly made of (0: any other character): ASCII,
 * the CJK ideographs, full-width ASCII (NFKC makes it ASCII), the ideographic space and common punctuation. NFKC
 * maps each of them to one code unit and none composes with a neighbour (no combining marks, no jamo), so a text
 * made only of them normalises character by character, without String#normalize. The ideographs are letters,
 * never dropped. tests/unit/fast-paths.test.ts checks every entry against String#normalize and DROPPED.
 */
export const SIMPLE = (() => {
  const t = new Uint16Array(0x10000);
  const map = (u: number, nfkc: number) => {
    const c = String.fromCharCode(nfkc);
    t[u] = nfkc >= 48 && nfkc <= 57 ? DIGIT : DROPPED.test(c) ? DROP : nfkc;
  };
  for (const u of [0x09, 0x0a, 0xb7, 0x2013, 0x2014, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x3001, 0x3002, 0x3007]) map(u, u);
  for (let u = 0x20; u <= 0x7e; u++) map(u, u);
  for (let u = 0x3008; u <= 0x3011; u++) map(u, u);
  for (let u = 0x3014; u <= 0x3015; u++) map(u, u);
  for (let u = 0xff01; u <= 0xff5e; u++) map(u, u - 0xfee0);
  map(0x3000, 0x20);
  for (let u = 0x3400; u <= 0x4dbf; u++) t[u] = u;
  for (let u = 0x4e00; u <= 0x9fff; u++) t[u] = u;
  return t;
})();

/** A Uint16Array of `length` on the storage of `reuse` when it is large enough, else a new one. */
function units16(reuse: Uint16Array | undefined, length: number): Uint16Array {
  if (reuse && reuse.buffer.byteLength >= length * 2) return new Uint16Array(reuse.buffer, 0, length);
  return new Uint16Array(roomFor(length)).subarray(0, length);
}

/**
 * `text.normalize('NFKC').replace(/\d+/g, '0').replace(/[\s\p{P}\p{S}]/gu, '')` as code units: a run of digits
 * becomes one 0 (the runs are those of the text before anything is dropped), and whitespace, punctuation and
 * symbols (astral ones too) are dropped.
 */
function normalisedUnits(text: string, reuse?: Uint16Array): Uint16Array {
  const out = units16(reuse, text.length);
  let n = 0;
  let inDigits = false;
  // A text of the characters in SIMPLE, one lookup each; any other character, and it takes the general way.
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    // Most of the text: ideographs, kept as they are (no table lookup).
    const v = u >= 0x4e00 && u <= 0x9fff ? u : SIMPLE[u]!;
    if (v > DIGIT) {
      out[n++] = v;
      inDigits = false;
    } else if (v === DIGIT) {
      if (!inDigits) out[n++] = 48;
      inDigits = true;
    } else if (v === DROP) {
      inDigits = false;
    } else {
      return normalisedUnitsOf(text.normalize('NFKC'), out);
    }
  }
  return out.subarray(0, n);
}

/** normalisedUnits of a text already in NFKC, into `out` (long enough). */
function normalisedUnitsOf(s: string, out: Uint16Array): Uint16Array {
  if (out.length < s.length) out = new Uint16Array(roomFor(s.length));
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
  /** Start position of each distinct shingle (its first occurrence), `distinct` of them. */
  firsts: Int32Array;
}

/**
 * Shingle hashes: a polynomial hash rolled from one window to the next (one step per position instead of eight),
 * then mixed (MurmurHash3's finaliser) so that the low bits, which pick the slot, depend on every unit. Any hash
 * gives the same answer — shingles are compared unit by unit — a good one only fewer comparisons.
 */
const BASE = 0x01000193;
let BASE_TOP = 1;
for (let k = 1; k < SHINGLE; k++) BASE_TOP = Math.imul(BASE_TOP, BASE);

function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
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

/** Typed arrays are costly to allocate (and to collect): new ones get room to be reused for longer texts. */
const roomFor = (length: number) => Math.max(1024, Math.ceil(length * 1.25));

/** An Int32Array of `length` on the storage of `reuse` when it is large enough (not cleared), else a new one. */
function int32s(reuse: Int32Array | undefined, length: number): Int32Array {
  if (reuse && reuse.buffer.byteLength >= length * 4) return new Int32Array(reuse.buffer, 0, length);
  return new Int32Array(roomFor(length)).subarray(0, length);
}

/**
 * Prepares a text once, for checks that compare it with the year before and the year after. `reuse`: a prepared
 * text no longer needed, whose storage this one may take over (it is then no longer valid).
 */
export function shingle(text: string, reuse?: Shingled): Shingled {
  const units = normalisedUnits(text, reuse?.units);
  const windows = Math.max(0, units.length - SHINGLE + 1);
  let size = 16;
  while (size < windows * 2) size *= 2;
  const slots = reuse && reuse.slots.buffer.byteLength >= size * 4 ? new Int32Array(reuse.slots.buffer, 0, size).fill(0) : new Int32Array(size);
  const hashes = int32s(reuse?.hashes, windows);
  const firsts = int32s(reuse?.firsts, windows);
  // probe() written out, on locals: this loop runs once per character of every report's prose.
  const mask = size - 1;
  let distinct = 0;
  let rolling = 0;
  for (let k = 0; k < SHINGLE - 1 && k < units.length; k++) rolling = (Math.imul(rolling, BASE) + units[k]!) | 0;
  for (let i = 0; i < windows; i++) {
    if (i > 0) rolling = (rolling - Math.imul(units[i - 1]!, BASE_TOP)) | 0;
    rolling = (Math.imul(rolling, BASE) + units[i + SHINGLE - 1]!) | 0;
    const h = (hashes[i] = mix(rolling));
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const at = slots[slot]!;
      if (at === 0) {
        slots[slot] = i + 1;
        firsts[distinct++] = i;
        break;
      }
      if (hashes[at - 1] === h && sameShingle(units, at - 1, units, i)) break;
    }
  }
  return { length: units.length, units, hashes, slots, distinct, firsts };
}

/** Whether a prepared text is long enough to call a copy (sharedShare is undefined otherwise). */
export const judgeable = (text: Shingled): boolean => text.length >= MIN_LENGTH;

/** copiedShare of two prepared texts. */
export function sharedShare(text: Shingled, other: Shingled): number | undefined {
  return sharedShareAtLeast(text, other, 0);
}

/**
 * sharedShare when it is at least `min`, else undefined: it stops as soon as the shingles left cannot bring the
 * share up to `min` (most pairs of reports share far less than SAME's threshold).
 */
export function sharedShareAtLeast(text: Shingled, other: Shingled, min: number): number | undefined {
  if (!judgeable(text)) return undefined;
  const { distinct, firsts, units, hashes } = text;
  // The fewest shared shingles whose share (the same division as below) reaches `min`.
  let need = Math.max(0, Math.ceil(min * distinct));
  while (need > 0 && (need - 1) / distinct >= min) need--;
  while (need <= distinct && need / distinct < min) need++;
  let shared = 0;
  for (let k = 0; k < distinct; k++) {
    const i = firsts[k]!;
    if (other.slots[probe(other, units, i, hashes[i]!)] !== 0) shared++;
    // Even if every shingle left were shared, the share would stay below `min`.
    else if (shared + (distinct - k - 1) < need) return undefined;
  }
  const share = shared / distinct;
  return share >= min ? share : undefined;
}

/** Share (0–1) of `text` found in `other`, or undefined when `text` is too short to judge. */
export function copiedShare(text: string, other: string): number | undefined {
  const mine = shingle(text);
  return judgeable(mine) ? sharedShare(mine, shingle(other)) : undefined;
}
