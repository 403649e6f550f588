// `node --import tsx bench/rss-wrapper.ts <script> [args…]`: runs a Node script in this process and, when the
// process exits, writes its peak resident memory and CPU time to $NIANBAO_BENCH_USAGE. Used by bench/measure.ts
// where GNU time is not installed. (The tsx loader it needs adds a little to what it measures.)
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const out = process.env.NIANBAO_BENCH_USAGE;
const [script, ...args] = process.argv.slice(2);
if (!script || !out) {
  console.error('usage: NIANBAO_BENCH_USAGE=file node --import tsx bench/rss-wrapper.ts <script> [args…]');
  process.exit(2);
}
process.on('exit', () => {
  const u = process.resourceUsage();
  writeFileSync(out, JSON.stringify({ maxRssKiB: u.maxRSS, cpuMs: Math.round((u.userCPUTime + u.systemCPUTime) / 1000) }));
});
// The script sees the arguments it would have had when run directly.
process.argv = [process.argv[0]!, path.resolve(script), ...args];
await import(pathToFileURL(path.resolve(script)).href);
