/**
 * Simulation moves for messaging: nations talk on bilateral and multilateral channels, mostly
 * during consultation, and exercise control posts as a persona now and then.
 */
import type { PhaseId } from '../../common.ts';
import type { BotContext, BotMove } from '../define.ts';
import type { ExerciseState } from '../state.ts';

/** How many messages a round of each phase carries, at least and at most. */
const TALK: Partial<Record<PhaseId, readonly [number, number]>> = { brief: [0, 1], consult: [1, 3], outcome: [0, 2] };

const LINES = [
  'We assess the situation as serious but not yet an armed attack. Views?',
  'Our cabinet meets within the hour; we need your position on consultations.',
  'Can you share what your services have on the incident?',
  'We propose a joint statement this evening. Draft to follow.',
  'Our public is nervous; we cannot be seen to escalate first.',
  'We support calling consultations and will say so publicly.',
  'Please hold the line on attribution until we confirm the forensics.',
  'We are ready to contribute air defence assets if others do the same.',
];
const PERSONA_LINES = [
  'Sources in the capital say the government will respond within hours.',
  'We are seeing a surge of reports from the border crossings.',
  'Our readers ask why the alliance has not spoken yet. Comment?',
];

export function messagingBot(state: ExerciseState, bot: BotContext): BotMove[] {
  const range = bot.phase === null ? undefined : TALK[bot.phase];
  if (!range || (state.status !== 'running' && state.status !== 'paused')) return [];
  const nations = Object.keys(state.nations);
  const moves: BotMove[] = [];
  for (let i = bot.int(range[0], range[1]); i > 0; i--) {
    const persona = bot.chance(0.12) ? bot.pick(state.scenario.personas) : undefined;
    if (persona) {
      const to = bot.chance(0.5) ? ['ALL'] : bot.sample(nations, bot.int(1, 2));
      const body = bot.pick(PERSONA_LINES) ?? 'No comment.';
      moves.push({ actor: 'control', command: { type: 'message.send', to, subject: persona.name, body, persona: persona.id } });
      continue;
    }
    const from = bot.pick(nations);
    const others = nations.filter((n) => n !== from);
    if (from === undefined || others.length === 0) continue;
    const to = bot.chance(0.6)
      ? bot.sample(others, 1)
      : bot.chance(0.5)
        ? ['ALL']
        : bot.sample(others, bot.int(2, Math.max(2, others.length)));
    const body = bot.pick(LINES) ?? 'Let us consult.';
    moves.push({ actor: { nation: from }, command: { type: 'message.send', to, subject: bot.chance(0.3) ? 'Urgent' : '', body } });
  }
  return moves;
}
