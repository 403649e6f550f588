// Builds the bundled content (reports/) once per test run; build and browser tests read the same output. Every
// temporary folder of the run (tests make hundreds, some of them whole sites) goes under one folder of its own,
// removed when the run ends.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildSite } from '../src/cli/build.ts';

const REPO = path.resolve(import.meta.dirname, '..');

export default async function setup(project: TestProject): Promise<() => void> {
  // The test processes are forked after this and inherit it: os.tmpdir() reads TMPDIR.
  const run = mkdtempSync(path.join(os.tmpdir(), 'nianbao-tests-'));
  process.env.TMPDIR = run;
  const output = path.join(mkdtempSync(path.join(os.tmpdir(), 'nianbao-bundled-')), '_site');
  await buildSite({ root: REPO, output });
  project.provide('bundledSite', output);
  return () => rmSync(run, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    bundledSite: string;
  }
}
