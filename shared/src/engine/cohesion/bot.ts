/** Simulation moves for cohesion: now and then control adjusts the trust between two allies, with a reason. */
import type { BotContext, BotMove } from '../define.ts';
import type { ExerciseState } from '../state.ts';

const REASONS = [
  'Frank exchange between the two capitals in the margins of the Council.',
  'Public criticism by one minister of the other’s response.',
  'Joint statement drafted together overnight.',
];

export function cohesionBot(state: ExerciseState, bot: BotContext): BotMove[] {
  if (state.status !== 'running' && state.status !== 'paused') return [];
  // Control weighs the ladder and the allies' trust while it briefs the outcomes (a scenario without that phase: any time).
  if (bot.phase !== 'outcome' && state.scenario.clock.phases.some((p) => p.id === 'outcome')) return [];
  if (!bot.chance(0.5)) return [];
  const pair = bot.pick(Object.values(state.cohesion));
  if (!pair) return [];
  const step = bot.pick([-10, -5, 5, 10]) ?? 5;
  const value = Math.max(0, Math.min(100, pair.value + step));
  if (value === pair.value) return [];
  return [
    { actor: 'control', command: { type: 'cohesion.set', a: pair.a, b: pair.b, value, reason: bot.pick(REASONS) ?? 'Control judgement.' } },
  ];
}
