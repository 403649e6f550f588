// TXT: numbers the prose quotes (共收到申请N件, 予以公开N件 …) against the tables. The phrases are data in the
// format definitions (`prose`); a report may count on another basis, so a mismatch is a warning, never an error.
import type { Diagnostic } from '../load/diagnostics.ts';
import type { Report } from '../model/types.ts';
import { measureLabel, measureOf } from './measures.ts';
import { fill, ruleInfo } from './rules.ts';

export function checkProse(report: Report): Diagnostic[] {
  const out: Diagnostic[] = [];
  const info = ruleInfo('TXT');
  for (const check of report.format.def.prose) {
    const expected = measureOf(report, check.measure);
    if (expected === undefined) continue;
    const accepted = new Set([expected]);
    const others = (check.alsoWith ?? []).map((m) => measureOf(report, m));
    if (others.every((v) => v !== undefined)) accepted.add(expected + others.reduce((a, v) => a! + v!, 0)!);
    const re = new RegExp(check.pattern, 'g');
    for (const s of report.sections) {
      const lines = s.markdown.split('\n');
      lines.forEach((text, i) => {
        for (const m of text.matchAll(re)) {
          const n = Number(m[1]);
          if (accepted.has(n)) continue;
          const line = s.markdownLine + i;
          out.push({ file: report.file, line, col: (m.index ?? 0) + 1, severity: info.severity, rule: 'TXT', message: fill(info.template, { quote: m[0], measure: measureLabel(report, check.measure), expected }), hint: info.hint });
        }
      });
    }
  }
  return out;
}
