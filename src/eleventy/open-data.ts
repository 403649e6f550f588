// The open-data plugin: after Eleventy has written the pages, writes the bulk data files under /data/
// (src/export/) into the build's actual output folder — the temporary folder the CLI swaps in only when the whole
// build succeeded — and gives templates the download links and the data page model. The files beside each report
// are written with its pages, on the report-page threads (src/report-pages/).
//
// The site is loaded once, by the nianbao plugin, and reaches templates as the `nb` global data. This plugin reads
// that same data through siteDataOf, so nothing is loaded twice and the files come from the data the pages show.
import { dataPage, reportDownloads, type OpenDataNb } from '../export/page.ts';
import { writeBulkData } from '../export/write.ts';
import { DATA_URL } from '../export/files.ts';
import { siteDataOf, type EleventyConfig } from './plugin.ts';
import { timed } from '../util/timings.ts';

export interface OpenDataOptions {
  /** Write the files (default true); false gives templates the links only (the dev server's listing refresh). */
  write?: boolean;
}

export interface OpenDataEvent {
  directories: { output: string };
}

export function openDataPlugin(eleventyConfig: EleventyConfig, options: OpenDataOptions): void {
  const siteData = siteDataOf(eleventyConfig) as () => OpenDataNb;
  eleventyConfig.addGlobalData('openData', () => ({
    url: DATA_URL,
    page: (site: OpenDataNb) => dataPage(site),
    downloads: reportDownloads,
  }));
  if (options.write === false) return;
  eleventyConfig.on('eleventy.after', async ({ directories }: OpenDataEvent) => {
    // The files beside each report are written with its pages (src/report-pages/); these are the bulk files.
    await timed('开放数据（批量文件）', () => writeBulkData(directories.output, siteData()));
  });
}
