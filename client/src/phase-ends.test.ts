import { describe, expect, it } from 'vitest';
import { phaseEnds } from './format.ts';

const phases = [{}, {}, {}];
/** 09:05 local time, the way the countdown's note writes it. */
const deadline = new Date(2031, 2, 14, 9, 5).getTime();
const running = { status: 'running', autoAdvance: true, deadline, turn: 1, turns: 3, phaseIndex: 0, phases };

describe('who ends the phase, next to the countdown', () => {
  it('the clock, at its deadline, with auto-advance on', () => {
    expect(phaseEnds(running)).toBe('Phase ends by itself at 09:05');
    expect(phaseEnds({ ...running, status: 'paused' })).toBe('Phase ends by itself (clock paused)');
  });

  it('exercise control with auto-advance off, and in the last phase of the last turn', () => {
    expect(phaseEnds({ ...running, autoAdvance: false })).toBe('Control ends the phase');
    expect(phaseEnds({ ...running, turn: 3, phaseIndex: 2 })).toBe('Control ends the phase');
    expect(phaseEnds({ ...running, turn: 2, phaseIndex: 2 })).toBe('Phase ends by itself at 09:05');
  });

  it('nothing before the start or after the end', () => {
    expect(phaseEnds({ ...running, status: 'setup' })).toBe('');
    expect(phaseEnds({ ...running, status: 'ended' })).toBe('');
  });
});
