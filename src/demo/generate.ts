// The demo generator: a fictional region (示例市) with offices and reports whose numbers pass every rule the
// loader checks, and whose continuity rules (X-CARRY, X-2019, X-STOCK) hold between consecutive years. Output is a
// pure function of the options: no clock, no Math.random, so the bundled demo and benchmark fixtures are
// reproducible byte for byte.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { formatForYear } from '../formats/index.ts';
import { OFFICE_FILE, REGIONS_FILE } from '../load/site.ts';
import { OFFICE_FIELDS, REGION_FIELDS, type FieldSpec } from '../model/fields.ts';
import { writeReportSource, yamlString } from '../write/source.ts';
import { writeProse } from './prose.ts';
import { Rng } from './random.ts';
import { planDemo, type DemoOffice, type DemoRegion } from './structure.ts';
import { newState, officeTraits, yearTables } from './tables.ts';

export interface DemoOptions {
  seed: number;
  offices: number;
  /** Report years; each needs a format (2019 on). Continuity runs over every year from the first to the last. */
  years: number[];
  /** Prefix of every office and region id; default `demo-`. Must end with a hyphen. */
  idPrefix?: string;
}

export interface DemoFile {
  /** Relative to reports/, with forward slashes. */
  path: string;
  text: string;
}

export interface DemoOutput {
  /** The demo regions as YAML (without the BEGIN/END marker lines). */
  regions: string;
  files: DemoFile[];
}

export const DEFAULT_PREFIX = 'demo-';
export const DEMO_BEGIN = '# BEGIN demo';
export const DEMO_END = '# END demo';
const PREFIX = /^[a-z0-9]+(?:-[a-z0-9]+)*-$/;

function checkOptions(opts: DemoOptions): { prefix: string; years: number[] } {
  const prefix = opts.idPrefix ?? DEFAULT_PREFIX;
  // The prefix decides which folders writeDemo deletes: it must be a slug ending in a hyphen, never empty.
  if (!PREFIX.test(prefix)) throw new Error(`idPrefix must be lowercase letters, digits and hyphens ending with “-”, got “${prefix}”`);
  if (!Number.isInteger(opts.seed)) throw new Error(`seed must be an integer, got ${opts.seed}`);
  const years = [...new Set(opts.years)].sort((a, b) => a - b);
  if (!years.length) throw new Error('years must not be empty');
  for (const y of years) if (!Number.isInteger(y) || !formatForYear(y)) throw new Error(`no report format for year ${y}`);
  return { prefix, years };
}

const specOf = (specs: readonly FieldSpec[], prop: string): FieldSpec => {
  const s = specs.find((x) => x.prop === prop);
  if (!s) throw new Error(`demo: no field for ${prop}`);
  return s;
};

/** One `key: value` line, quoting codes (电话, 邮编) so that they stay strings. */
const field = (specs: readonly FieldSpec[], prop: string, value: string | boolean | undefined, indent = ''): string[] => {
  if (value === undefined) return [];
  const s = specOf(specs, prop);
  const text = typeof value === 'boolean' ? String(value) : s.kind === 'code' ? JSON.stringify(value) : yamlString(value);
  return [`${indent}${s.key}: ${text}`];
};

export function regionsYaml(regions: readonly DemoRegion[]): string {
  const lines = ['# 示例市：虚构的演示数据，由 npm run demo 生成，请勿手工编辑。'];
  for (const r of regions) {
    lines.push(`${r.id}:`, ...field(REGION_FIELDS, 'name', r.name, '  '), ...field(REGION_FIELDS, 'parent', r.parent, '  '), ...field(REGION_FIELDS, 'demo', true, '  '));
  }
  return lines.join('\n') + '\n';
}

export function officeYaml(o: DemoOffice): string {
  const contact = specOf(OFFICE_FIELDS, 'contact');
  const sub = contact.fields ?? [];
  return (
    [
      '# 演示数据：虚构的机构，由 npm run demo 生成。',
      ...field(OFFICE_FIELDS, 'name', o.name),
      ...field(OFFICE_FIELDS, 'shortName', o.shortName),
      ...field(OFFICE_FIELDS, 'region', o.region),
      ...field(OFFICE_FIELDS, 'parent', o.parent),
      ...field(OFFICE_FIELDS, 'level', o.level),
      ...field(OFFICE_FIELDS, 'type', o.type),
      `${contact.key}:`,
      ...field(sub, 'phone', o.contact.phone, '  '),
      ...field(sub, 'address', o.contact.address, '  '),
      ...field(sub, 'postcode', o.contact.postcode, '  '),
      ...field(sub, 'email', o.contact.email, '  '),
    ].join('\n') + '\n'
  );
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** YYYY-MM-DD of the n-th day (1-based) of a year, without Date: nothing here may depend on the machine. */
function dayOfYear(year: number, n: number): string {
  const months = [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  let m = 0;
  let d = n;
  while (d > months[m]!) d -= months[m++]!;
  return `${year}-${pad(m + 1, 2)}-${pad(d, 2)}`;
}

/**
 * Publication dates within the legal deadlines (条例 第四十九条): governments by 3月31日, their departments and
 * every other office by 1月31日 of the next year; the 成文日期 a few days earlier, still in January or later.
 */
function dates(office: DemoOffice, year: number, rng: Rng): { published: string; written: string } {
  const y = year + 1;
  const last = office.type === '人民政府' ? 31 + (isLeap(y) ? 29 : 28) + 31 : 31;
  const published = rng.int(office.type === '人民政府' ? 20 : 10, last);
  const written = Math.max(2, published - rng.int(1, 6));
  return { published: dayOfYear(y, published), written: dayOfYear(y, written) };
}

/** Reports of one office, oldest first, simulating every year in the range so that continuity holds. */
function* officeReports(office: DemoOffice, seed: number, prefix: string, years: readonly number[]): Generator<DemoFile> {
  const rng = new Rng(seed).fork('office', office.id);
  const traits = officeTraits(office, rng);
  const state = newState();
  const titled = rng.fork('title').chance(0.3);
  const code = prefix.replace(/-/g, '').toUpperCase();
  const wanted = new Set(years);
  for (let year = years[0]!; year <= years[years.length - 1]!; year++) {
    const format = formatForYear(year)!;
    const yr = rng.fork('year', year);
    const tables = yearTables(format, office, traits, state, yr.fork('tables'));
    // Prose reads and updates the state too (last year's problems), so it runs for skipped years as well.
    const prose = writeProse({ office, year, tables, state, rng: yr.fork('prose') });
    if (!wanted.has(year)) continue;
    const d = dates(office, year, yr.fork('dates'));
    const meta: Record<string, unknown> = {
      year,
      title: titled ? `${office.name}${year}年度政府信息公开工作年度报告` : undefined,
      published: d.published,
      written: d.written,
      indexNo: `${code}${pad(office.ordinal, 4)}/${year + 1}-${pad(yr.fork('index').int(1, 400), 5)}`,
    };
    yield { path: `${office.id}/${year}.md`, text: writeReportSource({ format, meta, tables: tables.tables, prose }) };
  }
}

/** Every demo file, lazily: writeDemo streams them so that 100 000 reports never sit in memory at once. */
export function* demoFiles(opts: DemoOptions): Generator<DemoFile> {
  const { prefix, years } = checkOptions(opts);
  const plan = planDemo(opts.offices, prefix, opts.seed);
  for (const office of plan.offices) {
    yield { path: `${office.id}/${OFFICE_FILE}`, text: officeYaml(office) };
    yield* officeReports(office, opts.seed, prefix, years);
  }
}

export function generateDemo(opts: DemoOptions): DemoOutput {
  const { prefix } = checkOptions(opts);
  return { regions: regionsYaml(planDemo(opts.offices, prefix, opts.seed).regions), files: [...demoFiles(opts)] };
}

/**
 * Puts the demo regions between the marker lines of regions.yml: replaces an existing demo part, or appends one.
 * Everything outside the markers is kept byte for byte.
 */
export function replaceDemoRegions(existing: string, regions: string): string {
  const block = `${DEMO_BEGIN}\n${regions}${DEMO_END}\n`;
  const lineAt = (marker: string, from: number): { start: number; end: number } | undefined => {
    const re = new RegExp(`^${marker.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[ \\t]*\\r?$`, 'gm');
    re.lastIndex = from;
    const m = re.exec(existing);
    if (!m) return undefined;
    const nl = existing.indexOf('\n', m.index);
    return { start: m.index, end: nl < 0 ? existing.length : nl + 1 };
  };
  const begin = lineAt(DEMO_BEGIN, 0);
  if (begin) {
    const end = lineAt(DEMO_END, begin.end);
    if (!end) throw new Error(`regions.yml has “${DEMO_BEGIN}” without a following “${DEMO_END}”`);
    return existing.slice(0, begin.start) + block + existing.slice(end.end);
  }
  const sep = existing === '' || existing.endsWith('\n') ? '' : '\n';
  return existing + sep + block;
}

/** A folder the demo may delete: named with the prefix, holding only office.yml and <year>.md files. */
function staleDemoFolders(reportsDir: string, prefix: string): string[] {
  if (!existsSync(reportsDir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(reportsDir)) {
    const dir = path.join(reportsDir, name);
    if (!name.startsWith(prefix) || !statSync(dir).isDirectory()) continue;
    const odd = readdirSync(dir).filter((f) => f !== OFFICE_FILE && !/^\d{4}\.md$/.test(f));
    // Something else lives there (notes, images): refuse rather than delete a hand-made folder.
    if (odd.length) throw new Error(`refusing to delete ${dir}: it holds ${odd.join(', ')}, which the demo generator does not write`);
    out.push(dir);
  }
  return out;
}

export interface DemoSummary {
  offices: number;
  reports: number;
  regions: number;
}

/** Writes the demo into a reports folder: regions.yml demo part, stale demo folders removed, then every file. */
export function writeDemo(reportsDir: string, opts: DemoOptions): DemoSummary {
  const { prefix } = checkOptions(opts);
  const plan = planDemo(opts.offices, prefix, opts.seed);
  mkdirSync(reportsDir, { recursive: true });
  for (const dir of staleDemoFolders(reportsDir, prefix)) rmSync(dir, { recursive: true });
  const regionsFile = path.join(reportsDir, REGIONS_FILE);
  const existing = existsSync(regionsFile) ? readFileSync(regionsFile, 'utf8') : '';
  writeFileSync(regionsFile, replaceDemoRegions(existing, regionsYaml(plan.regions)));
  let reports = 0;
  const made = new Set<string>();
  for (const f of demoFiles(opts)) {
    const file = path.join(reportsDir, ...f.path.split('/'));
    const dir = path.dirname(file);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    writeFileSync(file, f.text);
    if (f.path.endsWith('.md')) reports++;
  }
  return { offices: plan.offices.length, reports, regions: plan.regions.length };
}
