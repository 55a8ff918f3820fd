/** Escalation: the adversary's ladder, moved by control, by injects and by outcomes, each move with its reason and cause. */
import type { Scenario } from '../../scenario/schema.ts';
import type { Concern } from '../define.ts';
import { escalationCommands, escalationInfo } from './commands.ts';
import { escalationHandlers, escalationReactions } from './decide.ts';
import { escalationEvents } from './events.ts';
import { escalationEvolvers } from './evolve.ts';
import { escalationBot } from './bot.ts';
import type { EscalationMoveRecord } from './records.ts';

export interface EscalationSlice {
  /** The rung the adversary stands on now. */
  escalationLevel: number;
  /** Every move of the ladder, in order. */
  escalationMoves: EscalationMoveRecord[];
}

export const escalation: Concern<typeof escalationCommands, typeof escalationEvents, typeof escalationInfo, EscalationSlice> = {
  name: 'escalation',
  summary: "The adversary's escalation ladder: moves by control, injects and outcomes.",
  commands: escalationCommands,
  info: escalationInfo,
  handlers: escalationHandlers,
  events: escalationEvents,
  evolvers: escalationEvolvers,
  initial: (s: Scenario): EscalationSlice => ({ escalationLevel: s.escalation.initialLevel, escalationMoves: [] }),
  collections: ['escalationMoves'],
  react: escalationReactions,
  bot: escalationBot,
};
