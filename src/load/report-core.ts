// Loads one report source (reports/<office>/<year>.md) into the model, reporting every problem found. Imported
// through report.ts, which brings markdown-it along (markdown-ref.ts); `nianbao check` imports it directly.
import path from 'node:path';
import { formatForYear, type TableId } from '../formats/index.ts';
import { checkRules, computeTotals, type RuleLabels } from '../model/compute.ts';
import { REPORT_FIELDS } from '../model/fields.ts';
import type { Office, Report, ReportMeta, Revision, TableData, Waiver } from '../model/types.ts';
import { RULES } from '../check/rules.ts';
import { Diagnostics } from './diagnostics.ts';
import { readFields } from './fields.ts';
import { readSections } from './prose.ts';
import { SourceFileError, readSource, splitFrontMatter, type FrontMatterSplit } from './source.ts';
import { readTable } from './tables.ts';
import { isMapping, loadStrictYaml, pathKey, YamlError, type YamlDoc } from './yaml.ts';

export const REPORT_FILE = /^(\d{4})\.md$/;
const WAIVERS_KEY = REPORT_FIELDS.find((f) => f.prop === 'waivers')!.key;

export interface LoadResult<T> {
  value?: T;
  diagnostics: Diagnostics;
}

/** `file` relative to `root`, with forward slashes: path.relative, without its work for a file inside `root`. */
export function relativePath(root: string, file: string): string {
  const inside = root.endsWith(path.sep) ? root : root + path.sep;
  // Inside, and nothing that path.relative would resolve: no . or .. segment, no empty segment.
  if (path.isAbsolute(root) && file.startsWith(inside) && !/(^|[\\/])\.\.?([\\/]|$)|[\\/]{2}|^[\\/]|[\\/]$/.test(file.slice(inside.length))) {
    return file.slice(inside.length).split(path.sep).join('/');
  }
  return path.relative(root, file).split(path.sep).join('/');
}

/** The data of a report may sit beside its prose as <year>.yml, where editors' YAML tooling can validate it. */
export const DATA_FILE = /^(\d{4})\.yml$/;

/** What loading a report gave: the report when no error was found, and every diagnostic (the data file's after). */
function result(diags: Diagnostics, dataDiags: Diagnostics, value?: Report): LoadResult<Report> {
  if (dataDiags !== diags) diags.items.push(...dataDiags.items);
  return { value: diags.hasErrors ? undefined : value, diagnostics: diags };
}

/**
 * @param file absolute path of <year>.md; @param root the project root (messages use paths relative to it);
 * @param contentRoot the reports folder (symlinks must stay inside it);
 * @param dataFile absolute path of <year>.yml when the data is kept apart from the prose.
 */
export function loadReport(file: string, root: string, contentRoot: string, office: Office, dataFile?: string): LoadResult<Report> {
  const rel = relativePath(root, file);
  const diags = new Diagnostics(rel);
  // Data problems are reported against the file that holds the data.
  const dataDiags = dataFile ? new Diagnostics(relativePath(root, dataFile)) : diags;
  const yearFromName = Number(REPORT_FILE.exec(path.basename(file))?.[1]);
  try {
    const { text: source, hash: sourceHash } = readSource(file, contentRoot);
    let fm: FrontMatterSplit;
    let dataSource: string | undefined;
    let dataSourceHash: string | undefined;
    if (dataFile) {
      if (/^---\s*$/m.test(source.split('\n')[0] ?? '')) {
        diags.error({ line: 1, col: 1 }, 'FILE', `数据已写在 ${path.basename(dataFile)} 中，${path.basename(file)} 不应再有数据部分`, `同一份报告的数据只能写一处：删去 ${path.basename(file)} 开头 --- 之间的内容，或删去 ${path.basename(dataFile)}`);
        return result(diags, dataDiags);
      }
      ({ text: dataSource, hash: dataSourceHash } = readSource(dataFile, contentRoot));
      if (dataSource.trim() === '') throw new SourceFileError('数据文件是空的', '写明年度、发布日期和三张表的数据，可用 nianbao new 生成');
      fm = { yaml: dataSource, yamlLine: 1, body: source, bodyLine: 1 };
    } else {
      fm = splitFrontMatter(source);
    }
    let doc: YamlDoc;
    try {
      doc = loadStrictYaml(fm.yaml, fm.yamlLine);
    } catch (e) {
      if (e instanceof YamlError) dataDiags.error(e.pos, 'YAML', e.message, 'YAML 写法参照 README 中的完整示例');
      else throw e;
      return result(diags, dataDiags);
    }
    if (!isMapping(doc.value)) {
      dataDiags.error({ line: fm.yamlLine, col: 1 }, 'YAML', '数据部分应为“字段: 值”的形式', '参照 README 中的完整示例');
      return result(diags, dataDiags);
    }
    const fmObj = doc.value;
    const format = formatForYear(yearFromName);
    if (!format) {
      diags.error({ line: 1, col: 1 }, 'YEAR', `不支持 ${yearFromName} 年度的报告`, '本系统支持 2019 年度起的报告（2019 试行格式和 2021 格式）');
      return result(diags, dataDiags);
    }
    const tableKeys = format.tables.map((t) => t.key);
    const ctx = { doc, diags: dataDiags, format, year: yearFromName };
    const f = readFields(ctx, fmObj, REPORT_FIELDS, [], tableKeys);
    if (f.year !== undefined && f.year !== yearFromName) {
      dataDiags.error(doc.values.get('年度'), 'YEAR', `「年度」为 ${String(f.year)}，与文件名 ${path.basename(file)} 不一致`, `文件名应为 ${String(f.year)}.md，或把年度改为 ${yearFromName}`);
    }
    const tables = {} as Record<TableId, TableData>;
    const labels = ruleLabels(format);
    for (const t of format.tables) {
      const data = readTable(ctx, t, fmObj[t.key]);
      if (!data) continue;
      if (data.status === 'published') {
        computeTotals(t, data.blocks);
        checkRules(t, data.blocks, labels(t.id), dataDiags);
      }
      tables[t.id] = data;
    }
    const sections = readSections(fm.body, fm.bodyLine, format.def.sections, diags);
    for (const [i, w] of ((f.waivers as Waiver[] | undefined) ?? []).entries()) {
      const info = RULES[w.rule];
      const pos = doc.values.get(pathKey([WAIVERS_KEY, i]));
      if (!info) dataDiags.error(pos, 'KIND', `「${WAIVERS_KEY}」中的规则「${w.rule}」不存在`, `可说明的警告：${Object.values(RULES).filter((r) => r.severity === 'warning').map((r) => r.id).join('、')}`);
      else if (info.severity === 'error') dataDiags.error(pos, 'KIND', `「${w.rule}」是错误，不能通过说明豁免`, '请改正数据');
    }
    if (diags.hasErrors || dataDiags.hasErrors) return result(diags, dataDiags);
    const meta: ReportMeta = {
      title: (f.title as string | undefined) ?? `${office.name}${yearFromName}年政府信息公开工作年度报告`,
      publisher: (f.publisher as string | undefined) ?? office.name,
      published: f.published as string | null,
      written: f.written as string | undefined,
      indexNo: f.indexNo as string | undefined,
      docNo: f.docNo as string | undefined,
      topic: (f.topic as string | undefined) ?? '政务公开',
    };
    const revisions = ((f.revisions as Revision[] | undefined) ?? []).slice().sort((a, b) => (a.date < b.date ? -1 : 1));
    const waivers = (f.waivers as Waiver[] | undefined) ?? [];
    const dataRel = dataFile ? relativePath(root, dataFile) : undefined;
    return result(diags, dataDiags, { officeId: office.id, year: yearFromName, file: rel, dataFile: dataRel, format, meta, tables, sections, revisions, waivers, warnings: [], sourceHash, dataSourceHash });
  } catch (e) {
    if (e instanceof YamlError) diags.error(e.pos, 'YAML', e.message, 'YAML 写法参照 README 中的完整示例');
    else if (e instanceof SourceFileError) diags.error({ line: e.line, col: 1 }, 'FILE', e.message, e.hint);
    else throw e;
    return result(diags, dataDiags);
  }
}

type Format = ReturnType<typeof formatForYear> & object;
const LABELS = new WeakMap<Format, Map<TableId, RuleLabels>>();

/** Labels for rule messages, from the format: row paths, column labels, and short row names (（七）总计, 一). */
function ruleLabels(format: Format) {
  let byTable = LABELS.get(format);
  if (!byTable) LABELS.set(format, (byTable = new Map()));
  const cache = byTable;
  return (id: TableId): RuleLabels => {
    let labels = cache.get(id);
    if (!labels) cache.set(id, (labels = tableLabels(format, id)));
    return labels;
  };
}

function tableLabels(format: Format, id: TableId): RuleLabels {
  const t = format.table(id);
  return {
    row: (b, i) => t.blocks[b]!.rows[i]!.path.join(' › '),
    col: (b, i) => t.blocks[b]!.columns[i]!.label,
    short: (b, i) => {
      const label = t.blocks[b]!.rows[i]!.label;
      return /^[一二三四五六七八九十]+、/.test(label) ? label.split('、')[0]! : label;
    },
  };
}
