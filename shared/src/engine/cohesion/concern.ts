/** Cohesion: trust between each pair of allies, set by control and moved by the scenario's rules, every change with its cause. */
import type { Scenario } from '../../scenario/schema.ts';
import type { Concern } from '../define.ts';
import { cohesionCommands, cohesionInfo } from './commands.ts';
import { cohesionHandlers, cohesionReactions } from './decide.ts';
import { cohesionEvents } from './events.ts';
import { cohesionEvolvers } from './evolve.ts';
import { cohesionBot } from './bot.ts';
import { initialPairs, type CohesionChangeRecord, type CohesionPair } from './records.ts';

export interface CohesionSlice {
  /** Every pair of allied nations, by `pairKey`. */
  cohesion: Record<string, CohesionPair>;
  /** Every change, in order. */
  cohesionChanges: CohesionChangeRecord[];
}

export const cohesion: Concern<typeof cohesionCommands, typeof cohesionEvents, typeof cohesionInfo, CohesionSlice> = {
  name: 'cohesion',
  summary: 'Trust between allies: set by control, moved by vetoes, broken pledges and shared reports.',
  commands: cohesionCommands,
  info: cohesionInfo,
  handlers: cohesionHandlers,
  events: cohesionEvents,
  evolvers: cohesionEvolvers,
  initial: (s: Scenario): CohesionSlice => ({ cohesion: initialPairs(s), cohesionChanges: [] }),
  collections: ['cohesion', 'cohesionChanges'],
  react: cohesionReactions,
  bot: cohesionBot,
};
