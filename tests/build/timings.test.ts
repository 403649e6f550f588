// `nianbao build --timings`: the phases of a real build, for operators sizing a large site; and threads forced
// on a small site (NIANBAO_THREADS) through the real command.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, makeContent, reportSource } from '../helpers/content.ts';

describe('nianbao build --timings', () => {
  it('lists each phase with its wall time, and builds the report pages on threads when asked', () => {
    const root = makeContent({ 't-office/2021.md': reportSource(2021), 't-office/2022.md': reportSource(2022) });
    const out = path.join(root, 'out');
    const r = spawnSync(process.execPath, [path.join(REPO, 'bin', 'nianbao.js'), 'build', '--root', root, '--out', out, '--timings'], {
      encoding: 'utf8',
      env: { ...process.env, NIANBAO_THREADS: '2' },
    });
    expect(r.status, r.stderr).toBe(0);
    for (const phase of ['读取并检查报告', '页面模型', '报告页（工作线程）', '搜索索引', '列表页繁体版', '开放数据（批量文件）', '生成网站（含以下各项）']) {
      expect(r.stderr).toMatch(new RegExp(`用时　${phase.replace(/[（）]/g, '.')}：\\d+\\.\\d 秒`));
    }
    for (const f of ['reports/t-office/2022/index.html', 'reports/t-office/2022/compare/index.html', 'zh-hant/reports/t-office/2022/index.html', 'reports/t-office/2022/pinyin/index.html', 'reports/t-office/2022/data.json', 'search-index/manifest.json']) {
      expect(existsSync(path.join(out, f)), f).toBe(true);
    }
  }, 300_000);

  it('prints no timings without the flag', () => {
    const root = makeContent({ 't-office/2021.md': reportSource(2021) });
    const r = spawnSync(process.execPath, [path.join(REPO, 'bin', 'nianbao.js'), 'build', '--root', root, '--out', path.join(root, 'out')], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('用时');
  }, 300_000);
});
