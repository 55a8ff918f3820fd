/** Control's desk: the seed, objectives, adjudication tables, dice rolls and evaluator notes. Nobody else's. */
import type { ViewCtx } from '../context.ts';

export function control({ state, control: isControl }: ViewCtx) {
  const s = state.scenario;
  return {
    control: isControl
      ? {
          seed: state.seed,
          objectives: s.objectives,
          adjudicationTables: s.adjudicationTables,
          rolls: [...state.rolls],
          notes: [...state.notes],
        }
      : null,
  };
}
