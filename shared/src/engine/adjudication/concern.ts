/** Adjudication: outcomes and their effects on the ground truth (regions, assets), and the white cell's dice. */
import type { Scenario } from '../../scenario/schema.ts';
import type { Concern } from '../define.ts';
import type { AdjudicationRecord, AssetState, RegionState, RollRecord } from '../state.ts';
import { adjudicationCommands, adjudicationInfo } from './commands.ts';
import { adjudicationHandlers } from './decide.ts';
import { adjudicationEvents } from './events.ts';
import { adjudicationEvolvers } from './evolve.ts';
import { adjudicationBot } from './bot.ts';
import type { AdjudicationRollRecord } from './tables.ts';

export interface AdjudicationSlice {
  regions: Record<string, RegionState>;
  assets: Record<string, AssetState>;
  adjudications: AdjudicationRecord[];
  rolls: RollRecord[];
  /** Table and matrix rolls, by id, and their order (bots and the rigid check read only this turn's, from the end). */
  adjudicationRolls: Record<string, AdjudicationRollRecord>;
  adjudicationRollOrder: string[];
}

export const adjudication: Concern<typeof adjudicationCommands, typeof adjudicationEvents, typeof adjudicationInfo, AdjudicationSlice> = {
  name: 'adjudication',
  summary: 'Outcomes, their effects on the map, table and matrix rolls, and dice.',
  commands: adjudicationCommands,
  info: adjudicationInfo,
  handlers: adjudicationHandlers,
  events: adjudicationEvents,
  evolvers: adjudicationEvolvers,
  initial: (s: Scenario): AdjudicationSlice => ({
    regions: Object.fromEntries(s.map.regions.map((r) => [r.id, { controller: r.controller, stability: r.stability }])),
    assets: Object.fromEntries(
      s.assets.map((a) => [a.id, { owner: a.owner, region: a.region, strength: a.strength, readiness: a.readiness, hidden: a.hidden }]),
    ),
    adjudications: [],
    rolls: [],
    adjudicationRolls: {},
    adjudicationRollOrder: [],
  }),
  collections: ['regions', 'assets', 'adjudications', 'rolls', 'adjudicationRolls', 'adjudicationRollOrder'],
  bot: adjudicationBot,
  upcasters: [
    {
      name: 'v3→v4: adjudication.recorded settles no joint operation, moves no escalation and follows no roll',
      from: 3,
      to: 4,
      type: 'adjudication.recorded',
      up: (event) => ({ operations: [], escalation: null, roll: null, row: null, success: null, override: null, ...event }),
    },
  ],
};
