import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/load/diagnostics.ts';
import { relativePath } from '../../src/load/report.ts';
import { defaultPaths, loadSite } from '../../src/load/site.ts';
import { SourceFileError, readSourceText, splitFrontMatter } from '../../src/load/source.ts';
import { lineOf, makeContent, OFFICE, REPO, reportSource } from '../helpers/content.ts';

function load(files: Record<string, string | Buffer>, withOffice = true) {
  const dir = makeContent(files, withOffice);
  return { dir, ...loadSite(defaultPaths(dir)) };
}

const errors = (ds: Diagnostic[]) => ds.filter((d) => d.severity === 'error');

function onlyError(files: Record<string, string | Buffer>): Diagnostic {
  const r = load(files);
  const es = errors(r.diagnostics);
  expect(es, JSON.stringify(es, null, 1)).toHaveLength(1);
  expect(r.site).toBeUndefined();
  return es[0]!;
}

describe('valid sources', () => {
  it('loads a 2021-format report with totals given, and computes nothing that was given', () => {
    const r = load({ 't-office/2022.md': reportSource(2022) });
    expect(errors(r.diagnostics)).toEqual([]);
    const rep = r.site!.reports[0]!;
    expect(rep.format.id).toBe('2021');
    expect(rep.meta.published).toBe('2023-01-20');
    expect(rep.meta.indexNo).toBe('T0001/2023-00001');
    const t3 = rep.tables['三'];
    expect(t3.status).toBe('published');
    if (t3.status !== 'published') return;
    expect(t3.blocks[0]!.cells.flat().every((c) => !c.computed)).toBe(true);
  });

  it('computes omitted totals (总计 column and （七）总计 row) from the data', () => {
    const r = load({ 't-office/2020.md': reportSource(2020, { omitTotals: true }) });
    expect(errors(r.diagnostics)).toEqual([]);
    const rep = r.site!.reports[0]!;
    expect(rep.format.id).toBe('2019');
    const t3 = rep.tables['三'];
    if (t3.status !== 'published') throw new Error('unpublished');
    const block = rep.format.table('三').blocks[0]!;
    const total = block.rows.find((x) => x.label === '（七）总计')!.index;
    const first = block.rows.find((x) => x.label === '一、本年新收政府信息公开申请数量')!.index;
    const sumCol = block.columns.length - 1;
    expect(t3.blocks[0]!.cells[total]![0]).toMatchObject({ status: 'number', value: 8, computed: true });
    expect(t3.blocks[0]!.cells[first]![sumCol]).toMatchObject({ status: 'number', value: 8, computed: true });
    expect(t3.blocks[0]!.cells[total]![sumCol]).toMatchObject({ status: 'number', value: 8, computed: true });
  });

  it('accepts a BOM and CRLF line ends', () => {
    const text = '\uFEFF' + reportSource(2022).replace(/\n/g, '\r\n');
    const r = load({ 't-office/2022.md': text });
    expect(errors(r.diagnostics)).toEqual([]);
    expect(r.site!.reports[0]!.sections).toHaveLength(6);
  });

  it('keeps 不适用 and 缺失 apart from 0, and a 未发布 table as such', () => {
    const text = reportSource(2022)
      .replace('    规章: [0, 0, 0]', '    规章: [不适用, 不适用, 不适用]')
      .replace('    行政许可: [0]', '    行政许可: [缺失]')
      .replace(/表四:\n(  .*\n)+/, '表四:\n  未发布: 原文未附此表\n');
    const r = load({ 't-office/2022.md': text });
    expect(errors(r.diagnostics)).toEqual([]);
    const rep = r.site!.reports[0]!;
    const t2 = rep.tables['二'];
    if (t2.status !== 'published') throw new Error('unpublished');
    expect(t2.blocks[0]!.cells[0]![0]!.status).toBe('na');
    expect(t2.blocks[1]!.cells[0]![0]!.status).toBe('missing');
    expect(rep.tables['四']).toMatchObject({ status: 'unpublished', reason: '原文未附此表' });
  });
});

describe('bad input: one clear diagnostic with file, line, column', () => {
  it('malformed YAML', () => {
    const text = reportSource(2022).replace('年度: 2022', '年度: [2022');
    const d = onlyError({ 't-office/2022.md': text });
    expect(d).toMatchObject({ file: 'reports/t-office/2022.md', rule: 'YAML' });
    expect(d.line).toBeGreaterThanOrEqual(2);
    expect(d.message).toMatch(/YAML/);
  });

  it('an unknown key', () => {
    const text = reportSource(2022).replace('年度: 2022', '年度: 2022\n作者: 张三');
    const d = onlyError({ 't-office/2022.md': text });
    expect(d).toMatchObject({ rule: 'KEY', line: 3, col: 1 });
    expect(d.message).toContain('未知的字段「作者」');
  });

  it('permalink in content is refused', () => {
    const text = reportSource(2022).replace('年度: 2022', '年度: 2022\npermalink: ../../evil.html');
    const d = onlyError({ 't-office/2022.md': text });
    expect(d).toMatchObject({ rule: 'KEY', line: 3 });
    expect(d.message).toContain('permalink');
  });

  it.each([
    ['text', '"十二"', /不是数值/],
    ['a placeholder', '/', /不是数值/],
    ['a decimal in a count cell', '2.5', /整数/],
    ['a negative count', '-3', /负数/],
    ['full-width digits', '１２', /全角/],
    ['a number written as a string', '"12"', /引号/],
  ])('a wrong value kind: %s', (_name, value, message) => {
    const source = reportSource(2022);
    const text = source.replace('    （一）予以公开: [2, 0, 0,', `    （一）予以公开: [2, 0, ${value},`);
    const d = onlyError({ 't-office/2022.md': text });
    expect(d.rule).toBe('DOM');
    expect(d.line).toBe(lineOf(source, '（一）予以公开'));
    expect(d.col).toBe(text.split('\n')[d.line - 1]!.indexOf(value) + 1);
    expect(d.message).toContain('三、收到和处理政府信息公开申请情况 · （一）予以公开 · 科研机构');
    expect(d.message).toMatch(message);
    expect(d.hint).toBeTruthy();
  });

  it('a year that does not match the file name', () => {
    const d = onlyError({ 't-office/2022.md': reportSource(2022).replace('年度: 2022', '年度: 2023') });
    expect(d).toMatchObject({ rule: 'YEAR', line: 2, col: 5 });
    expect(d.message).toContain('2022.md');
  });

  it('an alias bomb', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', 'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]', 'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]', 'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]'].join('\n');
    const text = reportSource(2022).replace('年度: 2022', `年度: 2022\n${bomb}`);
    const d = onlyError({ 't-office/2022.md': text });
    expect(d.rule).toBe('YAML');
    expect(d.message).toContain('别名');
    expect(d.line).toBe(4);
  });

  it('deep nesting', () => {
    const text = reportSource(2022).replace('年度: 2022', `年度: 2022\nx: ${'['.repeat(40)}${']'.repeat(40)}`);
    const d = onlyError({ 't-office/2022.md': text });
    expect(d.rule).toBe('YAML');
    expect(d.message).toContain('嵌套');
  });

  it('__proto__ as a key', () => {
    const d = onlyError({ 't-office/2022.md': reportSource(2022).replace('年度: 2022', '年度: 2022\n__proto__: {}') });
    expect(d).toMatchObject({ rule: 'YAML', line: 3 });
  });

  it('an office id with non-ASCII characters', () => {
    const r = load({ '台山/office.yml': OFFICE, '台山/2022.md': reportSource(2022) });
    const es = errors(r.diagnostics);
    expect(es).toHaveLength(1);
    expect(es[0]).toMatchObject({ file: 'reports/台山', rule: 'ID' });
    expect(es[0]!.message).toContain('机构代号「台山」无效');
  });

  it('a missing section heading', () => {
    const source = reportSource(2022);
    const d = onlyError({ 't-office/2022.md': source.replace('## 五、存在的主要问题及改进情况\n', '') });
    expect(d.rule).toBe('SECTION');
    expect(d.message).toContain('五、存在的主要问题及改进情况');
    expect(d.line).toBe(lineOf(source, '## 六、') - 1);
  });

  it('a reworded section heading', () => {
    const source = reportSource(2022).replace('## 一、总体情况', '## 一、总体工作情况');
    const d = onlyError({ 't-office/2022.md': source });
    expect(d).toMatchObject({ rule: 'SECTION', line: lineOf(source, '## 一、总体工作情况') });
    expect(d.message).toContain('应为「一、总体情况」');
  });

  it('a 2019 label in a 2021 report names the format it belongs to', () => {
    const source = reportSource(2022).replace('    行政规范性文件:', '    规范性文件:');
    const es = errors(load({ 't-office/2022.md': source }).diagnostics);
    const unknown = es.find((d) => d.message.includes('没有「规范性文件」'))!;
    expect(unknown.line).toBe(lineOf(source, '    规范性文件:'));
    expect(unknown.hint).toContain('试行');
  });

  it('an empty file, a binary file, an oversize file', () => {
    expect(onlyError({ 't-office/2022.md': '' }).message).toContain('空');
    expect(onlyError({ 't-office/2022.md': Buffer.from([0x2d, 0, 1, 2, 3]) }).message).toContain('二进制');
    expect(onlyError({ 't-office/2022.md': 'x'.repeat(2 * 1024 * 1024) }).message).toContain('过大');
  });

  it('a symlink pointing outside reports/', () => {
    const dir = makeContent({});
    writeFileSync(path.join(dir, 'outside.md'), reportSource(2022));
    symlinkSync(path.join(dir, 'outside.md'), path.join(dir, 'reports', 't-office', '2022.md'));
    const es = errors(loadSite(defaultPaths(dir)).diagnostics);
    expect(es).toHaveLength(1);
    expect(es[0]!.message).toContain('符号链接');
  });

  it('a total that does not add up is checked, not trusted (T3-ROW)', () => {
    const source = reportSource(2022);
    const text = source.replace('  一、本年新收政府信息公开申请数量: [8, 0, 0, 0, 0, 0, 8]', '  一、本年新收政府信息公开申请数量: [8, 0, 0, 0, 0, 0, 9]');
    const es = errors(load({ 't-office/2022.md': text }).diagnostics);
    const row = es.find((d) => d.rule === 'T3-ROW')!;
    expect(row.line).toBe(lineOf(source, '一、本年新收'));
    expect(row.message).toContain('总计应为 8');
  });

  it('reports every problem of a run, not only the first', () => {
    const source = reportSource(2022)
      .replace('年度: 2022', '年度: 2022\n作者: 张三')
      .replace('    行政处罚: [0]', '    行政处罚: [-1]')
      .replace('  复议后起诉: [0, 0, 0, 0, 0]', '  复议后起诉: [0, 0, 0, 0, 1]');
    const es = errors(load({ 't-office/2022.md': source }).diagnostics);
    expect(es.map((d) => d.rule).sort()).toEqual(['DOM', 'KEY', 'T4-SUM']);
  });
});

describe('office and region files', () => {
  it('an office whose region does not exist', () => {
    const r = load({ 'x-office/office.yml': OFFICE.replace('t-region', 'nowhere') }, false);
    expect(errors(r.diagnostics)[0]!.message).toContain('nowhere');
  });

  it('codes must be quoted strings', () => {
    const dir = makeContent({});
    mkdirSync(path.join(dir, 'reports', 'y-office'));
    writeFileSync(path.join(dir, 'reports', 'y-office', 'office.yml'), `${OFFICE}联系方式:\n  邮编: 529200\n`);
    const es = errors(loadSite(defaultPaths(dir)).diagnostics);
    expect(es[0]).toMatchObject({ file: 'reports/y-office/office.yml', line: 7, rule: 'KIND' });
  });
});

describe('the README example', () => {
  it('is a complete report that loads without errors', () => {
    const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
    const example = readme.slice(readme.indexOf('```markdown\n') + 12, readme.indexOf('\n```\n\nThe rules of the file'));
    const r = load({ 't-office/2022.md': example + '\n' });
    expect(errors(r.diagnostics)).toEqual([]);
    const rep = r.site!.reports[0]!;
    expect(rep.tables['四'].status).toBe('unpublished');
    expect(rep.sections.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('more bad input', () => {
  it('duplicate keys', () => {
    const d = onlyError({ 't-office/2022.md': reportSource(2022).replace('年度: 2022', '年度: 2022\n年度: 2022') });
    expect(d).toMatchObject({ rule: 'YAML', line: 3 });
    expect(d.message).toContain('重复的键');
  });

  it.each(['-', '—', '""', '_'])('the placeholder %s in a number cell', (p) => {
    const text = reportSource(2022).replace('    行政处罚: [0]', `    行政处罚: [${p}]`);
    const d = onlyError({ 't-office/2022.md': text });
    // "-" alone does not even parse as YAML; the message still speaks of the cell.
    expect(d.rule).toBe(p === '-' ? 'YAML' : 'DOM');
    expect(`${d.message} ${d.hint}`).toContain('不适用');
    expect(d).toMatchObject({ line: lineOf(text, '行政处罚'), col: 12 });
  });

  it('an unknown column', () => {
    const d = onlyError({ 't-office/2022.md': reportSource(2022).replace('列: [本年制发件数, 本年废止件数, 现行有效件数]', '列: [本年制发件数, 本年废止件数, 现行有效件数（历史累计）]') });
    expect(d.rule).toBe('COLUMNS');
    expect(d.message).toContain('现行有效件数（历史累计）');
  });

  it('a 50 MB file', () => {
    const d = onlyError({ 't-office/2022.md': Buffer.alloc(50 * 1024 * 1024, 0x61) });
    expect(d.message).toContain('过大');
  });

  it('two reports for the same office and year (the office under two ids)', () => {
    const r = load({ 't-office/2022.md': reportSource(2022), 'u-office/office.yml': OFFICE, 'u-office/2022.md': reportSource(2022) });
    expect(errors(r.diagnostics)).toMatchObject([{ file: 'reports/u-office/office.yml', rule: 'REF' }]);
    expect(errors(r.diagnostics)[0]!.message).toContain('已有目录 reports/t-office/');
  });
});

describe('reading source text', () => {
  /** What readSourceText did before its fast paths: a fatal TextDecoder, one BOM replace, the line split. */
  const reference = (bytes: Buffer): string | 'not utf-8' => {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
    } catch {
      return 'not utf-8';
    }
  };
  const splitReference = (text: string) => {
    const lines = text.split('\n');
    const end = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
    return { yaml: lines.slice(1, end).join('\n'), yamlLine: 2, body: lines.slice(end + 1).join('\n'), bodyLine: end + 2 };
  };

  it('decodes, refuses and normalises exactly as the straightforward code', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'nianbao-source-'));
    try {
      const texts = ['中文😀\r\n第二行\r第三行', '\uFEFFa', '\uFEFF\uFEFFb', '\uFEFF\uFEFF\uFEFFc', 'x\uFFFE\uFFFF\u2028', '\u{10FFFF}', ''];
      const bytes = [
        ...texts.map((t) => Buffer.from(t, 'utf8')),
        Buffer.from([0xc0, 0xaf]), // overlong
        Buffer.from([0xed, 0xa0, 0x80]), // a surrogate
        Buffer.from([0xf4, 0x90, 0x80, 0x80]), // past U+10FFFF
        Buffer.from([0xe4, 0xb8]), // cut short
        Buffer.from([0xb8, 0xad]), // no lead byte
        Buffer.from('示例', 'utf16le'),
      ];
      bytes.forEach((b, i) => {
        const file = path.join(dir, `${i}.md`);
        writeFileSync(file, b);
        let got: string;
        try {
          got = readSourceText(file, dir);
        } catch (e) {
          got = e instanceof SourceFileError && e.message === '文件不是 UTF-8 编码' ? 'not utf-8' : String(e);
        }
        expect(got, JSON.stringify([...b])).toBe(reference(b));
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('splits off the front matter exactly as the straightforward code', () => {
    const cases = ['---\na: 1\n---\nbody\n', '---\n---\n', '---\n---', '--- \na\n \t---\u3000\nb\n---\nc', '---\nx: "---"\n-----\n---\n\n## 一\n', '---\r\na\n---\n'];
    for (const text of cases) expect(splitFrontMatter(text), JSON.stringify(text)).toEqual(splitReference(text));
    expect(() => splitFrontMatter(' \n\u3000\n')).toThrow(SourceFileError);
    expect(() => splitFrontMatter('x\n---\n')).toThrow(/应以 --- 开始/);
    expect(() => splitFrontMatter('---\na: 1\n')).toThrow(/没有以 --- 结束/);
  });
});

describe('paths in messages', () => {
  it('are what path.relative gives, with forward slashes', () => {
    const roots = ['/srv/site', '/srv/site/', '/srv/./site', '/srv/x/../site', '/srv//site', '/'];
    const files = ['/srv/site/reports/a/2022.md', '/srv/site/reports/.a/2022.md', '/srv/site/reports/../x.md', '/srv/site/./reports/a.md', '/srv/site//reports/a.md', '/srv/site/reports/', '/srv/site/reports/a/.', '/srv/site', '/srv/sitex/a.md', '/other/a.md', '/srv/x/../site/reports/a.md'];
    for (const root of roots) for (const file of files) expect(relativePath(root, file), `${root} ${file}`).toBe(path.relative(root, file).split(path.sep).join('/'));
  });
});
