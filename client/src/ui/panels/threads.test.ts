import { describe, expect, it } from 'vitest';
import { channelId, parseCommand } from '@concord/shared/engine/index';
import { CONTROL, nationAudience, project } from '@concord/shared/views/index';
import { actors, harness, only } from '../../../../tests/helpers/harness.ts';
import { replyAddress, threadId, threadOf, threadsOf, threadTitle, type Address } from './threads.ts';

const { ARN, BRV, CSM, facilitator } = actors;
const NATIONS = ['ARN', 'BRV', 'CSM'];

describe('message threads', () => {
  it('names channels as the engine does', () => {
    for (const [members, cp] of [
      [['CSM', 'ARN'], null],
      [['BRV'], { kind: 'persona', persona: 'harbour-herald' }],
      [['CSM'], { kind: 'control' }],
    ] as const)
      expect(threadId(members, cp)).toBe(channelId(members, cp));
  });

  it('gives a team its persona threads by the persona, and a thread with exercise control even before anyone writes', () => {
    const h = harness();
    h.start();
    h.ok(facilitator, { type: 'message.send', to: ['BRV', 'CSM'], persona: 'harbour-herald', body: 'Any comment on the drills?' });
    const view = project(h.state, nationAudience('CSM'));
    const threads = threadsOf(view, 'CSM');
    expect(threads.map((t) => [t.id, t.kind, t.count])).toEqual([
      ['BRV+CSM@harbour-herald', 'persona', 1],
      ['CSM@control', 'control', 0],
    ]);
    const herald = view.personas.find((p) => p.id === 'harbour-herald')!;
    expect(threadTitle(view, threads[0]!, 'CSM')).toEqual({
      title: herald.name,
      detail: [herald.affiliation, 'with Bravaria'].filter(Boolean).join(' · '),
    });
    expect(threadTitle(view, threads[1]!, 'CSM')).toEqual({ title: 'Exercise control', detail: 'The white cell' });
    expect(threadTitle(view, { kind: 'nations', members: ['ARN', 'CSM'], persona: null }, 'CSM')).toEqual({
      title: 'Arnholm',
      detail: 'Bilateral',
    });
  });

  /** Send as the engine would receive it from the panel: the draft must parse, be accepted, and land where the panel expects. */
  const sendAs = (h: ReturnType<typeof harness>, actor: (typeof actors)[keyof typeof actors], self: string | null, a: Address) => {
    const draft = { type: 'message.send' as const, subject: '', body: 'Reply', ...a };
    expect(parseCommand({ id: h.nextId(), ...draft }).ok).toBe(true);
    const sent = only(h.ok(actor, draft), 'message.sent');
    expect(h.state.messages.at(-1)?.channel).toBe(threadOf(a, self, NATIONS));
    return sent;
  };

  it('replies in a persona thread to the persona and the other nations on it, even when there are none', () => {
    const h = harness();
    h.start();
    h.ok(facilitator, { type: 'message.send', to: ['BRV', 'CSM'], persona: 'harbour-herald', body: 'Comment?' });
    h.ok(facilitator, { type: 'message.send', to: ['CSM'], persona: 'drx-foreign-office', body: 'A warning.' });
    const threads = threadsOf(project(h.state, nationAudience('CSM')), 'CSM');
    const herald = threads.find((t) => t.persona === 'harbour-herald')!;
    const drx = threads.find((t) => t.persona === 'drx-foreign-office')!;
    expect(replyAddress(herald, 'CSM')).toEqual({ to: ['BRV'], persona: 'harbour-herald' });
    expect(replyAddress(drx, 'CSM')).toEqual({ to: [], persona: 'drx-foreign-office' });
    const a = sendAs(h, CSM, 'CSM', replyAddress(herald, 'CSM'));
    expect(a.from).toMatchObject({ nation: 'CSM', persona: null });
    sendAs(h, CSM, 'CSM', replyAddress(drx, 'CSM'));
    // Bravaria reads Cosmara's answer on the thread it shares with the Herald.
    const brv = project(h.state, nationAudience('BRV'));
    expect(brv.messages.filter((m) => m.channel === 'BRV+CSM@harbour-herald').map((m) => m.body)).toEqual(['Comment?', 'Reply']);
  });

  it('lets a team write to exercise control, and control answer on that thread as itself', () => {
    const h = harness();
    h.start();
    const own = threadsOf(project(h.state, nationAudience('ARN')), 'ARN').find((t) => t.kind === 'control')!;
    expect(replyAddress(own, 'ARN')).toEqual({ to: [], control: true });
    sendAs(h, ARN, 'ARN', replyAddress(own, 'ARN'));
    const control = project(h.state, CONTROL);
    const seen = threadsOf(control, null);
    expect(seen.map((t) => t.id)).toEqual(['ARN@control']);
    expect(threadTitle(control, seen[0]!, null).title).toBe('Arnholm — exercise control');
    expect(replyAddress(seen[0]!, null)).toEqual({ to: ['ARN'] });
    const answer = sendAs(h, facilitator, null, replyAddress(seen[0]!, null));
    expect(answer.counterpart).toEqual({ kind: 'control' });
    expect(project(h.state, nationAudience('BRV')).messages).toEqual([]);
  });

  it('lets control write as a persona on a thread between nations, and nations talk among themselves', () => {
    const h = harness();
    h.start();
    sendAs(h, BRV, 'BRV', { to: ['ARN'] });
    const t = threadsOf(project(h.state, CONTROL), null)[0]!;
    expect(t.kind).toBe('nations');
    expect(replyAddress(t, null, 'compact-secretariat')).toEqual({ to: ['ARN', 'BRV'], persona: 'compact-secretariat' });
    const as = sendAs(h, facilitator, null, replyAddress(t, null, 'compact-secretariat'));
    expect(as.from).toMatchObject({ nation: null, persona: 'compact-secretariat' });
    expect(replyAddress(t, null)).toEqual({ to: ['ARN', 'BRV'] });
  });
});
