// Loads the whole content tree once per build: site.yml, reports/regions.yml, reports/<office>/office.yml and
// reports/<office>/<year>.md. Every problem of every file is collected; nothing is built if any is an error.
// Imported through site.ts, which brings markdown-it along (markdown-ref.ts); `nianbao check` imports it directly.
import { existsSync, lstatSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { OFFICE_FIELDS, REGION_FIELDS, SITE_FIELDS, type FieldSpec } from '../model/fields.ts';
import type { Office, Region, Report, SiteConfig, SiteData } from '../model/types.ts';
import { Diagnostics, SourceErrors, type Diagnostic } from './diagnostics.ts';
import { SLUG, readFields } from './fields.ts';
import { DATA_FILE, REPORT_FILE, loadReport } from './report-core.ts';
import { checkReportsParts } from '../check/index.ts';
import { cellSharer } from '../model/compact.ts';
import { pushAll } from '../util/arrays.ts';
import { SourceFileError, readSourceText } from './source.ts';
import { YamlError, isMapping, loadStrictYaml } from './yaml.ts';

export const OFFICE_FILE = 'office.yml';
export const REGIONS_FILE = 'regions.yml';
export const SITE_FILE = 'site.yml';

export interface SitePaths {
  /** Project root: messages name files relative to it. */
  root: string;
  /** The content folder, normally <root>/reports. */
  reports: string;
  /** The site configuration, normally <root>/site.yml. */
  siteFile: string;
}

export const defaultPaths = (root: string): SitePaths => ({
  root,
  reports: path.join(root, 'reports'),
  siteFile: path.join(root, SITE_FILE),
});

const rel = (p: SitePaths, file: string) => path.relative(p.root, file).split(path.sep).join('/');

/** Loads a YAML-only file against field specs; `each` = the file is a mapping of id → fields. */
function loadYamlFile(p: SitePaths, file: string, specs: readonly FieldSpec[], each: boolean, out: Diagnostic[]): Record<string, Record<string, unknown>> | undefined {
  const diags = new Diagnostics(rel(p, file));
  try {
    const doc = loadStrictYaml(readSourceText(file, path.dirname(file)));
    const ctx = { doc, diags };
    if (!isMapping(doc.value)) {
      diags.error({ line: 1, col: 1 }, 'YAML', '文件内容应为“字段: 值”的形式');
      return undefined;
    }
    const obj = doc.value;
    if (!each) return { '': readFields(ctx, obj, specs, []) };
    const result: Record<string, Record<string, unknown>> = {};
    for (const [id, v] of Object.entries(obj)) {
      if (!SLUG.test(id)) diags.error(doc.keys.get(id), 'ID', `代号「${id}」无效`, '代号只能用小写英文字母、数字和连字符，如 demo-city');
      else if (!isMapping(v)) diags.error(doc.values.get(id), 'YAML', `「${id}」下应为各字段`);
      else result[id] = readFields(ctx, v, specs, [id]);
    }
    return result;
  } catch (e) {
    if (e instanceof YamlError) diags.error(e.pos, 'YAML', e.message);
    else if (e instanceof SourceFileError) diags.error({ line: e.line, col: 1 }, 'FILE', e.message, e.hint);
    else throw e;
    return undefined;
  } finally {
    out.push(...diags.items);
  }
}

export const sortedDir = (dir: string) => readdirSync(dir).sort();

export interface LoadedSite {
  site?: SiteData;
  diagnostics: Diagnostic[];
}

/** What loading one report gave, kept for the next load in the same process (the dev server's rebuilds). */
interface Remembered {
  bytes: Buffer;
  dataBytes?: Buffer;
  /** The office as the report saw it (its name is the default publisher and title). */
  office: string;
  diagnostics: Diagnostic[];
  report?: Report;
}
const remembered = new Map<string, Remembered>();

const fileBytes = (file: string): Buffer | undefined => {
  try {
    // A link is read again in full, with its checks.
    return lstatSync(file).isSymbolicLink() ? undefined : readFileSync(file);
  } catch {
    return undefined;
  }
};

/**
 * loadReport, or — with `incremental` — what it gave last time for byte-identical files of the same office. The
 * report is handed out as a fresh copy (its warnings are filled again by the checks); everything else it holds is
 * shared, as nothing changes a loaded report.
 */
function loadReportOnce(file: string, p: SitePaths, office: Office, dataFile: string | undefined, incremental: boolean): { diagnostics: Diagnostic[]; report?: Report } {
  if (!incremental) {
    const r = loadReport(file, p.root, p.reports, office, dataFile);
    return { diagnostics: r.diagnostics.items, report: r.value };
  }
  const key = `${p.root}\u0000${file}`;
  const bytes = fileBytes(file);
  const dataBytes = dataFile ? fileBytes(dataFile) : undefined;
  const officeKey = JSON.stringify(office);
  const had = remembered.get(key);
  if (had && bytes && had.bytes.equals(bytes) && had.office === officeKey && (dataFile ? dataBytes !== undefined && had.dataBytes?.equals(dataBytes) : had.dataBytes === undefined)) {
    return { diagnostics: [...had.diagnostics], report: had.report && { ...had.report, warnings: [] } };
  }
  const r = loadReport(file, p.root, p.reports, office, dataFile);
  if (bytes && (!dataFile || dataBytes)) remembered.set(key, { bytes, dataBytes, office: officeKey, diagnostics: [...r.diagnostics.items], report: r.value && { ...r.value, warnings: [] } });
  else remembered.delete(key);
  return { diagnostics: r.diagnostics.items, report: r.value };
}

export interface LoadOptions {
  /**
   * Reuse what an earlier load in this process gave for report files that have not changed (same bytes, same
   * office): for the dev server, where one edit should not cost reading every report again. The result is the
   * same as a full load.
   */
  incremental?: boolean;
  /**
   * Build one region of a larger site: the id of a region in regions.yml. Every office.yml is still read and
   * checked (the checks between offices stay whole), but only the reports of offices in this region or below it
   * are loaded and checked, and only those offices are in the site. Several region ids are separated by commas.
   * See docs/scaling.md.
   */
  shard?: string;
  /**
   * Share equal table cells and rows, dropping their positions (src/model/compact.ts), as each few offices are
   * loaded and checked: for a build, which only reads cells from then on. Unshared, every report's cells at once
   * were the largest thing a 100,000-report build held (~24 KB per report against ~7 shared).
   */
  compact?: boolean;
}

/**
 * Office folders loaded and checked at a time, by a build (loadSite) and by each thread of `nianbao check`
 * (parallel.ts): the checks between reports compare reports of one office. Small enough that threads finish
 * together, large enough to cost nothing to hand out.
 */
export const CHUNK_OFFICES = 8;

/** What the whole site shares, read before the offices: site.yml, regions.yml, the shard's regions. */
export interface SiteHead {
  cfg?: Record<string, unknown>;
  regions: Region[];
  regionIds: Set<string>;
  /** With a shard: the shard's region and every region below it. */
  shardRegions?: Set<string>;
  diagnostics: Diagnostic[];
}

/** What loading a run of office folders gives, in the order of the folders. */
export interface OfficesPart {
  /** Every office read (all of them, also outside a shard), for the checks between offices. */
  offices: Office[];
  /** The offices whose reports were loaded (all, or those of the shard). */
  built: Office[];
  reports: Report[];
  diagnostics: Diagnostic[];
}

const problemOf = (p: SitePaths, out: Diagnostic[]) => (file: string, rule: string, message: string, hint?: string, line = 1) =>
  out.push({ file: rel(p, file), line, col: 1, severity: 'error', rule, message, hint });

export function loadHead(p: SitePaths, opts: LoadOptions = {}): SiteHead {
  const out: Diagnostic[] = [];
  const problem = problemOf(p, out);
  const cfg = loadYamlFile(p, p.siteFile, SITE_FIELDS, false, out)?.[''];
  const regionsFile = path.join(p.reports, REGIONS_FILE);
  const regionRows = existsSync(regionsFile) ? loadYamlFile(p, regionsFile, REGION_FIELDS, true, out) : (problem(regionsFile, 'FILE', '缺少地区列表 regions.yml'), undefined);
  const regions: Region[] = Object.entries(regionRows ?? {}).map(([id, r]) => ({ id, name: r.name as string, parent: r.parent as string | undefined, demo: r.demo === true }));
  const regionIds = new Set(regions.map((r) => r.id));
  for (const r of regions) if (r.parent && !regionIds.has(r.parent)) problem(regionsFile, 'REF', `地区「${r.id}」的上级「${r.parent}」不存在`);
  let shardRegions: Set<string> | undefined;
  if (opts.shard !== undefined) {
    // One region id, or several separated by commas (a CI job may take a few small regions).
    shardRegions = new Set();
    for (const id of opts.shard.split(',').map((s) => s.trim())) {
      if (!regionIds.has(id)) problem(regionsFile, 'REF', `分片地区「${id}」不在 regions.yml 中`, '--shard 后写 regions.yml 中的地区代号（多个以逗号分隔），只生成这些地区及其下级地区的报告');
      for (const r of regionSubtree(regions, id)) shardRegions.add(r);
    }
  }
  return { cfg, regions, regionIds, shardRegions, diagnostics: out };
}

/** A region and every region below it (a parent cycle cannot make this loop: each region is taken once). */
export function regionSubtree(regions: readonly Region[], root: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const r of regions) if (r.parent) children.set(r.parent, [...(children.get(r.parent) ?? []), r.id]);
  const out = new Set<string>();
  const todo = [root];
  while (todo.length) {
    const id = todo.pop()!;
    if (out.has(id)) continue;
    out.add(id);
    todo.push(...(children.get(id) ?? []));
  }
  return out;
}

/** Loads the office folders `names` (entries of reports/, sorted) with their reports. */
export function loadOffices(p: SitePaths, head: SiteHead, names: readonly string[], incremental = false): OfficesPart {
  const out: Diagnostic[] = [];
  const problem = problemOf(p, out);
  const offices: Office[] = [];
  const built: Office[] = [];
  const reports: Report[] = [];
  for (const name of names) {
    const dir = path.join(p.reports, name);
    if (name === REGIONS_FILE || name.startsWith('.') || name.toLowerCase() === 'readme.md') continue;
    if (!statSync(dir).isDirectory()) {
      problem(dir, 'FILE', `reports/ 下不应有文件「${name}」`, '每个机构一个目录：reports/<机构代号>/office.yml 和 <年度>.md');
      continue;
    }
    if (!SLUG.test(name)) {
      problem(dir, 'ID', `机构代号「${name}」无效`, '目录名即机构代号，只能用小写英文字母、数字和连字符（如 taishan-gov-office），网址由它生成');
      continue;
    }
    const officeFile = path.join(dir, OFFICE_FILE);
    if (!existsSync(officeFile)) {
      problem(dir, 'FILE', `机构目录「${name}」缺少 ${OFFICE_FILE}`, '在其中写明机构全称、地区、层级、类型等信息');
      continue;
    }
    const o = loadYamlFile(p, officeFile, OFFICE_FIELDS, false, out)?.[''];
    if (!o) continue;
    const office: Office = {
      id: name,
      file: rel(p, officeFile),
      name: o.name as string,
      shortName: (o.shortName as string | undefined) ?? (o.name as string),
      region: o.region as string,
      parent: o.parent as string | undefined,
      level: o.level as string,
      type: o.type as string,
      contact: (o.contact as Office['contact'] | undefined) ?? {},
    };
    if (office.region && !head.regionIds.has(office.region)) problem(officeFile, 'REF', `地区「${office.region}」不在 regions.yml 中`);
    offices.push(office);
    // Another shard builds this office's reports (and reports their problems).
    if (head.shardRegions && !head.shardRegions.has(office.region)) continue;
    built.push(office);
    const names = sortedDir(dir);
    for (const f of names) {
      if (f === OFFICE_FILE) continue;
      const file = path.join(dir, f);
      const data = DATA_FILE.exec(f);
      if (data) {
        if (!names.includes(`${data[1]}.md`)) problem(file, 'FILE', `有数据文件「${f}」但没有正文「${data[1]}.md」`, `正文（六个部分）写在 ${data[1]}.md 中`);
        continue;
      }
      if (!REPORT_FILE.test(f)) {
        problem(file, 'FILE', `无法识别的文件「${f}」`, '报告文件名应为四位年度加 .md，如 2023.md（数据可另写在 2023.yml 中）');
        continue;
      }
      const dataName = f.replace(/\.md$/, '.yml');
      const r = loadReportOnce(file, p, office, names.includes(dataName) ? path.join(dir, dataName) : undefined, incremental);
      for (const d of r.diagnostics) out.push(d);
      if (r.report) reports.push(r.report);
    }
  }
  return { offices, built, reports, diagnostics: out };
}

/** The checks between offices: one office under two ids, parents that do not exist. */
export function checkOffices(p: SitePaths, offices: readonly Office[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const problem = problemOf(p, out);
  // The same office under two ids would publish two reports for one office and year.
  const byName = new Map<string, Office>();
  for (const o of offices) {
    const other = byName.get(o.name);
    if (other) problem(path.join(p.reports, o.id, OFFICE_FILE), 'REF', `机构「${o.name}」已有目录 reports/${other.id}/`, '同一机构只能有一个目录，否则同一年度会有两份报告；请合并两个目录');
    else byName.set(o.name, o);
  }
  const officeIds = new Set(offices.map((o) => o.id));
  for (const o of offices) if (o.parent && !officeIds.has(o.parent)) problem(path.join(p.reports, o.id, OFFICE_FILE), 'REF', `上级机构「${o.parent}」不存在`);
  return out;
}

/** Loads and validates everything; `site` is set only when there is no error. */
export function loadSite(p: SitePaths, opts: LoadOptions = {}): LoadedSite {
  const head = loadHead(p, opts);
  // A few offices at a time: their reports are checked (and compacted) before the next are read. The diagnostics
  // come out in the order of one load over every office: loading, the checks between offices, then every cross-year
  // diagnostic and every prose diagnostic (src/load/parallel.ts relies on the same order).
  const share = opts.compact ? cellSharer() : undefined;
  const names = sortedDir(p.reports);
  const part: OfficesPart = { offices: [], built: [], reports: [], diagnostics: [] };
  const crossYear: Diagnostic[] = [];
  const prose: Diagnostic[] = [];
  for (let i = 0; i < names.length; i += CHUNK_OFFICES) {
    const chunk = loadOffices(p, head, names.slice(i, i + CHUNK_OFFICES), opts.incremental);
    const checked = checkReportsParts(chunk.reports);
    share?.(chunk.reports);
    pushAll(part.offices, chunk.offices);
    pushAll(part.built, chunk.built);
    pushAll(part.reports, chunk.reports);
    pushAll(part.diagnostics, chunk.diagnostics);
    pushAll(crossYear, checked.crossYear);
    pushAll(prose, checked.prose);
  }
  const out = [...head.diagnostics, ...part.diagnostics, ...checkOffices(p, part.offices), ...crossYear, ...prose];
  const cfg = head.cfg;
  if (out.some((d) => d.severity === 'error') || !cfg) return { diagnostics: out };
  const config: SiteConfig = {
    name: cfg.name as string,
    domain: cfg.domain as string,
    idCode: cfg.idCode as string,
    sponsor: cfg.sponsor as string,
    icp: cfg.icp as string | undefined,
    icpUrl: (cfg.icpUrl as string | undefined) ?? 'https://beian.miit.gov.cn/',
    police: cfg.police as string | undefined,
    policeUrl: cfg.policeUrl as string | undefined,
    contact: cfg.contact as string | undefined,
    pathPrefix: normalisePrefix((cfg.pathPrefix as string | undefined) ?? '/'),
  };
  const site: SiteData = { config, regions: head.regions, offices: part.built, reports: part.reports };
  if (opts.shard !== undefined) site.shard = opts.shard;
  return { site, diagnostics: out };
}

export function normalisePrefix(prefix: string): string {
  const parts = prefix.split('/').filter(Boolean);
  if (parts.some((s) => !SLUG.test(s))) throw new SourceErrors([{ file: SITE_FILE, line: 1, col: 1, severity: 'error', rule: 'KIND', message: `路径前缀「${prefix}」无效`, hint: '如 /nianbao/' }]);
  return parts.length ? `/${parts.join('/')}/` : '/';
}

/** Loads or throws SourceErrors with every diagnostic. */
export function loadSiteOrThrow(p: SitePaths, opts: LoadOptions = {}): SiteData {
  const r = loadSite(p, opts);
  if (!r.site) throw new SourceErrors(r.diagnostics);
  return r.site;
}

/** The path prefix alone, for Eleventy's config (read before the full load; errors surface in the full load). */
export function readPathPrefix(p: SitePaths): string {
  try {
    const doc = loadStrictYaml(readSourceText(p.siteFile, path.dirname(p.siteFile)));
    const key = SITE_FIELDS.find((f) => f.prop === 'pathPrefix')!.key;
    const v = isMapping(doc.value) ? doc.value[key] : undefined;
    return typeof v === 'string' ? normalisePrefix(v) : '/';
  } catch {
    return '/';
  }
}
