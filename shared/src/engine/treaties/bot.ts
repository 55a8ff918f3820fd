/** Simulation moves for treaties (written with the bots). */
import type { BotContext, BotMove } from '../define.ts';
import type { ExerciseState } from '../state.ts';

export function treatiesBot(_state: ExerciseState, _bot: BotContext): BotMove[] {
  return [];
}
