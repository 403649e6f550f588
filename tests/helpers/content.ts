// Builds throwaway content folders (site.yml + reports/) for tests, with report sources written by the same
// writer that `nianbao new` uses, so fixtures stay in the shape the loader expects.
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatForYear } from '../../src/formats/index.ts';
import { writeReportSource, type SourceReport, type SourceTable } from '../../src/write/source.ts';

export const REPO = path.resolve(import.meta.dirname, '..', '..');
export const SHARED = path.resolve(REPO, '..', 'shared');

export const REGIONS = `t-region:\n  名称: 测试市\n`;
export const OFFICE = `全称: 测试市人民政府办公室\n简称: 测试市府办\n地区: t-region\n层级: 地市级\n类型: 政府办公室\n`;

/** A consistent report: zeros except a few applications in table 三 (8 received, 2 disclosed, 6 partly). */
export function reportSource(year: number, opts: { omitTotals?: boolean; edit?: (s: SourceReport) => void } = {}): string {
  const format = formatForYear(year)!;
  const tables = {} as SourceReport['tables'];
  for (const t of format.tables) {
    const values = t.blocks.map((b) => b.rows.map(() => b.columns.map(() => 0 as number)));
    tables[t.id] = { values, omitTotals: opts.omitTotals } as SourceTable;
  }
  const t3 = format.table('三').blocks[0]!;
  const row = (label: string) => t3.rows.find((r) => r.label === label)!.index;
  const v3 = (tables['三'] as { values: number[][][] }).values[0]!;
  const set = (label: string, n: number) => {
    v3[row(label)]![0] = n;
    v3[row(label)]![t3.columns.length - 1] = n;
  };
  set('一、本年新收政府信息公开申请数量', 8);
  set('（一）予以公开', 2);
  set('（二）部分公开（区分处理的，只计这一情形，不计其他情形）', 6);
  set('（七）总计', 8);
  const src: SourceReport = {
    format,
    meta: { year, published: `${year + 1}-01-20`, written: `${year + 1}-01-18`, indexNo: `T0001/${year + 1}-00001` },
    tables,
    prose: { 1: `${year}年，本机关认真贯彻落实《条例》。\n\n### （一）主动公开\n\n主动公开政府信息120条。`, 3: '本年共收到申请8件。', 5: '存在问题。', 6: '本年度未收取信息处理费。' },
  };
  opts.edit?.(src);
  return writeReportSource(src);
}

/** A content folder with one office (t-office) and the given files under reports/. */
export function makeContent(files: Record<string, string | Buffer>, withOffice = true): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nianbao-test-'));
  copyFileSync(path.join(REPO, 'site.yml'), path.join(dir, 'site.yml'));
  mkdirSync(path.join(dir, 'reports'));
  writeFileSync(path.join(dir, 'reports', 'regions.yml'), REGIONS);
  if (withOffice) {
    mkdirSync(path.join(dir, 'reports', 't-office'));
    writeFileSync(path.join(dir, 'reports', 't-office', 'office.yml'), OFFICE);
  }
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, 'reports', name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return dir;
}

/** The 1-based line number of the first line containing `needle`. */
export function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`fixture has no line with ${needle}`);
  return i + 1;
}
