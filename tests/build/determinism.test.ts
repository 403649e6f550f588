// Same input, byte-identical output: two fresh copies of the project (new file times, other folders) built with
// `npm run build` must produce the same bytes.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { REPO } from '../helpers/content.ts';
import { treeHash } from '../helpers/tree.ts';

function freshCopy(): string {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'nianbao-copy-')), 'project');
  const skip = new Set(['node_modules', '_site', '.git', 'test-results', 'bench-results']);
  cpSync(REPO, dir, { recursive: true, filter: (src) => !skip.has(path.basename(src)) || path.dirname(src) !== REPO, preserveTimestamps: false });
  symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

it('two builds from two fresh copies are byte-identical', { timeout: 900_000 }, () => {
  const hashes = [freshCopy(), freshCopy()].map((dir) => {
    const r = spawnSync('npm', ['run', '--silent', 'build'], { cwd: dir, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    return treeHash(path.join(dir, '_site'));
  });
  expect(hashes[0]).toBe(hashes[1]);
});
