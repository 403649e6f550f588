// The three charts of the browsing pages, each a chart model (src/charts/svg.ts) with a text summary and a data
// table alternative: the trend of a key measure over the years, the distribution of 办理结果 (table 三), and the
// outcomes of 行政复议/行政诉讼 (table 四).
import type { CompiledFormat } from '../formats/index.ts';
import { distribution, outcomes, type CellGetter } from './data.ts';
import { barChart, columnChart, fmt, percent, stackedBarChart, type ChartModel } from './svg.ts';

export type { ChartModel } from './svg.ts';
export { reportGetter, type CellGetter } from './data.ts';

const amount = (v: number | undefined, unit: string) => (v === undefined ? '缺失' : `${fmt(v)}${unit}`);

/** A key measure by year: "2019—2025年度，本年新收申请由12件增至30件；最多为2024年度的31件……". */
export function trendSummary(label: string, unit: string, points: Array<{ year: number; value: number | undefined }>): string {
  const known = points.filter((p): p is { year: number; value: number } => p.value !== undefined);
  const span = points.length > 1 ? `${points[0]!.year}—${points[points.length - 1]!.year}年度` : `${points[0]?.year ?? ''}年度`;
  if (known.length === 0) return `${span}，${label}的数据均缺失。`;
  const parts: string[] = [];
  const a = known[0]!;
  const b = known[known.length - 1]!;
  if (known.length === 1) parts.push(`${span}，${label}仅${a.year}年度有数据：${amount(a.value, unit)}`);
  else {
    const change = b.value > a.value ? `由${amount(a.value, unit)}增至${amount(b.value, unit)}` : b.value < a.value ? `由${amount(a.value, unit)}降至${amount(b.value, unit)}` : `${a.year}年度和${b.year}年度均为${amount(a.value, unit)}`;
    parts.push(`${span}，${label}${change}`);
    const max = known.reduce((m, p) => (p.value > m.value ? p : m));
    const min = known.reduce((m, p) => (p.value < m.value ? p : m));
    if (max.value !== min.value) parts.push(`最多为${max.year}年度的${amount(max.value, unit)}，最少为${min.year}年度的${amount(min.value, unit)}`);
  }
  const gaps = points.filter((p) => p.value === undefined).map((p) => `${p.year}`);
  if (gaps.length) parts.push(`${gaps.join('、')}年度的数据缺失或未发布`);
  return `${parts.join('；')}。`;
}

export function trendChart(id: string, label: string, unit: string, points: Array<{ year: number; value: number | undefined; note?: string }>): ChartModel {
  const title = points.length > 1 ? `${label}（${points[0]!.year}—${points[points.length - 1]!.year}年度）` : `${label}（${points[0]?.year}年度）`;
  return columnChart({
    id,
    title,
    summary: trendSummary(label, unit, points),
    unit,
    points: points.map((p) => ({ label: String(p.year), value: p.value })),
    table: {
      caption: `${title}数据表`,
      head: ['年度', `${label}（${unit || '数量'}）`],
      rows: points.map((p) => ({ label: `${p.year}年度`, cells: [p.value === undefined ? '缺失' : fmt(p.value) + (p.note ?? '')] })),
    },
  });
}

/** 办理结果 by category for one report or roll-up; undefined when table 三 is not available at all. */
export function distributionChart(id: string, format: CompiledFormat, get: CellGetter, context: string): ChartModel | undefined {
  const d = distribution(format, get);
  if (!d || (d.total === undefined && d.categories.every((c) => c.value === undefined))) return undefined;
  const title = `${context}办理结果分布`;
  let summary: string;
  if (d.total === 0) summary = `${context}办理结果总计为0${d.unit}。`;
  else {
    const shown = d.categories.filter((c) => c.value !== 0);
    const zero = d.categories.length - shown.length;
    summary =
      `${context}办理结果${d.total === undefined ? '' : `共${fmt(d.total)}${d.unit}`}：` +
      shown.map((c) => `${c.label}${amount(c.value, d.unit)}${c.value === undefined ? '' : percent(c.value, d.total)}`).join('，') +
      (zero ? `；其余${zero}类为0${d.unit}` : '') +
      '。';
  }
  return barChart({
    id,
    title,
    summary,
    unit: d.unit,
    items: d.categories.map((c) => ({ label: c.label, value: c.value })),
    total: d.total,
    table: {
      caption: `${title}数据表`,
      head: ['类别', `数量（${d.unit}）`, '占比'],
      rows: [
        ...d.categories.map((c) => ({ label: c.fullLabel, cells: [c.value === undefined ? '缺失' : fmt(c.value), c.value === undefined ? '' : percent(c.value, d.total).replace(/[（）]/g, '')] })),
        ...(d.total === undefined ? [] : [{ label: '合计', cells: [fmt(d.total), d.total > 0 ? '100%' : ''] }]),
      ],
    },
  });
}

/** 行政复议/行政诉讼 outcomes for one report or roll-up; undefined when table 四 is not available at all. */
export function outcomesChart(id: string, format: CompiledFormat, get: CellGetter, context: string): ChartModel | undefined {
  const d = outcomes(format, get);
  if (!d || d.rows.every((r) => r.total === undefined && r.values.every((v) => v === undefined))) return undefined;
  const title = `${context}${d.groups.join('、')}结果`;
  const all0 = d.rows.every((r) => r.total === 0);
  const summary = all0
    ? `${context}${d.groups.join('、')}案件均为0${d.unit}。`
    : `${context}` +
      d.rows
        .map((r) => {
          const parts = r.values.map((v, i) => (v ? `${d.columns[i]}${amount(v, d.unit)}` : v === undefined ? `${d.columns[i]}缺失` : '')).filter(Boolean);
          return `${r.label}${r.total === undefined ? '' : amount(r.total, d.unit)}${parts.length && r.total !== 0 ? `（${parts.join('、')}）` : ''}`;
        })
        .join('；') +
      '。';
  return stackedBarChart({
    id,
    title,
    summary,
    unit: d.unit,
    series: d.columns,
    rows: d.rows,
    table: {
      caption: `${title}数据表`,
      head: ['案件', ...d.columns, d.totalLabel],
      rows: d.rows.map((r) => ({ label: r.label, cells: [...r.values.map((v) => (v === undefined ? '缺失' : fmt(v))), r.total === undefined ? '缺失' : fmt(r.total)] })),
    },
  });
}
