// nianbao build --pdf: each report printed to A4 PDF by headless Chromium, dated from the data, linked from its page.
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { buildSite } from '../../src/cli/build.ts';
import { makeContent, reportSource } from '../helpers/content.ts';

it('prints every report to a PDF dated from the data, the same bytes each build, linked from the page', async () => {
  const content = makeContent({ 't-office/2022.md': reportSource(2022) });
  const pdfs: Buffer[] = [];
  for (let i = 0; i < 2; i++) {
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'nianbao-pdf-')), '_site');
    await buildSite({ root: content, output: out, pdf: true });
    pdfs.push(readFileSync(path.join(out, 'reports', 't-office', '2022', 'report.pdf')));
    if (i === 0) expect(readFileSync(path.join(out, 'reports', 't-office', '2022', 'index.html'), 'utf8')).toContain('href="/reports/t-office/2022/report.pdf"');
  }
  const text = pdfs[0]!.toString('latin1');
  expect(text.startsWith('%PDF-')).toBe(true);
  expect(text).toContain('D:20230120000000');
  expect(text).not.toMatch(/D:20[2-9]\d(?!0120000000)\d{10}/);
  // A4: 595 × 842 points.
  expect(text).toMatch(/\/MediaBox \[0 0 59[45]\.\d* 84[12]\.\d*\]/);
  expect(pdfs[0]!.equals(pdfs[1]!)).toBe(true);
}, 300_000);
