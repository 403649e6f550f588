// Sharded builds (docs/scaling.md): `nianbao build --shard <地区>` renders only the report pages of the offices in
// one region and the regions below it; a merge build (`--reuse <shard output>` per shard) links those pages and
// makes the rest (listings, roll-ups, open data, search). The merged site must be byte for byte a whole build.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO } from '../helpers/content.ts';
import { treeHash } from '../helpers/tree.ts';

const nianbao = (...args: string[]) => spawnSync(process.execPath, [path.join(REPO, 'bin', 'nianbao.js'), ...args], { encoding: 'utf8', cwd: REPO });
const tmp = mkdtempSync(path.join(os.tmpdir(), 'nianbao-shard-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function build(out: string, ...flags: string[]): string {
  const r = nianbao('build', '--root', REPO, '--out', out, ...flags);
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}
const manifestIds = (out: string) => Object.keys(JSON.parse(readFileSync(path.join(out, '.nianbao', 'reports.json'), 'utf8')).reports).sort();

describe('sharded build', () => {
  it('renders each region’s report pages apart, and the merge equals a whole build', () => {
    const whole = path.join(tmp, 'whole');
    build(whole, '--full');
    const all = manifestIds(whole);

    // The bundled content has two top-level regions: 广东省 (the imported Taishan report) and the demo city.
    const gd = path.join(tmp, 'guangdong');
    const demo = path.join(tmp, 'demo-city');
    expect(build(gd, '--shard', 'guangdong')).toContain('分片「guangdong」的报告页已生成');
    build(demo, '--shard', 'demo-city');
    const gdIds = manifestIds(gd);
    const demoIds = manifestIds(demo);
    expect(gdIds.length).toBeGreaterThan(0);
    expect(gdIds.every((id) => !id.startsWith('demo-'))).toBe(true);
    expect(demoIds.every((id) => id.startsWith('demo-'))).toBe(true);
    // Together the shards hold every report once.
    expect([...gdIds, ...demoIds].sort()).toEqual(all);
    // A shard holds report pages only: the listings, search and bulk data are the merge build's.
    expect(existsSync(path.join(demo, 'reports', 'demo-city-edu', '2022', 'index.html'))).toBe(true);
    expect(existsSync(path.join(demo, 'index.html'))).toBe(false);
    expect(existsSync(path.join(demo, 'search-index'))).toBe(false);

    // Several regions, separated by commas, overlapping or not: their subtrees together.
    const both = path.join(tmp, 'both');
    build(both, '--shard', 'jiangmen,guangdong');
    expect(manifestIds(both)).toEqual(gdIds);

    const merged = path.join(tmp, 'merged');
    const out = build(merged, '--reuse', gd, '--reuse', demo);
    expect(Number(/其中 (\d+) 份报告未改动/.exec(out)?.[1])).toBe(all.length);
    expect(treeHash(merged)).toBe(treeHash(whole));
  });

  it('names an unknown region, and writes nothing', () => {
    const out = path.join(tmp, 'nowhere');
    const r = nianbao('build', '--root', REPO, '--out', out, '--shard', 'atlantis');
    expect(r.status).toBe(1);
    expect(r.stdout + r.stderr).toContain('分片地区「atlantis」不在 regions.yml 中');
    expect(existsSync(out)).toBe(false);
  });
});
