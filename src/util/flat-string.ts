// Template engines build their output by appending (`out += …`), which V8 keeps as a rope: one 32-byte node per
// append, over pieces that are often a few characters long. A rope is about three times the size of the same text
// stored flat. Eleventy keeps every rendered listing page (its content before and after the layout) until the build
// ends: at 100,000 reports those ropes were a large part of what ran the main thread out of heap. Reading a
// character in the middle makes V8 flatten the string in place: the one node left points at a flat copy, and the
// pieces can be collected.

/**
 * A copy of `s` that keeps nothing else alive. V8 keeps a substring as a slice of the string it was cut from: a
 * report's prose, cut from its source file's text, would keep the whole file (its data too) in memory for the rest
 * of the build. Slicing a concatenation first copies it into a new flat string, which the result then points into
 * (one copy, ~10× cheaper than a JSON round trip); V8 copies substrings under 13 characters anyway.
 */
export const ownString = (s: string): string => (s.length < 13 ? s : `${s} `.slice(0, -1));

/** `s`, flattened in place (the same string value; see above). */
export function flatString(s: string): string {
  if (s.length > 1) s.charCodeAt(s.length >> 1);
  return s;
}
