// sitemap.xml entries: every HTML page of the site from the page models (not by scanning Eleventy's collections,
// which hold only the first page of each paginated template), absolute with the site's domain and path prefix,
// sorted; <lastmod> only where the data gives a date (a report's 发布日期 or latest 修订记录), never the build time.
import type { SiteConfig } from '../model/types.ts';

export interface SitemapEntry {
  loc: string;
  lastmod?: string;
}

export function sitemapEntries(config: SiteConfig, urls: Iterable<string>, lastmod: ReadonlyMap<string, string>): SitemapEntry[] {
  const base = `https://${config.domain}${config.pathPrefix.replace(/\/$/, '')}`;
  return [...new Set(urls)]
    .filter((u) => u.endsWith('/'))
    .sort()
    .map((url) => ({ loc: `${base}${url}`, lastmod: lastmod.get(url) }));
}
