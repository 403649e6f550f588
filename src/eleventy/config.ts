// The whole Eleventy configuration, as a function both entry points share: .eleventy.ts (for Eleventy's own CLI)
// and the programmatic build in src/cli/build.ts (which passes it as the `config` callback, so that the config is
// loaded in the same module graph as the CLI, under tsx or vitest alike).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultPaths, readPathPrefix } from '../load/site.ts';
import { nianbaoPlugin, type EleventyConfig } from './plugin.ts';
import { openDataPlugin } from './open-data.ts';
import { writeRenditions, type RenderedPage } from './renditions.ts';
import { timed } from '../util/timings.ts';

export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const INPUT_DIR = path.join(PACKAGE_ROOT, 'templates', 'pages');

/** Optional outputs chosen per build. */
export interface BuildFeatures {
  /** Report PDFs are printed after the build (nianbao build --pdf): pages link to them. */
  pdf?: boolean;
  /**
   * Only the listing pages (and their renditions): the dev server's refresh after it has already rewritten the
   * edited report's own pages. Report pages, open data and the search index are left as they are.
   */
  listingsOnly?: boolean;
  /**
   * Earlier output folders (the previous build, shard builds): reports whose pages would come out the same are
   * linked from them instead of being rendered again (src/report-pages/reuse.ts). Unset: every report is rendered.
   */
  reuseFrom?: string[];
}

export function configure(eleventyConfig: EleventyConfig, contentRoot: string, features: BuildFeatures = {}) {
  eleventyConfig.addPlugin(nianbaoPlugin, { root: contentRoot, features });
  eleventyConfig.addGlobalData('features', { pdf: features.pdf === true });
  eleventyConfig.addPlugin(openDataPlugin, { write: !features.listingsOnly });
  // Static assets (CSS, the reading-aid script) are copied as they are.
  eleventyConfig.addPassthroughCopy({ [path.join(PACKAGE_ROOT, 'templates', 'assets')]: 'assets' });
  // The source files' JSON Schemas (npm run schema), for editors and tools that fetch them from the site.
  eleventyConfig.addPassthroughCopy({ [path.join(PACKAGE_ROOT, 'schema')]: 'schema' });
  // Only Nunjucks page templates are inputs; report sources are data loaded by the plugin, never templates.
  eleventyConfig.setTemplateFormats(['njk']);
  // Relative to the input folder templates/pages. The layout, base.njk, is among the includes: listing pages extend
  // it with Nunjucks's own `{% extends %}` rather than naming it as an Eleventy layout, for which Eleventy would keep
  // each page twice (its body and the whole page) until the build ends.
  eleventyConfig.setIncludesDirectory('../includes');
  const pathPrefix = readPathPrefix(defaultPaths(contentRoot));
  // Reader renditions from the rendered pages (zh-Hant copy of every page, pinyin for reports).
  eleventyConfig.on('eleventy.after', ({ results, directories }: { results: RenderedPage[]; directories: { output: string } }) => {
    timed('列表页繁体版', () => writeRenditions(results, directories.output, pathPrefix));
  });
  return {
    markdownTemplateEngine: false as const,
    htmlTemplateEngine: 'njk',
    // The site can live under a subpath of an existing portal (site.yml 路径前缀).
    pathPrefix,
  };
}
