// How much of one text is found in another: the share of its 8-character shingles (digits masked, whitespace and
// punctuation dropped) that also occur in the other. Masking digits means a copy with new numbers still counts.
const SHINGLE = 8;
/** Texts shorter than this (in kept characters) are too short to call a copy. */
const MIN_LENGTH = 200;

function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\d+/g, '0')
    .replace(/[\s\p{P}\p{S}]/gu, '');
}

function shingles(text: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + SHINGLE <= text.length; i++) out.add(text.slice(i, i + SHINGLE));
  return out;
}

/** Share (0–1) of `text` found in `other`, or undefined when `text` is too short to judge. */
export function copiedShare(text: string, other: string): number | undefined {
  const a = normalise(text);
  if (a.length < MIN_LENGTH) return undefined;
  const mine = shingles(a);
  const theirs = shingles(normalise(other));
  let shared = 0;
  for (const s of mine) if (theirs.has(s)) shared++;
  return shared / mine.size;
}
