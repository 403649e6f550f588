// A small seeded PRNG for the demo generator. The demo must come out byte for byte the same on every machine and
// every run, so nothing here reads Math.random or the clock.

/** mulberry32: 32-bit state, fast, good enough for fictional numbers and phrase choice. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes a seed with labels (FNV-1a over the text, then a murmur finaliser) into a new 32-bit seed. */
export function mixSeed(seed: number, ...parts: readonly (string | number)[]): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  const text = parts.join('\u001f');
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

export class Rng {
  private readonly next: () => number;

  constructor(readonly seed: number) {
    this.next = mulberry32(seed);
  }

  /**
   * An independent stream named by labels. Forks derive from the seed, not from the stream position, so adding a
   * draw in one place never shifts the numbers of another office or year.
   */
  fork(...parts: readonly (string | number)[]): Rng {
    return new Rng(mixSeed(this.seed, ...parts));
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next();
  }

  /** Uniform integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** k distinct items in random order (all of them when k ≥ length). */
  sample<T>(items: readonly T[], k: number): T[] {
    const copy = [...items];
    const n = Math.min(k, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, n);
  }

  /** An index drawn with probability proportional to its weight. */
  weighted(weights: readonly number[]): number {
    const total = weights.reduce((a, w) => a + w, 0);
    if (total <= 0) return 0;
    let x = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i]!;
      if (x < 0) return i;
    }
    return weights.length - 1;
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** A positive factor around 1: exp(N(0, sigma)). Multiplies a mean into a plausible year-to-year value. */
  factor(sigma: number): number {
    return Math.exp(sigma * this.normal());
  }

  /** Poisson count; the normal approximation above 30 keeps it O(1) for large means. */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  /** Number of successes in n trials of probability p. */
  binomial(n: number, p: number): number {
    if (n > 200) return Math.min(n, Math.max(0, Math.round(n * p + Math.sqrt(n * p * (1 - p)) * this.normal())));
    let k = 0;
    for (let i = 0; i < n; i++) if (this.next() < p) k++;
    return k;
  }

  /** Splits n into parts proportional to weights, at random (a multinomial draw); returns the counts. */
  split(n: number, weights: readonly number[]): number[] {
    const out = weights.map(() => 0);
    if (n <= 0) return out;
    if (n <= 500) {
      for (let i = 0; i < n; i++) out[this.weighted(weights)]!++;
      return out;
    }
    // Large counts: sequential binomials, so that tens of thousands of decisions cost a handful of draws.
    let left = n;
    let rest = weights.reduce((a, w) => a + w, 0);
    for (let i = 0; i < weights.length && left > 0; i++) {
      const w = weights[i]!;
      const k = i === weights.length - 1 || rest <= 0 ? left : this.binomial(left, Math.min(1, w / rest));
      out[i] = k;
      left -= k;
      rest -= w;
    }
    return out;
  }
}
