/** Negotiation: agreements in versions, signed under consensus, majority or silence; basing opens regions. */
import { describe, expect, it } from 'vitest';
import { actors, harness, ofType } from '../../../../tests/helpers/harness.ts';
import { SYSTEM as SYSTEM_ACTOR } from '../envelope.ts';

const { facilitator, ARN, BRV, CSM } = actors;
const basing = { type: 'basing_access', title: 'Access to ports and airfields', text: 'Each party opens its regions.' } as const;

describe('agreements', () => {
  it('a multilateral agreement amended twice, signed by all, in force, and its basing clause lets an asset move', () => {
    const h = harness();
    h.advanceTo(1, 'consult');
    const [p] = ofType(
      h.ok(ARN, { type: 'agreement.propose', title: 'Grey Sound accord', parties: ['BRV', 'CSM'], clauses: [basing], rule: 'consensus' }),
      'agreement.proposed',
    );
    const id = p!.agreement;
    h.ok(BRV, { type: 'agreement.sign', agreement: id, version: 1 });
    h.ok(CSM, {
      type: 'agreement.amend',
      agreement: id,
      version: 1,
      text: 'Preamble: the parties, concerned by events in the Grey Sound…',
      note: 'Add a preamble',
    });
    // BRV's signature was on version 1: it lapses with the amendment.
    h.reject(BRV, { type: 'agreement.sign', agreement: id, version: 1 }, 'superseded');
    h.ok(BRV, { type: 'agreement.amend', agreement: id, version: 2, clauses: [basing, { type: 'consultation', title: 'Consult weekly' }] });
    expect(h.state.agreements[id]!.versions.map((v) => v.number)).toEqual([1, 2, 3]);
    h.ok(ARN, { type: 'agreement.sign', agreement: id, version: 3 });
    h.reject(ARN, { type: 'agreement.sign', agreement: id, version: 3 }, 'already_signed');
    h.ok(BRV, { type: 'agreement.sign', agreement: id, version: 3, reservations: 'Subject to parliament.' });
    const last = h.ok(CSM, { type: 'agreement.sign', agreement: id, version: 3 });
    expect(ofType(last, 'agreement.settled')[0]).toMatchObject({ outcome: 'in_force', bound: ['ARN', 'BRV', 'CSM'] });
    expect(h.state.agreements[id]!.status).toBe('in_force');
    h.advanceTo(1, 'submit');
    h.ok(ARN, { type: 'asset.deploy', asset: 'arn-fighters', region: 'bravaria' });
    expect(h.state.assets['arn-fighters']!.region).toBe('bravaria');
    expect(h.state.deployments[0]!.basis).toEqual({ kind: 'agreement', agreement: id });
  });

  it('without an agreement an ally is closed; the adversary always is', () => {
    const h = harness();
    h.advanceTo(1, 'submit');
    h.reject(ARN, { type: 'asset.deploy', asset: 'arn-fighters', region: 'bravaria' }, 'no_access');
    h.reject(ARN, { type: 'asset.deploy', asset: 'arn-fighters', region: 'drex-march' }, 'hostile_region');
    h.reject(ARN, { type: 'asset.deploy', asset: 'brv-armour', region: 'arnholm' }, 'not_your_asset');
    h.ok(ARN, { type: 'asset.deploy', asset: 'arn-mpa', region: 'grey-sound' });
  });

  it('a veto under consensus rejects it', () => {
    const h = harness();
    h.advanceTo(1, 'consult');
    const [p] = ofType(
      h.ok(ARN, { type: 'agreement.propose', title: 'Accord', parties: ['BRV', 'CSM'], clauses: [basing], rule: 'consensus' }),
      'agreement.proposed',
    );
    h.ok(BRV, { type: 'agreement.sign', agreement: p!.agreement, version: 1 });
    const e = h.ok(CSM, { type: 'agreement.reject', agreement: p!.agreement, version: 1, reason: 'Not now.' });
    expect(ofType(e, 'agreement.settled')[0]).toMatchObject({ outcome: 'rejected', reason: 'Vetoed by CSM.' });
    h.reject(ARN, { type: 'agreement.sign', agreement: p!.agreement, version: 1 }, 'closed');
  });

  it('silence broken goes back to negotiation; silence kept is adopted when the clock fires the deadline', () => {
    const h = harness();
    h.advanceTo(1, 'brief');
    const [p] = ofType(
      h.ok(ARN, { type: 'agreement.propose', title: 'Statement', parties: ['BRV', 'CSM'], clauses: [basing], rule: 'silence' }),
      'agreement.proposed',
    );
    expect(p!.deadline).toEqual({ turn: 1, phase: 'consult' });
    const id = p!.agreement;
    const e = h.ok(CSM, { type: 'agreement.silence.break', agreement: id, version: 1, reason: 'We need a change.' });
    expect(ofType(e, 'agreement.settled')[0]).toMatchObject({ outcome: 'reopened' });
    h.reject(CSM, { type: 'agreement.silence.break', agreement: id, version: 1, reason: 'again' }, 'not_under_silence');
    h.ok(CSM, { type: 'agreement.amend', agreement: id, version: 1, title: 'Revised statement' });
    h.advanceTo(1, 'consult');
    // Nothing yet: the deadline is the end of this phase.
    h.reject(SYSTEM_ACTOR, { type: 'clock.tick' }, 'nothing_due');
    h.tick(10 * 60_000);
    const fired = h.ok(SYSTEM_ACTOR, { type: 'clock.tick' });
    expect(ofType(fired, 'agreement.settled')[0]).toMatchObject({ outcome: 'in_force', bound: ['ARN', 'BRV', 'CSM'] });
    h.reject(BRV, { type: 'agreement.silence.break', agreement: id, version: 2, reason: 'late' }, 'closed');
  });

  it('a non-party hears not_found, like an id nobody uses', () => {
    const h = harness();
    h.advanceTo(1, 'consult');
    const [p] = ofType(
      h.ok(ARN, { type: 'agreement.propose', title: 'Secret', parties: ['BRV'], clauses: [basing], rule: 'majority' }),
      'agreement.proposed',
    );
    const a = h.reject(CSM, { type: 'agreement.sign', agreement: p!.agreement, version: 1 }, 'not_found');
    const b = h.reject(CSM, { type: 'agreement.sign', agreement: 'AG999', version: 1 }, 'not_found');
    expect(a).toEqual(b);
    void facilitator;
  });
});
