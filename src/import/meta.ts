// Report metadata from what the page states: title, 发布日期, 成文日期, 索引号, 文号, 主题分类, 发布机构. Only
// labelled values are taken (发布日期：2021-01-29, meta PubDate); a date is never guessed from the prose.
import { isValidDate } from '../load/fields.ts';

export interface FoundMeta {
  title?: string;
  published?: string;
  written?: string;
  indexNo?: string;
  docNo?: string;
  topic?: string;
  publisher?: string;
  /** Where each value came from, for the import summary. */
  sources: Record<string, string>;
}

const DATE_SRC = String.raw`(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?`;

/** 2021-1-29, 2021/01/29, 2021年1月29日 → 2021-01-29 (validated); undefined otherwise. */
export function readDate(text: string): string | undefined {
  const m = new RegExp(`^\\s*${DATE_SRC}`).exec(text.normalize('NFKC'));
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isValidDate(iso) ? iso : undefined;
}

/** The first labelled date in a text: 发布日期：2021-01-29 (label alternatives in order of preference). */
function labelledDate(text: string, labels: readonly string[]): string | undefined {
  for (const label of labels) {
    const re = new RegExp(`(?:^|[^成文])(?:${label})\\s*[:：]?\\s*${DATE_SRC}`, 'g');
    for (const m of text.matchAll(re)) {
      const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
      if (isValidDate(iso)) return iso;
    }
  }
  return undefined;
}

function labelled(text: string, label: string, value: RegExp): string | undefined {
  const re = new RegExp(`${label}\\s*[:：]\\s*(${value.source})`);
  const v = re.exec(text)?.[1]?.trim();
  return v && !/^(无|暂无|-|\/)$/.test(v) ? v : undefined;
}

/** A report title: a line that names a report (…年度报告, …工作报告). */
const isReportTitle = (s: string): boolean => /报告/.test(s) && [...s].length <= 80 && !/[。；]/.test(s);

/** Title segments of a <title> like "标题_网站名" or "网站名 - 标题". */
const titleSegments = (s: string): string[] => s.split(/\s*(?:_|\||｜|—|--|\s-\s)\s*/).filter(Boolean);

/**
 * Finds the title among the page's own title candidates and the lines before the first section. A title split
 * over two lines (台山市人民政府办公室2020年 / 政府信息公开工作年度报告) is joined.
 */
export function findTitle(pageTitles: readonly string[], preamble: readonly string[]): { title?: string; source?: string } {
  for (let i = preamble.length - 1; i >= 0; i--) {
    const line = preamble[i]!;
    if (!isReportTitle(line) || /[:：]/.test(line)) continue;
    const before = preamble[i - 1];
    // The line starts without a subject (政府信息公开…) and the line before ends the subject (…2020年): one title.
    if (before && !/\d{4}/.test(line) && /\d{4}年度?$/.test(before) && [...before].length <= 40 && !/[:：。]/.test(before)) {
      return { title: before + line, source: '正文标题' };
    }
    return { title: line, source: '正文标题' };
  }
  for (const t of pageTitles) {
    const seg = titleSegments(t).find(isReportTitle);
    if (seg) return { title: seg, source: '网页标题' };
  }
  return {};
}

/** 台山市人民政府办公室2020年政府信息公开工作年度报告 → 台山市人民政府办公室 (the subject before the year). */
export function publisherFromTitle(title: string): string | undefined {
  const m = /^(.{2,40}?)(?:关于)?\d{4}年/.exec(title);
  const name = m?.[1]?.trim();
  return name && !/\d/.test(name) ? name : undefined;
}

/**
 * Metadata from the page's meta tags and from labelled lines outside the report's sections (the 信息公开 metadata
 * block above an article, or a line such as 发布日期：2021-01-29).
 */
export function findMeta(metaTags: Readonly<Record<string, string>>, outside: string): FoundMeta {
  const text = outside.normalize('NFKC');
  const found: FoundMeta = { sources: {} };
  const set = <K extends keyof Omit<FoundMeta, 'sources'>>(key: K, value: string | undefined, source: string) => {
    if (value === undefined || found[key] !== undefined) return;
    found[key] = value;
    found.sources[key] = source;
  };
  set('published', labelledDate(text, ['发布日期', '发布时间', '公开日期', '发文日期']), '页面信息');
  set('published', metaTags.PubDate ? readDate(metaTags.PubDate) : undefined, '网页 PubDate');
  set('written', labelledDate(text, ['成文日期', '成文时间']), '页面信息');
  set('indexNo', labelled(text, '索\\s*引\\s*号', /[A-Za-z0-9][A-Za-z0-9\-/_.]*/), '页面信息');
  set('docNo', labelled(text, '文\\s*号', /[^\s:：]+/), '页面信息');
  set('topic', labelled(text, '主题分类', /[^\s:：]+/), '页面信息');
  set('publisher', labelled(text, '发布机构', /[^\s:：]+/), '页面信息');
  return found;
}
