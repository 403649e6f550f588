// The JSON Schema (draft 2020-12) of data.json, generated from the format definitions and the field specs: each
// format version is a variant whose tables, blocks, rows and columns are fixed to the official labels, whose cells
// follow their column's value kind, and whose year lies in the version's years.
import { SLUG } from '../load/fields.ts';
import { MISSING, NOT_APPLICABLE, UNPUBLISHED } from '../load/tables.ts';
import type { CompiledBlock, CompiledFormat, CompiledTable, LeafColumn, ValueKind } from '../formats/index.ts';
import { OFFICE_FIELDS, REPORT_FIELDS, type FieldSpec } from '../model/fields.ts';
import type { Office, ReportMeta, SiteConfig } from '../model/types.ts';
import { absoluteUrl, dataFileUrl, SCHEMA_FILE } from './files.ts';
import { blockTables, exampleBlockTitle, formatsNewestFirst, formatTitle, tableKeysText } from './format-facts.ts';
import { PATH_SEPARATOR } from './records.ts';
import { SCHEMA_VERSION } from './report-json.ts';

export type JsonSchema = { [key: string]: unknown };

/** Fields the loader always fills (a default when the source leaves them out), so data.json always has them. */
const REPORT_DEFAULTED: readonly (keyof ReportMeta)[] = ['title', 'publisher', 'topic'];
const OFFICE_DEFAULTED: readonly (keyof Office)[] = ['shortName', 'contact'];

const DATE = '^\\d{4}-\\d{2}-\\d{2}$';

function fieldSchema(spec: FieldSpec): JsonSchema {
  const description = `${spec.key}：${spec.describe}`;
  let s: JsonSchema;
  switch (spec.kind) {
    case 'text':
      s = spec.choices ? { type: 'string', enum: [...spec.choices] } : { type: 'string', minLength: 1 };
      break;
    case 'code':
    case 'url':
      s = { type: 'string', minLength: 1 };
      break;
    case 'date':
      s = { type: 'string', pattern: DATE };
      break;
    case 'year':
      s = { type: 'integer' };
      break;
    case 'id':
      s = { type: 'string', pattern: SLUG.source };
      break;
    case 'bool':
      s = { type: 'boolean' };
      break;
    case 'group':
      s = objectOf(spec.fields ?? []);
      break;
    case 'list':
      s = { type: 'array', items: objectOf(spec.fields ?? []) };
      break;
  }
  if (spec.unknownAllowed) {
    s.type = [s.type as string, 'null'];
    return { description: `${description}（null：原文未注明，源文件写“${MISSING}”）`, ...s };
  }
  return { description, ...s };
}

/** An object of fields; required: what the source must give, lists (always present, maybe empty), and `always`. */
function objectOf(specs: readonly FieldSpec[], always: readonly string[] = [], extra: Record<string, JsonSchema> = {}): JsonSchema {
  const properties: Record<string, JsonSchema> = { ...extra };
  for (const spec of specs) properties[spec.prop] = fieldSchema(spec);
  const required = [...Object.keys(extra), ...specs.filter((s) => s.required || s.kind === 'list' || always.includes(s.prop)).map((s) => s.prop)];
  return { type: 'object', properties, required, additionalProperties: false };
}

const KIND_VALUE: Record<ValueKind, JsonSchema> = {
  count: { type: 'integer', minimum: 0, description: '件数：不小于 0 的整数' },
  signed: { type: 'integer', description: '增减数：整数，减少为负数' },
  amount: { type: 'number', minimum: 0, description: '金额：不小于 0，可有小数' },
};

const COMPUTED = { type: 'boolean', description: 'true：报告原文未填写、由本系统根据表内数据计算的合计数' };

function cellDefs(): Record<string, JsonSchema> {
  const defs: Record<string, JsonSchema> = {
    'cell-na': {
      description: `${NOT_APPLICABLE}：该项不适用于本机关（不是 0）`,
      type: 'object',
      properties: { status: { const: 'na' }, computed: COMPUTED },
      required: ['status', 'computed'],
      additionalProperties: false,
    },
    'cell-missing': {
      description: `${MISSING}：数值不详（如导入的报告原文缺少此数；合计的某一项${MISSING}时合计也为${MISSING}）`,
      type: 'object',
      properties: { status: { const: 'missing' }, computed: COMPUTED },
      required: ['status', 'computed'],
      additionalProperties: false,
    },
  };
  for (const kind of Object.keys(KIND_VALUE) as ValueKind[]) {
    defs[`cell-${kind}`] = {
      description: '一个单元格：数值、不适用或缺失',
      oneOf: [
        {
          type: 'object',
          properties: { status: { const: 'number' }, value: KIND_VALUE[kind], computed: COMPUTED },
          required: ['status', 'value', 'computed'],
          additionalProperties: false,
        },
        { $ref: '#/$defs/cell-na' },
        { $ref: '#/$defs/cell-missing' },
      ],
    };
  }
  defs.cell = { description: '一个单元格（任一数值类型）', anyOf: (Object.keys(KIND_VALUE) as ValueKind[]).map((k) => ({ $ref: `#/$defs/cell-${k}` })) };
  return defs;
}

const tuple = (items: JsonSchema[]): JsonSchema => ({ type: 'array', prefixItems: items, items: false, minItems: items.length });

function columnSchema(c: LeafColumn): JsonSchema {
  return {
    type: 'object',
    properties: {
      label: { const: c.label },
      path: { const: [...c.path] },
      kind: { const: c.kind },
      unit: c.unit ? { const: c.unit } : { enum: [...(c.statedUnits ?? []), null] },
      statedUnits: c.statedUnits ? { const: [...c.statedUnits] } : false,
    },
    required: ['label', 'path', 'kind', 'unit', ...(c.statedUnits ? ['statedUnits'] : [])],
  };
}

/** A block's labels, the same whether the table was published or not. */
function blockSchema(b: CompiledBlock): JsonSchema {
  return {
    type: 'object',
    properties: {
      title: { const: b.def.title ?? null },
      stub: { const: b.def.stub ?? null },
      columns: tuple(b.columns.map(columnSchema)),
      rows: { const: b.rows.map((r) => ({ label: r.label, path: [...r.path] })) },
    },
  };
}

/** What a published block adds: cells of the right kinds, and stated units (null only when not published). */
function publishedBlock(b: CompiledBlock): JsonSchema {
  return {
    type: 'object',
    properties: {
      columns: tuple(b.columns.map((c) => ({ type: 'object', properties: { unit: { type: 'string' } } }))),
      cells: tuple(b.rows.map(() => tuple(b.columns.map((c) => ({ $ref: `#/$defs/cell-${c.kind}` }))))),
    },
    required: ['cells'],
  };
}

function tableSchema(t: CompiledTable): JsonSchema {
  const blocks = (f: (b: CompiledBlock) => JsonSchema) => tuple(t.blocks.map(f));
  return {
    type: 'object',
    properties: {
      id: { const: t.id },
      key: { const: t.key },
      section: { const: t.def.section },
      caption: { const: t.def.caption },
      blocks: blocks(blockSchema),
    },
    oneOf: [
      { type: 'object', properties: { status: { const: 'published' }, reason: false, blocks: blocks(publishedBlock) } },
      {
        type: 'object',
        properties: { status: { const: 'unpublished' }, blocks: blocks(() => ({ type: 'object', properties: { cells: false } })) },
        required: ['reason'],
      },
    ],
  };
}

function formatSchema(f: CompiledFormat): JsonSchema {
  const years = { from: f.def.years.from, to: f.def.years.to ?? null };
  return {
    title: formatTitle(f),
    type: 'object',
    properties: {
      format: {
        type: 'object',
        properties: { id: { const: f.id }, name: { const: f.def.name }, issuedBy: { const: f.def.issuedBy }, years: { const: years } },
      },
      report: {
        type: 'object',
        properties: { year: { type: 'integer', minimum: years.from, ...(years.to ? { maximum: years.to } : {}) } },
      },
      sections: tuple(f.def.sections.map((s) => ({ type: 'object', properties: { number: { const: s.number }, heading: { const: s.heading } } }))),
      tables: tuple(f.tables.map(tableSchema)),
    },
  };
}

const str = (description: string): JsonSchema => ({ type: 'string', description });

/** The generic shape of a table (every version); the version variants fix labels and sizes. */
function genericTable(): JsonSchema {
  const formats = formatsNewestFirst();
  const ids = [...new Set(formats.flatMap((f) => f.tables.map((t) => t.id)))];
  const sections = [...new Set(formats.flatMap((f) => f.tables.map((t) => t.def.section)))];
  const { titled, plain } = blockTables();
  const column = {
    type: 'object',
    description: '一列（末级列）',
    properties: {
      label: str('列标签，与官方表格逐字一致'),
      path: { type: 'array', items: { type: 'string' }, description: '从最上层合并表头到本列的标签' },
      kind: { enum: Object.keys(KIND_VALUE), description: 'count：件数（整数，不小于 0）；signed：增减数（整数，可为负）；amount：金额（可有小数）' },
      unit: { type: ['string', 'null'], description: '单位：格式规定的单位，或报告写明的单位；未发布的表中由报告写明的单位为 null' },
      statedUnits: { type: 'array', items: { type: 'string' }, description: '仅在单位由报告写明的列出现：可选的单位' },
    },
    required: ['label', 'path', 'kind', 'unit'],
    additionalProperties: false,
  };
  const row = {
    type: 'object',
    description: '一行（末级行）',
    properties: {
      label: str('行标签，与官方表格逐字一致'),
      path: { type: 'array', items: { type: 'string' }, description: `从最上层合并行标签到本行的标签（CSV 中用“${PATH_SEPARATOR.trim()}”连接）` },
    },
    required: ['label', 'path'],
    additionalProperties: false,
  };
  const block = {
    type: 'object',
    description: `表内的一个项目：${titled.join('、')}的每个项目（如“${exampleBlockTitle()}”）各为一个；${plain.join('、')}只有一个，没有项目标题`,
    properties: {
      title: { type: ['string', 'null'], description: '项目标题（表内合并的标题行）；没有时为 null' },
      stub: { type: ['string', 'null'], description: '左上角表头单元格的文字；没有时为 null' },
      columns: { type: 'array', items: column, description: '末级列，按官方表格的顺序' },
      rows: { type: 'array', items: row, description: '末级行，按官方表格的顺序' },
      cells: { type: 'array', items: { type: 'array', items: { $ref: '#/$defs/cell' } }, description: 'cells[行][列]：与 rows、columns 一一对应；未发布的表没有此项' },
    },
    required: ['title', 'stub', 'columns', 'rows'],
    additionalProperties: false,
  };
  return {
    type: 'object',
    description: '一张统计表',
    properties: {
      id: str(`表的代号：${ids.join('、')}`),
      key: str(`表名：${tableKeysText()}（报告源文件中的键）`),
      section: { type: 'integer', description: `表所在的报告部分的序号（${sections.join('、')}）` },
      caption: str('表的标题，即所在部分的官方标题'),
      status: { enum: ['published', 'unpublished'], description: `published：已发布；unpublished：报告原文未发布此表（${UNPUBLISHED}），没有单元格，不等于全部为 0` },
      reason: str('未发布的原因（仅 unpublished）'),
      blocks: { type: 'array', items: block, description: '表内的项目' },
    },
    required: ['id', 'key', 'section', 'caption', 'status', 'blocks'],
    additionalProperties: false,
  };
}

export function reportDataSchema(config: SiteConfig): JsonSchema {
  const formats = formatsNewestFirst();
  const defs: Record<string, JsonSchema> = { ...cellDefs() };
  for (const f of formats) defs[`format-${f.id}`] = formatSchema(f);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: absoluteUrl(config, dataFileUrl(SCHEMA_FILE)),
    title: '政府信息公开工作年度报告数据（data.json）',
    description: `每份报告页面旁的 data.json 的结构。适用的格式版本：${formats.map(formatTitle).join('；')}。`,
    type: 'object',
    properties: {
      $schema: str('本结构说明（JSON Schema）的网址'),
      schemaVersion: { const: SCHEMA_VERSION, description: '数据结构的版本号；结构有不兼容的变化时加一' },
      url: str('报告页面的网址'),
      files: {
        type: 'object',
        description: '本报告的数据文件和源文件的网址',
        properties: {
          json: str('本文件（data.json）'),
          csv: str('同一数据的 CSV（data.csv，每个单元格一行）'),
          source: str('报告源文件（source.md），与提交的文件逐字节相同'),
          dataSource: str('报告数据单独存放时的数据源文件（source.yml），与提交的文件逐字节相同'),
        },
        required: ['json', 'csv', 'source'],
        additionalProperties: false,
      },
      demo: { type: 'boolean', description: 'true：虚构的演示数据，不是真实的政府信息' },
      office: objectOf(OFFICE_FIELDS, OFFICE_DEFAULTED, { id: { type: 'string', pattern: SLUG.source, description: '机构代号（目录名），网址由它生成' } }),
      region: {
        type: 'object',
        description: '机构所属地区',
        properties: { id: { type: 'string', pattern: SLUG.source, description: '地区代号' }, name: { type: ['string', 'null'], description: '地区名称' } },
        required: ['id', 'name'],
        additionalProperties: false,
      },
      format: {
        type: 'object',
        description: '报告适用的年度报告格式',
        properties: {
          id: str('格式版本的代号'),
          name: str('格式文件的名称'),
          issuedBy: str('印发文号'),
          years: {
            type: 'object',
            description: '适用的报告年度（含）；to 为 null 表示现行',
            properties: { from: { type: 'integer' }, to: { type: ['integer', 'null'] } },
            required: ['from', 'to'],
            additionalProperties: false,
          },
        },
        required: ['id', 'name', 'issuedBy', 'years'],
        additionalProperties: false,
      },
      report: { description: '报告的信息公开元数据（源文件中的字段，见各字段说明）', ...objectOf(REPORT_FIELDS, REPORT_DEFAULTED) },
      sections: {
        type: 'array',
        description: '报告正文的六个部分，按顺序',
        items: {
          type: 'object',
          properties: {
            number: { type: 'integer', description: '部分的序号 1–6' },
            heading: str('官方标题'),
            markdown: { type: 'string', description: '该部分正文的 Markdown 源文本（不含标题；可为空）' },
          },
          required: ['number', 'heading', 'markdown'],
          additionalProperties: false,
        },
      },
      tables: { type: 'array', items: genericTable(), description: '统计表，按报告中的顺序' },
    },
    required: ['$schema', 'schemaVersion', 'url', 'files', 'demo', 'office', 'region', 'format', 'report', 'sections', 'tables'],
    additionalProperties: false,
    oneOf: formats.map((f) => ({ $ref: `#/$defs/format-${f.id}` })),
    $defs: defs,
  };
}
