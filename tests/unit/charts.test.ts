// Charts: what they show is derived from the format definitions (办理结果 categories, 行政复议/行政诉讼 outcomes),
// their geometry is proportional to the data, unknown values are gaps (never zero bars), and each has a text
// summary and a data table with the same numbers.
import { describe, expect, it } from 'vitest';
import { distribution, outcomes, reportGetter, shortLabel, type CellGetter } from '../../src/charts/data.ts';
import { distributionChart, outcomesChart, trendChart, trendSummary } from '../../src/charts/index.ts';
import { columnChart, niceStep, percent } from '../../src/charts/svg.ts';
import { formatForYear, type CompiledFormat } from '../../src/formats/index.ts';
import { defaultPaths, loadSiteOrThrow } from '../../src/load/site.ts';
import { makeContent, reportSource } from '../helpers/content.ts';

/** A getter from labelled values: `${row}|${column}` → number (others 0, or undefined when listed as unknown). */
function getter(format: CompiledFormat, values: Record<string, number | undefined>): CellGetter {
  return (table, block, row, column) => {
    const b = format.table(table).blocks[block]!;
    const key = `${b.rows[row]!.label}|${b.columns[column]!.label}`;
    return key in values ? values[key] : 0;
  };
}

describe('what the charts show', () => {
  for (const year of [2020, 2022]) {
    const format = formatForYear(year)!;
    it(`distribution: the groups of 三、本年度办理结果 without its total (${format.id})`, () => {
      const d = distribution(format, getter(format, { '（一）予以公开|总计': 5, '1.重复申请|总计': 2, '2.重复申请|总计': 99, '2.重复申请|自然人': 7 }))!;
      // Independent of the chart code: the group's children in the definition, except the last (（七）总计).
      const t3 = format.def.tables.find((t) => t.id === '三')!;
      const results = t3.blocks[0]!.rows.find((r) => r.children?.some((c) => c.label === '（一）予以公开'))!;
      expect(d.categories.map((c) => c.fullLabel)).toEqual(results.children!.slice(0, -1).map((c) => c.label));
      expect(d.categories[0]!.value).toBe(5);
      // （五）不予处理 sums its numbered rows in the 总计 column only.
      expect(d.categories.find((c) => c.fullLabel === '（五）不予处理')!.value).toBe(99);
      expect(d.unit).toBe('件');
    });
  }

  it('distribution: the official total when given, else the sum; unknown categories stay unknown', () => {
    const f = formatForYear(2022)!;
    const d = distribution(f, getter(f, { '（一）予以公开|总计': 3, '（七）总计|总计': 10, '3.其他|总计': undefined }))!;
    expect(d.total).toBe(10);
    expect(d.categories.find((c) => c.fullLabel === '（六）其他处理')!.value).toBeUndefined();
    const noTotal = distribution(f, getter(f, { '（一）予以公开|总计': 3, '（七）总计|总计': undefined }))!;
    expect(noTotal.total).toBe(3);
  });

  it('outcomes: table 四 rows over the parts of its total', () => {
    const f = formatForYear(2022)!;
    const o = outcomes(f, getter(f, { '行政复议|结果维持': 2, '行政复议|总计': 2, '复议后起诉|尚未审结': 1, '复议后起诉|总计': 1 }))!;
    expect(o.columns).toEqual(['结果维持', '结果纠正', '其他结果', '尚未审结']);
    expect(o.totalLabel).toBe('总计');
    expect(o.groups).toEqual(['行政复议', '行政诉讼']);
    expect(o.rows.map((r) => [r.label, r.total])).toEqual([
      ['行政复议', 2],
      ['行政诉讼·未经复议直接起诉', 0],
      ['行政诉讼·复议后起诉', 1],
    ]);
  });

  it('reads a report: unpublished tables and 缺失 cells are unknown, 不适用 is 0', () => {
    const dir = makeContent({ 't-office/2022.md': reportSource(2022, { edit: (s) => (s.tables['四'] = { unpublished: '原文未附此表' }) }) });
    const report = loadSiteOrThrow(defaultPaths(dir)).reports[0]!;
    const get = reportGetter(report);
    expect(get('四', 0, 0, 0)).toBeUndefined();
    expect(outcomesChart('c', report.format, get, '')).toBeUndefined();
    const chart = distributionChart('d', report.format, get, '2022年度')!;
    expect(chart.summary).toBe('2022年度办理结果共8件：（一）予以公开2件（25%），（二）部分公开6件（75%）；其余4类为0件。');
  });

  it('shortens labels only by a trailing note', () => {
    expect(shortLabel('（二）部分公开（区分处理的，只计这一情形，不计其他情形）')).toBe('（二）部分公开');
    expect(shortLabel('（一）予以公开')).toBe('（一）予以公开');
    expect(shortLabel('（七）总计')).toBe('（七）总计');
  });
});

describe('geometry', () => {
  it('picks round axis steps', () => {
    expect(niceStep(0)).toBe(1);
    expect(niceStep(3)).toBe(1);
    expect(niceStep(37)).toBe(10);
    expect(niceStep(523)).toBe(200);
    expect(niceStep(0.9, 4, false)).toBe(0.5);
  });

  it('draws bars proportional to the values and leaves a gap for an unknown value', () => {
    const c = columnChart({ id: 'x', title: 't', summary: 's', unit: '件', points: [{ label: '2020', value: 10 }, { label: '2021', value: undefined }, { label: '2022', value: 20 }], table: { caption: '', head: [], rows: [] } });
    expect(c.rects).toHaveLength(2);
    const a = c.rects[0]!;
    const b = c.rects[1]!;
    expect(b.h / a.h).toBeCloseTo(2, 1);
    // Bars stand on the same baseline.
    expect(a.y + a.h).toBeCloseTo(b.y + b.h, 1);
    expect(c.texts.filter((t) => t.text === '缺失')).toHaveLength(1);
    expect(c.texts.map((t) => t.text)).toEqual(expect.arrayContaining(['10', '20', '2020', '2021', '2022']));
    for (const r of c.rects) expect(r.cls).toMatch(/^chart-/);
  });

  it('writes percentages of a known, non-zero total only', () => {
    expect(percent(1, 3)).toBe('（33.3%）');
    expect(percent(1, 0)).toBe('');
    expect(percent(1, undefined)).toBe('');
  });

  it('stacks outcome segments within the longest bar and draws a legend', () => {
    const f = formatForYear(2022)!;
    const c = outcomesChart('o', f, getter(f, { '行政复议|结果维持': 3, '行政复议|结果纠正': 1, '行政复议|总计': 4, '复议后起诉|其他结果': 2, '复议后起诉|总计': 2 }), '')!;
    const segments = c.rects.filter((r) => r.h === 18);
    expect(segments).toHaveLength(3);
    expect(c.rects.filter((r) => r.h === 14)).toHaveLength(4); // legend keys
    expect(c.table.rows.map((r) => r.cells)).toEqual([
      ['3', '1', '0', '0', '4'],
      ['0', '0', '0', '0', '0'],
      ['0', '0', '2', '0', '2'],
    ]);
    expect(c.summary).toBe('行政复议4件（结果维持3件、结果纠正1件）；行政诉讼·未经复议直接起诉0件；行政诉讼·复议后起诉2件（其他结果2件）。');
  });
});

describe('summaries', () => {
  it('describes a trend from the first to the last known year, its extremes and its gaps', () => {
    expect(trendSummary('本年新收申请', '件', [{ year: 2019, value: 12 }, { year: 2020, value: undefined }, { year: 2021, value: 31 }, { year: 2022, value: 30 }])).toBe(
      '2019—2022年度，本年新收申请由12件增至30件；最多为2021年度的31件，最少为2019年度的12件；2020年度的数据缺失或未发布。',
    );
    expect(trendSummary('本年新收申请', '件', [{ year: 2019, value: undefined }])).toBe('2019年度，本年新收申请的数据均缺失。');
    expect(trendSummary('x', '件', [{ year: 2019, value: 5 }, { year: 2020, value: 5 }])).toBe('2019—2020年度，x2019年度和2020年度均为5件。');
  });

  it('puts the same numbers in the data table as in the chart', () => {
    const c = trendChart('t', '本年新收申请', '件', [{ year: 2021, value: 4 }, { year: 2022, value: undefined }]);
    expect(c.table.rows).toEqual([
      { label: '2021年度', cells: ['4'] },
      { label: '2022年度', cells: ['缺失'] },
    ]);
    expect(c.title).toBe('本年新收申请（2021—2022年度）');
  });
});
