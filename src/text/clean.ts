// Clean-up pipeline for report text scraped from mirror sites (site-norms.md, "Chinese text").
import { stripGluedPinyin, type PinyinKept, type PinyinRemoval } from './pinyin-strip.ts';
import { detectScript, toSimplified, type Script } from './script.ts';

export interface CleanResult {
  text: string;
  /** Number of annotation groups removed (政(zheng)(zheng) counts 2). */
  removedPinyin: number;
  /** True when the text was detected as Traditional and converted to Simplified. */
  converted: boolean;
  /** Annotations left in place, for logging. Indices refer to the NFC, LF-normalised input. */
  kept: PinyinKept[];
  /** What was removed, for logging (same index basis as `kept`). */
  removed: PinyinRemoval[];
  /** Script detected after pinyin stripping, before any conversion. */
  script: Script;
}

/**
 * NFC -> line endings to LF -> strip glued pinyin -> Traditional to Simplified only if the text is
 * detected as Traditional (converting Simplified text would corrupt names such as 乾县).
 */
export function cleanScrapedText(input: string): CleanResult {
  // Line endings first so that reported indices match the returned text's line structure.
  const normalised = input.normalize('NFC').replace(/\r\n?/g, '\n');
  const stripped = stripGluedPinyin(normalised);
  const script = detectScript(stripped.text);
  const converted = script === 'hant';
  return {
    text: converted ? toSimplified(stripped.text) : stripped.text,
    removedPinyin: stripped.removed.length,
    converted,
    kept: stripped.kept,
    removed: stripped.removed,
    script,
  };
}
