#!/usr/bin/env node
// nianbao command line: build, serve, check (and, as they land, new and import). Messages for editors are in
// Chinese; a problem in the sources prints every diagnostic and exits 1, never a stack trace.
process.env.TZ = 'Asia/Shanghai';
import { SourceErrors, formatHuman, sortDiagnostics, type Diagnostic } from '../load/diagnostics.ts';
import { defaultPaths, loadSite } from '../load/site.ts';
import { buildSite } from './build.ts';
import { serveSite } from './serve.ts';

const USAGE = `用法：nianbao <命令> [选项]
  build [--out 目录] [--pdf] [--timings]
                            检查全部报告并生成网站（默认输出到 _site/）；--pdf 同时生成每份报告的 PDF；
                            --timings 列出各阶段用时
  serve [--port 8080]       本地预览，修改报告后自动刷新
  check [--format human|json|github]
                            只检查报告，不生成网站
  new <机构代号> <年度>     生成新一年的报告文件（各格“待填”，上年结转按上年报告预填）
  import <文件> --office <机构代号> --year <年度> [--force]
                            把已发布的报告（网页或纯文本）导入为报告文件
选项 --root 目录 指定项目目录（默认为当前目录）。`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  if (i >= 0) return args[i + 1];
  const eq = args.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3);
}

export function printDiagnostics(ds: Diagnostic[], format: string): void {
  const sorted = sortDiagnostics(ds);
  if (format === 'json') {
    console.log(JSON.stringify(sorted, null, 2));
  } else if (format === 'github') {
    // GitHub Actions workflow commands: one annotation per problem on the file and line.
    const esc = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
    const prop = (s: string) => esc(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
    for (const d of sorted) {
      const level = d.severity === 'error' ? 'error' : 'warning';
      console.log(`::${level} file=${prop(d.file)},line=${d.line},col=${d.col},title=${prop(d.rule)}::${esc(d.message + (d.hint ? `\n提示：${d.hint}` : ''))}`);
    }
  } else {
    for (const d of sorted) console.error(formatHuman(d));
    const errors = sorted.filter((d) => d.severity === 'error').length;
    const warnings = sorted.length - errors;
    if (sorted.length) console.error(`\n共 ${errors} 个错误，${warnings} 个警告。`);
  }
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  const root = option(args, 'root') ?? process.cwd();
  try {
    switch (command) {
      case 'build': {
        const { files, warnings, phases } = await buildSite({ root, output: option(args, 'out'), quiet: true, pdf: args.includes('--pdf'), timings: args.includes('--timings') });
        // Phases that run on worker threads or beside Eleventy overlap: these are wall times, not a sum.
        for (const p of phases) console.error(`用时　${p.name}：${(p.ms / 1000).toFixed(1)} 秒`);
        // Warnings do not stop the build; they are printed here and listed on the oversight page (/quality/).
        printDiagnostics(warnings, 'human');
        console.log(`网站已生成：${files} 个文件。`);
        return 0;
      }
      case 'serve':
        await serveSite(root, Number(option(args, 'port') ?? 8080));
        return 0;
      case 'check': {
        const format = option(args, 'format') ?? 'human';
        const r = loadSite(defaultPaths(root));
        printDiagnostics(r.diagnostics, format);
        const ok = !r.diagnostics.some((d) => d.severity === 'error');
        if (ok && format === 'human') console.error(`检查通过：${r.site?.reports.length ?? 0} 份报告。`);
        return ok ? 0 : 1;
      }
      // Loaded on demand: the importer brings large dictionaries (opencc, pinyin) that build and check never need.
      case 'new':
        return (await import('./new.ts')).runNew(args);
      case 'import':
        return (await import('./import.ts')).runImport(args);
      default:
        console.error(USAGE);
        return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
    }
  } catch (e) {
    if (e instanceof SourceErrors) {
      printDiagnostics(e.diagnostics, 'human');
      console.error('生成失败：请先改正以上错误。原有网站未作改动。');
      return 1;
    }
    console.error(`生成失败：${e instanceof Error ? e.message : String(e)}`);
    console.error('原有网站未作改动。');
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('main.ts')) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
