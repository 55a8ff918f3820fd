/**
 * Simulation moves for messaging: nations talk on bilateral and multilateral channels, mostly
 * during consultation; now and then a nation answers a persona whose inject reached it (on that
 * persona's thread) or writes to exercise control; and exercise control posts as a persona, or
 * answers a team on the team's own thread.
 */
import type { PhaseId } from '../../common.ts';
import type { BotContext, BotMove } from '../define.ts';
import type { ExerciseState } from '../state.ts';
import { addressedTo } from '../injects/decide.ts';

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
const REPLIES: Record<string, readonly string[]> = {
  media: [
    'Our government will make a statement at 16:00. Until then, no comment on operational matters.',
    'We do not comment on intelligence. Our position is set out in the joint statement.',
  ],
  adversary: [
    'We reject these allegations and call on your government to de-escalate.',
    'Your note has been received and will be answered through diplomatic channels.',
  ],
  alliance: [
    'We ask that the Council meet at the earliest opportunity.',
    'Our Permanent Representative will set out our position in the Council.',
  ],
  industry: [
    'Please send your restoration estimate and what you need from the government.',
    'Our operations centre will contact you within the hour.',
  ],
  ngo: [
    'We support your request and are working with partners on guarantees of access.',
    'Please share your team locations so that we can deconflict.',
  ],
};
const TO_CONTROL = [
  'Request for information: what is the status of the reinforcements we requested?',
  'Can control confirm whether the adversary has responded to our note?',
  'We would like a meeting with the Secretary-General of the alliance today.',
];
const FROM_CONTROL = [
  'White cell: noted. The answer will come with the next situation update.',
  'White cell: your request is with the adjudicators.',
  'White cell: you may assume the meeting takes place this afternoon.',
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
    if (from === undefined) continue;
    const r = bot.random();
    // A team answers a persona that wrote to it, on the persona's thread (with a partner now and then).
    const wrote = r < 0.12 ? personasThatWrote(state, from) : [];
    const answered = bot.pick(wrote);
    if (answered) {
      const lines = REPLIES[answered.kind] ?? REPLIES['media']!;
      const to = others.length && bot.chance(0.2) ? bot.sample(others, 1) : [];
      moves.push({
        actor: { nation: from },
        command: {
          type: 'message.send',
          to,
          persona: answered.id,
          subject: `Re: ${answered.subject}`.slice(0, 200),
          body: bot.pick(lines) ?? lines[0]!,
        },
      });
      continue;
    }
    if (r > 0.93) {
      // The team writes to the white cell, which sometimes answers on the same thread.
      moves.push({
        actor: { nation: from },
        command: { type: 'message.send', control: true, subject: 'To exercise control', body: bot.pick(TO_CONTROL) ?? TO_CONTROL[0]! },
      });
      if (bot.chance(0.5))
        moves.push({ actor: 'control', command: { type: 'message.send', to: [from], body: bot.pick(FROM_CONTROL) ?? FROM_CONTROL[0]! } });
      continue;
    }
    if (others.length === 0) continue;
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

/** The personas whose released injects reached the nation, with the subject of the latest (adversary, media, alliance, …). */
function personasThatWrote(state: ExerciseState, nation: string): { id: string; kind: string; subject: string }[] {
  const out = new Map<string, { id: string; kind: string; subject: string }>();
  for (const id of state.injectOrder) {
    const x = state.injects[id];
    const p = x && state.scenario.personas.find((q) => q.id === x.def.from);
    if (!x || !p || x.status !== 'released' || !addressedTo(x.def, nation) || !Object.hasOwn(REPLIES, p.kind)) continue;
    out.set(p.id, { id: p.id, kind: p.kind, subject: x.def.subject });
  }
  return [...out.values()];
}
