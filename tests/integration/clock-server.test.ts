/**
 * The clock on the real server: an uploaded harbour-watch with one-minute phases and auto-advance
 * on, real SDK clients, and the server's injectable `now` moved forward by the test (the timers
 * stay real). The deadline ends the phase by itself, a pause shifts it, no client can send the
 * tick, a restart fires an overdue deadline exactly once, and the replay of the log equals the
 * live state.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/src/server.ts';
import type { EngineEvent } from '../../shared/src/engine/index.ts';
import { parseJsonl, Replay } from '../../shared/src/replay/index.ts';
import { CONTROL, nationAudience, project } from '../../shared/src/views/index.ts';
import { api, bootServer, codeFor, connect, join, sleep, tempDir, type Created } from './support.ts';

const MINUTE = 60_000;
/** How far the test has moved the server's clock ahead of the wall clock. */
let offset = 0;
const now = () => Date.now() + offset;

let dir: Awaited<ReturnType<typeof tempDir>>;
let server: RunningServer;

beforeAll(async () => {
  dir = await tempDir();
  server = await bootServer({ dataDir: dir.path, now });
});
afterAll(async () => {
  await server.close();
  await dir.remove();
});

/** harbour-watch with every phase one minute long and auto-advance on. */
function shortPhases(): unknown {
  const doc = JSON.parse(readFileSync(new URL('../../scenarios/harbour-watch.json', import.meta.url), 'utf8')) as {
    meta: { id: string };
    clock: { autoAdvance?: boolean; phases: Array<{ durationMinutes: number }> };
  };
  doc.meta.id = 'harbour-watch-fast';
  doc.clock.autoAdvance = true;
  for (const p of doc.clock.phases) p.durationMinutes = 1;
  return doc;
}

async function log(exerciseId: string, token: string): Promise<EngineEvent[]> {
  const r = await api<string>(server.url, 'GET', `/exercises/${exerciseId}/log`, undefined, token);
  expect(r.status).toBe(200);
  const parsed = parseJsonl(r.body);
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return parsed.events;
}

const systemPhaseStarts = (events: readonly EngineEvent[]) =>
  events.filter((e): e is Extract<EngineEvent, { type: 'phase.started' }> => e.type === 'phase.started' && e.by.role === 'system');

describe('the clock on the real server', () => {
  it('ends phases at their deadline, shifts them by a pause, and after a restart fires an overdue deadline once', async () => {
    const created = await api<Created>(server.url, 'POST', '/exercises', { scenario: shortPhases(), seed: 5 });
    expect(created.status).toBe(201);
    const ex = created.body;
    const facJoin = await join(server.url, codeFor(ex, 'facilitator'), 'Control');
    const arnJoin = await join(server.url, codeFor(ex, 'nation', 'ARN'), 'Ari', 'fm');
    const fac = await connect(server.url, facJoin);
    const arn = await connect(server.url, arnJoin);
    expect(fac.view().exercise.autoAdvance).toBe(true);
    expect(arn.view().exercise.autoAdvance).toBe(true);

    expect(await fac.send({ type: 'exercise.start' })).toMatchObject({ ok: true });
    const started = await arn.waitFor((v) => v.exercise.status === 'running');
    const d0 = started.exercise.deadline ?? 0;
    expect(d0).toBe((started.exercise.phaseStartedAt ?? 0) + MINUTE);

    // A pause of ten minutes (on the server's clock) moves the deadline ten minutes later.
    expect(await fac.send({ type: 'exercise.pause', reason: 'Coffee' })).toMatchObject({ ok: true });
    offset += 10 * MINUTE;
    expect(await fac.send({ type: 'exercise.resume' })).toMatchObject({ ok: true });
    const resumed = (await log(ex.id, facJoin.token)).find((e) => e.type === 'exercise.resumed');
    if (resumed?.type !== 'exercise.resumed') throw new Error('no exercise.resumed in the log');
    expect(resumed.pausedMs).toBeGreaterThanOrEqual(10 * MINUTE);
    const d1 = d0 + resumed.pausedMs;
    const afterPause = await arn.waitFor((v) => v.exercise.status === 'running');
    expect(afterPause.exercise.deadline).toBe(d1);
    expect(afterPause.exercise.phase).toBe('brief');

    // Bring the clock to 300 ms before the deadline. The timer was set for the old distance, so
    // turn auto-advance off and on (each applied command sets the timer again from `now`).
    offset += d1 - now() - 300;
    expect(await fac.send({ type: 'clock.auto', on: false })).toMatchObject({ ok: true });
    expect((await arn.waitFor((v) => !v.exercise.autoAdvance)).exercise.phase).toBe('brief');
    expect(await fac.send({ type: 'clock.auto', on: true })).toMatchObject({ ok: true });
    const consult = await arn.waitFor((v) => v.exercise.phase === 'consult', 5000);
    const fired = systemPhaseStarts(await log(ex.id, facJoin.token));
    expect(fired).toHaveLength(1);
    expect(fired[0]).toMatchObject({ phase: 'consult', cmd: expect.stringMatching(/^tick-\d+$/) as unknown, by: { role: 'system' } });
    expect(fired[0]!.at).toBeGreaterThanOrEqual(d1);
    expect(fired[0]!.at).toBeLessThan(d1 + 2_000);
    const d2 = fired[0]!.deadline;
    expect(d2).toBe(fired[0]!.at + MINUTE);
    // Everyone counts down to the same deadline.
    expect(consult.exercise.deadline).toBe(d2);
    expect((await fac.waitFor((v) => v.exercise.phase === 'consult')).exercise.deadline).toBe(d2);

    // No client sends as the clock, whatever its role; nothing changes.
    const seq = fac.view().exercise.seq;
    expect(await arn.send({ type: 'clock.tick' })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await fac.send({ type: 'clock.tick' })).toMatchObject({ ok: false, code: 'forbidden' });
    await sleep(100);
    expect(fac.view().exercise.seq).toBe(seq);
    expect((await log(ex.id, facJoin.token)).at(-1)?.seq).toBe(seq);

    // The server is down for three minutes past the consult deadline (three phase lengths).
    const port = server.port;
    await fac.room.leave();
    await arn.room.leave();
    await server.close();
    offset += d2 - now() + 3 * MINUTE;
    const restartedAt = now();
    server = await bootServer({ dataDir: dir.path, port, now });

    const fac2 = await connect(server.url, facJoin);
    await fac2.waitFor((v) => v.exercise.phase === 'submit', 5000);
    await sleep(300); // time for any further (wrong) tick to happen
    const events = await log(ex.id, facJoin.token);
    const afterRestart = systemPhaseStarts(events).filter((e) => e.at >= restartedAt);
    expect(afterRestart).toHaveLength(1);
    expect(afterRestart[0]).toMatchObject({ phase: 'submit', turn: 1, phaseIndex: 2 });
    expect(afterRestart[0]!.deadline).toBe(afterRestart[0]!.at + MINUTE);
    expect(fac2.view().exercise).toMatchObject({ phase: 'submit', turn: 1, deadline: afterRestart[0]!.deadline });

    // The replay of the log is the live state, for control and for a nation.
    const replay = new Replay(events);
    const state = await api<{ seq: number; view: unknown }>(server.url, 'GET', `/exercises/${ex.id}/state`, undefined, facJoin.token);
    expect(state.body.seq).toBe(replay.lastSeq);
    expect(state.body.view).toEqual(JSON.parse(JSON.stringify(project(replay.final, CONTROL))));
    const arnState = await api<{ view: unknown }>(server.url, 'GET', `/exercises/${ex.id}/state?as=ARN`, undefined, facJoin.token);
    expect(arnState.body.view).toEqual(JSON.parse(JSON.stringify(project(replay.final, nationAudience('ARN')))));
    await fac2.room.leave();
  });
});
