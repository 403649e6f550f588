// markdown-it, for the loader, when the program has it. It is about a hundred modules, a quarter of a second to
// load through tsx (on every thread), and `nianbao check` rarely needs it: only for a report body the plain
// heading reader cannot read (src/load/headings.ts), never for HTML. So the loader's core modules (site-core.ts,
// report-core.ts, prose.ts, headings.ts) do not import it; markdown.ts does and hands it over here, and the public
// entries site.ts and report.ts import markdown.ts first — whoever loads through them has it. `nianbao check`
// (parallel.ts) imports the core only and, should a body need markdown-it, loads it and checks that chunk again.
import type MarkdownIt from 'markdown-it';

let instance: MarkdownIt | undefined;

/** Thrown where markdown-it is needed before it was loaded (only the core modules were imported). */
export class MarkdownNotLoaded extends Error {
  constructor() {
    super('markdown-it is not loaded: import src/load/markdown.ts (or src/load/site.ts) first');
  }
}

/** Called by markdown.ts with the site's markdown-it (src/render/markdown.ts). */
export function provideMarkdown(md: MarkdownIt): void {
  instance = md;
}

/** The site's markdown-it, or MarkdownNotLoaded. */
export function markdownNow(): MarkdownIt {
  if (!instance) throw new MarkdownNotLoaded();
  return instance;
}

/** Loads markdown-it (once) for what needs it next. */
export async function loadMarkdown(): Promise<void> {
  if (!instance) await import('./markdown.ts');
}
