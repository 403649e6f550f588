// JSON Schemas (draft-07, which the YAML language server understands) for the source files, generated from the
// format definitions and the field specs, with Chinese descriptions: editors get completion of every official
// label and validation while typing. `npm run schema` writes them to schema/; the site publishes them too.
import { allFormats, tableKey, type CompiledBlock, type CompiledFormat, type CompiledTable, type LeafColumn } from '../formats/index.ts';
import type { RowDef } from '../formats/types.ts';
import { OFFICE_FIELDS, REGION_FIELDS, REPORT_FIELDS, SITE_FIELDS, type FieldSpec } from '../model/fields.ts';
import { COLUMNS_KEY, MISSING, NOT_APPLICABLE, UNPUBLISHED, unitKey } from '../load/tables.ts';

type Schema = Record<string, unknown>;

export const SCHEMA_BASE = 'https://nianbao.example/schema/';
const SLUG = '^[a-z0-9]+(?:-[a-z0-9]+)*$';
const words = { enum: [NOT_APPLICABLE, MISSING], description: `${NOT_APPLICABLE}：该项不适用；${MISSING}：数据不详。空白不等于 0。` };

function fieldSchema(spec: FieldSpec): Schema {
  const d = { description: spec.describe };
  switch (spec.kind) {
    case 'group':
      return { type: 'object', ...d, ...objectOf(spec.fields ?? []) };
    case 'list':
      return { type: 'array', ...d, items: { type: 'object', ...objectOf(spec.fields ?? []) } };
    case 'year':
      return { type: 'integer', minimum: 2019, maximum: 2100, ...d };
    case 'bool':
      return { type: 'boolean', ...d };
    case 'date': {
      const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', ...d };
      return spec.unknownAllowed ? { anyOf: [date, { const: MISSING }], ...d } : date;
    }
    case 'id':
      return { type: 'string', pattern: SLUG, ...d };
    case 'url':
      return { type: 'string', pattern: '^https://', ...d };
    default:
      return spec.choices ? { type: 'string', enum: [...spec.choices], ...d } : { type: 'string', minLength: 1, ...d };
  }
}

function objectOf(specs: readonly FieldSpec[]): Schema {
  return {
    properties: Object.fromEntries(specs.map((s) => [s.key, fieldSchema(s)])),
    required: specs.filter((s) => s.required).map((s) => s.key),
    additionalProperties: false,
  };
}

/** One definition per value kind; row arrays refer to them by position (the columns of 列, in order). */
const KIND_DEFINITIONS: Schema = {
  count: { anyOf: [{ type: 'integer', minimum: 0, description: '件数：非负整数' }, words] },
  signed: { anyOf: [{ type: 'integer', description: '整数，减少写负数' }, words] },
  amount: { anyOf: [{ type: 'number', minimum: 0, description: '金额：非负数，可有小数' }, words] },
};
const cellRef = (c: LeafColumn): Schema => ({ $ref: `#/definitions/${c.kind}` });

function blockSchema(t: CompiledTable, b: CompiledBlock): Schema {
  const derivedCols = t.derivedColumns.get(b.index) ?? new Set<number>();
  const derivedRows = t.derivedRows.get(b.index) ?? new Set<number>();
  const all = b.columns.map((c) => c.label);
  const short = b.columns.filter((c) => !derivedCols.has(c.index)).map((c) => c.label);
  const columns = short.length === all.length ? [all] : [all, short];
  const rowValues = (label: string): Schema => ({
    type: 'array',
    description: `${label}：按「${COLUMNS_KEY}」的顺序逐列填写（${all.join('、')}）`,
    // Total columns are last, so the same positions serve 列 with or without them.
    items: b.columns.map(cellRef),
    additionalItems: false,
    minItems: Math.min(...columns.map((c) => c.length)),
    maxItems: all.length,
  });
  const rows = (defs: readonly RowDef[], path: string[]): Schema => {
    const props: Record<string, Schema> = {};
    const required: string[] = [];
    for (const d of defs) {
      if (d.children) {
        props[d.label] = { type: 'object', description: `${d.label}（下分各项）`, ...rows(d.children, [...path, d.label]) };
        required.push(d.label);
      } else {
        props[d.label] = rowValues(d.label);
        const leaf = b.rows.find((r) => r.path.join('\u001f') === [...path, d.label].join('\u001f'))!;
        if (!derivedRows.has(leaf.index)) required.push(d.label);
      }
    }
    return { properties: props, required, additionalProperties: false };
  };
  const top = rows(b.def.rows, []);
  const props = top.properties as Record<string, Schema>;
  props[COLUMNS_KEY] = {
    description: `列名，须与官方表格一致${columns.length > 1 ? '；合计列可省略，由系统计算' : ''}`,
    enum: columns,
  };
  for (const c of b.columns) {
    if (c.statedUnits) props[unitKey(c.label)] = { enum: [...c.statedUnits], description: `${c.label}的单位` };
  }
  return {
    type: 'object',
    description: b.def.title ?? t.def.caption,
    ...top,
    required: [COLUMNS_KEY, ...(top.required as string[]), ...b.columns.filter((c) => c.statedUnits).map((c) => unitKey(c.label))],
  };
}

function tableSchema(t: CompiledTable): Schema {
  const unpublished = {
    type: 'object',
    description: '原文未发布此表：写明原因',
    properties: { [UNPUBLISHED]: { type: 'string', minLength: 1, description: '未发布的原因，如“原文未附此表”' } },
    required: [UNPUBLISHED],
    additionalProperties: false,
  };
  const published =
    t.blocks.length === 1 && !t.blocks[0]!.def.title
      ? blockSchema(t, t.blocks[0]!)
      : {
          type: 'object',
          properties: Object.fromEntries(t.blocks.map((b) => [b.def.title!, blockSchema(t, b)])),
          required: t.blocks.map((b) => b.def.title!),
          additionalProperties: false,
        };
  return { description: t.def.caption, anyOf: [published, unpublished] };
}

function tablesOf(f: CompiledFormat): Schema {
  return { properties: Object.fromEntries(f.tables.map((t) => [tableKey(t.id), tableSchema(t)])), required: f.tables.map((t) => tableKey(t.id)) };
}

/** Schema of a report's data (front matter, or <year>.yml): metadata plus the tables of the year's version. */
export function reportSchema(): Schema {
  const formats = allFormats();
  const meta = objectOf(REPORT_FIELDS);
  const tableKeys = [...new Set(formats.flatMap((f) => f.tables.map((t) => tableKey(t.id))))];
  // The version follows from 年度: one if/then per version.
  const yearKey = REPORT_FIELDS.find((s) => s.prop === 'year')!.key;
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `${SCHEMA_BASE}report.schema.json`,
    title: '政府信息公开工作年度报告（数据部分）',
    description: '报告信息和三张统计表；表格的格式随年度而定',
    type: 'object',
    properties: { ...(meta.properties as Schema), ...Object.fromEntries(tableKeys.map((k) => [k, {}])) },
    required: [...(meta.required as string[]), ...tableKeys],
    additionalProperties: false,
    definitions: KIND_DEFINITIONS,
    allOf: formats.map((f) => ({
      if: { properties: { [yearKey]: { minimum: f.def.years.from, ...(f.def.years.to ? { maximum: f.def.years.to } : {}) } }, required: [yearKey] },
      then: tablesOf(f),
    })),
  };
}

const fileSchema = (name: string, title: string, body: Schema): Schema => ({
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: `${SCHEMA_BASE}${name}`,
  title,
  type: 'object',
  ...body,
});

export function allSchemas(): Record<string, Schema> {
  return {
    'report.schema.json': reportSchema(),
    'office.schema.json': fileSchema('office.schema.json', '机构信息（office.yml）', objectOf(OFFICE_FIELDS)),
    'regions.schema.json': fileSchema('regions.schema.json', '地区列表（regions.yml）', {
      propertyNames: { pattern: SLUG },
      additionalProperties: { type: 'object', ...objectOf(REGION_FIELDS) },
    }),
    'site.schema.json': fileSchema('site.schema.json', '网站配置（site.yml）', objectOf(SITE_FIELDS)),
  };
}

/** The schema files' text, as committed and published. */
export function schemaFiles(): Record<string, string> {
  return Object.fromEntries(Object.entries(allSchemas()).map(([name, s]) => [name, `${JSON.stringify(s, null, 2)}\n`]));
}
