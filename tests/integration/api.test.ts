/**
 * The HTTP API end to end, against a real server on a free port with a temporary SQLite file:
 * health and scenarios, creating exercises (shipped or uploaded scenarios, and every kind of bad
 * body), joining with codes, listings, the event-log export, per-audience state, join-code
 * management, and participants (including removing one who is connected over the WebSocket).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { hashCode, normaliseCode } from '../../server/src/auth/codes.ts';
import type { ApiErrorBody, JoinResponse } from '../../shared/src/protocol/index.ts';
import type { EngineEvent } from '../../shared/src/engine/index.ts';
import type { View } from '../../shared/src/views/index.ts';
import { api, captureLog, codeFor, connect, createExercise, expectNoStackTrace, join, sleep, type Created, useServer } from './support.ts';

const SCENARIO_TEXT = readFileSync(new URL('../../scenarios/harbour-watch.json', import.meta.url), 'utf8');
/** A fresh, mutable copy of the harbour-watch scenario document. */
const scenarioDoc = (): Record<string, unknown> & {
  meta: { id: string };
  injects: Array<{ to: string[] }>;
  intel: Array<{ body: string; groundTruth: string }>;
} => JSON.parse(SCENARIO_TEXT) as ReturnType<typeof scenarioDoc>;

/** Crockford base32 without I, L, O, U, in three groups of four. */
const CODE_SHAPE = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

interface CodeRow {
  id: string;
  exerciseId: string;
  role: string;
  nation: string | null;
  label: string;
  createdAt: number;
  revokedAt: number | null;
}
interface ParticipantAnswer {
  id: string;
  exerciseId: string;
  role: string;
  nation: string | null;
  position: string | null;
  name: string;
  removedAt: number | null;
  online: boolean;
}

const captured = captureLog();
const live = useServer({ log: captured.log });

/** A raw request, for bodies that are not JSON (malformed input, the JSONL export). */
async function raw(method: string, path: string, init: { body?: RequestInit['body']; token?: string; contentType?: string } = {}) {
  const res = await fetch(`${live.url}/api${path}`, {
    method,
    headers: {
      ...(init.contentType ? { 'content-type': init.contentType } : {}),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    body: init.body,
  });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

const errorOf = (body: unknown): ApiErrorBody['error'] => (body as ApiErrorBody).error;

async function waitUntil(pred: () => boolean | Promise<boolean>, ms = 5000, what = 'condition'): Promise<void> {
  const until = Date.now() + ms;
  while (!(await pred())) {
    if (Date.now() > until) throw new Error(`${what} not met within ${ms} ms`);
    await sleep(20);
  }
}

describe('health and scenarios', () => {
  it('GET /api/health answers ok with counts', async () => {
    const r = await api<{ ok: boolean; version: string; uptimeSeconds: number; exercises: number; unfinished: number }>(
      live.url,
      'GET',
      '/health',
    );
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ok: true });
    expect(typeof r.body.version).toBe('string');
    expect(r.body.uptimeSeconds).toBeGreaterThanOrEqual(0);
    expect(r.body.exercises).toBeGreaterThanOrEqual(0);
    expect(r.body.unfinished).toBeLessThanOrEqual(r.body.exercises);
  });

  it('GET /api/scenarios lists both shipped scenarios with their nations', async () => {
    const r = await api<{
      scenarios: Array<{ id: string; title: string; turns: number; nations: Array<{ id: string; name: string; colour: string }> }>;
    }>(live.url, 'GET', '/scenarios');
    expect(r.status).toBe(200);
    const ids = r.body.scenarios.map((s) => s.id).sort();
    expect(ids).toEqual(['harbour-watch', 'northern-lantern']);
    const hw = r.body.scenarios.find((s) => s.id === 'harbour-watch')!;
    expect(hw.title).toBe('Harbour Watch');
    expect(hw.turns).toBe(3);
    expect(hw.nations.map((n) => n.id)).toEqual(['ARN', 'BRV', 'CSM']);
    for (const n of hw.nations) {
      expect(n.name.length).toBeGreaterThan(0);
      expect(n.colour).toMatch(/^#[0-9a-fA-F]{6}$/);
    }
    const nl = r.body.scenarios.find((s) => s.id === 'northern-lantern')!;
    expect(nl.nations.length).toBe(5);
  });

  it('an unknown API route is a JSON 404', async () => {
    const r = await api(live.url, 'GET', '/nope');
    expect(r.status).toBe(404);
    expect(errorOf(r.body).code).toBe('not_found');
  });
});

describe('POST /api/exercises', () => {
  it('creates from a shipped scenario: 201 with six codes', async () => {
    const r = await api<Created & { scenario: { id: string; title: string; banner: string } }>(live.url, 'POST', '/exercises', {
      scenarioId: 'harbour-watch',
      seed: 7,
    });
    expect(r.status).toBe(201);
    expect(r.body.id).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(r.body.scenario).toMatchObject({ id: 'harbour-watch', title: 'Harbour Watch' });
    const codes = r.body.codes;
    expect(codes).toHaveLength(6);
    expect(codes.map((c) => `${c.role}:${c.nation ?? '-'}`).sort()).toEqual(
      ['facilitator:-', 'nation:ARN', 'nation:BRV', 'nation:CSM', 'evaluator:-', 'observer:-'].sort(),
    );
    for (const c of codes) {
      expect(c.code).toMatch(CODE_SHAPE);
      expect(c.id.length).toBeGreaterThan(0);
      expect(c.label.length).toBeGreaterThan(0);
    }
    expect(new Set(codes.map((c) => c.code)).size).toBe(6);
  });

  it('creates from an uploaded valid scenario: 201', async () => {
    const doc = scenarioDoc();
    doc.meta.id = 'harbour-watch-upload';
    const r = await api<Created & { scenario: { id: string } }>(live.url, 'POST', '/exercises', { scenario: doc });
    expect(r.status).toBe(201);
    expect(r.body.scenario.id).toBe('harbour-watch-upload');
    expect(r.body.codes).toHaveLength(6);
    // The uploaded exercise is playable: its facilitator can join.
    const fac = await join(live.url, codeFor(r.body, 'facilitator'), 'Uploader');
    expect(fac.exerciseId).toBe(r.body.id);
  });

  it('refuses an uploaded broken scenario with 422 and every problem by path', async () => {
    const doc = scenarioDoc();
    doc.meta.id = 'harbour-watch-broken';
    doc.injects[0]!.to[0] = 'XYZ';
    const r = await api(live.url, 'POST', '/exercises', { scenario: doc });
    expect(r.status).toBe(422);
    const e = errorOf(r.body);
    expect(e.code).toBe('invalid_scenario');
    expect(e.message).toMatch(/problem/);
    expect(e.problems).toBeDefined();
    const p = e.problems!.find((x) => x.path === 'scenario.injects[0].to[0]');
    expect(p, JSON.stringify(e.problems)).toBeDefined();
    expect(p!.message).toMatch(/XYZ/);
  });

  it('refuses a scenario that is not an object with 422 at the root', async () => {
    const r = await api(live.url, 'POST', '/exercises', { scenario: 42 });
    expect(r.status).toBe(422);
    const e = errorOf(r.body);
    expect(e.code).toBe('invalid_scenario');
    expect(e.problems![0]!.path).toBe('scenario');
    expect(e.problems![0]!.message.length).toBeGreaterThan(0);
  });

  it('refuses both scenarioId and scenario with 400', async () => {
    const r = await api(live.url, 'POST', '/exercises', { scenarioId: 'harbour-watch', scenario: scenarioDoc() });
    expect(r.status).toBe(400);
    const e = errorOf(r.body);
    expect(e.code).toBe('invalid_request');
    expect(e.problems!.some((p) => p.path === 'scenarioId' && /either/.test(p.message))).toBe(true);
  });

  it('refuses neither scenarioId nor scenario with 400', async () => {
    const r = await api(live.url, 'POST', '/exercises', { seed: 3 });
    expect(r.status).toBe(400);
    expect(errorOf(r.body).code).toBe('invalid_request');
  });

  it('refuses an unknown scenarioId with 404', async () => {
    const r = await api(live.url, 'POST', '/exercises', { scenarioId: 'no-such-scenario' });
    expect(r.status).toBe(404);
    const e = errorOf(r.body);
    expect(e.code).toBe('unknown_scenario');
    expect(e.message).toContain('no-such-scenario');
  });

  it('refuses malformed JSON with 400 malformed_json', async () => {
    const r = await raw('POST', '/exercises', { body: '{"scenarioId": "harbour-watch",', contentType: 'application/json' });
    expect(r.status).toBe(400);
    const e = errorOf(JSON.parse(r.text));
    expect(e.code).toBe('malformed_json');
    expect(e.message).toMatch(/not valid JSON/);
  });

  it('refuses wrong types with 400 invalid_request and problems by path', async () => {
    const r = await api(live.url, 'POST', '/exercises', { scenarioId: 5, seed: 'seven' });
    expect(r.status).toBe(400);
    const e = errorOf(r.body);
    expect(e.code).toBe('invalid_request');
    const paths = e.problems!.map((p) => p.path);
    expect(paths).toContain('scenarioId');
    expect(paths).toContain('seed');
    for (const p of e.problems!) expect(p.message.length).toBeGreaterThan(0);
  });

  it('refuses unknown fields with 400 invalid_request', async () => {
    const r = await api(live.url, 'POST', '/exercises', { scenarioId: 'harbour-watch', admin: true });
    expect(r.status).toBe(400);
    const e = errorOf(r.body);
    expect(e.code).toBe('invalid_request');
    expect(JSON.stringify(e.problems)).toContain('admin');
  });

  it('a refused creation creates nothing', async () => {
    const before = await api<{ exercises: number }>(live.url, 'GET', '/health');
    await api(live.url, 'POST', '/exercises', { scenarioId: 'no-such-scenario' });
    await api(live.url, 'POST', '/exercises', { scenario: { meta: {} } });
    await raw('POST', '/exercises', { body: 'not json', contentType: 'application/json' });
    const after = await api<{ exercises: number }>(live.url, 'GET', '/health');
    expect(after.body.exercises).toBe(before.body.exercises);
  });
});

describe('POST /api/join', () => {
  let ex: Created;
  beforeAll(async () => {
    ex = await createExercise(live.url);
  });

  it('a valid code gives a token with the role and nation', async () => {
    const r = await api<JoinResponse>(live.url, 'POST', '/join', { code: codeFor(ex, 'nation', 'BRV'), displayName: 'Bea' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      exerciseId: ex.id,
      role: 'nation',
      nation: 'BRV',
      position: null,
      displayName: 'Bea',
      room: 'exercise',
    });
    expect(r.body.token.split('.')).toHaveLength(3);
    expect(r.body.expiresIn).toBeGreaterThan(0);
    const f = await api<JoinResponse>(live.url, 'POST', '/join', { code: codeFor(ex, 'facilitator'), displayName: 'Control' });
    expect(f.body).toMatchObject({ role: 'facilitator', nation: null });
    const o = await api<JoinResponse>(live.url, 'POST', '/join', { code: codeFor(ex, 'observer'), displayName: 'Press' });
    expect(o.body).toMatchObject({ role: 'observer', nation: null });
    const e = await api<JoinResponse>(live.url, 'POST', '/join', { code: codeFor(ex, 'evaluator'), displayName: 'Eve' });
    expect(e.body).toMatchObject({ role: 'evaluator', nation: null });
  });

  it('accepts the code in lower case, without dashes, and with spaces', async () => {
    const code = codeFor(ex, 'nation', 'CSM');
    for (const typed of [
      code.toLowerCase(),
      code.replace(/-/g, ''),
      code.replace(/-/g, ' '),
      ` ${code.toLowerCase().replace(/-/g, '')} `,
    ]) {
      const r = await api<JoinResponse>(live.url, 'POST', '/join', { code: typed, displayName: 'Cas' });
      expect(r.status, typed).toBe(200);
      expect(r.body).toMatchObject({ exerciseId: ex.id, role: 'nation', nation: 'CSM' });
    }
  });

  it('normalises the look-alikes O → 0 and I, L → 1', async () => {
    // Codes are random: find one with a 0 or a 1 in it, rotating the observer code until one has.
    const fac = await join(live.url, codeFor(ex, 'facilitator'), 'Control');
    let target = ex.codes.find((c) => /[01]/.test(c.code));
    for (let i = 0; i < 40 && !target; i++) {
      const codes = await api<{ codes: CodeRow[] }>(live.url, 'GET', `/exercises/${ex.id}/codes`, undefined, fac.token);
      const observer = codes.body.codes.find((c) => c.role === 'observer' && c.revokedAt === null)!;
      const rotated = await api<{ code: Created['codes'][number] }>(
        live.url,
        'POST',
        `/exercises/${ex.id}/codes/${observer.id}/rotate`,
        undefined,
        fac.token,
      );
      if (/[01]/.test(rotated.body.code.code)) target = rotated.body.code;
    }
    expect(target, 'a code with a 0 or 1').toBeDefined();
    const variants = [
      target!.code.replace(/0/g, 'O').replace(/1/g, 'I'),
      target!.code.replace(/0/g, 'o').replace(/1/g, 'l'),
      target!.code.replace(/0/g, 'O').replace(/1/g, 'L').toLowerCase(),
    ];
    for (const typed of variants) {
      const r = await api<JoinResponse>(live.url, 'POST', '/join', { code: typed, displayName: 'Lookalike' });
      expect(r.status, typed).toBe(200);
      expect(r.body).toMatchObject({ exerciseId: ex.id, role: target!.role, nation: target!.nation });
    }
  });

  it('refuses a bad code with 401 bad_code', async () => {
    const good = codeFor(ex, 'nation', 'ARN');
    // One character changed (to another valid character), a code of the wrong length, and junk.
    const changed = good.slice(0, -1) + (good.endsWith('Z') ? 'Y' : 'Z');
    for (const code of [changed, 'ABCD-EFGH', 'UUUU-UUUU-UUUU', '!!!!-!!!!-!!!!']) {
      const r = await api(live.url, 'POST', '/join', { code, displayName: 'Mallory' });
      expect(r.status, code).toBe(401);
      const e = errorOf(r.body);
      expect(e.code).toBe('bad_code');
      expect(e.message.length).toBeGreaterThan(10);
    }
  });

  it('refuses a missing display name or code with 400 invalid_request', async () => {
    for (const body of [
      { code: codeFor(ex, 'nation', 'ARN') },
      { code: codeFor(ex, 'nation', 'ARN'), displayName: '   ' },
      { displayName: 'X' },
      { code: 12, displayName: 'X' },
    ]) {
      const r = await api(live.url, 'POST', '/join', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(errorOf(r.body).code).toBe('invalid_request');
      expect(errorOf(r.body).problems!.length).toBeGreaterThan(0);
    }
  });

  it('refuses a position that the team does not have with 400 bad_position', async () => {
    const r = await api(live.url, 'POST', '/join', { code: codeFor(ex, 'nation', 'ARN'), displayName: 'Ari', position: 'admiral' });
    expect(r.status).toBe(400);
    const e = errorOf(r.body);
    expect(e.code).toBe('bad_position');
    expect(e.message).toContain('admiral');
    // A position that is not even an id is a schema problem.
    const bad = await api(live.url, 'POST', '/join', { code: codeFor(ex, 'nation', 'ARN'), displayName: 'Ari', position: '../fm' });
    expect(bad.status).toBe(400);
    expect(errorOf(bad.body).code).toBe('invalid_request');
    // A facilitator has no positions.
    const fac = await api(live.url, 'POST', '/join', { code: codeFor(ex, 'facilitator'), displayName: 'Control', position: 'fm' });
    expect(fac.status).toBe(400);
    expect(errorOf(fac.body).code).toBe('bad_position');
  });

  it('stores a nation position in the token claims', async () => {
    const r = await api<JoinResponse>(live.url, 'POST', '/join', {
      code: codeFor(ex, 'nation', 'ARN'),
      displayName: 'Ari',
      position: 'fm',
    });
    expect(r.status).toBe(200);
    expect(r.body.position).toBe('fm');
    const claims = decodeJwt(r.body.token);
    expect(claims).toMatchObject({ ex: ex.id, role: 'nation', nation: 'ARN', position: 'fm', name: 'Ari', iss: 'concord' });
    expect(typeof claims.sub).toBe('string');
    expect(claims.exp! - claims.iat!).toBe(r.body.expiresIn);
  });
});

describe('GET /api/exercises', () => {
  type Listing = { exercises: Array<{ id: string; scenarioId: string; status: string }> };

  it('lists exercises for a facilitator token, 403 for a nation, 401 without a token', async () => {
    const ex = await createExercise(live.url);
    const fac = await join(live.url, codeFor(ex, 'facilitator'), 'Control');
    const ok = await api<Listing>(live.url, 'GET', '/exercises', undefined, fac.token);
    expect(ok.status).toBe(200);
    expect(ok.body.exercises.find((e) => e.id === ex.id)).toMatchObject({ scenarioId: 'harbour-watch', status: 'setup' });

    const arn = await join(live.url, codeFor(ex, 'nation', 'ARN'), 'Ari');
    const forbidden = await api(live.url, 'GET', '/exercises', undefined, arn.token);
    expect(forbidden.status).toBe(403);
    expect(errorOf(forbidden.body).code).toBe('forbidden');

    const none = await api(live.url, 'GET', '/exercises');
    expect(none.status).toBe(401);
    expect(errorOf(none.body).code).toBe('no_token');

    const junk = await api(live.url, 'GET', '/exercises', undefined, 'not-a-token');
    expect(junk.status).toBe(401);
    expect(errorOf(junk.body).code).toBe('bad_token');
  });

  it('without an admin key, a facilitator token lists only its own exercise', async () => {
    const a = await createExercise(live.url);
    const b = await createExercise(live.url, 'northern-lantern');
    for (const ex of [a, b]) {
      const fac = await join(live.url, codeFor(ex, 'facilitator'), 'Control');
      const r = await api<Listing>(live.url, 'GET', '/exercises', undefined, fac.token);
      expect(r.status).toBe(200);
      expect(r.body.exercises.map((e) => e.id)).toEqual([ex.id]);
    }
  });
});

describe('GET /api/exercises/:id/log', () => {
  let ex: Created;
  let fac: JoinResponse;
  beforeAll(async () => {
    ex = await createExercise(live.url, 'harbour-watch', 11);
    fac = await join(live.url, codeFor(ex, 'facilitator'), 'Control');
    const player = await connect(live.url, fac);
    expect((await player.send({ type: 'exercise.start' })).ok).toBe(true);
    expect((await player.send({ type: 'phase.advance' })).ok).toBe(true);
    await player.room.leave();
  });

  const parseLog = (text: string): EngineEvent[] =>
    text
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => JSON.parse(line) as EngineEvent);

  it('exports the JSONL log to the facilitator and the evaluator', async () => {
    const evaluator = await join(live.url, codeFor(ex, 'evaluator'), 'Eve');
    const texts: string[] = [];
    for (const token of [fac.token, evaluator.token]) {
      const r = await raw('GET', `/exercises/${ex.id}/log`, { token });
      expect(r.status).toBe(200);
      expect(r.type).toContain('application/x-ndjson');
      const events = parseLog(r.text);
      expect(events.length).toBeGreaterThan(2);
      expect(events[0]!.type).toBe('exercise.created');
      expect(events[0]!.seq).toBe(1);
      events.forEach((e, i) => expect(e.seq).toBe(i + 1));
      expect(events.some((e) => e.type === 'exercise.started')).toBe(true);
      texts.push(r.text);
    }
    expect(texts[0]).toBe(texts[1]);
  });

  it("refuses a nation (403) and another exercise's facilitator (403 wrong_exercise)", async () => {
    const arn = await join(live.url, codeFor(ex, 'nation', 'ARN'), 'Ari');
    const r = await raw('GET', `/exercises/${ex.id}/log`, { token: arn.token });
    expect(r.status).toBe(403);
    expect(errorOf(JSON.parse(r.text)).code).toBe('forbidden');

    const other = await createExercise(live.url);
    const otherFac = await join(live.url, codeFor(other, 'facilitator'), 'Other control');
    const w = await raw('GET', `/exercises/${ex.id}/log`, { token: otherFac.token });
    expect(w.status).toBe(403);
    const e = errorOf(JSON.parse(w.text));
    expect(e.code).toBe('wrong_exercise');
    expect(e.message.length).toBeGreaterThan(10);
    expect(w.text).not.toContain('exercise.created');

    const none = await raw('GET', `/exercises/${ex.id}/log`);
    expect(none.status).toBe(401);
  });
});

describe('GET /api/exercises/:id/state', () => {
  let ex: Created;
  let fac: JoinResponse;
  const doc = scenarioDoc();
  const allIntelIds = ['hw-int-01', 'hw-int-02', 'hw-int-03', 'hw-int-04', 'hw-int-05'];
  const state = async (as?: string) =>
    api<{ seq: number; view: View }>(
      live.url,
      'GET',
      `/exercises/${ex.id}/state${as === undefined ? '' : `?as=${as}`}`,
      undefined,
      fac.token,
    );

  beforeAll(async () => {
    ex = await createExercise(live.url, 'harbour-watch', 5);
    fac = await join(live.url, codeFor(ex, 'facilitator'), 'Control');
    const player = await connect(live.url, fac);
    expect((await player.send({ type: 'exercise.start' })).ok).toBe(true);
    await player.room.leave();
  });

  it('shows the facilitator everything released, with ground truth', async () => {
    for (const as of [undefined, 'facilitator']) {
      const r = await state(as);
      expect(r.status).toBe(200);
      expect(r.body.view.audience).toBe('facilitator');
      expect(r.body.view.exercise.status).toBe('running');
      expect(r.body.seq).toBe(r.body.view.exercise.seq);
      expect(r.body.view.intel.map((i) => i.id)).toEqual(allIntelIds);
      const text = JSON.stringify(r.body.view);
      expect(text).toContain('MARKER-HW-INT-02');
      expect(text).toContain(doc.intel[1]!.groundTruth);
    }
  });

  it('shows ARN only intel releasable to ARN, and nothing of control', async () => {
    const r = await state('ARN');
    expect(r.status).toBe(200);
    const v = r.body.view;
    expect(v.audience).toBe('ARN');
    // At the start a report reaches its originator (and the addressees of the inject that carries
    // it, when that inject goes out): ARN holds its own hw-int-01. hw-int-03 (CSM's, REL TO ARN)
    // reaches ARN only if CSM shares it; hw-int-04 comes with hw-inj-02 in the consultation phase;
    // hw-int-02 is BRV NOFORN; hw-int-05 is released in turn 2 and only REL TO BRV.
    expect(v.intel.map((i) => i.id)).toEqual(['hw-int-01']);
    for (const i of v.intel) expect(i.control).toBeNull();
    expect(v.control).toBeNull();
    expect(v.brief.nations).toBeNull();
    const text = JSON.stringify(v);
    for (const marker of ['MARKER-HW-INT-02', 'MARKER-HW-INT-05', 'TEARLINE-HW-INT-05']) expect(text).not.toContain(marker);
    for (const i of doc.intel) expect(text).not.toContain(i.groundTruth);
    // Lower case works too, and is the same picture.
    const lower = await state('arn');
    expect(lower.body).toEqual(r.body);
  });

  it('the ARN view over HTTP equals what an ARN client receives over the WebSocket', async () => {
    const arn = await connect(live.url, await join(live.url, codeFor(ex, 'nation', 'ARN'), 'Ari', 'fm'));
    const r = await state('ARN');
    expect(arn.mirror.seq).toBe(r.body.seq);
    expect(arn.view()).toEqual(r.body.view);
    await arn.room.leave();
  });

  it('shows an observer the public picture only', async () => {
    const r = await state('observer');
    expect(r.status).toBe(200);
    const v = r.body.view;
    expect(v.audience).toBe('public');
    expect(v.intel).toEqual([]);
    expect(v.messages).toEqual([]);
    expect(v.control).toBeNull();
    for (const x of v.injects) expect(x.to).toContain('ALL');
    expect(JSON.stringify(v)).not.toMatch(/MARKER-HW-INT|TEARLINE-HW-INT/);
  });

  it('refuses an unknown audience with 400, and a nation naming another audience with 403', async () => {
    for (const as of ['XYZ', 'nobody!', 'DRX']) {
      const r = await state(as);
      expect(r.status, as).toBe(400);
      const e = errorOf(r.body);
      expect(e.code).toBe('unknown_audience');
      expect(e.message).toContain(as);
    }
    const arn = await join(live.url, codeFor(ex, 'nation', 'ARN'), 'Ari');
    const r = await api(live.url, 'GET', `/exercises/${ex.id}/state?as=BRV`, undefined, arn.token);
    expect(r.status).toBe(403);
    expect(errorOf(r.body).code).toBe('forbidden');
    // Its own picture it may read (tests/integration/view-as.test.ts holds the whole policy).
    expect((await api(live.url, 'GET', `/exercises/${ex.id}/state?as=ARN`, undefined, arn.token)).status).toBe(200);
  });

  it('answers 404 for an unknown exercise and 400 for an invalid id', async () => {
    const other = await createExercise(live.url);
    const otherFac = await join(live.url, codeFor(other, 'facilitator'), 'Other');
    const wrong = await api(live.url, 'GET', `/exercises/${ex.id}/state`, undefined, otherFac.token);
    expect(wrong.status).toBe(403);
    expect(errorOf(wrong.body).code).toBe('wrong_exercise');
    const bad = await api(live.url, 'GET', `/exercises/${'x'.repeat(65)}/state`, undefined, fac.token);
    expect(bad.status).toBe(400);
    expect(errorOf(bad.body).code).toBe('bad_id');
  });
});

describe('join codes', () => {
  let ex: Created;
  let fac: JoinResponse;
  beforeAll(async () => {
    ex = await createExercise(live.url);
    fac = await join(live.url, codeFor(ex, 'facilitator'), 'Control');
  });

  it('lists codes without their values or hashes', async () => {
    const r = await raw('GET', `/exercises/${ex.id}/codes`, { token: fac.token });
    expect(r.status).toBe(200);
    const { codes } = JSON.parse(r.text) as { codes: CodeRow[] };
    expect(codes).toHaveLength(6);
    expect(codes.map((c) => c.id).sort()).toEqual(ex.codes.map((c) => c.id).sort());
    for (const c of codes) {
      expect(Object.keys(c)).not.toContain('code');
      expect(Object.keys(c)).not.toContain('hash');
      expect(c.exerciseId).toBe(ex.id);
      expect(c.revokedAt).toBeNull();
    }
    const secret = (await live.server.service.store.setting('secret'))!;
    for (const c of ex.codes) {
      const canonical = normaliseCode(c.code)!;
      expect(r.text).not.toContain(c.code);
      expect(r.text).not.toContain(canonical);
      expect(r.text).not.toContain(hashCode(secret, canonical));
    }
    expect(r.text).not.toMatch(/[0-9a-f]{64}/);
  });

  it('only the facilitator of the exercise may manage codes', async () => {
    const arn = await join(live.url, codeFor(ex, 'nation', 'ARN'), 'Ari');
    const codeId = ex.codes[0]!.id;
    for (const [method, path] of [
      ['GET', `/exercises/${ex.id}/codes`],
      ['POST', `/exercises/${ex.id}/codes/${codeId}/rotate`],
      ['DELETE', `/exercises/${ex.id}/codes/${codeId}`],
    ] as const) {
      const r = await api(live.url, method, path, undefined, arn.token);
      expect(r.status, `${method} ${path}`).toBe(403);
      expect(errorOf(r.body).code).toBe('forbidden');
      const anon = await api(live.url, method, path);
      expect(anon.status).toBe(401);
    }
    // Nothing was rotated or revoked by those attempts.
    expect((await api(live.url, 'POST', '/join', { code: ex.codes[0]!.code, displayName: 'Still valid' })).status).toBe(200);
  });

  it('rotate: the old code is refused, the new one works for the same seat', async () => {
    const old = ex.codes.find((c) => c.role === 'nation' && c.nation === 'BRV')!;
    const before = await api<JoinResponse>(live.url, 'POST', '/join', { code: old.code, displayName: 'Early Bea' });
    expect(before.status).toBe(200);

    const r = await api<{ code: Created['codes'][number] }>(
      live.url,
      'POST',
      `/exercises/${ex.id}/codes/${old.id}/rotate`,
      undefined,
      fac.token,
    );
    expect(r.status).toBe(200);
    const fresh = r.body.code;
    expect(fresh).toMatchObject({ role: 'nation', nation: 'BRV', label: old.label });
    expect(fresh.code).toMatch(CODE_SHAPE);
    expect(fresh.code).not.toBe(old.code);
    expect(fresh.id).not.toBe(old.id);

    const refused = await api(live.url, 'POST', '/join', { code: old.code, displayName: 'Late Bea' });
    expect(refused.status).toBe(401);
    expect(errorOf(refused.body).code).toBe('bad_code');
    const ok = await api<JoinResponse>(live.url, 'POST', '/join', { code: fresh.code, displayName: 'Bea' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ exerciseId: ex.id, role: 'nation', nation: 'BRV' });

    const list = await api<{ codes: CodeRow[] }>(live.url, 'GET', `/exercises/${ex.id}/codes`, undefined, fac.token);
    expect(list.body.codes.find((c) => c.id === old.id)!.revokedAt).not.toBeNull();
    expect(list.body.codes.find((c) => c.id === fresh.id)!.revokedAt).toBeNull();
    expect(JSON.stringify(list.body)).not.toContain(fresh.code);

    // A rotated (revoked) code cannot be rotated again.
    const again = await api(live.url, 'POST', `/exercises/${ex.id}/codes/${old.id}/rotate`, undefined, fac.token);
    expect(again.status).toBe(404);
    expect(errorOf(again.body).code).toBe('unknown_code');
  });

  it('revoke: the code is refused afterwards', async () => {
    const obs = ex.codes.find((c) => c.role === 'observer')!;
    expect((await api(live.url, 'POST', '/join', { code: obs.code, displayName: 'Press' })).status).toBe(200);
    const r = await api(live.url, 'DELETE', `/exercises/${ex.id}/codes/${obs.id}`, undefined, fac.token);
    expect(r.status).toBe(204);
    const refused = await api(live.url, 'POST', '/join', { code: obs.code, displayName: 'Press' });
    expect(refused.status).toBe(401);
    expect(errorOf(refused.body).code).toBe('bad_code');
    const again = await api(live.url, 'DELETE', `/exercises/${ex.id}/codes/${obs.id}`, undefined, fac.token);
    expect(again.status).toBe(404);
    expect(errorOf(again.body).code).toBe('unknown_code');
  });

  it("a facilitator cannot touch another exercise's codes", async () => {
    const other = await createExercise(live.url);
    const target = other.codes.find((c) => c.role === 'evaluator')!;
    // Through its own exercise's path: the code id is not found there.
    const r = await api(live.url, 'DELETE', `/exercises/${ex.id}/codes/${target.id}`, undefined, fac.token);
    expect(r.status).toBe(404);
    // Through the other exercise's path: wrong exercise.
    const w = await api(live.url, 'POST', `/exercises/${other.id}/codes/${target.id}/rotate`, undefined, fac.token);
    expect(w.status).toBe(403);
    expect(errorOf(w.body).code).toBe('wrong_exercise');
    expect((await api(live.url, 'POST', '/join', { code: target.code, displayName: 'Eve' })).status).toBe(200);
  });
});

describe('participants', () => {
  it('lists joined participants with online flags', async () => {
    const ex = await createExercise(live.url);
    const fac = await join(live.url, codeFor(ex, 'facilitator'), 'Control');
    const arn = await join(live.url, codeFor(ex, 'nation', 'ARN'), 'Ari', 'dm');
    const brv = await join(live.url, codeFor(ex, 'nation', 'BRV'), 'Bea');
    const facPlayer = await connect(live.url, fac);
    const arnPlayer = await connect(live.url, arn);

    const r = await api<{ participants: ParticipantAnswer[] }>(live.url, 'GET', `/exercises/${ex.id}/participants`, undefined, fac.token);
    expect(r.status).toBe(200);
    const byName = new Map(r.body.participants.map((p) => [p.name, p]));
    expect(r.body.participants).toHaveLength(3);
    expect(byName.get('Control')).toMatchObject({ role: 'facilitator', nation: null, online: true, removedAt: null });
    expect(byName.get('Ari')).toMatchObject({ role: 'nation', nation: 'ARN', position: 'dm', online: true });
    expect(byName.get('Bea')).toMatchObject({ role: 'nation', nation: 'BRV', online: false });
    expect(byName.get('Ari')!.id).toBe(decodeJwt(arn.token).sub);

    await arnPlayer.room.leave();
    await waitUntil(
      async () => {
        const again = await api<{ participants: ParticipantAnswer[] }>(
          live.url,
          'GET',
          `/exercises/${ex.id}/participants`,
          undefined,
          fac.token,
        );
        return again.body.participants.find((p) => p.name === 'Ari')?.online === false;
      },
      5000,
      'ARN offline',
    );

    const forbidden = await api(live.url, 'GET', `/exercises/${ex.id}/participants`, undefined, brv.token);
    expect(forbidden.status).toBe(403);
    await facPlayer.room.leave();
  });

  it('removing a participant closes its connection with 4100 and refuses its token everywhere', async () => {
    const ex = await createExercise(live.url);
    const fac = await join(live.url, codeFor(ex, 'facilitator'), 'Control');
    const facPlayer = await connect(live.url, fac);
    expect((await facPlayer.send({ type: 'exercise.start' })).ok).toBe(true);
    const arnJoin = await join(live.url, codeFor(ex, 'nation', 'ARN'), 'Ari');
    const brvJoin = await join(live.url, codeFor(ex, 'nation', 'BRV'), 'Bea');
    const arn = await connect(live.url, arnJoin);
    const brv = await connect(live.url, brvJoin);
    // A second control seat, to check that a removed token is refused on control's HTTP routes too.
    const deputy = await join(live.url, codeFor(ex, 'facilitator'), 'Deputy');
    expect((await api(live.url, 'GET', `/exercises/${ex.id}/codes`, undefined, deputy.token)).status).toBe(200);
    expect((await api(live.url, 'GET', '/exercises', undefined, arnJoin.token)).status).toBe(403);

    const arnId = decodeJwt(arnJoin.token).sub!;
    const r = await api<{ removed: string; disconnected: number }>(
      live.url,
      'DELETE',
      `/exercises/${ex.id}/participants/${arnId}`,
      undefined,
      fac.token,
    );
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ removed: arnId, disconnected: 1 });

    await waitUntil(() => arn.closeCodes.includes(4100), 5000, 'close code 4100');
    expect(brv.closeCodes).toEqual([]);
    expect(facPlayer.closeCodes).toEqual([]);

    // It cannot come back with its token.
    await expect(connect(live.url, arnJoin)).rejects.toThrow();
    // Its HTTP calls are refused as removed (not merely forbidden).
    const http = await api(live.url, 'GET', '/exercises', undefined, arnJoin.token);
    expect(http.status).toBe(403);
    expect(errorOf(http.body).code).toBe('removed');

    // The deputy facilitator, removed, loses control's routes.
    const deputyId = decodeJwt(deputy.token).sub!;
    expect((await api(live.url, 'DELETE', `/exercises/${ex.id}/participants/${deputyId}`, undefined, fac.token)).status).toBe(200);
    const codes = await api(live.url, 'GET', `/exercises/${ex.id}/codes`, undefined, deputy.token);
    expect(codes.status).toBe(403);
    expect(errorOf(codes.body).code).toBe('removed');

    // The listing shows the removal; removing twice is a 404.
    const list = await api<{ participants: ParticipantAnswer[] }>(
      live.url,
      'GET',
      `/exercises/${ex.id}/participants`,
      undefined,
      fac.token,
    );
    const gone = list.body.participants.find((p) => p.id === arnId)!;
    expect(gone.removedAt).not.toBeNull();
    expect(gone.online).toBe(false);
    const twice = await api(live.url, 'DELETE', `/exercises/${ex.id}/participants/${arnId}`, undefined, fac.token);
    expect(twice.status).toBe(404);
    expect(errorOf(twice.body).code).toBe('unknown_participant');

    // Everyone else carries on; the code itself still works for a new ARN player.
    expect((await brv.send({ type: 'message.send', to: ['ARN'], body: 'Still here.' })).ok).toBe(true);
    const arn2 = await connect(live.url, await join(live.url, codeFor(ex, 'nation', 'ARN'), 'Ari again'));
    await arn2.waitFor((v) => v.messages.some((m) => m.body === 'Still here.'));
  });

  it('the facilitator cannot remove itself, and a nation cannot remove anyone', async () => {
    const ex = await createExercise(live.url);
    const fac = await join(live.url, codeFor(ex, 'facilitator'), 'Control');
    const arn = await join(live.url, codeFor(ex, 'nation', 'ARN'), 'Ari');
    const facId = decodeJwt(fac.token).sub!;
    const self = await api(live.url, 'DELETE', `/exercises/${ex.id}/participants/${facId}`, undefined, fac.token);
    expect(self.status).toBe(400);
    expect(errorOf(self.body).code).toBe('self');
    const byNation = await api(live.url, 'DELETE', `/exercises/${ex.id}/participants/${facId}`, undefined, arn.token);
    expect(byNation.status).toBe(403);
    expect((await api(live.url, 'GET', '/exercises', undefined, fac.token)).status).toBe(200);
    const unknown = await api(live.url, 'DELETE', `/exercises/${ex.id}/participants/p_nobody`, undefined, fac.token);
    expect(unknown.status).toBe(404);
  });
});

describe('malformed requests', () => {
  let ex: Created;
  let token = '';
  beforeAll(async () => {
    ex = await createExercise(live.url);
    token = (await join(live.url, codeFor(ex, 'facilitator'), 'Control')).token;
  });

  const health = async () => (await api<{ exercises: number }>(live.url, 'GET', '/health')).body.exercises;

  it.each([
    ['GET', '/exercises/%ZZ/log'],
    ['GET', '/exercises/%ZZ/state'],
    ['GET', '/exercises/%ZZ/codes'],
    ['GET', '/exercises/%ZZ/participants'],
    ['POST', '/exercises/%ZZ/codes/code_x/rotate'],
    ['POST', '/exercises/:id/codes/%E0%A4%A/rotate'],
    ['DELETE', '/exercises/:id/codes/%'],
    ['DELETE', '/exercises/:id/participants/%zz'],
  ])('%s %s: a malformed percent-encoding is a 400 JSON error, logged without a trace', async (method, template) => {
    const path = template.replace(':id', ex.id);
    const codesBefore = await api(live.url, 'GET', `/exercises/${ex.id}/codes`, undefined, token);
    const logged = captured.lines.length;
    const r = await raw(method, path, { token });
    expect(r.status).toBe(400);
    expect(r.type).toMatch(/^application\/json/);
    const e = errorOf(JSON.parse(r.text));
    expect(e.code).toBe('bad_path');
    expect(e.message).toMatch(/percent-encoded/);
    const lines = captured.lines.slice(logged);
    expectNoStackTrace(lines);
    expect(lines.join('')).not.toMatch(/URIError|unhandled/);
    // Nothing changed.
    expect(await api(live.url, 'GET', `/exercises/${ex.id}/codes`, undefined, token)).toEqual(codesBefore);
  });

  it('refuses a JSON body declared in another charset with 415, naming the charset', async () => {
    const before = await health();
    for (const charset of ['utf-7', 'ISO-8859-1', '"utf-16"']) {
      const r = await raw('POST', '/exercises', {
        body: '{"scenarioId":"harbour-watch"}',
        contentType: `application/json; charset=${charset}`,
      });
      expect(r.status, charset).toBe(415);
      const e = errorOf(JSON.parse(r.text));
      expect(e.code).toBe('unsupported_charset');
      expect(e.message).toContain(`"${charset.replaceAll('"', '').toLowerCase()}"`);
      expect(e.message).toMatch(/UTF-8/);
    }
    const join415 = await raw('POST', '/join', { body: '{"code":"x","displayName":"y"}', contentType: 'application/json;charset=utf-7' });
    expect(join415.status).toBe(415);
    expect(await health()).toBe(before);
  });

  it('accepts a body declared as utf-8 (any case, quoted or not) or with no charset', async () => {
    for (const contentType of ['application/json; charset=utf-8', 'application/json; charset="UTF-8"', 'application/json']) {
      const r = await raw('POST', '/exercises', { body: '{"scenarioId":"harbour-watch"}', contentType });
      expect(r.status, contentType).toBe(201);
    }
  });

  it('accepts a JSON body that starts with a byte order mark', async () => {
    const r = await raw('POST', '/exercises', { body: '\uFEFF{"scenarioId":"harbour-watch"}', contentType: 'application/json' });
    expect(r.status).toBe(201);
    const scenario = JSON.stringify({ scenario: JSON.parse(SCENARIO_TEXT) as unknown });
    const upload = await raw('POST', '/exercises', { body: `\uFEFF${scenario}`, contentType: 'application/json' });
    expect(upload.status).toBe(201);
  });

  it('refuses a body that is not valid UTF-8 with 400 bad_encoding, and creates nothing', async () => {
    const before = await health();
    const doc = scenarioDoc();
    (doc.meta as { title?: string }).title = 'Opération Café';
    const body = Buffer.from(JSON.stringify({ scenario: doc }), 'latin1');
    const r = await raw('POST', '/exercises', { body, contentType: 'application/json' });
    expect(r.status).toBe(400);
    const e = errorOf(JSON.parse(r.text));
    expect(e.code).toBe('bad_encoding');
    expect(e.message).toMatch(/not valid UTF-8.*byte \d+ is 0xE9/);
    expect(await health()).toBe(before);
  });

  it('a JSON syntax error in an uploaded scenario names its line and column', async () => {
    const text = `{\n  "seed": 3,\n  "scenario": ${SCENARIO_TEXT.trimEnd().slice(0, -1)},\n}\n}`;
    const r = await raw('POST', '/exercises', { body: text, contentType: 'application/json' });
    expect(r.status).toBe(400);
    const e = errorOf(JSON.parse(r.text));
    expect(e.code).toBe('malformed_json');
    const line = text.split('\n').findIndex((l) => l === '}') + 1;
    expect(e.message).toBe(`The body is not valid JSON: line ${line}, column 1: a comma cannot come before '}' (trailing comma).`);
    const truncated = await raw('POST', '/join', { body: '{"code": "ABCD-', contentType: 'application/json' });
    expect(errorOf(JSON.parse(truncated.text)).message).toMatch(
      /^The body is not valid JSON: line 1, column 10: this string is never closed/,
    );
  });

  it('an oversized request header gets 431 with a JSON body that states the limit', async () => {
    const res = await fetch(`${live.url}/api/health`, { headers: { 'x-padding': 'a'.repeat(20 * 1024) } });
    expect(res.status).toBe(431);
    const e = errorOf(await res.json());
    expect(e.code).toBe('headers_too_large');
    expect(e.message).toMatch(/16 KiB/);
    // The server carries on.
    expect((await api(live.url, 'GET', '/health')).status).toBe(200);
  });
});
