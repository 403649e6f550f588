// Every URL and output path is derived here, in code, from validated ASCII ids and years — never from content.
import path from 'node:path';
import { SLUG } from '../load/fields.ts';

const segment = (s: string | number): string => {
  const v = String(s);
  if (!SLUG.test(v)) throw new Error(`unsafe URL segment: ${JSON.stringify(v)}`);
  return v;
};

/** A site-relative URL (without path prefix) from safe segments; ends with / for pages. */
export function urlFor(...segments: (string | number)[]): string {
  return segments.length ? `/${segments.map(segment).join('/')}/` : '/';
}

export const reportUrl = (officeId: string, year: number): string => urlFor('reports', officeId, year);
export const officeUrl = (officeId: string): string => urlFor('reports', officeId);
/** Listings and views of the browsing pages (see src/site/browse.ts). */
export const regionsUrl = (): string => urlFor('regions');
export const regionUrl = (regionId: string): string => urlFor('regions', regionId);
/** A region's roll-up (汇总) for one report year. */
export const rollupUrl = (regionId: string, year: number): string => urlFor('regions', regionId, year);
export const yearsUrl = (): string => urlFor('years');
export const yearUrl = (year: number): string => urlFor('years', year);
export const officesUrl = (): string => urlFor('reports');
/** A report compared cell by cell with the same office's report of the year before. */
export const compareUrl = (officeId: string, year: number): string => urlFor('reports', officeId, year, 'compare');
export const searchUrl = (): string => urlFor('search');
export const FEED_FILE = 'feed.xml';
/** Atom feeds: site-wide at /feed.xml, per office beside the office page. */
export const siteFeedUrl = (): string => `/${FEED_FILE}`;
export const officeFeedUrl = (officeId: string): string => `${officeUrl(officeId)}${FEED_FILE}`;
/** Whether a page URL (without path prefix) is a report page. */
export const isReportUrl = (url: string): boolean => /^\/reports\/[a-z0-9-]+\/\d{4}\/$/.test(url);

/** Eleventy permalink for a page URL. */
export const permalinkFor = (url: string): string => `${url}index.html`;

/** Throws unless `file` (absolute or relative to cwd) lies inside `outputDir`. */
export function assertInsideOutput(outputDir: string, file: string): void {
  const out = path.resolve(outputDir);
  const target = path.resolve(file);
  if (target !== out && !target.startsWith(out + path.sep)) {
    throw new Error(`output path escapes the output folder: ${file}`);
  }
}
