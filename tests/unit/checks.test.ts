// Every rule with a failing and a passing fixture, through the loader (loadSite) as `nianbao check` runs it.
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/check/rules.ts';
import { allFormats } from '../../src/formats/index.ts';
import type { Diagnostic } from '../../src/load/diagnostics.ts';
import { defaultPaths, loadSite } from '../../src/load/site.ts';
import type { SourceReport } from '../../src/write/source.ts';
import { lineOf, makeContent, reportSource } from '../helpers/content.ts';

const run = (files: Record<string, string>) => loadSite(defaultPaths(makeContent(files)));
const ids = (ds: Diagnostic[], severity?: string) => ds.filter((d) => !severity || d.severity === severity).map((d) => d.rule);

type Values = { values: (number | string)[][][] };
const t = (s: SourceReport, id: '二' | '三' | '四') => (s.tables[id] as Values).values;
/** Sets a cell of table 三 (block 0) by row label and column index. */
function set3(s: SourceReport, row: string, col: number, v: number) {
  const b = s.format.table('三').blocks[0]!;
  t(s, '三')[0]![b.rows.find((r) => r.label === row)!.index]![col] = v;
}
const NEXT = '四、结转下年度继续办理';
const CARRIED = '二、上年结转政府信息公开申请数量';
const NEW = '一、本年新收政府信息公开申请数量';

describe('within one table', () => {
  const base = reportSource(2022);
  it('T3-BAL: 一＋二＝（七）总计＋四 in every column', () => {
    expect(ids(run({ 't-office/2022.md': base }).diagnostics)).toEqual([]);
    // Carrying 1 application forward in 自然人 and 总计 breaks the balance only.
    const text = base.replace(`  ${NEXT}: [0, 0, 0, 0, 0, 0, 0]`, `  ${NEXT}: [1, 0, 0, 0, 0, 0, 1]`);
    const ds = run({ 't-office/2022.md': text }).diagnostics;
    expect(ids(ds)).toEqual(['T3-BAL', 'T3-BAL']);
    // Pointed at the first given cell of the right-hand side, （七）总计 of the column.
    expect(ds[0]).toMatchObject({ line: lineOf(text, '（七）总计'), col: 13 });
    expect(ds[0]!.message).toBe('三、收到和处理政府信息公开申请情况 · 自然人：一(8)＋二(0)＝8，但（七）总计(8)＋四(1)＝9');
  });

  it('T3-SUM: （七）总计 equals the result rows', () => {
    const text = base.replace('    （七）总计: [8, 0, 0, 0, 0, 0, 8]', '    （七）总计: [8, 0, 0, 0, 0, 0, 8]'.replace('[8, 0, 0, 0, 0, 0, 8]', '[9, 0, 0, 0, 0, 0, 9]'));
    const ds = run({ 't-office/2022.md': text }).diagnostics;
    expect(ids(ds)).toContain('T3-SUM');
    expect(ds.find((d) => d.rule === 'T3-SUM')).toMatchObject({ line: lineOf(text, '（七）总计'), col: 13 });
  });

  it('T3-ROW and T4-SUM: totals equal their parts', () => {
    const text = base
      .replace(`  ${NEW}: [8, 0, 0, 0, 0, 0, 8]`, `  ${NEW}: [8, 0, 0, 0, 0, 0, 7]`)
      .replace('  行政复议: [0, 0, 0, 0, 0]', '  行政复议: [1, 0, 0, 0, 0]');
    const ds = run({ 't-office/2022.md': text }).diagnostics;
    expect(ids(ds)).toEqual(expect.arrayContaining(['T3-ROW', 'T4-SUM']));
    expect(ds.find((d) => d.rule === 'T4-SUM')).toMatchObject({ line: lineOf(text, '  行政复议:'), col: 22 });
  });
});

describe('across years', () => {
  it('X-CARRY: 上年结转 continues last year’s 结转下年度继续办理, across format versions (error)', () => {
    const y2020 = reportSource(2020, { edit: (s) => (set3(s, NEXT, 0, 2), set3(s, NEXT, 6, 2), set3(s, NEW, 0, 10), set3(s, NEW, 6, 10)) });
    const ok = reportSource(2021, { edit: (s) => (set3(s, CARRIED, 0, 2), set3(s, CARRIED, 6, 2), set3(s, NEW, 0, 6), set3(s, NEW, 6, 6)) });
    const r1 = run({ 't-office/2020.md': y2020, 't-office/2021.md': ok });
    expect(ids(r1.diagnostics, 'error')).toEqual([]);
    const bad = reportSource(2021);
    const r2 = run({ 't-office/2020.md': y2020, 't-office/2021.md': bad });
    const carry = r2.diagnostics.filter((d) => d.rule === 'X-CARRY');
    expect(carry.map((d) => d.severity)).toEqual(['error', 'error']);
    expect(carry[0]).toMatchObject({ file: 'reports/t-office/2021.md', line: lineOf(bad, `  ${CARRIED}`) });
    expect(carry[0]!.message).toContain('自然人：本年填 0，但 2020 年度报告的“结转下年度继续办理”为 2');
    expect(r2.site).toBeUndefined();
  });

  it('X-STOCK: 现行有效件数 = last year + 制发 − 废止 (warning)', () => {
    const stock = (n: number) => (s: SourceReport) => (t(s, '二')[0]![1] = [1, 0, n]);
    const ok = run({ 't-office/2022.md': reportSource(2022, { edit: stock(10) }), 't-office/2023.md': reportSource(2023, { edit: stock(11) }) });
    expect(ids(ok.diagnostics)).toEqual([]);
    const bad = run({ 't-office/2022.md': reportSource(2022, { edit: stock(10) }), 't-office/2023.md': reportSource(2023, { edit: stock(15) }) });
    expect(bad.diagnostics).toMatchObject([{ rule: 'X-STOCK', severity: 'warning', file: 'reports/t-office/2023.md' }]);
    expect(bad.diagnostics[0]!.message).toContain('应为 11，实为 15');
    expect(bad.site).toBeDefined();
  });

  it('X-2019: 上一年项目数量 + 本年增/减 carries into the next year (warning)', () => {
    const items = (base: number, delta: number) => (s: SourceReport) => (t(s, '二')[1]![0] = [base, delta, 0]);
    const ok = run({ 't-office/2019.md': reportSource(2019, { edit: items(10, -2) }), 't-office/2020.md': reportSource(2020, { edit: items(8, 1) }) });
    expect(ids(ok.diagnostics)).toEqual([]);
    const bad = run({ 't-office/2019.md': reportSource(2019, { edit: items(10, -2) }), 't-office/2020.md': reportSource(2020, { edit: items(10, 1) }) });
    expect(ids(bad.diagnostics, 'warning')).toEqual(['X-2019']);
  });

  it('JUMP: a key measure changing more than 5× is a warning; ordinary changes are not', () => {
    const grow = (n: number) => (s: SourceReport) => {
      set3(s, NEW, 0, n);
      set3(s, NEW, 6, n);
      set3(s, '（一）予以公开', 0, n - 6);
      set3(s, '（一）予以公开', 6, n - 6);
      set3(s, '（七）总计', 0, n);
      set3(s, '（七）总计', 6, n);
      s.prose[3] = `本年共收到申请${n}件。`;
    };
    expect(ids(run({ 't-office/2022.md': reportSource(2022), 't-office/2023.md': reportSource(2023, { edit: grow(12) }) }).diagnostics)).toEqual([]);
    const ds = run({ 't-office/2022.md': reportSource(2022), 't-office/2023.md': reportSource(2023, { edit: grow(60) }) }).diagnostics;
    expect(ids(ds)).toContain('JUMP');
    expect(ds.find((d) => d.rule === 'JUMP')!.message).toContain('本年新收申请从 2022 年度的 8 变为 60');
  });

  it('SAME: prose copied from last year (numbers changed or not) is a warning; a rewritten report is not', () => {
    const long = (seed: string) => Array.from({ length: 12 }, (_, i) => `${seed}第${i}项工作：围绕${seed}${i}开展专项行动，推动${i}${seed}落实到位。`).join('');
    const copy = (s: SourceReport) => (s.prose[1] = long('政务公开标准化'));
    const other = (s: SourceReport) => (s.prose[1] = long('依申请公开答复'));
    expect(ids(run({ 't-office/2022.md': reportSource(2022, { edit: copy }), 't-office/2023.md': reportSource(2023, { edit: other }) }).diagnostics)).toEqual([]);
    const ds = run({ 't-office/2022.md': reportSource(2022, { edit: copy }), 't-office/2023.md': reportSource(2023, { edit: copy }) }).diagnostics;
    expect(ds).toMatchObject([{ rule: 'SAME', severity: 'warning', file: 'reports/t-office/2023.md' }]);
  });
});

describe('prose against tables', () => {
  it('TXT: a number quoted in the prose that contradicts the table is a warning at its place', () => {
    const ok = reportSource(2022);
    expect(ids(run({ 't-office/2022.md': ok }).diagnostics)).toEqual([]);
    const bad = reportSource(2022, { edit: (s) => (s.prose[3] = '本年共收到政府信息公开申请9件，予以公开2件。') });
    const ds = run({ 't-office/2022.md': bad }).diagnostics;
    expect(ds).toMatchObject([{ rule: 'TXT', severity: 'warning', line: lineOf(bad, '本年共收到'), col: 4 }]);
    expect(ds[0]!.message).toBe('正文写“收到政府信息公开申请9件”，但表格中本年新收申请为 8');
  });
});

describe('waivers', () => {
  const stock = (n: number) => (s: SourceReport) => (t(s, '二')[0]![1] = [1, 0, n]);
  const waive = (rule: string) => (s: SourceReport) => {
    stock(15)(s);
    s.meta.waivers = [{ rule, reason: '本年开展规范性文件清理，重新认定现行有效文件。' }];
  };

  it('an editor may accept a warning with a written reason', () => {
    const r = run({ 't-office/2022.md': reportSource(2022, { edit: stock(10) }), 't-office/2023.md': reportSource(2023, { edit: waive('X-STOCK') }) });
    expect(r.diagnostics).toMatchObject([{ rule: 'X-STOCK', waived: '本年开展规范性文件清理，重新认定现行有效文件。' }]);
    expect(r.site!.reports[1]!.warnings[0]!.waived).toBeTruthy();
  });

  it('never an error', () => {
    const r = run({ 't-office/2023.md': reportSource(2023, { edit: waive('T3-BAL') }) });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toMatchObject([{ rule: 'KIND' }]);
    expect(r.diagnostics[0]!.message).toContain('不能通过说明豁免');
  });
});

describe('three independent errors', () => {
  it('are all reported, each at its file:line:column', () => {
    const source = reportSource(2022);
    const text = source
      .replace('    行政处罚: [0]', '    行政处罚: [/]')
      .replace('      2.重复申请: [0, 0, 0, 0, 0, 0, 0]', '      2.重复申请: [0, 0, 0, 0, 0, 0, -1]')
      .replace('发布日期: 2023-01-20', '发布日期: 2023/01/20');
    const ds = run({ 't-office/2022.md': text }).diagnostics.filter((d) => d.severity === 'error');
    expect(ds.map((d) => `${d.file}:${d.line}:${d.col} ${d.rule}`).sort()).toEqual(
      [
        `reports/t-office/2022.md:${lineOf(text, '发布日期')}:7 KIND`,
        `reports/t-office/2022.md:${lineOf(text, '行政处罚')}:12 DOM`,
        `reports/t-office/2022.md:${lineOf(text, '2.重复申请')}:${text.split('\n')[lineOf(text, '2.重复申请') - 1]!.indexOf('-1') + 1} DOM`,
      ].sort(),
    );
  });
});

describe('data kept beside the prose (<year>.yml)', () => {
  it('loads like front matter, and reports data problems in the data file', () => {
    const full = reportSource(2022);
    const [, data, body] = full.split(/^---$/m);
    expect(ids(run({ 't-office/2022.yml': data!.trimStart(), 't-office/2022.md': body!.trimStart() }).diagnostics)).toEqual([]);
    const bad = data!.trimStart().replace('    行政处罚: [0]', '    行政处罚: [-1]');
    const ds = run({ 't-office/2022.yml': bad, 't-office/2022.md': body!.trimStart() }).diagnostics;
    expect(ds).toMatchObject([{ file: 'reports/t-office/2022.yml', line: lineOf(bad, '行政处罚'), rule: 'DOM' }]);
    // Data in both places is refused.
    expect(ids(run({ 't-office/2022.yml': data!.trimStart(), 't-office/2022.md': full }).diagnostics)).toEqual(['FILE']);
  });
});

describe('the rule registry', () => {
  it('knows every rule of the format definitions with the right severity', () => {
    for (const f of allFormats()) {
      for (const r of f.def.rules) expect(RULES[r.id]?.severity).toBe('error');
      for (const r of f.def.crossYear) expect(RULES[r.id]).toBeDefined();
    }
    expect(Object.values(RULES).every((r) => r.template && r.hint && r.title)).toBe(true);
  });
});
