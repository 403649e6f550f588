// A TypeScript entry and everything it imports, compiled once into plain JavaScript and kept on disk, so that a
// thread can run it without tsx. Through tsx a worker thread starts a module-loader thread of its own, loads tsx
// and esbuild into both, and sends every import to the loader: about half a second of CPU per thread before it
// does anything, each time a `nianbao check` starts one. A compiled entry is one file to read.
//
// The bundle is made with esbuild (tsx's own compiler: the same TypeScript semantics, tsconfig.json included) with
// code splitting, so that a dynamic import stays a separate file loaded only when asked for — markdown-it, for
// one (src/load/markdown-ref.ts) — and shares the modules it imports with the entry. It lives under
// node_modules/.cache/nianbao/, in a folder named by the hash of every file it was made from; a manifest per entry
// names that folder and those files with their hashes. A thread reads the files again (about a millisecond) and
// uses the bundle only if each is unchanged; else it compiles anew (a quarter of a second). Writes are atomic
// (a folder renamed into place), so threads and processes may compile at once. Anything that goes wrong gives
// undefined, and the caller goes through tsx instead.
//
// Modules find files beside their sources (templates, the package root) through import.meta.url, which inside a
// bundle would be the bundle's URL: in nianbao's own sources it is replaced by the source file's URL as it is
// compiled, so a bundled module resolves what it resolved unbundled.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { threadId } from 'node:worker_threads';

/**
 * How bundles are made (with outdir and the entry added). Part of every bundle's key and checked against each
 * manifest: a bundle made another way is not used.
 */
const OPTIONS = {
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  // Only nianbao's own sources are compiled; packages are imported from node_modules as they are (several are
  // CommonJS, which requires Node's built-ins in ways an ES module bundle cannot).
  packages: 'external',
  target: `node${process.versions.node.split('.')[0]}`,
  outExtension: { '.js': '.mjs' },
  sourcemap: 'linked',
  // As tsx compiles: function and class names kept as written (bundling may rename clashing top-level names).
  keepNames: true,
  metafile: true,
  logLevel: 'silent',
};
const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SOURCES = path.join(PACKAGE_ROOT, 'src') + path.sep;

/** esbuild plugin: import.meta.url in nianbao's own sources becomes the source file's URL (see above). */
const sourceUrls = {
  name: 'nianbao-source-urls',
  setup(build) {
    build.onLoad({ filter: /\.(ts|mjs|js)$/ }, async (args) => {
      if (!args.path.startsWith(SOURCES)) return undefined;
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      return {
        contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
        loader: args.path.endsWith('.ts') ? 'ts' : 'js',
        resolveDir: path.dirname(args.path),
      };
    });
  },
};
// The plugin is part of the recipe by its name and version (JSON leaves functions out).
const RECIPE = JSON.stringify(['nianbao-ts-bundle-4', process.versions.node, OPTIONS, sourceUrls.name]);
export const DEFAULT_CACHE = path.join(PACKAGE_ROOT, 'node_modules', '.cache', 'nianbao', 'bundles');

const sha = (data) => createHash('sha256').update(data).digest('hex');

/** The manifest of an entry: one per entry file, whatever its bundle folder. */
const manifestFile = (cache, entryFile) => path.join(cache, `${path.basename(entryFile).replace(/\W/g, '_')}-${sha(entryFile).slice(0, 12)}.json`);

/** The file URL of `entry` compiled, if the cached bundle was made from the files as they are now; else undefined. */
export function cachedBundle(entry, cache = DEFAULT_CACHE) {
  const entryFile = fileURLToPath(entry);
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestFile(cache, entryFile), 'utf8'));
  } catch {
    return undefined;
  }
  if (manifest.recipe !== RECIPE || manifest.entry !== entryFile) return undefined;
  for (const [file, hash] of Object.entries(manifest.inputs)) {
    try {
      if (sha(readFileSync(path.resolve(PACKAGE_ROOT, file))) !== hash) return undefined;
    } catch {
      return undefined;
    }
  }
  return pathToFileURL(path.join(cache, manifest.dir, manifest.main)).href;
}

/** esbuild: the package's own, else tsx's. */
function loadEsbuild() {
  const require = createRequire(import.meta.url);
  try {
    return require('esbuild');
  } catch {
    return createRequire(require.resolve('tsx'))('esbuild');
  }
}

/** Compiles `entry` into the cache and returns the file URL of its bundle. Throws if it cannot. */
export async function buildBundle(entry, cache = DEFAULT_CACHE) {
  const entryFile = fileURLToPath(entry);
  const esbuild = loadEsbuild();
  mkdirSync(cache, { recursive: true });
  const tmp = path.join(cache, `tmp-${process.pid}-${threadId}-${Date.now()}`);
  try {
    const result = await esbuild.build({ ...OPTIONS, plugins: [sourceUrls], entryPoints: [entryFile], absWorkingDir: PACKAGE_ROOT, outdir: tmp });
    // Every file the bundle was made from, by its path from the package root (the metafile's own form).
    const inputs = {};
    // tsconfig.json too: esbuild reads it, and its metafile does not name it.
    for (const file of [...Object.keys(result.metafile.inputs).sort(), 'tsconfig.json']) inputs[file] = sha(readFileSync(path.resolve(PACKAGE_ROOT, file)));
    // The entry's own output: with splitting, each dynamic import is an entry point of its own too.
    const entryPoint = path.relative(PACKAGE_ROOT, entryFile).split(path.sep).join('/');
    const main = Object.entries(result.metafile.outputs).find(([, o]) => o.entryPoint === entryPoint)?.[0];
    if (!main) throw new Error(`esbuild gave no entry for ${entryFile}`);
    const dir = sha(JSON.stringify([RECIPE, esbuild.version, entryFile, inputs])).slice(0, 24);
    try {
      renameSync(tmp, path.join(cache, dir));
    } catch (e) {
      // The same bundle, put in place by another thread or process meanwhile.
      if (e?.code !== 'ENOTEMPTY' && e?.code !== 'EEXIST') throw e;
    }
    const manifest = { recipe: RECIPE, entry: entryFile, dir, main: path.relative(tmp, path.resolve(PACKAGE_ROOT, main)), inputs };
    const file = manifestFile(cache, entryFile);
    let previous;
    try {
      previous = JSON.parse(readFileSync(file, 'utf8')).dir;
    } catch {
      // No bundle before this one.
    }
    writeFileSync(`${tmp}.json`, JSON.stringify(manifest, null, 2));
    renameSync(`${tmp}.json`, file);
    // The bundle this one replaces (its sources have changed since).
    if (previous && previous !== dir) rmSync(path.join(cache, previous), { recursive: true, force: true });
    return pathToFileURL(path.join(cache, dir, manifest.main)).href;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The file URL of `entry` compiled: cached, else compiled now; undefined if that fails. */
export async function bundled(entry, cache = DEFAULT_CACHE) {
  try {
    return cachedBundle(entry, cache) ?? (await buildBundle(entry, cache));
  } catch {
    return undefined;
  }
}
