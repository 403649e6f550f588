// The statistics tables as HTML, from their view models (table-view.ts, and site/table-cells.ts for the roll-up
// and comparison cells that carry extra lines). A report has ~200 cells; printed through a Nunjucks macro per
// cell they cost more than the rest of the page, so they are printed here, escaped as Nunjucks autoescape
// escapes, and handed to templates as safe markup (`statTable`, `viewTable` globals).
import nunjucks from 'nunjucks';
import type { CellView, TableView } from './table-view.ts';
import type { AnnotatedCell } from '../site/table-cells.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&#39;', '<': '&lt;', '>': '&gt;', '\\': '&#92;' };
/** The same escaping as Nunjucks' autoescape. */
export const escapeHtml = (v: unknown): string => String(v).replace(/[&"'<>\\]/g, (c) => ESCAPES[c]!);

const attr = (name: string, v: unknown): string => (v ? ` ${name}="${escapeHtml(v)}"` : '');

function cell(c: AnnotatedCell): string {
  const open = `<${c.tag}${attr('id', c.id)}${attr('scope', c.scope)}${attr('colspan', c.colspan)}${attr('rowspan', c.rowspan)}${attr('headers', c.headers)}${attr('class', c.cls)}>`;
  const body = c.lines
    ? `<span class="cell-value">${escapeHtml(c.text)}</span>${c.lines.map((l) => `<span class="${escapeHtml(l.cls)}">${escapeHtml(l.text)}</span>`).join('')}`
    : escapeHtml(c.text);
  return `${open}${body}${c.note ? `<span class="unit">${escapeHtml(c.note)}</span>` : ''}</${c.tag}>`;
}

const rows = (rs: readonly CellView[][]): string => rs.map((r) => `<tr>${r.map(cell).join('')}</tr>\n`).join('');

function tables(t: TableView, tableClass: string): string {
  const parts = t.parts
    .map(
      (p) =>
        `<table class="${tableClass}${t.parts.length > 1 ? ' part' : ''}" id="${escapeHtml(p.id)}">\n<caption>${escapeHtml(p.caption)}</caption>\n` +
        `<thead>\n${rows(p.head)}</thead>\n<tbody>\n${rows(p.body)}</tbody>\n</table>\n`,
    )
    .join('');
  return `<div class="table-scroll" id="${escapeHtml(t.id)}" role="region" aria-label="表格：${escapeHtml(t.caption)}" tabindex="0">\n${parts}</div>\n`;
}

const notice = (t: TableView, text: string): string =>
  `<div class="notice" role="note">\n<p><strong>${escapeHtml(t.caption)}：${escapeHtml(text)}</strong></p>\n<p>${escapeHtml(t.notice ?? '')}</p>\n</div>\n`;

/** A report's statistics table: a labelled, focusable scroll region holding one table, or one per block (二). */
export function statTable(t: TableView): nunjucks.runtime.SafeString {
  const html = t.published
    ? tables(t, 'stat-table') + (t.hasComputed ? '<p class="table-note">注：标有下划虚线的合计数由系统根据表内数据计算，未在报告原文中填写。</p>' : '')
    : notice(t, '本表未发布。');
  return new nunjucks.runtime.SafeString(html);
}

/** An official table whose data cells carry extra lines (a roll-up's marks, last year's value and the change). */
export function viewTable(t: TableView, unpublishedText: string): nunjucks.runtime.SafeString {
  return new nunjucks.runtime.SafeString(t.published ? tables(t, 'stat-table view-table') : notice(t, unpublishedText));
}
