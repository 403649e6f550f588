// Parts of the national format that both versions share verbatim (report-format.md: "same in both formats").
// Only format definition files import this module.
import type { ColumnDef, CrossYearRuleDef, MeasureDef, ProseCheckDef, RowDef, RuleDef, SectionDef, TableDef } from './types.ts';

export const SECTIONS: readonly SectionDef[] = [
  { number: 1, heading: '一、总体情况' },
  { number: 2, heading: '二、主动公开政府信息情况', table: '二' },
  { number: 3, heading: '三、收到和处理政府信息公开申请情况', table: '三' },
  { number: 4, heading: '四、政府信息公开行政复议、行政诉讼情况', table: '四' },
  { number: 5, heading: '五、存在的主要问题及改进情况' },
  { number: 6, heading: '六、其他需要报告的事项' },
];

const count = (label: string): ColumnDef => ({ label, kind: 'count', unit: '件' });

/** Table 三 columns: 申请人情况 › 自然人 | 法人或其他组织 › 5 | 总计. */
export const T3_COLUMNS: readonly ColumnDef[] = [
  {
    label: '申请人情况',
    children: [
      count('自然人'),
      {
        label: '法人或其他组织',
        children: [count('商业企业'), count('科研机构'), count('社会公益组织'), count('法律服务机构'), count('其他')],
      },
      count('总计'),
    ],
  },
];

export const T3_STUB = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

/** Table 三 rows; `other` is the （六）其他处理 row, the one place the versions differ. */
export function t3Rows(other: RowDef): readonly RowDef[] {
  return [
    { label: '一、本年新收政府信息公开申请数量' },
    { label: '二、上年结转政府信息公开申请数量' },
    {
      label: '三、本年度办理结果',
      children: [
        { label: '（一）予以公开' },
        { label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）' },
        {
          label: '（三）不予公开',
          children: [
            { label: '1.属于国家秘密' },
            { label: '2.其他法律行政法规禁止公开' },
            { label: '3.危及“三安全一稳定”' },
            { label: '4.保护第三方合法权益' },
            { label: '5.属于三类内部事务信息' },
            { label: '6.属于四类过程性信息' },
            { label: '7.属于行政执法案卷' },
            { label: '8.属于行政查询事项' },
          ],
        },
        {
          label: '（四）无法提供',
          children: [
            { label: '1.本机关不掌握相关政府信息' },
            { label: '2.没有现成信息需要另行制作' },
            { label: '3.补正后申请内容仍不明确' },
          ],
        },
        {
          label: '（五）不予处理',
          children: [
            { label: '1.信访举报投诉类申请' },
            { label: '2.重复申请' },
            { label: '3.要求提供公开出版物' },
            { label: '4.无正当理由大量反复申请' },
            { label: '5.要求行政机关确认或重新出具已获取信息' },
          ],
        },
        other,
        { label: '（七）总计' },
      ],
    },
    { label: '四、结转下年度继续办理' },
  ];
}

export function t3Table(other: RowDef): TableDef {
  return {
    id: '三',
    section: 3,
    caption: '三、收到和处理政府信息公开申请情况',
    layout: 'rows',
    blocks: [{ stub: T3_STUB, columns: T3_COLUMNS, rows: t3Rows(other) }],
  };
}

/** Table 四: one row of 15 cells; modelled as three data rows × five result columns, rendered as one row. */
export const T4_TABLE: TableDef = {
  id: '四',
  section: 4,
  caption: '四、政府信息公开行政复议、行政诉讼情况',
  layout: 'single-row',
  blocks: [
    {
      columns: [count('结果维持'), count('结果纠正'), count('其他结果'), count('尚未审结'), count('总计')],
      rows: [
        { label: '行政复议' },
        { label: '行政诉讼', children: [{ label: '未经复议直接起诉' }, { label: '复议后起诉' }] },
      ],
    },
  ],
};

/** The within-table rules of report-format.md, identical in both versions. */
export const COMMON_RULES: readonly RuleDef[] = [
  {
    type: 'balance',
    id: 'T3-BAL',
    table: '三',
    left: ['一、本年新收政府信息公开申请数量', '二、上年结转政府信息公开申请数量'],
    right: ['（七）总计', '四、结转下年度继续办理'],
    describe: '每一列：一＋二＝（七）总计＋四',
  },
  {
    type: 'column-total',
    id: 'T3-SUM',
    table: '三',
    total: '（七）总计',
    parts: { leavesOf: '三、本年度办理结果', except: ['（七）总计'] },
    describe: '每一列：（七）总计＝（一）至（六）各项之和',
  },
  {
    type: 'row-total',
    id: 'T3-ROW',
    table: '三',
    total: '总计',
    parts: ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'],
    describe: '每一行：总计＝自然人＋商业企业＋科研机构＋社会公益组织＋法律服务机构＋其他',
  },
  {
    type: 'row-total',
    id: 'T4-SUM',
    table: '四',
    total: '总计',
    parts: ['结果维持', '结果纠正', '其他结果', '尚未审结'],
    describe: '行政复议及两类行政诉讼各自：总计＝结果维持＋结果纠正＋其他结果＋尚未审结',
  },
];

const T3_NEW = '一、本年新收政府信息公开申请数量';
const T3_CARRIED = '二、上年结转政府信息公开申请数量';
const T3_NEXT = '四、结转下年度继续办理';

/** 上年结转 continues last year's 结转下年度继续办理 (report-format.md X-CARRY; same labels in both versions). */
export const CARRY_RULE: CrossYearRuleDef = {
  type: 'carry',
  id: 'X-CARRY',
  table: '三',
  from: T3_NEXT,
  to: T3_CARRIED,
  describe: '本年“二、上年结转”应等于上一年度报告的“四、结转下年度继续办理”（逐列）',
};

/** Key measures shared by both versions (tables 三 and 四 have the same labels in both). */
export const COMMON_MEASURES: readonly MeasureDef[] = [
  { id: 'received', label: '本年新收申请', cells: [{ table: '三', row: T3_NEW, column: '总计' }] },
  { id: 'carried', label: '上年结转申请', cells: [{ table: '三', row: T3_CARRIED, column: '总计' }] },
  { id: 'handled', label: '办理结果总计', cells: [{ table: '三', row: '（七）总计', column: '总计' }] },
  { id: 'disclosed', label: '予以公开', cells: [{ table: '三', row: '（一）予以公开', column: '总计' }] },
  { id: 'partial', label: '部分公开', cells: [{ table: '三', row: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', column: '总计' }] },
  { id: 'review', label: '行政复议', cells: [{ table: '四', row: '行政复议', column: '总计' }] },
  {
    id: 'litigation',
    label: '行政诉讼',
    cells: [
      { table: '四', row: '未经复议直接起诉', column: '总计' },
      { table: '四', row: '复议后起诉', column: '总计' },
    ],
  },
];

/** How reports quote the measures in prose (TXT). Counting words: 件、份、宗、个、起. */
export const COMMON_PROSE: readonly ProseCheckDef[] = [
  { measure: 'received', pattern: '(?:收到|受理|接收)[^。；;\\d]{0,16}?申请[^。；;\\d]{0,4}?(\\d+)\\s*(?:件|份|宗|个|条)', alsoWith: ['carried'] },
  { measure: 'disclosed', pattern: '予以公开[^。；;\\d]{0,2}?(\\d+)\\s*(?:件|份|宗|个)' },
  { measure: 'partial', pattern: '部分公开[^。；;\\d]{0,2}?(\\d+)\\s*(?:件|份|宗|个)' },
  { measure: 'review', pattern: '行政复议(?:案件)?[^。；;\\d]{0,2}?(\\d+)\\s*(?:件|起|宗|个)' },
  { measure: 'litigation', pattern: '行政诉讼(?:案件)?[^。；;\\d]{0,2}?(\\d+)\\s*(?:件|起|宗|个)' },
];
