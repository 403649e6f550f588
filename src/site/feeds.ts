// Atom feeds of new reports: one for the whole site (the newest reports) and one per office (all its reports).
// Dates come only from the data: an entry's <published> is the report's 发布日期 and its <updated> the latest
// 修订记录 date (or 发布日期). Atom requires a date on every entry, and a date is never invented, so a report whose
// 发布日期 is 缺失 is left out of the feeds (it is still listed on its office and year pages). Atom dates are
// date-times: the day from the data is written at 00:00 China time (+08:00), which claims no time of day.
import type { Report } from '../model/types.ts';
import type { Ctx } from './browse.ts';
import { FEED_FILE, officeFeedUrl, officeUrl, reportUrl, siteFeedUrl, urlFor } from './paths.ts';

export interface FeedEntry {
  id: string;
  title: string;
  url: string;
  published: string;
  updated: string;
  author: string;
  summary: string;
}

export interface Feed {
  /** Site-relative URL of the XML file and Eleventy permalink. */
  url: string;
  permalink: string;
  id: string;
  title: string;
  subtitle: string;
  /** Absolute URLs of the feed itself and of the HTML page it follows. */
  self: string;
  alternate: string;
  updated: string;
  author: string;
  entries: FeedEntry[];
}

/** Entries in the site-wide feed. */
export const SITE_FEED_SIZE = 50;

export const atomDate = (day: string): string => `${day}T00:00:00+08:00`;

const lastDate = (r: Report): string => {
  const revised = r.revisions.length ? r.revisions[r.revisions.length - 1]!.date : '';
  return revised > r.meta.published! ? revised : r.meta.published!;
};

function entry(ctx: Ctx, r: Report): FeedEntry {
  const url = ctx.absolute(reportUrl(r.officeId, r.year));
  const revised = r.revisions.length ? `；${r.revisions[r.revisions.length - 1]!.date}修订` : '';
  return {
    id: url,
    title: r.meta.title,
    url,
    published: atomDate(r.meta.published!),
    updated: atomDate(lastDate(r)),
    author: r.meta.publisher,
    summary: `${r.meta.publisher}发布的${r.year}年度政府信息公开工作年度报告（发布日期：${r.meta.published}${revised}）。`,
  };
}

/** Newest first: by 发布日期, then year, then office id (stable). */
const newest = (a: Report, b: Report) => (a.meta.published! > b.meta.published! ? -1 : a.meta.published! < b.meta.published! ? 1 : b.year - a.year || (a.officeId < b.officeId ? -1 : 1));

function feed(ctx: Ctx, url: string, alternate: string, title: string, subtitle: string, reports: Report[]): Feed | undefined {
  const dated = reports.filter((r) => r.meta.published !== null).sort(newest);
  if (!dated.length) return undefined;
  const entries = dated.map((r) => entry(ctx, r));
  return {
    url,
    permalink: url,
    id: ctx.absolute(url),
    title,
    subtitle,
    self: ctx.absolute(url),
    alternate: ctx.absolute(alternate),
    updated: entries.reduce((m, e) => (e.updated > m ? e.updated : m), entries[0]!.updated),
    author: ctx.site.config.sponsor,
    entries,
  };
}

export function siteFeed(ctx: Ctx): Feed | undefined {
  const dated = ctx.site.reports.filter((r) => r.meta.published !== null).sort(newest).slice(0, SITE_FEED_SIZE);
  return feed(ctx, siteFeedUrl(), urlFor(), `${ctx.site.config.name}：新发布的报告`, `最新发布的${SITE_FEED_SIZE}份政府信息公开工作年度报告`, dated);
}

/** The feed of one office's reports; undefined when none of them has a 发布日期. */
export function officeFeed(ctx: Ctx, officeId: string): Feed | undefined {
  const office = ctx.index.officeById.get(officeId)!;
  const reports = ctx.index.reportsByOffice.get(officeId) ?? [];
  return feed(ctx, officeFeedUrl(officeId), officeUrl(officeId), `${office.name}政府信息公开工作年度报告`, `${office.name}历年发布的政府信息公开工作年度报告`, [...reports]);
}

export { FEED_FILE };
