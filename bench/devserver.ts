// The dev server's answer to an edit: start `nianbao serve` on the generated content, wait for the first build,
// then change one report's prose and time until the page the editor is looking at shows the change (edit →
// visible), and until the server says the listing pages were refreshed too (edit → rebuilt). See src/dev/server.ts.
import type { ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { defaultPaths, readPathPrefix } from '../src/load/site.ts';
import { reportUrl } from '../src/site/paths.ts';
import { PACKAGE_ROOT, runNode, stopGroup, type Measured } from './measure.ts';

export interface EditTiming {
  file: string;
  url: string;
  /** From writing the file to the first response that shows the change. */
  visibleMs: number;
  /** From writing the file to the server's "列表页已更新" (listings refreshed; undefined if not seen). */
  rebuiltMs?: number;
}

export interface DevResult {
  /** From spawning `nianbao serve` to the first page served (the serve-mode full build). */
  readyMs?: number;
  edits: EditTiming[];
  process: Measured;
  error?: string;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function fetchText(url: string): Promise<string | undefined> {
  try {
    const res = await fetch(url, { headers: { 'cache-control': 'no-cache' } });
    return res.ok ? await res.text() : undefined;
  } catch {
    return undefined;
  }
}

/** A paragraph without digits (the prose checks read numbers) appended to section 一. */
function withMarker(source: string, marker: string): string {
  const at = source.indexOf('\n## 二、');
  if (at < 0) throw new Error('report has no section 二 heading');
  return `${source.slice(0, at)}\n\n${marker}\n${source.slice(at)}`;
}

export async function measureDevEdits(content: string, files: string[], opts: { nodeFlags?: string[]; readyTimeoutMs: number; editTimeoutMs: number; log: (s: string) => void; logFile?: string }): Promise<DevResult> {
  const port = await freePort();
  const prefix = readPathPrefix(defaultPaths(content)).replace(/\/$/, '');
  const base = `http://localhost:${port}${prefix}`;
  let child: ChildProcess | undefined;
  let exited = false;
  let builds = 0;
  const originals = new Map<string, string>();
  const result: Omit<DevResult, 'process'> = { edits: [] };
  const started = performance.now();
  const running = runNode(path.join(PACKAGE_ROOT, 'bin', 'nianbao.js'), ['serve', '--root', content, '--port', String(port)], {
    nodeFlags: opts.nodeFlags,
    logFile: opts.logFile,
    onSpawn: (c) => (child = c),
    onOutput: (text) => {
      builds += (text.match(/列表页已更新|网站已重新生成/g) ?? []).length;
    },
  }).finally(() => (exited = true));

  const waitFor = async (url: string, ok: (body: string) => boolean, timeoutMs: number, every: number): Promise<number | undefined> => {
    const t = performance.now();
    while (!exited && performance.now() - t < timeoutMs) {
      const body = await fetchText(url);
      if (body !== undefined && ok(body)) return performance.now();
      await sleep(every);
    }
    return undefined;
  };

  try {
    const firstUrl = `${base}${urlOf(files[0]!)}`;
    const ready = await waitFor(firstUrl, () => true, opts.readyTimeoutMs, 250);
    if (ready === undefined) throw new Error(exited ? 'nianbao serve exited before serving' : 'nianbao serve did not serve the first page in time');
    result.readyMs = Math.round(ready - started);
    opts.log(`dev server ready after ${(result.readyMs / 1000).toFixed(1)} s`);
    // Let the watcher settle after the first build.
    await sleep(1000);
    for (const [i, file] of files.entries()) {
      const url = `${base}${urlOf(file)}`;
      const source = readFileSync(file, 'utf8');
      if (!originals.has(file)) originals.set(file, source);
      const marker = `基准测试修改标记${'甲乙丙丁戊己庚辛壬癸'[i % 10]}${'子丑寅卯辰巳午未申酉戌亥'[Math.floor(i / 10) % 12]}。`;
      const before = builds;
      const t0 = performance.now();
      writeFileSync(file, withMarker(source, marker));
      const seen = await waitFor(url, (body) => body.includes(marker), opts.editTimeoutMs, 50);
      if (seen === undefined) throw new Error(`the edit to ${file} did not show within ${opts.editTimeoutMs / 1000} s`);
      // The page is visible; wait for the rest of the rebuild before the next edit.
      const t = performance.now();
      while (!exited && builds === before && performance.now() - t < opts.editTimeoutMs) await sleep(50);
      const edit: EditTiming = { file: path.relative(content, file), url: urlOf(file), visibleMs: Math.round(seen - t0), rebuiltMs: builds > before ? Math.round(performance.now() - t0) : undefined };
      result.edits.push(edit);
      opts.log(`edit ${i + 1}: visible after ${(edit.visibleMs / 1000).toFixed(2)} s, rebuilt after ${edit.rebuiltMs === undefined ? '?' : (edit.rebuiltMs / 1000).toFixed(2)} s`);
      await sleep(500);
    }
  } catch (e) {
    result.error = e instanceof Error ? e.message : String(e);
  }
  if (child) stopGroup(child, 'SIGINT');
  const killer = setTimeout(() => child && stopGroup(child, 'SIGKILL'), 15_000);
  const measured = await running;
  clearTimeout(killer);
  for (const [file, text] of originals) writeFileSync(file, text);
  return { ...result, process: measured };
}

function urlOf(file: string): string {
  return reportUrl(path.basename(path.dirname(file)), Number(path.basename(file, '.md')));
}
