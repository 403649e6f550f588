// Where each value of a YAML document sits, by pathKey (mapping keys and sequence indices joined with U+001F).
// The plain reader keeps a flow sequence's item positions as one array under the sequence's own key (and under the
// sequence itself) instead of one entry per item: a report's tables hold hundreds of cells, and a joined key per
// cell, made by the reader and again by the table loader, cost more than reading the cell. `get` answers for every
// path all the same.
import type { Pos } from './diagnostics.ts';

export class Positions {
  private readonly byKey = new Map<string, Pos>();
  private readonly itemsByKey = new Map<string, readonly Pos[]>();
  private readonly itemsBySequence = new Map<readonly unknown[], readonly Pos[]>();

  get(key: string): Pos | undefined {
    const pos = this.byKey.get(key);
    if (pos || this.itemsByKey.size === 0) return pos;
    // An item of a sequence whose items are kept together: "<sequence>\u001f<index>", or "<index>" at the root.
    const cut = key.lastIndexOf('\u001f');
    const index = key.slice(cut + 1);
    if (!/^\d+$/.test(index)) return undefined;
    return this.itemsByKey.get(cut < 0 ? '' : key.slice(0, cut))?.[Number(index)];
  }

  set(key: string, pos: Pos): void {
    this.byKey.set(key, pos);
  }

  /** The positions of the items of `sequence` (a value of this document), when kept together; else ask `get`. */
  itemsOf(sequence: readonly unknown[]): readonly Pos[] | undefined {
    return this.itemsBySequence.get(sequence);
  }

  /** Keeps the item positions of the sequence `sequence` at `key`. */
  setItems(key: string, sequence: readonly unknown[], items: readonly Pos[]): void {
    this.itemsByKey.set(key, items);
    this.itemsBySequence.set(sequence, items);
  }

  /** Every path and its position, each sequence's items right after the sequence: the order of a walk. */
  *[Symbol.iterator](): IterableIterator<[string, Pos]> {
    for (const [key, pos] of this.byKey) {
      yield [key, pos];
      const items = this.itemsByKey.get(key);
      if (items) for (let i = 0; i < items.length; i++) yield [key === '' ? String(i) : `${key}\u001f${i}`, items[i]!];
    }
  }
}
