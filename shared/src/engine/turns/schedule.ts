/**
 * Entering a phase: the phase starts, then every concern adds what it releases on entry (intel
 * due this turn, scripted and contingency injects…) through its `onPhaseEnter` hook, in the order
 * of the list. A restart only starts the clock again.
 */
import { gameTimeOf, type ExerciseState } from '../state.ts';
import type { EventBody } from '../define.ts';
import { phaseEntryEvents } from '../registry.ts';

export function enterPhase(state: ExerciseState, turn: number, phaseIndex: number, at: number, restart = false): EventBody[] {
  const phase = state.scenario.clock.phases[phaseIndex];
  if (!phase) return [];
  const started: EventBody = {
    type: 'phase.started',
    turn,
    phase: phase.id,
    phaseIndex,
    deadline: at + phase.durationMinutes * 60_000,
    gameTime: gameTimeOf(state.scenario, turn),
    restart,
  };
  return restart ? [started] : [started, ...phaseEntryEvents(state, { turn, phaseIndex, at })];
}

/** The phase after the current one (the next turn's first after the last), or null after the last phase of the last turn. */
export function nextPhase(state: ExerciseState): { turn: number; phaseIndex: number } | null {
  if (state.turn === 0) return { turn: 1, phaseIndex: 0 };
  if (state.phaseIndex + 1 < state.scenario.clock.phases.length) return { turn: state.turn, phaseIndex: state.phaseIndex + 1 };
  return state.turn < state.scenario.clock.turns ? { turn: state.turn + 1, phaseIndex: 0 } : null;
}
