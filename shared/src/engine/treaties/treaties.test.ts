/** Treaty invocation: a member invokes a clause, members state positions, the clause's rule settles it. */
import { describe, expect, it } from 'vitest';
import { nationAudience, project } from '../../views/index.ts';
import { actors, harness, loadHarbourWatch, MINUTE, nationActor, ofType } from '../../../../tests/helpers/harness.ts';
import { SYSTEM } from '../envelope.ts';
import type { Scenario } from '../../scenario/schema.ts';

const { facilitator, ARN, BRV, CSM } = actors;

/** Harbour Watch with a side agreement between ARN and BRV only, and one clause of each decision rule. */
function withSideTreaty(): Scenario {
  const s = loadHarbourWatch();
  const compact = s.treaties[0]!;
  return {
    ...s,
    treaties: [
      {
        ...compact,
        clauses: [
          ...compact.clauses,
          {
            ...compact.clauses[0]!,
            id: 'hc-maj',
            article: 'Article 9',
            title: 'Sanctions',
            type: 'sanctions_coordination',
            decisionRule: 'majority',
          },
          {
            ...compact.clauses[0]!,
            id: 'hc-sil',
            article: 'Article 10',
            title: 'Council statements',
            type: 'consultation',
            decisionRule: 'silence',
          },
        ],
      },
      {
        id: 'arn-brv',
        name: 'Arnholm–Bravaria pact',
        kind: 'side_agreement',
        parties: ['ARN', 'BRV'],
        clauses: [{ ...compact.clauses[0]!, id: 'ab-1' }],
      },
    ],
  };
}

const invokeArt3 = {
  type: 'treaty.invoke',
  treaty: 'harbour-compact',
  clause: 'hc-art3',
  grounds: 'Drexian forces shelled Bravarian border posts.',
  onBehalfOf: 'BRV',
} as const;

describe('treaty invocation', () => {
  it('consensus: activated when every member supports; the invoker supports by invoking', () => {
    const h = harness();
    h.advanceTo(1, 'consult');
    const cites = [
      { kind: 'inject', id: 'hw-inj-01' },
      { kind: 'report', id: 'hw-int-01' },
    ] as const;
    // hw-int-03 is CSM's, REL TO ARN: once CSM shares it, ARN may cite it; BRV, which does not hold it, may not.
    h.ok(CSM, { type: 'intel.share', intel: 'hw-int-03', to: ['ARN'] });
    h.ok(ARN, { type: 'intel.share', intel: 'hw-int-01', to: ['BRV'] });
    h.reject(BRV, { ...invokeArt3, cites: [{ kind: 'report', id: 'hw-int-03' }] }, 'not_found');
    const [opened] = ofType(h.ok(ARN, { ...invokeArt3, cites: [...cites, { kind: 'report', id: 'hw-int-03' }] }), 'consultation.opened');
    expect(opened!.cites).toHaveLength(3);
    expect(opened).toMatchObject({
      rule: 'consensus',
      members: ['ARN', 'BRV', 'CSM'],
      invoker: 'ARN',
      onBehalfOf: 'BRV',
      deadline: { turn: 1, phase: 'consult' },
    });
    const id = opened!.consultation;
    expect(h.state.consultations[id]!.ballot.votes.ARN?.stance).toBe('support');
    h.ok(BRV, { type: 'consultation.position', consultation: id, stance: 'support', statement: 'We were attacked.' });
    const settled = ofType(h.ok(CSM, { type: 'consultation.position', consultation: id, stance: 'support' }), 'consultation.settled');
    expect(settled[0]).toMatchObject({ result: 'activated', atDeadline: false });
    // Each member reads the citations it holds; the one it does not hold shows as withheld, without its id.
    const brv = project(h.state, nationAudience('BRV')).consultations[0]!;
    expect(brv.cites).toEqual([
      { kind: 'inject', id: 'hw-inj-01', held: true },
      { kind: 'report', id: 'hw-int-01', held: true },
      { kind: 'report', id: null, held: false },
    ]);
    expect(JSON.stringify(project(h.state, nationAudience('CSM')))).not.toContain('hw-int-01');
    h.advanceTo(1, 'submit');
    h.reject(ARN, { type: 'asset.deploy', asset: 'arn-fighters', region: 'drex-march' }, 'hostile_region');
    h.ok(ARN, { type: 'asset.deploy', asset: 'arn-fighters', region: 'bravaria' });
    expect(h.state.deployments[0]!.basis).toEqual({ kind: 'collective_defence', consultation: id });
    // The attacked member's regions only: Cosmara is still closed to Arnholm.
    h.reject(ARN, { type: 'asset.deploy', asset: 'arn-mpa', region: 'cosmara' }, 'no_access');
  });

  it('consensus: one member opposing declines it at once; a member may revise its position while it is open', () => {
    const h = harness();
    h.advanceTo(1, 'consult');
    const [opened] = ofType(h.ok(ARN, invokeArt3), 'consultation.opened');
    const id = opened!.consultation;
    h.ok(BRV, { type: 'consultation.position', consultation: id, stance: 'abstain' });
    h.ok(BRV, { type: 'consultation.position', consultation: id, stance: 'support', statement: 'On reflection, yes.' });
    expect(h.state.consultations[id]!.ballot.votes.BRV?.stance).toBe('support');
    const e = h.ok(CSM, { type: 'consultation.position', consultation: id, stance: 'oppose', statement: 'This is not an armed attack.' });
    expect(ofType(e, 'consultation.settled')[0]).toMatchObject({ result: 'declined', reason: 'Vetoed by CSM.' });
    h.reject(BRV, { type: 'consultation.position', consultation: id, stance: 'oppose' }, 'settled');
  });

  it('the deadline, fired by the clock, settles what is open; a position after it is refused', () => {
    const h = harness();
    h.advanceTo(1, 'consult');
    const [opened] = ofType(h.ok(ARN, invokeArt3), 'consultation.opened');
    const id = opened!.consultation;
    h.ok(BRV, { type: 'consultation.position', consultation: id, stance: 'support' });
    h.tick(10 * MINUTE);
    const fired = h.ok(SYSTEM, { type: 'clock.tick' });
    expect(ofType(fired, 'consultation.settled')[0]).toMatchObject({
      result: 'declined',
      atDeadline: true,
      reason: 'No consensus by the deadline: CSM did not answer.',
    });
    expect(h.reject(CSM, { type: 'consultation.position', consultation: id, stance: 'support' }, 'deadline_passed').message).toContain(
      'Allied consultation',
    );
  });

  it('control extends a deadline; only later ones', () => {
    const h = harness();
    h.advanceTo(1, 'consult');
    const [opened] = ofType(h.ok(ARN, invokeArt3), 'consultation.opened');
    const id = opened!.consultation;
    h.reject(facilitator, { type: 'consultation.extend', consultation: id, deadline: { turn: 1, phase: 'consult' } }, 'bad_deadline');
    h.ok(facilitator, { type: 'consultation.extend', consultation: id, deadline: { turn: 2, phase: 'consult' } });
    h.advanceTo(1, 'submit');
    h.reject(SYSTEM, { type: 'clock.tick' }, 'nothing_due');
    h.ok(CSM, { type: 'consultation.position', consultation: id, stance: 'support' });
    h.reject(
      facilitator,
      { type: 'consultation.extend', consultation: 'C999', deadline: { turn: 3, phase: 'consult' } },
      'unknown_consultation',
    );
  });

  it('majority, silence and unilateral clauses', () => {
    const h = harness({ scenario: withSideTreaty() });
    h.advanceTo(1, 'consult');
    const [maj] = ofType(
      h.ok(ARN, { type: 'treaty.invoke', treaty: 'harbour-compact', clause: 'hc-maj', grounds: 'Coordinate sanctions.' }),
      'consultation.opened',
    );
    const e = h.ok(BRV, { type: 'consultation.position', consultation: maj!.consultation, stance: 'support' });
    expect(ofType(e, 'consultation.settled')[0]).toMatchObject({ result: 'activated', reason: 'Majority: 2 of 3 in favour.' });

    const [sil] = ofType(
      h.ok(ARN, { type: 'treaty.invoke', treaty: 'harbour-compact', clause: 'hc-sil', grounds: 'Council statement.' }),
      'consultation.opened',
    );
    const broken = h.ok(CSM, {
      type: 'consultation.position',
      consultation: sil!.consultation,
      stance: 'oppose',
      statement: 'We break silence.',
    });
    expect(ofType(broken, 'consultation.settled')[0]).toMatchObject({ result: 'declined', reason: 'Silence broken by CSM.' });

    // Unilateral: activated at once; members still answer for themselves until the deadline.
    const uni = h.ok(BRV, { type: 'treaty.invoke', treaty: 'harbour-compact', clause: 'hc-art2', grounds: 'We feel threatened.' });
    const c = ofType(uni, 'consultation.opened')[0]!.consultation;
    expect(ofType(uni, 'consultation.settled')[0]).toMatchObject({ result: 'activated' });
    h.ok(CSM, { type: 'consultation.position', consultation: c, stance: 'support', statement: 'We will send experts.' });
  });

  it('refuses what a nation may not invoke, and answers an unseen treaty like an unknown one', () => {
    const h = harness({ scenario: withSideTreaty() });
    h.advanceTo(1, 'consult');
    const hidden = h.reject(CSM, { type: 'treaty.invoke', treaty: 'arn-brv', clause: 'ab-1', grounds: 'x' }, 'not_found');
    const unknown = h.reject(CSM, { type: 'treaty.invoke', treaty: 'nothing', clause: 'ab-1', grounds: 'x' }, 'not_found');
    expect(hidden).toEqual(unknown);
    h.reject(nationActor('DRX'), invokeArt3, 'forbidden');
    h.reject(ARN, { ...invokeArt3, clause: 'nope' }, 'unknown_clause');
    h.reject(ARN, { ...invokeArt3, onBehalfOf: 'DRX' }, 'not_member');
    // Citing what the nation does not hold reads like citing nothing.
    const a = h.reject(ARN, { ...invokeArt3, cites: [{ kind: 'inject', id: 'hw-inj-08' }] }, 'not_found');
    const b = h.reject(ARN, { ...invokeArt3, cites: [{ kind: 'inject', id: 'zzz' }] }, 'not_found');
    expect(a.message).toBe(b.message);
    h.ok(ARN, invokeArt3);
    h.reject(CSM, invokeArt3, 'already_open');
    h.reject(ARN, { ...invokeArt3, onBehalfOf: 'CSM', deadline: { turn: 9, phase: 'consult' } }, 'bad_deadline');
  });
});
