import type { BotContext, BotMove } from '../define.ts';
import type { ExerciseState } from '../state.ts';
export function operationsBot(_state: ExerciseState, _bot: BotContext): BotMove[] {
  return [];
}
