// `nianbao check`: loads and checks every source without building anything, and prints the diagnostics for an
// editor (human), a program (json) or GitHub Actions (github). Loads only the loader and the checks — never
// Eleventy, nor markdown-it unless a report needs it (see src/load/markdown-ref.ts) — so that CI pays for checking
// and nothing else.
import { formatHuman, sortDiagnostics, type Diagnostic } from '../load/diagnostics.ts';
import type { CheckWorker } from '../load/check-pool.ts';
import { checkSite } from '../load/parallel.ts';
import { defaultPaths } from '../load/site-core.ts';

export function printDiagnostics(ds: Diagnostic[], format: string): void {
  const sorted = sortDiagnostics(ds);
  if (format === 'json') {
    console.log(JSON.stringify(sorted, null, 2));
  } else if (format === 'github') {
    // GitHub Actions workflow commands: one annotation per problem on the file and line.
    const esc = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
    const prop = (s: string) => esc(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
    for (const d of sorted) {
      const level = d.severity === 'error' ? 'error' : 'warning';
      console.log(`::${level} file=${prop(d.file)},line=${d.line},col=${d.col},title=${prop(d.rule)}::${esc(d.message + (d.hint ? `\n提示：${d.hint}` : ''))}`);
    }
  } else {
    for (const d of sorted) console.error(formatHuman(d));
    const errors = sorted.filter((d) => d.severity === 'error').length;
    const warnings = sorted.length - errors;
    if (sorted.length) console.error(`\n共 ${errors} 个错误，${warnings} 个警告。`);
  }
}

/**
 * Checks the content under `root`; the exit code is 1 if any source has an error. On this thread and `workers`
 * (check threads started ahead, see check-pool.ts), else on as many threads as threadsFor finds worth it; the
 * diagnostics are loadSite's, whatever the number of threads.
 */
export async function runCheck(root: string, format: string, workers?: CheckWorker[]): Promise<number> {
  const r = await checkSite(defaultPaths(root), { workers });
  printDiagnostics(r.diagnostics, format);
  const ok = !r.diagnostics.some((d) => d.severity === 'error');
  if (ok && format === 'human') console.error(`检查通过：${r.reports} 份报告。`);
  return ok ? 0 : 1;
}
