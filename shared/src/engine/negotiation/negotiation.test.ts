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

  it('majority: in force when more than half sign, later signatories accede, the rest are not bound', () => {
    const h = harness();
    h.advanceTo(1, 'consult');
    const [p] = ofType(
      h.ok(ARN, {
        type: 'agreement.propose',
        title: 'Sanctions',
        parties: ['BRV', 'CSM'],
        clauses: [{ type: 'sanctions_coordination', title: 'Freeze assets' }],
        rule: 'majority',
      }),
      'agreement.proposed',
    );
    const id = p!.agreement;
    h.ok(ARN, { type: 'agreement.sign', agreement: id, version: 1 });
    const e = h.ok(BRV, { type: 'agreement.sign', agreement: id, version: 1 });
    expect(ofType(e, 'agreement.settled')[0]).toMatchObject({
      outcome: 'in_force',
      bound: ['ARN', 'BRV'],
      reason: 'Majority: 2 of 3 in favour.',
    });
    h.reject(ARN, { type: 'agreement.sign', agreement: id, version: 1 }, 'already_signed');
    h.ok(CSM, { type: 'agreement.sign', agreement: id, version: 1, reservations: 'Late, but in.' });
    expect(h.state.agreements[id]!.bound).toEqual(['ARN', 'BRV', 'CSM']);
  });

  it("motions suspend, resume and terminate by the agreement's own rule; withdrawal ends it below two parties", () => {
    const h = harness();
    h.advanceTo(1, 'consult');
    const [p] = ofType(
      h.ok(ARN, { type: 'agreement.propose', title: 'Pact', parties: ['BRV'], clauses: [basing], rule: 'consensus' }),
      'agreement.proposed',
    );
    const id = p!.agreement;
    h.reject(ARN, { type: 'agreement.motion', agreement: id, motion: 'suspend', reason: 'x' }, 'not_in_force');
    h.ok(ARN, { type: 'agreement.sign', agreement: id, version: 1 });
    h.ok(BRV, { type: 'agreement.sign', agreement: id, version: 1 });
    h.reject(CSM, { type: 'agreement.motion', agreement: id, motion: 'suspend', reason: 'x' }, 'not_found');
    h.ok(ARN, { type: 'agreement.motion', agreement: id, motion: 'suspend', reason: 'Breach of Article 2.' });
    h.reject(BRV, { type: 'agreement.motion', agreement: id, motion: 'terminate', reason: 'x' }, 'motion_open');
    h.ok(BRV, { type: 'agreement.motion.vote', agreement: id, stance: 'support' });
    expect(h.state.agreements[id]!.status).toBe('suspended');
    h.advanceTo(1, 'submit');
    // Suspended: the basing clause no longer opens Bravaria.
    h.reject(ARN, { type: 'asset.deploy', asset: 'arn-fighters', region: 'bravaria' }, 'no_access');
    h.ok(BRV, { type: 'agreement.motion', agreement: id, motion: 'resume', reason: 'Remedied.' });
    const vetoed = h.ok(ARN, { type: 'agreement.motion.vote', agreement: id, stance: 'oppose', statement: 'Not yet.' });
    expect(ofType(vetoed, 'agreement.motion.settled')[0]).toMatchObject({ result: 'declined' });
    expect(h.state.agreements[id]!.status).toBe('suspended');
    const ended = h.ok(BRV, { type: 'agreement.withdraw', agreement: id, reason: 'We leave.' });
    expect(ofType(ended, 'agreement.settled')[0]).toMatchObject({ outcome: 'terminated' });
    h.reject(ARN, { type: 'agreement.withdraw', agreement: id }, 'closed');
  });

  it('consensus with a signature deadline lapses when it passes unsigned; control extends it first', () => {
    const h = harness();
    h.advanceTo(1, 'consult');
    const [p] = ofType(
      h.ok(ARN, {
        type: 'agreement.propose',
        title: 'Pact',
        parties: ['BRV'],
        clauses: [basing],
        rule: 'consensus',
        deadline: { turn: 1, phase: 'consult' },
      }),
      'agreement.proposed',
    );
    const id = p!.agreement;
    h.reject(facilitator, { type: 'agreement.extend', agreement: id, deadline: { turn: 1, phase: 'consult' } }, 'bad_deadline');
    h.ok(facilitator, { type: 'agreement.extend', agreement: id, deadline: { turn: 1, phase: 'submit' } });
    h.advanceTo(1, 'submit');
    h.ok(ARN, { type: 'agreement.sign', agreement: id, version: 1 });
    h.tick(5 * 60_000);
    const fired = h.ok(SYSTEM_ACTOR, { type: 'clock.tick' });
    expect(ofType(fired, 'agreement.settled')[0]).toMatchObject({
      outcome: 'lapsed',
      reason: 'No consensus by the deadline: BRV did not answer.',
    });
    h.reject(facilitator, { type: 'agreement.extend', agreement: id, deadline: { turn: 2, phase: 'submit' } }, 'no_deadline');
  });

  it('refuses what a party may not do, and nothing changes', () => {
    const h = harness();
    h.advanceTo(1, 'consult');
    h.reject(ARN, { type: 'agreement.propose', title: 'Alone', parties: ['ARN'], clauses: [basing], rule: 'consensus' }, 'no_party');
    h.reject(
      ARN,
      { type: 'agreement.propose', title: 'With DRX', parties: ['DRX'], clauses: [basing], rule: 'consensus' },
      'unknown_nation',
    );
    h.reject(
      ARN,
      {
        type: 'agreement.propose',
        title: 'Bad region',
        parties: ['BRV'],
        clauses: [{ ...basing, regions: ['atlantis'] }],
        rule: 'consensus',
      },
      'unknown_region',
    );
    const [p] = ofType(
      h.ok(ARN, { type: 'agreement.propose', title: 'Pact', parties: ['BRV'], clauses: [basing], rule: 'silence' }),
      'agreement.proposed',
    );
    const id = p!.agreement;
    h.reject(BRV, { type: 'agreement.reject', agreement: id, version: 1, reason: 'no' }, 'wrong_rule');
    h.reject(BRV, { type: 'agreement.amend', agreement: id, version: 1, title: 'Pact' }, 'no_change');
    h.reject(BRV, { type: 'agreement.amend', agreement: id, version: 2, title: 'Pact 2' }, 'superseded');
    h.reject(BRV, { type: 'agreement.publish', agreement: id }, 'not_in_force');
    h.reject(BRV, { type: 'agreement.motion.vote', agreement: id, stance: 'support' }, 'no_motion');
  });
});
