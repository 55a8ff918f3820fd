import { describe, expect, it } from 'vitest';
import { CONTROL, nationAudience, project } from '@concord/shared/views/index';
import { actors, harness } from '../../../../tests/helpers/harness.ts';
import {
  actionState,
  allyChoices,
  awaitingAnswer,
  controlsLabel,
  filterChoices,
  filterReports,
  gradingLabel,
  NO_FILTER,
  readKey,
  reportTitle,
  storeKey,
  trailLine,
  unreadCount,
  widenChoices,
} from './intel-model.ts';

const { ARN, CSM } = actors;

function started() {
  const h = harness();
  h.advanceTo(1, 'consult');
  return h;
}

describe('the intel library model', () => {
  it('lists each ally for sharing, with the markings’ reason for the ones ruled out', () => {
    const h = started();
    const v = project(h.state, nationAudience('ARN'));
    const share = allyChoices(v, 'hw-int-01', (o) => o.share);
    expect(share.map((c) => [c.name, c.allowed, c.note])).toEqual([
      ['Bravaria', true, null],
      ['Cosmara', false, 'Outside its REL TO, and no intelligence-sharing agreement in force covers it'],
    ]);
    expect(actionState(share)).toEqual({ open: true, why: null });
    expect(
      controlsLabel(
        v,
        v.intel.find((r) => r.id === 'hw-int-01')!,
      ),
    ).toBe('REL TO Arnholm, Bravaria');
  });

  it('closes Share on an ORCON report a nation did not originate, saying why, and explains the request it may make', () => {
    const h = started();
    h.ok(CSM, { type: 'intel.share', intel: 'hw-int-03', to: ['ARN'], note: 'For your port authority.' });
    const v = project(h.state, nationAudience('ARN'));
    const share = actionState(allyChoices(v, 'hw-int-03', (o) => o.share));
    expect(share.open).toBe(false);
    expect(share.why).toBe('ORCON: only the originator may release it; request its release instead');
    // Its REL TO names Arnholm alone: no one to request it for.
    expect(actionState(allyChoices(v, 'hw-int-03', (o) => o.request)).open).toBe(false);
    const r = v.intel.find((x) => x.id === 'hw-int-03')!;
    expect(controlsLabel(v, r)).toBe('REL TO Cosmara, Arnholm · ORCON (originator controls onward release)');
    // The originator may widen it to Bravaria and lift ORCON.
    const w = widenChoices(project(h.state, nationAudience('CSM')), r);
    expect(w).toEqual({ nations: [{ id: 'BRV', name: 'Bravaria' }], orcon: true, noforn: false });
  });

  it('writes a trail line with names and game time, never ids or wall time', () => {
    const h = started();
    h.ok(CSM, { type: 'intel.share', intel: 'hw-int-03', to: ['ARN'], note: 'For your port authority.' });
    const v = project(h.state, nationAudience('ARN'));
    const [s] = v.intelShares;
    const t = trailLine(v, s!, 'CSM');
    expect(t.what).toBe(`Cosmara (${CSM.name}) → Arnholm: within REL TO`);
    expect(t.when).toMatch(/^14 Mar \d\d:\d\dZ \(turn 1\)$/);
    expect(t.note).toBe('For your port authority.');
  });

  it('words an ORCON-approved release as the requester’s, with the originator’s approval by its seat', () => {
    const h = started();
    h.ok(CSM, { type: 'intel.share', intel: 'hw-int-03', to: ['ARN'], note: '' });
    h.ok(CSM, { type: 'intel.widen', intel: 'hw-int-03', relTo: ['BRV'], lift: [], note: '' });
    const arn = project(h.state, nationAudience('ARN'));
    expect(actionState(allyChoices(arn, 'hw-int-03', (o) => o.request)).open).toBe(true);
    h.ok(ARN, { type: 'intel.request', intel: 'hw-int-03', to: ['BRV'], reason: 'Bravaria runs the port.' });
    const csm = project(h.state, nationAudience('CSM'));
    const [q] = awaitingAnswer(csm, 'CSM');
    expect(q?.from).toBe('ARN');
    h.ok(CSM, { type: 'intel.approve', request: q!.id, note: 'Port authority only.' });
    const brv = project(h.state, nationAudience('BRV'));
    const line = brv.intelShares.find((s) => s.basis === 'orcon_approval')!;
    expect(trailLine(brv, line, 'CSM').what).toBe(`Arnholm → Bravaria: with Cosmara's ORCON approval (${CSM.name})`);
    expect(awaitingAnswer(project(h.state, nationAudience('CSM')), 'CSM')).toEqual([]);
  });

  it('filters by turn, region and originator, and counts what is unread', () => {
    const h = started();
    const v = project(h.state, nationAudience('ARN'));
    const ids = (rs: ReadonlyArray<{ id: string }>) => rs.map((r) => r.id).sort();
    expect(ids(filterReports(v.intel, NO_FILTER, new Set()))).toEqual(ids(v.intel));
    expect(ids(filterReports(v.intel, { ...NO_FILTER, region: 'drex-march' }, new Set()))).toEqual(['hw-int-01']);
    expect(filterReports(v.intel, { ...NO_FILTER, originator: 'CSM' }, new Set())).toEqual([]);
    expect(filterReports(v.intel, { ...NO_FILTER, turn: 2 }, new Set())).toEqual([]);
    const c = filterChoices(v);
    expect(c.turns).toEqual([1]);
    expect(c.regions.map((g) => g.name)).toContain('Grey Sound');
    expect(c.originators.map((n) => n.name)).toEqual(['Arnholm']);
    const read = new Set([readKey(v.intel[0]!)]);
    expect(unreadCount(v.intel, read)).toBe(v.intel.length - 1);
    expect(filterReports(v.intel, { ...NO_FILTER, unreadOnly: true }, read)).toHaveLength(v.intel.length - 1);
  });

  it('keeps read marks per exercise and seat, and a tearline read apart from the full report', () => {
    const a = storeKey('ex-1', { role: 'nation', nation: 'ARN', position: 'fm' });
    expect(a).not.toBe(storeKey('ex-1', { role: 'nation', nation: 'ARN', position: 'dm' }));
    expect(a).not.toBe(storeKey('ex-2', { role: 'nation', nation: 'ARN', position: 'fm' }));
    expect(readKey({ id: 'r', part: 'tearline' })).not.toBe(readKey({ id: 'r', part: 'full' }));
  });

  it('names a tearline without a title by its originator, grades in words, and lists requests for the originator', () => {
    const h = started();
    const v = project(h.state, CONTROL);
    const r = v.intel.find((x) => x.id === 'hw-int-05')!;
    expect(reportTitle(v, { ...r, title: null, releasedTurn: 2 })).toBe('Tearline — Bravaria report, turn 2');
    expect(gradingLabel({ reliability: 'B', credibility: '2' })).toBe('B2 — usually reliable source, probably true');
    expect(awaitingAnswer(v, null)).toEqual([]);
    h.ok(ARN, { type: 'intel.widen', intel: 'hw-int-01', relTo: ['CSM'], lift: [], note: '' });
    expect(project(h.state, nationAudience('ARN')).intel.find((x) => x.id === 'hw-int-01')!.controls.relTo).toContain('CSM');
  });
});
