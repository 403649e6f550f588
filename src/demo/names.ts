// Names of the fictional 示例市 and its offices. Everything here is invented: the city does not exist, and every
// region generated from it carries 演示数据: true. Slugs are hand-written pinyin so that office ids stay ASCII.

export const CITY = { name: '示例市', slug: 'city' } as const;

/**
 * What an office does, as mean yearly magnitudes. The generator turns these into table numbers; a zero means the
 * power does not apply to the office (written 0 or 不适用, per office).
 */
export interface Activity {
  /** New 政府信息公开 applications per year. */
  apps: number;
  /** Normative documents issued per year. */
  docs: number;
  /** 行政许可 decisions per year. */
  licensing: number;
  /** 行政处罚 decisions per year (行政强制 is a share of it). */
  enforcement: number;
  /** 行政事业性收费, 万元 per year. */
  fees: number;
  /** Information items published proactively per year. */
  published: number;
  /** 行政复议 + 行政诉讼 cases per year about disclosure. */
  disputes: number;
}

export interface DepartmentDef {
  name: string;
  slug: string;
  /** How the office refers to itself in prose (我局, 我委 …). */
  self: string;
  /** 其他 for public institutions that publish reports without being a government department. */
  type?: '政府部门' | '其他';
  /** The work the prose ties disclosure to. */
  focus: string;
  /** Key disclosure areas (重点领域) named in the prose. */
  areas: readonly string[];
  activity: Activity;
}

const a = (apps: number, docs: number, licensing: number, enforcement: number, fees: number, published: number, disputes: number): Activity => ({
  apps,
  docs,
  licensing,
  enforcement,
  fees,
  published,
  disputes,
});

/** City departments, most likely first: small demos take the head of the list. */
export const CITY_DEPARTMENTS: readonly DepartmentDef[] = [
  { name: '教育局', slug: 'edu', self: '我局', focus: '教育改革发展', areas: ['招生入学政策', '教育经费使用', '学校安全管理', '教师招聘'], activity: a(12, 5, 80, 3, 0, 420, 0.3) },
  { name: '公安局', slug: 'police', self: '我局', focus: '平安示例建设', areas: ['户政管理', '出入境管理', '交通安全管理', '警情通报'], activity: a(25, 2, 30000, 18000, 320, 650, 0.8) },
  { name: '财政局', slug: 'finance', self: '我局', focus: '财政预算管理改革', areas: ['财政预决算', '政府债务', '政府采购', '惠民惠农资金'], activity: a(10, 4, 0, 2, 0, 380, 0.2) },
  { name: '自然资源局', slug: 'natural-resources', self: '我局', focus: '国土空间规划和自然资源保护', areas: ['国土空间规划', '征地信息', '土地供应', '不动产登记'], activity: a(85, 5, 1500, 120, 850, 560, 3) },
  { name: '生态环境局', slug: 'ecology', self: '我局', focus: '污染防治攻坚', areas: ['环境质量', '环评审批', '环境执法', '突发环境事件处置'], activity: a(20, 3, 400, 150, 0, 470, 0.6) },
  { name: '住房和城乡建设局', slug: 'housing', self: '我局', focus: '城市更新和住房保障', areas: ['保障性住房', '老旧小区改造', '建筑市场监管', '房地产市场'], activity: a(40, 6, 1200, 90, 60, 520, 1.2) },
  { name: '交通运输局', slug: 'transport', self: '我局', focus: '交通基础设施建设', areas: ['重大交通项目', '道路运输管理', '公交服务', '交通执法'], activity: a(15, 3, 3000, 1500, 25, 400, 0.4) },
  { name: '卫生健康委员会', slug: 'health', self: '我委', focus: '健康示例建设', areas: ['医疗机构监管', '公共卫生', '医疗服务价格', '卫生监督执法'], activity: a(15, 3, 2000, 300, 0, 610, 0.4) },
  { name: '市场监督管理局', slug: 'market', self: '我局', focus: '优化营商环境', areas: ['市场主体登记', '食品药品安全', '产品质量抽检', '双随机一公开'], activity: a(30, 4, 20000, 800, 30, 700, 0.9) },
  { name: '民政局', slug: 'civil-affairs', self: '我局', focus: '基本民生保障', areas: ['社会救助', '养老服务', '社会组织管理', '婚姻登记'], activity: a(10, 3, 100, 5, 0, 360, 0.2) },
  { name: '人力资源和社会保障局', slug: 'hrss', self: '我局', focus: '就业优先和社会保障', areas: ['就业创业', '社会保险', '人事考试', '劳动保障监察'], activity: a(20, 5, 300, 50, 10, 540, 0.5) },
  { name: '农业农村局', slug: 'agriculture', self: '我局', focus: '乡村振兴', areas: ['惠农补贴', '农产品质量安全', '高标准农田建设', '动物防疫'], activity: a(8, 3, 500, 80, 0, 330, 0.2) },
  { name: '水利局', slug: 'water', self: '我局', focus: '水安全保障', areas: ['河湖长制', '水资源管理', '防汛抗旱', '水利工程建设'], activity: a(6, 2, 100, 30, 110, 250, 0.1) },
  { name: '文化广电旅游体育局', slug: 'culture-tourism', self: '我局', focus: '文旅融合发展', areas: ['公共文化服务', '文化市场执法', '旅游安全', '全民健身'], activity: a(5, 2, 200, 60, 0, 300, 0.1) },
  { name: '应急管理局', slug: 'emergency', self: '我局', focus: '安全生产和防灾减灾', areas: ['安全生产执法', '自然灾害预警', '应急救援', '事故调查报告'], activity: a(6, 2, 150, 100, 0, 280, 0.2) },
  { name: '城市管理和综合执法局', slug: 'urban-management', self: '我局', focus: '城市精细化管理', areas: ['市容环境', '垃圾分类', '综合执法', '燃气管理'], activity: a(15, 2, 800, 3000, 0, 340, 0.6) },
  { name: '发展和改革委员会', slug: 'development-reform', self: '我委', focus: '重大项目建设', areas: ['重大项目', '价格管理', '规划计划', '营商环境'], activity: a(8, 4, 150, 5, 0, 390, 0.3) },
  { name: '司法局', slug: 'justice', self: '我局', focus: '法治政府建设', areas: ['法律援助', '公共法律服务', '行政复议', '普法宣传'], activity: a(6, 2, 300, 5, 0, 270, 0.2) },
  { name: '医疗保障局', slug: 'medical-security', self: '我局', focus: '医疗保障制度改革', areas: ['医保政策', '医保基金监管', '药品集中采购', '医疗服务价格'], activity: a(8, 3, 50, 40, 0, 260, 0.2) },
  { name: '审计局', slug: 'audit', self: '我局', focus: '审计监督全覆盖', areas: ['审计结果公告', '整改情况', '审计工作报告'], activity: a(3, 1, 0, 0, 0, 150, 0.05) },
  { name: '统计局', slug: 'statistics', self: '我局', focus: '统计数据质量', areas: ['统计公报', '统计数据发布', '统计执法'], activity: a(2, 1, 0, 10, 0, 200, 0.05) },
  { name: '退役军人事务局', slug: 'veterans', self: '我局', focus: '退役军人服务保障', areas: ['优抚政策', '安置就业', '褒扬纪念'], activity: a(4, 1, 0, 0, 0, 180, 0.05) },
  { name: '林业局', slug: 'forestry', self: '我局', focus: '生态保护修复', areas: ['林木采伐', '森林防火', '野生动植物保护'], activity: a(5, 1, 300, 50, 12, 210, 0.1) },
  { name: '商务局', slug: 'commerce', self: '我局', focus: '扩大内需和促进消费', areas: ['招商引资', '市场运行', '外贸外资'], activity: a(4, 2, 50, 10, 0, 230, 0.05) },
  { name: '工业和信息化局', slug: 'industry-it', self: '我局', focus: '制造业高质量发展', areas: ['产业政策', '企业扶持资金', '节能监察'], activity: a(4, 2, 20, 5, 0, 240, 0.05) },
  { name: '科学技术局', slug: 'science-tech', self: '我局', focus: '科技创新', areas: ['科技项目', '科技奖励', '高新技术企业认定'], activity: a(3, 2, 10, 0, 0, 190, 0.05) },
  { name: '人民防空办公室', slug: 'civil-air-defence', self: '我办', focus: '人防工程建设', areas: ['人防工程审批', '防空警报试鸣', '人防宣传教育'], activity: a(3, 1, 50, 5, 90, 120, 0.05) },
  { name: '民族宗教事务局', slug: 'ethnic-religion', self: '我局', focus: '民族团结进步', areas: ['宗教活动场所管理', '民族政策宣传'], activity: a(2, 1, 20, 0, 0, 110, 0.02) },
  { name: '信访局', slug: 'petitions', self: '我局', focus: '信访工作法治化', areas: ['信访事项办理', '信访制度'], activity: a(3, 1, 0, 0, 0, 120, 0.05) },
  { name: '政务服务数据管理局', slug: 'government-services', self: '我局', focus: '“一网通办”改革', areas: ['政务服务事项', '办事指南', '数据开放'], activity: a(5, 2, 0, 0, 0, 350, 0.05) },
  { name: '公共资源交易中心', slug: 'public-resources', self: '我中心', type: '其他', focus: '公共资源交易规范化', areas: ['交易公告', '中标结果', '交易规则'], activity: a(6, 1, 0, 0, 0, 900, 0.1) },
];

/** District departments: a smaller set, each at a district's scale. */
export const DISTRICT_DEPARTMENTS: readonly DepartmentDef[] = [
  { name: '教育局', slug: 'edu', self: '我局', focus: '义务教育优质均衡发展', areas: ['招生入学', '学校建设', '教育收费'], activity: a(5, 2, 30, 1, 0, 180, 0.1) },
  { name: '住房和城乡建设局', slug: 'housing', self: '我局', focus: '城乡人居环境改善', areas: ['老旧小区改造', '保障性住房', '建筑施工安全'], activity: a(12, 2, 300, 30, 10, 200, 0.4) },
  { name: '市场监督管理局', slug: 'market', self: '我局', focus: '市场秩序规范', areas: ['食品安全', '市场主体登记', '价格监督'], activity: a(8, 1, 5000, 200, 0, 260, 0.2) },
  { name: '卫生健康局', slug: 'health', self: '我局', focus: '基层医疗卫生服务', areas: ['家庭医生签约', '公共卫生服务', '卫生监督'], activity: a(4, 1, 600, 80, 0, 210, 0.1) },
  { name: '民政局', slug: 'civil-affairs', self: '我局', focus: '兜底民生保障', areas: ['低保救助', '养老服务', '殡葬管理'], activity: a(4, 1, 20, 2, 0, 170, 0.05) },
  { name: '人力资源和社会保障局', slug: 'hrss', self: '我局', focus: '稳就业保民生', areas: ['就业服务', '社保经办', '劳动关系'], activity: a(6, 2, 80, 20, 0, 190, 0.1) },
  { name: '农业农村局', slug: 'agriculture', self: '我局', focus: '乡村全面振兴', areas: ['惠农补贴', '农村人居环境', '农田水利'], activity: a(3, 1, 150, 30, 0, 150, 0.05) },
  { name: '财政局', slug: 'finance', self: '我局', focus: '财政资金绩效管理', areas: ['预决算公开', '惠民资金', '政府采购'], activity: a(4, 1, 0, 0, 0, 160, 0.05) },
  { name: '城市管理局', slug: 'urban-management', self: '我局', focus: '市容环境整治', areas: ['环境卫生', '违法建设查处', '户外广告'], activity: a(6, 1, 200, 900, 0, 150, 0.2) },
];

export interface DistrictDef {
  name: string;
  slug: string;
  /** 区 have 街道 and 镇; 县 have 镇 and 乡. */
  kind: '区' | '县';
}

export const DISTRICTS: readonly DistrictDef[] = [
  { name: '东城区', slug: 'dongcheng', kind: '区' },
  { name: '西城区', slug: 'xicheng', kind: '区' },
  { name: '青河县', slug: 'qinghe', kind: '县' },
  { name: '南湖区', slug: 'nanhu', kind: '区' },
  { name: '白石县', slug: 'baishi', kind: '县' },
  { name: '北山区', slug: 'beishan', kind: '区' },
  { name: '云岭县', slug: 'yunling', kind: '县' },
  { name: '临江区', slug: 'linjiang', kind: '区' },
  { name: '松溪县', slug: 'songxi', kind: '县' },
  { name: '金沙区', slug: 'jinsha', kind: '区' },
  { name: '平川县', slug: 'pingchuan', kind: '县' },
  { name: '石门县', slug: 'shimen', kind: '县' },
];

/** Generated districts past the named ones: 示例市第13区 … */
export function districtAt(i: number): DistrictDef {
  return DISTRICTS[i] ?? { name: `第${i + 1}区`, slug: `d${i + 1}`, kind: '区' };
}

export const TOWN_NAMES: ReadonlyArray<readonly [string, string]> = [
  ['青石', 'qingshi'], ['柳塘', 'liutang'], ['龙泉', 'longquan'], ['桃源', 'taoyuan'], ['梅林', 'meilin'],
  ['凤凰', 'fenghuang'], ['双河', 'shuanghe'], ['长乐', 'changle'], ['安平', 'anping'], ['永和', 'yonghe'],
  ['新桥', 'xinqiao'], ['清溪', 'qingxi'], ['白沙', 'baisha'], ['黄岭', 'huangling'], ['红星', 'hongxing'],
  ['太平', 'taiping'], ['兴隆', 'xinglong'], ['大坪', 'daping'], ['马鞍', 'maan'], ['石岗', 'shigang'],
  ['金山', 'jinshan'], ['银湖', 'yinhu'], ['杏花', 'xinghua'], ['莲塘', 'liantang'], ['枫林', 'fenglin'],
  ['竹园', 'zhuyuan'], ['望江', 'wangjiang'], ['云台', 'yuntai'], ['朝阳', 'chaoyang'], ['花桥', 'huaqiao'],
  ['河口', 'hekou'], ['盘石', 'panshi'], ['高桥', 'gaoqiao'], ['三江', 'sanjiang'], ['东坝', 'dongba'],
  ['西岭', 'xiling'],
];

export type TownKind = '街道' | '镇' | '乡';

export interface TownDef {
  name: string;
  slug: string;
  kind: TownKind;
}

/**
 * The k-th town of the d-th district. Each district starts at a different place in the name list so that
 * neighbouring districts do not share town names; past the list, towns are numbered (第37镇).
 */
export function townAt(district: DistrictDef, d: number, k: number, count: number): TownDef {
  // 区: the first half are 街道, the rest 镇; 县: 镇, with the last third 乡.
  const kind: TownKind = district.kind === '区' ? (k < Math.ceil(count / 2) ? '街道' : '镇') : k < Math.ceil((count * 2) / 3) ? '镇' : '乡';
  if (k >= TOWN_NAMES.length) return { name: `第${k + 1}`, slug: `t${k + 1}`, kind };
  const [name, slug] = TOWN_NAMES[(d * 7 + k) % TOWN_NAMES.length]!;
  return { name, slug, kind };
}

export const GOVERNMENT_ACTIVITY = {
  city: a(160, 12, 60, 10, 0, 2600, 4),
  cityOffice: a(8, 2, 0, 0, 0, 900, 0.3),
  district: a(35, 5, 200, 100, 0, 1200, 1.5),
  districtOffice: a(3, 1, 0, 0, 0, 450, 0.1),
  town: a(1.5, 0.3, 20, 10, 0, 90, 0.02),
} as const;

/** How a town's report refers to its own office in prose. */
export const TOWN_SELF: Record<TownKind, string> = { 街道: '本街道', 镇: '我镇', 乡: '我乡' };
