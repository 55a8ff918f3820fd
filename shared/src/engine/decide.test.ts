/**
 * The dispatcher: parsing untrusted commands, roles, idempotent command ids, event stamping, and
 * purity (a rejection changes nothing; decide never writes to the state it is given).
 */
import { describe, expect, it } from 'vitest';
import {
  actors,
  deepFreeze,
  harness,
  nationActor,
  only,
  type CommandOf,
  type Draft,
  type Harness,
} from '../../../tests/helpers/harness.ts';
import { commandKey, lookupCommand } from './command-log.ts';
import { COMMAND_TYPES, commandInfo, type CommandType } from './commands.ts';
import { decide, parseCommand, type Decision } from './decide.ts';
import type { Actor } from './envelope.ts';
import { evolve, fold } from './evolve.ts';
import type { ExerciseState } from './state.ts';

const { facilitator, evaluator, observer, ARN, BRV, CSM } = actors;

/** One well-formed command of every type. */
const SAMPLES: { [T in CommandType]: CommandOf<T> } = {
  'exercise.start': { type: 'exercise.start' },
  'exercise.pause': { type: 'exercise.pause', reason: 'coffee' },
  'exercise.resume': { type: 'exercise.resume' },
  'exercise.end': { type: 'exercise.end', reason: 'ENDEX' },
  'phase.advance': { type: 'phase.advance' },
  'phase.restart': { type: 'phase.restart' },
  'phase.extend': { type: 'phase.extend', minutes: 5 },
  'nation.ready': { type: 'nation.ready', ready: true },
  'clock.tick': { type: 'clock.tick' },
  'clock.auto': { type: 'clock.auto', on: true },
  'inject.release': { type: 'inject.release', inject: 'hw-inj-05' },
  'intel.release': { type: 'intel.release', intel: 'hw-int-05' },
  'intel.hold': { type: 'intel.hold', intel: 'hw-int-05' },
  'intel.resume': { type: 'intel.resume', intel: 'hw-int-05' },
  'intel.write': {
    type: 'intel.write',
    title: 'Harbour chatter',
    originator: 'ARN',
    classification: 'SECRET',
    controls: { relTo: ['BRV'] },
    grading: { reliability: 'B', credibility: '2' },
    body: 'Ships gather.',
    truth: 'true',
  },
  'intel.share': { type: 'intel.share', intel: 'hw-int-01', to: ['BRV'] },
  'intel.request': { type: 'intel.request', intel: 'hw-int-03', to: ['ARN'], reason: 'Needed' },
  'intel.approve': { type: 'intel.approve', request: 'R1' },
  'intel.deny': { type: 'intel.deny', request: 'R1' },
  'intel.widen': { type: 'intel.widen', intel: 'hw-int-01', relTo: ['CSM'] },
  'intel.release_tearline': { type: 'intel.release_tearline', intel: 'hw-int-05', to: ['ARN'] },
  'intel.assess': {
    type: 'intel.assess',
    title: 'Our view',
    classification: 'SECRET',
    controls: { relTo: ['BRV'] },
    body: 'Calm.',
    to: ['BRV'],
  },
  'inject.hold': { type: 'inject.hold', inject: 'hw-inj-07', note: 'later' },
  'inject.schedule': { type: 'inject.schedule', inject: 'hw-inj-07' },
  'inject.skip': { type: 'inject.skip', inject: 'hw-inj-08' },
  'inject.acknowledge': { type: 'inject.acknowledge', inject: 'hw-inj-01' },
  'inject.create': {
    type: 'inject.create',
    from: 'harbour-herald',
    to: ['ALL'],
    channel: 'news',
    subject: 'Breaking',
    message: 'Ships collide.',
  },
  'message.send': { type: 'message.send', to: ['ALL'], body: 'Consult now.' },
  'agreement.propose': {
    type: 'agreement.propose',
    title: 'Grey Sound patrols',
    parties: ['BRV'],
    clauses: [{ type: 'basing_access', title: 'Access to ports' }],
    rule: 'consensus',
  },
  'agreement.amend': { type: 'agreement.amend', agreement: 'AG1', version: 1, title: 'Grey Sound joint patrols' },
  'agreement.sign': { type: 'agreement.sign', agreement: 'AG1', version: 1 },
  'agreement.reject': { type: 'agreement.reject', agreement: 'AG1', version: 1, reason: 'Too soon' },
  'agreement.silence.break': { type: 'agreement.silence.break', agreement: 'AG1', version: 1, reason: 'Objection' },
  'agreement.withdraw': { type: 'agreement.withdraw', agreement: 'AG1' },
  'agreement.motion': { type: 'agreement.motion', agreement: 'AG1', motion: 'suspend', reason: 'Breach' },
  'agreement.motion.vote': { type: 'agreement.motion.vote', agreement: 'AG1', stance: 'support' },
  'agreement.publish': { type: 'agreement.publish', agreement: 'AG1' },
  'agreement.extend': { type: 'agreement.extend', agreement: 'AG1', deadline: { turn: 2, phase: 'consult' } },
  'treaty.invoke': { type: 'treaty.invoke', treaty: 'harbour-compact', clause: 'hc-art2', grounds: 'Threat to Arnholm' },
  'consultation.position': { type: 'consultation.position', consultation: 'C1', stance: 'support' },
  'consultation.extend': { type: 'consultation.extend', consultation: 'C1', deadline: { turn: 2, phase: 'consult' } },
  'decision.record': { type: 'decision.record', title: 'Support consultations', rationale: 'The threat is real.' },
  'asset.deploy': { type: 'asset.deploy', asset: 'arn-mpa', region: 'grey-sound' },
  'operation.propose': {
    type: 'operation.propose',
    title: 'Grey Sound patrol',
    objective: 'Keep the sound open',
    actionType: 'military',
    regions: ['grey-sound'],
    participants: ['BRV'],
  },
  'operation.pledge': { type: 'operation.pledge', operation: 'OP1', money: 10 },
  'operation.withdraw': { type: 'operation.withdraw', operation: 'OP1' },
  'operation.deliver': { type: 'operation.deliver', operation: 'OP1', money: 10 },
  'operation.launch': { type: 'operation.launch', operation: 'OP1' },
  'operation.cancel': { type: 'operation.cancel', operation: 'OP1' },
  'action.submit': { type: 'action.submit', actionType: 'diplomatic', title: 'Statement', text: 'Joint statement' },
  'action.withdraw': { type: 'action.withdraw', action: 'A1' },
  'adjudication.record': { type: 'adjudication.record', title: 'Outcome', outcome: 'Calm returns.' },
  'adjudication.roll': { type: 'adjudication.roll', method: 'matrix', odds: 50, actions: ['A1'] },
  'dice.roll': { type: 'dice.roll', purpose: 'test' },
  'escalation.set': { type: 'escalation.set', level: 2, reason: 'Snap exercise on the border' },
  'cohesion.set': { type: 'cohesion.set', a: 'ARN', b: 'BRV', value: 60, reason: 'Public row over patrols' },
  'note.record': { type: 'note.record', text: 'Team ARN consulted promptly.', nation: 'ARN' },
};
const samples = (): Draft[] => COMMAND_TYPES.map((t) => SAMPLES[t]);

const withId = (d: Draft, id: string) => ({ ...d, id });

describe('parsing', () => {
  it('a command must be an object with a string type', () => {
    for (const input of [null, undefined, 42, 'exercise.start', [], [{ id: 'a', type: 'exercise.start' }], true]) {
      const r = parseCommand(input);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.rejection.code).toBe('malformed');
    }
    for (const input of [{}, { id: 'a' }, { id: 'a', type: 5 }, { id: 'a', type: null }]) {
      const r = parseCommand(input);
      expect(r).toMatchObject({ ok: false, rejection: { code: 'malformed', path: 'type' } });
    }
  });

  it('an unknown type is unknown_command, prototype names included', () => {
    const h = harness();
    for (const type of ['exercise.explode', '__proto__', 'constructor', 'toString', '', 'x'.repeat(10_000)]) {
      const r = h.reject(facilitator, { id: 'c1', type }, 'unknown_command');
      expect(r.path).toBe('type');
      expect(r.message.length).toBeLessThan(200);
    }
  });

  it('the id is required: 1-64 letters, digits, "-" or "_"', () => {
    const h = harness();
    expect(h.reject(facilitator, { type: 'exercise.start', id: undefined }, 'malformed').path).toBe('id');
    for (const id of ['', 'has space', 'semi;colon', 'ü', 'x'.repeat(65), 7])
      expect(h.reject(facilitator, { type: 'exercise.start', id }, 'malformed').path).toBe('id');
    h.ok(facilitator, { type: 'exercise.start', id: `A-_9${'x'.repeat(60)}` });
  });

  it('objects are strict: an unknown field is refused and the path names it', () => {
    const h = harness();
    h.advanceTo(1, 'adjudicate');
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ type: 'phase.restart', force: true }, 'force'],
      [{ type: 'message.send', to: ['ARN'], body: 'hi', cc: ['BRV'] }, 'cc'],
      [{ type: 'phase.advance', expect: { turn: 1, phase: 'adjudicate', now: true } }, 'expect.now'],
      [
        {
          type: 'adjudication.record',
          title: 't',
          outcome: 'o',
          effects: [{ kind: 'region', region: 'bravaria', stability: 5, owner: 'ARN' }],
        },
        'effects[0].owner',
      ],
      [
        {
          type: 'inject.create',
          from: 'harbour-herald',
          to: ['ALL'],
          channel: 'news',
          subject: 's',
          message: 'm',
          release: { turn: 2, phase: 'brief', at: 0 },
        },
        'release.at',
      ],
    ];
    for (const [command, path] of cases) {
      const r = h.reject(facilitator, command, 'malformed');
      expect(r.path).toBe(path);
      expect(r.message).toContain(path);
    }
  });

  it('fields of the wrong type are refused with their path', () => {
    const h = harness();
    h.start();
    expect(h.reject(facilitator, { type: 'phase.extend', minutes: '5' }, 'malformed').path).toBe('minutes');
    expect(h.reject(ARN, { type: 'nation.ready', ready: 'yes' }, 'malformed').path).toBe('ready');
    expect(h.reject(ARN, { type: 'message.send', to: 'BRV', body: 'hi' }, 'malformed').path).toBe('to');
    expect(h.reject(ARN, { type: 'message.send', to: ['BRV', 7], body: 'hi' }, 'malformed').path).toBe('to[1]');
    expect(h.reject(facilitator, { type: 'dice.roll', purpose: 'p', count: 1.5 }, 'malformed').path).toBe('count');
  });

  it('oversize strings are refused before any rule runs', () => {
    const h = harness();
    h.advanceTo(1, 'submit');
    const big = (n: number) => 'x'.repeat(n);
    const cases: Array<[Actor, Record<string, unknown>, string]> = [
      [ARN, { ...SAMPLES['message.send'], body: big(4001) }, 'body'],
      [ARN, { ...SAMPLES['message.send'], subject: big(201) }, 'subject'],
      [ARN, { ...SAMPLES['action.submit'], title: big(161) }, 'title'],
      [ARN, { ...SAMPLES['action.submit'], text: big(4001) }, 'text'],
      [facilitator, { ...SAMPLES['inject.create'], message: big(8001) }, 'message'],
      [facilitator, { ...SAMPLES['inject.create'], subject: big(201) }, 'subject'],
      [facilitator, { ...SAMPLES['inject.create'], controlNotes: big(4001) }, 'controlNotes'],
      [facilitator, { ...SAMPLES['inject.create'], expectedAction: big(2001) }, 'expectedAction'],
      [facilitator, { ...SAMPLES['inject.hold'], note: big(501) }, 'note'],
      [facilitator, { ...SAMPLES['adjudication.record'], outcome: big(8001) }, 'outcome'],
      [facilitator, { ...SAMPLES['adjudication.record'], title: big(161) }, 'title'],
      [facilitator, { ...SAMPLES['exercise.pause'], reason: big(501) }, 'reason'],
      [facilitator, { ...SAMPLES['exercise.end'], reason: big(501) }, 'reason'],
      [facilitator, { ...SAMPLES['dice.roll'], purpose: big(201) }, 'purpose'],
      [facilitator, { ...SAMPLES['inject.release'], inject: big(65) }, 'inject'],
      [ARN, { ...SAMPLES['message.send'], to: Array.from({ length: 33 }, () => 'BRV') }, 'to'],
    ];
    for (const [who, command, path] of cases) expect(h.reject(who, command, 'malformed').path).toBe(path);
    // One megabyte of text is refused just the same.
    h.reject(ARN, { ...SAMPLES['message.send'], body: big(1 << 20) }, 'malformed');
  });
});

describe('roles', () => {
  it('each command is refused, unchanged state, for every role that may not send it', () => {
    const h = harness();
    h.advanceTo(1, 'submit');
    const byRole: Record<string, Actor> = { facilitator, nation: ARN, evaluator, observer };
    let refusals = 0;
    for (const type of COMMAND_TYPES)
      for (const [role, who] of Object.entries(byRole)) {
        if ((commandInfo[type].roles as readonly string[]).includes(role)) continue;
        const r = h.reject(who, SAMPLES[type], 'forbidden');
        expect(r.message).toContain(type);
        refusals++;
      }
    // Evaluators and observers write nothing at all.
    expect(refusals).toBeGreaterThanOrEqual(2 * COMMAND_TYPES.length);
  });

  it('a nation actor must play a nation of this exercise', () => {
    const h = harness();
    h.advanceTo(1, 'submit');
    const nationCommands = COMMAND_TYPES.filter((t) => (commandInfo[t].roles as readonly string[]).includes('nation'));
    expect(nationCommands.length).toBeGreaterThan(3);
    for (const who of [nationActor('DRX'), nationActor('ZZZ'), { ...ARN, nation: null }])
      for (const t of nationCommands) h.reject(who, SAMPLES[t], 'forbidden');
  });
});

describe('command ids', () => {
  it('a repeated id is a duplicate: nothing new happens and the original events are named', () => {
    const h = harness();
    const events = h.ok(facilitator, withId(SAMPLES['exercise.start'], 'go'));
    const first = events[0]!.seq;
    const last = events.at(-1)!.seq;
    expect(lookupCommand(h.state.commands, commandKey(facilitator, 'go'))).toEqual([first, last]);
    const before = structuredClone(h.state);
    const again = h.send(facilitator, withId(SAMPLES['exercise.start'], 'go'));
    expect(again).toEqual({ ok: true, events: [], duplicate: true, seqs: [first, last] });
    // Whatever the retry says, the id is what counts.
    expect(h.send(facilitator, withId(SAMPLES['phase.advance'], 'go'))).toMatchObject({ ok: true, duplicate: true, seqs: [first, last] });
    expect(h.state).toEqual(before);
  });

  it('a sender who may not send the command is refused even when it reuses an applied id', () => {
    const h = harness();
    h.ok(facilitator, withId(SAMPLES['exercise.start'], 'go'));
    for (const who of [observer, evaluator, ARN]) {
      const r = h.reject(who, withId(SAMPLES['exercise.start'], 'go'), 'forbidden');
      expect(r.message).not.toMatch(/\d+/);
    }
    h.reject(nationActor('DRX'), withId(SAMPLES['message.send'], 'go'), 'forbidden');
  });

  it('ids belong to their sender: the same id from another participant is another command', () => {
    const h = harness();
    h.start();
    const [a] = h.ok(ARN, withId(SAMPLES['message.send'], 'n1'));
    const [b] = h.ok(BRV, withId(SAMPLES['message.send'], 'n1'));
    expect(b!.seq).toBe(a!.seq + 1);
    const arn2 = { ...ARN, participant: 'p_second_arn_seat' };
    const [c] = h.ok(arn2, withId(SAMPLES['message.send'], 'n1'));
    expect(c!.seq).toBe(b!.seq + 1);
    expect(h.send(ARN, withId(SAMPLES['message.send'], 'n1'))).toMatchObject({ ok: true, duplicate: true, seqs: [a!.seq, a!.seq] });
  });

  it('a refused command does not use up its id', () => {
    const h = harness();
    h.start();
    h.reject(ARN, { ...SAMPLES['message.send'], to: ['DRX'], id: 'm1' }, 'unknown_nation');
    expect(lookupCommand(h.state.commands, commandKey(ARN, 'm1'))).toBeUndefined();
    const [e] = h.ok(ARN, withId(SAMPLES['message.send'], 'm1'));
    expect(lookupCommand(h.state.commands, commandKey(ARN, 'm1'))).toEqual([e!.seq, e!.seq]);
  });

  it('ids that look like prototype properties are ordinary ids', () => {
    const h = harness();
    h.start();
    for (const id of ['constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      const d = h.run(ARN, withId(SAMPLES['message.send'], id));
      expect(d).toMatchObject({ ok: true, duplicate: false });
    }
    expect(h.state.messages).toHaveLength(4);
  });
});

describe('events', () => {
  it('are stamped with consecutive seqs, the server time, the command id and the sender', () => {
    const h = harness();
    h.advanceTo(1, 'consult');
    const seq = h.state.seq;
    const at = h.clock;
    const d = decide(h.state, { command: withId(SAMPLES['inject.create'], 'adhoc1'), actor: facilitator, at });
    expect(d.ok && !d.duplicate).toBe(true);
    if (!d.ok || d.duplicate) return;
    expect(d.events.map((e) => [e.seq, e.at, e.cmd, e.by])).toEqual([
      [seq + 1, at, 'adhoc1', facilitator],
      [seq + 2, at, 'adhoc1', facilitator],
    ]);
  });

  it('the live state equals the fold of the log', () => {
    const h = play();
    expect(fold(h.log)).toEqual(h.state);
    expect(JSON.stringify(fold(h.log))).toBe(JSON.stringify(h.state));
  });
});

/** A game with something of everything, ending in turn 2 adjudicate. */
function play(): Harness {
  const h = harness();
  h.advanceTo(1, 'consult');
  h.ok(ARN, { type: 'message.send', to: ['BRV'], body: 'Consult?' });
  h.ok(facilitator, { type: 'message.send', to: ['CSM'], body: 'Comment?', persona: 'harbour-herald' });
  h.ok(BRV, { type: 'inject.acknowledge', inject: 'hw-inj-02' });
  h.ok(ARN, { type: 'nation.ready', ready: true });
  h.advanceTo(1, 'submit');
  const a = only(
    h.ok(BRV, {
      type: 'action.submit',
      actionType: 'military',
      title: 'Escort',
      text: 'Escort',
      regions: ['grey-sound'],
      assets: ['brv-frigates'],
    }),
    'action.submitted',
  ).id;
  h.ok(CSM, { type: 'action.submit', actionType: 'cyber', title: 'Isolate', text: 'Isolate systems', regions: ['harbour-net'] });
  h.ok(facilitator, { type: 'action.submit', as: 'DRX', actionType: 'cyber', title: 'Implant', text: 'Trigger' });
  h.ok(facilitator, { type: 'exercise.pause' });
  h.tick(120_000);
  h.ok(facilitator, { type: 'exercise.resume' });
  h.advanceTo(1, 'adjudicate');
  h.ok(facilitator, { type: 'dice.roll', purpose: 'escort' });
  h.ok(facilitator, {
    type: 'adjudication.record',
    actions: [a],
    title: 'Escort works',
    outcome: 'Ferries sail.',
    rationale: 'Good roll',
    effects: [
      { kind: 'region', region: 'grey-sound', stability: 60 },
      { kind: 'asset', asset: 'drx-submarine', hidden: false },
    ],
    visibleTo: ['BRV'],
  });
  h.ok(facilitator, { type: 'inject.hold', inject: 'hw-inj-07' });
  h.ok(facilitator, {
    type: 'inject.create',
    from: 'harbour-herald',
    to: ['BRV'],
    channel: 'email',
    subject: 'Later',
    message: 'Later',
    release: { turn: 2, phase: 'consult' },
  });
  h.advanceTo(2, 'submit');
  h.ok(facilitator, { type: 'phase.extend', minutes: 10 });
  h.ok(facilitator, { type: 'phase.restart' });
  h.ok(ARN, { type: 'action.submit', actionType: 'diplomatic', title: 'Protest', text: 'Protest', regions: ['grey-sound'] });
  h.advanceTo(2, 'adjudicate');
  return h;
}

describe('purity', () => {
  it('every rejection leaves the state deep-equal to before', () => {
    const h = play();
    const refusals: Array<[Actor, Record<string, unknown>]> = [
      [facilitator, { ...SAMPLES['exercise.start'] }],
      [facilitator, { ...SAMPLES['exercise.resume'] }],
      [ARN, { ...SAMPLES['action.submit'] }],
      [ARN, { ...SAMPLES['nation.ready'], ready: false }],
      [BRV, { ...SAMPLES['inject.acknowledge'], inject: 'hw-inj-05' }],
      [facilitator, { ...SAMPLES['inject.release'], inject: 'hw-inj-01' }],
      [
        facilitator,
        {
          ...SAMPLES['adjudication.record'],
          effects: [
            { kind: 'region', region: 'grey-sound', stability: 10 },
            { kind: 'asset', asset: 'nope', strength: 1 },
          ],
        },
      ],
      [
        facilitator,
        { ...SAMPLES['adjudication.record'], effects: [{ kind: 'region', region: 'grey-sound', controller: 'BRV' }], visibleTo: ['DRX'] },
      ],
      [facilitator, { ...SAMPLES['inject.create'], release: { turn: 1, phase: 'brief' } }],
      [CSM, { ...SAMPLES['message.send'], to: ['CSM'] }],
      [observer, { ...SAMPLES['message.send'] }],
      [facilitator, { type: 'phase.advance', expect: { turn: 1, phase: 'brief' } }],
      [facilitator, { type: 'no.such.command' }],
      [facilitator, { type: 'dice.roll', purpose: 'p', sides: 0 }],
    ];
    for (const [who, command] of refusals) {
      const before = structuredClone(h.state);
      const d = h.send(who, { ...command, id: h.nextId() });
      expect(d.ok).toBe(false);
      expect(h.state).toEqual(before);
    }
  });

  it('decide never writes to the state: commands of every kind, run against a deep-frozen state', () => {
    const snapshots: Array<[string, Harness]> = [];
    const setup = harness();
    snapshots.push(['setup', setup]);
    const brief = harness();
    brief.start();
    snapshots.push(['turn 1 brief', brief]);
    const submit = harness();
    submit.advanceTo(1, 'submit');
    snapshots.push(['turn 1 submit', submit]);
    snapshots.push(['turn 2 adjudicate', play()]);
    const deadline = harness();
    deadline.advanceTo(2, 'submit');
    deadline.ok(BRV, { type: 'action.submit', actionType: 'military', title: 'Escort', text: 'Escort', regions: ['grey-sound'] });
    deadline.advanceTo(2, 'outcome');
    snapshots.push(['turn 2 outcome, contingency due', deadline]);
    const paused = play();
    paused.ok(facilitator, { type: 'exercise.pause' });
    snapshots.push(['paused', paused]);
    const ended = play();
    ended.ok(facilitator, { type: 'exercise.end', reason: 'ENDEX' });
    snapshots.push(['ended', ended]);

    const who: Actor[] = [facilitator, ARN, BRV, CSM, evaluator, observer, nationActor('DRX')];
    const extra = (h: Harness): Draft[] => [
      { type: 'phase.advance', expect: { turn: Math.max(1, h.state.turn), phase: h.phase ?? 'brief' } },
      {
        type: 'action.submit',
        as: 'DRX',
        actionType: 'military',
        title: 'Probe',
        text: 'Probe',
        regions: ['grey-sound'],
        assets: ['drx-submarine'],
      },
      {
        type: 'action.submit',
        actionType: 'military',
        title: 'Escort',
        text: 'Escort',
        regions: ['grey-sound', 'grey-sound'],
        assets: ['brv-frigates'],
      },
      ...h.state.actionOrder.map((action): Draft => ({ type: 'action.withdraw', action })),
      {
        type: 'adjudication.record',
        actions: h.state.actionOrder.filter((id) => h.state.actions[id]?.status === 'submitted'),
        title: 'All settled',
        outcome: 'Everything is settled.',
        effects: [
          { kind: 'region', region: 'grey-sound', controller: 'DRX', stability: 10 },
          { kind: 'asset', asset: 'drx-submarine', hidden: false, region: 'drex-march', strength: 5, readiness: 'limited' },
        ],
        visibleTo: ['CSM', 'ARN', 'CSM'],
      },
      { type: 'dice.roll', sides: 20, count: 20, purpose: 'many' },
      {
        type: 'inject.create',
        from: 'drx-foreign-office',
        to: ['ARN', 'BRV'],
        positions: ['fm'],
        channel: 'cable',
        subject: 'Later',
        message: 'Later',
        release: { turn: 3, phase: 'outcome' },
      },
      { type: 'message.send', to: ['ALL', 'CSM'], body: 'all' },
      { type: 'message.send', to: ['BRV'], body: 'as persona', persona: 'compact-secretariat' },
      ...['hw-inj-01', 'hw-inj-02', 'hw-inj-03', 'hw-inj-04', 'hw-inj-06'].flatMap((inject): Draft[] => [
        { type: 'inject.acknowledge', inject },
        { type: 'inject.hold', inject },
        { type: 'inject.skip', inject },
        { type: 'inject.schedule', inject },
        { type: 'inject.release', inject },
      ]),
    ];

    let accepted = 0;
    for (const [label, h] of snapshots) {
      const reference = structuredClone(h.state);
      const frozen = deepFreeze(structuredClone(h.state));
      const commands = [...samples(), ...extra(h)];
      for (const [i, command] of commands.entries())
        for (const actor of who) {
          const envelope = { command: withId(command, `f${i}`), actor, at: h.clock };
          let onFrozen: Decision | undefined;
          expect(() => {
            onFrozen = decide(frozen, envelope);
          }, `${label}: ${command.type} by ${actor.name}`).not.toThrow();
          expect(onFrozen).toEqual(decide(structuredClone(reference), envelope));
          if (onFrozen?.ok && !onFrozen.duplicate) {
            accepted++;
            // The events fold cleanly into a copy.
            const copy: ExerciseState = structuredClone(reference);
            for (const e of onFrozen.events) evolve(copy, e);
          }
        }
      expect(frozen).toEqual(reference);
    }
    // The run exercised the accepting paths, not only refusals.
    expect(accepted).toBeGreaterThan(50);
  });
});
