// The format definitions against the national format as written in shared/reference/report-format.md: every
// heading and every table label, verbatim, read from the reference document rather than repeated here.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatById, formatForYear } from '../../src/formats/index.ts';
import type { ColumnDef, RowDef } from '../../src/formats/types.ts';
import { SHARED } from '../helpers/content.ts';

const doc = readFileSync(path.join(SHARED, 'reference', 'report-format.md'), 'utf8');

function between(start: string, end: string): string {
  const i = doc.indexOf(start);
  const j = doc.indexOf(end, i + start.length);
  if (i < 0 || j < 0) throw new Error(`reference has no ${start}…${end}`);
  return doc.slice(i, j);
}

/** Rows of a markdown table whose first cell starts with 第二十条. */
function table2(part: string): Array<{ title: string; rows: string[]; columns: string[] }> {
  return part
    .split('\n')
    .filter((l) => l.startsWith('| 第二十条'))
    .map((l) => {
      const [, title, rows, cols] = l.split('|').map((c) => c.trim());
      return {
        title: title!,
        rows: rows!.split('; '),
        // Drop the reference's own ASCII-parenthesised remarks, e.g. "(件)", "(decimal, ≥ 0)".
        columns: cols!.replace(/\s*\([^()]*\)\s*$/, '').split(' / '),
      };
    });
}

/** The indented row tree of table 三 from the reference's code block. */
function table3Rows(version: '2019' | '2021'): RowDef[] {
  const block = between('```\n一、本年新收', '```\n\nSo');
  const lines = block
    .replace(/^```\n/, '')
    .split('\n')
    .filter((l) => l.trim() && !(version === '2019' && l.includes('2021 only')));
  const root: RowDef[] = [];
  const stack: Array<{ indent: number; children: RowDef[] }> = [{ indent: -1, children: root }];
  for (const line of lines) {
    const indent = line.search(/\S/);
    const label = line.replace(/<-.*$/, '').trim();
    while (stack[stack.length - 1]!.indent >= indent) stack.pop();
    const node: RowDef & { children?: RowDef[] } = { label };
    stack[stack.length - 1]!.children.push(node);
    const kids: RowDef[] = [];
    (node as { children?: RowDef[] }).children = kids;
    stack.push({ indent, children: kids });
  }
  const prune = (rows: RowDef[]): RowDef[] => rows.map((r) => (r.children?.length ? { label: r.label, children: prune([...r.children]) } : { label: r.label }));
  return prune(root);
}

const shape = (rows: readonly RowDef[]): unknown => rows.map((r) => (r.children ? { [r.label]: shape(r.children) } : r.label));
const colShape = (cols: readonly ColumnDef[]): unknown => cols.map((c) => (c.children ? { [c.label]: colShape(c.children) } : c.label));

describe.each(['2019', '2021'] as const)('format %s against report-format.md', (version) => {
  const format = formatById(version)!;

  it('has the six official headings in order', () => {
    const headings = [...doc.matchAll(/^\| [一二三四五六] \| ([^|]+) \|/gm)].map((m) => m[1]!.trim());
    expect(headings).toHaveLength(6);
    expect(format.def.sections.map((s) => s.heading)).toEqual(headings);
  });

  it('has table 二 with every block title, row and column verbatim', () => {
    const part = version === '2021' ? between('### 2021 format', '### 2019 trial format') : between('### 2019 trial format', '## Table 三');
    const expected = table2(part);
    const blocks = format.table('二').blocks;
    expect(blocks.map((b) => b.def.title)).toEqual(expected.map((e) => e.title));
    blocks.forEach((b, i) => {
      expect(b.rows.map((r) => r.label)).toEqual(expected[i]!.rows);
      expect(b.columns.map((c) => c.label)).toEqual(expected[i]!.columns);
    });
  });

  it('has table 三 with every row (nested like the merged cells) and column verbatim', () => {
    const t = format.table('三');
    expect(shape(t.def.blocks[0]!.rows)).toEqual(shape(table3Rows(version)));
    const at = doc.indexOf('Columns, under the group');
    const para = doc.slice(at, doc.indexOf('\n\n', at)).replace(/\s*\n\s*/g, ' ');
    const m = /under the group \*\*(.+?)\*\*: (\S+) \| under the group \*\*(.+?)\*\*: ([^|]+) \| (\S+?)\./.exec(para)!;
    const legal = m[4]!.split(',').map((s) => s.trim());
    expect(colShape(t.def.blocks[0]!.columns)).toEqual([{ [m[1]!]: [m[2], { [m[3]!]: legal }, m[5]] }]);
    expect(doc).toContain(`The top-left merged header cell reads: ${t.def.blocks[0]!.stub}`);
    expect(t.blocks[0]!.rows.filter((r) => r.path[0] === '三、本年度办理结果' && r.label !== '（七）总计')).toHaveLength(version === '2021' ? 22 - 1 : 20 - 1);
  });

  it('has table 四 with its groups and the five result columns', () => {
    const five = doc.match(/Each block of five: ([^.]+)\./)![1]!.split(' | ');
    const t = format.table('四');
    expect(t.blocks[0]!.columns.map((c) => c.label)).toEqual(five);
    expect(shape(t.def.blocks[0]!.rows)).toEqual(['行政复议', { 行政诉讼: ['未经复议直接起诉', '复议后起诉'] }]);
    expect(doc).toMatch(/split\s+into 未经复议直接起诉 \(5\) and 复议后起诉 \(5\)/);
  });

  it('declares the value kinds and units of the headers', () => {
    const cols = format.table('二').blocks.flatMap((b) => b.columns);
    if (version === '2019') {
      expect(cols.find((c) => c.label === '本年增/减')!.kind).toBe('signed');
      expect(cols.find((c) => c.label === '采购总金额')!.statedUnits).toEqual(['万元', '元']);
    } else {
      expect(cols.find((c) => c.label === '本年收费金额（单位：万元）')).toMatchObject({ kind: 'amount', unit: '万元' });
    }
    expect(format.tables.flatMap((t) => t.blocks.flatMap((b) => b.columns)).every((c) => ['count', 'signed', 'amount'].includes(c.kind))).toBe(true);
  });

  it('declares the within-table rules T3-BAL, T3-SUM, T3-ROW, T4-SUM', () => {
    expect(format.tables.flatMap((t) => t.rules.map((r) => r.def.id)).sort()).toEqual(['T3-BAL', 'T3-ROW', 'T3-SUM', 'T4-SUM']);
    const sum = format.table('三').rules.find((r) => r.def.id === 'T3-SUM')!;
    // （一）（二） + 8 + 3 + 5 numbered rows + （六） (1 row in 2019, 3 in 2021)
    expect('parts' in sum && sum.parts.length).toBe(2 + 8 + 3 + 5 + (version === '2021' ? 3 : 1));
  });
});

describe('version by year', () => {
  it('chooses the format from the report year', () => {
    expect(formatForYear(2019)!.id).toBe('2019');
    expect(formatForYear(2020)!.id).toBe('2019');
    expect(formatForYear(2021)!.id).toBe('2021');
    expect(formatForYear(2030)!.id).toBe('2021');
    expect(formatForYear(2018)).toBeUndefined();
  });
});
