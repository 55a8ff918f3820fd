/**
 * Simulation moves for the clock: exercise control tries the other auto-advance setting for the
 * exercise's first phase and goes back to the scenario's in the next, so every simulated exercise
 * turns auto-advance on and off once. While it is on, the driver lets the phase end at its deadline
 * (`clock.tick`, the system's) instead of advancing it.
 */
import type { BotContext, BotMove } from '../define.ts';
import { currentPosition, type ExerciseState } from '../state.ts';

export function clockBot(state: ExerciseState, _bot: BotContext): BotMove[] {
  if (state.status !== 'running' && state.status !== 'paused') return [];
  const position = currentPosition(state);
  const scenario = state.scenario.clock.autoAdvance;
  const wanted = position === 0 ? !scenario : scenario;
  return state.autoAdvance === wanted ? [] : [{ actor: 'control', command: { type: 'clock.auto', on: wanted } }];
}
