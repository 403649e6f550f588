// `npm run demo -- [--out reports] [--seed 2024] [--offices 24] [--years 2019-2025] [--prefix demo-] [--reports N]`
// Writes the fictional 示例市 demo into a reports folder. --reports N is a benchmark convenience: it asks for
// enough offices to give at least N reports over the chosen years.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_PREFIX, writeDemo } from './generate.ts';

export const DEFAULTS = { out: 'reports', seed: 2024, offices: 24, years: '2019-2025' } as const;

/** 2019-2025, 2021, or 2019,2021-2023. */
export function parseYears(spec: string): number[] {
  const years: number[] = [];
  for (const part of spec.split(',')) {
    const m = /^\s*(\d{4})\s*(?:-\s*(\d{4})\s*)?$/.exec(part);
    if (!m) throw new Error(`--years: cannot read “${part}” (use 2019-2025 or 2021,2023)`);
    const from = Number(m[1]);
    const to = Number(m[2] ?? m[1]);
    if (to < from) throw new Error(`--years: ${from}-${to} runs backwards`);
    for (let y = from; y <= to; y++) years.push(y);
  }
  return years;
}

function positiveInt(name: string, v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got “${v}”`);
  return n;
}

function main(argv: string[]): void {
  const { values } = parseArgs({
    args: argv,
    options: {
      out: { type: 'string', default: DEFAULTS.out },
      seed: { type: 'string', default: String(DEFAULTS.seed) },
      offices: { type: 'string' },
      reports: { type: 'string' },
      years: { type: 'string', default: DEFAULTS.years },
      prefix: { type: 'string', default: DEFAULT_PREFIX },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log('tsx src/demo/cli.ts [--out reports] [--seed 2024] [--offices 24 | --reports N] [--years 2019-2025] [--prefix demo-]');
    return;
  }
  const years = parseYears(values.years);
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got “${values.seed}”`);
  if (values.offices && values.reports) throw new Error('give --offices or --reports, not both');
  const offices = values.reports ? Math.ceil(positiveInt('reports', values.reports) / years.length) : values.offices ? positiveInt('offices', values.offices) : DEFAULTS.offices;
  const out = path.resolve(values.out);
  const s = writeDemo(out, { seed, offices, years, idPrefix: values.prefix });
  console.log(`demo: ${s.offices} offices, ${s.reports} reports, ${s.regions} regions → ${out}`);
}

// Run only as a script, so that tests can import parseYears.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    main(process.argv.slice(2));
  } catch (e) {
    console.error(`demo: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  }
}
