// Times the per-report pages alone (src/report-pages/) on this thread: loads a content folder, builds the page
// models, renders and writes every report's pages `--repeat` times. For profiling with `node --cpu-prof`:
//   node --import tsx bench/render-pages.ts --root <content> --out /tmp/pages [--repeat 3]
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { defaultPaths, loadSiteOrThrow, readPathPrefix } from '../src/load/site.ts';
import { allPageModels, buildPages } from '../src/site/pages.ts';
import { ReportPageRenderer } from '../src/report-pages/render.ts';

const { values } = parseArgs({ options: { root: { type: 'string', default: '.' }, out: { type: 'string', default: '/tmp/nianbao-pages' }, repeat: { type: 'string', default: '1' } } });
const paths = defaultPaths(values.root!);
let t = performance.now();
const site = loadSiteOrThrow(paths);
const pages = buildPages(site, { dataPage: true });
console.log(`load + models: ${(performance.now() - t).toFixed(0)} ms, ${pages.reports.length} reports`);
const renderer = new ReportPageRenderer({ config: site.config, nav: pages.nav, features: { pdf: false }, prefix: readPathPrefix(paths), contentRoot: paths.root });
for (let i = 0; i < Number(values.repeat); i++) {
  rmSync(values.out!, { recursive: true, force: true });
  t = performance.now();
  const w = renderer.write(allPageModels(pages), values.out!);
  const ms = performance.now() - t;
  console.log(`render + write: ${ms.toFixed(0)} ms, ${(ms / pages.reports.length).toFixed(2)} ms/report, ${w.files} files, ${(w.bytes / 2 ** 20).toFixed(1)} MiB`);
}
