/**
 * Lifecycle: setup → running ⇄ paused → ended, and the phase deadline moving by the time spent
 * paused.
 */
import { describe, expect, it } from 'vitest';
import { actors, harness, MINUTE, ofType, T0, type Draft } from '../../../../tests/helpers/harness.ts';

const { facilitator, evaluator, observer, ARN } = actors;

describe('exercise.start', () => {
  it('a new exercise is in setup, before turn 1', () => {
    const h = harness();
    expect(h.state.status).toBe('setup');
    expect(h.state.turn).toBe(0);
    expect(h.state.phaseIndex).toBe(-1);
    expect(h.state.deadline).toBeNull();
    expect(h.state.seq).toBe(1);
    expect(h.state.createdAt).toBe(T0);
  });

  it('starts turn 1 with the first phase, its deadline, and the turn-1 intel and brief injects', () => {
    const h = harness();
    const at = h.clock;
    const events = h.start();
    expect(events[0]?.type).toBe('exercise.started');
    expect(events[1]).toMatchObject({
      type: 'phase.started',
      turn: 1,
      phase: 'brief',
      phaseIndex: 0,
      restart: false,
      deadline: at + 5 * MINUTE,
    });
    // hw-int-04 goes out with its inject (turn 1, consult), not at the start.
    expect(ofType(events, 'intel.released').map((e) => e.intel)).toEqual(['hw-int-01', 'hw-int-02', 'hw-int-03']);
    expect(ofType(events, 'inject.released').map((e) => [e.inject, e.reason])).toEqual([['hw-inj-01', 'scheduled']]);
    // The dispatcher stamps consecutive seqs, the time, the command id and the sender.
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => 2 + i));
    for (const e of events) expect(e).toMatchObject({ at, by: facilitator });
    expect(h.state).toMatchObject({
      status: 'running',
      turn: 1,
      phaseIndex: 0,
      phaseStartedAt: at,
      deadline: at + 5 * MINUTE,
      seq: 1 + events.length,
    });
  });

  it('cannot start twice, nor after the end', () => {
    const h = harness();
    h.start();
    h.reject(facilitator, { type: 'exercise.start' }, 'already_started');
    h.ok(facilitator, { type: 'exercise.end', reason: 'ENDEX' });
    h.reject(facilitator, { type: 'exercise.start' }, 'already_started');
  });

  it('only the white cell starts, pauses, resumes and ends', () => {
    const h = harness();
    const commands: Draft[] = [
      { type: 'exercise.start' },
      { type: 'exercise.pause' },
      { type: 'exercise.resume' },
      { type: 'exercise.end', reason: 'ENDEX' },
    ];
    for (const who of [ARN, evaluator, observer]) for (const c of commands) h.reject(who, c, 'forbidden');
  });
});

describe('pause and resume', () => {
  it('nothing to pause, resume or end before the start', () => {
    const h = harness();
    h.reject(facilitator, { type: 'exercise.pause' }, 'not_started');
    h.reject(facilitator, { type: 'exercise.resume' }, 'not_paused');
    h.reject(facilitator, { type: 'exercise.end', reason: 'never mind' }, 'not_started');
  });

  it('pause stops the clock; a second pause is refused; resume when running is refused', () => {
    const h = harness();
    h.start();
    h.reject(facilitator, { type: 'exercise.resume' }, 'not_paused');
    const at = h.clock;
    const [paused] = h.ok(facilitator, { type: 'exercise.pause', reason: 'press conference' });
    expect(paused).toMatchObject({ type: 'exercise.paused', reason: 'press conference' });
    expect(h.state.status).toBe('paused');
    expect(h.state.pausedAt).toBe(at);
    h.reject(facilitator, { type: 'exercise.pause' }, 'paused');
  });

  it('resume pushes the deadline back by exactly the time spent paused', () => {
    const h = harness();
    h.start();
    const deadline = h.state.deadline!;
    h.tick(60_000);
    const pausedAt = h.clock;
    h.ok(facilitator, { type: 'exercise.pause' });
    h.tick(7 * MINUTE);
    const resumedAt = h.clock;
    const [resumed] = h.ok(facilitator, { type: 'exercise.resume' });
    expect(resumed).toMatchObject({ type: 'exercise.resumed', pausedMs: resumedAt - pausedAt });
    expect(h.state.status).toBe('running');
    expect(h.state.pausedAt).toBeNull();
    expect(h.state.deadline).toBe(deadline + (resumedAt - pausedAt));
    expect(h.state.pausedTotalMs).toBe(resumedAt - pausedAt);
  });

  it('several pauses add up', () => {
    const h = harness();
    h.start();
    const deadline = h.state.deadline!;
    let total = 0;
    for (const minutes of [2, 3, 11]) {
      const from = h.clock;
      h.ok(facilitator, { type: 'exercise.pause' });
      h.tick(minutes * MINUTE);
      total += h.clock - from;
      h.ok(facilitator, { type: 'exercise.resume' });
      h.tick(30_000);
    }
    expect(h.state.deadline).toBe(deadline + total);
    expect(h.state.pausedTotalMs).toBe(total);
  });

  it('while paused players can talk but not act or report ready', () => {
    const h = harness();
    h.advanceTo(1, 'submit');
    h.ok(facilitator, { type: 'exercise.pause' });
    h.reject(ARN, { type: 'nation.ready', ready: true }, 'paused');
    h.reject(ARN, { type: 'action.submit', actionType: 'diplomatic', title: 'Call', text: 'Call consultations' }, 'paused');
    h.ok(ARN, { type: 'message.send', to: ['BRV'], body: 'Still here during the pause' });
    expect(h.state.messages).toHaveLength(1);
  });

  it('a phase started while paused keeps its full length once resumed', () => {
    const h = harness();
    h.start();
    h.ok(facilitator, { type: 'exercise.pause' });
    h.tick(4 * MINUTE);
    h.ok(facilitator, { type: 'phase.advance' });
    expect(h.phase).toBe('consult');
    h.tick(9 * MINUTE);
    const resumedAt = h.clock;
    h.ok(facilitator, { type: 'exercise.resume' });
    expect(h.state.deadline).toBe(resumedAt + 10 * MINUTE);
  });
});

describe('exercise.end', () => {
  it('ends a running exercise with a reason and clears the deadline', () => {
    const h = harness();
    h.start();
    const [ended] = h.ok(facilitator, { type: 'exercise.end', reason: 'ENDEX: objectives met' });
    expect(ended).toMatchObject({ type: 'exercise.ended', reason: 'ENDEX: objectives met' });
    expect(h.state).toMatchObject({ status: 'ended', endedReason: 'ENDEX: objectives met', deadline: null, pausedAt: null });
  });

  it('ends a paused exercise', () => {
    const h = harness();
    h.start();
    h.ok(facilitator, { type: 'exercise.pause' });
    h.ok(facilitator, { type: 'exercise.end', reason: 'out of time' });
    expect(h.state).toMatchObject({ status: 'ended', pausedAt: null });
  });

  it('needs a reason', () => {
    const h = harness();
    h.start();
    h.reject(facilitator, { type: 'exercise.end', reason: '   ' }, 'malformed');
    h.reject(facilitator, { type: 'exercise.end' }, 'malformed');
  });

  it('after the end nothing more can be played', () => {
    const h = harness();
    h.advanceTo(1, 'submit');
    h.ok(facilitator, { type: 'exercise.end', reason: 'ENDEX' });
    h.reject(facilitator, { type: 'exercise.end', reason: 'again' }, 'ended');
    h.reject(facilitator, { type: 'exercise.pause' }, 'ended');
    h.reject(facilitator, { type: 'exercise.resume' }, 'not_paused');
    h.reject(facilitator, { type: 'phase.advance' }, 'ended');
    h.reject(facilitator, { type: 'phase.restart' }, 'ended');
    h.reject(facilitator, { type: 'phase.extend', minutes: 5 }, 'ended');
    h.reject(facilitator, { type: 'inject.release', inject: 'hw-inj-05' }, 'ended');
    h.reject(facilitator, { type: 'inject.hold', inject: 'hw-inj-04' }, 'ended');
    h.reject(facilitator, { type: 'inject.skip', inject: 'hw-inj-04' }, 'ended');
    h.reject(
      facilitator,
      { type: 'inject.create', from: 'harbour-herald', to: ['ALL'], channel: 'news', subject: 'Late', message: 'Too late' },
      'ended',
    );
    h.reject(facilitator, { type: 'dice.roll', purpose: 'late' }, 'ended');
    h.reject(ARN, { type: 'message.send', to: ['BRV'], body: 'hello?' }, 'ended');
    h.reject(ARN, { type: 'nation.ready', ready: true }, 'ended');
    h.reject(ARN, { type: 'action.submit', actionType: 'diplomatic', title: 'Late', text: 'Too late' }, 'ended');
  });
});
