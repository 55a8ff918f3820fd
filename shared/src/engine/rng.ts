/**
 * Seeded pseudo-random numbers (mulberry32). The generator's whole state is one 32-bit integer
 * kept in the exercise state, and every draw is recorded in the event that used it, so the same
 * log always folds to the same state.
 */

export type RngState = number;

export function seedRng(seed: number): RngState {
  // Mix the seed so that nearby seeds give unrelated streams.
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** Returns a float in [0, 1) and the next state. */
export function nextFloat(state: RngState): [number, RngState] {
  const next = (state + 0x6d2b79f5) >>> 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return [((t ^ (t >>> 14)) >>> 0) / 4294967296, next];
}

/** Integer in [1, sides]. */
export function rollDie(state: RngState, sides: number): [number, RngState] {
  const [f, next] = nextFloat(state);
  return [1 + Math.floor(f * sides), next];
}

/** A mutable cursor over the same generator, for code outside the engine (bots, generators). */
export class Rng {
  state: RngState;
  constructor(state: RngState) {
    this.state = state;
  }
  static fromSeed(seed: number): Rng {
    return new Rng(seedRng(seed));
  }
  float(): number {
    const [f, next] = nextFloat(this.state);
    this.state = next;
    return f;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.float() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
  chance(p: number): boolean {
    return this.float() < p;
  }
  sample<T>(items: readonly T[], n: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    while (out.length < n && pool.length) out.push(...pool.splice(Math.floor(this.float() * pool.length), 1));
    return out;
  }
}
