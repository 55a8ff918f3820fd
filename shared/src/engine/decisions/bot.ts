/** Simulation moves for the decision log (written with the bots). */
import type { BotContext, BotMove } from '../define.ts';
import type { ExerciseState } from '../state.ts';

export function decisionsBot(_state: ExerciseState, _bot: BotContext): BotMove[] {
  return [];
}
