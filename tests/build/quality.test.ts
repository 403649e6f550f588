// Warnings in the build: printed, not fatal, collected on the oversight page; waivers printed on the report page.
import { load as loadHtml } from 'cheerio';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../src/cli/build.ts';
import type { Diagnostic } from '../../src/load/diagnostics.ts';
import type { SourceReport } from '../../src/write/source.ts';
import { makeContent, reportSource } from '../helpers/content.ts';

let out: string;
let warnings: Diagnostic[];
const REASON = '本年开展规范性文件清理，重新认定现行有效文件。';

beforeAll(async () => {
  const stock = (n: number) => (s: SourceReport) => ((s.tables['二'] as { values: number[][][] }).values[0]![1] = [1, 0, n]);
  const content = makeContent({
    't-office/2022.md': reportSource(2022, { edit: stock(10) }),
    't-office/2023.md': reportSource(2023, {
      edit: (s) => {
        stock(15)(s);
        s.meta.waivers = [{ rule: 'X-STOCK', reason: REASON }];
        s.meta.published = '2024-02-20'; // after the 1月31日 deadline
        s.prose[3] = '本年共收到申请9件。';
      },
    }),
  });
  out = path.join(mkdtempSync(path.join(os.tmpdir(), 'nianbao-q-')), '_site');
  ({ warnings } = await buildSite({ root: content, output: out }));
});

const html = (p: string) => loadHtml(readFileSync(path.join(out, p), 'utf8'));

describe('warnings', () => {
  it('do not stop the build and are returned for printing', () => {
    expect(warnings.map((w) => `${w.rule}${w.waived ? '(waived)' : ''}`).sort()).toEqual(['TXT', 'X-STOCK(waived)']);
  });

  it('are listed on the oversight page with timeliness', () => {
    const $ = html('quality/index.html');
    const rows = $('table.data-table tbody tr');
    expect(rows).toHaveLength(2);
    const late = rows.filter((_, tr) => $(tr).find('td').first().text() === '2023');
    expect(late.text()).toContain('否（逾期）');
    expect(late.text()).toContain('TXT');
    expect(late.text()).toContain(`已说明：${REASON}`);
    expect($('.summary').text()).toContain('逾期发布 1 份');
  });

  it('a waived warning’s reason is a footnote on its report page', () => {
    const $ = html('reports/t-office/2023/index.html');
    expect($('.footnotes').text()).toContain(REASON);
    expect(html('reports/t-office/2022/index.html')('.footnotes')).toHaveLength(0);
  });
});
