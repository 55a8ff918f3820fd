/** Simulation moves for negotiation (written with the bots). */
import type { BotContext, BotMove } from '../define.ts';
import type { ExerciseState } from '../state.ts';

export function negotiationBot(_state: ExerciseState, _bot: BotContext): BotMove[] {
  return [];
}
