/** A small seeded PRNG (mulberry32) so the demo data set is the same on every machine and every run. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(xs: readonly T[]): T;
  /** Picks by weight: `[[value, weight], ...]`. */
  weighted<T>(xs: ReadonlyArray<readonly [T, number]>): T;
  chance(p: number): boolean;
  /** A cuid-shaped id (25 characters) drawn from this generator, so row ids are reproducible too. */
  id(): string;
}

export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: (xs) => xs[Math.floor(next() * xs.length)],
    weighted(xs) {
      const total = xs.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [v, w] of xs) if ((r -= w) < 0) return v;
      return xs[xs.length - 1][0];
    },
    chance: (p) => next() < p,
    id: () => {
      let s = 'c';
      while (s.length < 25) s += Math.floor(next() * 36).toString(36);
      return s;
    },
  };
}
