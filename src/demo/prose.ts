// Prose for sections 一, 三, 四, 五 and 六, composed from phrase banks so that reports read like real ones and no
// two are copies. Every number the prose quotes comes from the tables of the same report (TXT rule); the labels it
// quotes (行政许可, 予以公开 …) come from the compiled format, never from this file.
import type { DemoOffice } from './structure.ts';
import type { OfficeState, YearTables } from './tables.ts';
import type { Rng } from './random.ts';

export interface ProseInput {
  office: DemoOffice;
  year: number;
  tables: YearTables;
  state: OfficeState;
  rng: Rng;
}

/** The sub-heads of section 一 that report-format.md lists as usual. */
const SUBHEADS = ['（一）主动公开', '（二）依申请公开', '（三）政府信息管理', '（四）政府信息公开平台建设', '（五）监督保障'];

const YEAR_THEMES: Record<number, readonly string[]> = {
  2019: ['新修订的《中华人民共和国政府信息公开条例》正式施行的第一年', '中华人民共和国成立70周年'],
  2020: ['全面建成小康社会和“十三五”规划收官之年', '统筹推进疫情防控和经济社会发展的关键一年'],
  2021: ['中国共产党成立100周年', '“十四五”规划开局之年'],
  2022: ['党的二十大胜利召开之年', '实施“十四五”规划承上启下的关键一年'],
  2023: ['全面贯彻落实党的二十大精神的开局之年', '三年新冠疫情防控转段后经济恢复发展的一年'],
  2024: ['中华人民共和国成立75周年', '实现“十四五”规划目标任务的关键一年'],
  2025: ['“十四五”规划收官之年', '进一步全面深化改革的重要一年'],
};

/** Only the years the phrase fits: the 2019 trial year, pandemic years, the 2021 notice. */
const themeOf = (year: number, rng: Rng): string => rng.pick(YEAR_THEMES[year] ?? ['持续深化政务公开的重要一年']);

const strip = {
  /** （二）部分公开（区分处理的…） → 部分公开; 1.本机关不掌握相关政府信息 → 本机关不掌握相关政府信息. */
  group: (label: string) => label.replace(/^（[一二三四五六七八九十]+）/, '').replace(/（[^）]*）$/, ''),
  sub: (label: string) => label.replace(/^\d+\./, ''),
};

const ORDINALS = ['一', '二', '三', '四', '五', '六'];
const enumerate = (items: readonly string[]): string => items.map((x, i) => `${ORDINALS[i]}是${x}`).join('；');

// ---------------------------------------------------------------------------------------------------------------
// Section 一

const INTROS: ReadonlyArray<(p: { year: number; self: string; upper: string; theme: string; focus: string }) => string> = [
  (p) => `${p.year}年是${p.theme}。${p.self}坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》（以下简称《条例》），按照${p.upper}关于政务公开工作的部署要求，坚持“以公开为常态、不公开为例外”原则，持续深化决策、执行、管理、服务、结果公开，政府信息公开工作取得新成效。`,
  (p) => `${p.year}年，${p.self}在${p.upper}的坚强领导下，全面贯彻党中央、国务院关于全面推进政务公开的决策部署，紧紧围绕${p.focus}中心工作，扎实推进政府信息公开各项工作，切实保障人民群众的知情权、参与权、表达权和监督权。`,
  (p) => `${p.year}年，${p.self}严格落实《中华人民共和国政府信息公开条例》（以下简称《条例》）各项规定，将政务公开与${p.focus}同谋划、同部署、同推进，以公开促落实、以公开促规范、以公开促服务，不断提升政府信息公开的标准化、规范化水平。`,
  (p) => `${p.year}年是${p.theme}。一年来，${p.self}认真落实${p.upper}工作要求，把政务公开作为建设法治政府、服务型政府的重要抓手，围绕${p.focus}加大信息公开力度，回应社会关切，政府信息公开工作平稳有序推进。`,
];

const CHANNELS = ['门户网站政府信息公开专栏', '政务微信公众号', '政务微博', '政务服务大厅公开查阅点', '新闻发布会', '公开栏'];

/** Kinds of proactively published items with their usual weight: news of the work dominates, as in real reports. */
const ITEM_KINDS: Record<'gov' | 'dept' | 'town', ReadonlyArray<readonly [string, number]>> = {
  gov: [['工作动态', 5], ['通知公告', 3], ['政策文件', 1.5], ['人事信息', 0.6], ['财政资金信息', 0.8], ['规划计划', 0.4]],
  dept: [['工作动态', 5], ['通知公告', 2.5], ['政策文件', 1], ['行政执法信息', 1.5], ['财政预决算信息', 0.3], ['办事指南', 0.8]],
  town: [['工作动态', 5], ['通知公告', 2], ['惠民政策', 1.2], ['村务财务信息', 1], ['项目建设信息', 0.6]],
};

const AREA_VERBS = [
  '及时准确发布相关信息，切实增强公开实效',
  '细化公开目录和公开标准，推动重点领域信息应公开尽公开',
  '紧扣群众关注关切，持续加大信息公开力度',
  '加强与业务工作的衔接，推动公开内容向执行和结果延伸',
];

const INTERPRETATION_FORMS = ['图文解读', '视频解读', '专家解读', '负责人解读', '问答解读', 'H5长图'];

const INTERPRETATION = [
  (n: number, forms: string) => `坚持政策文件与解读材料同步组织、同步审签、同步部署，全年发布政策解读${n}篇，综合运用${forms}等形式，推动政策内容通俗易懂、入脑入心。`,
  (n: number, forms: string) => `围绕出台的重要政策，采取${forms}等方式开展解读${n}篇，主动回应社会关切，及时解疑释惑。`,
  (n: number, forms: string) => `加强政策解读工作，本年共发布解读材料${n}篇，其中${forms}等多元化解读占比逐步提高。`,
];

const PROACTIVE_EXTRA = [
  '严格落实公开属性源头认定机制，在公文起草环节明确公开方式，做到应公开尽公开。',
  '对涉及群众切身利益的事项，通过公开征求意见、座谈会等方式广泛听取意见，并及时反馈意见采纳情况。',
  '按规定公开部门预决算和“三公”经费，做到细化到功能分类项级科目，接受社会监督。',
  '加强政务舆情回应，对社会关注的热点问题做到及时发声、权威发布。',
  '主动公开机构职能、领导信息、内设机构等基础信息，并根据调整情况及时更新。',
  '持续做好财政资金、重大项目、公共服务等方面的信息公开，及时发布项目进展和资金使用情况。',
];

const APPLICATION_PROCESS = [
  '严格执行登记、审核、办理、答复、归档等工作流程，确保在法定期限内依法依规答复。',
  '对申请内容不明确的，一次性告知申请人作出补正，并主动沟通，帮助申请人准确表述信息需求。',
  '进一步规范答复文书格式，做到引用依据准确、告知救济途径完整。',
  '加强与法律顾问的沟通会商，对疑难复杂申请集体研究，防范行政复议和诉讼风险。',
  '坚持“依法、及时、便民”原则，畅通网上申请、信函申请和当面申请等渠道。',
  '建立依申请公开办理台账，做到每件申请有人办、有记录、可追溯。',
];

const APPLICATION_READY = [
  '进一步完善依申请公开工作制度，明确受理、办理、答复等环节的工作要求，做好随时依法受理申请的准备。',
  '在门户网站公布依申请公开的受理机构、申请渠道和办理流程，确保申请渠道畅通。',
];

const MANAGEMENT = [
  '严格落实信息发布保密审查制度，坚持“先审查、后公开”和“一事一审”，全年未发生泄密事件。',
  '认真开展行政规范性文件清理工作，对不适应形势发展的文件及时修改或废止，并向社会公布清理结果。',
  '及时更新政府信息公开指南和政府信息公开目录，方便公众查询获取。',
  '建立政府信息公开属性动态调整机制，对依申请公开较多的信息及时研究转为主动公开。',
  '规范政府信息发布流程，实行拟稿、审核、签发三级把关，确保信息准确、规范、安全。',
  '加强已公开信息的常态化管理，对过时失效信息进行清理归档，保持公开内容的时效性和准确性。',
  '全面推行政务公开标准目录，细化公开事项、公开内容、公开时限和公开渠道。',
  '加强个人信息保护，对拟公开信息中的身份证号码、联系电话等个人信息进行技术处理。',
];

const PLATFORMS = [
  '持续优化门户网站政府信息公开专栏，按照标准化要求调整栏目设置，提升信息检索和查阅的便利度。',
  '加强政务新媒体规范管理，落实“三审三校”制度，发挥政务微信公众号的传播优势。',
  '在政务服务大厅设置政务公开专区，配备查阅终端，为群众查询政府信息、咨询办事提供便利。',
  '定期开展网站和政务新媒体自查，及时整改错别字、空白栏目、链接失效等问题。',
  '推动公开平台与政务服务平台融合，办事指南、办理结果等信息在网上集中发布。',
  '建立网站内容保障机制，明确各栏目更新责任和更新频次，确保信息发布及时。',
  '做好网站安全防护，落实网络安全责任制，全年网站运行平稳，未发生安全事故。',
];

const SUPERVISION = [
  '调整充实政务公开工作领导小组，主要负责同志亲自过问，分管负责同志具体抓，形成一级抓一级、层层抓落实的工作格局。',
  '将政务公开工作纳入年度工作计划，与业务工作同部署、同检查、同考核。',
  '主动接受社会监督，通过网站留言、意见箱和服务热线收集公众意见建议，及时改进工作。',
  '加强对政务公开工作的日常监测，对发现的问题建立台账、限期整改。',
  '配合上级开展政务公开第三方评估，针对评估指出的问题逐项落实整改。',
];

const TRAINING = [
  (n: number, m: number) => `组织开展政务公开专题培训${n}次，参训${m}人次，提升工作人员依法公开意识和业务能力。`,
  (n: number, m: number) => `采取集中授课、以会代训等方式开展业务培训${n}次，培训${m}人次。`,
];

/** Section 一 for 人民政府 also covers 工作考核、社会评议和责任追究结果 (report-format.md). */
const GOVERNMENT_ACCOUNTABILITY = [
  (self: string) => `将政务公开工作纳入年度绩效考核，组织开展社会评议，广泛听取公众对${self}政务公开工作的意见。本年度未发生因政府信息公开工作违法违规而被责任追究的情况。`,
  (self: string) => `${self}把政务公开工作纳入对下级单位的年度考核，考核结果作为评价工作的重要依据；同时通过问卷调查等方式开展社会评议，评议结果总体良好。全年未发生政府信息公开工作责任追究情况。`,
];

const proactiveKinds = (office: DemoOffice) => (office.role === 'town' ? ITEM_KINDS.town : office.type === '人民政府' || office.type === '政府办公室' ? ITEM_KINDS.gov : ITEM_KINDS.dept);

/** Items published proactively this year: the number the prose states, split into kinds that sum to it. */
function proactive(office: DemoOffice, rng: Rng): { total: number; parts: Array<[string, number]> } {
  const total = Math.max(12, Math.round(office.activity.published * rng.factor(0.35)));
  const kinds = rng.sample(proactiveKinds(office), rng.int(3, 4));
  const counts = rng.split(total, kinds.map(([, w]) => w * rng.factor(0.3)));
  // Largest first, the way reports list them.
  return { total, parts: kinds.map(([k], i): [string, number] => [k, counts[i]!]).sort((x, y) => y[1] - x[1]) };
}

function applicationSentence(t: YearTables, rng: Rng): string {
  const a = t.apps;
  const parts: string[] = [];
  if (a.received === 0) {
    parts.push(`本年未收到政府信息公开申请${a.carriedIn > 0 ? `，上年结转的${a.carriedIn}件申请已全部办结` : ''}。`);
    return parts.join('');
  }
  const who =
    a.organisations === 0
      ? `均为${a.individualLabel}申请`
      : `其中${a.individualLabel}申请${a.individual}件，${a.organisationLabel}申请${a.organisations}件`;
  const lead = rng.pick(['本年共收到', '全年共收到', '本年度共收到']);
  parts.push(`${lead}政府信息公开申请${a.received}件，${who}${a.carriedIn > 0 ? `；另有上年结转申请${a.carriedIn}件` : ''}。`);
  const groups = a.groups
    .filter((g) => g.count > 0)
    .map((g) => {
      // Name the reasons when they read well: a few short ones (not a bare 其他, not a 30-character clause).
      const names = g.subs.map((s) => strip.sub(s.label));
      const readable = names.length > 0 && names.length <= 3 && names.every((n) => n.length >= 3 && n.length <= 20);
      const detail = readable ? `（${g.subs.map((s, k) => `${names[k]}${s.count}件`).join('、')}）` : '';
      return `${strip.group(g.label)}${g.count}件${detail}`;
    });
  parts.push(`本年度共办结${a.closed}件${groups.length ? `，其中${groups.join('，')}` : ''}`);
  parts.push(a.carriedOut > 0 ? `；结转下年度继续办理${a.carriedOut}件。` : '，无结转下年度办理的申请。');
  return parts.join('');
}

function sectionOne(p: ProseInput): string {
  const { office, year, tables: t, rng } = p;
  const r = rng.fork('一');
  const self = office.self;
  const intro = r.pick(INTROS)({ year, self, upper: office.upper, theme: themeOf(year, r), focus: office.focus });

  // Each sub-section: sentences that always appear, then an optional pool drawn from until the length fits.
  const pub = proactive(office, r.fork('proactive'));
  const channels = r.sample(CHANNELS, r.int(2, 3)).join('、');
  const one: string[] = [`${self}通过${channels}等渠道主动公开政府信息${pub.total}条，其中${pub.parts.map(([k, n]) => `${k}${n}条`).join('、')}。`];
  const docs = t.two.docs.filter((d) => d.issued > 0 || (d.stock ?? d.publishedTotal ?? 0) > 0);
  if (docs.length) {
    one.push(
      docs
        .map((d) =>
          d.stock !== undefined
            ? `${d.issued + (d.repealed ?? 0) > 0 ? `本年制发${d.label}${d.issued}件、废止${d.repealed ?? 0}件` : `本年未制发或废止${d.label}`}，现行有效${d.label}${d.stock}件`
            : `${d.issued > 0 ? `本年新制作${d.label}${d.issued}件` : `本年未新制作${d.label}`}，累计对外公开${d.label}${d.publishedTotal ?? 0}件`,
        )
        .join('；') + '，均按规定在政府信息公开专栏集中公开。',
    );
  }
  if (t.two.decisions.length) {
    one.push(`按照行政执法公示制度要求，及时公开${t.two.decisions.map((d) => `${d.label}决定${d.count}件`).join('、')}，接受社会监督。`);
  }
  if (t.two.fee) one.push(`公开${t.two.fee.label}项目目录及标准，本年${t.two.fee.label}收入${t.two.fee.amount}${t.two.fee.unit}。`);
  if (t.two.procurement && t.two.procurement.count > 0) {
    one.push(`公开${t.two.procurement.label}信息，本年完成${t.two.procurement.label}项目${t.two.procurement.count}个，涉及金额${t.two.procurement.amount}${t.two.procurement.unit}。`);
  }
  one.push(`聚焦${r.sample(office.areas, Math.min(3, office.areas.length)).join('、')}等重点领域，${r.pick(AREA_VERBS)}。`);
  const interpretations = Math.max(1, Math.round((pub.total / 60) * r.factor(0.3)));
  const onePool = [r.pick(INTERPRETATION)(interpretations, r.sample(INTERPRETATION_FORMS, 2).join('、')), ...r.sample(PROACTIVE_EXTRA, PROACTIVE_EXTRA.length)];

  const two = [applicationSentence(t, r)];
  // Without applications, sentences about how they were answered would ring false: one about readiness instead.
  const twoPool = t.apps.received + t.apps.carriedIn > 0 ? r.sample(APPLICATION_PROCESS, APPLICATION_PROCESS.length) : [r.pick(APPLICATION_READY)];

  const three: string[] = [];
  const threePool = r.sample(MANAGEMENT, MANAGEMENT.length);

  const four: string[] = [];
  if (office.role === 'city-gov') four.push(`编印《${office.name.replace(/人民政府$/, '')}人民政府公报》${r.int(6, 12)}期，免费赠阅至各公共查阅点。`);
  const fourPool = r.sample(PLATFORMS, PLATFORMS.length);

  const sessions = r.int(1, office.role === 'town' ? 2 : 4);
  const five = [r.pick(TRAINING)(sessions, sessions * r.int(15, office.role === 'town' ? 30 : 80))];
  if (office.type === '人民政府') five.push(r.pick(GOVERNMENT_ACCOUNTABILITY)(self));
  const fivePool = r.sample(SUPERVISION, SUPERVISION.length);

  const subs = [one, two, three, four, five];
  const pools = [onePool, twoPool, threePool, fourPool, fivePool];
  // Every sub-section gets at least one optional sentence, then the shortest grows until about 800–1500 chars.
  subs.forEach((s, i) => s.push(pools[i]!.shift()!));
  const length = () => intro.length + subs.reduce((n, s) => n + s.join('').length, 0);
  const target = r.int(950, 1350);
  while (length() < target) {
    const candidates = subs.map((s, i) => ({ i, len: s.join('').length })).filter(({ i }) => pools[i]!.length > 0);
    if (!candidates.length) break;
    const { i } = candidates.reduce((a, b) => (b.len < a.len ? b : a));
    const next = pools[i]![0]!;
    if (length() + next.length > 1500) break;
    subs[i]!.push(pools[i]!.shift()!);
  }
  return [intro, ...subs.map((s, i) => `### ${SUBHEADS[i]}\n\n${s.join('')}`)].join('\n\n');
}

// ---------------------------------------------------------------------------------------------------------------
// Sections 三 and 四 (optional prose beside the tables)

function sectionThree(p: ProseInput): string {
  const r = p.rng.fork('三');
  if (!r.chance(0.4)) return '';
  const a = p.tables.apps;
  if (a.received === 0 && a.carriedIn === 0) return '本年度未收到政府信息公开申请，无上年结转申请。';
  const open = a.carriedOut > 0 ? `除${a.carriedOut}件结转下年度继续办理外，其余均已在法定期限内答复` : '均已在法定期限内答复';
  return `本年度新收政府信息公开申请${a.received}件，上年结转${a.carriedIn}件，${open}。具体情况见下表。`;
}

function sectionFour(p: ProseInput): string {
  const r = p.rng.fork('四');
  if (!r.chance(0.4)) return '';
  const g = p.tables.disputes.groups;
  if (g.every((x) => x.count === 0)) return `本年度未发生因政府信息公开引起的${g.map((x) => x.label).join('、')}案件。`;
  const cases = g.map((x) => `${x.label}${x.count}件`).join('、');
  const corrected = g.reduce((n, x) => n + x.corrected, 0);
  return `本年度因政府信息公开引起${cases}${corrected > 0 ? `，其中被纠正${corrected}件，${p.office.self}已按要求整改` : ''}。`;
}

// ---------------------------------------------------------------------------------------------------------------
// Section 五: last year's problems and how they were fixed, this year's problems, next steps.

const PROBLEMS: ReadonlyArray<{ problem: string; fix: string; measure: string }> = [
  {
    problem: '政策解读形式还不够丰富，图解、视频等群众喜闻乐见的解读方式运用不多',
    fix: '丰富解读形式，增加图解、短视频等解读产品',
    measure: '创新政策解读方式，推动解读从“文字式”向“图文式”“视频式”转变',
  },
  {
    problem: '工作人员多为兼职，业务能力与新形势新要求还有差距',
    fix: '组织专题培训，选派业务骨干参加上级业务培训',
    measure: '加强业务培训和工作交流，打造一支熟悉政策、精通业务的政务公开队伍',
  },
  {
    problem: '个别栏目信息更新不够及时，存在更新滞后现象',
    fix: '建立栏目更新责任清单，实行定期巡查通报',
    measure: '健全网站内容保障机制，明确栏目更新责任人和更新时限',
  },
  {
    problem: '依申请公开答复的规范性有待进一步提高',
    fix: '统一答复文书模板，实行答复前法制审核',
    measure: '严格规范依申请公开办理流程，推行答复文书合法性审查',
  },
  {
    problem: '公众参与政策制定的渠道还不够多元，互动回应不够充分',
    fix: '扩大公开征求意见范围，并公开意见采纳情况',
    measure: '拓展公众参与渠道，做好意见征集、采纳情况反馈和解读回应',
  },
  {
    problem: '主动公开的深度和广度仍需拓展，部分信息公开还停留在结果层面',
    fix: '推动公开内容向决策、执行和管理过程延伸',
    measure: '推进决策、执行、管理、服务、结果全过程公开',
  },
  {
    problem: '基层政务公开标准化规范化建设仍需深化',
    fix: '对照标准目录逐项梳理公开事项',
    measure: '深化基层政务公开标准化规范化建设，动态调整公开事项标准目录',
  },
  {
    problem: '政务新媒体与门户网站的协同联动还不够紧密',
    fix: '建立网站与政务新媒体信息同步发布机制',
    measure: '加强政务公开平台的统筹整合，形成网站、新媒体、公开栏协同发布格局',
  },
  {
    problem: '政府信息公开与群众关切的契合度还不够高',
    fix: '梳理群众咨询和申请中反映集中的事项，及时转为主动公开',
    measure: '聚焦群众关注关切，加强依申请公开转主动公开工作',
  },
];

const FIVE_INTROS = [
  (self: string) => `${self}政务公开工作虽然取得了一定成效，但对照新形势新要求，仍存在一些不足：`,
  (self: string) => `本年度，${self}政务公开工作仍存在以下问题：`,
  (self: string) => `${self}在政府信息公开工作中还存在一些薄弱环节：`,
];

const FIVE_NEXT = [
  (self: string) => `下一步，${self}将继续深入贯彻落实《条例》，重点做好以下工作：`,
  (self: string) => `针对上述问题，${self}将采取以下改进措施：`,
  (self: string) => `${self}将坚持问题导向，持续提升政务公开质量和实效：`,
];

function sectionFive(p: ProseInput): string {
  const r = p.rng.fork('五');
  const self = p.office.self;
  const paras: string[] = [];
  const previous = p.state.problems;
  if (previous.length) {
    const done = previous.map((i) => PROBLEMS[i]!);
    paras.push(`（一）上年度问题整改情况。针对上年度报告中提出的“${done[0]!.problem}”等问题，${self}${done.map((x) => x.fix).join('，')}，整改工作取得实效。`);
  } else {
    paras.push(`（一）上年度问题整改情况。${self}对照上级通报和第三方评估指出的问题逐项整改，建立整改台账，整改工作已全部完成。`);
  }
  // Pick problems other than last year's, so that the report does not restate what it says was fixed.
  const fresh = PROBLEMS.map((_, i) => i).filter((i) => !previous.includes(i));
  const now = r.sample(fresh, r.int(2, 3));
  paras.push(`（二）存在的主要问题。${r.pick(FIVE_INTROS)(self)}${enumerate(now.map((i) => PROBLEMS[i]!.problem))}。`);
  const measures = [...now.map((i) => PROBLEMS[i]!.measure), ...r.sample(PROBLEMS.filter((_, i) => !now.includes(i)).map((x) => x.measure), 1)];
  paras.push(`（三）改进措施。${r.pick(FIVE_NEXT)(self)}${enumerate(measures)}。`);
  p.state.problems = now;
  return paras.join('\n\n');
}

// ---------------------------------------------------------------------------------------------------------------
// Section 六: the 信息处理费 statement (国办函〔2020〕109号), proposals handled, the year's work points.

function sectionSix(p: ProseInput): string {
  const r = p.rng.fork('六');
  const { office, year } = p;
  const paras: string[] = [];
  // The 信息处理费 rules date from 2020 (国办函〔2020〕109号); 2019 reports speak of fees in general.
  if (year < 2020) paras.push(r.pick(['本年度未收取政府信息公开相关费用。', '本年度政府信息公开工作未收取任何费用。']));
  else if (p.tables.apps.received >= 30 && r.chance(0.1)) {
    paras.push(`依据《政府信息公开信息处理费管理办法》，本年度对超出合理范围的申请收取信息处理费${r.int(1, 2)}件，共计${r.int(1, 8) * 100}元。`);
  } else paras.push(r.pick(['本年度未收取信息处理费。', '本年度未收取政府信息公开信息处理费。', `本年度${office.self}未向申请人收取信息处理费。`]));
  if (office.congress && office.role !== 'town') {
    const big = office.type === '人民政府' ? 4 : 1;
    const motions = r.poisson(3 * big);
    const proposals = r.poisson(4 * big);
    paras.push(
      motions + proposals === 0
        ? `本年度${office.self}未承办${office.congress}人大代表建议和${office.congress}政协提案。`
        : `本年度${office.self}共承办${office.congress}人大代表建议${motions}件、${office.congress}政协提案${proposals}件，均已按期办结，办理复文按规定主动公开。`,
    );
  }
  if (year >= 2021) {
    // The work points come from the office one level up (the general office of the government above).
    const issuer =
      office.role === 'city-gov' || office.role === 'city-office'
        ? '省政府办公厅'
        : office.role === 'city-dept' || office.role === 'district-gov' || office.role === 'district-office'
          ? '市政府办公室'
          : `${office.upper.split('、')[1] ?? '上级政府'}办公室`;
    paras.push(`${office.self}对照${issuer}印发的${year}年政务公开工作要点，逐项细化任务、明确责任，各项任务均已按时完成。`);
  }
  // Offices with nothing beyond the fee statement say so, as real reports do.
  if (paras.length === 1) paras.push(r.pick(['本年度无其他需要报告的事项。', '无其他需要报告的事项。']));
  return paras.join('\n\n');
}

export function writeProse(p: ProseInput): Record<number, string> {
  return { 1: sectionOne(p), 2: '', 3: sectionThree(p), 4: sectionFour(p), 5: sectionFive(p), 6: sectionSix(p) };
}
