// The nianbao command as an editor runs it: bad input fails with Chinese diagnostics (file:line:col), no stack
// trace, and leaves the previous site exactly as it was.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeDemo } from '../../src/demo/generate.ts';
import { assertInsideOutput } from '../../src/site/paths.ts';
import { lineOf, makeContent, REPO, reportSource } from '../helpers/content.ts';
import { treeHash } from '../helpers/tree.ts';

const nianbao = (...args: string[]) => spawnSync(process.execPath, [path.join(REPO, 'bin', 'nianbao.js'), ...args], { encoding: 'utf8', cwd: REPO });
/** The command with NIANBAO_THREADS set, run as bin/nianbao.js (`npm run check`: compiled) or through the tsx command. */
const withThreads = (threads: number, how: 'bin' | 'tsx', ...args: string[]) =>
  spawnSync(process.execPath, how === 'bin' ? [path.join(REPO, 'bin', 'nianbao.js'), ...args] : [path.join(REPO, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(REPO, 'src', 'cli', 'main.ts'), ...args], {
    encoding: 'utf8',
    cwd: REPO,
    env: { ...process.env, NIANBAO_THREADS: String(threads) },
  });

describe('nianbao build', () => {
  it('builds, then refuses bad input without touching the previous site', () => {
    const good = reportSource(2022);
    const content = makeContent({ 't-office/2022.md': good });
    const ok = nianbao('build', '--root', content);
    expect(ok.status, ok.stderr).toBe(0);
    const site = path.join(content, '_site');
    const before = treeHash(site);
    expect(readdirSync(path.join(site, 'reports', 't-office'))).toContain('2022');

    const bad = good.replace('    行政处罚: [0]', '    行政处罚: [1.5]').replace('年度: 2022', '年度: 2022\npermalink: /x/');
    writeFileSync(path.join(content, 'reports', 't-office', '2022.md'), bad);
    const r = nianbao('build', '--root', content);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`reports/t-office/2022.md:${lineOf(bad, '行政处罚')}:`);
    expect(r.stderr).toContain(`reports/t-office/2022.md:3:1 错误 KEY 不允许在内容中设置 permalink`);
    expect(r.stderr).toContain('件数应为整数');
    expect(r.stderr).toContain('原有网站未作改动');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(treeHash(site)).toBe(before);
    // No temporary folder left beside it.
    expect(readdirSync(content).filter((n) => n.startsWith('_site'))).toEqual(['_site']);
  });

  it('check prints every problem and exits 1; a clean tree exits 0', () => {
    const content = makeContent({ 't-office/2022.md': reportSource(2022).replace('年度: 2022', '年度: 2021') });
    const r = nianbao('check', '--root', content);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('错误 YEAR');
    const clean = nianbao('check', '--root', makeContent({ 't-office/2022.md': reportSource(2022) }));
    expect(clean.status, clean.stderr).toBe(0);
    expect(clean.stderr).toContain('检查通过：1 份报告');
  });
});

describe('nianbao check on worker threads', () => {
  it('prints exactly what one thread prints, in every format, run as bin/nianbao.js and through tsx', () => {
    // Forty offices over seven years (more chunks than one thread takes before the others start), with errors
    // and warnings of several kinds.
    const root = mkdtempSync(path.join(os.tmpdir(), 'nianbao-threads-'));
    try {
      writeDemo(path.join(root, 'reports'), { seed: 9, offices: 40, years: [2019, 2020, 2021, 2022, 2023, 2024, 2025] });
      copyFileSync(path.join(REPO, 'site.yml'), path.join(root, 'site.yml'));
      const offices = readdirSync(path.join(root, 'reports')).filter((n) => n !== 'regions.yml');
      const edit = (office: string, year: number, f: (s: string) => string) => {
        const file = path.join(root, 'reports', office, `${year}.md`);
        writeFileSync(file, f(readFileSync(file, 'utf8')));
      };
      edit(offices[2]!, 2022, (s) => s.replace(/\[(\d+), /, (_, n: string) => `[${Number(n) + 3}, `));
      edit(offices[17]!, 2023, (s) => s.replace('年度: 2023', '年度: 2022'));
      edit(offices[30]!, 2024, (s) => s.replace('## 三、', '## 叁、'));
      edit(offices[38]!, 2021, (s) => s.replace(/(予以公开[^\d\n]{0,2})(\d+)/, (_, a: string, n: string) => a + (Number(n) + 5)));
      for (const format of ['human', 'json', 'github']) {
        const one = withThreads(1, 'bin', 'check', '--root', root, '--format', format);
        expect(one.status, one.stderr).toBe(1);
        expect(`${one.stdout}${one.stderr}`).toMatch(/YEAR/);
        for (const [threads, how] of format === 'human' ? ([[2, 'bin'], [2, 'tsx']] as const) : ([[2, 'bin']] as const)) {
          const r = withThreads(threads, how, 'check', '--root', root, '--format', format);
          expect([r.status, r.stdout, r.stderr], `${threads} threads, ${how}, ${format}`).toEqual([one.status, one.stdout, one.stderr]);
        }
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 300_000);

  it('an invalid path prefix fails as it always did', () => {
    const content = makeContent({ 't-office/2022.md': reportSource(2022) });
    writeFileSync(path.join(content, 'site.yml'), readFileSync(path.join(content, 'site.yml'), 'utf8').replace(/^路径前缀: .*$/m, '路径前缀: "a b"'));
    const r = nianbao('check', '--root', content);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('路径前缀「a b」无效');
    expect(r.stderr).toContain('生成失败：请先改正以上错误。');
  });
});

describe('output path guard', () => {
  it('accepts paths inside the output folder and refuses any that escape it', () => {
    expect(() => assertInsideOutput('/tmp/site', '/tmp/site/reports/a/2022/index.html')).not.toThrow();
    expect(() => assertInsideOutput('/tmp/site', '/tmp/site/../evil.html')).toThrow(/escapes/);
    expect(() => assertInsideOutput('/tmp/site', '/tmp/site-other/index.html')).toThrow(/escapes/);
  });
});

describe('nianbao check --format github', () => {
  it('prints one valid GitHub Actions annotation per problem', () => {
    const text = reportSource(2022).replace('    行政处罚: [0]', '    行政处罚: [-1]');
    const warned = reportSource(2021, { edit: (s) => (s.prose[3] = '本年共收到申请9件。') });
    const r = nianbao('check', '--root', makeContent({ 't-office/2022.md': text, 't-office/2021.md': warned }), '--format', 'github');
    expect(r.status).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    for (const l of lines) expect(l).toMatch(/^::(error|warning) file=[^,:]+,line=\d+,col=\d+,title=[^:,]+::\S.*$/);
    expect(lines[0]).toMatch(/^::warning file=reports\/t-office\/2021\.md,line=\d+,col=\d+,title=TXT::/);
    expect(lines[1]).toContain(`::error file=reports/t-office/2022.md,line=${lineOf(text, '行政处罚')},col=12,title=DOM::`);
    // Newlines inside a message are escaped, so each annotation stays on one line.
    expect(lines[1]).toContain('%0A提示：');
  });

  it('--format json gives the same problems as data', () => {
    const text = reportSource(2022).replace('    行政处罚: [0]', '    行政处罚: [-1]');
    const r = nianbao('check', '--root', makeContent({ 't-office/2022.md': text }), '--format', 'json');
    expect(JSON.parse(r.stdout)).toMatchObject([{ file: 'reports/t-office/2022.md', line: lineOf(text, '行政处罚'), col: 12, severity: 'error', rule: 'DOM' }]);
  });
});
