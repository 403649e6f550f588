// TXT: numbers the prose quotes (共收到申请N件, 予以公开N件 …) against the tables. The phrases are data in the
// format definitions (`prose`); a report may count on another basis, so a mismatch is a warning, never an error.
import type { Diagnostic } from '../load/diagnostics.ts';
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

export function checkProse(report: Report): Diagnostic[] {
  const out: Diagnostic[] = [];
  const info = ruleInfo('TXT');
  let lines: string[][] | undefined;
  for (const check of report.format.def.prose) {
    const expected = measureOf(report, check.measure);
    if (expected === undefined) continue;
    const accepted = new Set([expected]);
    const others = (check.alsoWith ?? []).map((m) => measureOf(report, m));
    if (others.every((v) => v !== undefined)) accepted.add(expected + others.reduce((a, v) => a! + v!, 0)!);
    const re = pattern(check.pattern);
    lines ??= report.sections.map((s) => s.markdown.split('\n'));
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
