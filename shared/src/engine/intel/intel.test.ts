/**
 * Intelligence: library reports are released at the first phase of their release turn, once;
 * releasability and classification banners follow the dissemination controls.
 */
import { describe, expect, it } from 'vitest';
import { actors, harness, ofType } from '../../../../tests/helpers/harness.ts';
import type { DisseminationDef } from '../../scenario/schema.ts';
import { banner, releasableTo, sharingAgreement } from './markings.ts';

const { facilitator } = actors;
const controls = (c: Partial<DisseminationDef>): DisseminationDef => ({ relTo: [], noforn: false, orcon: false, ...c });

describe('intel release', () => {
  it('releases every report due in turn 1 at the start, recording turn, time and seq', () => {
    const h = harness();
    const at = h.clock;
    const events = ofType(h.start(), 'intel.released');
    expect(events.map((e) => [e.intel, e.turn])).toEqual([
      ['hw-int-01', 1],
      ['hw-int-02', 1],
      ['hw-int-03', 1],
      ['hw-int-04', 1],
    ]);
    for (const e of events) expect(h.state.intel[e.intel]).toEqual({ released: true, releasedAt: at, releasedSeq: e.seq, releasedTurn: 1 });
    expect(h.state.intel['hw-int-05']).toEqual({ released: false, releasedAt: null, releasedSeq: null, releasedTurn: null });
  });

  it('releases a later report at the first phase of its release turn, not before', () => {
    const h = harness();
    h.advanceTo(1, 'outcome');
    expect(h.state.intel['hw-int-05']?.released).toBe(false);
    const at = h.clock;
    const events = h.ok(facilitator, { type: 'phase.advance' });
    expect(events[0]).toMatchObject({ type: 'phase.started', turn: 2, phase: 'brief' });
    expect(ofType(events, 'intel.released').map((e) => [e.intel, e.turn])).toEqual([['hw-int-05', 2]]);
    expect(h.state.intel['hw-int-05']).toMatchObject({ released: true, releasedAt: at, releasedTurn: 2 });
  });

  it('never releases a report twice, through every phase, restart and turn', () => {
    const h = harness();
    h.start();
    h.ok(facilitator, { type: 'phase.restart' });
    h.advanceTo(2, 'brief');
    h.ok(facilitator, { type: 'phase.restart' });
    h.advanceTo(3, 'outcome');
    const released = ofType(h.log, 'intel.released').map((e) => e.intel);
    expect(released.sort()).toEqual(['hw-int-01', 'hw-int-02', 'hw-int-03', 'hw-int-04', 'hw-int-05']);
  });

  it('nothing is released before the start', () => {
    const h = harness();
    expect(Object.values(h.state.intel).some((r) => r.released)).toBe(false);
  });
});

describe('releasableTo', () => {
  it('the originator can always read its own report', () => {
    expect(releasableTo('BRV', controls({ noforn: true }), 'BRV')).toBe(true);
    expect(releasableTo('BRV', controls({}), 'BRV')).toBe(true);
  });

  it('NOFORN: the originator only, whatever REL TO says', () => {
    expect(releasableTo('BRV', controls({ noforn: true }), 'ARN')).toBe(false);
    expect(releasableTo('BRV', controls({ noforn: true, relTo: ['ARN'] }), 'ARN')).toBe(false);
  });

  it('REL TO: exactly the listed nations besides the originator', () => {
    const c = controls({ relTo: ['ARN'], orcon: true });
    expect(releasableTo('CSM', c, 'ARN')).toBe(true);
    expect(releasableTo('CSM', c, 'BRV')).toBe(false);
    expect(releasableTo('CSM', controls({}), 'ARN')).toBe(false);
  });

  it('the harbour-watch library reaches the nations its markings name', () => {
    const h = harness();
    const recipients = Object.fromEntries(
      h.scenario.intel.map((r) => [r.id, ['ARN', 'BRV', 'CSM'].filter((n) => releasableTo(r.originator, r.controls, n))]),
    );
    expect(recipients).toEqual({
      'hw-int-01': ['ARN', 'BRV'],
      'hw-int-02': ['BRV'],
      'hw-int-03': ['ARN', 'CSM'],
      'hw-int-04': ['ARN', 'BRV', 'CSM'],
      'hw-int-05': ['BRV'],
    });
  });
});

describe('banner', () => {
  it('computes the harbour-watch banners', () => {
    const h = harness();
    const banners = Object.fromEntries(h.scenario.intel.map((r) => [r.id, banner(r.classification, r.originator, r.controls)]));
    expect(banners).toEqual({
      'hw-int-01': 'SECRET//REL TO ARN, BRV',
      'hw-int-02': 'TOP SECRET//NOFORN',
      'hw-int-03': 'CONFIDENTIAL//ORCON//REL TO ARN, CSM',
      'hw-int-04': 'RESTRICTED//REL TO ARN, BRV, CSM',
      'hw-int-05': 'SECRET//REL TO BRV',
    });
  });

  it('adds the originator to REL TO, sorts and de-duplicates', () => {
    expect(banner('SECRET', 'LND', controls({ relTo: ['KST', 'CAL', 'KST'] }))).toBe('SECRET//REL TO CAL, KST, LND');
    expect(banner('SECRET', 'CAL', controls({ relTo: ['LND', 'CAL'], orcon: true }))).toBe('SECRET//ORCON//REL TO CAL, LND');
  });

  it('NOFORN replaces REL TO; ORCON comes first; no controls gives the bare classification', () => {
    expect(banner('CONFIDENTIAL', 'CAL', controls({ noforn: true, relTo: ['LND'] }))).toBe('CONFIDENTIAL//NOFORN');
    expect(banner('TOP SECRET', 'CAL', controls({ noforn: true, orcon: true }))).toBe('TOP SECRET//ORCON//NOFORN');
    expect(banner('UNCLASSIFIED', 'CAL', controls({}))).toBe('UNCLASSIFIED');
  });
});

describe('an intelligence-sharing clause in force', () => {
  it('makes reports up to its classification releasable between its bound parties; NOFORN and ORCON still hold', () => {
    const h = harness();
    h.advanceTo(1, 'consult');
    const report = (id: string) => h.scenario.intel.find((r) => r.id === id)!;
    const { ARN, BRV, CSM } = actors;
    h.ok(ARN, {
      type: 'agreement.propose',
      title: 'Sharing',
      parties: ['CSM'],
      clauses: [{ type: 'intel_sharing', title: 'Share', upTo: 'CONFIDENTIAL' }],
      rule: 'consensus',
    });
    const id = h.state.agreementOrder[0]!;
    expect(sharingAgreement(h.state, report('hw-int-04'), 'CSM')).toBeNull();
    h.ok(ARN, { type: 'agreement.sign', agreement: id, version: 1 });
    h.ok(CSM, { type: 'agreement.sign', agreement: id, version: 1 });
    // RESTRICTED is within CONFIDENTIAL; SECRET is not.
    expect(sharingAgreement(h.state, report('hw-int-04'), 'CSM')).toBe(id);
    expect(sharingAgreement(h.state, report('hw-int-01'), 'CSM')).toBeNull();
    // Not to a nation outside it, not from a non-party, and never past ORCON or NOFORN.
    expect(sharingAgreement(h.state, report('hw-int-04'), 'BRV')).toBeNull();
    expect(sharingAgreement(h.state, report('hw-int-03'), 'ARN')).toBeNull();
    void BRV;
  });
});
