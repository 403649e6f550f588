// Roll-ups (汇总) and comparisons on loaded reports: sums by cell, blank is not zero (unpublished tables and 缺失
// cells are never read as 0), units, provenance, region membership, expected offices; the comparison with last
// year across the format versions.
import { appendFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { labelledCells } from '../../src/check/measures.ts';
import { formatForYear, type TableId } from '../../src/formats/index.ts';
import { defaultPaths, loadSiteOrThrow } from '../../src/load/site.ts';
import type { Report, SiteData } from '../../src/model/types.ts';
import { regionYears } from '../../src/rollup/regions.ts';
import { cellStatus, rollup } from '../../src/rollup/sum.ts';
import { PARTIAL_MARK, MIXED_UNITS, rollupTableView } from '../../src/rollup/view.ts';
import { buildIndex } from '../../src/site/indexes.ts';
import { dataCells } from '../../src/site/table-cells.ts';
import { comparable, compareViews } from '../../src/site/compare.ts';
import { makeContent, reportSource } from '../helpers/content.ts';
import type { SourceReport } from '../../src/write/source.ts';

const office = (name: string, region: string, parent?: string) => `全称: ${name}\n地区: ${region}\n${parent ? `上级: ${parent}\n` : ''}层级: 县级\n类型: 政府部门\n`;
type Values = { values: (number | string)[][][]; statedUnits?: Record<number, string>[] };

function load(files: Record<string, string>, regions = ''): SiteData {
  const dir = makeContent(files);
  if (regions) appendFileSync(`${dir}/reports/regions.yml`, regions);
  return loadSiteOrThrow(defaultPaths(dir));
}

/** Sets a cell of a source table by labels. */
function set(s: SourceReport, table: TableId, row: string, column: string, v: number | string): void {
  const t = s.format.table(table);
  const b = t.blocks.find((x) => x.rows.some((r) => r.label === row))!;
  const r = b.rows.find((x) => x.label === row)!;
  const c = b.columns.find((x) => x.label === column)!;
  (s.tables[table] as Values).values[b.index]![r.index]![c.index] = v;
}

const REGIONS = `t-sub:\n  名称: 测试市测试区\n  上级: t-region\n`;

describe('rollup', () => {
  const site = load(
    {
      'a/office.yml': office('甲局', 't-region'),
      'a/2022.md': reportSource(2022, { edit: (s) => set(s, '二', '行政事业性收费', '本年收费金额（单位：万元）', 0.1) }),
      'b/office.yml': office('乙局', 't-sub'),
      'b/2022.md': reportSource(2022, {
        edit: (s) => {
          set(s, '二', '行政事业性收费', '本年收费金额（单位：万元）', 0.2);
          set(s, '二', '规章', '本年制发件数', '不适用');
          set(s, '二', '行政许可', '本年处理决定数量', '缺失');
        },
      }),
      'c/office.yml': office('丙局', 't-sub'),
      'c/2022.md': reportSource(2022, {
        edit: (s) => {
          s.tables['三'] = { unpublished: '原文未附此表' };
          set(s, '二', '规章', '本年制发件数', '不适用');
        },
      }),
    },
    REGIONS,
  );
  const format = formatForYear(2022)!;
  const reports = site.reports;

  it('sums every cell of the published tables, by cell', () => {
    const r = rollup(format, reports);
    const t3 = r.tables.find((t) => t.id === '三')!;
    expect(t3.contributors.map((x) => x.officeId)).toEqual(['a', 'b']);
    const block = format.table('三').blocks[0]!;
    for (const row of block.rows)
      for (const col of block.columns) {
        const expected = t3.contributors.reduce((s, rep) => {
          const c = labelledCells(rep, '三').get(row.label)!.get(col.label)!;
          return s + (c.status === 'number' ? c.value : 0);
        }, 0);
        expect(t3.cells[0]![row.index]![col.index]!.sum, `${row.label} ${col.label}`).toBe(expected);
      }
    // 8 received in each of the two published tables.
    const received = block.rows.find((x) => x.label === '一、本年新收政府信息公开申请数量')!;
    expect(t3.cells[0]![received.index]![block.columns.length - 1]!.sum).toBe(16);
  });

  it('leaves an unpublished table out and names it, never reading it as zeros', () => {
    const t3 = rollup(format, reports).tables.find((t) => t.id === '三')!;
    expect(t3.unpublished.map((u) => [u.report.officeId, u.reason])).toEqual([['c', '原文未附此表']]);
    // Two offices counted in each cell, not three.
    expect(t3.cells[0]![0]![0]!.numbers).toBe(2);
  });

  it('marks a sum with a 缺失 cell as partial; 不适用 adds nothing; all 不适用 stays 不适用', () => {
    const t2 = rollup(format, reports).tables.find((t) => t.id === '二')!;
    const at = (row: string, col: string) => {
      const loc = format.locate({ table: '二', row, column: col })!;
      return t2.cells[loc.block]![loc.row]![loc.column]!;
    };
    expect(cellStatus(at('行政许可', '本年处理决定数量'))).toBe('partial');
    expect(t2.missingCells.map((m) => [m.report.officeId, m.count])).toEqual([['b', 1]]);
    const rule = at('规章', '本年制发件数');
    expect(rule).toMatchObject({ sum: 0, numbers: 1, na: 2 });
    expect(cellStatus(rule)).toBe('number');
    // Amounts keep the sources' decimals: 0.1 + 0.2 = 0.3, not 0.30000000000000004.
    expect(at('行政事业性收费', '本年收费金额（单位：万元）').sum).toBe(0.3);
  });

  it('lays the sums out in the official table, partial cells marked', () => {
    const t2 = rollup(format, reports).tables.find((t) => t.id === '二')!;
    const view = rollupTableView(t2);
    const refs = dataCells(t2.table, view);
    const partial = refs.find((r) => r.row.label === '行政许可')!;
    expect(partial.cell.cls).toContain('partial');
    expect(partial.cell.lines?.[0]?.text).toContain(PARTIAL_MARK);
    expect(view.hasPartial).toBe(true);
    // The view's cells sit where the table view puts them: each cell's headers end with its row's id.
    for (const r of refs) expect(r.cell.headers!.split(' ').pop()).toMatch(new RegExp(`r${r.row.index}$`));
    // No office published table 三 in a roll-up of c alone: no table, a notice.
    const onlyC = rollup(format, reports.filter((r) => r.officeId === 'c')).tables.find((t) => t.id === '三')!;
    expect(rollupTableView(onlyC).published).toBe(false);
  });

  it('refuses reports of another format version', () => {
    expect(() => rollup(formatForYear(2020)!, reports)).toThrow(/format/);
  });

  it('does not add amounts stated in different units (2019 采购总金额)', () => {
    const s2019 = load({
      'a/office.yml': office('甲局', 't-region'),
      'a/2019.md': reportSource(2019, { edit: (s) => ((s.tables['二'] as Values).statedUnits = [{}, {}, {}, {}, { 1: '万元' }]) }),
      'b/office.yml': office('乙局', 't-region'),
      'b/2019.md': reportSource(2019, { edit: (s) => ((s.tables['二'] as Values).statedUnits = [{}, {}, {}, {}, { 1: '元' }]) }),
    });
    const f = formatForYear(2019)!;
    const t2 = rollup(f, s2019.reports).tables.find((t) => t.id === '二')!;
    const loc = f.locate({ table: '二', row: '政府集中采购', column: '采购总金额' })!;
    const cell = t2.cells[loc.block]![loc.row]![loc.column]!;
    expect(cell.units).toEqual(['万元', '元'].sort());
    expect(cellStatus(cell)).toBe('mixed-units');
    const ref = dataCells(t2.table, rollupTableView(t2)).find((r) => r.row.label === '政府集中采购' && r.column.label === '采购总金额')!;
    expect(ref.cell.text).toBe(MIXED_UNITS);
  });
});

describe('regions and expected offices', () => {
  const site = load(
    {
      'a/office.yml': office('甲局', 't-region'),
      'a/2021.md': reportSource(2021),
      'a/2022.md': reportSource(2022),
      'b/office.yml': office('乙局', 't-sub', 'a'),
      'b/2021.md': reportSource(2021),
      'n/office.yml': office('新设局', 't-sub'),
      'n/2022.md': reportSource(2022),
    },
    REGIONS,
  );
  const index = buildIndex(site);

  it('counts a report towards its region and every region above it', () => {
    const years = regionYears(index);
    const top = years.get('t-region')!;
    expect(top.map((y) => [y.year, y.reports.map((r) => r.officeId)])).toEqual([
      [2021, ['a', 'b']],
      [2022, ['a', 'n']],
    ]);
    expect(years.get('t-sub')!.map((y) => [y.year, y.reports.map((r) => r.officeId)])).toEqual([
      [2021, ['b']],
      [2022, ['n']],
    ]);
  });

  it('expects a report from offices that published in an earlier year, not before their first', () => {
    expect(index.missing(2022).map((o) => o.id)).toEqual(['b']);
    // n's first report is 2022: it is not expected in 2021.
    expect(index.missing(2021).map((o) => o.id)).toEqual([]);
    const sub = regionYears(index).get('t-sub')!.find((y) => y.year === 2022)!;
    expect(sub.missing.map((o) => o.id)).toEqual(['b']);
  });

  it('sums key measures per region, counting unknown ones apart', () => {
    const y = regionYears(index).get('t-region')!.find((x) => x.year === 2021)!;
    const received = index.measures.findIndex((m) => m.id === 'received');
    expect(y.measures[received]).toEqual({ value: 16, known: 2, unknown: 0 });
  });
});

describe('compare with last year', () => {
  const site = load({
    'a/office.yml': office('甲局', 't-region'),
    'a/2020.md': reportSource(2020, {
      edit: (s) => {
        set(s, '三', '（六）其他处理', '自然人', 2);
        set(s, '三', '（六）其他处理', '总计', 2);
        set(s, '三', '（一）予以公开', '自然人', 0);
        set(s, '三', '（一）予以公开', '总计', 0);
      },
    }),
    'a/2021.md': reportSource(2021, {
      edit: (s) => {
        set(s, '四', '行政复议', '结果维持', 1);
        set(s, '四', '行政复议', '总计', 1);
      },
    }),
    'a/2022.md': reportSource(2022, { edit: (s) => (s.tables['四'] = { unpublished: '原文未附此表' }) }),
  });
  const [r2020, r2021, r2022] = site.reports as [Report, Report, Report];

  it('matches cells by identical labels and shows last year and the change', () => {
    const views = compareViews(r2021, r2020);
    const t3 = views.find((v) => v.id === 't3')!;
    const cells = dataCells(r2021.format.table('三'), t3);
    const received = cells.find((c) => c.row.label === '一、本年新收政府信息公开申请数量' && c.column.label === '总计')!;
    expect(received.cell.lines!.map((l) => l.text)).toEqual(['上年 8', '持平']);
    const disclosed = cells.find((c) => c.row.label === '（一）予以公开' && c.column.label === '总计')!;
    expect(disclosed.cell.lines!.map((l) => l.text)).toEqual(['上年 0', '增 2']);
  });

  it('compares the 2019 single （六） row with the sum of the 2021 sub-rows, and shows the sub-rows apart', () => {
    const t3 = compareViews(r2021, r2020).find((v) => v.id === 't3')!;
    const cells = dataCells(r2021.format.table('三'), t3);
    const sub = cells.find((c) => c.row.path.includes('（六）其他处理') && c.column.label === '总计')!;
    expect(sub.cell.lines![0]!.text).toContain('上年无此项');
    expect(t3.groups).toHaveLength(1);
    const g = t3.groups[0]!;
    expect(g.label).toBe('（六）其他处理');
    expect(g.rows.find((r) => r.column === '总计')).toMatchObject({ current: '0', previous: '2', change: '减 2' });
  });

  it('does not compare table 二 across versions (no identical labels), and says why', () => {
    const t2 = compareViews(r2021, r2020).find((v) => v.id === 't2')!;
    expect(t2.matched).toBe(0);
    expect(t2.compareNotice).toContain('不逐项对比');
    expect(dataCells(r2021.format.table('二'), t2).every((c) => !c.cell.lines)).toBe(true);
  });

  it('says when last year did not publish a table, and needs a comparable table to compare at all', () => {
    const t4 = compareViews(r2022, r2021).find((v) => v.id === 't4')!;
    expect(t4.published).toBe(false);
    const t4b = compareViews(r2021, r2020).find((v) => v.id === 't4')!;
    const review = dataCells(r2021.format.table('四'), t4b).find((c) => c.row.label === '行政复议' && c.column.label === '结果维持')!;
    expect(review.cell.lines!.map((l) => l.text)).toEqual(['上年 0', '增 1']);
    expect(comparable(r2021, r2020)).toBe(true);
    const bare = { ...r2021, tables: { ...r2021.tables, 三: { status: 'unpublished' as const, reason: 'x' }, 四: { status: 'unpublished' as const, reason: 'x' } } };
    // Only table 二 left, and its labels differ between the versions.
    expect(comparable(bare, r2020)).toBe(false);
  });
});
