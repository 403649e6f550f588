// Building the site: check every source first (nothing is written if any has an error), let Eleventy write into a
// temporary folder beside the output, and swap it in only when the whole build succeeded. A failed build leaves
// the previous output exactly as it was.
import { existsSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Eleventy } from '@11ty/eleventy';
import { SourceErrors } from '../load/diagnostics.ts';
import { defaultPaths, loadSite } from '../load/site.ts';
import { preloadSite } from '../eleventy/plugin.ts';

export interface BuildOptions {
  root: string;
  /** Output folder, default <root>/_site. */
  output?: string;
  quiet?: boolean;
}

export const eleventyInput = (root: string): string => path.join(root, 'templates', 'pages');
export const eleventyConfigPath = (root: string): string => path.join(root, '.eleventy.ts');

/** Builds into `output` atomically. Throws SourceErrors (with every diagnostic) or the build's error. */
export async function buildSite(opts: BuildOptions): Promise<{ files: number }> {
  const paths = defaultPaths(opts.root);
  const output = path.resolve(opts.output ?? path.join(opts.root, '_site'));
  const loaded = loadSite(paths);
  if (!loaded.site) throw new SourceErrors(loaded.diagnostics);
  preloadSite(paths, loaded.site);

  const tmp = `${output}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  try {
    const cwd = process.cwd();
    // Eleventy resolves its folders against the working directory.
    process.chdir(opts.root);
    let written: unknown[];
    try {
      const elev = new Eleventy(eleventyInput(opts.root), tmp, { configPath: eleventyConfigPath(opts.root), quietMode: opts.quiet ?? true });
      const result = await elev.write();
      written = (Array.isArray(result) ? result.flat(2) : []) as unknown[];
    } finally {
      process.chdir(cwd);
    }
    const old = `${output}.old-${process.pid}`;
    if (existsSync(output)) renameSync(output, old);
    renameSync(tmp, output);
    rmSync(old, { recursive: true, force: true });
    return { files: written.length };
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}
