// Template helpers for Eleventy's Nunjucks environment: the very ones src/render/templates.ts gives the per-report
// renderer, so listing pages and report pages use one set.
import { templateHelpers } from '../render/templates.ts';
import type { EleventyConfig } from './plugin.ts';

export function registerFilters(config: EleventyConfig, prefix: string): void {
  const h = templateHelpers(prefix);
  for (const [name, fn] of Object.entries(h.filters)) config.addFilter(name, fn);
  for (const [name, v] of Object.entries(h.globals)) config.addNunjucksGlobal(name, v);
}
