// Builds the bundled content (reports/) once per test run; build and browser tests read the same output.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildSite } from '../src/cli/build.ts';

const REPO = path.resolve(import.meta.dirname, '..');

export default async function setup(project: TestProject): Promise<void> {
  const output = path.join(mkdtempSync(path.join(os.tmpdir(), 'nianbao-bundled-')), '_site');
  await buildSite({ root: REPO, output });
  project.provide('bundledSite', output);
}

declare module 'vitest' {
  export interface ProvidedContext {
    bundledSite: string;
  }
}
