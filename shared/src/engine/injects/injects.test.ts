/**
 * Injects: scripted release on entering a turn and phase, the white cell's hold / schedule / skip /
 * release, contingency injects, ad hoc injects, and read receipts.
 */
import { describe, expect, it } from 'vitest';
import {
  actors,
  harness,
  loadHarbourWatch,
  nationActor,
  ofType,
  type CommandOf,
  type Draft,
  type Harness,
} from '../../../../tests/helpers/harness.ts';
import { addressedTo } from './decide.ts';

const { facilitator, evaluator, observer, ARN, BRV, CSM } = actors;

const released = (h: Harness) =>
  Object.entries(h.state.injects)
    .filter(([, x]) => x.status === 'released')
    .map(([id]) => id);

describe('scripted injects', () => {
  it('are released when their turn and phase begin, and only then', () => {
    const h = harness();
    const byPhase: Record<string, string[]> = {};
    byPhase['1:brief'] = ofType(h.start(), 'inject.released')
      .filter((e) => e.reason === 'scheduled')
      .map((e) => e.inject);
    for (let step = 1; step < 15; step++) {
      const events = h.ok(facilitator, { type: 'phase.advance' });
      byPhase[`${h.state.turn}:${h.phase}`] = ofType(events, 'inject.released')
        .filter((e) => e.reason === 'scheduled')
        .map((e) => e.inject);
    }
    expect(byPhase).toEqual({
      '1:brief': ['hw-inj-01'],
      '1:consult': ['hw-inj-02'],
      '1:submit': ['hw-inj-03'],
      '1:adjudicate': [],
      '1:outcome': [],
      '2:brief': ['hw-inj-04'],
      '2:consult': [],
      '2:submit': [],
      '2:adjudicate': [],
      '2:outcome': [],
      '3:brief': ['hw-inj-07'],
      '3:consult': ['hw-inj-08'],
      '3:submit': [],
      '3:adjudicate': [],
      '3:outcome': [],
    });
  });

  it('record when, in which turn and why they were released', () => {
    const h = harness();
    h.advanceTo(2, 'brief');
    const at = h.log.at(-1)!.at;
    const x = h.state.injects['hw-inj-04']!;
    expect(x).toMatchObject({ status: 'released', releasedAt: at, releasedTurn: 2, releaseReason: 'scheduled', adHoc: false });
    expect(h.log.find((e) => e.seq === x.releasedSeq)).toMatchObject({ type: 'inject.released', inject: 'hw-inj-04' });
  });

  it('a manual inject is never released automatically', () => {
    const h = harness();
    h.advanceTo(3, 'outcome');
    expect(h.state.injects['hw-inj-05']?.status).toBe('scheduled');
    expect(h.log.some((e) => e.type === 'inject.released' && e.inject === 'hw-inj-05')).toBe(false);
  });

  it('a draft inject is not released on its slot', () => {
    const scenario = loadHarbourWatch();
    scenario.injects.find((x) => x.id === 'hw-inj-02')!.status = 'draft';
    const h2 = harness({ scenario });
    h2.advanceTo(1, 'submit');
    expect(h2.state.injects['hw-inj-02']?.status).toBe('draft');
    expect(released(h2)).toEqual(['hw-inj-01', 'hw-inj-03']);
  });
});

describe('hold, schedule, skip, release', () => {
  it('a held inject is not released on its slot; rescheduled before its slot it is', () => {
    const h = harness();
    h.start();
    const [held] = h.ok(facilitator, { type: 'inject.hold', inject: 'hw-inj-04', note: 'wait for consultations' });
    expect(held).toMatchObject({ type: 'inject.held', inject: 'hw-inj-04', note: 'wait for consultations' });
    expect(h.state.injects['hw-inj-04']).toMatchObject({ status: 'held', statusNote: 'wait for consultations' });
    h.ok(facilitator, { type: 'inject.hold', inject: 'hw-inj-07' });
    expect(h.state.injects['hw-inj-07']).toMatchObject({ status: 'held', statusNote: null });

    h.advanceTo(2, 'brief');
    expect(h.state.injects['hw-inj-04']?.status).toBe('held');

    h.ok(facilitator, { type: 'inject.schedule', inject: 'hw-inj-07' });
    expect(h.state.injects['hw-inj-07']).toMatchObject({ status: 'scheduled', statusNote: null });
    h.advanceTo(3, 'brief');
    expect(h.state.injects['hw-inj-07']).toMatchObject({ status: 'released', releaseReason: 'scheduled' });
  });

  it('hold: only a pending inject', () => {
    const h = harness();
    h.start();
    h.reject(facilitator, { type: 'inject.hold', inject: 'hw-inj-01' }, 'not_pending');
    h.ok(facilitator, { type: 'inject.hold', inject: 'hw-inj-04' });
    h.reject(facilitator, { type: 'inject.hold', inject: 'hw-inj-04' }, 'not_pending');
    h.ok(facilitator, { type: 'inject.skip', inject: 'hw-inj-07' });
    h.reject(facilitator, { type: 'inject.hold', inject: 'hw-inj-07' }, 'not_pending');
  });

  it('can be planned before the start', () => {
    const h = harness();
    h.ok(facilitator, { type: 'inject.hold', inject: 'hw-inj-01' });
    h.ok(facilitator, { type: 'inject.skip', inject: 'hw-inj-02' });
    const events = h.start();
    expect(ofType(events, 'inject.released')).toEqual([]);
    expect(h.state.injects['hw-inj-01']?.status).toBe('held');
    h.advanceTo(1, 'consult');
    expect(h.state.injects['hw-inj-02']?.status).toBe('skipped');
  });

  it('schedule: puts held, skipped and draft injects back, refuses released and scheduled ones', () => {
    const h = harness();
    h.start();
    h.reject(facilitator, { type: 'inject.schedule', inject: 'hw-inj-04' }, 'not_pending');
    h.reject(facilitator, { type: 'inject.schedule', inject: 'hw-inj-01' }, 'not_pending');
    h.ok(facilitator, { type: 'inject.skip', inject: 'hw-inj-04', note: 'overtaken by events' });
    expect(h.state.injects['hw-inj-04']).toMatchObject({ status: 'skipped', statusNote: 'overtaken by events' });
    h.ok(facilitator, { type: 'inject.schedule', inject: 'hw-inj-04' });
    expect(h.state.injects['hw-inj-04']).toMatchObject({ status: 'scheduled', statusNote: null });
  });

  it('skip: a skipped inject is neither released on its slot nor by hand until rescheduled', () => {
    const h = harness();
    h.start();
    h.ok(facilitator, { type: 'inject.skip', inject: 'hw-inj-02' });
    h.reject(facilitator, { type: 'inject.skip', inject: 'hw-inj-02' }, 'not_pending');
    h.reject(facilitator, { type: 'inject.skip', inject: 'hw-inj-01' }, 'not_pending');
    h.advanceTo(1, 'consult');
    expect(h.state.injects['hw-inj-02']?.status).toBe('skipped');
    h.reject(facilitator, { type: 'inject.release', inject: 'hw-inj-02' }, 'skipped');
    h.ok(facilitator, { type: 'inject.schedule', inject: 'hw-inj-02' });
    h.ok(facilitator, { type: 'inject.release', inject: 'hw-inj-02' });
    expect(h.state.injects['hw-inj-02']).toMatchObject({ status: 'released', releaseReason: 'manual', releasedTurn: 1 });
  });

  it('release: manual, held and future injects go out now; a released one is refused', () => {
    const h = harness();
    h.start();
    const [e] = h.ok(facilitator, { type: 'inject.release', inject: 'hw-inj-05' });
    expect(e).toMatchObject({ type: 'inject.released', inject: 'hw-inj-05', reason: 'manual' });
    expect(h.state.injects['hw-inj-05']).toMatchObject({ status: 'released', releaseReason: 'manual', releasedTurn: 1 });
    h.ok(facilitator, { type: 'inject.hold', inject: 'hw-inj-08' });
    h.ok(facilitator, { type: 'inject.release', inject: 'hw-inj-08' });
    expect(h.state.injects['hw-inj-08']?.status).toBe('released');
    h.reject(facilitator, { type: 'inject.release', inject: 'hw-inj-05' }, 'already_released');
    h.reject(facilitator, { type: 'inject.release', inject: 'hw-inj-01' }, 'already_released');
    // Released early, it is not released again on its own slot.
    h.advanceTo(3, 'consult');
    expect(ofType(h.log, 'inject.released').filter((x) => x.inject === 'hw-inj-08')).toHaveLength(1);
  });

  it('release needs a started exercise but works while paused', () => {
    const h = harness();
    h.reject(facilitator, { type: 'inject.release', inject: 'hw-inj-05' }, 'not_started');
    h.start();
    h.ok(facilitator, { type: 'exercise.pause' });
    h.ok(facilitator, { type: 'inject.release', inject: 'hw-inj-05' });
  });

  it('unknown ids (including prototype names) are refused with the path', () => {
    const h = harness();
    h.start();
    for (const inject of ['nope', '__proto__', 'constructor', 'toString'])
      for (const type of ['inject.release', 'inject.hold', 'inject.schedule', 'inject.skip'] as const) {
        const r = h.reject(facilitator, { type, inject }, inject === '__proto__' ? 'malformed' : 'unknown_inject');
        if (r.code === 'unknown_inject') expect(r.path).toBe('inject');
      }
  });

  it('are white-cell commands', () => {
    const h = harness();
    h.start();
    const commands: Draft[] = [
      { type: 'inject.release', inject: 'hw-inj-05' },
      { type: 'inject.hold', inject: 'hw-inj-04' },
      { type: 'inject.schedule', inject: 'hw-inj-04' },
      { type: 'inject.skip', inject: 'hw-inj-04' },
      { type: 'inject.create', from: 'harbour-herald', to: ['ALL'], channel: 'news', subject: 'S', message: 'M' },
    ];
    for (const who of [ARN, evaluator, observer]) for (const c of commands) h.reject(who, c, 'forbidden');
  });
});

describe('contingency injects (hw-inj-06: unless an ally acts in the Grey Sound in turn 2, by turn 3 brief)', () => {
  /** Play to the start of turn 3 consult, by which the turn 3 brief deadline has certainly passed. */
  function playThroughDeadline(h: Harness, pendingUntilTurn3 = true) {
    h.advanceTo(2, 'outcome');
    // Nothing is decided before the deadline turn.
    if (pendingUntilTurn3) expect(h.state.injects['hw-inj-06']?.status).toBe('scheduled');
    h.advanceTo(3, 'consult');
    return h.state.injects['hw-inj-06']!;
  }

  it('is released when no matching action happened by the deadline', () => {
    const h = harness();
    h.advanceTo(2, 'submit');
    // Actions that do not match: wrong region, wrong type, withdrawn, by the adversary.
    h.ok(BRV, { type: 'action.submit', actionType: 'military', title: 'Armour to the border', text: 'Move armour', regions: ['bravaria'] });
    h.ok(CSM, {
      type: 'action.submit',
      actionType: 'economic',
      title: 'Reroute shipping',
      text: 'Insurance support',
      regions: ['grey-sound'],
    });
    const [w] = h.ok(ARN, {
      type: 'action.submit',
      actionType: 'diplomatic',
      title: 'Protest',
      text: 'Protest the closure',
      regions: ['grey-sound'],
    });
    h.ok(ARN, { type: 'action.withdraw', action: w!.type === 'action.submitted' ? w.id : '' });
    h.ok(facilitator, {
      type: 'action.submit',
      as: 'DRX',
      actionType: 'military',
      title: 'Patrol boats',
      text: 'Turn back ships',
      regions: ['grey-sound'],
    });
    const x = playThroughDeadline(h);
    expect(x).toMatchObject({ status: 'released', releaseReason: 'contingency', releasedTurn: 3 });
    const releases = ofType(h.log, 'inject.released').filter((e) => e.inject === 'hw-inj-06');
    expect(releases).toHaveLength(1);
    expect(releases[0]?.reason).toBe('contingency');
    // It reaches its addressees.
    h.ok(BRV, { type: 'inject.acknowledge', inject: 'hw-inj-06' });
    h.reject(ARN, { type: 'inject.acknowledge', inject: 'hw-inj-06' }, 'not_found');
  });

  it('an action before fromTurn does not count', () => {
    const h = harness();
    h.advanceTo(1, 'submit');
    h.ok(BRV, { type: 'action.submit', actionType: 'military', title: 'Escort', text: 'Escort ferries', regions: ['grey-sound'] });
    expect(playThroughDeadline(h)).toMatchObject({ status: 'released', releaseReason: 'contingency' });
  });

  it('is skipped, with a note naming the action, when a matching action was submitted in time', () => {
    const h = harness();
    h.advanceTo(2, 'submit');
    const [a] = h.ok(BRV, {
      type: 'action.submit',
      actionType: 'military',
      title: 'Frigates escort shipping',
      text: 'Escort merchant ships through the Sound',
      regions: ['grey-sound'],
      assets: ['brv-frigates'],
    });
    const actionId = a!.type === 'action.submitted' ? a.id : '';
    const x = playThroughDeadline(h);
    expect(x.status).toBe('skipped');
    expect(x.statusNote).toContain(actionId);
    expect(x.releasedAt).toBeNull();
    const [skipped] = ofType(h.log, 'inject.skipped');
    expect(skipped).toMatchObject({ inject: 'hw-inj-06' });
    expect(skipped?.note).toContain(actionId);
    expect(h.log.some((e) => e.type === 'inject.released' && e.inject === 'hw-inj-06')).toBe(false);
  });

  it('an adjudicated matching action still counts', () => {
    const h = harness();
    h.advanceTo(2, 'submit');
    const [a] = h.ok(CSM, {
      type: 'action.submit',
      actionType: 'diplomatic',
      title: 'Protest',
      text: 'Note verbale',
      regions: ['grey-sound', 'cosmara'],
    });
    h.advanceTo(2, 'adjudicate');
    h.ok(facilitator, {
      type: 'adjudication.record',
      actions: [a!.type === 'action.submitted' ? a.id : ''],
      title: 'Noted',
      outcome: 'The protest is noted.',
    });
    expect(playThroughDeadline(h).status).toBe('skipped');
  });

  it('a held contingency is not evaluated; released by hand it is not evaluated again', () => {
    const h = harness();
    h.start();
    h.ok(facilitator, { type: 'inject.hold', inject: 'hw-inj-06' });
    expect(playThroughDeadline(h, false).status).toBe('held');
    const h2 = harness();
    h2.advanceTo(2, 'submit');
    h2.ok(facilitator, { type: 'inject.release', inject: 'hw-inj-06' });
    expect(playThroughDeadline(h2, false)).toMatchObject({ status: 'released', releaseReason: 'manual' });
    expect(ofType(h2.log, 'inject.released').filter((e) => e.inject === 'hw-inj-06')).toHaveLength(1);
  });
});

describe('inject.create (ad hoc)', () => {
  const base: CommandOf<'inject.create'> = {
    type: 'inject.create',
    from: 'harbour-herald',
    to: ['ALL'],
    channel: 'news',
    subject: 'Fishing fleet blockade',
    message: 'Drexan trawlers block the harbour mouth.',
  };

  it('released now: created and released in one command, numbered after the MSEL', () => {
    const h = harness();
    h.advanceTo(1, 'consult');
    const seq = h.state.seq;
    const events = h.ok(facilitator, {
      ...base,
      positions: ['fm'],
      regions: ['grey-sound'],
      objectives: ['obj-sound'],
      controlNotes: 'improvised',
      expectedAction: 'Protest',
    });
    expect(events.map((e) => e.type)).toEqual(['inject.created', 'inject.released']);
    const id = `adhoc-${seq + 1}`;
    expect(events[1]).toMatchObject({ inject: id, reason: 'manual' });
    const x = h.state.injects[id]!;
    expect(x).toMatchObject({ adHoc: true, status: 'released', releaseReason: 'manual', releasedTurn: 1 });
    expect(x.def).toMatchObject({
      number: 9,
      turn: 1,
      phase: 'consult',
      from: 'harbour-herald',
      to: ['ALL'],
      positions: ['fm'],
      kind: 'event',
      trigger: { type: 'time' },
      regions: ['grey-sound'],
      objectives: ['obj-sound'],
      controlNotes: 'improvised',
      expectedAction: 'Protest',
    });
    expect(h.state.injectOrder.at(-1)).toBe(id);
    // The next one gets the next number.
    h.ok(facilitator, base);
    expect(h.state.injects[h.state.injectOrder.at(-1)!]?.def.number).toBe(10);
  });

  it('released later: only created now, then released on entering its turn and phase', () => {
    const h = harness();
    h.start();
    const [created] = h.ok(facilitator, { ...base, to: ['BRV', 'CSM'], channel: 'email', release: { turn: 2, phase: 'consult' } });
    const id = created!.type === 'inject.created' ? created.inject.id : '';
    expect(h.state.injects[id]).toMatchObject({ status: 'scheduled', adHoc: true });
    expect(h.state.injects[id]?.def).toMatchObject({ turn: 2, phase: 'consult' });
    h.advanceTo(2, 'brief');
    expect(h.state.injects[id]?.status).toBe('scheduled');
    const events = h.advanceTo(2, 'consult');
    expect(ofType(events, 'inject.released').map((e) => [e.inject, e.reason])).toEqual([[id, 'scheduled']]);
    expect(h.state.injects[id]).toMatchObject({ status: 'released', releasedTurn: 2 });
  });

  it('can be written before the start for a later slot, but not released now', () => {
    const h = harness();
    h.reject(facilitator, base, 'not_started');
    h.ok(facilitator, { ...base, release: { turn: 1, phase: 'brief' } });
    const events = h.start();
    expect(ofType(events, 'inject.released').map((e) => e.inject)).toEqual(['hw-inj-01', 'adhoc-2']);
  });

  it('in_the_past: the current slot, an earlier one, or after the last turn', () => {
    const h = harness();
    h.advanceTo(2, 'consult');
    h.reject(facilitator, { ...base, release: { turn: 2, phase: 'consult' } }, 'in_the_past');
    h.reject(facilitator, { ...base, release: { turn: 2, phase: 'brief' } }, 'in_the_past');
    h.reject(facilitator, { ...base, release: { turn: 1, phase: 'outcome' } }, 'in_the_past');
    const r = h.reject(facilitator, { ...base, release: { turn: 4, phase: 'brief' } }, 'in_the_past');
    expect(r.path).toBe('release.turn');
    h.ok(facilitator, { ...base, release: { turn: 2, phase: 'submit' } });
  });

  it('refuses unknown personas, nations, positions, regions and objectives, naming the field', () => {
    const h = harness();
    h.start();
    expect(h.reject(facilitator, { ...base, from: 'ghost-writer' }, 'unknown_persona').path).toBe('from');
    expect(h.reject(facilitator, { ...base, to: ['ARN', 'DRX'] }, 'unknown_nation').path).toBe('to[1]');
    expect(h.reject(facilitator, { ...base, to: ['ZZZ'] }, 'unknown_nation').path).toBe('to[0]');
    expect(h.reject(facilitator, { ...base, to: ['ARN'], positions: ['dm', 'spokesperson'] }, 'unknown_position').path).toBe(
      'positions[1]',
    );
    expect(h.reject(facilitator, { ...base, regions: ['atlantis'] }, 'unknown_region').path).toBe('regions[0]');
    expect(h.reject(facilitator, { ...base, objectives: ['obj-nope'] }, 'unknown_objective').path).toBe('objectives[0]');
    h.reject(facilitator, { ...base, to: ['arn'] }, 'malformed');
    h.reject(facilitator, { ...base, to: [] }, 'malformed');
    h.reject(facilitator, { ...base, message: '' }, 'malformed');
    h.reject(facilitator, { ...base, kind: 'contingency' }, 'malformed');
  });
});

describe('inject.acknowledge', () => {
  it('a nation acknowledges a released inject addressed to it, once', () => {
    const h = harness();
    h.start();
    const at = h.clock;
    const [e] = h.ok(ARN, { type: 'inject.acknowledge', inject: 'hw-inj-01' });
    expect(e).toMatchObject({ type: 'inject.acknowledged', inject: 'hw-inj-01', nation: 'ARN', position: 'hog' });
    expect(h.state.injects['hw-inj-01']?.acknowledged).toEqual({ ARN: { at, seq: e!.seq, position: 'hog' } });
    h.reject(ARN, { type: 'inject.acknowledge', inject: 'hw-inj-01' }, 'already_acknowledged');
    // Once per nation, whichever position of the team sends it.
    h.reject(nationActor('ARN', 'fm'), { type: 'inject.acknowledge', inject: 'hw-inj-01' }, 'already_acknowledged');
    h.ok(BRV, { type: 'inject.acknowledge', inject: 'hw-inj-01' });
    expect(Object.keys(h.state.injects['hw-inj-01']!.acknowledged).sort()).toEqual(['ARN', 'BRV']);
  });

  it('not before it is released, and not by a nation it is not addressed to', () => {
    const h = harness();
    h.start();
    h.reject(CSM, { type: 'inject.acknowledge', inject: 'hw-inj-03' }, 'not_found');
    h.advanceTo(1, 'submit');
    h.reject(ARN, { type: 'inject.acknowledge', inject: 'hw-inj-03' }, 'not_found');
    h.reject(BRV, { type: 'inject.acknowledge', inject: 'hw-inj-03' }, 'not_found');
    h.ok(CSM, { type: 'inject.acknowledge', inject: 'hw-inj-03' });
    h.reject(CSM, { type: 'inject.acknowledge', inject: 'hw-inj-nope' }, 'not_found');
  });

  it('is for nations only', () => {
    const h = harness();
    h.start();
    for (const who of [facilitator, evaluator, observer]) h.reject(who, { type: 'inject.acknowledge', inject: 'hw-inj-01' }, 'forbidden');
  });

  it('addressedTo: ALL or the nation itself', () => {
    const h = harness();
    const def = (id: string) => h.scenario.injects.find((x) => x.id === id)!;
    expect(['ARN', 'BRV', 'CSM'].every((n) => addressedTo(def('hw-inj-01'), n))).toBe(true);
    expect(addressedTo(def('hw-inj-03'), 'CSM')).toBe(true);
    expect(addressedTo(def('hw-inj-03'), 'ARN')).toBe(false);
    expect(addressedTo(def('hw-inj-04'), 'ARN')).toBe(false);
  });
});
