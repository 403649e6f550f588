// flatString (src/util/flat-string.ts): a page built by appending, as Nunjucks builds it, kept flat takes a fraction
// of the heap its rope takes, and reads the same. ownString: a piece cut from a long text, kept without the text.
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { flatString, ownString } from '../../src/util/flat-string.ts';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** A page the way Nunjucks's compiled templates build it: `output +=` each literal and each value. */
function rope(seed: number): string {
  let out = '<table>';
  for (let i = 0; i < 5_000; i++) {
    out += '<tr><td>';
    out += String(seed + i);
    out += '</td><td>';
    out += '予以公开';
    out += '</td></tr>';
  }
  return (out += '</table>');
}

/** Heap bytes that 40 pages made by `page` keep alive. */
function heapOf(page: (seed: number) => string): { bytes: number; pages: string[] } {
  gc();
  const before = process.memoryUsage().heapUsed;
  const pages = Array.from({ length: 40 }, (_, i) => page(i));
  gc();
  return { bytes: process.memoryUsage().heapUsed - before, pages };
}

describe('flatString', () => {
  it('keeps the text and lets the rope go', () => {
    const ropes = heapOf(rope);
    const flat = heapOf((seed) => flatString(rope(seed)));
    expect(flat.pages).toEqual(ropes.pages);
    // 40 pages of ~170,000 two-byte characters: ~13 MB flat, well over twice that as ropes.
    expect(flat.bytes).toBeLessThan(ropes.bytes / 2);
  });
});

describe('ownString', () => {
  it('keeps a piece of a long text without the text', () => {
    // A report's prose cut from its source file's text (~200,000 two-byte characters here), 40 times.
    const source = (seed: number) => `年度: ${seed}\n${'予以公开'.repeat(50_000)}`;
    const sliced = heapOf((seed) => source(seed).slice(100, 1100));
    const owned = heapOf((seed) => ownString(source(seed).slice(100, 1100)));
    expect(owned.pages).toEqual(sliced.pages);
    expect(owned.bytes).toBeLessThan(sliced.bytes / 10);
    // Exact for any string, lone surrogates too.
    const odd = `\ud800${'x'.repeat(20)}\udfff`;
    expect(ownString(odd)).toBe(odd);
  });
});
