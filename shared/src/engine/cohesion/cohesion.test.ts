/** Cohesion: control sets trust; a veto lowers it (and a broken pledge, a shared report once their events exist), every change with its cause. */
import { describe, expect, it } from 'vitest';
import { CONTROL, nationAudience, PUBLIC, project } from '../../views/index.ts';
import { actors, harness, loadHarbourWatch, ofType } from '../../../../tests/helpers/harness.ts';
import type { Scenario } from '../../scenario/schema.ts';
import type { OperationRecord } from '../operations/records.ts';
import { brokenPledge, sharedReport } from './rules.ts';

const { facilitator, ARN, BRV, CSM } = actors;
const basing = { type: 'basing_access', title: 'Access to ports', text: 'Each party opens its ports.' } as const;
const showing = (show: 'level' | 'trend' | 'none'): Scenario => {
  const s = loadHarbourWatch();
  return { ...s, cohesionRules: { ...s.cohesionRules, show } };
};

describe('cohesion.set', () => {
  it('sets a pair with the reason, whichever way round it is named; control is the cause', () => {
    const h = harness();
    h.advanceTo(1, 'consult');
    const [c] = ofType(
      h.ok(facilitator, { type: 'cohesion.set', a: 'BRV', b: 'ARN', value: 40, reason: 'Row over patrols' }),
      'cohesion.changed',
    );
    expect(c).toMatchObject({ a: 'ARN', b: 'BRV', from: 70, to: 40, reason: 'Row over patrols', cause: { kind: 'control' } });
    expect(h.state.cohesion['ARN+BRV']).toMatchObject({ value: 40, visible: true });
    expect(h.state.cohesionChanges).toHaveLength(1);
  });

  it('refuses an unknown nation, the adversary, a nation with itself and the same value; nothing changes', () => {
    const h = harness();
    h.advanceTo(1, 'consult');
    const seq = h.state.seq;
    expect(h.reject(facilitator, { type: 'cohesion.set', a: 'ARN', b: 'DRX', value: 10, reason: 'x' }, 'unknown_nation').path).toBe('b');
    expect(h.reject(facilitator, { type: 'cohesion.set', a: 'ZZZ', b: 'ARN', value: 10, reason: 'x' }, 'unknown_nation').path).toBe('a');
    h.reject(facilitator, { type: 'cohesion.set', a: 'ARN', b: 'ARN', value: 10, reason: 'x' }, 'same_nation');
    h.reject(facilitator, { type: 'cohesion.set', a: 'ARN', b: 'BRV', value: 70, reason: 'x' }, 'no_change');
    h.reject(ARN, { type: 'cohesion.set', a: 'ARN', b: 'BRV', value: 90, reason: 'x' }, 'forbidden');
    expect(h.state.seq).toBe(seq);
    expect(h.state.cohesionChanges).toEqual([]);
  });

  it('every pair of allies exists: the listed at their values, the others at the scenario’s initial value, hidden', () => {
    const s = loadHarbourWatch();
    const h = harness({ scenario: { ...s, cohesion: [s.cohesion[0]!] } });
    expect(Object.keys(h.state.cohesion).sort()).toEqual(['ARN+BRV', 'ARN+CSM', 'BRV+CSM']);
    expect(h.state.cohesion['BRV+CSM']).toMatchObject({ value: 50, visible: false });
  });
});

describe('a veto lowers trust', () => {
  it('a consensus agreement rejected by a party: the vetoer against the proposer and each signatory, citing the settlement', () => {
    const h = harness();
    h.advanceTo(1, 'consult');
    const [p] = ofType(
      h.ok(ARN, { type: 'agreement.propose', title: 'Accord', parties: ['BRV', 'CSM'], clauses: [basing], rule: 'consensus' }),
      'agreement.proposed',
    );
    h.ok(BRV, { type: 'agreement.sign', agreement: p!.agreement, version: 1 });
    const e = h.ok(CSM, { type: 'agreement.reject', agreement: p!.agreement, version: 1, reason: 'Not now.' });
    const settled = e.find((x) => x.type === 'agreement.settled')!;
    const changes = ofType(e, 'cohesion.changed');
    expect(changes).toEqual([
      expect.objectContaining({ a: 'ARN', b: 'CSM', from: 60, to: 52, delta: -8, reason: 'Vetoed the agreement "Accord"' }),
      expect.objectContaining({ a: 'BRV', b: 'CSM', from: 55, to: 47, delta: -8 }),
    ]);
    expect(changes[0]!.cause).toEqual({ kind: 'rule', rule: 'veto', event: 'agreement.settled', seq: settled.seq, ref: p!.agreement });
    expect(h.state.cohesion['ARN+BRV']!.value).toBe(70);
  });

  it('a consensus consultation declined by a member’s opposition: the vetoer against the invoker and the supporters', () => {
    const h = harness();
    h.advanceTo(1, 'consult');
    const [o] = ofType(
      h.ok(ARN, { type: 'treaty.invoke', treaty: 'harbour-compact', clause: 'hc-art3', grounds: 'Shelling.', onBehalfOf: 'BRV' }),
      'consultation.opened',
    );
    h.ok(BRV, { type: 'consultation.position', consultation: o!.consultation, stance: 'support' });
    const e = h.ok(CSM, {
      type: 'consultation.position',
      consultation: o!.consultation,
      stance: 'oppose',
      statement: 'Not an armed attack.',
    });
    expect(ofType(e, 'cohesion.changed').map((c) => [c.a, c.b, c.to, c.reason])).toEqual([
      ['ARN', 'CSM', 52, 'Vetoed Article 3 (Collective defence) of the Harbour Compact'],
      ['BRV', 'CSM', 47, 'Vetoed Article 3 (Collective defence) of the Harbour Compact'],
    ]);
  });

  it('a rejection under majority is no veto; trust clamps at 0', () => {
    const h = harness();
    h.advanceTo(1, 'consult');
    const [p] = ofType(
      h.ok(ARN, { type: 'agreement.propose', title: 'Accord', parties: ['BRV', 'CSM'], clauses: [basing], rule: 'majority' }),
      'agreement.proposed',
    );
    h.ok(BRV, { type: 'agreement.reject', agreement: p!.agreement, version: 1, reason: 'No.' });
    const e = h.ok(CSM, { type: 'agreement.reject', agreement: p!.agreement, version: 1, reason: 'No.' });
    expect(ofType(e, 'cohesion.changed')).toEqual([]);

    h.ok(facilitator, { type: 'cohesion.set', a: 'ARN', b: 'CSM', value: 3, reason: 'Low' });
    const [q] = ofType(
      h.ok(ARN, { type: 'agreement.propose', title: 'Second', parties: ['CSM'], clauses: [basing], rule: 'consensus' }),
      'agreement.proposed',
    );
    const v = ofType(h.ok(CSM, { type: 'agreement.reject', agreement: q!.agreement, version: 1, reason: 'No.' }), 'cohesion.changed');
    expect(v).toEqual([expect.objectContaining({ from: 3, to: 0, delta: -8, clamped: true })]);
  });
});

describe('the rules for events of other concerns (wired at the merge)', () => {
  it('a shared report: the sharer with each allied recipient', () => {
    const h = harness();
    const moves = sharedReport(h.state, {
      share: 'S1',
      report: h.scenario.intel[0]!.id,
      part: 'tearline',
      from: 'ARN',
      to: ['BRV', 'CSM', 'ARN'],
    });
    expect(moves.map((m) => [m.a, m.b, m.rule, m.ref])).toEqual([
      ['ARN', 'BRV', 'sharedReport', 'S1'],
      ['ARN', 'CSM', 'sharedReport', 'S1'],
    ]);
    expect(moves[0]!.reason).toContain('tearline');
  });

  it('a broken pledge: the reneging nation with the proposer and each nation that delivered', () => {
    const h = harness();
    const pledge = (id: string, nation: string, status: 'pledged' | 'delivered' | 'broken', assets: string[]) => ({
      id,
      nation,
      seq: 1,
      at: 0,
      turn: 1,
      author: { nation, position: null, name: nation },
      pledged: { assets, capabilities: [], money: 0 },
      delivered: { assets: status === 'delivered' ? assets : [], capabilities: [], money: 0 },
      note: '',
      status,
    });
    const op = {
      id: 'OP1',
      proposer: 'ARN',
      title: 'Sound patrol',
      pledges: [pledge('P1', 'BRV', 'delivered', ['brv-frigate']), pledge('P2', 'CSM', 'pledged', ['csm-mcm'])],
    } as unknown as OperationRecord;
    const state = { ...h.state, operations: { OP1: op } };
    const moves = brokenPledge(state, { operation: 'OP1', pledge: 'P2', nation: 'CSM', reason: 'Undelivered at launch' });
    expect(moves.map((m) => [m.a, m.b, m.rule, m.ref])).toEqual([
      ['CSM', 'ARN', 'brokenPledge', 'P2'],
      ['CSM', 'BRV', 'brokenPledge', 'P2'],
    ]);
    expect(brokenPledge(state, { operation: 'OP9', pledge: 'P2', nation: 'CSM', reason: '' })).toEqual([]);
  });
});

describe('what each audience sees', () => {
  it("show 'level': each nation its visible pairs with value and trend; the others none; no reasons", () => {
    const h = harness({ scenario: showing('level') });
    h.advanceTo(1, 'consult');
    h.ok(facilitator, { type: 'cohesion.set', a: 'ARN', b: 'BRV', value: 75, reason: 'REASON-MARK' });
    h.ok(facilitator, { type: 'cohesion.set', a: 'BRV', b: 'CSM', value: 33, reason: 'HIDDEN-MARK' });
    expect(project(h.state, nationAudience('ARN')).cohesion).toEqual({
      show: 'level',
      pairs: [{ a: 'ARN', b: 'BRV', value: 75, trend: 'rising' }],
      changes: null,
    });
    expect(project(h.state, nationAudience('CSM')).cohesion?.pairs).toEqual([]);
    for (const n of ['ARN', 'BRV', 'CSM']) {
      const text = JSON.stringify(project(h.state, nationAudience(n)));
      expect(text).not.toContain('REASON-MARK');
      expect(text).not.toContain('HIDDEN-MARK');
    }
    expect(project(h.state, PUBLIC).cohesion).toBeNull();
    const c = project(h.state, CONTROL).cohesion!;
    expect(c.pairs).toHaveLength(3);
    expect(c.changes?.map((x) => x.reason)).toEqual(['REASON-MARK', 'HIDDEN-MARK']);
  });

  it("show 'trend': the trend without the value; show 'none': no pairs", () => {
    const t = harness({ scenario: showing('trend') });
    t.advanceTo(1, 'consult');
    t.ok(facilitator, { type: 'cohesion.set', a: 'ARN', b: 'BRV', value: 20, reason: 'x' });
    expect(project(t.state, nationAudience('BRV')).cohesion?.pairs).toEqual([{ a: 'ARN', b: 'BRV', trend: 'falling' }]);
    const n = harness({ scenario: showing('none') });
    n.advanceTo(1, 'consult');
    expect(project(n.state, nationAudience('ARN')).cohesion).toEqual({ show: 'none', pairs: [], changes: null });
  });
});
