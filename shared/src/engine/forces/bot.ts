/** Simulation moves for forces (written with the bots). */
import type { BotContext, BotMove } from '../define.ts';
import type { ExerciseState } from '../state.ts';

export function forcesBot(_state: ExerciseState, _bot: BotContext): BotMove[] {
  return [];
}
