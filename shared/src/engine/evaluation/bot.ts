/** Simulation moves for evaluation: evaluators (and now and then control) note what they see, against an inject or a team. */
import type { BotContext, BotMove } from '../define.ts';
import type { ExerciseState } from '../state.ts';

const NOTES = [
  'Team took a long time to share the assessment with partners.',
  'Good use of the consultation channel before committing assets.',
  'Public line drafted before the facts were confirmed.',
  'Decision made without consulting the legal adviser.',
];

export function evaluationBot(state: ExerciseState, bot: BotContext): BotMove[] {
  if (state.status !== 'running' && state.status !== 'paused') return [];
  if (!bot.chance(0.3)) return [];
  const inject = bot.chance(0.6) ? bot.pick(state.injectOrder.filter((id) => state.injects[id]?.status === 'released')) : undefined;
  const nation = bot.chance(0.5) ? bot.pick(Object.keys(state.nations)) : undefined;
  return [
    {
      actor: bot.chance(0.8) ? 'evaluator' : 'control',
      command: {
        type: 'note.record',
        text: bot.pick(NOTES) ?? 'Team worked the problem.',
        ...(inject === undefined ? {} : { inject }),
        ...(nation === undefined ? {} : { nation }),
      },
    },
  ];
}
