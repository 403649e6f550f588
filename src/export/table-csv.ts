// The long CSV: one line per cell, the same columns in a report's data.csv, the per-year files and the full
// dataset, so that files can be concatenated. The columns are documented here and the data page prints this list.
import type { ReportEntry } from '../site/pages.ts';
import { BOM, csvField, csvLine, EOL, type CsvValue } from './csv.ts';
import { blockTables, exampleBlockTitle, exampleRowPath, fixedUnits, statedUnitColumns, tableKeysText } from './format-facts.ts';
import { PATH_SEPARATOR, STATUS_TEXT, cellRecords, type CellRecord } from './records.ts';

/** What an export needs of a report page. */
export type ExportReport = ReportEntry;

export const YES = '是';
export const NO = '否';

export interface CsvColumn<T> {
  header: string;
  describe: string;
  value: (x: T) => CsvValue;
}

/** Columns that describe the report (the same on every line of a report). */
export const REPORT_COLUMNS: readonly CsvColumn<ExportReport>[] = [
  { header: '机构代号', describe: '机构的代号：小写英文字母、数字和连字符，网址 /reports/<机构代号>/ 由它生成；跨年度不变，可用来关联同一机构的各年数据', value: (p) => p.office.id },
  { header: '机构名称', describe: '机构全称', value: (p) => p.office.name },
  { header: '地区', describe: '机构所属地区的名称', value: (p) => p.region?.name ?? null },
  { header: '演示数据', describe: `“${YES}”表示虚构的演示数据，不是真实的政府信息，分析时应排除；真实数据为“${NO}”`, value: (p) => (p.demo ? YES : NO) },
  { header: '年度', describe: '报告年度（统计期为该年1月1日至12月31日）', value: (p) => p.report.year },
  { header: '格式版本', describe: '报告适用的年度报告格式的代号（见下文“格式版本”）', value: (p) => p.report.format.id },
];

/** Columns that describe one cell. */
export const CELL_COLUMNS: readonly CsvColumn<CellRecord>[] = [
  { header: '表', describe: `表名：${tableKeysText()}（与报告中的表和源文件中的键相同）`, value: (c) => c.table.key },
  { header: '项目', describe: `${blockTables().titled.join('、')}中的项目，即表内合并的标题行（如“${exampleBlockTitle()}”）；${blockTables().plain.join('、')}为空`, value: (c) => c.block.def.title ?? null },
  { header: '行', describe: `行标签，与官方表格逐字一致；有上级标签的行写出完整路径，用“${PATH_SEPARATOR.trim()}”连接（如“${exampleRowPath()}”）`, value: (c) => c.row.path.join(PATH_SEPARATOR) },
  { header: '列', describe: '列标签，与官方表格逐字一致（在同一表、同一项目内唯一）', value: (c) => c.column.label },
  { header: '数值', describe: `状态为“${STATUS_TEXT.number}”时的数值；其他状态留空（空白不等于 0）`, value: (c) => c.value },
  { header: '单位', describe: `数值的单位（${fixedUnits().join('、')}）；单位由报告写明的列（${statedUnitColumns().map((c) => c.label).join('、')}）取报告所写的单位`, value: (c) => c.unit },
  { header: '状态', describe: `“${STATUS_TEXT.number}”“${STATUS_TEXT.na}”“${STATUS_TEXT.missing}”或“${STATUS_TEXT.unpublished}”（见下文）`, value: (c) => STATUS_TEXT[c.status] },
  { header: '系统计算', describe: `“${YES}”表示报告原文未填写、由本系统根据表内数据计算的合计数；“${NO}”表示取自报告原文`, value: (c) => (c.computed ? YES : NO) },
];

export const CSV_HEADER = csvLine([...REPORT_COLUMNS, ...CELL_COLUMNS].map((c) => c.header));

// A report's lines are its cells (about 200) times the columns; the bulk CSVs hold every report's lines again, so
// each line is assembled from pieces encoded once rather than from every column's value function:
// - the report columns, once per report;
// - the place columns (table, block, row, column), once per format version;
// - 数值, per cell;
// - the columns after it (单位, 状态, 系统计算), once per combination of unit, status and computed.
// The unit test checks the result against every column computed per cell.

/** CELL_COLUMNS that depend only on the cell's place in the format (table, block, row, column), not its value. */
const PLACE_COLUMNS = 4;
const VALUE_COLUMN = CELL_COLUMNS[PLACE_COLUMNS]!;
/** The columns after 数值: they depend only on the cell's unit, status and whether it was computed. */
const TAIL_COLUMNS = CELL_COLUMNS.slice(PLACE_COLUMNS + 1);

const placeCache = new Map<string, string[]>();
function placeFields(formatId: string, cells: readonly CellRecord[]): string[] {
  let cached = placeCache.get(formatId);
  if (!cached) {
    cached = cells.map((c) => CELL_COLUMNS.slice(0, PLACE_COLUMNS).map((col) => csvField(col.value(c))).join(','));
    placeCache.set(formatId, cached);
  }
  return cached;
}

const tailCache = new Map<string, string>();
function tailFields(c: CellRecord): string {
  const key = `${c.unit ?? '\u0000'}\u0001${c.status}\u0001${c.computed ? 1 : 0}`;
  let tail = tailCache.get(key);
  if (tail === undefined) tailCache.set(key, (tail = TAIL_COLUMNS.map((col) => `,${csvField(col.value(c))}`).join('')));
  return tail;
}

/** The lines of one report (no header). */
export function reportCsvBody(page: ExportReport): string {
  const lead = REPORT_COLUMNS.map((c) => csvField(c.value(page))).join(',');
  const cells = [...cellRecords(page.report)];
  const places = placeFields(page.report.format.id, cells);
  let out = '';
  cells.forEach((cell, i) => {
    out += `${lead},${places[i]},${csvField(VALUE_COLUMN.value(cell))}${tailFields(cell)}${EOL}`;
  });
  return out;
}

/** A complete CSV file from bodies. */
export const csvFile = (...bodies: string[]): string => BOM + CSV_HEADER + bodies.join('');
