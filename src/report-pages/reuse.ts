// Incremental builds. A report's files (its page, comparison, renditions and open-data files) depend only on its
// page models (the page, the comparison, the reports they show), the committed source bytes, the data every page
// shares (site config, navigation, path prefix, features) and nianbao's own code, templates and dependencies.
// Each build records, per report, a hash of all of that and the files it wrote (MANIFEST_URL, inside the output);
// the next build hard-links the files of every report whose hash is unchanged from the previous output instead of
// rendering them again, and renders the rest. A province that corrects one report re-renders that report and its
// neighbours (whose navigation or comparison shows it), not ten thousand.
//
// The hash covers the models as the renderer receives them, as JSON, so anything a page can show is in it; the
// code hash covers every file under src/ and templates/, package.json and package-lock.json, and the Node version.
// JSON loses Maps, Sets, functions and non-finite numbers: the models hold none, which the compiler checks
// (JsonData below) and a test checks on real models. (Not v8.serialize: its bytes depend on how V8 happens to
// store equal values — a string's width, an integer as a double, two equal objects or one shared — so equal
// models did not always give equal keys.)
import { createHash } from 'node:crypto';
import { linkSync, copyFileSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { outputPath } from '../export/files.ts';
import type { Batch } from './transfer.ts';
import type { SharedData } from './render.ts';

/** Where a build records what it wrote per report (a hidden file of the output; it holds hashes only). */
export const MANIFEST_URL = '/.nianbao/reports.json';
const VERSION = 2;

/** What one report's files were made from (its key) and which files they are, with their sizes. */
export interface ReportRecord {
  key: string;
  files: Array<[url: string, bytes: number]>;
}

export interface Manifest {
  version: number;
  reports: Record<string, ReportRecord>;
  /** Office pages and feeds, by office id. */
  offices: Record<string, ReportRecord>;
}

/** Which part of the manifest a record is in. */
export type RecordKind = 'reports' | 'offices';

/**
 * T, if JSON keeps all of it: no Map, Set or function at any depth (`never` otherwise, so that passing such a
 * value does not compile). A replacer that handled them cost 0.5 ms per report, four times the hashing itself.
 */
export type JsonData<T> = T extends Map<unknown, unknown> | Set<unknown> | ((...args: never[]) => unknown)
  ? never
  : T extends object
    ? { [K in keyof T]: JsonData<T[K]> }
    : T;
const serialize = <T>(v: T & JsonData<T>): string => JSON.stringify(v) ?? 'undefined';

const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function hashTree(h: ReturnType<typeof createHash>, dir: string): void {
  for (const name of readdirSync(dir).sort()) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) hashTree(h, file);
    else h.update(`${path.relative(PACKAGE_ROOT, file)}\0`).update(readFileSync(file)).update('\0');
  }
}

let code: string | undefined;
/** A hash of nianbao's own code, templates and pinned dependencies, and of the runtime that serialises models. */
export function codeKey(): string {
  if (code) return code;
  const h = createHash('sha256').update(`v${VERSION} node ${process.versions.node}\0`);
  hashTree(h, path.join(PACKAGE_ROOT, 'src'));
  hashTree(h, path.join(PACKAGE_ROOT, 'templates'));
  for (const f of ['package.json', 'package-lock.json']) {
    try {
      h.update(readFileSync(path.join(PACKAGE_ROOT, f)));
    } catch {
      // An installed package has no lock file: its package.json pins the direct dependencies.
    }
  }
  return (code = h.digest('hex'));
}

/** The part of every key that all reports share: the code and the shared data (not the content folder's path). */
export function sharedKey(shared: SharedData): string {
  const { contentRoot: _, ...rest } = shared;
  return createHash('sha256').update(codeKey()).update(serialize(rest)).digest('hex');
}

/** Report id in the manifest. */
export const reportId = (officeId: string, year: number): string => `${officeId}/${year}`;

/**
 * The key of each page of a batch (in batch order): its models as posted to a thread, with the batch-relative
 * report indices replaced by the reports themselves, and the bytes of its committed source files.
 */
export function batchKeys(batch: Batch, shared: string, contentRoot: string): string[] {
  const compareOf = new Map(batch.compares.map((c) => [c.report, c]));
  return batch.pages.map((p) => {
    const report = batch.reports[p.report]!;
    const c = compareOf.get(p.report);
    const h = createHash('sha256').update(shared);
    h.update(serialize({ page: { ...p, report: null }, report }));
    h.update(serialize(c ? { compare: { ...c, report: null, previous: null }, previous: batch.reports[c.previous] } : null));
    for (const rel of [report.file, report.dataFile]) if (rel) h.update(readFileSync(path.join(contentRoot, rel)));
    return h.digest('hex');
  });
}

/** The key of each office page of a batch (in batch order): its model, with its charts and feed. */
export function officeKeys(batch: Batch, shared: string): string[] {
  return batch.offices.map((o) => createHash('sha256').update(shared).update(serialize(o)).digest('hex'));
}

/** Earlier outputs to take unchanged reports from (none: every report is rendered), and the shared key. */
export interface ReuseFrom {
  /** Output folders with their manifests, in the order they are tried. */
  sources: Array<{ dir: string; manifest: Manifest }>;
  /** sharedKey(shared data). */
  sharedKey: string;
}

/**
 * What a renderer needs to reuse reports from earlier outputs: the previous build of the same site, and for a
 * merge the outputs of shard builds (nianbao build --shard; docs/scaling.md).
 */
export function reuseFrom(shared: SharedData, outputs: readonly string[] = []): ReuseFrom {
  return { sharedKey: sharedKey(shared), sources: outputs.map((dir) => ({ dir, manifest: readManifest(dir) })) };
}

/** Links the files of report (or office) `id` from the first source that holds them under `key`; its record, or undefined. */
export function reuseFromSources(reuse: ReuseFrom, kind: RecordKind, id: string, key: string, outputDir: string): ReportRecord | undefined {
  for (const { dir, manifest } of reuse.sources) {
    const record = manifest[kind][id];
    if (record && reuseReport(record, key, dir, outputDir)) return record;
  }
  return undefined;
}

/** The previous build's manifest, or an empty one when there is none (or it cannot be read). */
export function readManifest(previousOutput: string | undefined): Manifest {
  const empty: Manifest = { version: VERSION, reports: {}, offices: {} };
  if (!previousOutput) return empty;
  try {
    const m = JSON.parse(readFileSync(outputPath(previousOutput, MANIFEST_URL), 'utf8')) as Manifest;
    return m.version === VERSION && [m.reports, m.offices].every((r) => r && typeof r === 'object') ? m : empty;
  } catch {
    return empty;
  }
}

/**
 * Links a report's files from the previous output into the new one when its key is unchanged and every file is
 * still there with its recorded size; false (nothing linked) otherwise. Copies where a link is impossible (another
 * file system).
 */
export function reuseReport(record: ReportRecord | undefined, key: string, previousOutput: string, outputDir: string): boolean {
  if (!record || record.key !== key || !Array.isArray(record.files)) return false;
  const pairs: Array<[string, string]> = [];
  for (const [url, bytes] of record.files) {
    const from = outputPath(previousOutput, url);
    try {
      if (statSync(from).size !== bytes) return false;
    } catch {
      return false;
    }
    pairs.push([from, outputPath(outputDir, url)]);
  }
  const made = new Set<string>();
  for (const [from, to] of pairs) {
    const dir = path.dirname(to);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    try {
      linkSync(from, to);
    } catch {
      copyFileSync(from, to);
    }
  }
  return true;
}

const byId = (records: Iterable<[string, ReportRecord]>) => Object.fromEntries([...records].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** The manifest of this build, reports and offices in id order (the same content gives the same bytes). */
export function manifestText(reports: Iterable<[string, ReportRecord]>, offices: Iterable<[string, ReportRecord]>): string {
  return `${JSON.stringify({ version: VERSION, reports: byId(reports), offices: byId(offices) } satisfies Manifest)}\n`;
}
