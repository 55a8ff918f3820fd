/**
 * evolve(state, event) -> state: bookkeeping only, no rules. Updates the fold-owned state in
 * place (see state.ts) and returns it. The evolver table is derived from the list of concerns.
 */
import type { EngineEvent, CreatedEvent } from './events.ts';
import type { ExerciseState } from './state.ts';
import { initialState, lazyTable } from './registry.ts';
import { commandKey, extendLastCommand, recordCommand } from './command-log.ts';

/** The last event folded into each state (a cache; the log is the truth). */
const prevEvent = new WeakMap<ExerciseState, EngineEvent>();

/** Whether two events come from the same sender (the events of one command share it). */
export const sameSender = (a: EngineEvent['by'], b: EngineEvent['by']): boolean =>
  a === b || (a.participant === b.participant && a.role === b.role && a.nation === b.nation && a.name === b.name);

type AnyEvolver = (state: ExerciseState, event: EngineEvent) => void;
const evolvers = lazyTable<AnyEvolver>((c) => c.evolvers, 'evolve');
function evolverOf(type: string): AnyEvolver {
  const f = evolvers().get(type);
  if (!f) throw new LogIntegrityError(`no concern folds "${type}"`);
  return f;
}

export class LogIntegrityError extends Error {}

export function genesis(e: CreatedEvent): ExerciseState {
  return initialState({ exerciseId: e.exerciseId, scenario: e.scenario, seed: e.seed, at: e.at, seq: e.seq, by: e.by });
}

export function evolve(state: ExerciseState, e: EngineEvent): ExerciseState {
  if (e.seq !== state.seq + 1) throw new LogIntegrityError(`event ${e.seq} follows ${state.seq}: the log has a gap or is out of order`);
  if (e.type === 'exercise.created') throw new LogIntegrityError(`event ${e.seq}: a second exercise.created`);
  evolverOf(e.type)(state, e);
  state.seq = e.seq;
  state.lastAt = e.at;
  if (e.cmd !== null) {
    // A command's events are contiguous: only its first event opens an entry in the log.
    const last = state.commands[state.commands.length - 1];
    const prev = prevEvent.get(state);
    const same = prev === undefined ? last?.[0] === commandKey(e.by, e.cmd) : prev.cmd === e.cmd && sameSender(prev.by, e.by);
    if (last && last[2] === e.seq - 1 && same) extendLastCommand(state.commands, e.seq);
    else recordCommand(state.commands, commandKey(e.by, e.cmd), e.seq);
  }
  prevEvent.set(state, e);
  return state;
}

/** Fold a whole log (first event: exercise.created) into a fresh state. */
export function fold(events: readonly EngineEvent[]): ExerciseState {
  const first = events[0];
  if (!first || first.type !== 'exercise.created') throw new LogIntegrityError('a log must begin with exercise.created');
  const state = genesis(first);
  for (const e of events.slice(1)) evolve(state, e);
  return state;
}
