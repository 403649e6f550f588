// Shared by the browsing build tests: a small content tree that exercises every browsing case (regions two levels
// deep, an office hierarchy, both format versions, an unpublished table, a 缺失 cell, a missing report, a revised
// report, a report whose 发布日期 is 缺失, the imported seed report), and checks over a built site: a link checker
// and a crawler from the home page.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO, reportSource } from '../helpers/content.ts';
import { SEARCH_DIR } from '../../src/search/bundle.ts';
import { queryBundle } from '../../src/search/query.ts';

export const SEED = 'taishan-gov-office';

const office = (name: string, region: string, type: string, parent?: string) =>
  `全称: ${name}\n简称: ${name}\n地区: ${region}\n${parent ? `上级: ${parent}\n` : ''}层级: 地市级\n类型: ${type}\n`;

/**
 * A content folder: regions t-city › t-district plus the seed's regions; offices t-gov (2020–2022; 2022 revised),
 * t-edu (2020–2021, none in 2022: 未发布; table 四 of 2021 not published), t-town (2021 with a 缺失 cell, 2022
 * with 发布日期 缺失), and the seed office copied from the bundled content.
 */
export function browseContent(prefix = '/'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nianbao-browse-'));
  const site = readFileSync(path.join(REPO, 'site.yml'), 'utf8').replace(/^路径前缀:.*$/m, `路径前缀: ${prefix}`);
  writeFileSync(path.join(dir, 'site.yml'), site);
  const reports = path.join(dir, 'reports');
  mkdirSync(reports);
  const seedRegions = readFileSync(path.join(REPO, 'reports', 'regions.yml'), 'utf8').split('# BEGIN demo')[0]!;
  writeFileSync(path.join(reports, 'regions.yml'), `${seedRegions}t-city:\n  名称: 测试市\nt-district:\n  名称: 测试市测试区\n  上级: t-city\n`);
  cpSync(path.join(REPO, 'reports', SEED), path.join(reports, SEED), { recursive: true });
  const files: Record<string, string> = {
    't-gov/office.yml': office('测试市人民政府', 't-city', '人民政府'),
    't-gov/2020.md': reportSource(2020),
    't-gov/2021.md': reportSource(2021),
    't-gov/2022.md': reportSource(2022, {
      edit: (s) => {
        s.meta.revisions = [
          { date: '2023-02-10', reason: '更正第三部分表格中的数字。' },
          { date: '2023-03-01', reason: '补充第六部分内容。' },
        ];
      },
    }),
    't-edu/office.yml': office('测试市教育局', 't-city', '政府部门', 't-gov'),
    't-edu/2020.md': reportSource(2020),
    't-edu/2021.md': reportSource(2021, { edit: (s) => (s.tables['四'] = { unpublished: '原文未附此表' }) }),
    't-town/office.yml': office('测试市测试区测试镇人民政府', 't-district', '乡镇街道', 't-gov'),
    't-town/2021.md': reportSource(2021, {
      edit: (s) => {
        const t3 = s.tables['三'] as { values: (number | string)[][][] };
        // 二、上年结转 of 自然人 not known: its row total is then not known either.
        t3.values[0]![1]![0] = '缺失';
        t3.values[0]![1]![6] = '缺失';
      },
    }),
    't-town/2022.md': reportSource(2022, { edit: (s) => (s.meta.published = '缺失') }),
  };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(reports, name)), { recursive: true });
    writeFileSync(path.join(reports, name), text);
  }
  return dir;
}

/** Every file under a folder, relative, with / separators. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(path.relative(dir, p).split(path.sep).join('/'));
    }
  };
  walk(dir);
  return out;
}

export interface LinkProblem {
  page: string;
  link: string;
  problem: string;
}

/** The output file a site URL (with the path prefix) points to, or undefined if it is outside the prefix. */
export function fileFor(out: string, prefix: string, url: string): string | undefined {
  const p = url.split('#')[0]!.split('?')[0]!;
  if (!p.startsWith(prefix)) return undefined;
  const rel = decodeURI(p.slice(prefix.length));
  return path.join(out, rel === '' || rel.endsWith('/') ? `${rel}index.html` : rel);
}

const ATTR = /\s(href|src|action)="([^"]*)"/g;
const ID = /\sid="([^"]*)"/g;
const unescape = (v: string) => v.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');

/** Link targets of a generated HTML page (our pages quote every attribute with "), in document order. */
export function linksOf(html: string): string[] {
  return [...html.matchAll(ATTR)].map((m) => unescape(m[2]!));
}

/**
 * Checks every internal href/src/action of every HTML page (and the links of the XML files): it must carry the
 * path prefix and resolve to a file in the output; a #fragment must name an element of its page.
 */
export function checkLinks(out: string, prefix: string, domain: string): { problems: LinkProblem[]; checked: number } {
  const problems: LinkProblem[] = [];
  let checked = 0;
  const files = new Set(listFiles(out));
  const ids = new Map<string, Set<string>>();
  const idsOf = (rel: string, html?: string) => {
    let s = ids.get(rel);
    if (!s) {
      s = new Set([...(html ?? readFileSync(path.join(out, rel), 'utf8')).matchAll(ID)].map((m) => unescape(m[1]!)));
      ids.set(rel, s);
    }
    return s;
  };
  const check = (page: string, link: string) => {
    checked++;
    const target = fileFor(out, prefix, link);
    if (!target) return problems.push({ page, link, problem: `does not start with the path prefix ${prefix}` });
    const rel = path.relative(out, target).split(path.sep).join('/');
    if (!files.has(rel)) return problems.push({ page, link, problem: 'no such file' });
    const hash = link.split('#')[1];
    if (hash && rel.endsWith('.html') && !idsOf(rel).has(decodeURIComponent(hash))) problems.push({ page, link, problem: `no element #${hash}` });
  };
  const absolute = `https://${domain}`;
  for (const rel of files) {
    if (rel.endsWith('.html')) {
      const html = readFileSync(path.join(out, rel), 'utf8');
      for (const v of linksOf(html)) {
        if (/^(https?:|mailto:|tel:|data:)/i.test(v)) {
          if (v.startsWith(absolute)) check(rel, v.slice(absolute.length));
          continue;
        }
        if (v.startsWith('#')) {
          checked++;
          if (v.length > 1 && !idsOf(rel, html).has(decodeURIComponent(v.slice(1)))) problems.push({ page: rel, link: v, problem: 'no such element on the page' });
          continue;
        }
        if (!v.startsWith('/')) {
          problems.push({ page: rel, link: v, problem: 'relative link (every link should be site-absolute)' });
          continue;
        }
        check(rel, v);
      }
    } else if (rel.endsWith('.xml')) {
      const text = readFileSync(path.join(out, rel), 'utf8');
      for (const m of text.matchAll(/(?:href="|<loc>|<id>)(https?:\/\/[^"<]+)/g)) {
        const v = m[1]!;
        if (!v.startsWith(absolute)) {
          problems.push({ page: rel, link: v, problem: `not on the site's domain ${domain}` });
          continue;
        }
        check(rel, v.slice(absolute.length));
      }
    }
  }
  return { problems, checked };
}

/** Pages reachable from the home page by following links (HTML pages only; other files are reached, not followed). */
export function crawl(out: string, prefix: string): Set<string> {
  const seen = new Set<string>();
  const queue = ['index.html'];
  while (queue.length) {
    const rel = queue.shift()!;
    if (seen.has(rel)) continue;
    seen.add(rel);
    if (!rel.endsWith('.html')) continue;
    const html = readFileSync(path.join(out, rel), 'utf8');
    // Links a reader follows: <a href> and <link rel="alternate"> (feeds), not scripts or stylesheets.
    for (const m of html.matchAll(/<(a|link)\s[^>]*>/g)) {
      if (m[1] === 'link' && !/rel="alternate"/.test(m[0])) continue;
      const href = /\shref="([^"]*)"/.exec(m[0])?.[1];
      if (!href) continue;
      const target = fileFor(out, prefix, unescape(href));
      if (!target || !existsSync(target)) continue;
      const r = path.relative(out, target).split(path.sep).join('/');
      if (!seen.has(r)) queue.push(r);
    }
  }
  return seen;
}

/** Queries the search index of a built site with the search page's own engine (src/search/query.ts). */
export async function searchIndex(out: string, queries: Array<{ term: string; filters?: Record<string, string> }>, baseUrl = '/'): Promise<Array<{ term: string; urls: string[]; filters: Record<string, Record<string, number>> }>> {
  return queryBundle(path.join(out, SEARCH_DIR), queries, { baseUrl });
}
