// TXT: numbers the prose quotes (共收到申请N件, 予以公开N件 …) against the tables. The phrases are data in the
// format definitions (`prose`); a report may count on another basis, so a mismatch is a warning, never an error.
import type { Diagnostic } from '../load/diagnostics.ts';
import type { ProseCheckDef } from '../formats/index.ts';
import type { Report } from '../model/types.ts';
import { measureLabel, measureOf } from './measures.ts';
import { fill, ruleInfo } from './rules.ts';

/**
 * Each phrase's expression, compiled once: `all` for matchAll (which copies it, so one instance serves every
 * report), and `any`, without the g flag, to pass over in one test the many lines that quote nothing.
 */
const PATTERNS = new Map<string, { all: RegExp; any: RegExp }>();
function pattern(source: string): { all: RegExp; any: RegExp } {
  let re = PATTERNS.get(source);
  if (!re) PATTERNS.set(source, (re = { all: new RegExp(source, 'g'), any: new RegExp(source) }));
  return re;
}

/**
 * All phrases of a format in one expression, to pass over in one test the lines that quote none of them — or
 * undefined if a phrase refers back to one of its groups by number, which would mean another group in the union.
 */
const ANY_PHRASE = new WeakMap<readonly ProseCheckDef[], RegExp | null>();
function anyPhrase(checks: readonly ProseCheckDef[]): RegExp | undefined {
  let re = ANY_PHRASE.get(checks);
  if (re === undefined) {
    re = checks.some((c) => /\\[1-9k]/.test(c.pattern)) ? null : new RegExp(checks.map((c) => `(?:${c.pattern})`).join('|'));
    ANY_PHRASE.set(checks, re);
  }
  return re ?? undefined;
}

export function checkProse(report: Report): Diagnostic[] {
  const out: Diagnostic[] = [];
  const info = ruleInfo('TXT');
  let lines: string[][] | undefined;
  const any = anyPhrase(report.format.def.prose);
  for (const check of report.format.def.prose) {
    const expected = measureOf(report, check.measure);
    if (expected === undefined) continue;
    const accepted = new Set([expected]);
    const others = (check.alsoWith ?? []).map((m) => measureOf(report, m));
    if (others.every((v) => v !== undefined)) accepted.add(expected + others.reduce((a, v) => a! + v!, 0)!);
    const re = pattern(check.pattern);
    // Each section's lines, with those that quote no phrase left out (as empty lines: line numbers stay).
    lines ??= report.sections.map((s) => s.markdown.split('\n').map((l) => (!any || any.test(l) ? l : '')));
    for (let si = 0; si < report.sections.length; si++) {
      const s = report.sections[si]!;
      const sectionLines = lines[si]!;
      for (let i = 0; i < sectionLines.length; i++) {
        const text = sectionLines[i]!;
        if (!re.any.test(text)) continue;
        for (const m of text.matchAll(re.all)) {
          const n = Number(m[1]);
          if (accepted.has(n)) continue;
          const line = s.markdownLine + i;
          out.push({ file: report.file, line, col: (m.index ?? 0) + 1, severity: info.severity, rule: 'TXT', message: fill(info.template, { quote: m[0], measure: measureLabel(report, check.measure), expected }), hint: info.hint });
        }
      }
    }
  }
  return out;
}
