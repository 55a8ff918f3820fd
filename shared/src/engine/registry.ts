/**
 * What the list of concerns gives the engine at run time: the initial state, the snapshot clone,
 * and the hooks (phase entry and due times) run over every concern in list order.
 */
import type { Scenario } from '../scenario/schema.ts';
import type { Actor } from './envelope.ts';
import type { Due, EventBody, ReactCtx } from './define.ts';
import { CONCERNS } from './concerns.ts';
import { seedRng } from './rng.ts';
import type { CoreState, ExerciseState } from './state.ts';

/** The core's own collections; each concern declares its own. */
const CORE_COLLECTIONS = ['commands'] as const;

/**
 * Every key of the state that holds a collection (a record or a list), core first then the
 * concerns in order. A function, because concern modules import this one while the list loads.
 */
export const collections = (): readonly string[] => [...CORE_COLLECTIONS, ...CONCERNS.flatMap((c): readonly string[] => c.collections)];

export function initialState(args: {
  exerciseId: string;
  scenario: Scenario;
  seed: number;
  at: number;
  seq: number;
  by: Actor;
}): ExerciseState {
  const core: CoreState = {
    exerciseId: args.exerciseId,
    scenario: args.scenario,
    seed: args.seed,
    createdAt: args.at,
    createdBy: args.by,
    seq: args.seq,
    lastAt: args.at,
    rng: seedRng(args.seed),
    commands: [],
  };
  const state: Record<string, unknown> = { ...core };
  for (const c of CONCERNS) Object.assign(state, c.initial(args.scenario));
  return state as unknown as ExerciseState;
}

/**
 * A snapshot: a copy of every declared collection's shell, sharing the immutable records inside
 * and the scenario. Key order is kept, so serialised states still compare byte for byte.
 */
export function cloneState(state: ExerciseState): ExerciseState {
  const copy: Record<string, unknown> = { ...state };
  for (const key of collections()) {
    const value = copy[key];
    copy[key] = Array.isArray(value) ? [...(value as unknown[])] : { ...(value as object) };
  }
  return copy as unknown as ExerciseState;
}

/** The events every concern adds when a phase is entered, in list order. */
export function phaseEntryEvents(state: ExerciseState, entering: { turn: number; phaseIndex: number; at: number }): EventBody[] {
  return CONCERNS.flatMap((c): EventBody[] => c.onPhaseEnter?.(state, entering) ?? []);
}

/**
 * A command's events followed by every concern's reactions, in list order: each concern sees the
 * handler's events and the reactions of the concerns before it, so a chain of rules runs in one
 * pass and never loops.
 */
export function withReactions(state: ExerciseState, events: readonly EventBody[], ctx: ReactCtx): EventBody[] {
  const out = [...events];
  for (const c of CONCERNS) if (c.react) out.push(...c.react(state, out, ctx));
  return out;
}

/**
 * The earliest thing due, over every concern (the first in list order on a tie), or null. Nothing
 * is due unless the exercise is running: a pause holds every due time, and resuming shifts them.
 */
export function nextDue(state: ExerciseState): (Due & { concern: string }) | null {
  if (state.status !== 'running') return null;
  let best: (Due & { concern: string }) | null = null;
  for (const c of CONCERNS) {
    const due = c.nextDue?.(state) ?? null;
    if (due && (best === null || due.at < best.at)) best = { ...due, concern: c.name };
  }
  return best;
}

/** The events of the earliest due item, if it is due at `at`: one item per tick, so overdue items fire once each, in order. */
export function dueEvents(state: ExerciseState, at: number): EventBody[] | null {
  const due = nextDue(state);
  if (!due || due.at > at) return null;
  const owner = CONCERNS.find((c) => c.name === due.concern);
  return owner?.onDue?.(state, at) ?? null;
}

/**
 * One table over every concern (its handlers, or its evolvers), built on first use so that no
 * concern module is needed while the list is still loading. A type owned twice is an error.
 */
export function lazyTable<F>(pick: (c: (typeof CONCERNS)[number]) => object, what: string): () => ReadonlyMap<string, F> {
  let table: Map<string, F> | null = null;
  return () => {
    if (table) return table;
    const built = new Map<string, F>();
    for (const c of CONCERNS)
      for (const [type, f] of Object.entries(pick(c) as Record<string, F>)) {
        if (built.has(type)) throw new Error(`two concerns ${what} "${type}"`);
        built.set(type, f);
      }
    return (table = built);
  };
}
