// Every rule the checker reports, as data: a stable id, a severity, a title, a message template and a hint.
// Within-table and cross-year rules take their wording of the format from the format definitions (`describe`);
// this registry adds what the checker needs to report them. Templates use {name} placeholders.
import type { Severity } from '../load/diagnostics.ts';

export interface RuleInfo {
  id: string;
  severity: Severity;
  title: string;
  /** Message template; {where} is the table/row/column in official labels. */
  template: string;
  hint: string;
}

const rule = (id: string, severity: Severity, title: string, template: string, hint: string): RuleInfo => ({ id, severity, title, template, hint });

export const RULES: Readonly<Record<string, RuleInfo>> = Object.fromEntries(
  [
    // Reading the file.
    rule('FILE', 'error', '文件', '{detail}', '报告源文件应为 UTF-8 文本，放在 reports/<机构代号>/ 下'),
    rule('YAML', 'error', 'YAML 格式', '{detail}', 'YAML 写法参照 README 中的完整示例'),
    rule('KEY', 'error', '字段', '{detail}', '字段名须与 README 一致'),
    rule('KIND', 'error', '字段取值', '{detail}', '按字段说明填写'),
    rule('ID', 'error', '代号', '{detail}', '代号只能用小写英文字母、数字和连字符'),
    rule('REF', 'error', '引用', '{detail}', '引用的代号须在 regions.yml 或 reports/ 中存在'),
    rule('YEAR', 'error', '年度', '{detail}', '文件名与「年度」须一致'),
    rule('SECTION', 'error', '部分标题', '{detail}', '六个部分须使用官方标题并按顺序排列'),
    // The tables' shape and values.
    rule('TABLE', 'error', '表格', '{detail}', '按官方表格填写，或标为未发布'),
    rule('COLUMNS', 'error', '列', '{detail}', '「列」须与官方表格一致'),
    rule('ROW', 'error', '行', '{detail}', '行名须与官方表格一致'),
    rule('UNIT', 'error', '单位', '{detail}', '写明金额的单位'),
    rule('DOM', 'error', '数值类型', '{detail}', '件数为非负整数；金额为非负数；本年增/减可为负数；不适用、缺失须明确写出'),
    // Within one table (the formulas are the format's: formats/common.ts).
    rule('T3-BAL', 'error', '申请数量平衡', '{detail}', '一＋二＝（七）总计＋四'),
    rule('T3-SUM', 'error', '办理结果合计', '{detail}', '（七）总计＝（一）至（六）之和'),
    rule('T3-ROW', 'error', '申请人合计', '{detail}', '总计＝各类申请人之和'),
    rule('T4-SUM', 'error', '复议诉讼合计', '{detail}', '总计＝结果维持＋结果纠正＋其他结果＋尚未审结'),
    // Between years and against the prose.
    rule('X-CARRY', 'error', '上年结转', '{where}：本年填 {found}，但 {prev} 年度报告的“结转下年度继续办理”为 {expected}', '核对本年“上年结转”或上一年度报告的“结转下年度继续办理”，两者须一致'),
    rule('X-STOCK', 'warning', '现行有效件数衔接', '{where}：按上年 {prevStock}＋制发 {plus}－废止 {minus} 应为 {expected}，实为 {found}', '如因清理、合并等原因不一致，请在「警告说明」中写明理由'),
    rule('X-2019', 'warning', '项目数量衔接', '{where}：上一年度 {prevBase}＋({prevDelta})＝{expected}，本年度“上一年项目数量”为 {found}', '核对两年的项目数量；如有合理原因，请在「警告说明」中写明'),
    rule('JUMP', 'warning', '数量剧变', '{measure}从 {prev} 年度的 {before} 变为 {after}，变化超过 {factor} 倍', '请核对数据；如属实，请在「警告说明」中写明原因'),
    rule('SAME', 'warning', '内容雷同', '正文与 {prev} 年度报告的相同内容占 {share}%（超过 {threshold}%）', '年度报告应如实反映本年度工作，不应照搬上一年度内容'),
    rule('TXT', 'warning', '正文与表格不符', '正文写“{quote}”，但表格中{measure}为 {expected}', '正文引用的数字应与表格一致；如统计口径不同，请在正文中说明或在「警告说明」中写明'),
  ].map((r) => [r.id, r]),
);

export function ruleInfo(id: string): RuleInfo {
  const r = RULES[id];
  if (!r) throw new Error(`unknown rule ${id}`);
  return r;
}

/** Fills a template's {placeholders}. */
export function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (k in vars ? String(vars[k]) : `{${k}}`));
}
