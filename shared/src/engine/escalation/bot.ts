/** Simulation moves for escalation: now and then control moves the ladder a rung, with a reason. */
import type { BotContext, BotMove } from '../define.ts';
import type { ExerciseState } from '../state.ts';

const UP = ['Allied reaction was slow and divided: the adversary presses on.', 'The adversary follows its playbook to the next rung.'];
const DOWN = ['A united allied response: the adversary steps back.', 'Back-channel talks lower the temperature.'];

export function escalationBot(state: ExerciseState, bot: BotContext): BotMove[] {
  if (state.status !== 'running' && state.status !== 'paused') return [];
  // Control weighs the ladder and the allies' trust while it briefs the outcomes (a scenario without that phase: any time).
  if (bot.phase !== 'outcome' && state.scenario.clock.phases.some((p) => p.id === 'outcome')) return [];
  if (!bot.chance(0.4)) return [];
  const top = state.scenario.escalation.ladder.length - 1;
  const level = state.escalationLevel;
  const up = level === 0 ? true : level === top ? false : bot.chance(0.6);
  return [
    {
      actor: 'control',
      command: { type: 'escalation.set', level: up ? level + 1 : level - 1, reason: bot.pick(up ? UP : DOWN) ?? 'Control judgement.' },
    },
  ];
}
