/**
 * Turns and phases: the white cell advances, restarts and extends phases; nations report ready.
 */
import { describe, expect, it } from 'vitest';
import { actors, harness, MINUTE, nationActor, ofType, type NationCode } from '../../../../tests/helpers/harness.ts';
import { PHASES } from '../../common.ts';

const { facilitator, evaluator, observer, ARN, BRV, CSM } = actors;
const DURATION: Record<string, number> = { brief: 5, consult: 10, submit: 5, adjudicate: 5, outcome: 5 };

describe('phase.advance', () => {
  it('walks through every phase of every turn, in order, with deadlines and game time', () => {
    const h = harness();
    h.start();
    const seen: string[] = [`${h.state.turn}:${h.phase}`];
    for (let step = 1; step < 15; step++) {
      const at = h.clock;
      const events = h.ok(facilitator, { type: 'phase.advance' });
      const [started] = ofType(events, 'phase.started');
      const turn = Math.floor(step / 5) + 1;
      const index = step % 5;
      const phase = PHASES[index]!;
      expect(started).toMatchObject({
        turn,
        phase,
        phaseIndex: index,
        restart: false,
        deadline: at + DURATION[phase]! * MINUTE,
        gameTime: new Date(Date.parse('2031-03-14T06:00:00Z') + (turn - 1) * 720 * MINUTE).toISOString(),
      });
      expect(h.state).toMatchObject({ turn, phaseIndex: index, phaseStartedAt: at, deadline: at + DURATION[phase]! * MINUTE });
      seen.push(`${h.state.turn}:${h.phase}`);
    }
    expect(seen).toEqual([1, 2, 3].flatMap((t) => PHASES.map((p) => `${t}:${p}`)));
  });

  it('refuses to go past the last phase of the last turn', () => {
    const h = harness();
    h.advanceTo(3, 'outcome');
    const r = h.reject(facilitator, { type: 'phase.advance' }, 'last_phase');
    expect(r.message).toMatch(/end the exercise/);
    h.ok(facilitator, { type: 'exercise.end', reason: 'ENDEX' });
  });

  it('refuses a stale click: expect must name the current turn and phase', () => {
    const h = harness();
    h.advanceTo(1, 'consult');
    const r = h.reject(facilitator, { type: 'phase.advance', expect: { turn: 1, phase: 'brief' } }, 'stale');
    expect(r.path).toBe('expect');
    h.reject(facilitator, { type: 'phase.advance', expect: { turn: 2, phase: 'consult' } }, 'stale');
    h.ok(facilitator, { type: 'phase.advance', expect: { turn: 1, phase: 'consult' } });
    expect(h.phase).toBe('submit');
  });

  it('two controllers clicking "next" on the same phase advance only once', () => {
    const h = harness();
    h.start();
    const click = { type: 'phase.advance', expect: { turn: 1, phase: 'brief' } } as const;
    h.ok(facilitator, click);
    h.reject({ ...facilitator, name: 'Deputy' }, click, 'stale');
    expect(h.phase).toBe('consult');
  });

  it('resets every nation to not ready', () => {
    const h = harness();
    h.start();
    h.ok(ARN, { type: 'nation.ready', ready: true });
    h.ok(BRV, { type: 'nation.ready', ready: true });
    h.ok(facilitator, { type: 'phase.advance' });
    for (const n of ['ARN', 'BRV', 'CSM']) expect(h.state.nations[n]).toEqual({ ready: false, readyAt: null });
  });

  it('cannot run before the start; can run while paused', () => {
    const h = harness();
    h.reject(facilitator, { type: 'phase.advance' }, 'not_started');
    h.reject(facilitator, { type: 'phase.restart' }, 'not_started');
    h.reject(facilitator, { type: 'phase.extend', minutes: 5 }, 'not_started');
    h.start();
    h.ok(facilitator, { type: 'exercise.pause' });
    h.ok(facilitator, { type: 'phase.advance' });
    expect(h.phase).toBe('consult');
    expect(h.state.status).toBe('paused');
  });

  it('is for the white cell only', () => {
    const h = harness();
    h.start();
    for (const who of [ARN, evaluator, observer]) {
      h.reject(who, { type: 'phase.advance' }, 'forbidden');
      h.reject(who, { type: 'phase.restart' }, 'forbidden');
      h.reject(who, { type: 'phase.extend', minutes: 5 }, 'forbidden');
    }
  });
});

describe('phase.restart', () => {
  it('starts the clock of the current phase again and resets readiness', () => {
    const h = harness();
    h.advanceTo(1, 'consult');
    h.ok(ARN, { type: 'nation.ready', ready: true });
    h.ok(CSM, { type: 'nation.ready', ready: true });
    h.tick(8 * MINUTE);
    const at = h.clock;
    const events = h.ok(facilitator, { type: 'phase.restart' });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'phase.started',
      turn: 1,
      phase: 'consult',
      phaseIndex: 1,
      restart: true,
      deadline: at + 10 * MINUTE,
    });
    expect(h.state).toMatchObject({ turn: 1, phaseIndex: 1, phaseStartedAt: at, deadline: at + 10 * MINUTE });
    for (const n of ['ARN', 'BRV', 'CSM']) expect(h.state.nations[n]?.ready).toBe(false);
  });

  it("does not release the phase's injects or intel a second time", () => {
    const h = harness();
    h.start();
    const released = h.state.injects['hw-inj-01']!;
    const { releasedSeq, releasedAt } = released;
    const events = h.ok(facilitator, { type: 'phase.restart' });
    expect(events.map((e) => e.type)).toEqual(['phase.started']);
    expect(h.state.injects['hw-inj-01']).toMatchObject({ status: 'released', releasedSeq, releasedAt });
    expect(h.state.intel['hw-int-01']?.releasedSeq).toBe(h.log.find((e) => e.type === 'intel.released' && e.intel === 'hw-int-01')?.seq);

    // Same at the start of turn 2, where intel and a scripted inject are due.
    h.advanceTo(2, 'brief');
    const again = h.ok(facilitator, { type: 'phase.restart' });
    expect(again.map((e) => e.type)).toEqual(['phase.started']);
    expect(ofType(h.log, 'inject.released').filter((e) => e.inject === 'hw-inj-04')).toHaveLength(1);
    expect(ofType(h.log, 'intel.released').filter((e) => e.intel === 'hw-int-05')).toHaveLength(1);
  });
});

describe('phase.extend', () => {
  it('moves a future deadline later by the given minutes', () => {
    const h = harness();
    h.start();
    const deadline = h.state.deadline!;
    const [e] = h.ok(facilitator, { type: 'phase.extend', minutes: 15 });
    expect(e).toMatchObject({ type: 'phase.extended', minutes: 15, deadline: deadline + 15 * MINUTE });
    expect(h.state.deadline).toBe(deadline + 15 * MINUTE);
    h.ok(facilitator, { type: 'phase.extend', minutes: 5 });
    expect(h.state.deadline).toBe(deadline + 20 * MINUTE);
  });

  it('extends from now when the deadline has already passed', () => {
    const h = harness();
    h.start();
    h.tick(30 * MINUTE);
    const at = h.clock;
    h.ok(facilitator, { type: 'phase.extend', minutes: 3 });
    expect(h.state.deadline).toBe(at + 3 * MINUTE);
  });

  it('while paused extends the deadline itself, and resume then adds the paused time', () => {
    const h = harness();
    h.start();
    const deadline = h.state.deadline!;
    const pausedAt = h.clock;
    h.ok(facilitator, { type: 'exercise.pause' });
    h.tick(20 * MINUTE);
    h.ok(facilitator, { type: 'phase.extend', minutes: 10 });
    expect(h.state.deadline).toBe(deadline + 10 * MINUTE);
    const resumedAt = h.clock;
    h.ok(facilitator, { type: 'exercise.resume' });
    expect(h.state.deadline).toBe(deadline + 10 * MINUTE + (resumedAt - pausedAt));
  });

  it('takes 1 to 240 whole minutes', () => {
    const h = harness();
    h.start();
    for (const minutes of [0, -5, 241, 2.5]) h.reject(facilitator, { type: 'phase.extend', minutes }, 'malformed');
    h.ok(facilitator, { type: 'phase.extend', minutes: 240 });
  });
});

describe('nation.ready', () => {
  it("marks the sender's nation ready or not, with the time", () => {
    const h = harness();
    h.start();
    const at = h.clock;
    const [e] = h.ok(BRV, { type: 'nation.ready', ready: true });
    expect(e).toMatchObject({ type: 'nation.ready', nation: 'BRV', ready: true });
    expect(h.state.nations['BRV']).toEqual({ ready: true, readyAt: at });
    expect(h.state.nations['ARN']).toEqual({ ready: false, readyAt: null });
    h.ok(BRV, { type: 'nation.ready', ready: false });
    expect(h.state.nations['BRV']).toEqual({ ready: false, readyAt: null });
  });

  it('refuses a change that changes nothing', () => {
    const h = harness();
    h.start();
    const r = h.reject(CSM, { type: 'nation.ready', ready: false }, 'no_change');
    expect(r.path).toBe('ready');
    h.ok(CSM, { type: 'nation.ready', ready: true });
    h.reject(nationActor('CSM', 'intel'), { type: 'nation.ready', ready: true }, 'no_change');
  });

  it('is for nations of the exercise only, and only once it runs', () => {
    const h = harness();
    h.reject(ARN, { type: 'nation.ready', ready: true }, 'not_started');
    h.start();
    for (const who of [facilitator, evaluator, observer, nationActor('DRX'), nationActor('ZZZ')])
      h.reject(who, { type: 'nation.ready', ready: true }, 'forbidden');
  });

  it('every nation ready is visible in the state until the phase moves on', () => {
    const h = harness();
    h.start();
    const teams: Record<NationCode, typeof ARN> = { ARN, BRV, CSM };
    for (const who of Object.values(teams)) h.ok(who, { type: 'nation.ready', ready: true });
    expect(Object.values(h.state.nations).every((n) => n.ready)).toBe(true);
    h.ok(facilitator, { type: 'phase.advance' });
    expect(Object.values(h.state.nations).some((n) => n.ready)).toBe(false);
  });
});
