/**
 * The seams the list of concerns derives: every command and event is owned by exactly one
 * concern, snapshots share no mutable collection with the live state, every event type evolves
 * over deep-frozen records, and tests can start from events.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { actors, deepFreeze, harness, MINUTE, ofType, only } from '../../../tests/helpers/harness.ts';
import { given } from '../../../tests/helpers/given.ts';
import { parseScenarioText } from '../scenario/load.ts';
import { simulate } from '../sim/simulate.ts';
import { COMMAND_TYPES, commandInfo } from './commands.ts';
import { CONCERNS } from './concerns.ts';
import { GENERAL_REJECTIONS } from './define.ts';
import { SYSTEM } from './envelope.ts';
import { EVENT_TYPES, type EngineEvent } from './events.ts';
import { collections, cloneState, nextDue } from './registry.ts';
import { evolve, genesis } from './evolve.ts';
import type { ExerciseState } from './state.ts';

const { facilitator, ARN, BRV, CSM } = actors;

function northernLantern() {
  const r = parseScenarioText(readFileSync(new URL('../../../scenarios/northern-lantern.json', import.meta.url), 'utf8'));
  if (!r.ok) throw new Error('northern-lantern does not validate');
  return r.scenario;
}

/** Every record inside the state's collections, and the scenario, frozen. */
function freezeRecords(state: ExerciseState): void {
  const s = state as unknown as Record<string, unknown>;
  for (const key of collections()) {
    const c = s[key];
    for (const record of Array.isArray(c) ? c : Object.values(c as object)) deepFreeze(record);
  }
  deepFreeze(state.scenario);
  deepFreeze(state.createdBy);
}

describe('the list of concerns', () => {
  it('owns every command and event exactly once, and documents no refusal code twice', () => {
    const commands = CONCERNS.flatMap((c) => Object.keys(c.info));
    expect(new Set(commands).size).toBe(commands.length);
    expect([...commands].sort()).toEqual([...COMMAND_TYPES].sort());
    const events = CONCERNS.flatMap((c) => c.events.map((e) => e.shape.type.value));
    expect(new Set(events).size).toBe(events.length);
    expect(events).toEqual(EVENT_TYPES);
    for (const c of CONCERNS) {
      expect(Object.keys(c.handlers).sort(), c.name).toEqual(Object.keys(c.info).sort());
      const evolved = Object.keys(c.evolvers).sort();
      expect(evolved, c.name).toEqual(
        c.events
          .map((e) => e.shape.type.value)
          .filter((t) => t !== 'exercise.created')
          .sort(),
      );
    }
    for (const t of COMMAND_TYPES)
      for (const code of Object.keys(commandInfo[t].rejections))
        expect(Object.hasOwn(GENERAL_REJECTIONS, code), `${t}: ${code} is a general code`).toBe(false);
  });

  it('a snapshot shares no mutable collection with the live state', () => {
    const run = simulate(northernLantern(), { seed: 7, turns: 2 });
    const live = run.state as unknown as Record<string, unknown>;
    const snap = cloneState(run.state) as unknown as Record<string, unknown>;
    expect(snap).toEqual(live);
    const declared = new Set(collections());
    for (const [key, value] of Object.entries(live)) {
      if (typeof value !== 'object' || value === null) continue;
      if (key === 'scenario' || key === 'createdBy') continue; // immutable, shared on purpose
      // Any other object in the state must be a declared collection, copied by the snapshot.
      expect(declared.has(key), `${key} is an object in the state but no concern declares it as a collection`).toBe(true);
      expect(snap[key], key).not.toBe(value);
    }
    // Folding more into the live state leaves the snapshot as it was.
    const before = JSON.stringify(snap);
    const h = harness();
    h.start();
    expect(JSON.stringify(snap)).toBe(before);
  });

  it('evolves every event type over deep-frozen records (evolvers replace records, never edit them)', () => {
    const seen = new Set<string>();
    const play = (events: readonly EngineEvent[]) => {
      const [first, ...rest] = events;
      if (first?.type !== 'exercise.created') throw new Error('no genesis');
      const state = genesis(first);
      for (const e of rest) {
        freezeRecords(state);
        expect(() => evolve(state, e), `${e.type} (#${e.seq})`).not.toThrow();
        seen.add(e.type);
      }
    };
    play(simulate(northernLantern(), { seed: 11, turns: 3 }).events);
    // What the simulation does not reach: auto-advance and the tick it causes.
    const h = harness();
    h.start();
    h.ok(facilitator, { type: 'exercise.pause', reason: 'Coffee.' });
    h.ok(facilitator, { type: 'exercise.resume' });
    h.ok(facilitator, { type: 'clock.auto', on: true });
    h.tick(10 * MINUTE);
    h.ok(SYSTEM, { type: 'clock.tick' });
    h.ok(facilitator, { type: 'clock.auto', on: false });
    h.ok(facilitator, { type: 'phase.extend', minutes: 5 });
    h.ok(facilitator, { type: 'exercise.pause', reason: 'coffee' });
    h.ok(facilitator, { type: 'exercise.resume' });
    h.ok(facilitator, { type: 'dice.roll', purpose: 'weather' });
    h.ok(facilitator, { type: 'inject.hold', inject: 'hw-inj-07', note: 'later' });
    h.ok(facilitator, { type: 'inject.schedule', inject: 'hw-inj-07' });
    h.ok(facilitator, { type: 'inject.skip', inject: 'hw-inj-08' });
    h.ok(facilitator, {
      type: 'inject.create',
      from: 'harbour-herald',
      to: ['ALL'],
      channel: 'news',
      subject: 'Breaking',
      message: 'Ships collide.',
    });
    h.ok(actors.evaluator, { type: 'note.record', text: 'Prompt consultation.', nation: 'ARN' });
    // Intelligence: a report released early is delivered when its inject goes out; a share, an
    // ORCON request approved and one denied, a widening, a tearline, an assessment, a hold and
    // resume, and an ad hoc report.
    const g = harness();
    g.start();
    g.ok(facilitator, { type: 'intel.release', intel: 'hw-int-04' });
    g.ok(facilitator, { type: 'phase.advance' });
    expect(g.log.some((e) => e.type === 'intel.delivered')).toBe(true);
    play(g.log);
    h.ok(facilitator, { type: 'intel.hold', intel: 'hw-int-05' });
    h.ok(facilitator, { type: 'intel.resume', intel: 'hw-int-05' });
    h.ok(facilitator, {
      type: 'intel.write',
      title: 'Harbour chatter',
      originator: 'BRV',
      classification: 'SECRET',
      controls: { relTo: ['ARN'] },
      grading: { reliability: 'C', credibility: '3' },
      body: 'Ships gather.',
      truth: 'false',
      to: ['ARN'],
    });
    h.ok(CSM, { type: 'intel.share', intel: 'hw-int-03', to: ['ARN'] });
    h.ok(CSM, { type: 'intel.widen', intel: 'hw-int-03', relTo: ['BRV'] });
    const rq = (reason: string) =>
      only(h.ok(ARN, { type: 'intel.request', intel: 'hw-int-03', to: ['BRV'], reason }), 'intel.requested').request;
    h.ok(CSM, { type: 'intel.deny', request: rq('first'), note: 'Not yet' });
    h.ok(CSM, { type: 'intel.approve', request: rq('second') });
    h.ok(facilitator, { type: 'intel.release', intel: 'hw-int-05' });
    h.ok(BRV, { type: 'intel.release_tearline', intel: 'hw-int-05', to: ['ARN'] });
    h.ok(ARN, {
      type: 'intel.assess',
      title: 'View',
      classification: 'RESTRICTED',
      controls: { relTo: ['BRV'] },
      body: 'Calm.',
      to: ['BRV'],
    });
    // Negotiation and treaty steps, played here as well so that the check does not hang on what
    // the bots happen to do in three turns: an agreement amended, signed by all, published,
    // suspended by a motion and left by a party; one vetoed after its deadline was extended; one
    // under silence, broken, amended and kept to its deadline; a unilateral invocation answered
    // and extended; and a consensus invocation still short of answers at its deadline. The two
    // deadlines (the end of this consultation phase) are settled by the clock, one item per tick.
    const consult = { turn: 1, phase: 'consult' } as const;
    expect(h.state.phaseIndex).toBe(1);
    const clause = { type: 'basing_access', title: 'Access' } as const;
    const a = only(
      h.ok(ARN, { type: 'agreement.propose', title: 'Accord', parties: ['BRV', 'CSM'], clauses: [clause], rule: 'consensus' }),
      'agreement.proposed',
    ).agreement;
    h.ok(BRV, { type: 'agreement.amend', agreement: a, version: 1, text: 'Preamble.', note: 'Adds a preamble' });
    for (const n of [ARN, BRV, CSM])
      h.ok(n, { type: 'agreement.sign', agreement: a, version: 2, reservations: n === CSM ? 'Subject to parliament.' : '' });
    h.ok(ARN, { type: 'agreement.publish', agreement: a });
    h.ok(ARN, { type: 'agreement.motion', agreement: a, motion: 'suspend', reason: 'Pause for talks.' });
    h.ok(BRV, { type: 'agreement.motion.vote', agreement: a, stance: 'support' });
    expect(only(h.ok(CSM, { type: 'agreement.motion.vote', agreement: a, stance: 'support' }), 'agreement.motion.settled').result).toBe(
      'adopted',
    );
    h.ok(CSM, { type: 'agreement.withdraw', agreement: a, reason: 'Overtaken by events.' });
    const vetoed = only(
      h.ok(ARN, { type: 'agreement.propose', title: 'Pact', parties: ['BRV'], clauses: [clause], rule: 'consensus', deadline: consult }),
      'agreement.proposed',
    ).agreement;
    h.ok(facilitator, { type: 'agreement.extend', agreement: vetoed, deadline: { turn: 2, phase: 'consult' } });
    h.ok(BRV, { type: 'agreement.reject', agreement: vetoed, version: 1, reason: 'Not now.' });
    const silence = only(
      h.ok(ARN, { type: 'agreement.propose', title: 'Statement', parties: ['BRV', 'CSM'], clauses: [clause], rule: 'silence' }),
      'agreement.proposed',
    ).agreement;
    h.ok(CSM, { type: 'agreement.silence.break', agreement: silence, version: 1, reason: 'Paragraph 2.' });
    h.ok(CSM, { type: 'agreement.amend', agreement: silence, version: 1, title: 'Revised statement' });
    const unilateral = only(
      h.ok(ARN, { type: 'treaty.invoke', treaty: 'harbour-compact', clause: 'hc-art2', grounds: 'Threatened.' }),
      'consultation.opened',
    ).consultation;
    h.ok(CSM, { type: 'consultation.position', consultation: unilateral, stance: 'abstain', statement: 'Not yet.' });
    h.ok(facilitator, { type: 'consultation.extend', consultation: unilateral, deadline: { turn: 2, phase: 'consult' } });
    h.ok(BRV, { type: 'treaty.invoke', treaty: 'harbour-compact', clause: 'hc-art3', grounds: 'Our frigates were attacked.' });
    // A joint operation funded, delivered and launched at once (its launch phase is this one).
    const op = only(
      h.ok(ARN, {
        type: 'operation.propose',
        title: 'Patrol',
        objective: 'Patrol the sound.',
        actionType: 'military',
        regions: ['grey-sound'],
        funding: 10,
        pledgeBy: consult,
        launchFrom: consult,
        participants: ['BRV'],
      }),
      'operation.proposed',
    ).operation;
    h.ok(BRV, { type: 'operation.pledge', operation: op, money: 10 });
    h.ok(BRV, { type: 'operation.deliver', operation: op, money: 10 });
    h.ok(ARN, { type: 'operation.launch', operation: op });
    h.tick(60 * MINUTE);
    expect(ofType(h.ok(SYSTEM, { type: 'clock.tick' }), 'agreement.settled')).toMatchObject([{ agreement: silence, outcome: 'in_force' }]);
    expect(ofType(h.ok(SYSTEM, { type: 'clock.tick' }), 'consultation.settled')).toMatchObject([{ result: 'declined', atDeadline: true }]);
    h.ok(facilitator, { type: 'exercise.end', reason: 'ENDEX' });
    play(h.log);
    expect([...seen].sort()).toEqual(EVENT_TYPES.filter((t) => t !== 'exercise.created').sort());
  });
});

describe('given events, when a command', () => {
  it('then its events', () => {
    given([{ type: 'exercise.started' }])
      .when(facilitator, { type: 'exercise.pause', reason: 'coffee' })
      .then([{ type: 'exercise.paused', reason: 'coffee' }]);
  });

  it('or a refusal, and nothing changes', () => {
    given([{ type: 'exercise.started' }, { type: 'exercise.ended', reason: 'ENDEX' }])
      .when(ARN, { type: 'nation.ready', ready: true })
      .refused('ended');
  });

  it('reaches a state between two events of one command, where the engine is total', () => {
    // exercise.started folded without its phase.started: turn 0, running. Advancing enters turn 1.
    const events = given([{ type: 'exercise.started' }])
      .when(facilitator, { type: 'phase.advance' })
      .accepted();
    expect(events[0]).toMatchObject({ type: 'phase.started', turn: 1, phaseIndex: 0 });
  });
});

describe('the clock', () => {
  it('is due at the phase deadline only with auto-advance on, and never while paused', () => {
    const h = harness();
    h.start();
    expect(nextDue(h.state)).toBeNull();
    h.ok(facilitator, { type: 'clock.auto', on: true });
    expect(nextDue(h.state)).toMatchObject({ at: h.state.deadline, concern: 'turns' });
    h.ok(facilitator, { type: 'exercise.pause' });
    expect(nextDue(h.state)).toBeNull();
    const deadline = h.state.deadline ?? 0;
    h.tick(3 * MINUTE);
    h.ok(facilitator, { type: 'exercise.resume' });
    expect(nextDue(h.state)?.at).toBe(deadline + 3 * MINUTE + 1_000);
  });

  it('a tick before the time is refused; at the time it enters the next phase once', () => {
    const h = harness();
    h.start();
    h.ok(facilitator, { type: 'clock.auto', on: true });
    h.reject(SYSTEM, { type: 'clock.tick' }, 'nothing_due');
    h.tick(60 * MINUTE); // long overdue
    const events = h.ok(SYSTEM, { type: 'clock.tick' });
    expect(events.filter((e) => e.type === 'phase.started')).toHaveLength(1);
    expect(h.state.phaseIndex).toBe(1);
    // The new phase runs its full length from the tick, so it is not due again at once.
    h.reject(SYSTEM, { type: 'clock.tick' }, 'nothing_due');
  });

  it('no client sends as the clock', () => {
    const h = harness();
    h.start();
    h.ok(facilitator, { type: 'clock.auto', on: true });
    h.tick(60 * MINUTE);
    for (const actor of [facilitator, ARN]) h.reject(actor, { type: 'clock.tick' }, 'forbidden');
  });
});
