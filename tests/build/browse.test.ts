// The browsing pages through the real build: on the bundled content every page type exists, is reachable from the
// home page, and no internal link is broken; roll-up cells equal the sums of the offices' cells, recomputed here
// from the loaded model; no listing page is empty. On a small fixture: expected offices without a report (未发布),
// partial sums and provenance, the comparison with last year across format versions, corrections, feeds, charts.
import { load as loadHtml, type CheerioAPI } from 'cheerio';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { buildSite } from '../../src/cli/build.ts';
import { labelledCells } from '../../src/check/measures.ts';
import type { TableId } from '../../src/formats/index.ts';
import { defaultPaths, loadSiteOrThrow } from '../../src/load/site.ts';
import type { SiteData } from '../../src/model/types.ts';
import { REPO } from '../helpers/content.ts';
import { SEED, browseContent, checkLinks, crawl, listFiles } from './browse-fixture.ts';

const tmpOut = () => path.join(mkdtempSync(path.join(os.tmpdir(), 'nianbao-browse-out-')), '_site');
const html = (out: string, rel: string): CheerioAPI => loadHtml(readFileSync(path.join(out, rel), 'utf8'));
const text = ($: CheerioAPI, sel: string) => $(sel).text().replace(/\s+/g, ' ').trim();

/** Header texts named by a data cell's headers attribute (header texts by id cached per page). */
const headerCache = new WeakMap<CheerioAPI, Map<string, string>>();
function headerNames($: CheerioAPI, td: Parameters<CheerioAPI>[0]): string[] {
  let byId = headerCache.get($);
  if (!byId) {
    byId = new Map($('th[id]').map((_, th) => [[$(th).attr('id')!, $(th).clone().children('.unit').remove().end().text().trim()]]).get() as Array<[string, string]>);
    headerCache.set($, byId);
  }
  return ($(td as never).attr('headers') ?? '').split(' ').map((id) => byId!.get(id) ?? '');
}
/** A cell's own value (without the lines a view adds). */
const cellValue = ($: CheerioAPI, td: Parameters<CheerioAPI>[0]) => ($(td as never).find('.cell-value').text() || $(td as never).clone().children().remove().end().text()).trim();

describe('bundled content', () => {
  let out: string;
  let site: SiteData;
  beforeAll(async () => {
    // The bundled content is built once per test run (tests/global-setup.ts); build it here when run alone.
    out = inject('bundledSite') ?? tmpOut();
    if (!existsSync(path.join(out, 'index.html'))) await buildSite({ root: REPO, output: out });
    site = loadSiteOrThrow(defaultPaths(REPO));
  });

  const PAGE_TYPES: Record<string, RegExp> = {
    home: /^index\.html$/,
    regions: /^regions\/index\.html$/,
    region: /^regions\/[a-z0-9-]+\/index\.html$/,
    rollup: /^regions\/[a-z0-9-]+\/\d{4}\/index\.html$/,
    years: /^years\/index\.html$/,
    year: /^years\/\d{4}\/index\.html$/,
    offices: /^reports\/index\.html$/,
    office: /^reports\/[a-z0-9-]+\/index\.html$/,
    report: /^reports\/[a-z0-9-]+\/\d{4}\/index\.html$/,
    compare: /^reports\/[a-z0-9-]+\/\d{4}\/compare\/index\.html$/,
    search: /^search\/index\.html$/,
    quality: /^quality\/index\.html$/,
    feed: /^feed\.xml$/,
    officeFeed: /^reports\/[a-z0-9-]+\/feed\.xml$/,
    sitemap: /^sitemap\.xml$/,
  };

  it('has every page type, each reachable from the home page', () => {
    const files = listFiles(out);
    const reached = crawl(out, '/');
    for (const [type, re] of Object.entries(PAGE_TYPES)) {
      expect(files.some((f) => re.test(f)), `${type} exists`).toBe(true);
      expect([...reached].some((f) => re.test(f)), `${type} reachable`).toBe(true);
    }
    expect(files).toContain('404.html');
    expect(files).toContain('search-index/manifest.json');
    // Every report, office, region and year page is reachable, not only one of each.
    const pages = files.filter((f) => f.endsWith('index.html') && !f.startsWith('zh-hant/') && !f.includes('/pinyin/'));
    expect(pages.filter((f) => !reached.has(f))).toEqual([]);
  });

  it('has no broken internal link', () => {
    const { problems, checked } = checkLinks(out, '/', site.config.domain);
    expect(checked).toBeGreaterThan(1000);
    expect(problems).toEqual([]);
  });

  it('generates no empty listing page', () => {
    const listings = listFiles(out).filter((f) => /^(regions|years)\/(.+\/)?index\.html$|^reports\/([a-z0-9-]+\/)?index\.html$|^index\.html$/.test(f));
    expect(listings.length).toBeGreaterThan(30);
    for (const f of listings) {
      const $ = html(out, f);
      expect($('main li a, main tbody a').length, f).toBeGreaterThan(0);
    }
    // The seed's regions hold only tables that were not published: their pages exist, their roll-ups do not.
    expect(existsSync(path.join(out, 'regions', 'taishan', 'index.html'))).toBe(true);
    expect(existsSync(path.join(out, 'regions', 'taishan', '2020'))).toBe(false);
  });

  it('sums every roll-up cell from the offices’ cells', () => {
    const offices = new Map(site.offices.map((o) => [o.id, o]));
    const parentOf = new Map(site.regions.map((r) => [r.id, r.parent]));
    const within = (regionId: string, r: string | undefined): boolean => (r === undefined ? false : r === regionId || within(regionId, parentOf.get(r)));
    const rollups = listFiles(out).filter((f) => /^regions\/[a-z0-9-]+\/\d{4}\/index\.html$/.test(f));
    expect(rollups.length).toBeGreaterThan(20);
    let cells = 0;
    for (const f of rollups) {
      const [, regionId, yearText] = f.split('/');
      const year = Number(yearText);
      const reports = site.reports.filter((r) => r.year === year && within(regionId!, offices.get(r.officeId)!.region));
      const $ = html(out, f);
      // Provenance names every report summed.
      expect($('.provenance tbody th a').length, f).toBe(reports.length);
      for (const id of ['二', '三', '四'] as TableId[]) {
        const format = reports[0]!.format;
        const t = format.table(id);
        const tds = $(`#t${t.def.section} td`);
        expect(tds.length, `${f} ${id}`).toBe(t.blocks.reduce((s, b) => s + b.rows.length * b.columns.length, 0));
        const byLabels = reports.map((r) => labelledCells(r, id));
        tds.each((_, td) => {
          const names = headerNames($, td);
          const block = t.blocks.find((b) => b.rows.some((r) => names.includes(r.label)))!;
          const row = block.rows.find((r) => names.includes(r.label))!;
          const col = block.columns.find((c) => names.includes(c.label))!;
          let sum = 0;
          for (const cellsOf of byLabels) {
            const c = cellsOf.get(row.label)!.get(col.label)!;
            if (c.status === 'number') sum += c.value;
          }
          expect(Number(cellValue($, td)), `${f} ${row.label} ${col.label}`).toBeCloseTo(sum, 6);
          cells++;
        });
      }
    }
    expect(cells).toBeGreaterThan(1000);
  });

  it('lists the seed office as 未发布 on later years, and finds the seed report on its year page', () => {
    const y2020 = html(out, 'years/2020/index.html');
    expect(y2020(`main a[href="/reports/${SEED}/2020/"]`).length).toBe(1);
    const y2023 = html(out, 'years/2023/index.html');
    expect(text(y2023, '#missing + p + ul')).toContain('台山市人民政府办公室');
    expect(y2023(`.missing-list a[href="/reports/${SEED}/2020/"]`).length).toBe(1);
  });

  it('puts the site navigation and listing meta tags on listing pages', () => {
    const $ = html(out, 'regions/demo-city/index.html');
    expect($('nav.site-nav a').map((_, a) => $(a).text()).get()).toEqual(expect.arrayContaining(['首页', '地区', '年度', '质量']));
    expect($('meta[name="ColumnName"]').attr('content')).toBe('政府信息公开年报');
    expect($('meta[name="ColumnType"]').attr('content')).toBeTruthy();
    expect($('meta[name="ColumnDescription"]').attr('content')).toContain('示例市');
    expect($('meta[name="ColumnKeywords"]').attr('content')).toContain('示例市');
    expect($('.breadcrumb li').first().text().trim()).toBe('首页');
    expect($('.demo-banner').length).toBe(1);
  });
});

describe('fixture content', () => {
  let out: string;
  beforeAll(async () => {
    out = tmpOut();
    await buildSite({ root: browseContent(), output: out });
  });

  it('lists an expected office without a report as 未发布 on the year page and in the roll-up provenance', () => {
    const $ = html(out, 'years/2022/index.html');
    const missing = text($, '.missing-list');
    expect(missing).toContain('测试市教育局');
    expect(missing).toContain('2022年度未发布');
    // An office whose first report is later is not expected before it.
    expect(text(html(out, 'years/2020/index.html'), 'main')).not.toContain('测试市测试区测试镇人民政府：2020年度未发布');
    const r = html(out, 'regions/t-city/2022/index.html');
    expect(text(r, '.provenance .missing-report')).toContain('测试市教育局');
    expect(text(r, '.provenance .missing-report')).toContain('未计入');
  });

  it('does not count an unpublished table or a 缺失 cell as zero, and marks the partial sum', () => {
    const $ = html(out, 'regions/t-city/2021/index.html');
    // Table 四 of t-edu 2021 is not published: named in the provenance, not summed.
    const eduRow = $('.provenance tbody tr').filter((_, tr) => $(tr).find('th').text().includes('测试市教育局'));
    expect(eduRow.find('td').last().text()).toContain('未发布');
    // t-town's 上年结转 of 自然人 is 缺失: that cell's sum is partial, marked and explained.
    const carried = $('#t3 td').filter((_, td) => {
      const n = headerNames($, td);
      return n.includes('二、上年结转政府信息公开申请数量') && n.includes('自然人');
    });
    expect(carried.hasClass('partial')).toBe(true);
    expect(carried.text()).toContain('不全');
    expect(text($, 'main')).toContain('空白不等于零');
  });

  it('shows the correction notice near the top and keeps the report URL', () => {
    const $ = html(out, 'reports/t-gov/2022/index.html');
    const notice = $('.revision-notice');
    expect(notice.length).toBe(1);
    expect(notice.text()).toContain('本报告于2023-03-01修订');
    expect(notice.text()).toContain('见修订记录');
    expect(notice.find('a').attr('href')).toBe('#revisions');
    // Before the metadata block, right under the title.
    expect($('article').children().index(notice)).toBeLessThan($('article').children().index($('.meta-block')));
    expect($('#revisions').length).toBe(1);
    expect(text($, '.revisions')).toContain('补充第六部分内容');
    expect(text(html(out, 'reports/t-gov/2021/index.html'), 'main')).not.toContain('修订记录');
  });

  it('links previous and next years and the comparison', () => {
    const $ = html(out, 'reports/t-gov/2021/index.html');
    expect($('.report-nav a[rel="prev"]').attr('href')).toBe('/reports/t-gov/2020/');
    expect($('.report-nav a[rel="next"]').attr('href')).toBe('/reports/t-gov/2022/');
    expect($('.report-nav a[href="/reports/t-gov/2021/compare/"]').length).toBe(1);
    const first = html(out, 'reports/t-gov/2020/index.html');
    expect(first('.report-nav a[rel="prev"]').length).toBe(0);
    expect(text(first, '.compare-note')).toContain('无法与上年对比');
  });

  it('compares each cell with last year by identical labels, and （六） through the group sum across versions', () => {
    const $ = html(out, 'reports/t-gov/2021/compare/index.html');
    const cell = (row: string, col: string) =>
      $('#t3 td').filter((_, td) => {
        const n = headerNames($, td);
        return n.includes(row) && n.includes(col);
      });
    const received = cell('一、本年新收政府信息公开申请数量', '总计');
    expect(received.find('.cell-value').text()).toBe('8');
    expect(received.find('.prev').text()).toBe('上年 8');
    expect(received.find('.change').text()).toBe('持平');
    // 2021's （六） sub-rows have no counterpart row in 2019; the group is compared under the table.
    expect(cell('3.其他', '总计').find('.prev').text()).toContain('上年无此项');
    expect(text($, '.group-compare caption')).toContain('（六）其他处理');
    // Table 二's labels differ between the versions: shown apart, with a notice.
    expect($('#t2 .prev').length).toBe(0);
    expect(text($, 'main')).toContain('不逐项对比');
    // 2022 vs 2021: same version, table 二 compared cell by cell.
    const same = html(out, 'reports/t-gov/2022/compare/index.html');
    expect(same('#t2 .prev').length).toBeGreaterThan(0);
    expect(same('#t2 .prev').first().text()).toMatch(/^上年 /);
  });

  it('writes Atom feeds with dates from 发布日期 only, leaving out reports without one', () => {
    const feed = readFileSync(path.join(out, 'feed.xml'), 'utf8');
    const $ = loadHtml(feed, { xml: true });
    expect($('feed > entry').length).toBe(6); // 8 reports; the seed and t-town 2022 have no 发布日期
    expect(feed).not.toContain('/reports/t-town/2022/');
    expect($('entry').first().find('id').text()).toMatch(/^https:\/\/[^/]+\/reports\//);
    // The revised report: published on its 发布日期, updated on its last 修订记录 date.
    const revised = $('entry').filter((_, e) => $(e).find('id').text().endsWith('/reports/t-gov/2022/'));
    expect(revised.find('published').text()).toBe('2023-01-20T00:00:00+08:00');
    expect(revised.find('updated').text()).toBe('2023-03-01T00:00:00+08:00');
    expect($('feed > updated').text()).toBe('2023-03-01T00:00:00+08:00');
    const office = loadHtml(readFileSync(path.join(out, 'reports', 't-town', 'feed.xml'), 'utf8'), { xml: true });
    expect(office('entry').length).toBe(1);
    // No feed for the seed office: its only report has no 发布日期.
    expect(existsSync(path.join(out, 'reports', SEED, 'feed.xml'))).toBe(false);
    expect(html(out, `reports/${SEED}/index.html`)('a[type="application/atom+xml"]').length).toBe(0);
    expect(html(out, 'reports/t-gov/index.html')('link[rel="alternate"][type="application/atom+xml"]').attr('href')).toBe('/reports/t-gov/feed.xml');
  });

  it('draws charts as SVG with a title, a text summary and a data table', () => {
    for (const page of ['reports/t-gov/index.html', 'regions/t-city/2021/index.html']) {
      const $ = html(out, page);
      const figs = $('figure.chart');
      expect(figs.length, page).toBeGreaterThan(0);
      figs.each((_, fig) => {
        const svg = $(fig).find('svg');
        expect(svg.attr('role')).toBe('img');
        const [titleId, descId] = svg.attr('aria-labelledby')!.split(' ');
        expect(svg.find(`title#${titleId}`).text().length).toBeGreaterThan(0);
        expect(svg.find(`desc#${descId}`).text().length).toBeGreaterThan(0);
        expect($(fig).find('figcaption').text()).toContain(svg.find('desc').text());
        expect($(fig).find('table caption').text()).toContain('数据表');
        expect($(fig).find('table tbody tr').length).toBeGreaterThan(0);
        expect($(fig).find('[style]').length).toBe(0);
      });
    }
    const $ = html(out, 'reports/t-gov/index.html');
    const trend = $('figure.chart').first();
    expect(trend.find('svg title').text()).toContain('本年新收申请');
    expect(trend.find('tbody tr').map((_, tr) => $(tr).find('th').text()).get()).toEqual(['2020年度', '2021年度', '2022年度']);
    const dist = $('figure.chart').filter((_, f) => $(f).find('svg title').text().includes('办理结果'));
    expect(dist.find('tbody tr').first().find('th').text()).toBe('（一）予以公开');
  });

  it('has no broken links and no inline scripts or styles', () => {
    const { problems } = checkLinks(out, '/', 'nianbao.example.gov.cn');
    expect(problems).toEqual([]);
    for (const f of listFiles(out).filter((x) => x.endsWith('.html'))) {
      const $ = html(out, f);
      expect($('script:not([src])').length, f).toBe(0);
      expect($('style, [style]').length, f).toBe(0);
    }
  });
});
