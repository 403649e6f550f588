// 《中华人民共和国政府信息公开工作年度报告格式》, 国办公开办函〔2021〕30号 (2021-09-26): report years 2021 on.
import { CARRY_RULE, COMMON_MEASURES, COMMON_PROSE, COMMON_RULES, SECTIONS, T4_TABLE, t3Table } from './common.ts';
import type { ColumnDef, FormatDef } from './types.ts';

const count = (label: string): ColumnDef => ({ label, kind: 'count', unit: '件' });
const decisions = [count('本年处理决定数量')];

export const v2021: FormatDef = {
  id: '2021',
  name: '中华人民共和国政府信息公开工作年度报告格式',
  issuedBy: '国办公开办函〔2021〕30号',
  years: { from: 2021 },
  sections: SECTIONS,
  tables: [
    {
      id: '二',
      section: 2,
      caption: '二、主动公开政府信息情况',
      layout: 'rows',
      blocks: [
        {
          title: '第二十条第（一）项',
          stub: '信息内容',
          columns: [count('本年制发件数'), count('本年废止件数'), count('现行有效件数')],
          rows: [{ label: '规章' }, { label: '行政规范性文件' }],
        },
        { title: '第二十条第（五）项', stub: '信息内容', columns: decisions, rows: [{ label: '行政许可' }] },
        {
          title: '第二十条第（六）项',
          stub: '信息内容',
          columns: decisions,
          rows: [{ label: '行政处罚' }, { label: '行政强制' }],
        },
        {
          title: '第二十条第（八）项',
          stub: '信息内容',
          columns: [{ label: '本年收费金额（单位：万元）', kind: 'amount', unit: '万元' }],
          rows: [{ label: '行政事业性收费' }],
        },
      ],
    },
    t3Table({
      label: '（六）其他处理',
      children: [
        { label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请' },
        { label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请' },
        { label: '3.其他' },
      ],
    }),
    T4_TABLE,
  ],
  rules: COMMON_RULES,
  crossYear: [
    CARRY_RULE,
    {
      type: 'stock',
      id: 'X-STOCK',
      table: '二',
      stock: '现行有效件数',
      plus: '本年制发件数',
      minus: '本年废止件数',
      describe: '现行有效件数通常等于上一年度现行有效件数加本年制发件数减本年废止件数（清理、合并等可致差异，请说明）',
    },
  ],
  measures: COMMON_MEASURES,
  prose: COMMON_PROSE,
};
