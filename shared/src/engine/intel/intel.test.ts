/**
 * Intelligence: library reports are released at the first phase of their release turn, once;
 * releasability and classification banners follow the dissemination controls.
 */
import { describe, expect, it } from 'vitest';
import { actors, harness, ofType, only, type CommandOf } from '../../../../tests/helpers/harness.ts';
import type { DisseminationDef } from '../../scenario/schema.ts';
import { banner, holdsReport, portions, releasableTo, sharingAgreement } from './markings.ts';

const { facilitator, ARN, BRV, CSM } = actors;
const controls = (c: Partial<DisseminationDef>): DisseminationDef => ({ relTo: [], noforn: false, orcon: false, ...c });

describe('intel release', () => {
  it('releases every report no inject carries and due in turn 1 at the start, to its originator only', () => {
    const h = harness();
    const at = h.clock;
    const events = ofType(h.start(), 'intel.released');
    expect(events.map((e) => [e.intel, e.turn, e.to, e.reason])).toEqual([
      ['hw-int-01', 1, [], 'scheduled'],
      ['hw-int-02', 1, [], 'scheduled'],
      ['hw-int-03', 1, [], 'scheduled'],
    ]);
    const e = events[0]!;
    expect(h.state.intel['hw-int-01']).toMatchObject({ status: 'released', releasedAt: at, releasedSeq: e.seq, releasedTurn: 1 });
    expect(Object.keys(h.state.intel['hw-int-01']!.holders)).toEqual(['ARN']);
    expect(h.state.intel['hw-int-05']).toMatchObject({ status: 'scheduled', releasedAt: null, holders: {} });
  });

  it('a carried report goes out with its inject, at the same moment, to its addressees the markings allow; never before', () => {
    const h = harness();
    h.start();
    expect(h.state.intel['hw-int-04']?.status).toBe('scheduled');
    const events = h.ok(facilitator, { type: 'phase.advance' });
    const inj = events.findIndex((e) => e.type === 'inject.released' && e.inject === 'hw-inj-02');
    const rel = events.findIndex((e) => e.type === 'intel.released' && e.intel === 'hw-int-04');
    expect(inj).toBeGreaterThanOrEqual(0);
    expect(rel).toBeGreaterThan(inj);
    expect(events[rel]).toMatchObject({ to: ['BRV', 'CSM'], reason: 'inject', inject: 'hw-inj-02', turn: 1, at: events[inj]!.at });
    expect(Object.keys(h.state.intel['hw-int-04']!.holders).sort()).toEqual(['ARN', 'BRV', 'CSM']);
  });

  it('control releasing the carrying inject early releases the report with it', () => {
    const h = harness();
    h.start();
    const events = h.ok(facilitator, { type: 'inject.release', inject: 'hw-inj-02' });
    expect(ofType(events, 'intel.released').map((e) => [e.intel, e.reason])).toEqual([['hw-int-04', 'inject']]);
  });

  it('releases a later report at the first phase of its release turn, not before', () => {
    const h = harness();
    h.advanceTo(1, 'outcome');
    expect(h.state.intel['hw-int-05']?.status).toBe('scheduled');
    const at = h.clock;
    const events = h.ok(facilitator, { type: 'phase.advance' });
    expect(events[0]).toMatchObject({ type: 'phase.started', turn: 2, phase: 'brief' });
    expect(ofType(events, 'intel.released').map((e) => [e.intel, e.turn])).toEqual([['hw-int-05', 2]]);
    expect(h.state.intel['hw-int-05']).toMatchObject({ status: 'released', releasedAt: at, releasedTurn: 2 });
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
    expect(Object.values(h.state.intel).some((r) => r.status === 'released')).toBe(false);
  });

  it('a held report is not released at its turn nor with its inject; resuming releases it when its moment has passed', () => {
    const h = harness();
    h.ok(facilitator, { type: 'intel.hold', intel: 'hw-int-04', note: 'pacing' });
    h.ok(facilitator, { type: 'intel.hold', intel: 'hw-int-01' });
    h.start();
    h.advanceTo(1, 'submit');
    expect(h.state.intel['hw-int-04']?.status).toBe('held');
    expect(h.state.intel['hw-int-01']?.status).toBe('held');
    const r = ofType(h.ok(facilitator, { type: 'intel.resume', intel: 'hw-int-04' }), 'intel.released');
    expect(r.map((e) => [e.intel, e.to, e.reason])).toEqual([['hw-int-04', ['BRV', 'CSM'], 'manual']]);
    expect(ofType(h.ok(facilitator, { type: 'intel.resume', intel: 'hw-int-01' }), 'intel.released').map((e) => e.intel)).toEqual([
      'hw-int-01',
    ]);
    h.reject(facilitator, { type: 'intel.resume', intel: 'hw-int-01' }, 'not_held');
    h.reject(facilitator, { type: 'intel.hold', intel: 'hw-int-01' }, 'not_pending');
    h.reject(facilitator, { type: 'intel.hold', intel: 'nope' }, 'unknown_intel');
  });

  it('control releases a report now to named nations within its markings, and refuses others', () => {
    const h = harness();
    h.start();
    expect(h.reject(facilitator, { type: 'intel.release', intel: 'hw-int-05', to: ['ARN'] }, 'not_releasable').path).toBe('to[0]');
    const [e] = ofType(h.ok(facilitator, { type: 'intel.release', intel: 'hw-int-05', to: [] }), 'intel.released');
    expect(e).toMatchObject({ intel: 'hw-int-05', to: [], reason: 'manual', turn: 1 });
    h.reject(facilitator, { type: 'intel.release', intel: 'hw-int-05' }, 'already_released');
  });
});

describe('control writes a report', () => {
  const write: CommandOf<'intel.write'> = {
    type: 'intel.write',
    title: 'Harbour chatter',
    originator: 'ARN',
    classification: 'SECRET',
    controls: { relTo: ['BRV'] },
    grading: { reliability: 'B', credibility: '2' },
    body: 'Ships gather.',
    groundTruth: 'A feint.',
    truth: 'deception',
  };

  it('released now reaches its originator and the nations named; ground truth and verdict stay in the state', () => {
    const h = harness();
    h.start();
    const events = h.ok(facilitator, { ...write, to: ['BRV'] });
    const id = only(events, 'intel.written').report.id;
    expect(h.state.intelOrder.at(-1)).toBe(id);
    expect(h.state.intel[id]).toMatchObject({ status: 'released', origin: 'control', truth: 'deception' });
    expect(Object.keys(h.state.intel[id]!.holders)).toEqual(['ARN', 'BRV']);
  });

  it('scheduled for a later turn goes out at its first phase; the past and bad references are refused', () => {
    const h = harness();
    h.start();
    const id = only(h.ok(facilitator, { ...write, release: { turn: 2 } }), 'intel.written').report.id;
    expect(h.state.intel[id]?.status).toBe('scheduled');
    h.advanceTo(2, 'brief');
    expect(h.state.intel[id]?.status).toBe('released');
    expect(h.reject(facilitator, { ...write, release: { turn: 2 } }, 'in_the_past').path).toBe('release.turn');
    expect(h.reject(facilitator, { ...write, release: { turn: 9 } }, 'in_the_past').path).toBe('release.turn');
    expect(h.reject(facilitator, { ...write, originator: 'DRX' }, 'unknown_originator').path).toBe('originator');
    expect(h.reject(facilitator, { ...write, regions: ['atlantis'] }, 'unknown_region').path).toBe('regions[0]');
    expect(h.reject(facilitator, { ...write, to: ['CSM'] }, 'not_releasable').path).toBe('to[0]');
    expect(
      h.reject(facilitator, { ...write, tearline: { classification: 'TOP SECRET', controls: {}, body: 'x' } }, 'tearline_above_report')
        .path,
    ).toBe('tearline.classification');
  });
});

describe('sharing', () => {
  it('shares within REL TO, records the ledger line with its seat, and the recipient then holds it', () => {
    const h = harness();
    h.start();
    const e = only(h.ok(ARN, { type: 'intel.share', intel: 'hw-int-01', to: ['BRV'], note: 'For your eyes' }), 'intel.shared');
    expect(e).toMatchObject({
      report: 'hw-int-01',
      part: 'full',
      from: 'ARN',
      to: ['BRV'],
      basis: 'rel_to',
      note: 'For your eyes',
      agreement: null,
    });
    expect(holdsReport(h.state, { id: 'hw-int-01' }, 'BRV')).toBe(true);
    expect(h.state.intelShares[e.share]).toMatchObject({ by: { name: ARN.name }, turn: 1 });
  });

  it('refuses what is not held (as for an unknown id), not releasable, NOFORN and ORCON', () => {
    const h = harness();
    h.start();
    const unknown = h.reject(BRV, { type: 'intel.share', intel: 'nope', to: ['ARN'] }, 'not_found');
    const hidden = h.reject(BRV, { type: 'intel.share', intel: 'hw-int-01', to: ['ARN'] }, 'not_found');
    expect(hidden.message).toBe(unknown.message);
    expect(h.reject(ARN, { type: 'intel.share', intel: 'hw-int-01', to: ['CSM'] }, 'not_releasable').path).toBe('to[0]');
    expect(h.reject(ARN, { type: 'intel.share', intel: 'hw-int-01', to: ['BRV', 'BRV'] }, 'duplicate').path).toBe('to[1]');
    expect(h.reject(ARN, { type: 'intel.share', intel: 'hw-int-01', to: ['DRX'] }, 'unknown_nation').path).toBe('to[0]');
    h.reject(BRV, { type: 'intel.share', intel: 'hw-int-02', to: ['ARN'] }, 'noforn');
    // CSM, the originator, shares its ORCON report within REL TO; ARN may not pass it on.
    h.ok(CSM, { type: 'intel.share', intel: 'hw-int-03', to: ['ARN'] });
    expect(h.reject(ARN, { type: 'intel.share', intel: 'hw-int-03', to: ['BRV'] }, 'orcon').message).toMatch(/Ask the originator/);
  });

  it('an intelligence-sharing agreement in force between sender, originator and recipient releases it (basis agreement)', () => {
    const h = harness();
    h.advanceTo(1, 'consult');
    h.ok(ARN, {
      type: 'agreement.propose',
      title: 'Sharing',
      parties: ['CSM'],
      clauses: [{ type: 'intel_sharing', title: 'Share', upTo: 'SECRET' }],
      rule: 'consensus',
    });
    const id = h.state.agreementOrder[0]!;
    h.ok(ARN, { type: 'agreement.sign', agreement: id, version: 1 });
    h.ok(CSM, { type: 'agreement.sign', agreement: id, version: 1 });
    const e = only(h.ok(ARN, { type: 'intel.share', intel: 'hw-int-01', to: ['CSM'] }), 'intel.shared');
    expect(e).toMatchObject({ basis: 'agreement', agreement: id });
    // BRV holds it too but is not bound by the agreement: REL TO alone decides for it.
    h.ok(ARN, { type: 'intel.share', intel: 'hw-int-01', to: ['BRV'] });
    h.reject(BRV, { type: 'intel.share', intel: 'hw-int-01', to: ['CSM'] }, 'not_releasable');
  });
});

describe('ORCON requests', () => {
  function setUp() {
    const h = harness();
    h.start();
    h.ok(CSM, { type: 'intel.share', intel: 'hw-int-03', to: ['ARN'] });
    h.ok(CSM, { type: 'intel.widen', intel: 'hw-int-03', relTo: ['BRV'] });
    return h;
  }

  it('the requester asks, the originator approves, and the release follows at once (basis orcon_approval)', () => {
    const h = setUp();
    const q = only(
      h.ok(ARN, { type: 'intel.request', intel: 'hw-int-03', to: ['BRV'], reason: 'BRV patrols the Sound' }),
      'intel.requested',
    );
    expect(q).toMatchObject({ originator: 'CSM', from: 'ARN', to: ['BRV'] });
    h.reject(ARN, { type: 'intel.request', intel: 'hw-int-03', to: ['BRV'], reason: 'again' }, 'already_requested');
    expect(h.reject(ARN, { type: 'intel.approve', request: q.request }, 'not_originator').path).toBe('request');
    const unknown = h.reject(BRV, { type: 'intel.approve', request: 'nope' }, 'not_found');
    expect(h.reject(BRV, { type: 'intel.approve', request: q.request }, 'not_found').message).toBe(unknown.message);
    const events = h.ok(CSM, { type: 'intel.approve', request: q.request, note: 'Approved for patrol planning' });
    const shared = only(events, 'intel.shared');
    expect(shared).toMatchObject({ from: 'ARN', to: ['BRV'], basis: 'orcon_approval', request: q.request, part: 'full' });
    expect(holdsReport(h.state, { id: 'hw-int-03' }, 'BRV')).toBe(true);
    expect(h.state.intelRequests[q.request]).toMatchObject({ status: 'approved', answer: { share: shared.share } });
    h.reject(CSM, { type: 'intel.deny', request: q.request }, 'not_pending');
  });

  it('a denial releases nothing; requests outside REL TO, of non-ORCON reports or by the originator are refused', () => {
    const h = setUp();
    const q = only(h.ok(ARN, { type: 'intel.request', intel: 'hw-int-03', to: ['BRV'], reason: 'x' }), 'intel.requested');
    expect(ofType(h.ok(CSM, { type: 'intel.deny', request: q.request, note: 'Source protection' }), 'intel.shared')).toEqual([]);
    expect(holdsReport(h.state, { id: 'hw-int-03' }, 'BRV')).toBe(false);
    h.reject(CSM, { type: 'intel.request', intel: 'hw-int-03', to: ['BRV'], reason: 'x' }, 'own_report');
    h.ok(ARN, { type: 'intel.share', intel: 'hw-int-01', to: ['BRV'] });
    h.reject(BRV, { type: 'intel.request', intel: 'hw-int-01', to: ['ARN'], reason: 'x' }, 'not_orcon');
    const g = harness();
    g.start();
    g.ok(CSM, { type: 'intel.share', intel: 'hw-int-03', to: ['ARN'] });
    expect(g.reject(ARN, { type: 'intel.request', intel: 'hw-int-03', to: ['BRV'], reason: 'x' }, 'not_releasable').path).toBe('to[0]');
  });
});

describe('widening, tearlines and assessments', () => {
  it('only the originator widens; the new markings drive the banner and what may be shared', () => {
    const h = harness();
    h.start();
    h.ok(ARN, { type: 'intel.share', intel: 'hw-int-01', to: ['BRV'] });
    h.reject(BRV, { type: 'intel.widen', intel: 'hw-int-01', relTo: ['CSM'] }, 'not_originator');
    h.reject(ARN, { type: 'intel.widen', intel: 'hw-int-01', relTo: ['BRV'] }, 'no_change');
    h.ok(ARN, { type: 'intel.widen', intel: 'hw-int-01', relTo: ['CSM'] });
    const x = h.state.intel['hw-int-01']!;
    expect(banner(x.def.classification, x.def.originator, x.controls)).toBe('SECRET//REL TO ARN, BRV, CSM');
    h.ok(BRV, { type: 'intel.share', intel: 'hw-int-01', to: ['CSM'] });
    h.ok(CSM, { type: 'intel.widen', intel: 'hw-int-03', lift: ['orcon'] });
    h.ok(CSM, { type: 'intel.share', intel: 'hw-int-03', to: ['ARN'] });
    h.reject(ARN, { type: 'intel.share', intel: 'hw-int-03', to: ['BRV'] }, 'not_releasable');
  });

  it('a tearline goes to a nation outside REL TO, which holds the tearline only', () => {
    const h = harness();
    h.advanceTo(2, 'brief');
    const e = only(
      h.ok(BRV, { type: 'intel.release_tearline', intel: 'hw-int-05', to: ['ARN', 'CSM'], note: 'Sanitised' }),
      'intel.shared',
    );
    expect(e).toMatchObject({ part: 'tearline', basis: 'rel_to', from: 'BRV' });
    expect(holdsReport(h.state, { id: 'hw-int-05' }, 'ARN')).toBe(false);
    expect(Object.keys(h.state.intel['hw-int-05']!.tearlineHolders).sort()).toEqual(['ARN', 'CSM']);
    // A tearline holder may pass the tearline on, never the report.
    h.reject(ARN, { type: 'intel.share', intel: 'hw-int-05', to: ['CSM'] }, 'not_found');
    h.reject(ARN, { type: 'intel.release_tearline', intel: 'hw-int-01', to: ['BRV'] }, 'no_tearline');
    h.reject(BRV, { type: 'intel.release_tearline', intel: 'hw-int-01', to: ['ARN'] }, 'not_found');
  });

  it("an assessment is a new report under the nation's own markings, sent in one step; citations must be held", () => {
    const h = harness();
    h.start();
    const base: CommandOf<'intel.assess'> = {
      type: 'intel.assess',
      title: 'Our view',
      classification: 'SECRET',
      controls: { relTo: ['BRV'] },
      body: '(S) Calm.',
      to: ['BRV'],
    };
    expect(h.reject(ARN, { ...base, to: ['CSM'] }, 'not_releasable').path).toBe('to[0]');
    expect(h.reject(ARN, { ...base, cites: ['hw-int-02'] }, 'not_found').path).toBe('cites[0]');
    const e = only(h.ok(ARN, { ...base, cites: ['hw-int-01'] }), 'intel.assessed');
    const x = h.state.intel[e.report.id]!;
    expect(x).toMatchObject({ origin: 'assessment', status: 'released', def: { originator: 'ARN', grading: null } });
    expect(Object.keys(x.holders)).toEqual(['ARN', 'BRV']);
    expect(h.state.intelShares[e.share]).toMatchObject({ basis: 'assessment', to: ['BRV'] });
    expect(holdsReport(h.state, { id: e.report.id }, 'CSM')).toBe(false);
  });
});

describe('portions', () => {
  it('splits a body into paragraphs with their portion marks', () => {
    expect(portions('(S) Secret part.\n\n(U) Open part.\n\nUnmarked.\n\n(C//REL TO CAL, LND) Shared.')).toEqual([
      { mark: 'S', text: 'Secret part.' },
      { mark: 'U', text: 'Open part.' },
      { mark: null, text: 'Unmarked.' },
      { mark: 'C//REL TO CAL, LND', text: 'Shared.' },
    ]);
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
  });
});
