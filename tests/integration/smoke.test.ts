import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootServer, codeFor, connect, createExercise, join, tempDir } from './support.ts';
import type { RunningServer } from '../../server/src/server.ts';

let server: RunningServer;
let dir: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  dir = await tempDir();
  server = await bootServer({ dataDir: dir.path });
});
afterAll(async () => {
  await server.close();
  await dir.remove();
});

describe('smoke', () => {
  it('facilitator starts; a nation sees the turn begin', async () => {
    const ex = await createExercise(server.url);
    const fac = await connect(server.url, await join(server.url, codeFor(ex, 'facilitator'), 'Ada'));
    const arn = await connect(server.url, await join(server.url, codeFor(ex, 'nation', 'ARN'), 'Bo', 'fm'));
    expect(arn.view().exercise.status).toBe('setup');
    const reply = await fac.send({ type: 'exercise.start' });
    expect(reply.ok).toBe(true);
    const v = await arn.waitFor((v) => v.exercise.status === 'running');
    expect(v.exercise.turn).toBe(1);
    expect(v.injects.length).toBeGreaterThan(0);
    const bad = await arn.send({ type: 'exercise.start' });
    expect(bad).toMatchObject({ ok: false, code: 'forbidden' });
  });
});
