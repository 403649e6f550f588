// `nianbao new <office> <year> [--root dir]`: the skeleton of next year's report in the format version for that
// year. Every cell is written 待填, which the checker refuses, so a report cannot go out with a cell nobody filled
// (blank is not zero); the carry-in row of table 三 is prefilled from last year's carry-out row; metadata that
// stays the same (发布机构, 主题分类, the title's wording) is carried over; the six headings are in place.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatForYear, type CompiledFormat, type CompiledTable, type TableId } from '../formats/index.ts';
import { checkReport, dataFileOf, officeProblems, officeTemplate, readOffice, targetOf, type Target } from '../import/office.ts';
import { REPORT_FILE } from '../load/report.ts';
import { readSourceText, splitFrontMatter } from '../load/source.ts';
import { MISSING, NOT_APPLICABLE } from '../load/tables.ts';
import { isMapping, loadStrictYaml } from '../load/yaml.ts';
import { REPORT_FIELDS } from '../model/fields.ts';
import type { Office, Report } from '../model/types.ts';
import { TO_FILL, writeReportSource, type SourceReport, type SourceValue } from '../write/source.ts';

export const NEW_USAGE = `用法：nianbao new <机构代号> <年度> [--root 目录]`;

const fieldKey = (prop: string): string => REPORT_FIELDS.find((f) => f.prop === prop)!.key;

/** A carry-over row: the same table's balance rule, read across two years. */
export interface Carry {
  table: TableId;
  block: number;
  /** Row of this year that receives the values (上年结转). */
  into: number;
  /** Row of last year that gives them (结转下年度继续办理). */
  from: number;
  /** Column of last year for each column of this year (undefined: no such column). */
  columns: (number | undefined)[];
}

/**
 * The rows carried from one year to the next, found through the format's balance rules, never by label: a
 * balance rule reads "received + carried in = handled total + carried out" (一＋二＝（七）总计＋四). On its right,
 * the carried-out row is the term that is not a computed total (the total row of a column-total rule); the
 * carried-in row is the left term in the same position (二 against 四, as 一 stands against （七）总计).
 */
export function carryRows(format: CompiledFormat, previous: CompiledFormat): Carry[] {
  const out: Carry[] = [];
  for (const t of format.tables) {
    const pt = previous.tables.find((x) => x.id === t.id);
    if (!pt) continue;
    for (const rule of t.rules) {
      if (!('left' in rule)) continue;
      const prule = pt.rules.find((r) => r.def.id === rule.def.id && 'left' in r);
      if (!prule || !('left' in prule)) continue;
      const totals = (tab: CompiledTable) => new Set(tab.rules.filter((r) => r.def.type === 'column-total' && 'total' in r).map((r) => (r as { total: number }).total));
      const k = rule.right.findIndex((r) => !totals(t).has(r));
      const pk = prule.right.findIndex((r) => !totals(pt).has(r));
      if (k < 0 || pk !== k || rule.left[k] === undefined) continue;
      const cols = t.blocks[rule.block]!.columns;
      const pcols = pt.blocks[prule.block]!.columns;
      const columns = cols.map((c) => pcols.find((p) => p.label === c.label)?.index ?? (cols.length === pcols.length ? c.index : undefined));
      out.push({ table: t.id, block: rule.block, into: rule.left[k]!, from: prule.right[pk]!, columns });
    }
  }
  return out;
}

/** Reports of this office before `year`, newest first. */
function earlierYears(t: Target, year: number): number[] {
  if (!existsSync(t.officeDir)) return [];
  return readdirSync(t.officeDir)
    .map((f) => REPORT_FILE.exec(f)?.[1])
    .filter((y): y is string => !!y)
    .map(Number)
    .filter((y) => y < year)
    .sort((a, b) => b - a);
}

/** The data of a report as written: its front matter, or its <year>.yml; {} when unreadable. */
function rawFields(source: { text: string; yamlOnly: boolean }): Record<string, unknown> {
  try {
    const doc = source.yamlOnly ? loadStrictYaml(source.text) : loadStrictYaml(splitFrontMatter(source.text).yaml);
    return isMapping(doc.value) ? doc.value : {};
  } catch {
    return {};
  }
}

/** 11441781007143028C/2021-00012 → 11441781007143028C/2022-XXXXX: same form, next year, serial to fill in. */
export function indexPattern(previous: string, prevYear: number, year: number): string {
  return previous.replace(String(prevYear + 1), String(year + 1)).replace(/\d+$/, (d) => 'X'.repeat(d.length));
}

export interface NewReport {
  source: string;
  /** What was carried over or prefilled (Chinese), for the summary. */
  info: string[];
  /** Problems with last year's report that stopped a carry-over (Chinese). */
  warnings: string[];
}

/** Builds the skeleton; `previous` is last year's loaded report (if any), `earlier` the newest earlier source. */
export function newReportSource(format: CompiledFormat, year: number, previous: Report | undefined, earlier: { year: number; text: string; yamlOnly: boolean } | undefined): NewReport {
  const info: string[] = [];
  const warnings: string[] = [];
  const tables = {} as SourceReport['tables'];
  const rowNotes: Partial<Record<TableId, Record<number, Record<number, string>>>> = {};
  for (const t of format.tables) {
    tables[t.id] = {
      values: t.blocks.map((b) => b.rows.map(() => b.columns.map((): SourceValue => TO_FILL))),
      // A unit the format leaves open (2019 采购总金额) is the editor's to state, like every value.
      statedUnits: t.blocks.map((b) => Object.fromEntries(b.columns.filter((c) => c.statedUnits).map((c) => [c.index, TO_FILL]))),
    };
  }
  if (previous) {
    for (const carry of carryRows(format, previous.format)) {
      const t = format.table(carry.table);
      const pt = previous.format.table(carry.table);
      const into = t.blocks[carry.block]!.rows[carry.into]!;
      const from = pt.blocks[carry.block]!.rows[carry.from]!;
      const data = previous.tables[carry.table];
      if (data.status !== 'published') {
        warnings.push(`${previous.year}年度报告的${pt.key}标为未发布，「${into.label}」未能预填`);
        continue;
      }
      const row = (tables[carry.table] as { values: SourceValue[][][] }).values[carry.block]![carry.into]!;
      const unknown: string[] = [];
      carry.columns.forEach((pc, c) => {
        const cell = pc === undefined ? undefined : data.blocks[carry.block]!.cells[carry.from]![pc];
        if (cell?.status === 'number') row[c] = cell.value;
        else if (cell?.status === 'na') row[c] = NOT_APPLICABLE;
        else unknown.push(t.blocks[carry.block]!.columns[c]!.label);
      });
      const note = `按${previous.year}年度报告的「${from.label}」预填${unknown.length ? `；${unknown.join('、')}上年为${MISSING}，须填写` : ''}，请核对`;
      ((rowNotes[carry.table] ??= {})[carry.block] ??= {})[carry.into] = note;
      info.push(`${t.key}「${into.label}」已${note}`);
    }
  }
  for (const [id, notes] of Object.entries(rowNotes)) (tables[id as TableId] as { rowNotes?: unknown }).rowNotes = notes;

  // Metadata that stays from year to year, as the last report wrote it.
  const meta: Record<string, unknown> = { year, published: TO_FILL };
  const fieldNotes: Record<string, string[]> = {
    published: [`${fieldKey('published')}：报告发布时填写，格式 YYYY-MM-DD`],
    written: [`${fieldKey('written')}（可选）：格式 YYYY-MM-DD`],
  };
  if (earlier) {
    const raw = rawFields(earlier);
    const title = raw[fieldKey('title')];
    if (typeof title === 'string' && title.split(String(earlier.year)).length === 2) {
      meta.title = title.replace(String(earlier.year), String(year));
      info.push(`标题按${earlier.year}年度报告改写：${String(meta.title)}`);
    }
    for (const prop of ['publisher', 'topic']) {
      const v = raw[fieldKey(prop)];
      if (typeof v === 'string' && v !== MISSING) {
        meta[prop] = v;
        info.push(`${fieldKey(prop)}沿用${earlier.year}年度报告：${v}`);
      }
    }
    const index = raw[fieldKey('indexNo')];
    if (typeof index === 'string') {
      fieldNotes.indexNo = [`${fieldKey('indexNo')}：${earlier.year}年度报告为 "${index}"；按同一格式填写后去掉下一行行首的 #`, `${fieldKey('indexNo')}: "${indexPattern(index, earlier.year, year)}"`];
    }
  }

  const derived = [
    ...new Set(
      format.tables.flatMap((t) => [
        ...[...t.derivedColumns].flatMap(([b, cols]) => [...cols].map((c) => t.blocks[b]!.columns[c]!.label)),
        ...[...t.derivedRows].flatMap(([b, rows]) => [...rows].map((r) => t.blocks[b]!.rows[r]!.label)),
      ]),
    ),
  ];
  const headings = format.def.sections;
  const src: SourceReport = {
    format,
    meta,
    tables,
    prose: {},
    headerNotes: [
      `${year}年度政府信息公开工作年度报告，由 nianbao new 生成，适用《${format.def.name}》（${format.def.issuedBy}）。`,
      `填写：表中每一格的“${TO_FILL}”改为数值；该项不适用写“${NOT_APPLICABLE}”，数据不详写“${MISSING}”。空白不等于 0，还有“${TO_FILL}”时检查不能通过。`,
      `合计（${derived.map((l) => `「${l}」`).join('')}）照官方表格填写，由系统核对；也可以删去，由系统计算。`,
      `正文写在文件末尾 --- 之后的各部分标题下（${headings[0]!.heading} … ${headings[headings.length - 1]!.heading}），标题不要改动；小标题用三级标题（### ）。`,
      `改完后运行 npx nianbao check 检查。`,
    ],
    fieldNotes,
  };
  return { source: writeReportSource(src), info, warnings };
}

export function runNew(argv: string[]): number {
  try {
    return runNewUnguarded(argv);
  } catch (e) {
    // Messages for editors, never a stack trace.
    console.error(`生成失败：${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

function runNewUnguarded(argv: string[]): number {
  let values: { root?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: argv, options: { root: { type: 'string' } }, allowPositionals: true }));
  } catch (e) {
    console.error(`参数有误：${e instanceof Error ? e.message : String(e)}\n${NEW_USAGE}`);
    return 2;
  }
  const [officeId, yearText, ...extra] = positionals;
  if (!officeId || !yearText || extra.length) {
    console.error(NEW_USAGE);
    return 2;
  }
  const year = Number(yearText);
  const format = /^\d{4}$/.test(yearText) ? formatForYear(year) : undefined;
  if (!format) {
    console.error(`不支持的年度「${yearText}」：本系统支持 2019 年度起的报告（2019 试行格式和 2021 格式）`);
    return 2;
  }
  const target = targetOf(values.root ?? process.cwd(), officeId, year);
  const problems = officeProblems(target, officeId);
  if (problems.length) {
    for (const p of problems) console.error(p);
    return 2;
  }
  const office: Office | undefined = readOffice(target, officeId);
  if (!office) {
    console.error(`机构「${officeId}」不存在（没有机构信息文件），未生成报告。`);
    for (const l of officeTemplate(target, officeId)) console.error(l);
    return 1;
  }
  const existing = [target.file, dataFileOf(target, year)].find((f) => f && existsSync(f));
  if (existing) {
    console.error(`${path.relative(target.paths.root, existing).split(path.sep).join('/')} 已存在，未改动。nianbao new 只生成新的报告文件。`);
    return 1;
  }

  const years = earlierYears(target, year);
  let previous: Report | undefined;
  const warnings: string[] = [];
  if (years[0] === year - 1) {
    const r = checkReport(target, office, year - 1);
    const errors = r.diagnostics.filter((d) => d.severity === 'error').length;
    if (r.report) previous = r.report;
    else warnings.push(`${year - 1}年度报告有 ${errors} 个错误，上年结转未能预填（运行 npx nianbao check 查看）`);
  } else {
    warnings.push(`没有${year - 1}年度报告，上年结转须手工填写`);
  }
  const made = newReportSource(format, year, previous, years[0] === undefined ? undefined : readEarlier(target, years[0]));

  try {
    writeFileSync(target.file, made.source, { flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
      console.error(`${target.rel} 已存在，未改动。`);
      return 1;
    }
    throw e;
  }
  const out = [`已生成：${target.rel}（适用《${format.def.name}》）`];
  for (const i of made.info) out.push(`  ${i}`);
  for (const w of [...warnings, ...made.warnings]) out.push(`  注意：${w}`);
  out.push(`表中每一格的“${TO_FILL}”须改为数值、“${NOT_APPLICABLE}”或“${MISSING}”，并填写${fieldKey('published')}和正文；改完后运行 npx nianbao check。`);
  console.log(out.join('\n'));
  return 0;
}

/** The data of an earlier report as written: <year>.yml if the data sits beside the prose, else <year>.md. */
function readEarlier(t: Target, year: number): { year: number; text: string; yamlOnly: boolean } | undefined {
  const data = dataFileOf(t, year);
  try {
    return { year, text: readSourceText(data ?? path.join(t.officeDir, `${year}.md`), t.paths.reports), yamlOnly: !!data };
  } catch {
    return undefined;
  }
}
