// Shared by `nianbao new` and `nianbao import`: where a report goes, whether its office exists, what to create
// when it does not, and checking one written report with the real loader.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../load/diagnostics.ts';
import { SLUG } from '../load/fields.ts';
import { loadReport } from '../load/report.ts';
import { OFFICE_FILE, defaultPaths, type SitePaths } from '../load/site.ts';
import { readSourceText } from '../load/source.ts';
import { isMapping, loadStrictYaml } from '../load/yaml.ts';
import { OFFICE_FIELDS } from '../model/fields.ts';
import type { Office } from '../model/types.ts';

export interface Target {
  paths: SitePaths;
  officeDir: string;
  officeFile: string;
  /** reports/<office>/<year>.md, absolute. */
  file: string;
  /** The same, relative to the project root, for messages. */
  rel: string;
}

export function targetOf(root: string, officeId: string, year: number): Target {
  const paths = defaultPaths(path.resolve(root));
  const officeDir = path.join(paths.reports, officeId);
  const file = path.join(officeDir, `${year}.md`);
  return { paths, officeDir, officeFile: path.join(officeDir, OFFICE_FILE), file, rel: path.relative(paths.root, file).split(path.sep).join('/') };
}

/** Problems with the office id or the project folder, in Chinese; empty when all is well. */
export function officeProblems(t: Target, officeId: string): string[] {
  if (!SLUG.test(officeId)) return [`机构代号「${officeId}」无效：只能用小写英文字母、数字和连字符，如 taishan-gov-office`];
  if (!existsSync(t.paths.reports) || !statSync(t.paths.reports).isDirectory()) {
    return [`找不到报告目录 ${path.relative(process.cwd(), t.paths.reports) || t.paths.reports}；请在项目目录中运行，或用 --root 指定项目目录`];
  }
  return [];
}

/** Office ids that exist (folders with an office.yml). */
export function knownOffices(t: Target): string[] {
  return readdirSync(t.paths.reports)
    .filter((n) => SLUG.test(n) && existsSync(path.join(t.paths.reports, n, OFFICE_FILE)))
    .sort();
}

/** What to write into a missing office.yml: the required fields, with the choices the checker accepts. */
export function officeTemplate(t: Target, officeId: string, name?: string): string[] {
  const rel = path.relative(t.paths.root, t.officeFile).split(path.sep).join('/');
  const lines = [`请先建立 ${rel}（机构信息，每个机构一份），例如：`];
  for (const f of OFFICE_FIELDS.filter((x) => x.required)) {
    const value = f.prop === 'name' && name ? `${name}    # 据原文推测，请核对` : f.choices ? `（${f.choices.join(' / ')} 之一）` : `（${f.describe}）`;
    lines.push(`  ${f.key}: ${value}`);
  }
  const others = knownOffices(t);
  if (others.length) lines.push(`已有的机构代号：${others.slice(0, 12).join('、')}${others.length > 12 ? ' 等' : ''}（如「${officeId}」是笔误，请改用其中之一）`);
  return lines;
}

/**
 * The office as far as a single report needs it (id and full name); undefined when there is no office.yml. An
 * office.yml with errors still counts (its name falls back to the id): `nianbao check` reports those errors.
 */
export function readOffice(t: Target, officeId: string): Office | undefined {
  if (!existsSync(t.officeFile)) return undefined;
  let name: unknown;
  try {
    const doc = loadStrictYaml(readSourceText(t.officeFile, t.officeDir));
    const key = OFFICE_FIELDS.find((f) => f.prop === 'name')!.key;
    name = isMapping(doc.value) ? doc.value[key] : undefined;
  } catch {
    name = undefined;
  }
  const full = typeof name === 'string' ? name : officeId;
  return { id: officeId, file: path.relative(t.paths.root, t.officeFile), name: full, shortName: full, region: '', level: '', type: '', contact: {} };
}

/** reports/<office>/<year>.yml, the report's data kept beside its prose, when there is one. */
export function dataFileOf(t: Target, year: number): string | undefined {
  const f = path.join(t.officeDir, `${year}.yml`);
  return existsSync(f) ? f : undefined;
}

/** Loads one report with the real loader (its data file too, if any): diagnostics and, without error, the report. */
export function checkReport(t: Target, office: Office, year: number) {
  const file = path.join(t.officeDir, `${year}.md`);
  const r = loadReport(file, t.paths.root, t.paths.reports, office, dataFileOf(t, year));
  return { report: r.value, diagnostics: r.diagnostics.items as Diagnostic[] };
}
