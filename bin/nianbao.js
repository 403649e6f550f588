#!/usr/bin/env node
// The `nianbao` command: runs the TypeScript CLI through tsx, so `npx nianbao …` works without a compile step.
import { register } from 'tsx/esm/api';

register();
process.env.TZ = 'Asia/Shanghai';
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
