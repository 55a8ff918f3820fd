/**
 * Actions: nations submit in the submit phase, with their own assets, within a per-turn limit;
 * the white cell submits the adversary's moves; withdrawal before adjudication.
 */
import { describe, expect, it } from 'vitest';
import { actors, harness, nationActor, only, type Draft } from '../../../../tests/helpers/harness.ts';
import { MAX_ACTIONS_PER_TURN } from './commands.ts';

const { facilitator, evaluator, observer, ARN, BRV, CSM } = actors;

const escort = {
  type: 'action.submit',
  actionType: 'military',
  title: 'Escort shipping',
  text: 'Frigates escort merchant ships through the Grey Sound.',
  regions: ['grey-sound'],
  assets: ['brv-frigates'],
} as const satisfies Draft;

const statement = (n: number) =>
  ({
    type: 'action.submit',
    actionType: 'diplomatic',
    title: `Statement ${n}`,
    text: `Public statement number ${n}`,
  }) as const satisfies Draft;

describe('action.submit', () => {
  it('a nation submits in the submit phase; the action records who, what, where and when', () => {
    const h = harness();
    h.advanceTo(1, 'submit');
    const seq = h.state.seq;
    const at = h.clock;
    const e = only(
      h.ok(BRV, { ...escort, regions: ['grey-sound', 'bravaria', 'grey-sound'], assets: ['brv-frigates', 'brv-frigates'] }),
      'action.submitted',
    );
    expect(e).toMatchObject({
      id: `A${seq + 1}`,
      turn: 1,
      nation: 'BRV',
      actionType: 'military',
      regions: ['grey-sound', 'bravaria'],
      assets: ['brv-frigates'],
    });
    expect(h.state.actions[e.id]).toEqual({
      id: e.id,
      seq: seq + 1,
      at,
      turn: 1,
      nation: 'BRV',
      position: 'dm',
      submittedBy: 'Bravaria Defence Minister',
      type: 'military',
      title: 'Escort shipping',
      text: 'Frigates escort merchant ships through the Grey Sound.',
      regions: ['grey-sound', 'bravaria'],
      assets: ['brv-frigates'],
      argument: null,
      shared: false,
      status: 'submitted',
      adjudication: null,
    });
    expect(h.state.actionOrder).toEqual([e.id]);
  });

  it('a nation submits only in the submit phase', () => {
    const h = harness();
    h.start();
    for (const phase of ['brief', 'consult'] as const) {
      h.advanceTo(1, phase);
      const r = h.reject(ARN, statement(1), 'wrong_phase');
      expect(r.message).toContain('"Submit actions"');
    }
    h.advanceTo(1, 'submit');
    h.ok(ARN, statement(1));
    for (const phase of ['adjudicate', 'outcome'] as const) {
      h.advanceTo(1, phase);
      h.reject(ARN, statement(2), 'wrong_phase');
    }
  });

  it("commits only the nation's own, existing assets", () => {
    const h = harness();
    h.advanceTo(1, 'submit');
    const r = h.reject(ARN, { ...escort }, 'not_your_asset');
    expect(r.path).toBe('assets[0]');
    // Another nation's asset, a hidden adversary asset and a made-up id get the very same answer.
    const hidden = h.reject(ARN, { ...escort, assets: ['arn-mpa', 'drx-submarine'] }, 'not_your_asset');
    const madeUp = h.reject(ARN, { ...escort, assets: ['arn-mpa', 'arn-carrier'] }, 'not_your_asset');
    expect(hidden).toEqual(madeUp);
    expect(madeUp.path).toBe('assets[1]');
    expect(r.message).toBe(madeUp.message);
    expect(r.message).not.toContain('BRV');
    h.reject(ARN, { ...escort, assets: ['constructor'] }, 'not_your_asset');
    h.reject(facilitator, { ...escort, as: 'DRX', assets: ['arn-carrier'] }, 'unknown_asset');
    h.ok(ARN, { ...escort, assets: ['arn-mpa', 'arn-fighters'] });
  });

  it('targets only existing regions', () => {
    const h = harness();
    h.advanceTo(1, 'submit');
    expect(h.reject(BRV, { ...escort, regions: ['grey-sound', 'atlantis'] }, 'unknown_region').path).toBe('regions[1]');
    h.reject(BRV, { ...escort, regions: ['toString'] }, 'unknown_region');
  });

  it(`at most ${MAX_ACTIONS_PER_TURN} live actions per nation per turn`, () => {
    const h = harness();
    h.advanceTo(1, 'submit');
    const ids: string[] = [];
    for (let i = 1; i <= MAX_ACTIONS_PER_TURN; i++) ids.push(only(h.ok(CSM, statement(i)), 'action.submitted').id);
    h.reject(CSM, statement(99), 'too_many');
    // Other nations have their own allowance.
    h.ok(ARN, statement(1));
    // Withdrawing one frees a slot.
    h.ok(CSM, { type: 'action.withdraw', action: ids[3]! });
    h.ok(CSM, statement(13));
    h.reject(CSM, statement(14), 'too_many');
    // A new turn, a new allowance.
    h.advanceTo(2, 'submit');
    for (let i = 1; i <= MAX_ACTIONS_PER_TURN; i++) h.ok(CSM, statement(i));
    h.reject(CSM, statement(13), 'too_many');
  });

  it('a nation cannot act for another nation, but may name itself', () => {
    const h = harness();
    h.advanceTo(1, 'submit');
    expect(h.reject(ARN, { ...statement(1), as: 'BRV' }, 'not_your_nation').path).toBe('as');
    h.reject(ARN, { ...statement(1), as: 'DRX' }, 'not_your_nation');
    const e = only(h.ok(ARN, { ...statement(1), as: 'ARN' }), 'action.submitted');
    expect(e.nation).toBe('ARN');
  });

  it("the white cell acts only as the adversary, in any phase, with the adversary's assets", () => {
    const h = harness();
    h.start();
    const drx = {
      type: 'action.submit',
      actionType: 'military',
      title: 'Shadow the ferry',
      text: 'The submarine shadows the Bravarian ferry.',
      regions: ['grey-sound'],
      assets: ['drx-submarine'],
    } as const satisfies Draft;
    expect(h.reject(facilitator, { ...drx, as: undefined }, 'not_your_nation').path).toBe('as');
    h.reject(facilitator, { ...drx, as: 'ARN' }, 'not_your_nation');
    h.reject(facilitator, { ...drx, as: 'DRX', assets: ['brv-frigates'] }, 'not_your_asset');
    const e = only(h.ok(facilitator, { ...drx, as: 'DRX' }), 'action.submitted');
    expect(e).toMatchObject({ nation: 'DRX', turn: 1, assets: ['drx-submarine'] });
    expect(h.phase).toBe('brief');
    expect(h.state.actions[e.id]).toMatchObject({ nation: 'DRX', position: null, submittedBy: 'White Cell Lead' });
  });

  it('needs a running exercise', () => {
    const h = harness();
    h.reject(ARN, statement(1), 'not_started');
    h.reject(facilitator, { ...statement(1), as: 'DRX' }, 'not_started');
    h.advanceTo(1, 'submit');
    h.ok(facilitator, { type: 'exercise.pause' });
    h.reject(ARN, statement(1), 'paused');
    h.reject(facilitator, { ...statement(1), as: 'DRX' }, 'paused');
  });

  it('evaluators, observers and non-allied teams cannot submit', () => {
    const h = harness();
    h.advanceTo(1, 'submit');
    for (const who of [evaluator, observer, nationActor('DRX'), nationActor('ZZZ')]) h.reject(who, statement(1), 'forbidden');
  });

  it('bounds the title, text and lists', () => {
    const h = harness();
    h.advanceTo(1, 'submit');
    expect(h.reject(ARN, { ...statement(1), title: 't'.repeat(161) }, 'malformed').path).toBe('title');
    expect(h.reject(ARN, { ...statement(1), title: '   ' }, 'malformed').path).toBe('title');
    expect(h.reject(ARN, { ...statement(1), text: '' }, 'malformed').path).toBe('text');
    expect(h.reject(ARN, { ...statement(1), text: 'x'.repeat(4001) }, 'malformed').path).toBe('text');
    h.reject(ARN, { ...statement(1), regions: Array.from({ length: 17 }, () => 'arnholm') }, 'malformed');
    h.reject(ARN, { ...statement(1), actionType: 'nuclear' }, 'malformed');
  });
});

describe('action.withdraw', () => {
  it('a nation withdraws its own action during the submit phase, once', () => {
    const h = harness();
    h.advanceTo(1, 'submit');
    const id = only(h.ok(BRV, escort), 'action.submitted').id;
    const [e] = h.ok(BRV, { type: 'action.withdraw', action: id });
    expect(e).toMatchObject({ type: 'action.withdrawn', action: id });
    expect(h.state.actions[id]?.status).toBe('withdrawn');
    h.reject(BRV, { type: 'action.withdraw', action: id }, 'not_withdrawable');
  });

  it("not another nation's action, nor an unknown one", () => {
    const h = harness();
    h.advanceTo(1, 'submit');
    const id = only(h.ok(BRV, escort), 'action.submitted').id;
    // Someone else's action and an id that does not exist read alike.
    const theirs = h.reject(ARN, { type: 'action.withdraw', action: id }, 'not_found');
    const none = h.reject(ARN, { type: 'action.withdraw', action: 'A999' }, 'not_found');
    expect(theirs).toEqual(none);
    expect(none.path).toBe('action');
    h.reject(facilitator, { type: 'action.withdraw', action: id }, 'unknown_action');
    h.reject(BRV, { type: 'action.withdraw', action: 'hasOwnProperty' }, 'not_found');
  });

  it('a nation cannot withdraw once the submit phase is over', () => {
    const h = harness();
    h.advanceTo(1, 'submit');
    const id = only(h.ok(BRV, escort), 'action.submitted').id;
    h.advanceTo(1, 'adjudicate');
    h.reject(BRV, { type: 'action.withdraw', action: id }, 'wrong_phase');
  });

  it('not from an earlier turn, and not once adjudicated', () => {
    const h = harness();
    h.advanceTo(1, 'submit');
    const old = only(h.ok(BRV, escort), 'action.submitted').id;
    h.advanceTo(2, 'submit');
    h.reject(BRV, { type: 'action.withdraw', action: old }, 'not_withdrawable');
    const drx = only(h.ok(facilitator, { ...statement(1), as: 'DRX' }), 'action.submitted').id;
    h.advanceTo(2, 'adjudicate');
    h.ok(facilitator, { type: 'adjudication.record', actions: [drx], title: 'Settled', outcome: 'Nothing happens.' });
    h.reject(facilitator, { type: 'action.withdraw', action: drx }, 'not_withdrawable');
  });

  it("the white cell withdraws the adversary's actions, in any phase of the turn", () => {
    const h = harness();
    h.start();
    const id = only(h.ok(facilitator, { ...statement(1), as: 'DRX' }), 'action.submitted').id;
    h.advanceTo(1, 'submit');
    h.reject(ARN, { type: 'action.withdraw', action: id }, 'not_found');
    h.advanceTo(1, 'outcome');
    h.ok(facilitator, { type: 'action.withdraw', action: id });
    expect(h.state.actions[id]?.status).toBe('withdrawn');
  });

  it('needs a running exercise and a nation or the white cell', () => {
    const h = harness();
    h.advanceTo(1, 'submit');
    const id = only(h.ok(ARN, statement(1)), 'action.submitted').id;
    for (const who of [evaluator, observer]) h.reject(who, { type: 'action.withdraw', action: id }, 'forbidden');
    h.ok(facilitator, { type: 'exercise.pause' });
    h.reject(ARN, { type: 'action.withdraw', action: id }, 'paused');
    h.ok(facilitator, { type: 'exercise.end', reason: 'ENDEX' });
    h.reject(ARN, { type: 'action.withdraw', action: id }, 'ended');
  });
});
