/**
 * Deadlines in game time. A negotiation's deadline is "the end of a phase of a turn": the silence
 * of an agreement runs until, say, the end of Consultation on turn 3, which is game time 11:12 on
 * 4 March. Game time moves through a turn phase by phase, each phase taking its share of the
 * turn's game minutes in proportion to its planned length.
 *
 * Such a deadline comes due through the clock (`nextDue` of the concern that holds it): at the
 * wall-clock deadline of its phase while that phase runs, and at once when the exercise has moved
 * past it (control advanced early), so it fires on the next tick. Nothing is due before its phase.
 */
import { z } from 'zod';
import { PhaseId } from '../../common.ts';
import { gameMinutesAt } from '../../gameclock.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { reject, type Rejection } from '../envelope.ts';
import { currentPosition, positionOf, type ExerciseState } from '../state.ts';

export const GameDeadline = z
  .strictObject({ turn: z.number().int().min(1), phase: PhaseId })
  .describe('The end of this phase of this turn, in game time');
export type GameDeadline = z.infer<typeof GameDeadline>;

/** Game time (ISO) at the end of a phase of a turn. */
export function gameTimeAtEnd(scenario: Scenario, d: GameDeadline): string {
  const i = scenario.clock.phases.findIndex((p) => p.id === d.phase);
  const minutes = Math.round(gameMinutesAt(scenario.clock, d.turn, i, true));
  return new Date(Date.parse(scenario.clock.startGameTime) + minutes * 60_000).toISOString();
}

export const positionOfDeadline = (state: ExerciseState, d: GameDeadline): number => positionOf(state, d.turn, d.phase);

/** Whether the exercise has moved past the end of that phase (the clock fires it on the next tick). */
export function deadlinePassed(state: ExerciseState, d: GameDeadline): boolean {
  return state.status === 'ended' || currentPosition(state) > positionOf(state, d.turn, d.phase);
}

/** When a deadline comes due on the wall clock, or null while its phase has not begun. */
export function deadlineDueAt(state: ExerciseState, d: GameDeadline): number | null {
  const pos = positionOf(state, d.turn, d.phase);
  const now = currentPosition(state);
  if (now < pos) return null;
  if (now > pos) return state.phaseStartedAt ?? state.lastAt;
  return state.deadline;
}

/** A deadline someone sets now: a phase of this scenario, not already over, within the exercise. */
export function checkDeadline(state: ExerciseState, d: GameDeadline, path: string): Rejection<'bad_deadline'> | null {
  if (!state.scenario.clock.phases.some((p) => p.id === d.phase))
    return reject('bad_deadline', `This exercise has no "${d.phase}" phase.`, `${path}.phase`);
  if (d.turn > state.scenario.clock.turns)
    return reject('bad_deadline', `The exercise has ${state.scenario.clock.turns} turns; turn ${d.turn} never comes.`, `${path}.turn`);
  if (deadlinePassed(state, d)) return reject('bad_deadline', 'That deadline has already passed.', path);
  return null;
}

/**
 * The default deadline for a consultation or a silence procedure: the end of the next
 * consultation phase (this turn's if it has not ended, else the next turn's), or of the current
 * phase when the scenario has no consultation phase.
 */
export function defaultDeadline(state: ExerciseState): GameDeadline {
  const phases = state.scenario.clock.phases;
  const turn = Math.max(1, state.turn);
  const consult = phases.find((p) => p.id === 'consult');
  const current = phases[state.phaseIndex]?.id ?? phases[0]!.id;
  if (!consult) return { turn, phase: current };
  const mine: GameDeadline = { turn, phase: consult.id };
  if (!deadlinePassed(state, mine)) return mine;
  return turn < state.scenario.clock.turns ? { turn: turn + 1, phase: consult.id } : { turn, phase: phases.at(-1)!.id };
}

/** "end of Consultation and negotiation, turn 3" — for refusals and the log. */
export function describeDeadline(scenario: Scenario, d: GameDeadline): string {
  const label = scenario.clock.phases.find((p) => p.id === d.phase)?.label ?? d.phase;
  return `the end of "${label}" on turn ${d.turn}`;
}
