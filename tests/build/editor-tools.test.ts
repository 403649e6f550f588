// The editors' tools through the real path: `nianbao import` and `nianbao new` run as the CLI, their files loaded
// with loadSite exactly as `nianbao check` and the build load them.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatForYear } from '../../src/formats/index.ts';
import type { Diagnostic } from '../../src/load/diagnostics.ts';
import { defaultPaths, loadSite } from '../../src/load/site.ts';
import type { Cell, Report } from '../../src/model/types.ts';
import { writeReportSource, type SourceReport } from '../../src/write/source.ts';
import { makeContent, REPO } from '../helpers/content.ts';

const nianbao = (...args: string[]) => spawnSync(process.execPath, [path.join(REPO, 'bin', 'nianbao.js'), ...args], { encoding: 'utf8', cwd: REPO });
const SEED = path.resolve(REPO, '..', 'shared', 'seed', '000_bb011242937a2749.txt');
const FIXTURES = path.join(REPO, 'tests', 'fixtures', 'import');
const errors = (ds: Diagnostic[]) => ds.filter((d) => d.severity === 'error');

function loadOnly(dir: string): Report {
  const r = loadSite(defaultPaths(dir));
  expect(errors(r.diagnostics), JSON.stringify(errors(r.diagnostics), null, 1)).toEqual([]);
  expect(r.site!.reports).toHaveLength(1);
  return r.site!.reports[0]!;
}

/** A table's cells as numbers, null for 缺失, 'na' for 不适用: [block][row][col]. */
function cellsOf(rep: Report, id: '二' | '三' | '四'): (number | null | 'na')[][][] {
  const t = rep.tables[id];
  if (t.status !== 'published') throw new Error(`表${id} is ${t.status}`);
  const v = (c: Cell) => (c.status === 'number' ? c.value : c.status === 'missing' ? null : 'na');
  return t.blocks.map((b) => b.cells.map((row) => row.map(v)));
}

/** Table 三 rows of six applicant columns (null = a placeholder on the page), with the 总计 column added. */
const withTotals = (rows: (number | null)[][]) => rows.map((r) => [...r, r.reduce<number>((a, v) => a + (v ?? 0), 0)]);

describe('nianbao import: the seed copy', () => {
  it('yields the prose of the shipped seed report, section by section, and lists what it could not read', () => {
    const dir = makeContent({});
    const r = nianbao('import', SEED, '--office', 't-office', '--year', '2020', '--root', dir);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('原文为繁体字，已转换为简体字');
    expect(r.stdout).toContain('发布日期：缺失');
    for (const key of ['表二', '表三', '表四']) expect(r.stdout).toMatch(new RegExp(`- ${key}（.*未发布`));
    expect(r.stdout).toContain('检查通过');

    const imported = loadOnly(dir);
    const shipped = loadOnly(makeContent({ 't-office/2020.md': readFileSync(path.join(REPO, 'reports', 'taishan-gov-office', '2020.md')) }));
    expect(imported.sections.map((s) => s.heading)).toEqual(shipped.sections.map((s) => s.heading));
    imported.sections.forEach((s, i) => expect(s.markdown, s.heading).toBe(shipped.sections[i]!.markdown));
    expect(imported.meta).toMatchObject({ title: shipped.meta.title, publisher: shipped.meta.publisher, published: null });
    for (const id of ['二', '三', '四'] as const) expect(imported.tables[id].status).toBe('unpublished');

    const source = readFileSync(path.join(dir, 'reports', 't-office', '2020.md'), 'utf8');
    expect(source).not.toMatch(/凡本网|版权|邮件/);
    expect(source).toContain('# 原文未注明发布日期');
  });
});

describe('nianbao import: HTML pages with the official tables', () => {
  it('recovers every number of a 2021-format page (rowspan/colspan, placeholders, full-width digits) and drops the chrome', () => {
    const dir = makeContent({});
    const r = nianbao('import', path.join(FIXTURES, 'report-2021.html'), '--office', 't-office', '--year', '2021', '--root', dir);
    expect(r.status, r.stderr).toBe(0);
    const rep = loadOnly(dir);

    expect(cellsOf(rep, '二')).toEqual([[[0, 0, null], [5, 12, 8]], [[123]], [[3], [null]], [[12.5]]]);
    expect(cellsOf(rep, '三')).toEqual([
      withTotals([
        [20, 3, 0, 1, 2, 0],
        [2, 0, 0, 0, 1, 0],
        [6, 1, 0, 1, 0, 0],
        [3, 1, 0, 0, 1, 0],
        [1, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0],
        [1, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, null, 0],
        [2, 0, 0, 0, 0, 0],
        [0, 0, null, 0, 0, 0],
        [0, 0, 0, 0, 0, 0],
        [4, 1, 0, 0, 0, 0],
        [1, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0],
        [1, 0, 0, 0, 0, 0],
        [0, 0, 0, null, 0, 0],
        [0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0],
        [1, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 1, 0],
        [20, 3, 0, 1, 2, 0],
        [2, 0, 0, 0, 1, 0],
      ]),
    ]);
    expect(cellsOf(rep, '四')).toEqual([[[1, 0, 0, 1, 2], [0, 1, 0, 0, 1], [null, null, null, null, null]]]);

    expect(rep.meta).toMatchObject({
      title: '示例市教育局2021年政府信息公开工作年度报告',
      publisher: '示例市教育局',
      published: '2022-01-20',
      written: '2022-01-18',
      indexNo: '11440000MB0000000X/2022-00003',
      topic: '政务公开',
    });
    const prose = rep.sections.map((s) => s.markdown).join('\n');
    expect(rep.sections[0]!.markdown).toMatch(/^本报告根据《中华人民共和国政府信息公开条例》/);
    expect(rep.sections[0]!.markdown).toContain('### （一）主动公开');
    expect(rep.sections[0]!.markdown).toContain('| 工作动态 | 200 |');
    expect(rep.sections[0]!.markdown).toContain('2021年，我局认真贯彻落实《条例》，扎实推进政务公开各项工作。');
    expect(rep.sections[5]!.markdown).toMatch(/本年度未收取信息处理费。[\s\S]*2022年1月18日$/);
    for (const chrome of ['首页', '当前位置', '分享到', '打印', '相关链接', '版权所有', '网站标识码', 'headings']) expect(prose).not.toContain(chrome);

    // Placeholders are 缺失 with a note in the file and one line each in the output, never 0.
    const source = readFileSync(path.join(dir, 'reports', 't-office', '2021.md'), 'utf8');
    expect(source).toContain('规章: [0, 0, 缺失]  # 现行有效件数原文为“/” → 缺失');
    expect(source).toContain('2.重复申请: [0, 0, 0, 缺失, 0, 0, 0]  # 社会公益组织原文空白 → 缺失');
    expect(r.stdout).toContain('- 表二 · 第二十条第（六）项 · 行政强制：本年处理决定数量原文为“—”，写为“缺失”');
    expect(r.stdout).toContain('原文标题「一、总体工作情况」按「一、总体情况」导入');
  });

  it('recovers every number of a 2019-format page in Traditional script, computes the totals it left blank, reports a local row', () => {
    const dir = makeContent({});
    const r = nianbao('import', path.join(FIXTURES, 'report-2020-traditional.html'), '--office', 't-office', '--year', '2020', '--root', dir);
    expect(r.status, r.stderr).toBe(0);
    const rep = loadOnly(dir);

    expect(cellsOf(rep, '二')).toEqual([[[0, 0, 0], [2, 2, 15]], [[10, 2, 35], [2, -1, null]], [[25, -3, 0], [0, 0, 0]], [[3, 0]], [[4, 56.8]]]);
    const t2 = rep.tables['二'];
    expect(t2.status === 'published' && t2.blocks[4]!.statedUnits).toEqual({ 1: '万元' });
    const t3 = cellsOf(rep, '三');
    const applicants: (number | null)[][] = [
      [5, 1, 0, 0, 0, 0],
      [1, 0, 0, 0, 0, 0],
      [2, 1, 0, 0, 0, 0],
      [1, 0, 0, 0, 0, 0],
      ...Array.from({ length: 8 }, () => [0, 0, 0, 0, 0, 0]),
      [1, 0, 0, 0, 0, 0],
      ...Array.from({ length: 7 }, () => [0, 0, 0, 0, 0, 0]),
      [1, 0, 0, 0, 0, 0],
      [5, 1, 0, 0, 0, 0],
      [1, 0, 0, 0, 0, 0],
    ];
    expect(t3).toEqual([withTotals(applicants)]);
    const computed = rep.tables['三'].status === 'published' ? rep.tables['三'].blocks[0]!.cells : [];
    expect(computed.every((row) => row[6]!.computed)).toBe(true);
    expect(cellsOf(rep, '四')).toEqual([[[1, 0, 0, 0, 1], [0, 0, 1, 0, 1], [0, 2, 0, 0, 2]]]);

    expect(rep.meta).toMatchObject({ title: '示例县市场监督管理局2020年政府信息公开工作年度报告', published: '2021-01-29', indexNo: 'SLX-2021-00017' });
    expect(rep.sections[0]!.markdown).toContain('我局认真贯彻落实《中华人民共和国政府信息公开条例》，印发《政务公开工作要点(试行)》。');
    expect(rep.sections[0]!.markdown).toContain('年度报告(PDF)');
    expect(rep.sections[4]!.markdown).toBe('政务公开工作仍有不足，台账管理有待加强。');
    expect(rep.sections[5]!.markdown).toBe('本年度未收取信息处理费。');
    expect(r.stdout).toContain('- 表二 · 第二十条第（一）项中「其他主动公开文件」一行不在官方格式中，未导入（原文：3、3、10）');
    expect(r.stdout).toContain('- 表二 · 第二十条第（五）项 · 其他对外管理服务事项：处理决定数量原文为“/”，写为“缺失”');
  });
});

describe('nianbao import: never overwrites, asks for the office first', () => {
  it('refuses an existing report unless --force, and an office without office.yml', () => {
    const dir = makeContent({ 't-office/2020.md': 'mine\n' });
    const file = path.join(dir, 'reports', 't-office', '2020.md');
    const r = nianbao('import', SEED, '--office', 't-office', '--year', '2020', '--root', dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('reports/t-office/2020.md 已存在，未覆盖');
    expect(readFileSync(file, 'utf8')).toBe('mine\n');
    const forced = nianbao('import', SEED, '--office', 't-office', '--year', '2020', '--root', dir, '--force');
    expect(forced.status, forced.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/^---\n/);

    const none = nianbao('import', SEED, '--office', 'taishan-gov-office', '--year', '2020', '--root', dir);
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('请先建立 reports/taishan-gov-office/office.yml');
    expect(none.stderr).toContain('全称: 台山市人民政府办公室');
    expect(none.stderr).toContain('t-office');
    expect(existsSync(path.join(dir, 'reports', 'taishan-gov-office', '2020.md'))).toBe(false);
    expect(none.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('nianbao new', () => {
  const CARRY = [2, 1, 0, 0, 1, 0, 4];

  /** A 2020 report whose applications were all carried into 2021 (一 = 四, nothing handled). */
  function report2020(): string {
    const format = formatForYear(2020)!;
    const tables = {} as SourceReport['tables'];
    for (const t of format.tables) tables[t.id] = { values: t.blocks.map((b) => b.rows.map(() => b.columns.map(() => 0))) };
    const t3 = format.table('三').blocks[0]!;
    const v3 = (tables['三'] as { values: number[][][] }).values[0]!;
    for (const label of ['一、本年新收政府信息公开申请数量', '四、结转下年度继续办理']) v3[t3.rows.find((r) => r.label === label)!.index] = [...CARRY];
    return writeReportSource({
      format,
      meta: { year: 2020, title: '测试市人民政府办公室2020年政府信息公开工作年度报告', publisher: '测试市人民政府办公室', published: '2021-01-20', indexNo: 'T0001/2021-00007', topic: '综合政务' },
      tables,
      prose: { 1: '2020年，本机关认真贯彻落实《条例》。' },
    });
  }

  it('writes 2021 after 2020: every cell to fill in, 上年结转 from 2020, passing once filled', () => {
    const dir = makeContent({ 't-office/2020.md': report2020() });
    const r = nianbao('new', 't-office', '2021', '--root', dir);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('已生成：reports/t-office/2021.md');
    expect(r.stdout).toContain('「二、上年结转政府信息公开申请数量」已按2020年度报告的「四、结转下年度继续办理」预填');
    const file = path.join(dir, 'reports', 't-office', '2021.md');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain(`二、上年结转政府信息公开申请数量: [${CARRY.join(', ')}]`);
    expect(text).toContain('标题: 测试市人民政府办公室2021年政府信息公开工作年度报告');
    expect(text).toContain('主题分类: 综合政务');
    expect(text).toContain('# 索引号: "T0001/2022-XXXXX"');
    expect(text).toContain('1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请: [待填, 待填, 待填, 待填, 待填, 待填, 待填]');
    expect(text).toContain('## 六、其他需要报告的事项');
    expect(text).not.toContain('<!--');

    // As written, the checker refuses it: every 待填 is an error, nothing is taken as zero.
    const unfilled = errors(loadSite(defaultPaths(dir)).diagnostics);
    expect(unfilled.length).toBeGreaterThan(100);
    expect(unfilled.every((d) => d.message.includes('待填'))).toBe(true);

    // Filled with zeros, the carried-in applications must go somewhere: T3-BAL says so, column by column.
    const zeros = text.replace('发布日期: 待填', '发布日期: 2022-01-20').replaceAll('待填', '0');
    writeFileSync(file, zeros);
    const bal = errors(loadSite(defaultPaths(dir)).diagnostics);
    expect(bal.map((d) => d.rule)).toEqual(CARRY.filter((v) => v > 0).map(() => 'T3-BAL'));

    // Carried on again into 2022 (still pending), the report passes, with 上年结转 = 2020's 结转下年度继续办理.
    writeFileSync(file, zeros.replace('四、结转下年度继续办理: [0, 0, 0, 0, 0, 0, 0]', `四、结转下年度继续办理: [${CARRY.join(', ')}]`));
    const site = loadSite(defaultPaths(dir));
    expect(errors(site.diagnostics)).toEqual([]);
    const by = (y: number) => site.site!.reports.find((x) => x.year === y)!;
    const row = (rep: Report, label: string) => {
      const t = rep.format.table('三');
      const i = t.blocks[0]!.rows.find((x) => x.label === label)!.index;
      return cellsOf(rep, '三')[0]![i];
    };
    expect(row(by(2021), '二、上年结转政府信息公开申请数量')).toEqual(row(by(2020), '四、结转下年度继续办理'));
    expect(row(by(2021), '二、上年结转政府信息公开申请数量')).toEqual(CARRY);
    expect(by(2021).meta.publisher).toBe('测试市人民政府办公室');
  });

  it('writes a first report without a previous year, and refuses to overwrite or to invent an office', () => {
    const dir = makeContent({});
    const r = nianbao('new', 't-office', '2019', '--root', dir);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('没有2018年度报告，上年结转须手工填写');
    const text = readFileSync(path.join(dir, 'reports', 't-office', '2019.md'), 'utf8');
    expect(text).toContain('采购总金额单位: 待填');
    const filled = text.replace('发布日期: 待填', '发布日期: 2020-01-20').replace('单位: 待填', '单位: 万元').replaceAll('待填', '0');
    writeFileSync(path.join(dir, 'reports', 't-office', '2019.md'), filled);
    expect(loadOnly(dir).format.id).toBe('2019');

    const again = nianbao('new', 't-office', '2019', '--root', dir);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('reports/t-office/2019.md 已存在，未改动');
    expect(readFileSync(path.join(dir, 'reports', 't-office', '2019.md'), 'utf8')).toBe(filled);

    const unknown = nianbao('new', 't-offce', '2022', '--root', dir);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('请先建立 reports/t-offce/office.yml');
    expect(unknown.stderr).toContain('t-office');
    expect(existsSync(path.join(dir, 'reports', 't-offce'))).toBe(false);
    expect(nianbao('new', 't-office', '2018', '--root', dir).status).toBe(2);
  });
});
