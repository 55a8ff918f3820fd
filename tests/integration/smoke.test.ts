import { describe, expect, it } from 'vitest';
import { codeFor, connect, createExercise, join, useServer } from './support.ts';

const live = useServer();

describe('smoke', () => {
  it('facilitator starts; a nation sees the turn begin', async () => {
    const ex = await createExercise(live.url);
    const fac = await connect(live.url, await join(live.url, codeFor(ex, 'facilitator'), 'Ada'));
    const arn = await connect(live.url, await join(live.url, codeFor(ex, 'nation', 'ARN'), 'Bo', 'fm'));
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
