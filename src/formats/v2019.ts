// 《中华人民共和国政府信息公开工作年度报告格式（试行）》, 国办公开办函〔2019〕60号: report years 2019–2020.
import { CARRY_RULE, COMMON_MEASURES, COMMON_PROSE, COMMON_RULES, SECTIONS, T4_TABLE, t3Table } from './common.ts';
import type { ColumnDef, FormatDef } from './types.ts';

const count = (label: string): ColumnDef => ({ label, kind: 'count', unit: '件' });
const itemColumns = [count('上一年项目数量'), { label: '本年增/减', kind: 'signed', unit: '件' }, count('处理决定数量')] as const;

export const v2019: FormatDef = {
  id: '2019',
  name: '中华人民共和国政府信息公开工作年度报告格式（试行）',
  issuedBy: '国办公开办函〔2019〕60号',
  years: { from: 2019, to: 2020 },
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
          columns: [count('本年新制作数量'), count('本年新公开数量'), count('对外公开总数量')],
          rows: [{ label: '规章' }, { label: '规范性文件' }],
        },
        {
          title: '第二十条第（五）项',
          stub: '信息内容',
          columns: itemColumns,
          rows: [{ label: '行政许可' }, { label: '其他对外管理服务事项' }],
        },
        {
          title: '第二十条第（六）项',
          stub: '信息内容',
          columns: itemColumns,
          rows: [{ label: '行政处罚' }, { label: '行政强制' }],
        },
        {
          title: '第二十条第（八）项',
          stub: '信息内容',
          columns: itemColumns.slice(0, 2),
          rows: [{ label: '行政事业性收费' }],
        },
        {
          title: '第二十条第（九）项',
          stub: '信息内容',
          columns: [count('采购项目数量'), { label: '采购总金额', kind: 'amount', statedUnits: ['万元', '元'] }],
          rows: [{ label: '政府集中采购' }],
        },
      ],
    },
    // （六）其他处理 is a single row in the trial format.
    t3Table({ label: '（六）其他处理' }),
    T4_TABLE,
  ],
  rules: COMMON_RULES,
  crossYear: [
    CARRY_RULE,
    {
      type: 'running',
      id: 'X-2019',
      table: '二',
      base: '上一年项目数量',
      delta: '本年增/减',
      describe: '上一年度的“上一年项目数量”加“本年增/减”应等于本年度的“上一年项目数量”（2019—2020年度试行格式内）',
    },
  ],
  measures: COMMON_MEASURES,
  prose: COMMON_PROSE,
};
