// The keys of incremental builds (src/report-pages/reuse.ts) hash the page models as JSON. JSON drops Maps, Sets,
// functions and non-finite numbers without a word, so a model holding one could change without its key changing:
// the compiler rejects such models (JsonData), and this checks the real models and what a key notices.
import { describe, expect, it } from 'vitest';
import { defaultPaths, loadSiteOrThrow } from '../../src/load/site.ts';
import { shareCells } from '../../src/model/compact.ts';
import { batchKeys, officeKeys, type JsonData } from '../../src/report-pages/reuse.ts';
import { wireBatch } from '../../src/report-pages/transfer.ts';
import { buildPages } from '../../src/site/pages.ts';
import { REPO } from '../helpers/content.ts';

/** Paths of values JSON would lose or change. */
function lossy(v: unknown, at = '$', out: string[] = []): string[] {
  if (v instanceof Map || v instanceof Set || typeof v === 'function' || typeof v === 'bigint') out.push(at);
  else if (typeof v === 'number' && !Number.isFinite(v)) out.push(at);
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) lossy(x, `${at}.${k}`, out);
  return out;
}

describe('report keys', () => {
  const site = loadSiteOrThrow(defaultPaths(REPO));
  shareCells(site);
  const pages = buildPages(site, { dataPage: true });
  const batches = [...pages.batches(20)].map(wireBatch);

  it('hash models that JSON keeps whole', () => {
    expect(batches.flatMap((b) => lossy(b))).toEqual([]);
    // The compiler's side of the same rule:
    // @ts-expect-error a Map does not survive JSON
    const map: JsonData<{ a: Map<string, number> }> = { a: new Map() };
    // @ts-expect-error nor does a Set, however deep
    const set: JsonData<{ a: { b: Set<number>[] } }> = { a: { b: [new Set()] } };
    const plain: JsonData<{ a: { b: number[] } }> = { a: { b: [1] } };
    expect([map, set, plain]).toHaveLength(3);
  });

  it('change when anything a page shows changes, and only then', () => {
    const batch = structuredClone(batches[1]!);
    const keys = batchKeys(batch, 'shared', REPO);
    expect(new Set(keys).size).toBe(keys.length);
    expect(batchKeys(structuredClone(batch), 'shared', REPO)).toEqual(keys);
    expect(batchKeys(batch, 'other shared data', REPO).some((k, i) => k === keys[i])).toBe(false);

    // One number in the first page's report: that report's key, and the key of any page comparing with it.
    const report = batch.reports[batch.pages[0]!.report]!;
    const table = Object.values(report.tables).find((t) => t.status === 'published')!;
    if (table.status !== 'published') throw new Error('no published table');
    // A new row: equal rows are one shared array (src/model/compact.ts), which other reports may hold too.
    const cells = table.blocks[0]!.cells;
    const k = cells.findIndex((r) => r.some((c) => c.status === 'number'));
    const row = (cells[k] = [...cells[k]!]);
    const i = row.findIndex((c) => c.status === 'number');
    row[i] = { status: 'number', value: (row[i] as { value: number }).value + 1, computed: false };
    const changed = batchKeys(batch, 'shared', REPO);
    expect(changed[0]).not.toBe(keys[0]);
    const comparing = batch.compares.filter((c) => c.previous === batch.pages[0]!.report).map((c) => batch.pages.findIndex((p) => p.report === c.report));
    changed.forEach((k, j) => expect(k === keys[j]).toBe(j !== 0 && !comparing.includes(j)));
  });

  it('of office pages change when what the page shows changes, and only for that office', () => {
    const batch = structuredClone(batches[1]!);
    expect(batch.offices.length).toBeGreaterThan(1);
    const keys = officeKeys(batch, 'shared');
    expect(new Set(keys).size).toBe(keys.length);
    expect(officeKeys(structuredClone(batch), 'shared')).toEqual(keys);
    expect(officeKeys(batch, 'other shared data').some((k, i) => k === keys[i])).toBe(false);
    // A key measure of the first office's first year, as its table of 主要数据 shows it.
    const row = batch.offices[0]!.browse.measureRows[0]!;
    row.values[0] = `${row.values[0]}0`;
    officeKeys(batch, 'shared').forEach((k, j) => expect(k === keys[j]).toBe(j !== 0));
  });
});
