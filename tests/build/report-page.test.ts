// Report pages through the real path: sources → loader → Eleventy → HTML, checked with an HTML parser.
import { load as loadHtml, type CheerioAPI } from 'cheerio';
import { load as loadYaml } from 'js-yaml';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../src/cli/build.ts';
import { formatById } from '../../src/formats/index.ts';
import { makeContent, reportSource } from '../helpers/content.ts';

let out: string;
const sources: Record<number, string> = {};

beforeAll(async () => {
  sources[2020] = reportSource(2020, { omitTotals: true });
  sources[2022] = reportSource(2022, {
    edit: (s) => {
      const t2 = s.tables['二'] as { values: (number | string)[][][] };
      t2.values[0]![0] = ['不适用', '不适用', '不适用'];
      t2.values[0]![1] = [5, 12, 8];
      t2.values[3]![0] = [12.5];
      s.tables['四'] = { unpublished: '原文未附此表' };
    },
  });
  const content = makeContent({ 't-office/2020.md': sources[2020], 't-office/2022.md': sources[2022] });
  out = path.join(mkdtempSync(path.join(os.tmpdir(), 'nianbao-out-')), '_site');
  await buildSite({ root: content, output: out });
});

const page = (year: number): CheerioAPI => loadHtml(readFileSync(path.join(out, 'reports', 't-office', String(year), 'index.html'), 'utf8'));

/** Texts of the header cells a data cell names in its `headers` attribute, in document order of the ids. */
function headerTexts($: CheerioAPI, td: Parameters<CheerioAPI>[0]): string[] {
  return ($(td as never).attr('headers') ?? '').split(' ').map((id) => $(`#${id}`).clone().children('.unit').remove().end().text().trim());
}

/** The values of a source table, read with a plain YAML load (independent of nianbao's loader). */
function sourceTables(year: number): Record<string, unknown> {
  const text = sources[year]!;
  return loadYaml(text.split('\n---\n')[0]!.replace(/^---\n/, '')) as Record<string, unknown>;
}

describe.each([2020, 2022])('report page %i', (year) => {
  const format = formatById(year === 2020 ? '2019' : '2021')!;

  it('has the six official headings in order, and one h1', () => {
    const $ = page(year);
    expect($('h1')).toHaveLength(1);
    expect($('main h2').map((_, h) => $(h).text()).get()).toEqual(format.def.sections.map((s) => s.heading));
  });

  it('shows every official label of its format version verbatim in the tables', () => {
    const $ = page(year);
    for (const t of format.tables) {
      const table = $(`#t${t.def.section}`);
      if (!table.length) continue; // not published on this page: covered below
      expect(table.attr('aria-label')).toBe(`表格：${t.def.caption}`);
      // One HTML table per block: captioned by the block title (table 二) or the table's own caption.
      expect(table.find('caption').map((_, c) => $(c).text()).get()).toEqual(t.blocks.length > 1 ? t.blocks.map((b) => b.def.title) : [t.def.caption]);
      const ths = new Set(table.find('th').map((_, th) => $(th).clone().children('.unit').remove().end().text().trim()).get());
      for (const b of t.blocks) {
        for (const label of [...b.rows.flatMap((r) => r.path), ...b.columns.flatMap((c) => c.path), b.def.stub].filter(Boolean)) {
          expect(ths, `${t.id}: ${label}`).toContain(label);
        }
      }
    }
  });

  it('names the right row and column headers on every data cell, and shows the source value', () => {
    const $ = page(year);
    const t3 = format.table('三');
    const src = sourceTables(year)['表三'] as Record<string, unknown>;
    const cols = src['列'] as string[];
    const cells = $('#t3 td');
    expect(cells).toHaveLength(t3.blocks[0]!.rows.length * t3.blocks[0]!.columns.length);
    cells.each((_, td) => {
      const names = headerTexts($, td);
      const row = t3.blocks[0]!.rows.find((r) => r.path.every((p) => names.includes(p)) && names.includes(r.label))!;
      const col = t3.blocks[0]!.columns.find((c) => c.path.every((p) => names.includes(p)))!;
      expect(row, names.join('|')).toBeTruthy();
      expect(col, names.join('|')).toBeTruthy();
      // Every header the cell names is one of its row's or column's.
      expect(names.sort()).toEqual([...row.path, ...col.path].sort());
      // The value given in the source, looked up by the labels, or a computed total.
      let v: unknown = src;
      for (const p of row.path) v = (v as Record<string, unknown> | undefined)?.[p];
      const i = cols.indexOf(col.label);
      if (Array.isArray(v) && i >= 0) {
        expect($(td).text()).toBe(String(v[i]));
        expect($(td).hasClass('computed')).toBe(false);
      } else {
        expect($(td).hasClass('computed')).toBe(true);
      }
    });
  });
});

describe('values, blanks and totals on the page', () => {
  it('shows computed totals (summed from the data) and says so', () => {
    const $ = page(2020);
    const total = $('#t3 td').filter((_, td) => {
      const names = headerTexts($, td);
      return names.includes('（七）总计') && names.includes('总计');
    });
    expect(total.text()).toBe('8');
    expect(total.hasClass('computed')).toBe(true);
    expect($('.table-note').first().text()).toContain('由系统根据表内数据计算');
  });

  it('shows 不适用 and decimals as written, and a notice for a table not published', () => {
    const $ = page(2022);
    const cell = (row: string, col: string) =>
      $('#t2 td').filter((_, td) => {
        const n = headerTexts($, td);
        return n.includes(row) && n.includes(col);
      });
    expect(cell('规章', '本年制发件数').text()).toBe('不适用');
    expect(cell('行政规范性文件', '本年废止件数').text()).toBe('12');
    expect(cell('行政事业性收费', '本年收费金额（单位：万元）').text()).toBe('12.5');
    expect($('#t4')).toHaveLength(0);
    const notice = $('#s4').parent().find('.notice');
    expect(notice.text()).toContain('本表未发布');
    expect(notice.text()).toContain('原文未附此表');
  });

  it('lays out table 四 as one row under 行政复议 | 行政诉讼 › 未经复议直接起诉 / 复议后起诉', () => {
    const $ = page(2020);
    expect($('#t4 tbody tr')).toHaveLength(1);
    expect($('#t4 tbody td')).toHaveLength(15);
    const top = $('#t4 thead tr').first().find('th');
    expect(top.map((_, th) => `${$(th).text()}:${$(th).attr('colspan')}`).get()).toEqual(['行政复议:5', '行政诉讼:10']);
    // 行政复议's five result headers reach down to the last header row.
    expect($('#t4 thead tr').eq(1).find('th').first().attr('rowspan')).toBe('2');
  });

  it('carries the 信息公开 metadata block and government meta tags from the data', () => {
    const $ = page(2022);
    const meta = (name: string) => $(`meta[name="${name}"]`).attr('content');
    expect(meta('ArticleTitle')).toBe('测试市人民政府办公室2022年政府信息公开工作年度报告');
    expect(meta('PubDate')).toBe('2023-01-20');
    expect(meta('SiteIDCode')).toBeTruthy();
    expect(meta('ColumnName')).toBe('政府信息公开年报');
    const rows = $('.meta-block tr').map((_, tr) => `${$(tr).find('th').text()}=${$(tr).find('td').text()}`).get();
    expect(rows).toContain('索引号=T0001/2023-00001');
    expect(rows).toContain('发布日期=2023-01-20');
    expect(rows).toContain('成文日期=2023-01-18');
  });

  it('prints the footer identifiers from site.yml', () => {
    const $ = page(2022);
    const footer = $('footer').text();
    expect(footer).toContain('网站标识码');
    expect(footer).toContain('主办单位');
    expect($('footer a[href="https://beian.miit.gov.cn/"]')).toHaveLength(1);
  });
});
