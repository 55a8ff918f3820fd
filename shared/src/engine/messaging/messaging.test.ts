/**
 * Messaging: bilateral and multilateral channels between allied nations; the white cell may post
 * as a persona.
 */
import { describe, expect, it } from 'vitest';
import { actors, harness, nationActor, ofType } from '../../../../tests/helpers/harness.ts';
import { channelId } from './decide.ts';

const { facilitator, evaluator, observer, ARN, BRV, CSM } = actors;

describe('message.send', () => {
  it('bilateral: the sender and one other nation, with who, where and when', () => {
    const h = harness();
    h.advanceTo(1, 'consult');
    const seq = h.state.seq;
    const at = h.clock;
    const [e] = ofType(
      h.ok(ARN, { type: 'message.send', to: ['BRV'], subject: 'Periscope', body: 'Do you confirm the sighting?' }),
      'message.sent',
    );
    expect(e).toMatchObject({
      id: `M${seq + 1}`,
      turn: 1,
      members: ['ARN', 'BRV'],
      counterpart: null,
      from: { nation: 'ARN', persona: null, position: 'hog', name: 'Arnholm Prime Minister' },
      subject: 'Periscope',
      body: 'Do you confirm the sighting?',
    });
    expect(h.state.messages).toEqual([
      {
        id: `M${seq + 1}`,
        seq: seq + 1,
        at,
        turn: 1,
        from: { nation: 'ARN', persona: null, position: 'hog', name: 'Arnholm Prime Minister' },
        members: ['ARN', 'BRV'],
        counterpart: null,
        channel: 'ARN+BRV',
        subject: 'Periscope',
        body: 'Do you confirm the sighting?',
      },
    ]);
  });

  it('the same pair makes the same channel whoever writes', () => {
    const h = harness();
    h.start();
    h.ok(ARN, { type: 'message.send', to: ['BRV'], body: 'one' });
    h.ok(BRV, { type: 'message.send', to: ['ARN'], body: 'two' });
    expect(h.state.messages.map((m) => m.channel)).toEqual(['ARN+BRV', 'ARN+BRV']);
  });

  it('multilateral and ALL: members sorted, duplicates collapsed', () => {
    const h = harness();
    h.start();
    h.ok(CSM, { type: 'message.send', to: ['BRV', 'ARN', 'BRV'], body: 'three-way' });
    h.ok(BRV, { type: 'message.send', to: ['ALL'], body: 'to everyone' });
    h.ok(BRV, { type: 'message.send', to: ['ALL', 'CSM', 'BRV'], body: 'to everyone again' });
    for (const m of h.state.messages) {
      expect(m.members).toEqual(['ARN', 'BRV', 'CSM']);
      expect(m.channel).toBe('ARN+BRV+CSM');
    }
  });

  it('needs at least one other nation, a persona or exercise control', () => {
    const h = harness();
    h.start();
    expect(h.reject(ARN, { type: 'message.send', to: ['ARN'], body: 'talking to myself' }, 'no_recipient').path).toBe('to');
    expect(h.reject(ARN, { type: 'message.send', to: [], body: 'nobody' }, 'no_recipient').path).toBe('to');
    expect(h.reject(facilitator, { type: 'message.send', body: 'nobody' }, 'no_recipient').path).toBe('to');
  });

  it('refuses nations that are not allies in this exercise, naming the entry', () => {
    const h = harness();
    h.start();
    expect(h.reject(ARN, { type: 'message.send', to: ['BRV', 'DRX'], body: 'hello adversary' }, 'unknown_nation').path).toBe('to[1]');
    expect(h.reject(ARN, { type: 'message.send', to: ['ZZZ'], body: 'hello?' }, 'unknown_nation').path).toBe('to[0]');
    h.reject(ARN, { type: 'message.send', to: ['brv'], body: 'lower case' }, 'malformed');
  });

  it("the white cell writes as a persona, on that persona's thread", () => {
    const h = harness();
    h.start();
    const [e] = ofType(
      h.ok(facilitator, {
        type: 'message.send',
        to: ['BRV', 'CSM'],
        subject: 'Interview request',
        body: 'Will you comment?',
        persona: 'harbour-herald',
      }),
      'message.sent',
    );
    // Players see the persona's name; the staffer who wrote it stays in the audit trail (event.by).
    expect(e).toMatchObject({
      members: ['BRV', 'CSM'],
      counterpart: { kind: 'persona', persona: 'harbour-herald' },
      from: { nation: null, persona: 'harbour-herald', position: null, name: 'The Harbour Herald' },
    });
    expect(e?.by.name).toBe('White Cell Lead');
    expect(h.state.messages[0]?.channel).toBe('BRV+CSM@harbour-herald');
    expect(h.reject(facilitator, { type: 'message.send', to: ['BRV'], body: 'x', persona: 'ghost' }, 'unknown_persona').path).toBe(
      'persona',
    );
  });

  it('a nation answers a persona on its thread, alone or with the others on it, and never as the persona', () => {
    const h = harness();
    h.start();
    h.ok(facilitator, { type: 'message.send', to: ['BRV', 'CSM'], body: 'Comment?', persona: 'harbour-herald' });
    const [reply] = ofType(
      h.ok(BRV, { type: 'message.send', to: ['CSM'], body: 'No comment.', persona: 'harbour-herald' }),
      'message.sent',
    );
    expect(reply).toMatchObject({
      members: ['BRV', 'CSM'],
      counterpart: { kind: 'persona', persona: 'harbour-herald' },
      from: { nation: 'BRV', persona: null, name: 'Bravaria Defence Minister' },
    });
    const [alone] = ofType(h.ok(ARN, { type: 'message.send', body: 'Off the record…', persona: 'harbour-herald' }), 'message.sent');
    expect(alone).toMatchObject({ members: ['ARN'], counterpart: { kind: 'persona', persona: 'harbour-herald' } });
    expect(h.state.messages.map((m) => m.channel)).toEqual(['BRV+CSM@harbour-herald', 'BRV+CSM@harbour-herald', 'ARN@harbour-herald']);
    expect(h.reject(ARN, { type: 'message.send', body: 'x', persona: 'ghost' }, 'unknown_persona').path).toBe('persona');
    h.reject(ARN, { type: 'message.send', body: 'x', persona: 'harbour-herald', control: true }, 'two_counterparts');
  });

  it("a team writes to exercise control, and control answers on the team's thread", () => {
    const h = harness();
    h.start();
    const [q] = ofType(h.ok(CSM, { type: 'message.send', body: 'May we see the rules of engagement?', control: true }), 'message.sent');
    expect(q).toMatchObject({ members: ['CSM'], counterpart: { kind: 'control' }, from: { nation: 'CSM' } });
    h.ok(facilitator, { type: 'message.send', to: ['CSM'], body: 'Yes: see your brief, annex C.' });
    expect(h.state.messages.map((m) => m.channel)).toEqual(['CSM@control', 'CSM@control']);
  });

  it('evaluators, observers and non-allied teams cannot write', () => {
    const h = harness();
    h.start();
    for (const who of [evaluator, observer, nationActor('DRX')])
      h.reject(who, { type: 'message.send', to: ['ARN'], body: 'hi' }, 'forbidden');
  });

  it('needs a started exercise; talk goes on while paused; not after the end', () => {
    const h = harness();
    h.reject(ARN, { type: 'message.send', to: ['BRV'], body: 'early' }, 'not_started');
    h.start();
    h.ok(facilitator, { type: 'exercise.pause' });
    h.ok(ARN, { type: 'message.send', to: ['BRV'], body: 'during the pause' });
    h.ok(facilitator, { type: 'exercise.end', reason: 'ENDEX' });
    h.reject(ARN, { type: 'message.send', to: ['BRV'], body: 'late' }, 'ended');
  });

  it('bounds the body and subject', () => {
    const h = harness();
    h.start();
    h.reject(ARN, { type: 'message.send', to: ['BRV'], body: '' }, 'malformed');
    expect(h.reject(ARN, { type: 'message.send', to: ['BRV'], body: 'x'.repeat(4001) }, 'malformed').path).toBe('body');
    expect(h.reject(ARN, { type: 'message.send', to: ['BRV'], body: 'x', subject: 's'.repeat(201) }, 'malformed').path).toBe('subject');
    h.ok(ARN, { type: 'message.send', to: ['BRV'], body: 'x'.repeat(4000), subject: 's'.repeat(200) });
  });

  it('records the turn it was sent in', () => {
    const h = harness();
    h.advanceTo(2, 'consult');
    h.ok(BRV, { type: 'message.send', to: ['CSM'], body: 'turn two' });
    expect(h.state.messages[0]?.turn).toBe(2);
  });
});

describe('channelId', () => {
  it('is the sorted members joined by "+" and does not reorder its input', () => {
    const members = ['CSM', 'ARN'];
    expect(channelId(members)).toBe('ARN+CSM');
    expect(members).toEqual(['CSM', 'ARN']);
    expect(channelId(['BRV'])).toBe('BRV');
  });
});
