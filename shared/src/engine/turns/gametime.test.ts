/** Game-time deadlines: the end of a phase of a turn, due on the wall clock when its phase runs out. */
import { describe, expect, it } from 'vitest';
import { harness, MINUTE } from '../../../../tests/helpers/harness.ts';
import { checkDeadline, deadlineDueAt, deadlinePassed, defaultDeadline, gameTimeAtEnd } from './gametime.ts';

describe('game-time deadlines', () => {
  it('game time at the end of a phase is its share of the turn', () => {
    const h = harness();
    // Harbour Watch: 720 game minutes per turn from 06:00, phases of 5, 10, 5, 5 and 5 minutes.
    expect(gameTimeAtEnd(h.scenario, { turn: 1, phase: 'brief' })).toBe('2031-03-14T08:00:00.000Z');
    expect(gameTimeAtEnd(h.scenario, { turn: 1, phase: 'consult' })).toBe('2031-03-14T12:00:00.000Z');
    expect(gameTimeAtEnd(h.scenario, { turn: 2, phase: 'outcome' })).toBe('2031-03-15T06:00:00.000Z');
  });

  it('is due at its phase deadline while that phase runs, at once after it, never before', () => {
    const h = harness();
    h.advanceTo(1, 'brief');
    const d = { turn: 1, phase: 'consult' } as const;
    expect(deadlineDueAt(h.state, d)).toBeNull();
    h.advanceTo(1, 'consult');
    expect(deadlineDueAt(h.state, d)).toBe(h.state.deadline);
    expect(deadlinePassed(h.state, d)).toBe(false);
    h.tick(MINUTE);
    h.advanceTo(1, 'submit');
    expect(deadlineDueAt(h.state, d)).toBe(h.state.phaseStartedAt);
    expect(deadlinePassed(h.state, d)).toBe(true);
    expect(checkDeadline(h.state, d, 'deadline')?.code).toBe('bad_deadline');
    expect(checkDeadline(h.state, { turn: 4, phase: 'brief' }, 'deadline')?.path).toBe('deadline.turn');
    // After this turn's consultation, the default is the next turn's.
    expect(defaultDeadline(h.state)).toEqual({ turn: 2, phase: 'consult' });
  });
});
