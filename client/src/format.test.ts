import { describe, expect, it } from 'vitest';
import { classificationClass, countdown, gameTime, grading, plural, statusLabel, gameClock } from './format.ts';

describe('format', () => {
  it('counts down to a deadline, freezes while paused, and goes negative when late', () => {
    expect(countdown(null, 0, null)).toBe('—');
    expect(countdown(10 * 60_000, 0, null)).toBe('10:00');
    expect(countdown(90_500, 0, null)).toBe('1:30');
    expect(countdown(60_000, 5_000_000, 30_000)).toBe('0:30');
    expect(countdown(60_000, 125_000, null)).toBe('−1:05');
  });

  it('writes game time as a military date-time group', () => {
    expect(gameTime('2031-03-02T06:00:00Z')).toBe('02 Mar 2031 06:00Z');
  });

  it('maps banners to classification colours by their highest marking', () => {
    expect(classificationClass('SECRET//REL TO CAL, KST, LND')).toBe('cls-s');
    expect(classificationClass('TOP SECRET//NOFORN')).toBe('cls-ts');
    expect(classificationClass('CONFIDENTIAL//ORCON')).toBe('cls-c');
    expect(classificationClass('RESTRICTED')).toBe('cls-r');
    expect(classificationClass('UNCLASSIFIED')).toBe('cls-u');
  });

  it('small words', () => {
    expect(grading({ reliability: 'B', credibility: '2' })).toBe('B2');
    expect(plural(1, 'action')).toBe('1 action');
    expect(plural(3, 'action')).toBe('3 actions');
    expect(statusLabel('paused')).toBe('Paused');
  });
});

describe('gameClock', () => {
  const ex = {
    startGameTime: '2031-03-14T06:00:00Z',
    gameMinutesPerTurn: 720,
    phases: [{ durationMinutes: 5 }, { durationMinutes: 10 }, { durationMinutes: 5 }, { durationMinutes: 5 }, { durationMinutes: 5 }],
    timeline: [
      { turn: 1, phaseIndex: 0, startedAt: 1_000_000, deadline: 1_300_000 },
      { turn: 1, phaseIndex: 1, startedAt: 1_300_000, deadline: 1_900_000 },
    ],
  };
  it('shows the game time of a moment, never the wall clock', () => {
    expect(gameClock(ex, 1_000_000)).toBe('14 Mar 06:00Z');
    expect(gameClock(ex, 1_600_000)).toBe('14 Mar 10:00Z');
    expect(gameClock(ex, 9_000_000)).toBe('14 Mar 12:00Z');
    expect(gameClock(ex, 999_999)).toBe('');
    expect(gameClock(ex, null)).toBe('');
  });
});
