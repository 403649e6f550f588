import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFiles, DEMO_BEGIN, DEMO_END, generateDemo, replaceDemoRegions, writeDemo, type DemoOptions } from '../../src/demo/generate.ts';
import { mulberry32, Rng } from '../../src/demo/random.ts';
import { AMOUNT_UNIT } from '../../src/demo/tables.ts';
import type { CompiledFormat, CompiledRule } from '../../src/formats/index.ts';
import { formatHuman } from '../../src/load/diagnostics.ts';
import { loadSite } from '../../src/load/site.ts';
import type { BlockData, Cell, Report, SiteData } from '../../src/model/types.ts';

const YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025];
const OPTS: DemoOptions = { seed: 2024, offices: 24, years: YEARS };
const SITE_YML = path.resolve(import.meta.dirname, '../../site.yml');

/** Table 三 rows by their role, read from the compiled rules as the generator does (no labels here either). */
function t3Rows(format: CompiledFormat) {
  const t = format.table('三');
  const balance = t.rules.find((r): r is Extract<CompiledRule, { left: readonly number[] }> => 'left' in r)!;
  const colTotal = t.rules.find((r) => r.def.type === 'column-total') as { total: number };
  const rowTotal = t.rules.find((r) => r.def.type === 'row-total') as { total: number };
  const [received, carriedIn] = [...balance.left].sort((a, b) => a - b) as [number, number];
  const carriedOut = balance.right.find((r) => r !== colTotal.total)!;
  return { received, carriedIn, carriedOut, totalCol: rowTotal.total };
}

const value = (c: Cell | undefined): number => {
  if (c?.status !== 'number') throw new Error(`expected a number, got ${JSON.stringify(c)}`);
  return c.value;
};
const blocks = (r: Report, id: '二' | '三' | '四'): BlockData[] => {
  const t = r.tables[id];
  if (t.status !== 'published') throw new Error(`${r.file}: table ${id} not published`);
  return t.blocks;
};

function byOffice(site: SiteData): Map<string, Report[]> {
  const m = new Map<string, Report[]>();
  for (const r of site.reports) m.set(r.officeId, [...(m.get(r.officeId) ?? []), r]);
  for (const list of m.values()) list.sort((a, b) => a.year - b.year);
  return m;
}

describe('random', () => {
  it('mulberry32 is a pure function of its seed', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('forks do not depend on how much the parent was used', () => {
    const a = new Rng(1);
    const b = new Rng(1);
    b.float();
    expect(a.fork('x', 2).float()).toBe(b.fork('x', 2).float());
    expect(new Rng(1).fork('x').float()).not.toBe(new Rng(1).fork('y').float());
  });

  it('split keeps the total', () => {
    const r = new Rng(3);
    for (const n of [0, 1, 7, 499, 501, 40000]) expect(r.split(n, [5, 0.3, 2, 1]).reduce((s, x) => s + x, 0)).toBe(n);
  });
});

describe('generateDemo', () => {
  it('same seed gives identical files', () => {
    expect(generateDemo(OPTS)).toEqual(generateDemo({ ...OPTS }));
  });

  it('a different seed gives different files', () => {
    const a = generateDemo(OPTS);
    const b = generateDemo({ ...OPTS, seed: 2025 });
    expect(b.files.map((f) => f.path)).toEqual(a.files.map((f) => f.path));
    const differing = a.files.filter((f, i) => f.text !== b.files[i]!.text);
    expect(differing.length).toBeGreaterThan(a.files.length / 2);
  });

  it('no two reports are copies', () => {
    const texts = generateDemo(OPTS).files.filter((f) => f.path.endsWith('.md')).map((f) => f.text.split('\n---\n')[1]);
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('builds the region hierarchy with prefixed ASCII ids', () => {
    const out = generateDemo(OPTS);
    expect(out.regions).toMatch(/^demo-city:\n/m);
    expect(out.regions).toMatch(/^demo-dongcheng:\n/m);
    const offices = out.files.filter((f) => f.path.endsWith('/office.yml'));
    expect(offices.length).toBe(24);
    for (const f of offices) expect(f.path).toMatch(/^demo-[a-z0-9-]+\/office\.yml$/);
    expect(out.files.filter((f) => f.path.endsWith('.md')).length).toBe(24 * YEARS.length);
  });

  it('honours idPrefix and refuses an unsafe one', () => {
    const out = generateDemo({ ...OPTS, offices: 3, years: [2024], idPrefix: 'bench-' });
    expect(out.files.every((f) => f.path.startsWith('bench-'))).toBe(true);
    expect(out.files.find((f) => f.path.endsWith('.md'))!.text).toMatch(/索引号: "BENCH0001\/2025-\d{5}"/);
    expect(() => generateDemo({ ...OPTS, idPrefix: '' })).toThrow(/idPrefix/);
    expect(() => generateDemo({ ...OPTS, idPrefix: 'taishan' })).toThrow(/idPrefix/);
    expect(() => generateDemo({ ...OPTS, years: [2018] })).toThrow(/2018/);
  });

  it('generates 1,000 offices', { timeout: 120_000 }, () => {
    let reports = 0;
    for (const f of demoFiles({ seed: 1, offices: 1000, years: YEARS })) if (f.path.endsWith('.md')) reports++;
    expect(reports).toBe(1000 * YEARS.length);
  });
});

describe('replaceDemoRegions', () => {
  const demo = 'demo-city:\n  名称: 示例市\n';
  it('appends the demo part when absent, adding a final newline only if missing', () => {
    expect(replaceDemoRegions('a:\n  名称: 甲\n', demo)).toBe(`a:\n  名称: 甲\n${DEMO_BEGIN}\n${demo}${DEMO_END}\n`);
    expect(replaceDemoRegions('a:\n  名称: 甲', demo)).toBe(`a:\n  名称: 甲\n${DEMO_BEGIN}\n${demo}${DEMO_END}\n`);
  });

  it('replaces only the part between the markers', () => {
    const before = '# head\r\na:\r\n  名称: 甲\r\n';
    const after = 'b:\n  名称: 乙\n';
    const text = `${before}${DEMO_BEGIN}\r\nold: 1\n${DEMO_END}\n${after}`;
    expect(replaceDemoRegions(text, demo)).toBe(`${before}${DEMO_BEGIN}\n${demo}${DEMO_END}\n${after}`);
  });

  it('refuses an unterminated demo part', () => {
    expect(() => replaceDemoRegions(`${DEMO_BEGIN}\nx: 1\n`, demo)).toThrow(DEMO_END);
  });
});

describe('the demo loads and keeps its promises', () => {
  let root: string;
  let site: SiteData;
  const head = '# Regions of the test site\nsomewhere:\n  名称: 某省\n';

  beforeAll(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'nianbao-demo-'));
    copyFileSync(SITE_YML, path.join(root, 'site.yml'));
    const reports = path.join(root, 'reports');
    mkdirSync(reports);
    writeFileSync(path.join(reports, 'regions.yml'), head);
    // A bigger demo first, so that the second run has stale demo folders to remove.
    writeDemo(reports, { ...OPTS, offices: 40 });
    writeDemo(reports, OPTS);
    const loaded = loadSite({ root, reports, siteFile: path.join(root, 'site.yml') });
    const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length) throw new Error(errors.slice(0, 20).map(formatHuman).join('\n'));
    site = loaded.site!;
  }, 60_000);

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('loads with zero diagnostics', () => {
    expect(site.offices.length).toBe(24);
    expect(site.reports.length).toBe(24 * YEARS.length);
    expect(site.regions.filter((r) => r.demo).map((r) => r.id)).toContain('demo-city');
    expect(site.regions.find((r) => r.id === 'somewhere')!.demo).toBe(false);
  });

  it('keeps regions.yml outside the markers and removes stale demo folders', () => {
    const reports = path.join(root, 'reports');
    const text = readFileSync(path.join(reports, 'regions.yml'), 'utf8');
    expect(text.startsWith(head + DEMO_BEGIN + '\n')).toBe(true);
    expect(text.split(DEMO_BEGIN).length).toBe(2);
    const folders = readdirSync(reports).filter((n) => n !== 'regions.yml');
    expect(folders.sort()).toEqual(site.offices.map((o) => o.id).sort());
  });

  it('refuses to delete a demo-prefixed folder holding other files', () => {
    const other = mkdtempSync(path.join(os.tmpdir(), 'nianbao-demo-odd-'));
    try {
      mkdirSync(path.join(other, 'demo-notes'));
      writeFileSync(path.join(other, 'demo-notes', 'notes.txt'), 'hand-made');
      expect(() => writeDemo(other, { ...OPTS, offices: 2, years: [2024] })).toThrow(/refusing/);
      expect(existsSync(path.join(other, 'demo-notes', 'notes.txt'))).toBe(true);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('carries over 四 of year Y−1 into 二 of year Y, per column, for every office (X-CARRY)', () => {
    let pairs = 0;
    for (const list of byOffice(site).values()) {
      const first = list[0]!;
      const f = t3Rows(first.format);
      expect(blocks(first, '三')[0]!.cells[f.carriedIn]!.map(value).every((v) => v === 0)).toBe(true);
      for (let i = 1; i < list.length; i++) {
        const prev = list[i - 1]!;
        const cur = list[i]!;
        expect(cur.year).toBe(prev.year + 1);
        const out = blocks(prev, '三')[0]!.cells[t3Rows(prev.format).carriedOut]!.map(value);
        const inn = blocks(cur, '三')[0]!.cells[t3Rows(cur.format).carriedIn]!.map(value);
        expect(inn, `${cur.file}`).toEqual(out);
        pairs++;
      }
    }
    expect(pairs).toBe(24 * (YEARS.length - 1));
    // Somebody must actually carry something, or the check proves nothing.
    expect(site.reports.some((r) => value(blocks(r, '三')[0]!.cells[t3Rows(r.format).carriedIn]![t3Rows(r.format).totalCol]) > 0)).toBe(true);
  });

  it('keeps item counts (X-2019) and documents in force (X-STOCK) continuous', () => {
    for (const list of byOffice(site).values()) {
      for (let i = 1; i < list.length; i++) {
        const prev = list[i - 1]!;
        const cur = list[i]!;
        if (prev.format !== cur.format) continue;
        const t = cur.format.table('二');
        t.blocks.forEach((b, bi) => {
          const signed = b.columns.findIndex((c) => c.kind === 'signed');
          const stock = b.columns.length === 3 && b.columns.every((c) => c.kind === 'count') && signed < 0 && cur.format.id !== '2019';
          b.rows.forEach((_, ri) => {
            const p = blocks(prev, '二')[bi]!.cells[ri]!;
            const c = blocks(cur, '二')[bi]!.cells[ri]!;
            if (p[0]!.status !== 'number' || c[0]!.status !== 'number') return;
            if (signed > 0) expect(value(p[signed - 1]) + value(p[signed]), cur.file).toBe(value(c[signed - 1]));
            if (stock) expect(value(p[2]) + value(c[0]) - value(c[1]), cur.file).toBe(value(c[2]));
          });
        });
      }
    }
  });

  it('quotes in section 一 the number of applications of table 三 row 一', () => {
    for (const r of site.reports) {
      const md = r.sections.find((s) => s.number === 1)!.markdown;
      const f = t3Rows(r.format);
      const received = value(blocks(r, '三')[0]!.cells[f.received]![f.totalCol]);
      const m = /共收到政府信息公开申请(\d+)件/.exec(md);
      if (m) expect(Number(m[1]), r.file).toBe(received);
      else {
        expect(md, r.file).toContain('未收到政府信息公开申请');
        expect(received, r.file).toBe(0);
      }
      // The usual sub-heads and a realistic length.
      expect(md).toContain('### （一）主动公开');
      expect(md).toContain('### （五）监督保障');
      const chars = md.replace(/^###.*$/gm, '').replace(/\s/g, '').length;
      expect(chars, r.file).toBeGreaterThanOrEqual(800);
      expect(chars, r.file).toBeLessThanOrEqual(1500);
    }
  });

  it('has realistic magnitudes, 不适用 rows, omitted and given totals, stated units and lawful dates', () => {
    const received = (r: Report) => value(blocks(r, '三')[0]!.cells[t3Rows(r.format).received]![t3Rows(r.format).totalCol]);
    const office = new Map(site.offices.map((o) => [o.id, o]));
    for (const r of site.reports) {
      const o = office.get(r.officeId)!;
      if (o.type === '乡镇街道') expect(received(r)).toBeLessThanOrEqual(5);
      if (o.id === 'demo-city-gov') {
        expect(received(r)).toBeGreaterThanOrEqual(50);
        expect(received(r)).toBeLessThanOrEqual(300);
      }
      const y = r.year + 1;
      const published = r.meta.published!;
      expect(published <= (o.type === '人民政府' ? `${y}-03-31` : `${y}-01-31`), r.file).toBe(true);
      expect(published >= `${y}-01-01`).toBe(true);
      expect(r.meta.written! <= published).toBe(true);
      expect(r.meta.indexNo).toMatch(/^DEMO\d{4}\/\d{4}-\d{5}$/);
    }
    const cells = site.reports.flatMap((r) => blocks(r, '二').flatMap((b) => b.cells.flat()));
    expect(cells.some((c) => c.status === 'na')).toBe(true);
    const totals = site.reports.map((r) => blocks(r, '三')[0]!.cells[t3Rows(r.format).received]![t3Rows(r.format).totalCol]!.computed);
    expect(totals.some((c) => c)).toBe(true);
    expect(totals.some((c) => !c)).toBe(true);
    for (const r of site.reports.filter((x) => x.format.id === '2019')) {
      const t = r.format.table('二');
      t.blocks.forEach((b, bi) => b.columns.forEach((c) => c.statedUnits && expect(blocks(r, '二')[bi]!.statedUnits[c.index]).toBe(AMOUNT_UNIT)));
    }
  });
});
