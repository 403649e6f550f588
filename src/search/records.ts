// The search record of a report page, from the page model (no HTML): what a reader searches for and sees in a
// result — the title, the 信息公开 metadata values, the six headings and their prose, the waived warnings and the
// revisions, as plain text — and the filters 机构, 年度, 地区 the page's context line shows. The statistics tables
// are left out: their labels are identical on every report (a query for one finds every report anyway), and their
// numbers are not what anyone types into a search box; they cost more indexing time than all the prose.
import type { ReportPage } from '../site/pages.ts';
import { FILTERS } from './bundle.ts';
import type { SearchRecord } from './indexer.ts';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * Plain text of a Markdown (or HTML) fragment, for indexing: markup removed, the words kept. Not a renderer — a
 * stray `*` left in the text does no harm to the index — but links and images keep their text, HTML tags and
 * entities are removed, and table pipes and list markers become spaces.
 */
export function plainText(src: string): string {
  return src
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) =>
      e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : (ENTITIES[e.toLowerCase()] ?? m),
    )
    .replace(/^[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d+[.)][ \t]+)/gm, '')
    .replace(/^[ \t]*\|?[ \t]*:?-{3,}.*$/gm, ' ')
    .replace(/[|*_`~]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The search record of a report page. */
export function reportSearchRecord(page: ReportPage): SearchRecord {
  const r = page.report;
  const parts: string[] = [r.meta.title];
  for (const row of page.metaRows) if (row.value !== r.meta.title) parts.push(`${row.label}：${row.value}`);
  for (const s of r.sections) {
    parts.push(s.heading);
    if (s.markdown) parts.push(plainText(s.markdown));
  }
  for (const w of r.warnings) if (w.waived) parts.push(`${w.message}。说明：${w.waived}`);
  for (const v of r.revisions) parts.push(`${v.date} ${v.reason}`);
  return {
    url: page.url,
    title: r.meta.title,
    text: parts.join('\n'),
    filters: {
      [FILTERS.office]: [page.browse.office.label],
      [FILTERS.year]: [String(r.year)],
      [FILTERS.region]: page.browse.regions.map((c) => c.label),
    },
  };
}
