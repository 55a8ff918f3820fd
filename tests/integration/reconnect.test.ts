/**
 * Reconnection after a network drop, and recovery after a clean server restart: the same tokens
 * work, the restored state equals the state before, and play carries on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/src/server.ts';
import { RecordingWebSocket } from './record-frames.ts';
import { api, bootServer, codeFor, connect, createExercise, join, sleep, tempDir } from './support.ts';

let dir: Awaited<ReturnType<typeof tempDir>>;
let server: RunningServer;

beforeAll(async () => {
  dir = await tempDir();
  server = await bootServer({ dataDir: dir.path });
});
afterAll(async () => {
  await server.close();
  await dir.remove();
});

describe('reconnection', () => {
  it('a dropped client reconnects by itself and catches up on what it missed', async () => {
    const ex = await createExercise(server.url);
    const fac = await connect(server.url, await join(server.url, codeFor(ex, 'facilitator'), 'Control'));
    const brv = await connect(server.url, await join(server.url, codeFor(ex, 'nation', 'BRV'), 'Bea'));
    expect((await fac.send({ type: 'exercise.start' })).ok).toBe(true);
    await brv.waitFor((v) => v.exercise.status === 'running');

    let reconnected = false;
    brv.room.onReconnect(() => {
      reconnected = true;
    });
    // Cut BRV's socket the way a flaky network would (a close the SDK treats as a drop).
    const brvSocket = RecordingWebSocket.openSocketOf(brv.joined.token);
    expect(brvSocket).toBeDefined();
    brvSocket!.close(4010, 'network drop');
    await sleep(100);
    // While BRV is away, control moves the exercise on.
    expect((await fac.send({ type: 'phase.advance' })).ok).toBe(true);
    const v = await brv.waitFor((view) => view.exercise.phase === 'consult', 8000);
    expect(reconnected).toBe(true);
    expect(v.exercise.seq).toBe(fac.view().exercise.seq);
    // And it can act again on the same session.
    const r = await brv.send({ type: 'message.send', to: ['ARN'], body: 'Back online.' });
    expect(r.ok).toBe(true);
  });
});

describe('restart recovery', () => {
  it('a restarted server restores the exercise, accepts the same tokens, and play goes on', async () => {
    const ex = await createExercise(server.url, 'harbour-watch', 9);
    const facJoin = await join(server.url, codeFor(ex, 'facilitator'), 'Control');
    const arnJoin = await join(server.url, codeFor(ex, 'nation', 'ARN'), 'Ari', 'dm');
    const fac = await connect(server.url, facJoin);
    const arn = await connect(server.url, arnJoin);
    await fac.send({ type: 'exercise.start' });
    for (let i = 0; i < 6; i++) await fac.send({ type: 'phase.advance' }); // turn 2 consult (a snapshot was taken at turn 2)
    expect(await arn.send({ type: 'message.send', to: ['CSM'], body: 'Before the restart.' })).toMatchObject({ ok: true });
    await arn.waitFor((v) => v.messages.some((m) => m.body === 'Before the restart.'));
    const before = await api<{ seq: number; view: unknown }>(server.url, 'GET', `/exercises/${ex.id}/state`, undefined, facJoin.token);
    const arnBefore = JSON.stringify(arn.view());

    const port = server.port;
    await server.close();
    server = await bootServer({ dataDir: dir.path, port });

    const after = await api<{ seq: number; view: unknown }>(server.url, 'GET', `/exercises/${ex.id}/state`, undefined, facJoin.token);
    expect(after.status).toBe(200);
    expect(after.body).toEqual(before.body);

    const arn2 = await connect(server.url, arnJoin);
    expect(JSON.stringify(arn2.view())).toBe(arnBefore);
    const fac2 = await connect(server.url, facJoin);
    const r = await fac2.send({ type: 'phase.advance' });
    expect(r.ok).toBe(true);
    await arn2.waitFor((v) => v.exercise.phase === 'submit' && v.exercise.turn === 2);
    expect((await arn2.send({ type: 'message.send', to: ['CSM'], body: 'After the restart.' })).ok).toBe(true);
  });
});
