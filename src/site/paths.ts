// Every URL and output path is derived here, in code, from validated ASCII ids and years — never from content.
import path from 'node:path';
import { SLUG } from '../load/fields.ts';

const segment = (s: string | number): string => {
  const v = String(s);
  if (!SLUG.test(v)) throw new Error(`unsafe URL segment: ${JSON.stringify(v)}`);
  return v;
};

/** A site-relative URL (without path prefix) from safe segments; ends with / for pages. */
export function urlFor(...segments: (string | number)[]): string {
  return segments.length ? `/${segments.map(segment).join('/')}/` : '/';
}

export const reportUrl = (officeId: string, year: number): string => urlFor('reports', officeId, year);
export const officeUrl = (officeId: string): string => urlFor('reports', officeId);

/** Eleventy permalink for a page URL. */
export const permalinkFor = (url: string): string => `${url}index.html`;

/** Throws unless `file` (absolute or relative to cwd) lies inside `outputDir`. */
export function assertInsideOutput(outputDir: string, file: string): void {
  const out = path.resolve(outputDir);
  const target = path.resolve(file);
  if (target !== out && !target.startsWith(out + path.sep)) {
    throw new Error(`output path escapes the output folder: ${file}`);
  }
}
