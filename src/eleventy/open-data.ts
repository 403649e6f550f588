// The open-data plugin: after Eleventy has written the pages, writes every data file (src/export/) into the
// build's actual output folder — the temporary folder the CLI swaps in only when the whole build succeeded — and
// gives templates the download links and the data page model.
//
// The site is loaded once, by the nianbao plugin, and reaches templates as the `nb` global data. This plugin reads
// that same object through Eleventy's collection API (which sees the data cascade), so nothing is loaded twice and
// the files always come from the very data the pages were rendered from.
import { dataPage, reportDownloads, type OpenDataNb } from '../export/page.ts';
import { writeOpenData } from '../export/write.ts';
import { DATA_URL } from '../export/files.ts';
import type { EleventyConfig } from './plugin.ts';

export interface OpenDataOptions {
  /** Content root: the folder holding site.yml and reports/ (sources are copied from it byte for byte). */
  root: string;
}

interface CollectionApi {
  getAll(): Array<{ data?: { nb?: OpenDataNb } }>;
}

interface OpenDataConfig extends EleventyConfig {
  addCollection(name: string, fn: (api: CollectionApi) => unknown): void;
}

export interface OpenDataEvent {
  directories: { output: string };
}

export function openDataPlugin(eleventyConfig: OpenDataConfig, options: OpenDataOptions): void {
  let nb: OpenDataNb | undefined;
  eleventyConfig.on('eleventy.before', () => {
    nb = undefined;
  });
  eleventyConfig.addCollection('nianbaoOpenData', (api) => {
    nb = api.getAll().find((item) => item.data?.nb)?.data?.nb;
    return [];
  });
  eleventyConfig.addGlobalData('openData', () => ({
    url: DATA_URL,
    page: (site: OpenDataNb) => dataPage(site),
    downloads: reportDownloads,
  }));
  eleventyConfig.on('eleventy.after', async ({ directories }: OpenDataEvent) => {
    if (!nb) throw new Error('open data: the site data did not reach the build (no template received the nb global data)');
    await writeOpenData(directories.output, options.root, nb);
  });
}
