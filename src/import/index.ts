// `nianbao import`: a published report (a saved HTML page or a plain-text copy) → a source file in the shape the
// loader reads. The page is read into text lines and grids (html.ts, document.ts), cleaned (glued pinyin,
// Traditional script), cut at the six section headings (sections.ts), its statistics tables mapped onto the
// format (tables.ts), and written with writeReportSource. What could not be read is listed, one line per gap,
// and marked in the file: 缺失 cells with a note, 未发布 tables with a reason, 发布日期: 缺失 — never a zero.
import type { CompiledFormat, CompiledTable, TableId } from '../formats/index.ts';
import { MISSING, NOT_APPLICABLE } from '../load/tables.ts';
import { writeReportSource, type SourceReport, type SourceTable, type SourceValue } from '../write/source.ts';
import { cleanDocument, textToDocument, type Block, type Grid, type RawDocument } from './document.ts';
import { htmlToDocument, looksLikeHtml } from './html.ts';
import { findMeta, findTitle, publisherFromTitle, readDate } from './meta.ts';
import { blocksToMarkdown } from './prose.ts';
import { findHeadings, isChromeLine, type HeadingHit } from './sections.ts';
import { blockName, importTables, tableResidueTest, type FoundTable } from './tables.ts';

export interface ImportInput {
  /** The file's bytes. */
  bytes: Uint8Array;
  /** The file's name, for messages and the provenance note (no directories). */
  name: string;
  year: number;
  format: CompiledFormat;
}

export interface ImportResult {
  source: string;
  report: SourceReport;
  /** What could not be read or needs checking against the original, one line each (Chinese). */
  gaps: string[];
  /** What the import did (Chinese), for the summary. */
  info: string[];
  /** The title found (or undefined). */
  title?: string;
  kind: 'html' | 'text';
}

/** Decodes UTF-8 (with or without BOM); pages saved from Chinese sites are often GBK/GB18030. */
export function decodeInput(bytes: Uint8Array): { text: string; encoding: string } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, ''), encoding: 'UTF-8' };
  } catch {
    const head = new TextDecoder('latin1').decode(bytes.slice(0, 4096));
    const declared = /charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
    const encoding = declared && /^(gb2312|gbk|gb18030|big5)$/.test(declared) ? (declared === 'big5' ? 'big5' : 'gb18030') : 'gb18030';
    return { text: new TextDecoder(encoding).decode(bytes), encoding: encoding.toUpperCase() };
  }
}

const SECTION_NAMES = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const sectionName = (n: number): string => `第${SECTION_NAMES[n - 1] ?? n}部分`;
const shorten = (s: string, n = 24): string => ([...s].length > n ? `${[...s].slice(0, n).join('')}…` : s);

const commonPrefix = (paths: readonly number[][]): number[] => {
  const first = paths[0] ?? [];
  let k = 0;
  while (k < first.length && paths.every((p) => p[k] === first[k])) k++;
  return first.slice(0, k);
};
const startsWith = (p: readonly number[], prefix: readonly number[]) => prefix.every((v, i) => p[i] === v);

const gridText = (g: Grid): string =>
  g.rows
    .map((row) => {
      const seen = new Set<number>();
      return row.filter((c) => !seen.has(c.id) && seen.add(c.id)).map((c) => c.text).join(' ');
    })
    .join('\n');
const blockText = (b: Block): string => (b.kind === 'text' ? b.text : b.kind === 'table' ? gridText(b.grid) : '');

/** Reads a page into a source report. Pure: no file is read or written here. */
export function importReport(input: ImportInput): ImportResult {
  const { format, year } = input;
  const gaps: string[] = [];
  const info: string[] = [];
  const { text, encoding } = decodeInput(input.bytes);
  if (encoding !== 'UTF-8') info.push(`原文为 ${encoding} 编码，已按此读取`);
  const html = looksLikeHtml(text);
  const raw: RawDocument = html ? htmlToDocument(text) : textToDocument(text);
  const { doc, report: cleaning } = cleanDocument(raw);
  if (cleaning.converted) info.push('原文为繁体字，已转换为简体字');
  if (cleaning.removedPinyin) info.push(`已去除夹在字后的拼音注音 ${cleaning.removedPinyin} 处`);
  for (const k of cleaning.kept) gaps.push(`疑似拼音注音「${k}」不是前一字的读音，已原样保留，请核对`);

  // Headings: chrome (nav, header, footer…) cannot hold them, unless a "chrome" element holds several headings
  // (a template that calls its content area "main-nav"): then it is the report, not chrome.
  const defs = format.def.sections;
  const blocks = doc.blocks;
  const chromeCounts = new Map<string, number>();
  for (const h of findHeadings(blocks, defs)) {
    const c = blocks[h.block]!.chrome;
    if (c) chromeCounts.set(c, (chromeCounts.get(c) ?? 0) + 1);
  }
  const isChrome = (b: Block) => !!b.chrome && (chromeCounts.get(b.chrome) ?? 0) < 2;
  const hits: HeadingHit[] = findHeadings(blocks, defs, (b) => !isChrome(b));

  // The report's container: the innermost element holding every heading. After the last heading, what lies
  // outside it (related links, footers not marked as such) is not report.
  const container = html && hits.length >= 2 ? commonPrefix(hits.map((h) => blocks[h.block]!.path)) : [];
  const first = hits[0]?.block ?? blocks.length;
  const sectionBlocks = new Map<number, Block[]>();
  const outside: Block[] = [];
  let chromeDropped = 0;
  const trailer: string[] = [];
  hits.forEach((h, i) => {
    const end = hits[i + 1]?.block ?? blocks.length;
    const own: Block[] = [];
    const start = h.inTable ? h.block : h.block + 1;
    for (let j = start; j < end; j++) {
      const b = blocks[j]!;
      if (isChrome(b)) {
        chromeDropped++;
        outside.push(b);
        continue;
      }
      const last = i === hits.length - 1;
      if (last && (!startsWith(b.path, container) || (b.kind === 'text' && isChromeLine(b.text)))) {
        // After the last section, from the first line of site chrome on, nothing is report.
        for (let k = j; k < end; k++) {
          const t = blockText(blocks[k]!);
          if (t) trailer.push(t);
          outside.push(blocks[k]!);
        }
        break;
      }
      own.push(b);
    }
    sectionBlocks.set(h.number, own);
  });
  const preamble = blocks.slice(0, first);
  outside.push(...preamble);
  chromeDropped += preamble.filter(isChrome).length;
  // Sentences before the first heading are the report's own opening (根据《条例》…编制本报告。): they go at the
  // start of the first section, since the source format has no place before it. Titles, metadata and navigation
  // lines are not sentences.
  const intro = hits.length
    ? preamble.filter((b): b is Extract<Block, { kind: 'text' }> => !isChrome(b) && b.kind === 'text' && /。/.test(b.text) && [...b.text].length >= 20 && !/^[^。]{0,8}[:：]/.test(b.text) && !isChromeLine(b.text))
    : [];
  if (intro.length) {
    const firstSection = hits[0]!.number;
    sectionBlocks.set(firstSection, [...intro, ...(sectionBlocks.get(firstSection) ?? [])]);
    info.push(`第一个部分标题之前的 ${intro.length} 段正文已放在「${defs.find((d) => d.number === firstSection)!.heading}」开头`);
  }
  const preambleLines = preamble.filter((b) => !isChrome(b) && b.kind === 'text' && !intro.includes(b as never)).map((b) => (b as { text: string }).text);

  // Headings found, reworded, missing. With none at all, the text is kept (in the first section) rather than lost.
  if (!hits.length) {
    sectionBlocks.set(defs[0]!.number, preamble.filter((b) => !isChrome(b) && !(b.kind === 'text' && isChromeLine(b.text))));
    gaps.push(`原文中没有找到任何部分标题（${defs[0]!.heading} 等），全文已放在「${defs[0]!.heading}」下，请按原文分到六个部分`);
  }
  for (const def of defs) {
    if (!hits.length) break;
    const hit = hits.find((h) => h.number === def.number);
    if (!hit) gaps.push(`未找到「${def.heading}」的标题，该部分正文为空，请对照原文补上`);
    else if (hit.text.replace(/\s/g, '') !== def.heading) info.push(`原文标题「${hit.text}」按「${def.heading}」导入`);
  }
  if (preambleLines.length && hits.length) info.push(`已略去第一个部分之前的 ${preambleLines.length} 行（标题、网页信息等）`);
  if (trailer.length) info.push(`已略去报告末尾之后的 ${trailer.length} 行网站信息（自「${shorten(trailer[0]!)}」起）`);
  if (chromeDropped) info.push(`已略去网页导航、页眉、页脚等 ${chromeDropped} 处`);

  // Plain-text copies keep a table's words and numbers as loose lines: they are not prose.
  const residue = tableResidueTest(format);
  const residueSections = new Set<number>();
  if (!html) {
    for (const def of defs) {
      if (!def.table) continue;
      const own = sectionBlocks.get(def.number);
      if (!own) continue;
      const kept = own.filter((b) => !(b.kind === 'text' && residue(b.text)));
      if (kept.length !== own.length) {
        residueSections.add(def.number);
        info.push(`${sectionName(def.number)}中 ${own.length - kept.length} 行是表格残留的文字或数字，未写入正文`);
        sectionBlocks.set(def.number, kept);
      }
    }
  }

  // Statistics tables, wherever they are in the report (not in chrome); those of the sections that carry a table
  // first, so that a stray table elsewhere cannot take their place.
  const tableSections = defs.filter((d) => d.table).map((d) => d.number);
  const grids = [
    ...tableSections.map((n) => sectionBlocks.get(n) ?? []),
    ...defs.filter((d) => !d.table).map((d) => sectionBlocks.get(d.number) ?? []),
    preamble.filter((b) => !isChrome(b)),
  ]
    .flat()
    .filter((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table')
    .map((b) => b.grid);
  const found = importTables(format, grids);
  gaps.push(...found.gaps);

  // Prose.
  const prose: Record<number, string> = {};
  for (const def of defs) {
    const own = sectionBlocks.get(def.number) ?? [];
    const p = blocksToMarkdown(own, (b) => b.kind === 'table' && found.statistical.has(b.grid));
    prose[def.number] = p.markdown;
    if (p.tables) info.push(`${sectionName(def.number)}中的 ${p.tables} 个表格不是统计表，已按原样写入正文（合并单元格只写一次），请核对`);
    if (p.images && !(def.table && !found.tables[def.table].found)) gaps.push(`${sectionName(def.number)}原有图片 ${p.images} 张，未导入`);
  }

  // Metadata.
  const outsideText = [...outside.map(blockText), ...Object.entries(doc.metaTags).map(([k, v]) => `${k}: ${v}`)].join('\n');
  const meta = findMeta(doc.metaTags, outsideText);
  const { title } = findTitle(doc.titles, preambleLines);
  const titleYear = title ? /(\d{4})\s*年/.exec(title)?.[1] : undefined;
  if (!title) gaps.push('未找到报告标题，已省略「标题」（页面将使用默认标题）');
  else if (titleYear && Number(titleYear) !== year) gaps.push(`标题中的年度（${titleYear}年）与指定的年度 ${year} 不一致，请核对`);
  const publisher = meta.publisher ?? (title ? publisherFromTitle(title) : undefined);
  // A date alone on the last line of the report is its signature date (落款): 成文日期, never 发布日期.
  const lastOwn = [...(sectionBlocks.get(defs[defs.length - 1]!.number) ?? [])].reverse().find((b) => b.kind === 'text');
  const signature = lastOwn?.kind === 'text' && /^\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$/.test(lastOwn.text) ? readDate(lastOwn.text) : undefined;
  const written = meta.written ?? signature;
  const fieldNotes: Record<string, string[]> = {};
  if (!meta.published) {
    gaps.push(`发布日期：原文未注明，写为“${MISSING}”（请按原网页填写，格式 YYYY-MM-DD）`);
    fieldNotes.published = [`原文未注明发布日期；如能从原网页查到，请改为 YYYY-MM-DD，不要估计`];
  }

  // Tables.
  const tables = {} as Record<TableId, SourceTable>;
  const tableNotes: Partial<Record<TableId, string[]>> = {};
  for (const t of format.tables) {
    const ft = found.tables[t.id];
    const section = defs.find((d) => d.table === t.id)!;
    if (!ft.found) {
      const images = (sectionBlocks.get(section.number) ?? []).some((b) => b.kind === 'image');
      const reason = images
        ? '原文此表为图片，导入时未能读取，原表数据见原网页。'
        : residueSections.has(section.number)
          ? '所据纯文本中的表格已无法辨认，导入时未能读取，原表数据见原网页。'
          : '所据页面未附此表，原表数据不详。';
      tables[t.id] = { unpublished: reason };
      gaps.push(`${t.key}（${t.def.caption}）：${images ? '原文为图片，未能读取' : '原文中没有找到此表'}，写为“未发布”`);
      continue;
    }
    tables[t.id] = sourceTable(t, ft, gaps, tableNotes);
  }

  const cleaned = [cleaning.converted ? '繁体已转简体' : '', cleaning.removedPinyin ? `去除拼音注音 ${cleaning.removedPinyin} 处` : '', trailer.length ? `略去末尾网站信息 ${trailer.length} 行` : ''].filter(Boolean);
  const headerNotes = [`由 nianbao import 自 ${input.name} 导入（${html ? '网页' : '纯文本'}）${cleaned.length ? `：${cleaned.join('，')}` : ''}。`];
  if (gaps.length) {
    headerNotes.push(`导入时未能读取或须核对的内容（${gaps.length} 处），已标为“${MISSING}”或“未发布”，请对照原文补正：`);
    for (const g of gaps) headerNotes.push(`  - ${g}`);
  }

  const report: SourceReport = {
    format,
    meta: {
      year,
      ...(title ? { title } : {}),
      ...(publisher ? { publisher } : {}),
      published: meta.published ?? MISSING,
      ...(written ? { written } : {}),
      ...(meta.indexNo ? { indexNo: meta.indexNo } : {}),
      ...(meta.docNo ? { docNo: meta.docNo } : {}),
      ...(meta.topic ? { topic: meta.topic } : {}),
    },
    tables,
    prose,
    headerNotes,
    fieldNotes,
    tableNotes,
  };
  return { source: writeReportSource(report), report, gaps, info, title, kind: html ? 'html' : 'text' };
}

/** One table's values as written: numbers as found, everything else 缺失 with a note; never a zero. */
function sourceTable(t: CompiledTable, ft: FoundTable, gaps: string[], tableNotes: Partial<Record<TableId, string[]>>): SourceTable {
  // Totals (总计 column, （七）总计 row) that the page left blank everywhere are left out and computed.
  const derivedCells = t.blocks.flatMap((b) =>
    b.rows.flatMap((r) => b.columns.filter((c) => t.derivedColumns.get(b.index)?.has(c.index) || t.derivedRows.get(b.index)?.has(r.index)).map((c) => ft.values[b.index]![r.index]![c.index])),
  );
  const omitTotals = derivedCells.length > 0 && derivedCells.every((v) => !v || v.kind === 'empty' || v.kind === 'placeholder');
  if (omitTotals) (tableNotes[t.id] ??= []).push('原表未填总计，总计由系统计算');
  const isDerived = (b: number, r: number, c: number) => omitTotals && (t.derivedColumns.get(b)?.has(c) || t.derivedRows.get(b)?.has(r));

  const rowNotes: Record<number, Record<number, string>> = {};
  const statedUnits: Record<number, string>[] = [];
  const values = t.blocks.map((b) => {
    const bv = ft.values[b.index]!;
    statedUnits[b.index] = { ...ft.units[b.index] };
    const blockMissing = bv.every((row) => row.every((v) => v === undefined));
    if (blockMissing) gaps.push(`${blockName(t, b)}：原表没有这一部分，各格写为“${MISSING}”`);
    // A column the page does not have (or whose header could not be read) is one gap, not one per row.
    const columnMissing = new Set(blockMissing ? [] : b.columns.filter((c) => !isDerived(b.index, -1, c.index) && bv.every((row) => row[c.index] === undefined)).map((c) => c.index));
    for (const c of columnMissing) gaps.push(`${blockName(t, b)}：原表没有「${b.columns[c]!.label}」一列（或表头无法辨认），各格写为“${MISSING}”`);
    return b.rows.map((r) => {
      const row = bv[r.index]!;
      if (omitTotals && t.derivedRows.get(b.index)?.has(r.index)) return b.columns.map((): SourceValue => MISSING);
      const rowMissing = !blockMissing && b.columns.every((c) => isDerived(b.index, r.index, c.index) || row[c.index] === undefined);
      if (rowMissing) gaps.push(`${blockName(t, b)} · ${r.label}：原表没有这一行，各格写为“${MISSING}”`);
      const notes: string[] = [];
      const cells = b.columns.map((c): SourceValue => {
        const v = row[c.index];
        if (isDerived(b.index, r.index, c.index)) return MISSING;
        if (!v) {
          if (!blockMissing && !rowMissing && !columnMissing.has(c.index)) notes.push(`${c.label}原表无此格`);
          return MISSING;
        }
        if (v.kind === 'number') {
          if (c.statedUnits && !ft.units[b.index]![c.index] && v.value !== 0) {
            notes.push(`${c.label}原文为 ${v.raw.trim()}，未注明单位`);
            return MISSING;
          }
          return v.value;
        }
        if (v.kind === 'na') return NOT_APPLICABLE;
        if (v.kind === 'missing') return MISSING;
        notes.push(`${c.label}${v.raw.trim() ? `原文为“${v.raw.trim()}”` : '原文空白'}`);
        return MISSING;
      });
      if (notes.length) {
        (rowNotes[b.index] ??= {})[r.index] = `${notes.join('，')} → ${MISSING}`;
        gaps.push(`${blockName(t, b)} · ${r.label}：${notes.join('，')}，写为“${MISSING}”`);
      }
      if (rowMissing) (rowNotes[b.index] ??= {})[r.index] = `原表没有这一行 → ${MISSING}`;
      return cells;
    });
  });
  return { values, statedUnits, omitTotals, rowNotes };
}
