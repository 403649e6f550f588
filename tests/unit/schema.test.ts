// The JSON Schemas: generated from the definitions, committed as generated, and agreeing with the loader on
// real sources (the bundled reports validate; broken ones do not).
import { Ajv } from 'ajv';
import { load } from 'js-yaml';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaFiles } from '../../src/schema/source-schema.ts';
import { REPO, reportSource } from '../helpers/content.ts';

const files = schemaFiles();
const ajv = new Ajv({ allErrors: true, strict: false });
const validateReport = ajv.compile(JSON.parse(files['report.schema.json']!));
const frontMatter = (text: string) => load(text.split(/^---$/m)[1]!);

describe('JSON Schemas', () => {
  it('are committed exactly as generated (run npm run schema after changing a definition)', () => {
    for (const [name, text] of Object.entries(files)) expect(readFileSync(path.join(REPO, 'schema', name), 'utf8'), name).toBe(text);
  });

  it('accept every bundled report, office, the regions and the site configuration', () => {
    const reports = path.join(REPO, 'reports');
    const office = ajv.compile(JSON.parse(files['office.schema.json']!));
    let n = 0;
    for (const dir of readdirSync(reports).filter((d) => !d.includes('.'))) {
      expect(office(load(readFileSync(path.join(reports, dir, 'office.yml'), 'utf8'))), dir).toBe(true);
      for (const f of readdirSync(path.join(reports, dir)).filter((x) => x.endsWith('.md'))) {
        const ok = validateReport(frontMatter(readFileSync(path.join(reports, dir, f), 'utf8')));
        expect(ok, `${dir}/${f}: ${JSON.stringify(validateReport.errors?.slice(0, 3))}`).toBe(true);
        n++;
      }
    }
    expect(n).toBeGreaterThan(100);
    expect(ajv.validate(JSON.parse(files['regions.schema.json']!), load(readFileSync(path.join(reports, 'regions.yml'), 'utf8')))).toBe(true);
    expect(ajv.validate(JSON.parse(files['site.schema.json']!), load(readFileSync(path.join(REPO, 'site.yml'), 'utf8')))).toBe(true);
  });

  it('accept omitted totals and refuse what the loader refuses', () => {
    expect(validateReport(frontMatter(reportSource(2020, { omitTotals: true })))).toBe(true);
    const good = reportSource(2022);
    for (const [from, to] of [
      ['    行政规范性文件:', '    规范性文件:'], // a 2019 label in a 2021 report
      ['    行政处罚: [0]', '    行政处罚: [/]'], // a placeholder
      ['    行政处罚: [0]', '    行政处罚: [1.5]'], // a decimal count
      ['年度: 2022', '年度: 2022\n作者: 张三'], // an unknown key
      ['  行政复议: [0, 0, 0, 0, 0]', '  行政复议: [0, 0, 0, 0, 0, 0]'], // one value too many
    ] as const) {
      expect(validateReport(frontMatter(good.replace(from, to))), to).toBe(false);
    }
  });
});
