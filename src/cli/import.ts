// `nianbao import <file> --office <id> --year <YYYY> [--root dir] [--force]`: reads a published report (a saved
// HTML page or a plain-text copy) into reports/<office>/<year>.md, lists what it could not read, and checks the
// result with the real loader. It never overwrites a report unless --force is given.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatForYear } from '../formats/index.ts';
import { formatHuman, sortDiagnostics } from '../load/diagnostics.ts';
import { importReport } from '../import/index.ts';
import { checkReport, dataFileOf, officeProblems, officeTemplate, readOffice, targetOf } from '../import/office.ts';

export const IMPORT_USAGE = `用法：nianbao import <文件> --office <机构代号> --year <年度> [--root 目录] [--force]
  <文件> 为从网站保存的网页（.html）或复制出的纯文本（.txt）。`;

/** A saved page is a few hundred kilobytes; anything far larger is not one. */
const MAX_INPUT_BYTES = 20 * 1024 * 1024;

export function runImport(argv: string[]): number {
  try {
    return runImportUnguarded(argv);
  } catch (e) {
    // Messages for editors, never a stack trace.
    console.error(`导入失败：${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

function runImportUnguarded(argv: string[]): number {
  let values: { office?: string; year?: string; root?: string; force?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      options: { office: { type: 'string' }, year: { type: 'string' }, root: { type: 'string' }, force: { type: 'boolean' } },
      allowPositionals: true,
    }));
  } catch (e) {
    console.error(`参数有误：${e instanceof Error ? e.message : String(e)}\n${IMPORT_USAGE}`);
    return 2;
  }
  const [file, ...extra] = positionals;
  if (!file || extra.length || !values.office || !values.year) {
    console.error(IMPORT_USAGE);
    return 2;
  }
  const year = Number(values.year);
  const format = Number.isInteger(year) ? formatForYear(year) : undefined;
  if (!format) {
    console.error(`不支持的年度「${values.year}」：本系统支持 2019 年度起的报告（2019 试行格式和 2021 格式）`);
    return 2;
  }
  const target = targetOf(values.root ?? process.cwd(), values.office, year);
  const problems = officeProblems(target, values.office);
  if (problems.length) {
    for (const p of problems) console.error(p);
    return 2;
  }
  let bytes: Buffer;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new Error('不是文件');
    if (st.size > MAX_INPUT_BYTES) {
      console.error(`文件过大（${(st.size / 1024 / 1024).toFixed(1)} MB），不像是一份报告网页：${file}`);
      return 2;
    }
    bytes = readFileSync(file);
  } catch {
    console.error(`无法读取文件：${file}`);
    return 2;
  }

  const result = importReport({ bytes, name: path.basename(file), year, format });
  const office = readOffice(target, values.office);
  if (!office) {
    console.error(`机构「${values.office}」还没有机构信息文件，报告未写入。`);
    for (const l of officeTemplate(target, values.office, result.report.meta.publisher as string | undefined)) console.error(l);
    console.error('建好后再运行一次本命令。');
    return 1;
  }
  const data = dataFileOf(target, year);
  if (data) {
    // The report's data lives beside its prose; an import would be a second copy of it. Never delete a file here.
    console.error(`${path.relative(target.paths.root, data).split(path.sep).join('/')} 已存在（这份报告的数据），未导入。如确要用导入结果替换这份报告，请先移走它和 ${target.rel}。`);
    return 1;
  }
  try {
    writeFileSync(target.file, result.source, { flag: values.force ? 'w' : 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
      console.error(`${target.rel} 已存在，未覆盖。如确要用导入结果替换它，加 --force。`);
      return 1;
    }
    throw e;
  }

  const out: string[] = [`已导入：${target.rel}（${result.kind === 'html' ? '网页' : '纯文本'}，适用《${format.def.name}》）`];
  const meta = result.report.meta;
  out.push(`  标题：${(meta.title as string | undefined) ?? '（未找到）'}`);
  out.push(`  发布日期：${String(meta.published)}`);
  for (const i of result.info) out.push(`  ${i}`);
  if (result.gaps.length) {
    out.push(`未能读取或须核对（${result.gaps.length} 处，已在文件中标出）：`);
    for (const g of result.gaps) out.push(`  - ${g}`);
  } else {
    out.push('原文内容已全部读取。');
  }
  console.log(out.join('\n'));

  const { diagnostics } = checkReport(target, office, year);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  for (const d of sortDiagnostics(diagnostics)) console.error(formatHuman(d));
  if (errors.length) {
    console.error(`检查未通过：${errors.length} 个错误（多为原文本身的数据问题，请对照原文改正）。文件已写入。`);
    return 1;
  }
  console.log('检查通过。');
  return 0;
}
