// Eleventy configuration: thin on purpose. Everything nianbao does is in src/eleventy/plugin.ts.
// Loaded through tsx: `tsx node_modules/@11ty/eleventy/cmd.cjs --config=.eleventy.ts` (see src/cli/build.ts).
import { nianbaoPlugin, type EleventyConfig } from './src/eleventy/plugin.ts';
import { defaultPaths, readPathPrefix } from './src/load/site.ts';

const root = process.env.NIANBAO_ROOT ?? process.cwd();

export default function (eleventyConfig: EleventyConfig) {
  eleventyConfig.addPlugin(nianbaoPlugin, { root });
  // Static assets (CSS, the reading-aid script) are copied as they are.
  eleventyConfig.addPassthroughCopy({ 'templates/assets': 'assets' });
  // Only Nunjucks page templates are inputs; report sources are data, loaded by the plugin, never templates.
  eleventyConfig.setTemplateFormats(['njk']);
  return {
    dir: { input: 'templates/pages', includes: '../includes', layouts: '../layouts' },
    markdownTemplateEngine: false,
    htmlTemplateEngine: 'njk',
    // The site can live under a subpath of an existing portal (site.yml 路径前缀).
    pathPrefix: readPathPrefix(defaultPaths(root)),
  };
}
