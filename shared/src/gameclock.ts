/**
 * Game time on the timeline of phases, with no dependencies so that the browser can use it
 * without the schema library. A turn's game minutes are shared among its phases in proportion to
 * their planned lengths; within a phase, game time runs from the phase's share start to its end as
 * the wall clock runs from the phase's start to its deadline, and stops at the end when the phase
 * overruns (control ends it, or auto-advance does).
 */

export interface ClockDef {
  readonly startGameTime: string;
  readonly gameMinutesPerTurn: number;
  readonly phases: readonly { readonly durationMinutes: number }[];
}

/** One run of a phase on the wall clock: when it started and when it is (or was) due to end. */
export interface PhaseRun {
  readonly turn: number;
  readonly phaseIndex: number;
  readonly startedAt: number;
  readonly deadline: number;
}

/** Game minutes from the exercise start to the start (`through = false`) or end of a phase of a turn. */
export function gameMinutesAt(clock: ClockDef, turn: number, phaseIndex: number, through: boolean): number {
  const total = clock.phases.reduce((n, p) => n + p.durationMinutes, 0);
  const before = clock.phases.slice(0, phaseIndex + (through ? 1 : 0)).reduce((n, p) => n + p.durationMinutes, 0);
  return (Math.max(1, turn) - 1) * clock.gameMinutesPerTurn + (total === 0 ? 0 : (before / total) * clock.gameMinutesPerTurn);
}

/** Game time (ISO) at a wall-clock moment, from the runs of phases so far; null before the first phase. */
export function gameTimeAt(clock: ClockDef, timeline: readonly PhaseRun[], at: number): string | null {
  let run: PhaseRun | undefined;
  for (const r of timeline) {
    if (r.startedAt > at) break;
    run = r;
  }
  if (!run) return null;
  const start = gameMinutesAt(clock, run.turn, run.phaseIndex, false);
  const end = gameMinutesAt(clock, run.turn, run.phaseIndex, true);
  const span = run.deadline - run.startedAt;
  const fraction = span <= 0 ? 1 : Math.min(1, Math.max(0, (at - run.startedAt) / span));
  const minutes = Math.round(start + fraction * (end - start));
  return new Date(Date.parse(clock.startGameTime) + minutes * 60_000).toISOString();
}
