/** Trust between allies: one record per pair of allied nations, and every change with its cause. */
import type { Scenario } from '../../scenario/schema.ts';
import type { CohesionCause } from './events.ts';

export interface CohesionPair {
  /** The pair in the scenario's order (as listed, or in the order of the nations). */
  readonly a: string;
  readonly b: string;
  readonly value: number;
  /** Whether the two nations may be shown their trust (the scenario's `visible`), as the scenario's `cohesionRules.show` allows. */
  readonly visible: boolean;
  /** The value at the start of the turn of the last change, and that turn: for the trend. */
  readonly turnStart: { readonly turn: number; readonly value: number };
}

export interface CohesionChangeRecord {
  readonly seq: number;
  readonly at: number;
  readonly turn: number;
  readonly a: string;
  readonly b: string;
  readonly from: number;
  readonly to: number;
  readonly delta: number;
  readonly clamped: boolean;
  readonly reason: string;
  readonly cause: CohesionCause;
}

/** The key of a pair, whichever way round it is named. */
export const pairKey = (a: string, b: string): string => (a < b ? `${a}+${b}` : `${b}+${a}`);

/** Every pair of allied nations: the scenario's listed pairs with their values, the others at `cohesionRules.initial`, hidden. */
export function initialPairs(s: Scenario): Record<string, CohesionPair> {
  const out: Record<string, CohesionPair> = {};
  for (const c of s.cohesion)
    out[pairKey(c.a, c.b)] = { a: c.a, b: c.b, value: c.value, visible: c.visible, turnStart: { turn: 0, value: c.value } };
  const ids = s.nations.map((n) => n.id);
  ids.forEach((a, i) =>
    ids.slice(i + 1).forEach((b) => {
      const k = pairKey(a, b);
      if (!Object.hasOwn(out, k)) {
        const value = s.cohesionRules.initial;
        out[k] = { a, b, value, visible: false, turnStart: { turn: 0, value } };
      }
    }),
  );
  return out;
}

export const clampTrust = (v: number): number => Math.max(0, Math.min(100, v));
