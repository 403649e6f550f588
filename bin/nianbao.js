#!/usr/bin/env node
// The `nianbao` command: runs the TypeScript CLI through tsx, so `npx nianbao …` works without a compile step.
// `check`, which CI runs on every push, runs it compiled instead (src/util/ts-bundle.mjs, cached on disk): tsx
// would start a module-loader thread and compile each module as it is imported, about half a second of wall time
// and a second of CPU at 10,000 reports. Should compiling fail, it goes through tsx like the other commands.
process.env.TZ = 'Asia/Shanghai';
const args = process.argv.slice(2);
const main = new URL('../src/cli/main.ts', import.meta.url);
const compiled = args[0] === 'check' ? await (await import('../src/util/ts-bundle.mjs')).bundled(main) : undefined;
if (!compiled) (await import('tsx/esm/api')).register();
process.exitCode = await (await import(compiled ?? main.href)).main(args);
