// Compiled worker entries (src/util/ts-bundle.mjs): a bundle is made once, used while its sources are unchanged,
// made anew when one changes, keeps a dynamic import apart, and `nianbao check`'s threads run compiled.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript, without declarations
import { buildBundle, bundled, cachedBundle } from '../../src/util/ts-bundle.mjs';

const REPO = path.resolve(import.meta.dirname, '..', '..');
const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function sources(): { dir: string; cache: string; entry: URL } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nianbao-bundle-'));
  made.push(dir);
  writeFileSync(path.join(dir, 'value.ts'), 'export const value: number = 1;\n');
  writeFileSync(path.join(dir, 'late.ts'), "import { value } from './value.ts';\nexport const late = (): string => `late ${value}`;\n");
  writeFileSync(
    path.join(dir, 'entry.ts'),
    "import { value } from './value.ts';\ninterface Answer { value: number; late: string }\nexport async function answer(): Promise<Answer> {\n  const { late } = await import('./late.ts');\n  return { value, late: late() };\n}\n",
  );
  return { dir, cache: path.join(dir, 'cache'), entry: pathToFileURL(path.join(dir, 'entry.ts')) };
}

describe('compiled worker entries', () => {
  it('compiles once, reuses the bundle while its sources are unchanged, and compiles again when one changes', async () => {
    const { dir, cache, entry } = sources();
    expect(cachedBundle(entry, cache)).toBeUndefined();
    const first: string = await bundled(entry, cache);
    expect(first).toMatch(/\.mjs$/);
    expect(await (await import(first)).answer()).toEqual({ value: 1, late: 'late 1' });
    // The dynamic import is a file of its own, beside the entry and what both share.
    expect(readdirSync(path.dirname(new URL(first).pathname)).filter((f) => f.endsWith('.mjs')).length).toBe(3);
    expect(cachedBundle(entry, cache)).toBe(first);

    // A changed file imported only by the dynamic import: a new bundle, the old one gone.
    writeFileSync(path.join(dir, 'value.ts'), 'export const value: number = 2;\n');
    expect(cachedBundle(entry, cache)).toBeUndefined();
    const second: string = await bundled(entry, cache);
    expect(second).not.toBe(first);
    expect(await (await import(second)).answer()).toEqual({ value: 2, late: 'late 2' });
    expect(existsSync(new URL(first))).toBe(false);
    expect(cachedBundle(entry, cache)).toBe(second);
  });

  it('gives undefined, for the caller to go through tsx, when the entry cannot be compiled', async () => {
    const { dir, cache } = sources();
    writeFileSync(path.join(dir, 'broken.ts'), "import { nothing } from './missing.ts';\nexport const x = nothing;\n");
    const entry = pathToFileURL(path.join(dir, 'broken.ts'));
    await expect(buildBundle(entry, cache)).rejects.toThrow();
    expect(await bundled(entry, cache)).toBeUndefined();
    // Nothing half-made is left behind.
    expect(readdirSync(cache)).toEqual([]);
  });

  it('runs a worker entry compiled when asked, through tsx otherwise', async () => {
    // A fixed path, so that repeated runs reuse one bundle in the package's cache.
    const dir = path.join(os.tmpdir(), 'nianbao-bundle-test');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(path.join(dir, 'where.ts'), "import { parentPort } from 'node:worker_threads';\nconst url: string = import.meta.url;\nparentPort!.postMessage(url);\n");
    const where = (bundle: boolean) =>
      new Promise<string>((resolve, reject) => {
        const worker = new Worker(new URL('../../src/util/ts-worker.mjs', import.meta.url), { workerData: { entry: pathToFileURL(path.join(dir, 'where.ts')).href, bundle } });
        worker.once('message', (url: string) => void worker.terminate().then(() => resolve(url)));
        worker.once('error', reject);
      });
    expect(await where(true)).toMatch(/node_modules\/\.cache\/nianbao\/bundles\/\w+\/where\.mjs$/);
    expect(await where(false)).toMatch(/where\.ts(\?tsx)?$/);
  });

  it('finds the entry among the outputs of an entry with several dynamic imports (bin/nianbao.js check)', async () => {
    // esbuild counts each dynamic import as an entry point: the command line has one per command, and the bundle
    // must be main.ts's own output, not the first of them.
    const compiled: string = await bundled(new URL('../../src/cli/main.ts', import.meta.url));
    expect(compiled).toMatch(/\/main\.mjs$/);
    expect(typeof (await import(compiled)).main).toBe('function');
  });

  it("starts nianbao check's threads compiled", () => {
    expect(readFileSync(path.join(REPO, 'src/load/check-pool.ts'), 'utf8')).toMatch(/check-worker\.ts', import\.meta\.url\)\.href, bundle: true/);
  });
});
