// Eleventy configuration: thin on purpose; everything is in src/eleventy/. `npm run build` uses the same
// configuration programmatically; this file serves Eleventy's own CLI:
//   tsx node_modules/@11ty/eleventy/cmd.cjs --config=.eleventy.ts --input=templates/pages
import { configure } from './src/eleventy/config.ts';
import type { EleventyConfig } from './src/eleventy/plugin.ts';

export default function (eleventyConfig: EleventyConfig) {
  // The content root (site.yml, reports/) is the working directory unless NIANBAO_CONTENT names another.
  return configure(eleventyConfig, process.env.NIANBAO_CONTENT ?? process.cwd());
}
