/** Turns and phases: the white cell drives the clock (or lets it run), nations report ready. */
import type { Scenario } from '../../scenario/schema.ts';
import { type Concern, type Due, type EventBody } from '../define.ts';
import type { ExerciseState, NationStatus } from '../state.ts';
import type { PhaseRun } from '../../gameclock.ts';
import { turnCommands, turnInfo } from './commands.ts';
import { turnHandlers } from './decide.ts';
import { turnEvents } from './events.ts';
import { turnEvolvers } from './evolve.ts';
import { enterPhase, nextPhase } from './schedule.ts';
import { turnsBot } from './bot.ts';

export interface TurnsSlice {
  /** 0 before the start. */
  turn: number;
  /** Index into scenario.clock.phases; -1 before the start. */
  phaseIndex: number;
  phaseStartedAt: number | null;
  /** When the current phase is due to end (wall time, shifted by pauses and extensions). */
  deadline: number | null;
  nations: Record<string, NationStatus>;
  /** Every run of a phase with its start and deadline, for game time at any moment (gameclock.ts). */
  timeline: PhaseRun[];
}

/** With auto-advance on, the phase deadline ends the phase by itself (never past the last phase). */
function phaseDeadline(state: ExerciseState): Due | null {
  if (!state.autoAdvance || state.deadline === null || nextPhase(state) === null) return null;
  const phase = state.scenario.clock.phases[state.phaseIndex];
  return { at: state.deadline, what: `End of phase: ${phase?.label ?? 'current phase'}` };
}

function endPhase(state: ExerciseState, at: number): EventBody[] {
  const next = nextPhase(state);
  return next ? enterPhase(state, next.turn, next.phaseIndex, at) : [];
}

export const turns: Concern<typeof turnCommands, typeof turnEvents, typeof turnInfo, TurnsSlice> = {
  name: 'turns',
  summary: 'Turns and phases, deadlines and readiness.',
  commands: turnCommands,
  info: turnInfo,
  handlers: turnHandlers,
  events: turnEvents,
  evolvers: turnEvolvers,
  initial: (scenario: Scenario): TurnsSlice => ({
    turn: 0,
    phaseIndex: -1,
    phaseStartedAt: null,
    deadline: null,
    nations: Object.fromEntries(scenario.nations.map((n) => [n.id, { ready: false, readyAt: null }])),
    timeline: [],
  }),
  collections: ['nations', 'timeline'],
  nextDue: phaseDeadline,
  onDue: endPhase,
  bot: turnsBot,
};
