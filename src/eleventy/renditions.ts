// Writes the reader renditions after Eleventy has rendered the pages: every page again in Traditional script
// under /zh-hant/, and report pages with pinyin under …/pinyin/. Runs on the pages Eleventy returns (no re-read),
// into the build's own output folder, every path checked to stay inside it.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { HANT_DIR, PINYIN_DIR, toHantPage, toPinyinPage } from '../render/renditions.ts';
import { assertInsideOutput, isReportUrl } from '../site/paths.ts';

export interface RenderedPage {
  url: string | false;
  outputPath: string | false;
  content: string;
}

export function writeRenditions(pages: readonly RenderedPage[], outputDir: string, prefix: string): number {
  let written = 0;
  const write = (rel: string, html: string) => {
    const file = path.join(outputDir, rel);
    assertInsideOutput(outputDir, file);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, html);
    written++;
  };
  for (const p of pages) {
    if (!p.outputPath || !p.outputPath.endsWith('.html') || typeof p.url !== 'string') continue;
    const rel = path.relative(outputDir, p.outputPath);
    if (rel.startsWith(`${HANT_DIR}${path.sep}`)) continue;
    write(path.join(HANT_DIR, rel), toHantPage(p.content, { prefix }));
    if (isReportUrl(p.url)) write(path.join(path.dirname(rel), PINYIN_DIR, 'index.html'), toPinyinPage(p.content));
  }
  return written;
}
