// Loading at scale: one region of the site (--shard), and `nianbao check` on worker threads giving exactly the
// diagnostics, in the same order, that one sequential load gives.
import { spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDemo } from '../../src/demo/generate.ts';
import { othersBusy, othersRunnable, startWorkers } from '../../src/load/check-pool.ts';
import { MIN_OFFICES_PER_THREAD, checkSite, threadsFor } from '../../src/load/parallel.ts';
import { defaultPaths, loadSite, regionSubtree } from '../../src/load/site.ts';
import { REPO } from '../helpers/content.ts';

const YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025];
let root: string;

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'nianbao-scale-'));
  writeDemo(path.join(root, 'reports'), { seed: 11, offices: 40, years: YEARS });
  copyFileSync(path.join(REPO, 'site.yml'), path.join(root, 'site.yml'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('--shard: one region of the site', () => {
  it('loads the reports of the offices in the region and below it, and only those offices', () => {
    const all = loadSite(defaultPaths(root)).site!;
    const district = all.regions.find((r) => r.parent === 'demo-city')!;
    const inside = regionSubtree(all.regions, district.id);
    const shard = loadSite(defaultPaths(root), { shard: district.id });
    expect(shard.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const site = shard.site!;
    expect(site.shard).toBe(district.id);
    expect(site.offices.map((o) => o.id)).toEqual(all.offices.filter((o) => inside.has(o.region)).map((o) => o.id));
    expect(site.offices.length).toBeGreaterThan(0);
    expect(site.offices.length).toBeLessThan(all.offices.length);
    expect(site.reports.map((r) => r.file)).toEqual(all.reports.filter((r) => site.offices.some((o) => o.id === r.officeId)).map((r) => r.file));
    // The whole city is the whole site.
    expect(loadSite(defaultPaths(root), { shard: 'demo-city' }).site!.reports.length).toBe(all.reports.length);
  });

  it('refuses a region that is not in regions.yml', () => {
    const r = loadSite(defaultPaths(root), { shard: 'nowhere' });
    expect(r.site).toBeUndefined();
    expect(r.diagnostics).toMatchObject([{ file: 'reports/regions.yml', rule: 'REF', severity: 'error' }]);
  });

  it('still checks every office.yml, and leaves other regions’ reports to their shard', () => {
    const copy = mkdtempSync(path.join(os.tmpdir(), 'nianbao-scale-'));
    try {
      writeDemo(path.join(copy, 'reports'), { seed: 11, offices: 40, years: [2024] });
      copyFileSync(path.join(REPO, 'site.yml'), path.join(copy, 'site.yml'));
      const all = loadSite(defaultPaths(copy)).site!;
      const district = all.regions.find((r) => r.parent === 'demo-city')!.id;
      const outside = all.offices.find((o) => !regionSubtree(all.regions, district).has(o.region))!;
      writeFileSync(path.join(copy, 'reports', outside.id, '2024.md'), 'not a report');
      expect(loadSite(defaultPaths(copy), { shard: district }).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      appendFileSync(path.join(copy, 'reports', outside.id, 'office.yml'), '未知字段: 1\n');
      expect(loadSite(defaultPaths(copy), { shard: district }).diagnostics.filter((d) => d.severity === 'error').map((d) => d.rule)).toEqual(['KEY']);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});

describe('checkSite on worker threads', () => {
  it('gives what loadSite gives, in the same order, on 1, 2 and 3 threads', async () => {
    // Errors and warnings of every kind: broken files, copied prose, carried-over numbers that disagree.
    const bad = mkdtempSync(path.join(os.tmpdir(), 'nianbao-scale-'));
    try {
      writeDemo(path.join(bad, 'reports'), { seed: 5, offices: 30, years: YEARS });
      copyFileSync(path.join(REPO, 'site.yml'), path.join(bad, 'site.yml'));
      const site = loadSite(defaultPaths(bad)).site!;
      const offices = site.offices.map((o) => o.id);
      const file = (o: string, y: number) => path.join(bad, 'reports', o, `${y}.md`);
      const edit = (o: string, y: number, f: (s: string) => string) => writeFileSync(file(o, y), f(readFileSync(file(o, y), 'utf8')));
      edit(offices[1]!, 2022, (s) => s.replace(/\[(\d+), /, (_, n: string) => `[${Number(n) + 3}, `));
      edit(offices[5]!, 2023, (s) => `${s.split('\n---\n')[0]}\n---\n${readFileSync(file(offices[5]!, 2022), 'utf8').split('\n---\n')[1]}`);
      edit(offices[12]!, 2021, (s) => s.replace('年度: 2021', '年度: 2020'));
      edit(offices[20]!, 2024, (s) => s.replace(/(予以公开[^\d\n]{0,2})(\d+)/, (_, a: string, n: string) => a + (Number(n) + 5)));
      mkdirSync(path.join(bad, 'reports', 'Bad_Id'));
      writeFileSync(path.join(bad, 'reports', offices[25]!, 'notes.txt'), 'x');
      appendFileSync(path.join(bad, 'reports', offices[28]!, 'office.yml'), `上级: nobody\n`);
      // Bodies only markdown-it reads (a list; a setext heading, which is a level-1 heading): check threads load it
      // when they meet them.
      appendFileSync(file(offices[8]!, 2021), '\n- 一项\n- 两项\n');
      appendFileSync(file(offices[9]!, 2023), '\n多余的标题\n===\n');
      const seq = loadSite(defaultPaths(bad));
      expect(seq.diagnostics.some((d) => d.file === `reports/${offices[9]!}/2023.md` && d.rule === 'SECTION')).toBe(true);
      expect(seq.diagnostics.filter((d) => d.severity === 'error').length).toBeGreaterThan(3);
      expect(seq.diagnostics.filter((d) => d.severity === 'warning').length).toBeGreaterThan(0);
      // This thread taking chunks alongside the workers, and (workersOnly) the workers taking every chunk, in
      // whatever order they finish them.
      for (const [threads, workersOnly] of [[1, false], [2, false], [3, false], [2, true], [3, true]] as const) {
        const par = await checkSite(defaultPaths(bad), { threads, workersOnly });
        expect(par.threads).toBe(threads);
        expect(JSON.stringify(par.diagnostics)).toBe(JSON.stringify(seq.diagnostics));
        expect(par.ok).toBe(false);
      }
      // Threads started ahead of their work, as the command line starts them.
      const ahead = await checkSite(defaultPaths(bad), { workers: startWorkers(2) });
      expect(ahead.threads).toBe(3);
      expect(JSON.stringify(ahead.diagnostics)).toBe(JSON.stringify(seq.diagnostics));
      // A process that has not loaded markdown-it (as `nianbao check`): the checks' modules do not load it, and it is
      // loaded when a body needs it, with the same diagnostics.
      // (Written inside the repository, where it finds tsx.)
      const scriptDir = mkdtempSync(path.join(REPO, 'node_modules', '.nianbao-test-'));
      const script = path.join(scriptDir, 'check.mjs');
      const src = (f: string) => JSON.stringify(path.join(REPO, 'src', f));
      writeFileSync(
        script,
        `import { register } from 'tsx/esm/api';\nregister();\nconst { checkSite } = await import(${src('load/parallel.ts')});\nawait import(${src('cli/check.ts')});\n` +
          `const { markdownNow } = await import(${src('load/markdown-ref.ts')});\nconst { defaultPaths } = await import(${src('load/site-core.ts')});\n` +
          `let loaded = true;\ntry { markdownNow(); } catch { loaded = false; }\n` +
          `const r = await checkSite(defaultPaths(${JSON.stringify(bad)}), { threads: 1 });\nconsole.log(JSON.stringify({ loaded, diagnostics: r.diagnostics }));\n`,
      );
      const fresh = spawnSync(process.execPath, [script], { cwd: REPO, encoding: 'utf8', timeout: 120_000 });
      rmSync(scriptDir, { recursive: true, force: true });
      expect(fresh.stderr).toBe('');
      expect(fresh.stdout.trim()).toBe(JSON.stringify({ loaded: false, diagnostics: seq.diagnostics }));
      const good = await checkSite(defaultPaths(root), { threads: 2, workersOnly: true });
      const ref = loadSite(defaultPaths(root));
      expect(JSON.stringify(good.diagnostics)).toBe(JSON.stringify(ref.diagnostics));
      expect(good).toMatchObject({ ok: true, reports: ref.site!.reports.length });
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
  }, 300_000);
});

describe('threads for nianbao check', () => {
  const saved = process.env.NIANBAO_THREADS;
  afterAll(() => {
    if (saved === undefined) delete process.env.NIANBAO_THREADS;
    else process.env.NIANBAO_THREADS = saved;
  });

  it('uses one thread per idle core and per MIN_OFFICES_PER_THREAD office folders, or NIANBAO_THREADS', () => {
    delete process.env.NIANBAO_THREADS;
    const idle = { cores: 4, load: 0.3 };
    expect(threadsFor(0, idle)).toBe(1);
    expect(threadsFor(MIN_OFFICES_PER_THREAD - 1, idle)).toBe(1);
    expect(threadsFor(2 * MIN_OFFICES_PER_THREAD, idle)).toBe(2);
    expect(threadsFor(100 * MIN_OFFICES_PER_THREAD, idle)).toBe(4);
    expect(threadsFor(100 * MIN_OFFICES_PER_THREAD, { cores: 16, load: 0 })).toBe(8);
    // Cores that other work keeps busy do not count.
    expect(threadsFor(100 * MIN_OFFICES_PER_THREAD, { cores: 4, load: 2.2 })).toBe(2);
    expect(threadsFor(100 * MIN_OFFICES_PER_THREAD, { cores: 2, load: 0.4 })).toBe(2);
    expect(threadsFor(100 * MIN_OFFICES_PER_THREAD, { cores: 2, load: 1.5 })).toBe(1);
    expect(threadsFor(100 * MIN_OFFICES_PER_THREAD, { cores: 2, load: 6 })).toBe(1);
    // Other programs' threads runnable now (Linux), not the last minute's average: all runnable threads less this
    // program's own.
    expect(othersRunnable('1.98 1.20 0.70 2/180 4567\n', 2)).toBe(0);
    expect(othersRunnable('0.10 0.05 0.01 4/180 4567\n', 1)).toBe(3);
    expect(othersRunnable('no such format', 1)).toBeUndefined();
    if (process.platform === 'linux') expect(othersRunnable()).toBeGreaterThanOrEqual(0);
    // Looked at several times: a thread runnable for one look is not a busy program; one there at most looks is.
    // (The first look alone would say 3, then 0; the smallest 0 twice, the largest 3 and 2.)
    const looks = (...seen: Array<number | undefined>) => () => seen.shift();
    expect(othersBusy(looks(3, 0, 0, 1, 0))).toBe(0);
    expect(othersBusy(looks(0, 2, 2, 1, 2))).toBe(2);
    expect(othersBusy(looks(1, undefined, 1, 1, 1))).toBeUndefined();
    if (process.platform === 'linux') expect(othersBusy()).toBeGreaterThanOrEqual(0);
    process.env.NIANBAO_THREADS = '3';
    expect(threadsFor(0, idle)).toBe(3);
    process.env.NIANBAO_THREADS = '0';
    expect(threadsFor(10_000, idle)).toBe(1);
  });

  it('a thread started ahead and never given work does not hold the process open', () => {
    // As bin/nianbao.js runs the command line: tsx registered through its API.
    const dir = mkdtempSync(path.join(REPO, 'node_modules', '.nianbao-test-'));
    try {
      const script = path.join(dir, 'start.mjs');
      writeFileSync(script, `import { register } from 'tsx/esm/api';\nregister();\nconst { startWorkers } = await import(${JSON.stringify(path.join(REPO, 'src/load/check-pool.ts'))});\nstartWorkers(1);\nconsole.log('done');\n`);
      const r = spawnSync(process.execPath, [script], { cwd: REPO, encoding: 'utf8', timeout: 60_000 });
      expect(r.signal, r.stderr).toBeNull();
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toBe('done\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);

  it('throws on an invalid path prefix, as loadSite does', async () => {
    const copy = mkdtempSync(path.join(os.tmpdir(), 'nianbao-scale-'));
    try {
      writeDemo(path.join(copy, 'reports'), { seed: 2, offices: 3, years: [2024] });
      writeFileSync(path.join(copy, 'site.yml'), readFileSync(path.join(REPO, 'site.yml'), 'utf8').replace(/^路径前缀: .*$/m, '路径前缀: "a b"'));
      expect(() => loadSite(defaultPaths(copy))).toThrow(/路径前缀「a b」无效/);
      await expect(checkSite(defaultPaths(copy), { threads: 1 })).rejects.toThrow(/路径前缀「a b」无效/);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});

describe('incremental loading (dev server rebuilds)', () => {
  /** The loaded site as data: formats by id, sections with their HTML. */
  const dump = (r: unknown) =>
    JSON.stringify(r, (_, v: unknown) => {
      const f = v as { table?: unknown; def?: unknown; id?: string } | null;
      return f && typeof f === 'object' && typeof f.table === 'function' && f.def ? `format ${f.id}` : v;
    });

  it('gives what a full load gives, before and after edits to reports and offices', () => {
    const copy = mkdtempSync(path.join(os.tmpdir(), 'nianbao-scale-'));
    try {
      writeDemo(path.join(copy, 'reports'), { seed: 3, offices: 12, years: YEARS });
      copyFileSync(path.join(REPO, 'site.yml'), path.join(copy, 'site.yml'));
      const p = defaultPaths(copy);
      expect(dump(loadSite(p, { incremental: true }))).toBe(dump(loadSite(p)));
      expect(dump(loadSite(p, { incremental: true }))).toBe(dump(loadSite(p)));
      const office = loadSite(p).site!.offices[3]!.id;
      const file = (y: number) => path.join(copy, 'reports', office, `${y}.md`);
      // New prose; last year's prose copied (SAME); a broken total; the office renamed (its default titles).
      writeFileSync(file(2021), readFileSync(file(2021), 'utf8').replace('\n## 二、', '\n\n新增一段文字。\n\n## 二、'));
      writeFileSync(file(2024), `${readFileSync(file(2024), 'utf8').split('\n---\n')[0]}\n---\n${readFileSync(file(2023), 'utf8').split('\n---\n')[1]}`);
      expect(dump(loadSite(p, { incremental: true }))).toBe(dump(loadSite(p)));
      const officeFile = path.join(copy, 'reports', office, 'office.yml');
      writeFileSync(officeFile, readFileSync(officeFile, 'utf8').replace(/全称: (\S+)/, '全称: $1新'));
      writeFileSync(file(2022), readFileSync(file(2022), 'utf8').replace(/\[(\d+), /, (_, n: string) => `[${Number(n) + 3}, `));
      expect(dump(loadSite(p, { incremental: true }))).toBe(dump(loadSite(p)));
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});

