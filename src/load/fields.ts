// Validates a mapping against field specs (model/fields.ts): unknown keys, required keys, kinds, choices.
import type { FieldSpec } from '../model/fields.ts';
import type { Diagnostics } from './diagnostics.ts';
import { MISSING } from './tables.ts';
import { isMapping, pathKey, type Path, type YamlDoc } from './yaml.ts';

export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return d.getUTCFullYear() === +m[1]! && d.getUTCMonth() === +m[2]! - 1 && d.getUTCDate() === +m[3]!;
}

/**
 * A copy of a value that is kept for the whole build (titles, 索引号, addresses …). A string cut out of the source
 * text can hold on to all of that text in V8 (a sliced string), so that every report's front matter would stay in
 * memory for one short field; the copy holds only itself.
 */
export const own = (s: string): string => (s.length > 12 ? (JSON.parse(JSON.stringify(s)) as string) : s);

export interface FieldContext {
  doc: YamlDoc;
  diags: Diagnostics;
}

/** A readable name for a key path in messages: 联系方式 › 电话. */
export const keyName = (path: Path): string => path.filter((p) => typeof p === 'string').join(' › ');

/**
 * Reads the fields of `specs` from `obj` into a plain object keyed by prop. `ignore` lists keys handled by the
 * caller (the tables). Reports every problem; returns what could be read.
 */
/** A value of the wrong kind; its position and name are looked up for the message only. */
function badKind(ctx: FieldContext, p: Path, v: unknown, spec: FieldSpec, expected: string): void {
  const pos = ctx.doc.values.get(pathKey(p)) ?? ctx.doc.keys.get(pathKey(p));
  ctx.diags.error(pos, 'KIND', `「${keyName(p)}」应为${expected}，实为 ${JSON.stringify(v)}`, spec.describe);
}

/** Each list of specs by key, made once (the lists are constants). */
const BY_KEY = new WeakMap<readonly FieldSpec[], ReadonlyMap<string, FieldSpec>>();
function specsByKey(specs: readonly FieldSpec[]): ReadonlyMap<string, FieldSpec> {
  let known = BY_KEY.get(specs);
  if (!known) BY_KEY.set(specs, (known = new Map(specs.map((s) => [s.key, s]))));
  return known;
}

export function readFields(
  ctx: FieldContext,
  obj: Record<string, unknown>,
  specs: readonly FieldSpec[],
  path: Path,
  ignore: readonly string[] = [],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const known = specsByKey(specs);
  for (const key of Object.keys(obj)) {
    if (known.has(key) || ignore.includes(key)) continue;
    const pos = ctx.doc.keys.get(pathKey([...path, key]));
    if (key === 'permalink') {
      ctx.diags.error(pos, 'KEY', '不允许在内容中设置 permalink', '网址由机构代号和年度自动生成，请删除这一行');
    } else {
      const allowed = [...known.keys(), ...ignore].join('、');
      ctx.diags.error(pos, 'KEY', `未知的字段「${keyName([...path, key])}」`, `允许的字段：${allowed}`);
    }
  }
  for (const spec of specs) {
    const p = [...path, spec.key];
    const v = obj[spec.key];
    if (!(spec.key in obj)) {
      if (spec.required) {
        ctx.diags.error(ctx.doc.values.get(pathKey(path)), 'KEY', `缺少必填字段「${keyName(p)}」`, spec.describe);
      }
      continue;
    }
    if (spec.unknownAllowed && v === MISSING) {
      out[spec.prop] = null;
      continue;
    }
    switch (spec.kind) {
      case 'group':
        if (!isMapping(v)) badKind(ctx, p, v, spec, '一组字段');
        else out[spec.prop] = readFields(ctx, v, spec.fields ?? [], p);
        break;
      case 'list':
        if (!Array.isArray(v)) badKind(ctx, p, v, spec, '列表（每项以“- ”开头）');
        else
          out[spec.prop] = v.map((item, i) =>
            isMapping(item) ? readFields(ctx, item, spec.fields ?? [], [...p, i]) : (badKind(ctx, p, v, spec, '列表，每项是一组字段'), {}),
          );
        break;
      case 'year':
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 2000 || v > 2100) badKind(ctx, p, v, spec, '四位数的年份，如 2023');
        else out[spec.prop] = v;
        break;
      case 'bool':
        if (typeof v !== 'boolean') badKind(ctx, p, v, spec, ' true 或 false');
        else out[spec.prop] = v;
        break;
      case 'date':
        if (typeof v !== 'string' || !isValidDate(v)) badKind(ctx, p, v, spec, '日期，格式 YYYY-MM-DD，如 2024-01-31');
        else out[spec.prop] = own(v);
        break;
      case 'code':
        // 0123 would load as 123: codes must be quoted so that they stay exactly as written.
        if (typeof v !== 'string' || v.trim() === '') badKind(ctx, p, v, spec, '加引号的文字（编号类字段请加引号，如 "0750"）');
        else out[spec.prop] = own(v);
        break;
      case 'id':
        if (typeof v !== 'string' || !SLUG.test(v)) badKind(ctx, p, v, spec, '代号：小写英文字母、数字和连字符，如 taishan-gov-office');
        else out[spec.prop] = own(v);
        break;
      case 'url':
        if (typeof v !== 'string' || !/^https:\/\/[^\s"'<>]+$/.test(v)) badKind(ctx, p, v, spec, '以 https:// 开头的网址');
        else out[spec.prop] = own(v);
        break;
      default:
        if (typeof v !== 'string' || v.trim() === '') badKind(ctx, p, v, spec, '非空文字');
        else if (spec.choices && !spec.choices.includes(v)) badKind(ctx, p, v, spec, `以下之一：${spec.choices.join('、')}`);
        else out[spec.prop] = own(v);
    }
  }
  return out;
}
