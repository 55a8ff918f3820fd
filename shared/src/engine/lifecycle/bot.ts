/**
 * Simulation moves for the lifecycle: now and then exercise control calls a short huddle, a pause
 * and its resume. Starting and ending the exercise are the simulation driver's.
 */
import type { BotContext, BotMove } from '../define.ts';
import type { ExerciseState } from '../state.ts';

const HUDDLE_PHASES: readonly (string | null)[] = ['brief', 'adjudicate'];
const REASONS = ['Facilitator huddle', 'Control cell sync', 'Technical issue in the plenary room'];

export function lifecycleBot(state: ExerciseState, bot: BotContext): BotMove[] {
  if (state.status !== 'running' || !HUDDLE_PHASES.includes(bot.phase) || !bot.chance(0.4)) return [];
  // Both in one list, so the other concerns' moves always find the exercise running.
  return [
    { actor: 'control', command: { type: 'exercise.pause', reason: bot.pick(REASONS) ?? '' } },
    { actor: 'control', command: { type: 'exercise.resume' } },
  ];
}
