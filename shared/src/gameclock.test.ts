/** Game time at any moment, from the runs of phases: each phase takes its share of the turn's game minutes. */
import { describe, expect, it } from 'vitest';
import { actors, harness, MINUTE } from '../../tests/helpers/harness.ts';
import { gameTimeAt } from './gameclock.ts';
import { gameTimeAtEnd } from './engine/turns/gametime.ts';

describe('gameTimeAt', () => {
  it('runs through a phase with the wall clock, stops at its end when it overruns, and agrees with the deadlines', () => {
    const h = harness();
    // Harbour Watch: 720 game minutes per turn from 06:00; phases of 5, 10, 5, 5 and 5 minutes.
    expect(gameTimeAt(h.scenario.clock, h.state.timeline, h.clock)).toBeNull();
    h.advanceTo(1, 'consult');
    const run = h.state.timeline.at(-1)!;
    expect(run).toMatchObject({ turn: 1, phaseIndex: 1 });
    expect(gameTimeAt(h.scenario.clock, h.state.timeline, run.startedAt)).toBe('2031-03-14T08:00:00.000Z');
    expect(gameTimeAt(h.scenario.clock, h.state.timeline, run.startedAt + 5 * MINUTE)).toBe('2031-03-14T10:00:00.000Z');
    expect(gameTimeAt(h.scenario.clock, h.state.timeline, run.deadline)).toBe(gameTimeAtEnd(h.scenario, { turn: 1, phase: 'consult' }));
    expect(gameTimeAt(h.scenario.clock, h.state.timeline, run.deadline + 60 * MINUTE)).toBe('2031-03-14T12:00:00.000Z');
  });

  it("an extension or a pause moves the run's deadline, so game time slows to fit", () => {
    const h = harness();
    h.advanceTo(1, 'consult');
    const start = h.state.timeline.at(-1)!.startedAt;
    h.ok(actors.facilitator, { type: 'phase.extend', minutes: 10 });
    expect(h.state.timeline.at(-1)!.deadline).toBe(h.state.deadline);
    // Twice as long on the wall clock for the same four hours of game time.
    expect(gameTimeAt(h.scenario.clock, h.state.timeline, start + 10 * MINUTE)).toBe('2031-03-14T10:00:00.000Z');
    h.ok(actors.facilitator, { type: 'exercise.pause', reason: 'coffee' });
    h.tick(5 * MINUTE);
    h.ok(actors.facilitator, { type: 'exercise.resume' });
    expect(h.state.timeline.at(-1)!.deadline).toBe(h.state.deadline);
  });
});
