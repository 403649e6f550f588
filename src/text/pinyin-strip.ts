// Removes pinyin glued after Han characters by scraping <ruby> markup with textContent:
// <ruby>臺<rp>(</rp><rt>tái</rt><rp>)</rp></ruby> -> 臺(tái). See site-norms.md, "Chinese text".
// An annotation is removed only if it is a reading of the character it follows, so ordinary
// parentheses ((PDF), (a), (试行), (一), URLs, document numbers) survive. Plain text only: never run
// this over attributes or URLs.
import { polyphonic } from 'pinyin-pro';
import { toSimplified } from './script.ts';

export interface PinyinRemoval {
  /** UTF-16 offset of the Han character in the NFC-normalised input. */
  index: number;
  han: string;
  /** The annotation as written, without parentheses (one entry per removed group). */
  reading: string;
}

export type KeptReason = 'capitalised' | 'not-a-reading' | 'unknown-character';

export interface PinyinKept {
  /** UTF-16 offset of the Han character in the NFC-normalised input. */
  index: number;
  han: string;
  /** All consecutive groups as written, parentheses included, e.g. "(bào)". */
  annotation: string;
  reason: KeptReason;
}

export interface StripResult {
  text: string;
  removed: PinyinRemoval[];
  kept: PinyinKept[];
}

// Letters that occur in pinyin: ASCII, toned vowels, ü, ê, toned m/n (NFC-composed; stray combining
// marks tolerated). Broader Latin (ß, ª, roman numerals) is deliberately excluded.
const LETTER = String.raw`[A-Za-zÀ-ÅÈ-ÏÒ-ÖÙ-Üà-åè-ïò-öù-üĀ-ōŪ-ūǍ-ǜḾḿŃńŇňǸǹ]`;
// One such word in ASCII or full-width parentheses; an optional tone digit (tai2) is tolerated.
// No spaces, digits-only, punctuation or Han inside, so (2023), (https://…), (街), (一) never match.
const GROUP_SRC = String.raw`[(（]${LETTER}(?:${LETTER}|\p{M})*[1-5]?[)）]`;
// A Han character directly followed by one or more groups: 政(zheng)(zheng). In nested (室(shi)) the
// inner 室(shi) matches and the outer parentheses stay.
const ANNOTATED = new RegExp(String.raw`(\p{Script=Han})((?:${GROUP_SRC})+)`, 'gu');
const GROUP = new RegExp(GROUP_SRC, 'gu');

/** Tone marks only; the diaeresis of ü (U+0308) is kept and folded to v afterwards. */
const TONE_MARKS = /[\u0300\u0301\u0304\u030C]/g;

/** Toneless, ü/v-folded form used on both sides of the comparison. */
export function foldPinyin(syllable: string): string {
  return syllable
    .normalize('NFD')
    .replace(TONE_MARKS, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[1-5]$/, '')
    .replace(/ü/g, 'v')
    .replace(/ê/g, 'e');
}

const readingCache = new Map<string, ReadonlySet<string>>();

/** Plain Latin results only: pinyin-pro echoes the character back when it has no reading. */
const isPinyin = (s: string): boolean => /^[a-zv]+$/.test(s);

function readingsOf(ch: string): string[] {
  const lists = [
    ...polyphonic(ch, { type: 'array', toneType: 'none', v: true }),
    ...polyphonic(ch, { type: 'array', toneType: 'none', v: true, traditional: true }),
  ];
  return lists.flat().map(foldPinyin).filter(isPinyin);
}

/**
 * All toneless readings of a character, from pinyin-pro's polyphonic() over the character itself and
 * over its Simplified form (mirror pages carry Traditional characters, and some such as 綠 list fewer
 * readings than 绿).
 */
export function readingsFor(han: string): ReadonlySet<string> {
  const cached = readingCache.get(han);
  if (cached) return cached;
  const set = new Set(readingsOf(han));
  const simplified = toSimplified(han);
  if (simplified !== han && [...simplified].length === 1) {
    for (const r of readingsOf(simplified)) set.add(r);
  }
  readingCache.set(han, set);
  return set;
}

/**
 * Strips glued pinyin annotations. A run of groups after one character is removed only if every group
 * is a lowercase reading of that character; otherwise the whole run is kept and reported.
 */
export function stripGluedPinyin(input: string): StripResult {
  const text = input.normalize('NFC');
  const removed: PinyinRemoval[] = [];
  const kept: PinyinKept[] = [];
  let out = '';
  let last = 0;

  for (const m of text.matchAll(ANNOTATED)) {
    const index = m.index ?? 0;
    const han = m[1] ?? '';
    const annotation = m[2] ?? '';
    const groups = [...annotation.matchAll(GROUP)].map((g) => g[0].slice(1, -1));

    let reason: KeptReason | null = null;
    if (groups.some((g) => /\p{Lu}/u.test(g))) {
      // (Wang), (PDF): names and abbreviations, not ruby annotations.
      reason = 'capitalised';
    } else {
      const readings = readingsFor(han);
      if (readings.size === 0) reason = 'unknown-character';
      else if (!groups.every((g) => readings.has(foldPinyin(g)))) reason = 'not-a-reading';
    }

    if (reason) {
      kept.push({ index, han, annotation, reason });
      continue;
    }
    for (const reading of groups) removed.push({ index, han, reading });
    out += text.slice(last, index) + han;
    last = index + m[0].length;
  }

  return { text: out + text.slice(last), removed, kept };
}
