// shareCells (src/model/compact.ts): after loading, equal cells become one shared frozen object, equal rows one
// shared frozen row, and every table reads the same values as before.
import { describe, expect, it } from 'vitest';
import { defaultPaths, loadSite, loadSiteOrThrow } from '../../src/load/site.ts';
import { shareCells } from '../../src/model/compact.ts';
import type { Cell, SiteData } from '../../src/model/types.ts';
import { REPO } from '../helpers/content.ts';

const cellsOf = (site: SiteData): Cell[] =>
  site.reports.flatMap((r) => Object.values(r.tables).flatMap((t) => (t.status === 'published' ? t.blocks.flatMap((b) => b.cells.flat()) : [])));
/** A cell's value as a reader sees it (its position in the source left out). */
const seen = (c: Cell) => (c.status === 'number' ? [c.status, c.value, c.computed] : [c.status, c.computed]);

describe('shareCells', () => {
  it('keeps every value, shares equal cells and freezes them', () => {
    const site = loadSiteOrThrow(defaultPaths(REPO));
    const before = cellsOf(site).map(seen);
    expect(before.length).toBeGreaterThan(10_000);
    shareCells(site);
    const after = cellsOf(site);
    expect(after.map(seen)).toEqual(before);
    const distinct = new Set(after);
    expect(distinct.size).toBeLessThan(after.length / 10);
    expect(new Set(after.map((c) => JSON.stringify(seen(c)))).size).toBe(distinct.size);
    expect(after.every((c) => Object.isFrozen(c) && !('pos' in c))).toBe(true);
    // Rows: one array per distinct row of cells.
    const rows = site.reports.flatMap((r) => Object.values(r.tables).flatMap((t) => (t.status === 'published' ? t.blocks.flatMap((b) => b.cells) : [])));
    const distinctRows = new Set(rows);
    expect(distinctRows.size).toBeLessThan(rows.length / 2);
    expect(new Set(rows.map((row) => row.map((c) => [...distinct].indexOf(c)).join())).size).toBe(distinctRows.size);
    expect(rows.every((row) => Object.isFrozen(row))).toBe(true);
  });

  it('keeps -0 apart from 0', () => {
    const site = loadSiteOrThrow(defaultPaths(REPO));
    const [a, b] = cellsOf(site).filter((c) => c.status === 'number');
    Object.assign(a!, { value: -0 });
    Object.assign(b!, { value: 0 });
    shareCells(site);
    const numbers = cellsOf(site).filter((c): c is Extract<Cell, { status: 'number' }> => c.status === 'number');
    expect(Object.is(numbers[0]!.value, -0)).toBe(true);
    expect(Object.is(numbers[1]!.value, 0)).toBe(true);
  });

  it('gives a build the same site and diagnostics when it shares cells as each few offices are checked', () => {
    const plain = loadSite(defaultPaths(REPO));
    const compact = loadSite(defaultPaths(REPO), { compact: true });
    expect(plain.diagnostics.length).toBeGreaterThan(0);
    expect(compact.diagnostics).toEqual(plain.diagnostics);
    const a = plain.site!;
    const b = compact.site!;
    expect(b.reports.map((r) => r.warnings)).toEqual(a.reports.map((r) => r.warnings));
    expect(cellsOf(b).map(seen)).toEqual(cellsOf(a).map(seen));
    // Shared across the whole site, not only within each few offices: as many distinct cells as shareCells gives.
    shareCells(a);
    expect(new Set(cellsOf(b)).size).toBe(new Set(cellsOf(a)).size);
    expect(cellsOf(b).every((c) => Object.isFrozen(c) && !('pos' in c))).toBe(true);
  });
});
