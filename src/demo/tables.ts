// Consistent table numbers for one office, year after year. Nothing here spells a format label: the rows and
// columns each number goes into are found by walking the compiled format — table 三 through its compiled rules
// (balance, column total, row total), table 二 by block title position and column kinds, table 四 by its
// row-total rule. The labels that the prose needs are read from the same compiled leaves.
import { allFormats, type CompiledFormat, type CompiledRule, type CompiledTable, type TableId } from '../formats/index.ts';
import { NOT_APPLICABLE } from '../load/tables.ts';
import type { SourceTable, SourceValue } from '../write/source.ts';
import type { DemoOffice, Role } from './structure.ts';
import type { Rng } from './random.ts';

/** The unit the demo states where the format leaves it open (2019 采购总金额): everything is in 万元. */
export const AMOUNT_UNIT = '万元';

// ---------------------------------------------------------------------------------------------------------------
// Roles of rows and columns, derived once per format from its compiled definition.

type BalanceRule = Extract<CompiledRule, { left: readonly number[] }>;
type TotalRule = Exclude<CompiledRule, BalanceRule>;

const isBalance = (r: CompiledRule): r is BalanceRule => 'left' in r;
const totalRule = (t: CompiledTable, type: 'row-total' | 'column-total'): TotalRule => {
  const r = t.rules.find((x): x is TotalRule => !isBalance(x) && x.def.type === type);
  if (!r) throw new Error(`demo: table ${t.id} has no ${type} rule`);
  return r;
};

export interface ResultRow {
  row: number;
  /** Position of its group among the result groups （一）…（六）, and of the row within the group. */
  group: number;
  sub: number;
  /** The group label and the row label as the format writes them. */
  groupLabel: string;
  label: string;
}

interface T3Roles {
  table: CompiledTable;
  newRow: number;
  carryInRow: number;
  totalRow: number;
  carryOutRow: number;
  results: ResultRow[];
  /** Applicant columns (the parts of the row total), the first being 自然人 by the format's column order. */
  partCols: readonly number[];
  totalCol: number;
}

const T3_CACHE = new WeakMap<CompiledFormat, T3Roles>();

function t3Roles(format: CompiledFormat): T3Roles {
  let roles = T3_CACHE.get(format);
  if (!roles) T3_CACHE.set(format, (roles = deriveT3Roles(format)));
  return roles;
}

function deriveT3Roles(format: CompiledFormat): T3Roles {
  const table = format.table('三');
  const balance = table.rules.find(isBalance);
  if (!balance) throw new Error('demo: table 三 has no balance rule');
  const column = totalRule(table, 'column-total');
  const row = totalRule(table, 'row-total');
  // 一 + 二 = （七）总计 + 四: the left side in table order is new, then carried in; the right side holds the
  // column total and the carry-out row.
  const [newRow, carryInRow] = [...balance.left].sort((x, y) => x - y) as [number, number];
  const carryOutRow = balance.right.find((r) => r !== column.total);
  if (carryOutRow === undefined) throw new Error('demo: table 三 balance has no carry-out row');
  const rows = table.blocks[column.block]!.rows;
  const groups: string[] = [];
  const subs = new Map<string, number>();
  const results = column.parts.map((i) => {
    const leaf = rows[i]!;
    // path: [三、本年度办理结果, group, sub?]; a group without sub-rows is its own single row.
    const groupLabel = leaf.path[1] ?? leaf.label;
    if (!groups.includes(groupLabel)) groups.push(groupLabel);
    const sub = subs.get(groupLabel) ?? 0;
    subs.set(groupLabel, sub + 1);
    return { row: i, group: groups.indexOf(groupLabel), sub, groupLabel, label: leaf.label };
  });
  return { table, newRow, carryInRow, totalRow: column.total, carryOutRow, results, partCols: row.parts, totalCol: row.total };
}

/** What a table-二 block holds, from its column kinds. */
type BlockKind =
  | { kind: 'documents' }
  | { kind: 'items'; prev: number; delta: number; decisions?: number }
  | { kind: 'decisions' }
  | { kind: 'amounts'; count?: number; amount: number };

/**
 * The 第二十条 item a block reports, by the position of its title among all formats' titles: the formats list
 * the items in the order of the article — (一) documents, (五) licensing, (六) enforcement, (八) fees, (九)
 * procurement. A title a future format adds gets 'other' (small numbers) rather than a wrong meaning.
 */
type Category = 'docs' | 'licensing' | 'enforcement' | 'fees' | 'procurement' | 'other';
const CATEGORY_ORDER: readonly Category[] = ['docs', 'licensing', 'enforcement', 'fees', 'procurement'];
const TITLES = [...new Set(allFormats().flatMap((f) => f.table('二').blocks.map((b) => b.def.title ?? '')))];
const categoryOf = (title: string): Category => CATEGORY_ORDER[TITLES.indexOf(title)] ?? 'other';

function blockKind(t: CompiledTable, b: number): BlockKind {
  const cols = t.blocks[b]!.columns;
  const signed = cols.findIndex((c) => c.kind === 'signed');
  if (signed >= 0) {
    const decisions = cols.findIndex((c, i) => i > signed && c.kind === 'count');
    return { kind: 'items', prev: signed - 1, delta: signed, decisions: decisions >= 0 ? decisions : undefined };
  }
  const amount = cols.findIndex((c) => c.kind === 'amount');
  if (amount >= 0) {
    const count = cols.findIndex((c) => c.kind === 'count');
    return { kind: 'amounts', amount, count: count >= 0 ? count : undefined };
  }
  return cols.length >= 3 ? { kind: 'documents' } : { kind: 'decisions' };
}

/**
 * The documents block (第二十条第（一）项) means different things in the two versions: the 2021 format counts
 * 制发 / 废止 / 现行有效 (a stock, X-STOCK), the 2019 trial format 新制作 / 新公开 / 对外公开总数量 (a cumulative count).
 */
const TRIAL_FORMAT_ID = '2019';

// ---------------------------------------------------------------------------------------------------------------
// Per-office traits and state.

export interface OfficeTraits {
  /** Size of this office relative to its kind (lognormal around 1). */
  scale: number;
  /** Writes 不适用 for rows of powers it does not have; otherwise it writes 0. */
  naStyle: boolean;
  /** Share of applications from 自然人. */
  individualShare: number;
  /** Jitter of the result weights, by group and sub-row position. */
  resultJitter: (group: number, sub: number) => number;
  /** Probability that an application received is still open at year end. */
  carryRate: number;
  /** Procurement projects per year (2019 trial format). */
  procurement: number;
}

export interface OfficeState {
  /** 四、结转下年度继续办理 of the previous year, per table-三 column (0 before the first year). */
  carry: Map<number, number>;
  /** Documents in force (现行有效), by documents-block row. */
  stock: Map<number, number>;
  /** Documents published in total (对外公开总数量, trial format), by row. */
  publishedTotal: Map<number, number>;
  /** 项目数量 at the end of the year (the next year's 上一年项目数量), by `title|row`. */
  items: Map<string, number>;
  /** Indices of the problems named in last year's section 五 (the next report says how they were fixed). */
  problems: number[];
}

export const newState = (): OfficeState => ({ carry: new Map(), stock: new Map(), publishedTotal: new Map(), items: new Map(), problems: [] });

const PROCUREMENT: Record<Role, number> = { 'city-gov': 24, 'city-office': 6, 'city-dept': 9, 'district-gov': 14, 'district-office': 4, 'district-dept': 5, town: 3 };

export function officeTraits(office: DemoOffice, rng: Rng): OfficeTraits {
  const r = rng.fork('traits');
  const jitter = new Map<string, number>();
  return {
    scale: office.role === 'city-gov' ? 1 : r.factor(0.45),
    // About a third of the offices mark powers they do not have as 不适用; towns more often (no 规章, no fees).
    naStyle: r.chance(office.role === 'town' ? 0.55 : 0.3),
    individualShare: office.role === 'town' ? 0.9 + r.float() * 0.1 : 0.7 + r.float() * 0.25,
    resultJitter: (group, sub) => {
      const key = `${group}.${sub}`;
      if (!jitter.has(key)) jitter.set(key, r.fork('jitter', key).factor(0.4));
      return jitter.get(key)!;
    },
    carryRate: office.role === 'town' ? 0.03 : office.role === 'city-gov' ? 0.07 : 0.045,
    procurement: PROCUREMENT[office.role] * r.factor(0.3),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The facts the prose quotes: the same numbers that go into the tables, with the format's own labels.

export interface AppFacts {
  received: number;
  carriedIn: number;
  closed: number;
  carriedOut: number;
  individual: number;
  organisations: number;
  individualLabel: string;
  organisationLabel: string;
  /** Per result group, in table order: its label, count and non-zero sub-rows. */
  groups: Array<{ label: string; count: number; subs: Array<{ label: string; count: number }> }>;
}

export interface TwoFacts {
  /** Documents rows with numbers: label, issued this year, repealed (2021), in force or published in total. */
  docs: Array<{ label: string; issued: number; repealed?: number; stock?: number; publishedTotal?: number; row: number }>;
  /** Licensing and enforcement rows with a decisions count. */
  decisions: Array<{ label: string; count: number }>;
  /** 行政事业性收费 amount (2021) with its unit. */
  fee?: { label: string; amount: number; unit: string };
  procurement?: { label: string; count: number; amount: number; unit: string };
}

export interface DisputeFacts {
  /** Per top-level row group of table 四 (行政复议, 行政诉讼): label, cases, of which corrected. */
  groups: Array<{ label: string; count: number; corrected: number }>;
}

export interface YearTables {
  tables: Record<TableId, SourceTable>;
  apps: AppFacts;
  two: TwoFacts;
  disputes: DisputeFacts;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

// Result weights by group position (（一）予以公开 … （六）其他处理) and sub-row position; a group written as one row
// takes the sum of its sub-row weights. Modelled on published reports: most requests are answered with the
// information, 本机关不掌握 is the usual 无法提供, a few are refused for third-party rights or process information.
const RESULT_WEIGHTS: readonly (readonly number[])[] = [
  [46],
  [11],
  [0.2, 0.5, 0.6, 1.6, 0.9, 1.5, 0.6, 1.2],
  [17, 2.5, 2.5],
  [2.2, 1.4, 0.6, 0.4, 0.9],
  [2, 0.3, 2.4],
];
// Organisations' shares by column position: 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他. Research bodies and
// public-interest groups do not write to a town.
const ORG_WEIGHTS = [5, 0.3, 0.3, 2, 1.5];
const TOWN_ORG_WEIGHTS = [5, 0, 0, 1, 3];
// Table 四 rows: 行政复议, then the two kinds of 行政诉讼; columns 结果维持, 结果纠正, 其他结果, 尚未审结.
const DISPUTE_ROW_SHARES = [0.6, 0.25, 0.15];
const DISPUTE_RESULT_WEIGHTS = [5, 1, 1.5, 1.2];

// ---------------------------------------------------------------------------------------------------------------

/** Fills the derived totals of a table from its compiled rules: column totals first, then row totals (which also
 *  total the total row), so that both agree. 不适用 adds nothing. */
export function fillTotals(table: CompiledTable, values: SourceValue[][][]): void {
  const num = (v: SourceValue | undefined) => (typeof v === 'number' ? v : 0);
  const ordered = [...table.rules].filter((r): r is TotalRule => !isBalance(r)).sort((a, b) => (a.def.type === b.def.type ? 0 : a.def.type === 'column-total' ? -1 : 1));
  for (const r of ordered) {
    const block = values[r.block]!;
    if (r.def.type === 'column-total') {
      for (let c = 0; c < table.blocks[r.block]!.columns.length; c++) block[r.total]![c] = round2(r.parts.reduce((s, p) => s + num(block[p]![c]), 0));
    } else {
      for (const row of block) row[r.total] = round2(r.parts.reduce((s, p) => s + num(row[p]), 0));
    }
  }
}

const zeros = (t: CompiledTable): SourceValue[][][] => t.blocks.map((b) => b.rows.map(() => b.columns.map(() => 0)));

export function yearTables(format: CompiledFormat, office: DemoOffice, traits: OfficeTraits, state: OfficeState, rng: Rng): YearTables {
  const omitTotals = rng.fork('omit').chance(0.35);
  const three = tableThree(format, office, traits, state, rng.fork('三'));
  const two = tableTwo(format, office, traits, state, rng.fork('二'));
  const four = tableFour(format, office, traits, rng.fork('四'));
  return {
    tables: { 二: { values: two.values }, 三: { values: three.values, omitTotals }, 四: { values: four.values, omitTotals } } as Record<TableId, SourceTable>,
    apps: three.facts,
    two: two.facts,
    disputes: four.facts,
  };
}

function tableThree(format: CompiledFormat, office: DemoOffice, traits: OfficeTraits, state: OfficeState, rng: Rng) {
  const roles = t3Roles(format);
  const values = zeros(roles.table);
  const v = values[0]!;
  // New applications: a town gets 0–5, the city government 50–300, the rest around their kind's mean.
  const mean = office.activity.apps * traits.scale * rng.factor(0.3);
  let received = rng.poisson(mean);
  if (office.role === 'town') received = Math.min(5, received);
  if (office.role === 'city-gov') received = Math.min(300, Math.max(50, received));
  const orgShare = 1 - traits.individualShare;
  const orgWeights = office.role === 'town' ? TOWN_ORG_WEIGHTS : ORG_WEIGHTS;
  const orgTotal = orgWeights.reduce((s, w) => s + w, 0);
  const colWeights = roles.partCols.map((_, k) => (k === 0 ? traits.individualShare : (orgShare * (orgWeights[k - 1] ?? 0.5)) / orgTotal));
  const byCol = rng.split(received, colWeights);
  const weights = roles.results.map((r) => {
    const w = RESULT_WEIGHTS[r.group] ?? [0.5];
    const single = roles.results.filter((x) => x.group === r.group).length === 1;
    return (single ? w.reduce((s, x) => s + x, 0) : (w[r.sub] ?? 0.5)) * traits.resultJitter(r.group, single ? -1 : r.sub);
  });
  roles.partCols.forEach((c, k) => {
    const fresh = byCol[k]!;
    const carriedIn = state.carry.get(c) ?? 0;
    // Continuity (X-CARRY): last year's 结转下年度继续办理 is this year's 上年结转, column by column.
    const open = rng.binomial(fresh, traits.carryRate);
    const closed = fresh + carriedIn - open;
    v[roles.newRow]![c] = fresh;
    v[roles.carryInRow]![c] = carriedIn;
    v[roles.carryOutRow]![c] = open;
    rng.split(closed, weights).forEach((n, i) => (v[roles.results[i]!.row]![c] = n));
    state.carry.set(c, open);
  });
  fillTotals(roles.table, values);
  const cell = (row: number, col: number) => v[row]![col] as number;
  const total = roles.totalCol;
  const groups: AppFacts['groups'] = [];
  for (const r of roles.results) {
    const g = (groups[r.group] ??= { label: r.groupLabel, count: 0, subs: [] });
    const n = cell(r.row, total);
    g.count += n;
    if (r.label !== r.groupLabel && n > 0) g.subs.push({ label: r.label, count: n });
  }
  const cols = roles.table.blocks[0]!.columns;
  const individualCol = roles.partCols[0]!;
  const orgCol = cols[roles.partCols[1] ?? individualCol]!;
  return {
    values,
    facts: {
      received: cell(roles.newRow, total),
      carriedIn: cell(roles.carryInRow, total),
      closed: cell(roles.totalRow, total),
      carriedOut: cell(roles.carryOutRow, total),
      individual: cell(roles.newRow, individualCol),
      organisations: cell(roles.newRow, total) - cell(roles.newRow, individualCol),
      individualLabel: cols[individualCol]!.label,
      // The group header over the organisation columns (法人或其他组织).
      organisationLabel: orgCol.path[orgCol.path.length - 2] ?? orgCol.label,
      groups,
    } satisfies AppFacts,
  };
}

/** Yearly mean of a category for the office; 0 = the office does not have that power. */
function categoryMean(office: DemoOffice, category: Category, row: number): number {
  const a = office.activity;
  switch (category) {
    case 'docs':
      // Row 0 is 规章: only the city government (a 设区的市) makes them; row 1 the normative documents.
      return row === 0 ? (office.role === 'city-gov' ? 1.2 : 0) : a.docs;
    case 'licensing':
      // Row 1 (trial format) is 其他对外管理服务事项: a share of the licensing work.
      return row === 0 ? a.licensing : a.licensing * 0.3;
    case 'enforcement':
      // Row 1 is 行政强制: a small share of the penalties.
      return row === 0 ? a.enforcement : a.enforcement * 0.08;
    case 'fees':
      return a.fees;
    case 'procurement':
      return 1;
    default:
      return 0;
  }
}

/** Number of catalogue items (项目数量) an office with this yearly volume lists. */
function initialItems(category: Category, mean: number, rng: Rng): number {
  if (mean <= 0) return 0;
  if (category === 'fees') return rng.int(1, 6);
  const base = category === 'enforcement' ? 6 + Math.sqrt(mean) * 1.6 : 3 + Math.sqrt(mean) * 0.8;
  return Math.max(1, Math.round(base * rng.factor(0.2)));
}

const DELTAS = [-3, -2, -1, 0, 1, 2, 3];
const DELTA_WEIGHTS = [0.4, 0.8, 1.6, 6, 1.6, 0.8, 0.4];

function tableTwo(format: CompiledFormat, office: DemoOffice, traits: OfficeTraits, state: OfficeState, rng: Rng) {
  const table = format.table('二');
  const values = zeros(table);
  const facts: TwoFacts = { docs: [], decisions: [] };
  const trial = format.id === TRIAL_FORMAT_ID;
  table.blocks.forEach((block, b) => {
    const title = block.def.title ?? '';
    const category = categoryOf(title);
    const kind = blockKind(table, b);
    block.rows.forEach((leaf, r) => {
      const out = values[b]![r]!;
      const cell = rng.fork(title, r);
      const mean = categoryMean(office, category, r) * (category === 'procurement' ? traits.procurement : traits.scale);
      if (mean <= 0 && traits.naStyle) {
        out.fill(NOT_APPLICABLE);
        return;
      }
      if (kind.kind === 'documents') {
        // The stock of documents in force runs through both formats; the year's changes keep it ≥ 0.
        const stock = state.stock.get(r) ?? (mean > 0 ? Math.round(mean * cell.int(4, 9)) + (r === 0 ? cell.int(15, 40) : 0) : 0);
        const issued = cell.poisson(mean);
        const cleanup = cell.chance(0.12) ? Math.floor(stock * 0.15) : 0;
        const repealed = Math.min(stock + issued, cell.poisson(mean * 0.45) + cleanup);
        state.stock.set(r, stock + issued - repealed);
        if (trial) {
          const published = Math.max(0, issued - (issued > 0 && cell.chance(0.15) ? 1 : 0));
          const total = (state.publishedTotal.get(r) ?? stock + cell.int(0, 10) * (mean > 0 ? 1 : 0)) + published;
          state.publishedTotal.set(r, total);
          [out[0], out[1], out[2]] = [issued, published, total];
          if (mean > 0) facts.docs.push({ label: leaf.label, issued, publishedTotal: total, row: r });
        } else {
          [out[0], out[1], out[2]] = [issued, repealed, stock + issued - repealed];
          // Continuity (X-STOCK): this year's 现行有效 = last year's + 制发 − 废止.
          if (mean > 0) facts.docs.push({ label: leaf.label, issued, repealed, stock: stock + issued - repealed, row: r });
        }
        return;
      }
      if (kind.kind === 'items') {
        // Continuity (X-2019): 上一年项目数量 + 本年增/减 = next year's 上一年项目数量.
        const key = `${title}|${r}`;
        const prev = state.items.get(key) ?? initialItems(category, mean, cell);
        const delta = prev === 0 && mean <= 0 ? 0 : Math.max(-prev, DELTAS[cell.weighted(DELTA_WEIGHTS)]!);
        state.items.set(key, prev + delta);
        out[kind.prev] = prev;
        out[kind.delta] = delta;
        if (kind.decisions !== undefined) {
          const n = cell.poisson(mean * cell.factor(0.25));
          out[kind.decisions] = n;
          // The prose names licensing and enforcement decisions, not 其他对外管理服务事项 (licensing row 1).
          if (n > 0 && (r === 0 || category === 'enforcement')) facts.decisions.push({ label: leaf.label, count: n });
        }
        return;
      }
      if (kind.kind === 'decisions') {
        const n = cell.poisson(mean * cell.factor(0.25));
        out[0] = n;
        if (n > 0) facts.decisions.push({ label: leaf.label, count: n });
        return;
      }
      // Amounts in 万元 with two decimals.
      const col = block.columns[kind.amount]!;
      const unit = col.unit ?? AMOUNT_UNIT;
      if (kind.count !== undefined) {
        const count = cell.poisson(mean);
        const amount = count === 0 ? 0 : round2(count * cell.int(8, 260) * cell.factor(0.3));
        out[kind.count] = count;
        out[kind.amount] = amount;
        facts.procurement = { label: leaf.label, count, amount, unit };
      } else {
        const amount = mean > 0 ? round2(mean * cell.factor(0.25)) : 0;
        out[kind.amount] = amount;
        if (amount > 0) facts.fee = { label: leaf.label, amount, unit };
      }
    });
  });
  return { values, facts };
}

function tableFour(format: CompiledFormat, office: DemoOffice, traits: OfficeTraits, rng: Rng) {
  const table = format.table('四');
  const values = zeros(table);
  const rule = totalRule(table, 'row-total');
  const block = table.blocks[rule.block]!;
  const facts: DisputeFacts = { groups: [] };
  block.rows.forEach((leaf, r) => {
    const n = rng.poisson(office.activity.disputes * traits.scale * (DISPUTE_ROW_SHARES[r] ?? 0.1));
    const parts = rng.split(n, rule.parts.map((_, k) => DISPUTE_RESULT_WEIGHTS[k] ?? 1));
    rule.parts.forEach((c, k) => (values[rule.block]![r]![c] = parts[k]!));
    // Group the rows as the header does: 行政复议 alone, the two 行政诉讼 rows under their group label.
    const label = leaf.path[0]!;
    const g = facts.groups.find((x) => x.label === label) ?? (facts.groups.push({ label, count: 0, corrected: 0 }), facts.groups[facts.groups.length - 1]!);
    g.count += n;
    g.corrected += parts[1] ?? 0;
  });
  fillTotals(table, values);
  return { values, facts };
}
