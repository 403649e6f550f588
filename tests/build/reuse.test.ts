// Incremental builds (src/report-pages/reuse.ts): `nianbao build` links the files of every report whose inputs are
// unchanged from the previous output, and renders the rest. Whatever it reuses, the site must be byte for byte the
// one a full build (`--full`) makes from the same content.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACKGROUND_REMOVE_REPORTS, removeOld } from '../../src/cli/build.ts';
import { REPO } from '../helpers/content.ts';
import { treeHash } from '../helpers/tree.ts';

const nianbao = (...args: string[]) => spawnSync(process.execPath, [path.join(REPO, 'bin', 'nianbao.js'), ...args], { encoding: 'utf8', cwd: REPO });

/** Builds `content` into `out`; the number of reports it reused (0 when the message names none). */
function build(content: string, out: string, ...flags: string[]): number {
  const r = nianbao('build', '--root', content, '--out', out, ...flags);
  expect(r.status, r.stderr).toBe(0);
  return Number(/其中 (\d+) 份报告未改动/.exec(r.stdout)?.[1] ?? 0);
}

/** The bundled content (reports, site.yml, regions) in a folder of its own. */
function copyContent(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nianbao-reuse-'));
  for (const name of ['reports', 'site.yml']) cpSync(path.join(REPO, name), path.join(dir, name), { recursive: true });
  return dir;
}

const reportCount = (out: string) => Object.keys(JSON.parse(readFileSync(path.join(out, '.nianbao', 'reports.json'), 'utf8')).reports).length;

describe('incremental build', () => {
  it('reuses unchanged reports, re-renders what an edit touches, and always equals a full build', () => {
    const content = copyContent();
    const out = path.join(content, '_site');
    const full = path.join(content, 'full');

    expect(build(content, out)).toBe(0);
    const total = reportCount(out);
    expect(total).toBeGreaterThan(100);

    // Nothing changed: every report is taken from the previous output, and the site is the same.
    const before = treeHash(out);
    expect(build(content, out)).toBe(total);
    expect(treeHash(out)).toBe(before);

    // One report's prose edited: that report is rendered again, and so is the next year's (its comparison and
    // navigation show this one) — at most those two — and the result is what a full build makes.
    const file = path.join(content, 'reports', 'demo-city-edu', '2022.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/(## 一、总体情况\n+)/, '$1本年度新增一段说明文字。\n\n'));
    const reused = build(content, out);
    expect(reused).toBeGreaterThanOrEqual(total - 2);
    expect(reused).toBeLessThan(total);
    expect(readFileSync(path.join(out, 'reports', 'demo-city-edu', '2022', 'index.html'), 'utf8')).toContain('本年度新增一段说明文字');
    expect(build(content, full, '--full')).toBe(0);
    expect(treeHash(out)).toBe(treeHash(full));

    // A file of the previous output that is gone (or altered in size) is not trusted: its report is rendered.
    rmSync(path.join(out, 'reports', 'demo-city-edu', '2020', 'data.csv'));
    writeFileSync(path.join(out, 'zh-hant', 'reports', 'demo-city-edu', '2021', 'index.html'), 'x');
    expect(build(content, out)).toBe(total - 2);
    expect(treeHash(out)).toBe(treeHash(full));

    // Shared data (site.yml's footer is on every page) changes every report's key: nothing is reused.
    const siteYml = path.join(content, 'site.yml');
    writeFileSync(siteYml, readFileSync(siteYml, 'utf8').replace(/^(联系方式: *)(.+)$/m, '$1$2 转 8'));
    expect(readFileSync(siteYml, 'utf8')).toMatch(/^联系方式: .+ 转 8$/m);
    expect(build(content, out)).toBe(0);
    rmSync(full, { recursive: true });
    build(content, full, '--full');
    expect(treeHash(out)).toBe(treeHash(full));
  }, 600_000);

  it('links reused files rather than copying them', () => {
    const content = copyContent();
    const out = path.join(content, '_site');
    build(content, out);
    build(content, out);
    // A linked file is the previous build's file under a new name: same inode. A copy or a rewrite would not be.
    const page = path.join(out, 'reports', 'demo-city-edu', '2022', 'pinyin', 'index.html');
    const ino = statSync(page).ino;
    build(content, out);
    expect(statSync(page).ino).toBe(ino);
  }, 600_000);
});

describe('the replaced output', () => {
  it('is removed at once for a small site, and by a process of its own for a large one', async () => {
    const make = () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'nianbao-old-'));
      for (let i = 0; i < 50; i++) writeFileSync(path.join(dir, `${i}.html`), 'x');
      return dir;
    };
    const small = make();
    removeOld(small, BACKGROUND_REMOVE_REPORTS - 1);
    expect(existsSync(small)).toBe(false);
    const large = make();
    removeOld(large, BACKGROUND_REMOVE_REPORTS);
    for (let i = 0; i < 100 && existsSync(large); i++) await new Promise((r) => setTimeout(r, 100));
    expect(existsSync(large)).toBe(false);
    // Nothing to remove: nothing happens.
    expect(() => removeOld(large, BACKGROUND_REMOVE_REPORTS)).not.toThrow();
  });
});
