/**
 * Adjudication: the white cell records outcomes in the adjudicate and outcome phases, changes the
 * ground truth through effects (keeping the before-values), closes the actions it settles, and
 * rolls seeded dice.
 */
import { describe, expect, it } from 'vitest';
import { actors, harness, nationActor, only, SEED, type Draft, type Harness } from '../../../../tests/helpers/harness.ts';
import { rollDie, seedRng } from '../rng.ts';

const { facilitator, evaluator, observer, ARN, BRV, CSM } = actors;

const outcome = (extra: Partial<Extract<Draft, { type: 'adjudication.record' }>> = {}): Draft => ({
  type: 'adjudication.record',
  title: 'Escort succeeds',
  outcome: 'Shipping moves under escort.',
  ...extra,
});

/** Turn 1 with one action per nation and one adversary action, now in the adjudicate phase. */
function withActions(): { h: Harness; arn: string; brv: string; csm: string; drx: string } {
  const h = harness();
  h.advanceTo(1, 'submit');
  const submit = (who: typeof ARN, d: Draft) => only(h.ok(who, d), 'action.submitted').id;
  const arn = submit(ARN, {
    type: 'action.submit',
    actionType: 'intelligence',
    title: 'MPA patrol',
    text: 'Patrol flights',
    regions: ['grey-sound'],
    assets: ['arn-mpa'],
  });
  const brv = submit(BRV, {
    type: 'action.submit',
    actionType: 'military',
    title: 'Escort',
    text: 'Escort ferries',
    regions: ['grey-sound'],
    assets: ['brv-frigates'],
  });
  const csm = submit(CSM, {
    type: 'action.submit',
    actionType: 'cyber',
    title: 'Isolate ports',
    text: 'Take systems offline',
    regions: ['harbour-net'],
  });
  const drx = submit(facilitator, {
    type: 'action.submit',
    as: 'DRX',
    actionType: 'cyber',
    title: 'Implant',
    text: 'Trigger the implant',
    regions: ['harbour-net'],
  });
  h.advanceTo(1, 'adjudicate');
  return { h, arn, brv, csm, drx };
}

describe('adjudication.record', () => {
  it('only in the adjudicate or outcome phase', () => {
    const h = harness();
    h.reject(facilitator, outcome(), 'not_started');
    for (const phase of ['brief', 'consult', 'submit'] as const) {
      h.advanceTo(1, phase);
      expect(h.reject(facilitator, outcome(), 'wrong_phase').message).toMatch(/"Adjudication" or "Outcome brief"/);
    }
    h.advanceTo(1, 'adjudicate');
    h.ok(facilitator, outcome());
    h.advanceTo(1, 'outcome');
    h.ok(facilitator, outcome());
    h.ok(facilitator, { type: 'exercise.pause' });
    h.ok(facilitator, outcome());
    h.ok(facilitator, { type: 'exercise.end', reason: 'ENDEX' });
    h.reject(facilitator, outcome(), 'ended');
  });

  it('records the outcome, settles its actions, applies region and asset effects and keeps the before-values', () => {
    const { h, brv, arn } = withActions();
    const seq = h.state.seq;
    const at = h.clock;
    const e = only(
      h.ok(
        facilitator,
        outcome({
          actions: [brv, arn],
          rationale: 'Roll of 72 on the military table.',
          effects: [
            { kind: 'region', region: 'grey-sound', controller: 'BRV', stability: 65 },
            { kind: 'region', region: 'drex-march', stability: 40 },
            { kind: 'asset', asset: 'brv-frigates', region: 'bravaria', strength: 60, readiness: 'limited' },
            { kind: 'asset', asset: 'drx-submarine', hidden: false },
          ],
          visibleTo: ['CSM', 'BRV', 'BRV'],
        }),
      ),
      'adjudication.recorded',
    );
    expect(e).toMatchObject({ id: `J${seq + 1}`, turn: 1, phase: 'adjudicate', actions: [brv, arn], visibleTo: ['BRV', 'CSM'] });
    expect(e.previous).toEqual([
      { kind: 'region', region: 'grey-sound', controller: null, stability: 55 },
      { kind: 'region', region: 'drex-march', stability: 60 },
      { kind: 'asset', asset: 'brv-frigates', region: 'grey-sound', strength: 75, readiness: 'ready' },
      { kind: 'asset', asset: 'drx-submarine', hidden: true },
    ]);
    expect(h.state.regions['grey-sound']).toEqual({ controller: 'BRV', stability: 65 });
    expect(h.state.regions['drex-march']).toEqual({ controller: 'DRX', stability: 40 });
    expect(h.state.assets['brv-frigates']).toEqual({ owner: 'BRV', region: 'bravaria', strength: 60, readiness: 'limited', hidden: false });
    expect(h.state.assets['drx-submarine']).toMatchObject({ hidden: false, region: 'grey-sound', strength: 70 });
    for (const id of [brv, arn]) expect(h.state.actions[id]).toMatchObject({ status: 'adjudicated', adjudication: e.id });
    expect(h.state.adjudications).toEqual([
      {
        id: e.id,
        seq: seq + 1,
        at,
        turn: 1,
        phase: 'adjudicate',
        actions: [brv, arn],
        operations: [],
        title: 'Escort succeeds',
        outcome: 'Shipping moves under escort.',
        rationale: 'Roll of 72 on the military table.',
        effects: e.effects,
        previous: e.previous,
        visibleTo: ['BRV', 'CSM'],
        escalation: null,
        roll: null,
        row: null,
        success: null,
        override: null,
      },
    ]);
  });

  it('effects on the same target apply in order, each recording what the one before left', () => {
    const { h } = withActions();
    const e = only(
      h.ok(
        facilitator,
        outcome({
          effects: [
            { kind: 'region', region: 'grey-sound', stability: 40 },
            { kind: 'region', region: 'grey-sound', stability: 30, controller: 'BRV' },
            { kind: 'asset', asset: 'brv-frigates', region: 'bravaria' },
            { kind: 'asset', asset: 'brv-frigates', region: 'grey-sound', strength: 50 },
          ],
        }),
      ),
      'adjudication.recorded',
    );
    expect(e.previous).toEqual([
      { kind: 'region', region: 'grey-sound', stability: 55 },
      { kind: 'region', region: 'grey-sound', controller: null, stability: 40 },
      { kind: 'asset', asset: 'brv-frigates', region: 'grey-sound' },
      { kind: 'asset', asset: 'brv-frigates', region: 'bravaria', strength: 75 },
    ]);
    expect(h.state.regions['grey-sound']).toEqual({ controller: 'BRV', stability: 30 });
    expect(h.state.assets['brv-frigates']).toMatchObject({ region: 'grey-sound', strength: 50 });
  });

  it('a region can become contested (controller null) or fall to the adversary; assets can be hidden again', () => {
    const { h } = withActions();
    const e = only(
      h.ok(
        facilitator,
        outcome({
          effects: [
            { kind: 'region', region: 'bravaria', controller: null },
            { kind: 'region', region: 'harbour-net', controller: 'DRX' },
            { kind: 'asset', asset: 'csm-patrol', hidden: true, strength: 0, readiness: 'not_ready' },
          ],
        }),
      ),
      'adjudication.recorded',
    );
    expect(e.previous).toEqual([
      { kind: 'region', region: 'bravaria', controller: 'BRV' },
      { kind: 'region', region: 'harbour-net', controller: null },
      { kind: 'asset', asset: 'csm-patrol', strength: 45, readiness: 'ready', hidden: false },
    ]);
    expect(h.state.regions['bravaria']).toEqual({ controller: null, stability: 75 });
    expect(h.state.regions['harbour-net']?.controller).toBe('DRX');
    expect(h.state.assets['csm-patrol']).toMatchObject({ hidden: true, strength: 0, readiness: 'not_ready' });
    expect(e.visibleTo).toBe('ALL');
    expect(e.rationale).toBe('');
  });

  it('an action is settled once: a second adjudication, a withdrawn action or a repeat is action_closed', () => {
    const h = harness();
    h.advanceTo(1, 'submit');
    const a = only(
      h.ok(ARN, { type: 'action.submit', actionType: 'diplomatic', title: 'Call', text: 'Call consultations' }),
      'action.submitted',
    ).id;
    const w = only(
      h.ok(ARN, { type: 'action.submit', actionType: 'legal', title: 'Refer', text: 'Refer to lawyers' }),
      'action.submitted',
    ).id;
    const b = only(
      h.ok(BRV, { type: 'action.submit', actionType: 'diplomatic', title: 'Support', text: 'Support the call' }),
      'action.submitted',
    ).id;
    h.ok(ARN, { type: 'action.withdraw', action: w });
    h.advanceTo(1, 'adjudicate');
    expect(h.reject(facilitator, outcome({ actions: [b, w] }), 'action_closed').path).toBe('actions[1]');
    expect(h.reject(facilitator, outcome({ actions: [a, b, a] }), 'action_closed').path).toBe('actions[2]');
    h.ok(facilitator, outcome({ actions: [a] }));
    expect(h.reject(facilitator, outcome({ actions: [b, a] }), 'action_closed').path).toBe('actions[1]');
    h.advanceTo(1, 'outcome');
    h.reject(facilitator, outcome({ actions: [a] }), 'action_closed');
    h.ok(facilitator, outcome({ actions: [b] }));
  });

  it("an earlier turn's open action can still be adjudicated", () => {
    const h = harness();
    h.advanceTo(1, 'submit');
    const a = only(
      h.ok(CSM, { type: 'action.submit', actionType: 'humanitarian', title: 'Aid', text: 'Aid to ferry passengers' }),
      'action.submitted',
    ).id;
    h.advanceTo(2, 'adjudicate');
    h.ok(facilitator, outcome({ actions: [a] }));
    expect(h.state.actions[a]?.status).toBe('adjudicated');
  });

  it('refuses unknown actions, regions, assets and nations, naming the field', () => {
    const { h } = withActions();
    expect(h.reject(facilitator, outcome({ actions: ['A999'] }), 'unknown_action').path).toBe('actions[0]');
    expect(h.reject(facilitator, outcome({ effects: [{ kind: 'region', region: 'atlantis', stability: 3 }] }), 'unknown_region').path).toBe(
      'effects[0].region',
    );
    expect(
      h.reject(
        facilitator,
        outcome({
          effects: [
            { kind: 'region', region: 'bravaria', stability: 3 },
            { kind: 'region', region: 'bravaria', controller: 'ZZZ' },
          ],
        }),
        'unknown_nation',
      ).path,
    ).toBe('effects[1].controller');
    expect(h.reject(facilitator, outcome({ effects: [{ kind: 'asset', asset: 'ghost-fleet', strength: 1 }] }), 'unknown_asset').path).toBe(
      'effects[0].asset',
    );
    expect(
      h.reject(facilitator, outcome({ effects: [{ kind: 'asset', asset: 'brv-frigates', region: 'atlantis' }] }), 'unknown_region').path,
    ).toBe('effects[0].region');
    expect(h.reject(facilitator, outcome({ effects: [{ kind: 'region', region: 'valueOf', stability: 1 }] }), 'unknown_region').path).toBe(
      'effects[0].region',
    );
    expect(h.reject(facilitator, outcome({ visibleTo: ['ARN', 'DRX'] }), 'unknown_nation').path).toBe('visibleTo[1]');
    h.reject(facilitator, outcome({ visibleTo: ['ZZZ'] }), 'unknown_nation');
  });

  it('refuses an effect that changes nothing', () => {
    const { h } = withActions();
    expect(h.reject(facilitator, outcome({ effects: [{ kind: 'region', region: 'bravaria' }] }), 'empty_effect').path).toBe('effects[0]');
    expect(h.reject(facilitator, outcome({ effects: [{ kind: 'asset', asset: 'arn-hq' }] }), 'empty_effect').path).toBe('effects[0]');
  });

  it('bounds the values of effects and texts', () => {
    const { h } = withActions();
    h.reject(facilitator, outcome({ effects: [{ kind: 'region', region: 'bravaria', stability: 101 }] }), 'malformed');
    h.reject(facilitator, outcome({ effects: [{ kind: 'asset', asset: 'arn-hq', strength: -1 }] }), 'malformed');
    h.reject(facilitator, outcome({ outcome: '' }), 'malformed');
    h.reject(facilitator, outcome({ rationale: 'r'.repeat(4001) }), 'malformed');
    h.reject(
      facilitator,
      { type: 'adjudication.record', title: 't', outcome: 'o', effects: [{ kind: 'weather', region: 'bravaria' }] },
      'malformed',
    );
  });

  it('is for the white cell only', () => {
    const { h, brv } = withActions();
    for (const who of [ARN, BRV, evaluator, observer]) h.reject(who, outcome({ actions: [brv] }), 'forbidden');
  });
});

describe('dice.roll', () => {
  it('is deterministic given the seed, and advances the generator', () => {
    const a = harness();
    const b = harness();
    a.start();
    b.start();
    const rollA = only(a.ok(facilitator, { type: 'dice.roll', sides: 100, count: 3, purpose: 'escort' }), 'dice.rolled');
    const rollB = only(b.ok(facilitator, { type: 'dice.roll', sides: 100, count: 3, purpose: 'escort' }), 'dice.rolled');
    expect(rollA.results).toEqual(rollB.results);
    expect(rollA.rng).toBe(rollB.rng);

    // The same numbers as drawing from the generator seeded with the exercise seed.
    let rng = seedRng(SEED);
    const expected: number[] = [];
    for (let i = 0; i < 3; i++) {
      const [v, next] = rollDie(rng, 100);
      expected.push(v);
      rng = next;
    }
    expect(rollA.results).toEqual(expected);
    expect(rollA.rng).toBe(rng);
    expect(a.state.rng).toBe(rng);
    expect(a.state.rolls).toEqual([{ seq: rollA.seq, at: rollA.at, turn: 1, purpose: 'escort', sides: 100, results: expected }]);

    // The next roll continues the stream instead of repeating it.
    const next = only(a.ok(facilitator, { type: 'dice.roll', sides: 100, count: 3, purpose: 'again' }), 'dice.rolled');
    const [v0] = rollDie(rng, 100);
    expect(next.results[0]).toBe(v0);
    expect(next.rng).not.toBe(rollA.rng);
    expect(a.state.rolls).toHaveLength(2);
  });

  it('a different seed gives a different stream', () => {
    const a = harness({ seed: 1 });
    const b = harness({ seed: 2 });
    a.start();
    b.start();
    const ra = only(a.ok(facilitator, { type: 'dice.roll', sides: 1000, count: 5, purpose: 'p' }), 'dice.rolled');
    const rb = only(b.ok(facilitator, { type: 'dice.roll', sides: 1000, count: 5, purpose: 'p' }), 'dice.rolled');
    expect(ra.results).not.toEqual(rb.results);
  });

  it('results stay within the die and default to one d100', () => {
    const h = harness();
    h.start();
    const d6 = only(h.ok(facilitator, { type: 'dice.roll', sides: 6, count: 20, purpose: 'd6' }), 'dice.rolled');
    expect(d6.results).toHaveLength(20);
    for (const v of d6.results) expect(v >= 1 && v <= 6 && Number.isInteger(v)).toBe(true);
    const d100 = only(h.ok(facilitator, { type: 'dice.roll', purpose: 'default' }), 'dice.rolled');
    expect(d100.sides).toBe(100);
    expect(d100.results).toHaveLength(1);
  });

  it('refuses bad dice, needs a started exercise, works while paused, white cell only', () => {
    const h = harness();
    h.reject(facilitator, { type: 'dice.roll', purpose: 'early' }, 'not_started');
    h.start();
    h.reject(facilitator, { type: 'dice.roll', sides: 1, purpose: 'p' }, 'malformed');
    h.reject(facilitator, { type: 'dice.roll', sides: 1001, purpose: 'p' }, 'malformed');
    h.reject(facilitator, { type: 'dice.roll', count: 21, purpose: 'p' }, 'malformed');
    h.reject(facilitator, { type: 'dice.roll', purpose: '' }, 'malformed');
    for (const who of [ARN, evaluator, observer, nationActor('DRX')]) h.reject(who, { type: 'dice.roll', purpose: 'p' }, 'forbidden');
    h.ok(facilitator, { type: 'exercise.pause' });
    h.ok(facilitator, { type: 'dice.roll', purpose: 'paused roll' });
  });
});
