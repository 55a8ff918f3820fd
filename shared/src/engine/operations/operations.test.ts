/** Joint operations in the engine: a flow from proposal to launch, the refusals, the clock, and the ledger. */
import { describe, expect, it } from 'vitest';
import { CONTROL, nationAudience, PUBLIC, project } from '../../views/index.ts';
import { actors, harness, MINUTE, ofType, type CommandOf, type Harness } from '../../../../tests/helpers/harness.ts';
import { SYSTEM } from '../envelope.ts';
import { burdenLedger } from './ledger.ts';

const { facilitator, ARN, BRV, CSM } = actors;

const propose = (over: Partial<CommandOf<'operation.propose'>> = {}): CommandOf<'operation.propose'> => ({
  type: 'operation.propose',
  title: 'Grey Sound patrol',
  objective: 'Keep the sound open to shipping.',
  actionType: 'military',
  regions: ['grey-sound'],
  requirements: [
    { type: 'fighter', count: 1 },
    { type: 'frigate', count: 1 },
  ],
  funding: 60,
  participants: ['BRV'],
  ...over,
});

/** ARN proposes to BRV in turn 1 consultation: pledges due by the end of that phase, launch from submit. */
function proposed(over: Partial<CommandOf<'operation.propose'>> = {}): { h: Harness; op: string } {
  const h = harness();
  h.advanceTo(1, 'consult');
  const [e] = ofType(h.ok(ARN, propose(over)), 'operation.proposed');
  return { h, op: e!.operation };
}

describe('a joint operation', () => {
  it('is proposed, pledged by two nations, delivered and launched; an undelivered pledge breaks at launch', () => {
    const { h, op } = proposed({ participants: ['BRV', 'CSM'] });
    const rec = () => h.state.operations[op]!;
    expect(rec()).toMatchObject({
      status: 'pledging',
      participants: ['ARN', 'BRV', 'CSM'],
      pledgeBy: { turn: 1, phase: 'consult' },
      launchFrom: { turn: 1, phase: 'submit' },
    });
    h.ok(ARN, { type: 'operation.pledge', operation: op, assets: ['arn-fighters'], money: 40, note: 'Two pairs on QRA' });
    h.ok(BRV, { type: 'operation.pledge', operation: op, assets: ['brv-frigates'], money: 10 });
    h.ok(BRV, { type: 'operation.pledge', operation: op, assets: ['brv-frigates'], money: 20, note: 'amended' });
    h.ok(CSM, { type: 'operation.pledge', operation: op, capabilities: [{ type: 'patrol_vessel', count: 1 }] });
    expect(rec().pledges.map((p) => [p.nation, p.amended, p.pledged.money])).toEqual([
      ['ARN', 0, 40],
      ['BRV', 1, 20],
      ['CSM', 0, 0],
    ]);
    const delivered = h.ok(ARN, { type: 'operation.deliver', operation: op, assets: ['arn-fighters'], money: 40 });
    expect(ofType(delivered, 'operation.delivered')[0]!.assets).toEqual([{ asset: 'arn-fighters', from: 'arnholm', to: 'grey-sound' }]);
    expect(h.state.assets['arn-fighters']!.region).toBe('grey-sound');
    h.ok(BRV, { type: 'operation.deliver', operation: op, assets: ['brv-frigates'], money: 20 });
    expect(rec().pledges.map((p) => p.status)).toEqual(['delivered', 'delivered', 'pledged']);
    h.reject(ARN, { type: 'operation.launch', operation: op }, 'too_early');
    h.advanceTo(1, 'submit');
    const launched = h.ok(ARN, { type: 'operation.launch', operation: op });
    // Control advanced before the clock fired the deadline: the launch closes pledging.
    // The broken pledge lowers Cosmara's trust with the proposer and with Bravaria, which delivered.
    expect(launched.map((e) => e.type)).toEqual([
      'operation.pledging_closed',
      'operation.launched',
      'operation.pledge_broken',
      'cohesion.changed',
      'cohesion.changed',
    ]);
    expect(ofType(launched, 'cohesion.changed').map((e) => [e.a, e.b, e.to - e.from, e.cause])).toEqual([
      [
        'ARN',
        'CSM',
        h.scenario.cohesionRules.brokenPledge,
        expect.objectContaining({ kind: 'rule', rule: 'brokenPledge', event: 'operation.pledge_broken' }),
      ],
      [
        'BRV',
        'CSM',
        h.scenario.cohesionRules.brokenPledge,
        expect.objectContaining({ kind: 'rule', rule: 'brokenPledge', event: 'operation.pledge_broken' }),
      ],
    ]);
    expect(ofType(launched, 'operation.pledge_broken')[0]).toMatchObject({
      operation: op,
      pledge: `${op}-CSM`,
      nation: 'CSM',
      reason: 'Undelivered at launch: 1 patrol vessel.',
    });
    expect(ofType(launched, 'operation.launched')[0]!.deliveredShare).toBe(1);
    expect(rec().status).toBe('launched');
    expect(rec().pledges.map((p) => p.status)).toEqual(['delivered', 'delivered', 'broken']);
    // Control settles it by an outcome naming the operation; the view links it for those who read the outcome.
    h.advanceTo(1, 'adjudicate');
    h.ok(facilitator, {
      type: 'adjudication.record',
      title: 'Patrol holds',
      outcome: 'Shipping moves.',
      operations: [op],
      visibleTo: ['ARN'],
    });
    const of = (aud: ReturnType<typeof nationAudience>) => project(h.state, aud).operations.find((o) => o.id === op)!;
    expect(of(nationAudience('ARN'))).toMatchObject({ status: 'adjudicated', outcome: expect.any(String) as unknown });
    expect(of(nationAudience('BRV'))).toMatchObject({ status: 'adjudicated', outcome: null });
  });

  it('the clock closes pledging at the deadline', () => {
    const { h, op } = proposed();
    h.tick(10 * MINUTE);
    const fired = h.ok(SYSTEM, { type: 'clock.tick' });
    expect(fired.map((e) => e.type)).toContain('operation.pledging_closed');
    expect(h.state.operations[op]!.status).toBe('closed');
  });

  it('a withdrawal before the deadline costs nothing; after it, the pledge is broken', () => {
    const { h, op } = proposed({ participants: ['BRV', 'CSM'] });
    h.ok(BRV, { type: 'operation.pledge', operation: op, money: 10 });
    h.ok(CSM, { type: 'operation.pledge', operation: op, money: 5 });
    expect(h.ok(BRV, { type: 'operation.withdraw', operation: op }).map((e) => e.type)).toEqual(['operation.pledge_withdrawn']);
    h.advanceTo(1, 'submit');
    const broken = h.ok(CSM, { type: 'operation.withdraw', operation: op, reason: 'Parliament said no' });
    expect(broken[0]).toMatchObject({
      type: 'operation.pledge_broken',
      nation: 'CSM',
      reason: 'Withdrawn after the pledge deadline: Parliament said no.',
    });
    h.reject(CSM, { type: 'operation.withdraw', operation: op }, 'no_pledge');
  });

  it('the proposer may cancel before launch; nobody else may', () => {
    const { h, op } = proposed();
    h.reject(BRV, { type: 'operation.cancel', operation: op }, 'not_proposer');
    h.ok(ARN, { type: 'operation.cancel', operation: op, reason: 'Overtaken by events' });
    h.reject(BRV, { type: 'operation.pledge', operation: op, money: 1 }, 'not_open');
  });
});

describe('bad input is refused and changes nothing', () => {
  it('an operation a nation does not take part in is not found, as an unknown id', () => {
    const { h, op } = proposed();
    const hidden = h.reject(CSM, { type: 'operation.pledge', operation: op, money: 5 }, 'not_found');
    const unknown = h.reject(CSM, { type: 'operation.pledge', operation: 'OP999', money: 5 }, 'not_found');
    expect(hidden).toEqual(unknown);
  });

  it('pledging an asset the nation does not own: the same words for another nation’s, a hidden one and an unknown id', () => {
    const { h, op } = proposed();
    const others = h.reject(BRV, { type: 'operation.pledge', operation: op, assets: ['arn-fighters'] }, 'not_your_asset');
    const hidden = h.reject(BRV, { type: 'operation.pledge', operation: op, assets: ['drx-submarine'] }, 'not_your_asset');
    const none = h.reject(BRV, { type: 'operation.pledge', operation: op, assets: ['no-such'] }, 'not_your_asset');
    expect(others).toEqual(hidden);
    expect(hidden).toEqual(none);
    expect(others.path).toBe('assets.0');
  });

  it('an asset that may not go to the operation’s regions: no access, until collective defence opens them', () => {
    const { h, op } = proposed({ regions: ['arnholm'] });
    expect(h.reject(BRV, { type: 'operation.pledge', operation: op, assets: ['brv-frigates'] }, 'no_access').message).toMatch(/Arnholm/);
    h.ok(ARN, { type: 'treaty.invoke', treaty: 'harbour-compact', clause: 'hc-art3', grounds: 'Armed attack on Arnholm' });
    h.ok(BRV, { type: 'consultation.position', consultation: Object.keys(h.state.consultations)[0]!, stance: 'support' });
    h.ok(CSM, { type: 'consultation.position', consultation: Object.keys(h.state.consultations)[0]!, stance: 'support' });
    h.ok(BRV, { type: 'operation.pledge', operation: op, assets: ['brv-frigates'] });
  });

  it('pledging after the deadline', () => {
    const { h, op } = proposed();
    h.advanceTo(1, 'submit');
    expect(h.reject(BRV, { type: 'operation.pledge', operation: op, money: 5 }, 'deadline_passed').message).toMatch(/Allied consultation/);
  });

  it('launching with unmet conditions names what is missing', () => {
    const { h, op } = proposed();
    h.ok(ARN, { type: 'operation.pledge', operation: op, assets: ['arn-fighters'], money: 40 });
    h.ok(ARN, { type: 'operation.deliver', operation: op, assets: ['arn-fighters'], money: 40 });
    h.advanceTo(1, 'submit');
    const r = h.reject(ARN, { type: 'operation.launch', operation: op }, 'conditions_unmet');
    expect(r.message).toBe('Not enough delivered: frigate needs 1, 0 delivered; funding 40 of 60 million delivered.');
    h.reject(BRV, { type: 'operation.launch', operation: op }, 'not_proposer');
  });

  it('an asset pledged to another open operation; deliveries beyond the pledge; a pledge below what was delivered', () => {
    const { h, op } = proposed();
    const [second] = ofType(h.ok(ARN, propose({ title: 'Second' })), 'operation.proposed');
    h.ok(BRV, { type: 'operation.pledge', operation: op, assets: ['brv-frigates'], money: 10 });
    h.reject(BRV, { type: 'operation.pledge', operation: second!.operation, assets: ['brv-frigates'] }, 'already_pledged');
    h.reject(BRV, { type: 'operation.deliver', operation: op, money: 11 }, 'not_pledged');
    h.reject(BRV, { type: 'operation.deliver', operation: op, capabilities: [{ type: 'fighter', count: 1 }] }, 'not_pledged');
    h.ok(BRV, { type: 'operation.deliver', operation: op, money: 10 });
    h.reject(BRV, { type: 'operation.pledge', operation: op, assets: ['brv-frigates'], money: 5 }, 'below_delivered');
    h.reject(BRV, { type: 'operation.pledge', operation: op }, 'empty');
    h.reject(BRV, { type: 'operation.pledge', operation: op, assets: ['brv-frigates', 'brv-frigates'] }, 'duplicate');
  });

  it('a proposal with a bad region, nation, basis or deadline', () => {
    const h = harness();
    h.advanceTo(1, 'consult');
    expect(h.reject(ARN, propose({ regions: ['atlantis'] }), 'unknown_region').path).toBe('regions.0');
    expect(h.reject(ARN, propose({ participants: ['DRX'] }), 'unknown_nation').path).toBe('participants.0');
    h.reject(ARN, propose({ participants: ['ARN'] }), 'not_joint');
    h.reject(ARN, propose({ basis: { kind: 'treaty', treaty: 'harbour-compact', clause: 'nope' } }), 'bad_basis');
    h.reject(ARN, propose({ basis: { kind: 'treaty', treaty: 'nope', clause: 'x' } }), 'not_found');
    h.reject(ARN, propose({ basis: { kind: 'agreement', agreement: 'AG9' } }), 'not_found');
    h.reject(ARN, propose({ pledgeBy: { turn: 2, phase: 'consult' }, launchFrom: { turn: 1, phase: 'submit' } }), 'bad_deadline');
    h.reject(ARN, propose({ pledgeBy: { turn: 1, phase: 'brief' } }), 'bad_deadline');
    h.ok(ARN, propose({ basis: { kind: 'treaty', treaty: 'harbour-compact', clause: 'hc-art3' } }));
  });
});

describe('views and the ledger', () => {
  it('participants see pledges and notes; other allies a summary; the public nothing', () => {
    const { h, op } = proposed();
    h.ok(BRV, { type: 'operation.pledge', operation: op, money: 10, note: 'CANARY-NOTE' });
    const brv = project(h.state, nationAudience('BRV'));
    expect(brv.operations[0]).toMatchObject({ full: true, pledges: [{ nation: 'BRV', note: 'CANARY-NOTE' }] });
    const csm = project(h.state, nationAudience('CSM'));
    expect(csm.operations[0]).toMatchObject({ full: false, title: 'Grey Sound patrol', participants: ['ARN', 'BRV'] });
    expect(JSON.stringify(csm)).not.toContain('CANARY-NOTE');
    expect(JSON.stringify(csm)).not.toContain('Keep the sound open');
    const pub = project(h.state, PUBLIC);
    expect(pub.operations).toEqual([]);
    expect(pub.burden).toBeNull();
    expect(project(h.state, CONTROL).operations[0]).toMatchObject({ full: true });
  });

  it('fair shares follow GDP × pledgePct; pledged and delivered are summed per nation', () => {
    const { h, op } = proposed();
    h.ok(ARN, { type: 'operation.pledge', operation: op, assets: ['arn-fighters'], money: 40 });
    h.ok(BRV, { type: 'operation.pledge', operation: op, assets: ['brv-frigates'], money: 20 });
    h.ok(ARN, { type: 'operation.deliver', operation: op, assets: ['arn-fighters'], money: 40 });
    h.ok(BRV, { type: 'operation.deliver', operation: op, money: 20 });
    const l = burdenLedger(h.state, [h.state.operations[op]!], () => true);
    // harbour-compact art5: 2 % of GDP for all three; GDP 410, 220, 150 → weights 8.2, 4.4, 3.0.
    const arn = l.rows.find((r) => r.nation === 'ARN')!;
    const brv = l.rows.find((r) => r.nation === 'BRV')!;
    expect(arn).toMatchObject({ pledgedUnits: 1, deliveredUnits: 1, pledgedMoney: 40, deliveredMoney: 40, pledgePct: 2 });
    expect(brv).toMatchObject({ pledgedUnits: 1, deliveredUnits: 0, pledgedMoney: 20, deliveredMoney: 20 });
    expect(arn.fairShare).toBeCloseTo(410 / 780, 10);
    expect(arn.fairMoney).toBeCloseTo((410 / 780) * 60, 10);
    expect(brv.fairUnits).toBeCloseTo(220 / 780, 10);
    expect(l.totals).toEqual({ pledgedUnits: 2, pledgedMoney: 60, deliveredUnits: 1, deliveredMoney: 60 });
    // A reader who knows of no burden-sharing clause sees no fair share.
    expect(burdenLedger(h.state, [h.state.operations[op]!], () => false).rows[0]!.fairShare).toBeNull();
  });
});
