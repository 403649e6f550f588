#!/usr/bin/env node
// nianbao command line: build, serve, check (and, as they land, new and import). Messages for editors are in
// Chinese; a problem in the sources prints every diagnostic and exits 1, never a stack trace.
process.env.TZ = 'Asia/Shanghai';
// Each command imports its modules when it runs: the build and the dev server bring Eleventy and the renderers
// (seconds of module loading), which `check` never needs, and the importer large dictionaries (opencc, pinyin).
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { SourceErrors, type Diagnostic } from '../load/diagnostics.ts';

const USAGE = `用法：nianbao <命令> [选项]
  build [--out 目录] [--pdf] [--timings] [--full] [--shard 地区代号] [--reuse 目录]…
                            检查全部报告并生成网站（默认输出到 _site/）；--pdf 同时生成每份报告的 PDF；
                            --timings 列出各阶段用时；未改动的报告页沿用上次的输出，--full 全部重新生成；
                            --shard 只生成该地区及其下级地区的报告页（分片，可在多台机器上同时生成），
                            --reuse 合并生成时沿用各分片输出目录中的报告页（可写多次）
  serve [--port 8080]       本地预览，修改报告后自动刷新
  check [--format human|json|github]
                            只检查报告，不生成网站
  new <机构代号> <年度>     生成新一年的报告文件（各格“待填”，上年结转按上年报告预填）
  import <文件> --office <机构代号> --year <年度> [--force]
                            把已发布的报告（网页或纯文本）导入为报告文件
选项 --root 目录 指定项目目录（默认为当前目录）。`;

function option(args: string[], name: string): string | undefined {
  return options(args, name)[0];
}

/** Every value of an option that may be given more than once (--reuse a --reuse b, or --reuse=a). */
function options(args: string[], name: string): string[] {
  const out: string[] = [];
  args.forEach((a, i) => {
    if (a === `--${name}` && args[i + 1] !== undefined) out.push(args[i + 1]!);
    else if (a.startsWith(`--${name}=`)) out.push(a.slice(name.length + 3));
  });
  return out;
}

const printDiagnostics = async (ds: Diagnostic[], format: string) => (await import('./check.ts')).printDiagnostics(ds, format);

/** Entries of the content folder (office folders), to choose the number of check threads; 0 if it cannot be read. */
function contentEntries(root: string): number {
  try {
    return readdirSync(path.join(root, 'reports')).length;
  } catch {
    return 0;
  }
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  const root = option(args, 'root') ?? process.cwd();
  try {
    switch (command) {
      case 'build': {
        const { buildSite } = await import('./build.ts');
        const { files, warnings, phases, reused } = await buildSite({ root, output: option(args, 'out'), quiet: true, pdf: args.includes('--pdf'), timings: args.includes('--timings'), full: args.includes('--full'), shard: option(args, 'shard'), reuse: options(args, 'reuse') });
        // Phases that run on worker threads or beside Eleventy overlap: these are wall times, not a sum.
        for (const p of phases) console.error(`用时　${p.name}：${(p.ms / 1000).toFixed(1)} 秒`);
        // Warnings do not stop the build; they are printed here and listed on the oversight page (/quality/).
        await printDiagnostics(warnings, 'human');
        const shard = option(args, 'shard');
        console.log(`${shard === undefined ? '网站' : `分片「${shard}」的报告页`}已生成：${files} 个文件${reused ? `（其中 ${reused} 份报告未改动，沿用上次生成的页面）` : ''}。`);
        return 0;
      }
      case 'serve':
        await (await import('./serve.ts')).serveSite(root, Number(option(args, 'port') ?? 8080));
        return 0;
      case 'check': {
        // The worker threads start first: each takes about a second to load its modules, time this thread spends
        // loading its own.
        const { startWorkers, threadsFor } = await import('../load/check-pool.ts');
        const workers = startWorkers(threadsFor(contentEntries(root)) - 1);
        return await (await import('./check.ts')).runCheck(root, option(args, 'format') ?? 'human', workers);
      }
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
      await printDiagnostics(e.diagnostics, 'human');
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
