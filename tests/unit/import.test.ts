// The pieces of `nianbao import`: label and heading matching, cell reading, cleaning at import level, chrome,
// Markdown escaping, plain-text tables. The whole path (CLI, files, checker) is in tests/build/editor-tools.test.ts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatForYear } from '../../src/formats/index.ts';
import { importReport, decodeInput } from '../../src/import/index.ts';
import { labelScore, MATCH_THRESHOLD, parseLabel } from '../../src/import/labels.ts';
import { escapeLine } from '../../src/import/prose.ts';
import { headingScore, isChromeLine } from '../../src/import/sections.ts';
import { readCellText } from '../../src/import/tables.ts';
import { readDate } from '../../src/import/meta.ts';
import { indexPattern } from '../../src/cli/new.ts';
import { toTraditional } from '../../src/text/script.ts';

const f2021 = formatForYear(2021)!;
const f2019 = formatForYear(2020)!;
const heading = (n: number) => f2021.def.sections[n - 1]!;

/** A plain-text report with the six official headings and the given lines in section 一. */
function textReport(lines: string[], extra: { after?: string[]; head?: string[]; section3?: string[] } = {}): string {
  const s = f2021.def.sections;
  return [
    ...(extra.head ?? ['示例市某局2021年政府信息公开工作年度报告']),
    s[0]!.heading,
    ...lines,
    s[1]!.heading,
    s[2]!.heading,
    ...(extra.section3 ?? []),
    s[3]!.heading,
    s[4]!.heading,
    '存在问题。',
    s[5]!.heading,
    '本年度未收取信息处理费。',
    ...(extra.after ?? []),
  ].join('\n');
}

const run = (text: string, format = f2021, year = 2021) => importReport({ bytes: new TextEncoder().encode(text), name: 'x.txt', year, format });
const section1 = (text: string) => run(textReport([text])).report.prose[1];

describe('label matching', () => {
  const ok = (found: string, official: string) => expect(labelScore(found, official), `${found} ~ ${official}`).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
  const no = (found: string, official: string) => expect(labelScore(found, official), `${found} ≁ ${official}`).toBeLessThan(MATCH_THRESHOLD);

  it('tolerates width, punctuation, quotes, whitespace and script', () => {
    ok('本年收费金额(单位:万元)', '本年收费金额（单位：万元）');
    ok('3.危及"三安全一稳定"', '3.危及“三安全一稳定”');
    ok('法律服务\n机构', '法律服务机构');
    ok('規範性文件', '规范性文件');
    ok('１.属于国家秘密', '1.属于国家秘密');
    ok('1、属于国家秘密', '1.属于国家秘密');
  });

  it('tolerates added words and shortened labels, not other items', () => {
    ok('现行有效件数（历史累计）', '现行有效件数');
    ok('（二）部分公开', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）');
    ok('1.本机关不掌握相关的政府信息', '1.本机关不掌握相关政府信息');
    no('1.属于国家秘密', '2.其他法律行政法规禁止公开');
    no('行政处罚', '行政强制');
    no('法人或其他组织', '其他');
  });

  it('splits numbering of every style', () => {
    expect(parseLabel('（三）不予公开').numbering).toEqual({ kind: 'paren', value: 3 });
    expect(parseLabel('第三部分 收到和处理').numbering).toEqual({ kind: 'cn', value: 3 });
    expect(parseLabel('十二、其他').numbering).toEqual({ kind: 'cn', value: 12 });
    expect(parseLabel('2020年度').numbering).toBeUndefined();
  });
});

describe('section headings', () => {
  it('accepts the official headings and common rewordings', () => {
    expect(headingScore('一、总体情况', heading(1))).toBe(1);
    expect(headingScore('一、总体工作情况', heading(1))).toBeGreaterThan(0);
    expect(headingScore('二、主动公开情况', heading(2))).toBeGreaterThan(0);
    expect(headingScore('三、收到和處理政府信息公開申請情況', heading(3))).toBeGreaterThan(0);
    expect(headingScore('第三部分 收到和处理政府信息公开申请情况', heading(3))).toBeGreaterThan(0);
    expect(headingScore('四．政府信息公开行政复议、行政诉讼情况：', heading(4))).toBeGreaterThan(0);
    expect(headingScore('五、存在的主要问题和改进措施', heading(5))).toBeGreaterThan(0);
    expect(headingScore('六、其他需要说明的事项', heading(6))).toBeGreaterThan(0);
    expect(headingScore('总体情况', heading(1))).toBeGreaterThan(0);
  });

  it('refuses sub-heads, other numbers, sentences and unrelated numbered lines', () => {
    expect(headingScore('（二）主动公开政府信息情况', heading(2))).toBe(0);
    expect(headingScore('三、总体情况', heading(1))).toBe(0);
    expect(headingScore('一、加强组织领导', heading(1))).toBe(0);
    expect(headingScore('一、总体情况。2021年，我局认真贯彻落实《条例》，扎实推进各项工作。', heading(1))).toBe(0);
  });
});

describe('cells: blank is not zero', () => {
  it('reads numbers in every published form', () => {
    expect(readCellText('１２')).toEqual({ kind: 'number', value: 12 });
    expect(readCellText('1,234')).toEqual({ kind: 'number', value: 1234 });
    expect(readCellText('+2')).toEqual({ kind: 'number', value: 2 });
    expect(readCellText('−3')).toEqual({ kind: 'number', value: -3 });
    expect(readCellText('12.5万元')).toEqual({ kind: 'number', value: 12.5 });
    expect(readCellText(' 0 件')).toEqual({ kind: 'number', value: 0 });
  });

  it('keeps placeholders apart from numbers', () => {
    for (const p of ['/', '-', '—', '——', '－', '_', '／', '无']) expect(readCellText(p).kind, p).toBe('placeholder');
    expect(readCellText('').kind).toBe('empty');
    expect(readCellText('　').kind).toBe('empty');
    expect(readCellText('不适用').kind).toBe('na');
    expect(readCellText('缺失').kind).toBe('missing');
    expect(readCellText('自然人').kind).toBe('label');
  });
});

describe('cleaning at import level: glued pinyin', () => {
  // Each case goes through the whole import (page → sections → prose).
  it('keeps list markers (一)', () => expect(section1('(一)认真推进政务公开工作。')).toBe('(一)认真推进政务公开工作。'));
  it('keeps a numbered sub-head on its own line as a level-3 heading', () => expect(section1('（一）主动公开')).toBe('### （一）主动公开'));
  it('keeps (试行)', () => expect(section1('印发《政务公开工作要点(试行)》。')).toBe('印发《政务公开工作要点(试行)》。'));
  it('keeps (PDF)', () => expect(section1('附件：年度报告(PDF)')).toBe('附件：年度报告(PDF)'));
  it('keeps (2023)', () => expect(section1('见年度报告(2023)。')).toBe('见年度报告(2023)。'));
  it('keeps URLs in parentheses', () => expect(section1('详见网站(https://www.gov.cn/zhengce/)。')).toBe('详见网站(https://www.gov.cn/zhengce/)。'));
  it('keeps document numbers in parentheses', () =>
    expect(section1('《关于报送年度报告的函》(台山府办函〔2021〕61号 )')).toBe('《关于报送年度报告的函》(台山府办函〔2021〕61号 )'));
  it('removes toned annotations', () => expect(section1('我局(jú)认真贯彻落实。')).toBe('我局认真贯彻落实。'));
  it('removes toneless annotations', () => expect(section1('印发(fa)通知。')).toBe('印发通知。'));
  it('removes repeated annotations', () => expect(section1('政(zheng)(zheng)务公开。')).toBe('政务公开。'));
  it('removes nested annotations', () => expect(section1('市政府办公(室(shi))。')).toBe('市政府办公(室)。'));
  it('removes full-width annotations', () => expect(section1('台（tái）山市。')).toBe('台山市。'));

  it('keeps and lists an annotation that is not a reading of its character', () => {
    const r = run(textReport(['本报告(bào)如下。']));
    expect(r.report.prose[1]).toBe('本报告(bào)如下。');
    expect(r.gaps.some((g) => g.includes('报告(bào)'))).toBe(true);
  });

  it('converts Traditional text, and only Traditional text', () => {
    const trad = run(toTraditional(textReport(['我局认真贯彻落实《条例》，推进政务公开。'])));
    expect(trad.report.prose[1]).toBe('我局认真贯彻落实《条例》，推进政务公开。');
    expect(trad.info).toContain('原文为繁体字，已转换为简体字');
    const simp = run(textReport(['陕西省乾县人民政府办公室推进政务公开。']));
    expect(simp.report.prose[1]).toBe('陕西省乾县人民政府办公室推进政务公开。');
  });
});

describe('what is report and what is chrome', () => {
  it('recognises site chrome lines, not report sentences', () => {
    expect(isChromeLine('凡本网注明"稿件来源:台山政府网"的所有文字')).toBe(true);
    expect(isChromeLine('版权所有：示例市人民政府办公室')).toBe(true);
    expect(isChromeLine('【打印本页】【关闭窗口】')).toBe(true);
    expect(isChromeLine('联系方式:0750-5565827邮件:[email protected]')).toBe(true);
    expect(isChromeLine('关闭了3个长期不更新的政务新媒体账号。')).toBe(false);
    expect(isChromeLine('联系电话：0750-5565827')).toBe(false);
  });

  it('keeps a report that ends with its contact line, and cuts from the first chrome line on', () => {
    const kept = run(textReport([], { after: ['联系电话：0750-5565827'] }));
    expect(kept.report.prose[6]).toBe('本年度未收取信息处理费。\n\n联系电话：0750-5565827');
    const cut = run(textReport([], { after: ['版权所有：示例市人民政府', '联系电话：0750-5565827'] }));
    expect(cut.report.prose[6]).toBe('本年度未收取信息处理费。');
    expect(cut.info.some((i) => i.includes('已略去报告末尾之后的 2 行'))).toBe(true);
  });

  it('puts the report’s opening sentences in the first section, not titles or metadata', () => {
    const r = run(textReport(['正文。'], { head: ['首页 > 政务公开', '示例市某局2021年政府信息公开工作年度报告', '发布日期：2022-01-20', '本报告根据《条例》编制，统计期限自2021年1月1日起至12月31日止。'] }));
    expect(r.report.prose[1]).toBe('本报告根据《条例》编制，统计期限自2021年1月1日起至12月31日止。\n\n正文。');
    expect(r.report.meta.published).toBe('2022-01-20');
    expect(r.report.meta.title).toBe('示例市某局2021年政府信息公开工作年度报告');
  });

  it('lists a section whose heading is not found', () => {
    const text = textReport(['正文。']).replace(`${heading(5).heading}\n`, '');
    const r = run(text);
    expect(r.gaps).toContain(`未找到「${heading(5).heading}」的标题，该部分正文为空，请对照原文补上`);
  });
});

describe('Markdown escaping', () => {
  it('keeps page text literal', () => {
    expect(escapeLine('1. 本报告数据')).toBe('1\\. 本报告数据');
    expect(escapeLine('# 不是标题')).toBe('\\# 不是标题');
    expect(escapeLine('- 不是列表')).toBe('\\- 不是列表');
    expect(escapeLine('*重点*工作')).toBe('\\*重点\\*工作');
    expect(escapeLine('1.属于国家秘密')).toBe('1.属于国家秘密');
    expect(section1('1. 本报告数据')).toBe('1\\. 本报告数据');
  });
});

describe('plain-text tables and dates', () => {
  it('reads a table copied as tab-separated lines, by column order when the count is exact', () => {
    const t3 = f2021.table('三').blocks[0]!;
    const lines = t3.rows.map((r, i) => [r.label, ...t3.columns.map((c) => (c.index === t3.columns.length - 1 ? String(i) : c.index === 0 ? String(i) : '0'))].join('\t'));
    const r = run(textReport([], { section3: ['\t申请人情况', ...lines, '本年共收到申请。'] }));
    const values = (r.report.tables['三'] as { values: unknown[][][] }).values[0]!;
    t3.rows.forEach((row, i) => expect(values[row.index]![0], row.label).toBe(i));
    expect(r.report.prose[3]).toBe('本年共收到申请。');
  });

  it('reads labelled dates only, and never invents one', () => {
    expect(readDate('2021年1月29日')).toBe('2021-01-29');
    expect(readDate('2021-1-9')).toBe('2021-01-09');
    expect(readDate('2021-02-30')).toBeUndefined();
    const r = run(textReport(['2021年12月31日前完成。']));
    expect(r.report.meta.published).toBe('缺失');
    expect(r.gaps[0]).toContain('发布日期');
  });

  it('decodes GBK pages', () => {
    const gbk = Uint8Array.from(Buffer.from('d5feb8aed0c5cfa2b9abbfaa', 'hex'));
    expect(decodeInput(gbk)).toEqual({ text: '政府信息公开', encoding: 'GB18030' });
  });

  it('writes the next 索引号 as a pattern to fill in', () => {
    expect(indexPattern('11441781007143028C/2021-00012', 2020, 2021)).toBe('11441781007143028C/2022-XXXXX');
  });
});

describe('both format versions', () => {
  it('refuses the other version’s columns, and names that version', () => {
    const t2 = f2021.table('二').blocks[0]!;
    const title = t2.def.title!;
    // A 2021-format label in a 2020 report (2019 trial format).
    const text = textReport([], { section3: [] }).replace(
      f2021.def.sections[1]!.heading,
      `${f2021.def.sections[1]!.heading}\n${title}\n信息内容\t${t2.columns.map((c) => c.label).join('\t')}\n${t2.rows[1]!.label}\t1\t2\t3`,
    );
    const r = run(text, f2019, 2020);
    expect(r.gaps.some((g) => g.includes(t2.columns[0]!.label) && g.includes(f2021.def.name)), r.gaps.join('\n')).toBe(true);
    expect(r.report.tables['二']).toHaveProperty('unpublished');
  });
});

describe('HTML pages: what cannot be read is said, once', () => {
  const fixture = readFileSync(path.resolve(import.meta.dirname, '..', 'fixtures', 'import', 'report-2021.html'), 'utf8');
  const runHtml = (html: string) => importReport({ bytes: new TextEncoder().encode(html), name: 'x.html', year: 2021, format: f2021 });

  it('reports a reworded column header once for the table and writes its cells 缺失', () => {
    const r = runHtml(fixture.replace('<td rowspan="2">总计</td></tr>', '<td rowspan="2">合计</td></tr>'));
    expect(r.gaps).toContain('表三：原表没有「总计」一列（或表头无法辨认），各格写为“缺失”');
    expect(r.gaps.filter((g) => g.includes('合计'))).toEqual(['表三：表头「申请人情况 › 合计」下的 25 个数值（26、3、8、5、1…）无法对应官方格式的列，未导入']);
    const t3 = r.report.tables['三'] as { values: unknown[][][] };
    expect(t3.values[0]!.every((row) => row[6] === '缺失')).toBe(true);
    expect(t3.values[0]![0]![0]).toBe(20);
  });

  it('says a table published as an image is not read, and never writes zeros for it', () => {
    const start = fixture.indexOf('<table', fixture.indexOf('四、政府信息公开行政复议'));
    const end = fixture.indexOf('</table>', start) + '</table>'.length;
    const r = runHtml(`${fixture.slice(0, start)}<p><img src="t4.png" alt="表四"></p>${fixture.slice(end)}`);
    expect(r.report.tables['四']).toEqual({ unpublished: '原文此表为图片，导入时未能读取，原表数据见原网页。' });
    expect(r.gaps).toContain('表四（四、政府信息公开行政复议、行政诉讼情况）：原文为图片，未能读取，写为“未发布”');
  });
});
