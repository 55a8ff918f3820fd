/** Intelligence: library reports reach their originator and the nations their markings allow, from their release turn. */
import type { Scenario } from '../../scenario/schema.ts';
import { type CommandInfo, type Concern, type EventBody } from '../define.ts';
import type { ExerciseState, IntelState } from '../state.ts';
import { intelEvents } from './events.ts';
import { intelEvolvers } from './evolve.ts';

export interface IntelSlice {
  intel: Record<string, IntelState>;
}

/** A turn's first phase releases every report due by that turn. */
function releaseDueReports(state: ExerciseState, entering: { turn: number; phaseIndex: number }): EventBody[] {
  if (entering.phaseIndex !== 0) return [];
  return state.scenario.intel.flatMap((r): EventBody[] =>
    state.intel[r.id]?.released === false && r.releaseTurn <= entering.turn
      ? [{ type: 'intel.released', intel: r.id, turn: entering.turn }]
      : [],
  );
}

export const intel: Concern<readonly [], typeof intelEvents, Record<never, CommandInfo>, IntelSlice> = {
  name: 'intel',
  summary: 'Intelligence reports and their release.',
  commands: [],
  info: {},
  handlers: {},
  events: intelEvents,
  evolvers: intelEvolvers,
  initial: (scenario: Scenario): IntelSlice => ({
    intel: Object.fromEntries(
      scenario.intel.map((r) => [r.id, { released: false, releasedAt: null, releasedSeq: null, releasedTurn: null }]),
    ),
  }),
  collections: ['intel'],
  onPhaseEnter: releaseDueReports,
};
