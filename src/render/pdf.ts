// A PDF of each report, printed by headless Chromium from the built page with the A4 print stylesheet, so the
// PDF is the official document as the site shows it. Behind `nianbao build --pdf`: it needs Chromium and time.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { assertInsideOutput } from '../site/paths.ts';
import { launchChromium } from './chromium.ts';

export const PDF_NAME = 'report.pdf';

export interface PdfJob {
  /** Page URL without path prefix, e.g. /reports/x/2023/. */
  url: string;
  /** The date the PDF carries (the report's 发布日期, else its year's end): never the clock. */
  date: string;
}

/**
 * Chromium stamps the printing time into the PDF, and the tagged structure carries DOM node ids that differ from
 * run to run. Replace both, keeping every byte offset: the data's date, and node ids numbered in order of use.
 */
export function normalisePdf(pdf: Buffer, date: string): Buffer {
  const stamp = `D:${date.replace(/-/g, '')}000000`;
  const ids = new Map<string, string>();
  const text = pdf
    .toString('latin1')
    .replace(/D:\d{14}(?:[+-Z][^)]*)?/g, (m) => (stamp + "+00'00'").slice(0, m.length).padEnd(m.length, ' '))
    .replace(/\(node(\d+)\)/g, (m, n: string) => {
      if (!ids.has(n)) ids.set(n, String(ids.size + 1).padStart(n.length, '0'));
      return `(node${ids.get(n)})`;
    });
  return Buffer.from(text, 'latin1');
}

/**
 * Prints each job's page to report.pdf beside it. Pages are loaded from the output folder under the site's public
 * origin (requests answered from the files, nothing leaves the machine), so the links inside the PDF are the
 * public ones and the bytes do not depend on a local port.
 */
export async function writePdfs(outputDir: string, origin: string, prefix: string, jobs: readonly PdfJob[]): Promise<number> {
  const root = path.resolve(outputDir);
  const browser = await launchChromium();
  try {
    const context = await browser.newContext();
    await context.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.origin !== origin || !url.pathname.startsWith(prefix)) return route.abort();
      let file = path.join(root, decodeURIComponent(url.pathname.slice(prefix.length)));
      if (!file.startsWith(root)) return route.abort();
      if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
      return existsSync(file) ? route.fulfill({ path: file }) : route.fulfill({ status: 404, body: '' });
    });
    const page = await context.newPage();
    for (const job of jobs) {
      const file = path.join(root, job.url, PDF_NAME);
      assertInsideOutput(root, file);
      await page.goto(`${origin}${prefix}${job.url.replace(/^\//, '')}`, { waitUntil: 'load' });
      await page.emulateMedia({ media: 'print' });
      await page.pdf({ path: file, preferCSSPageSize: true, printBackground: false, tagged: true, outline: true });
      writeFileSync(file, normalisePdf(readFileSync(file), job.date));
    }
    return jobs.length;
  } finally {
    await browser.close();
  }
}
