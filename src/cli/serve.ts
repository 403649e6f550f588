// Local preview with Eleventy's dev server; edits to reports/ rebuild and reload the page.
import path from 'node:path';
import { PACKAGE_ROOT } from '../eleventy/config.ts';
import { createEleventy } from './build.ts';

export async function serveSite(root: string, port: number): Promise<void> {
  const output = path.resolve(root, '_site');
  const elev = createEleventy(path.resolve(root), output, { runMode: 'serve', source: 'cli', quietMode: false });
  process.chdir(PACKAGE_ROOT);
  await elev.init();
  await elev.watch();
  elev.serve(port);
}
