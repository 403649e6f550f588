// Script detection and Traditional <-> Simplified conversion (site-norms.md, "Chinese text").
// Conversion to Simplified must only run on text detected as Traditional: tw->cn over text that is
// already Simplified corrupts names (乾县 -> 干县), hence detection plus a protected-terms list.
import { ConverterBuilder } from 'opencc-js/core';
import * as t2cn from 'opencc-js/preset/t2cn';
import { s2tw } from './s2tw.ts';

export type Script = 'hant' | 'hans' | 'unknown';

/**
 * Simplified terms that Traditional->Simplified conversion must leave verbatim. opencc tw->cn maps the
 * character 乾 to 干 outside its phrase dictionary, so these come out wrong when converted.
 * Their Traditional spellings (乾縣) are mapped to these forms too.
 */
export const PROTECTED_TERMS: readonly string[] = ['乾县', '乾安县'];

type Convert = (text: string) => string;

// Building opencc converters loads large dictionaries: create each once, on first use. tw -> cn is opencc-js's own
// converter from its tw -> cn preset (what OpenCC.Converter builds, without loading the other presets' data);
// cn -> tw is opencc-js's conversion compiled into one pass (s2tw.ts), the largest cost of a build's renditions.
let t2s: Convert | undefined;
const traditionalToSimplified = (): Convert => (t2s ??= ConverterBuilder(t2cn as never)({ from: 'tw', to: 'cn' }));
// Plain 'tw', not 'twp': the phrase mode changes vocabulary, unwanted in official text.
const simplifiedToTraditional = (): Convert => s2tw().convert;

const HAN = /\p{Script=Han}/u;

// Per-character classification cache; bounded by the number of distinct Han characters.
const markerCache = new Map<string, 'hant' | 'hans' | null>();

/**
 * A character counts as a Traditional marker if tw->cn changes it and the change round-trips
 * (發 -> 发 -> 發). Characters that are also valid Simplified (乾 -> 干 -> 幹) do not round-trip and are
 * ignored, so a Simplified text naming 乾县 is not mistaken for Traditional. Same idea the other way.
 */
function classifyChar(ch: string): 'hant' | 'hans' | null {
  const cached = markerCache.get(ch);
  if (cached !== undefined) return cached;
  let result: 'hant' | 'hans' | null = null;
  const simp = traditionalToSimplified()(ch);
  if (simp !== ch && simplifiedToTraditional()(simp) === ch) {
    result = 'hant';
  } else {
    const trad = simplifiedToTraditional()(ch);
    if (trad !== ch && traditionalToSimplified()(trad) === ch) result = 'hans';
  }
  markerCache.set(ch, result);
  return result;
}

/** Minimum number of distinguishing characters before any verdict. */
const MIN_MARKERS = 2;
/** One script must outnumber the other by this factor (mirror sites mix in stray 于, 范, 并). */
const DOMINANCE = 2;

export interface ScriptCounts {
  hant: number;
  hans: number;
}

/** Counts Traditional-only and Simplified-only characters (occurrences, not distinct). */
export function countScriptMarkers(text: string): ScriptCounts {
  const counts: ScriptCounts = { hant: 0, hans: 0 };
  for (const ch of text) {
    if (!HAN.test(ch)) continue;
    const kind = classifyChar(ch);
    if (kind) counts[kind]++;
  }
  return counts;
}

/** 'hant' or 'hans' when one script clearly dominates, otherwise 'unknown' (too short or mixed). */
export function detectScript(text: string): Script {
  const { hant, hans } = countScriptMarkers(text);
  if (hant + hans < MIN_MARKERS) return 'unknown';
  if (hant >= DOMINANCE * hans) return 'hant';
  if (hans >= DOMINANCE * hant) return 'hans';
  return 'unknown';
}

let protectedPattern: RegExp | undefined;
let protectedCanonical: Map<string, string> | undefined;

/** Regex matching every protected term in Simplified or Traditional spelling, longest first. */
function protectedRegex(): { re: RegExp; canonical: Map<string, string> } {
  if (!protectedPattern || !protectedCanonical) {
    const canonical = new Map<string, string>();
    for (const term of PROTECTED_TERMS) {
      canonical.set(term, term);
      canonical.set(simplifiedToTraditional()(term), term);
    }
    const alternatives = [...canonical.keys()]
      .sort((a, b) => b.length - a.length)
      .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    protectedPattern = new RegExp(alternatives.join('|'), 'gu');
    protectedCanonical = canonical;
  }
  return { re: protectedPattern, canonical: protectedCanonical };
}

/**
 * Traditional (Taiwan standard) -> Simplified, opencc {from:'tw', to:'cn'}. Call only on text that
 * detectScript() reports as 'hant'. Protected terms are cut out and emitted in their Simplified form;
 * the text between them is converted separately (phrase context across a term boundary is lost).
 */
export function toSimplified(text: string): string {
  const convert = traditionalToSimplified();
  const { re, canonical } = protectedRegex();
  let out = '';
  let last = 0;
  for (const m of text.matchAll(re)) {
    const start = m.index ?? 0;
    out += convert(text.slice(last, start)) + (canonical.get(m[0]) ?? m[0]);
    last = start + m[0].length;
  }
  return out + convert(text.slice(last));
}

/** Simplified -> Traditional (Taiwan) for a zh-Hant rendition, opencc {from:'cn', to:'tw'}. */
export function toTraditional(text: string): string {
  return simplifiedToTraditional()(text);
}
