// Local preview with Eleventy's dev server; edits to reports/ rebuild and reload the page.
import { Eleventy } from '@11ty/eleventy';
import { eleventyConfigPath, eleventyInput } from './build.ts';
import path from 'node:path';

export async function serveSite(root: string, port: number): Promise<void> {
  process.chdir(root);
  const elev = new Eleventy(eleventyInput(root), path.join(root, '_site'), { configPath: eleventyConfigPath(root), runMode: 'serve', source: 'cli' });
  await elev.init();
  await elev.watch();
  elev.serve(port);
}
