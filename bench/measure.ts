// Runs one command as a whole, separate process and measures it: wall time (from spawn to exit, measured here),
// CPU time and peak resident memory. GNU time (`/usr/bin/time -v`) gives CPU and peak RSS when it is installed;
// otherwise bench/rss-wrapper.ts runs the script inside a process that reports its own resource usage on exit.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
export const PACKAGE_ROOT = path.resolve(BENCH_DIR, '..');

export interface Measured {
  /** What ran, for the record. */
  command: string;
  exitCode: number | null;
  signal: string | null;
  wallMs: number;
  /** User + system CPU time of the process, when known. */
  cpuMs?: number;
  /** Peak resident set size in MiB, when known. */
  peakRssMiB?: number;
  /** How the peak was measured: "gnu-time" or "wrapper". */
  rssSource?: string;
  stdout: string;
  stderr: string;
}

/** GNU time with -v, if installed (busybox and BSD time print other formats). */
let gnuTime: boolean | undefined;
export function hasGnuTime(): boolean {
  if (gnuTime === undefined) {
    gnuTime = existsSync('/usr/bin/time') && /Maximum resident set size/.test(spawnSync('/usr/bin/time', ['-v', 'true'], { encoding: 'utf8' }).stderr ?? '');
  }
  return gnuTime;
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Flags for node itself, before the script: --max-old-space-size=…, --cpu-prof … */
  nodeFlags?: string[];
  /** Kill the process after this long. */
  timeoutMs?: number;
  /** Called once the process is running (the dev-server measurement drives it from here). */
  onSpawn?: (child: ChildProcess) => void;
  /** Called with each chunk of output. */
  onOutput?: (text: string) => void;
  /** Also write the whole output (stdout and stderr, interleaved) to this file. */
  logFile?: string;
}

const KEEP = 200_000;
const tail = (s: string) => (s.length > KEEP ? s.slice(-KEEP) : s);

/** GNU time's report: "User time (seconds): 1.23" … "Maximum resident set size (kbytes): 123456". */
export function parseGnuTime(stderr: string): { cpuMs?: number; peakRssMiB?: number; rest: string } {
  const num = (label: string) => {
    const m = new RegExp(`${label}[^:]*:\\s*([\\d.]+)`).exec(stderr);
    return m ? Number(m[1]) : undefined;
  };
  const user = num('User time');
  const sys = num('System time');
  const rss = num('Maximum resident set size');
  const at = stderr.search(/\n?\s*Command (being timed|exited|terminated)/);
  return {
    cpuMs: user !== undefined && sys !== undefined ? Math.round((user + sys) * 1000) : undefined,
    peakRssMiB: rss !== undefined ? Math.round((rss / 1024) * 10) / 10 : undefined,
    rest: at >= 0 ? stderr.slice(0, at) : stderr,
  };
}

/** Runs `node [nodeFlags] script args…` and measures it. */
export function runNode(script: string, args: string[], opts: RunOptions = {}): Promise<Measured> {
  const nodeArgs = [...(opts.nodeFlags ?? []), script, ...args];
  let file: string;
  let argv: string[];
  let rssFile: string | undefined;
  const env = { ...process.env, ...opts.env };
  if (hasGnuTime()) {
    file = '/usr/bin/time';
    argv = ['-v', process.execPath, ...nodeArgs];
  } else {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'nianbao-rss-'));
    rssFile = path.join(dir, 'usage.json');
    env.NIANBAO_BENCH_USAGE = rssFile;
    file = process.execPath;
    argv = [...(opts.nodeFlags ?? []), '--import', 'tsx', path.join(BENCH_DIR, 'rss-wrapper.ts'), script, ...args];
  }
  const command = ['node', ...nodeArgs].join(' ');
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // Its own process group, so that the whole command (time and node) can be stopped together.
    const child = spawn(file, argv, { cwd: opts.cwd ?? PACKAGE_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    const log = opts.logFile ? createWriteStream(opts.logFile) : undefined;
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout = tail(stdout + d);
      log?.write(d);
      opts.onOutput?.(d);
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr = tail(stderr + d);
      log?.write(d);
      opts.onOutput?.(d);
    });
    const timer = opts.timeoutMs ? setTimeout(() => stopGroup(child, 'SIGKILL'), opts.timeoutMs) : undefined;
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const wallMs = Math.round(performance.now() - started);
      log?.end();
      if (timer) clearTimeout(timer);
      const m: Measured = { command, exitCode: code, signal, wallMs, stdout, stderr };
      if (rssFile) {
        try {
          const u = JSON.parse(readFileSync(rssFile, 'utf8')) as { maxRssKiB: number; cpuMs: number };
          m.peakRssMiB = Math.round((u.maxRssKiB / 1024) * 10) / 10;
          m.cpuMs = u.cpuMs;
          m.rssSource = 'wrapper';
        } catch {
          // The process died before it could report (killed, or out of memory).
        }
        rmSync(path.dirname(rssFile), { recursive: true, force: true });
      } else {
        const t = parseGnuTime(stderr);
        m.cpuMs = t.cpuMs;
        m.peakRssMiB = t.peakRssMiB;
        m.rssSource = 'gnu-time';
        m.stderr = t.rest;
      }
      resolve(m);
    });
    opts.onSpawn?.(child);
  });
}

/**
 * Stops a process started by runNode, with its group (GNU time and node). SIGINT first for a clean exit: GNU time
 * ignores it while it waits, so it still prints its report once node has gone.
 */
export function stopGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGINT'): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}
