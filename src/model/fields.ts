// The non-table fields of the source files, as data: the Chinese key an editor writes, the model property it
// fills, its kind and a description. The loader, the JSON Schema and the new-year template are derived from these.

export type FieldKind =
  | 'text' // a non-empty string
  | 'code' // an identifier that must stay a string (索引号, 邮编, 电话): numbers are refused
  | 'date' // YYYY-MM-DD, kept as a string
  | 'year'
  | 'id' // an ASCII slug referring to an office or region
  | 'bool'
  | 'url';

export interface FieldSpec {
  key: string;
  prop: string;
  kind: FieldKind | 'group' | 'list';
  required?: boolean;
  choices?: readonly string[];
  describe: string;
  /** The source may write 缺失 when the value is not known (an imported report that never stated it). */
  unknownAllowed?: boolean;
  /** Sub-fields of a group (a mapping) or of each item of a list. */
  fields?: readonly FieldSpec[];
}

export const OFFICE_LEVELS = ['省级', '地市级', '县级', '乡级'] as const;
/** Governments publish by 3月31日, their departments and other offices by 1月31日 (条例 第四十九条). */
export const OFFICE_TYPES = ['人民政府', '政府办公室', '政府部门', '乡镇街道', '其他'] as const;

/** The publication deadline of a report (条例 第四十九条): MM-DD of the year after the report year. */
export function deadlineFor(officeType: string, year: number): string {
  return officeType === OFFICE_TYPES[0] ? `${year + 1}-03-31` : `${year + 1}-01-31`;
}

export const REPORT_FIELDS: readonly FieldSpec[] = [
  { key: '年度', prop: 'year', kind: 'year', required: true, describe: '报告年度（统计期为该年1月1日至12月31日），须与文件名一致' },
  { key: '标题', prop: 'title', kind: 'text', describe: '报告标题；省略时为“机构全称＋年度＋政府信息公开工作年度报告”' },
  { key: '发布机构', prop: 'publisher', kind: 'text', describe: '发布机构；省略时为机构全称' },
  { key: '发布日期', prop: 'published', kind: 'date', required: true, unknownAllowed: true, describe: '发布日期，格式 YYYY-MM-DD；页面显示的日期只来自这里。导入的报告如原文未注明，写“缺失”' },
  { key: '成文日期', prop: 'written', kind: 'date', describe: '成文日期，格式 YYYY-MM-DD' },
  { key: '索引号', prop: 'indexNo', kind: 'code', describe: '信息公开目录索引号，如 000014349/2017-00110' },
  { key: '文号', prop: 'docNo', kind: 'text', describe: '文号（如有）' },
  { key: '主题分类', prop: 'topic', kind: 'text', describe: '主题分类；省略时为“政务公开”' },
  {
    key: '警告说明',
    prop: 'waivers',
    kind: 'list',
    describe: '对检查警告（不能是错误）的书面说明；理由会作为脚注显示在报告页面上',
    fields: [
      { key: '规则', prop: 'rule', kind: 'text', required: true, describe: '警告的规则代号，如 X-STOCK' },
      { key: '理由', prop: 'reason', kind: 'text', required: true, describe: '为什么这一情况是正确的' },
    ],
  },
  {
    key: '修订记录',
    prop: 'revisions',
    kind: 'list',
    describe: '发布后修改的记录；每次修改写明日期和原因，页面显示为修订记录',
    fields: [
      { key: '日期', prop: 'date', kind: 'date', required: true, describe: '修改日期，格式 YYYY-MM-DD' },
      { key: '说明', prop: 'reason', kind: 'text', required: true, describe: '修改了什么、为什么' },
    ],
  },
];

export const OFFICE_FIELDS: readonly FieldSpec[] = [
  { key: '全称', prop: 'name', kind: 'text', required: true, describe: '机构全称，如 台山市人民政府办公室' },
  { key: '简称', prop: 'shortName', kind: 'text', describe: '简称；省略时同全称' },
  { key: '地区', prop: 'region', kind: 'id', required: true, describe: '所属地区的代号（regions.yml 中的键）' },
  { key: '上级', prop: 'parent', kind: 'id', describe: '上级机构的代号（可省略）' },
  { key: '层级', prop: 'level', kind: 'text', required: true, choices: OFFICE_LEVELS, describe: '行政层级' },
  { key: '类型', prop: 'type', kind: 'text', required: true, choices: OFFICE_TYPES, describe: '机构类型（决定发布期限）' },
  {
    key: '联系方式',
    prop: 'contact',
    kind: 'group',
    describe: '政府信息公开工作机构的联系方式',
    fields: [
      { key: '电话', prop: 'phone', kind: 'code', describe: '联系电话，如 "0750-5565827"' },
      { key: '地址', prop: 'address', kind: 'text', describe: '办公地址' },
      { key: '邮编', prop: 'postcode', kind: 'code', describe: '邮政编码（加引号）' },
      { key: '电子邮箱', prop: 'email', kind: 'text', describe: '电子邮箱' },
    ],
  },
];

export const REGION_FIELDS: readonly FieldSpec[] = [
  { key: '名称', prop: 'name', kind: 'text', required: true, describe: '地区名称，如 台山市' },
  { key: '上级', prop: 'parent', kind: 'id', describe: '上级地区的代号' },
  { key: '演示数据', prop: 'demo', kind: 'bool', describe: '虚构的演示数据：显示它的每个页面都标注“演示数据”' },
];

export const SITE_FIELDS: readonly FieldSpec[] = [
  { key: '网站名称', prop: 'name', kind: 'text', required: true, describe: 'SiteName' },
  { key: '网站域名', prop: 'domain', kind: 'text', required: true, describe: 'SiteDomain' },
  { key: '网站标识码', prop: 'idCode', kind: 'code', required: true, describe: 'SiteIDCode，如 "4407810001"' },
  { key: '主办单位', prop: 'sponsor', kind: 'text', required: true, describe: '网站主办单位' },
  { key: 'ICP备案号', prop: 'icp', kind: 'text', describe: 'ICP备案号' },
  { key: 'ICP备案链接', prop: 'icpUrl', kind: 'url', describe: '工业和信息化部备案管理系统网址' },
  { key: '公安备案号', prop: 'police', kind: 'text', describe: '公安机关备案号' },
  { key: '公安备案链接', prop: 'policeUrl', kind: 'url', describe: '全国互联网安全管理服务平台链接' },
  { key: '联系方式', prop: 'contact', kind: 'text', describe: '网站联系方式' },
  { key: '路径前缀', prop: 'pathPrefix', kind: 'text', describe: '网站部署在子路径下时的前缀，如 /nianbao/' },
];
