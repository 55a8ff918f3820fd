/**
 * Simulation moves for turns and phases: nations mark themselves ready (and sometimes take it
 * back), and exercise control now and then repeats or extends a phase. Advancing the phase is the
 * simulation driver's, at the end of its schedule for the phase.
 */
import type { BotContext, BotMove } from '../define.ts';
import type { ExerciseState } from '../state.ts';

/** Phases control may repeat without losing anything (a repeated brief, a second round of talks). */
const REPEATABLE: readonly (string | null)[] = ['brief', 'consult', 'outcome'];

export function turnsBot(state: ExerciseState, bot: BotContext): BotMove[] {
  if (state.status !== 'running') return [];
  const moves: BotMove[] = [];
  // A restart marks every nation not ready, so the readiness below is read after it.
  const restart = REPEATABLE.includes(bot.phase) && bot.chance(0.18);
  if (restart) moves.push({ actor: 'control', command: { type: 'phase.restart' } });
  if (bot.chance(0.12)) moves.push({ actor: 'control', command: { type: 'phase.extend', minutes: bot.pick([5, 10, 15]) ?? 5 } });
  for (const [nation, status] of Object.entries(state.nations)) {
    const ready = status.ready && !restart;
    if (!ready && bot.chance(0.5)) moves.push({ actor: { nation }, command: { type: 'nation.ready', ready: true } });
    else if (ready && bot.chance(0.05)) moves.push({ actor: { nation }, command: { type: 'nation.ready', ready: false } });
  }
  return moves;
}
