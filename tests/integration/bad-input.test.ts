/**
 * Bad input over the WebSocket. For every case: the sender gets a clear refusal (a machine code and
 * a sentence) or, for a frame the transport cannot accept, only its own connection is closed; the
 * exercise state is exactly what it was; every other client stays connected and keeps working;
 * and the server keeps serving.
 */
import { describe, expect, it } from 'vitest';
import { SignJWT, UnsecuredJWT, decodeJwt } from 'jose';
import { Client, MatchMakeError, Protocol } from '@colyseus/sdk';
import { matchMaker } from '@colyseus/core';
import { MAX_FRAME_BYTES } from '../../server/src/server.ts';
import { COMMAND, type Reply } from '../../shared/src/protocol/index.ts';
import type { EngineEvent } from '../../shared/src/engine/index.ts';
import type { View } from '../../shared/src/views/index.ts';
import {
  api,
  captureLog,
  codeFor,
  connect,
  createExercise,
  expectNoStackTrace,
  join,
  nextId,
  rawJoin,
  sleep,
  type Created,
  type Player,
  useServer,
} from './support.ts';

const captured = captureLog();
const live = useServer({ log: captured.log });

/** Log lines written while `run` runs. */
async function logLinesDuring(run: () => Promise<void>): Promise<string[]> {
  const from = captured.lines.length;
  await run();
  return captured.lines.slice(from);
}

/** Lines that Colyseus itself logged (its error reports come through the server's logger). */
const colyseusLines = (lines: readonly string[]) => lines.filter((l) => l.includes('"component":"colyseus"'));

interface World {
  ex: Created;
  fac: Player;
  arn: Player;
  brv: Player;
  csm: Player;
  evaluator: Player;
  observer: Player;
  all: Player[];
}

/** A started harbour-watch exercise with every kind of participant connected. */
async function world(): Promise<World> {
  const ex = await createExercise(live.url);
  const fac = await connect(live.url, await join(live.url, codeFor(ex, 'facilitator'), 'Control'));
  expect((await fac.send({ type: 'exercise.start' })).ok).toBe(true);
  const [arn, brv, csm, evaluator, observer] = await Promise.all([
    join(live.url, codeFor(ex, 'nation', 'ARN'), 'Ari', 'fm').then((j) => connect(live.url, j)),
    join(live.url, codeFor(ex, 'nation', 'BRV'), 'Bea').then((j) => connect(live.url, j)),
    join(live.url, codeFor(ex, 'nation', 'CSM'), 'Cas').then((j) => connect(live.url, j)),
    join(live.url, codeFor(ex, 'evaluator'), 'Eve').then((j) => connect(live.url, j)),
    join(live.url, codeFor(ex, 'observer'), 'Press').then((j) => connect(live.url, j)),
  ]);
  const all = [fac, arn, brv, csm, evaluator, observer];
  const seq = fac.view().exercise.seq;
  for (const p of all) await p.waitFor((v) => v.exercise.seq === seq && v.exercise.status === 'running');
  return { ex, fac, arn: arn, brv: brv, csm: csm, evaluator: evaluator, observer: observer, all };
}

interface Snapshot {
  seq: number;
  json: string;
}

/** Control's whole picture over HTTP: the seq and the projection, serialised. */
async function snapshot(w: World): Promise<Snapshot> {
  const r = await api<{ seq: number; view: View }>(live.url, 'GET', `/exercises/${w.ex.id}/state`, undefined, w.fac.joined.token);
  expect(r.status).toBe(200);
  return { seq: r.body.seq, json: JSON.stringify(r.body.view) };
}

async function expectUnchanged(w: World, before: Snapshot): Promise<void> {
  const after = await snapshot(w);
  expect(after.seq).toBe(before.seq);
  expect(after.json).toBe(before.json);
  // The facilitator's mirror saw no change either.
  expect(w.fac.mirror.seq).toBe(before.seq);
}

async function expectHealthy(): Promise<void> {
  const h = await api<{ ok: boolean }>(live.url, 'GET', '/health');
  expect(h.status).toBe(200);
  expect(h.body.ok).toBe(true);
}

/**
 * Everyone in `players` is still connected and still works: a nation among them (or control) posts
 * to every ally, and every one of them sees the exercise move to that event.
 */
async function expectAlive(players: Player[]): Promise<void> {
  await expectHealthy();
  const sender = players.find((p) => p.joined.role === 'nation') ?? players.find((p) => p.joined.role === 'facilitator')!;
  const body = `alive ${nextId('a')}`;
  const r = await sender.send({ type: 'message.send', to: ['ALL'], body });
  expect(r, JSON.stringify(r)).toMatchObject({ ok: true, duplicate: false });
  const seq = r.ok ? r.seqs[0]! : 0;
  for (const p of players) {
    expect(p.closeCodes, p.joined.displayName).toEqual([]);
    // The public picture shows no channel messages, so an observer's does not move for one.
    if (p.joined.role === 'observer') continue;
    const v = await p.waitFor((view) => view.exercise.seq >= seq);
    expect(v.messages.some((m) => m.body === body)).toBe(true);
  }
  // Evaluators and observers send no commands; they can still ask for their picture.
  for (const p of players.filter((x) => x.joined.role === 'evaluator' || x.joined.role === 'observer')) {
    const view = await p.room.request<unknown, { ok: boolean; seq: number }>('view', {});
    expect(view).toMatchObject({ ok: true });
    if (p.joined.role === 'observer') expect(view.seq).toBe(p.mirror.seq);
    else expect(view.seq).toBeGreaterThanOrEqual(seq);
  }
}

/** A refusal with a machine code and a sentence. */
function expectRefused(reply: Reply, code: string, path?: string | RegExp): void {
  expect(reply.ok, JSON.stringify(reply)).toBe(false);
  if (reply.ok) return;
  expect(reply.code).toBe(code);
  expect(reply.message.length, reply.message).toBeGreaterThan(10);
  expect(reply.message).toMatch(/[A-Za-z]/);
  if (typeof path === 'string') expect(reply.path).toBe(path);
  else if (path !== undefined) expect(reply.path).toMatch(path);
}

const others = (w: World, ...except: Player[]): Player[] => w.all.filter((p) => !except.includes(p));

async function waitUntil(pred: () => boolean, ms = 5000, what = 'condition'): Promise<void> {
  const until = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > until) throw new Error(`${what} not met within ${ms} ms`);
    await sleep(10);
  }
}

async function log(w: World): Promise<EngineEvent[]> {
  const res = await fetch(`${live.url}/api/exercises/${w.ex.id}/log`, { headers: { authorization: `Bearer ${w.fac.joined.token}` } });
  expect(res.status).toBe(200);
  return (await res.text())
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as EngineEvent);
}

describe('malformed command payloads', () => {
  const cases: Array<{ name: string; payload: unknown; code: string; path: string | RegExp | undefined }> = [
    { name: 'a string', payload: 'exercise.start', code: 'malformed', path: undefined },
    { name: 'a number', payload: 42, code: 'malformed', path: undefined },
    { name: 'null', payload: null, code: 'malformed', path: undefined },
    { name: 'an array', payload: [{ id: 'x', type: 'message.send' }], code: 'malformed', path: undefined },
    { name: 'nothing at all', payload: undefined, code: 'malformed', path: undefined },
    { name: 'an object without type', payload: { id: 'no-type', to: ['BRV'], body: 'hi' }, code: 'malformed', path: 'type' },
    { name: 'a type that is not a string', payload: { id: 'num-type', type: 7 }, code: 'malformed', path: 'type' },
    { name: 'no id', payload: { type: 'message.send', to: ['BRV'], body: 'hi' }, code: 'malformed', path: 'id' },
    {
      name: 'an id with bad characters',
      payload: { id: 'a b/c', type: 'message.send', to: ['BRV'], body: 'hi' },
      code: 'malformed',
      path: 'id',
    },
    { name: 'wrong field types', payload: { id: 'types-1', type: 'message.send', to: 'BRV', body: 5 }, code: 'malformed', path: 'to' },
    {
      name: 'a wrong nested type',
      payload: { id: 'types-2', type: 'message.send', to: ['BRV', 7], body: 'hi' },
      code: 'malformed',
      path: 'to[1]',
    },
    { name: 'a wrong number type', payload: { id: 'types-3', type: 'nation.ready', ready: 'yes' }, code: 'malformed', path: 'ready' },
    {
      name: 'an unknown field',
      payload: { id: 'extra-1', type: 'message.send', to: ['BRV'], body: 'hi', priority: 'flash' },
      code: 'malformed',
      path: 'priority',
    },
    // msgpackr renames a "__proto__" key to "__proto_" when it decodes, so it can never reach the prototype.
    {
      name: 'a prototype key',
      payload: JSON.parse('{"id":"proto-1","type":"message.send","to":["BRV"],"body":"hi","__proto__":{"admin":true}}') as unknown,
      code: 'malformed',
      path: /^__proto__?$/,
    },
    {
      name: 'an unknown command type',
      payload: { id: 'unknown-1', type: 'missile.launch', target: 'BRV' },
      code: 'unknown_command',
      path: 'type',
    },
    {
      name: 'a body over the schema limit',
      payload: { id: 'long-1', type: 'message.send', to: ['BRV'], body: 'x'.repeat(5000) },
      code: 'malformed',
      path: 'body',
    },
  ];

  it.each(cases)('$name → $code', async ({ payload, code, path }) => {
    const w = await world();
    const before = await snapshot(w);
    const reply = await w.arn.room.request<unknown, Reply>(COMMAND, payload);
    expectRefused(reply, code, path);
    await expectUnchanged(w, before);
    // The sender stays connected and its next valid command is accepted; so is everyone else's.
    expect(w.arn.closeCodes).toEqual([]);
    expect(await w.arn.send({ type: 'message.send', to: ['BRV'], body: 'A valid one after that.' })).toMatchObject({ ok: true });
    await expectAlive(w.all);
  });

  it('the rejection names the field in its sentence', async () => {
    const w = await world();
    const reply = await w.arn.room.request<unknown, Reply>(COMMAND, {
      id: 'long-2',
      type: 'message.send',
      to: ['BRV'],
      body: 'x'.repeat(5000),
    });
    expectRefused(reply, 'malformed', 'body');
    expect(!reply.ok && reply.message).toMatch(/body/);
    expect(!reply.ok && reply.message).toMatch(/4000/);
    const unknown = await w.arn.room.request<unknown, Reply>(COMMAND, { id: 'u-2', type: 'missile.launch' });
    expect(!unknown.ok && unknown.message).toContain('missile.launch');
  });

  it('a refused command id can be used again once the command is fixed', async () => {
    const w = await world();
    const id = nextId('fix');
    const before = await snapshot(w);
    expectRefused(await w.arn.send({ id, type: 'message.send', to: ['XYZ'], body: 'hello' }), 'unknown_nation', 'to[0]');
    await expectUnchanged(w, before);
    expect(await w.arn.send({ id, type: 'message.send', to: ['BRV'], body: 'hello' })).toMatchObject({ ok: true, duplicate: false });
  });
});

describe('garbage on the wire', () => {
  it('a request type with no handler is answered with an error, without disconnecting', async () => {
    const w = await world();
    const before = await snapshot(w);
    const err = await w.arn.room.request('nope', {}).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(err).not.toBeNull();
    expect(err!.name).toBe('no_handler');
    expect(err!.message).toContain('nope');
    await expectUnchanged(w, before);
    expect(w.arn.closeCodes).toEqual([]);
    await expectAlive(w.all);
  });

  it('a request frame with an undecodable body leaves the sender connected, and logs no trace', async () => {
    const w = await world();
    const before = await snapshot(w);
    const lines = await logLinesDuring(async () => {
      w.arn.room.connection.send(new Uint8Array([Protocol.ROOM_REQUEST, 0xff, 0xfe, 0x01, 0x02, 0xc1]));
      await sleep(100);
    });
    expectNoStackTrace(lines);
    await expectUnchanged(w, before);
    await expectAlive(w.all);
  });

  it.each([
    { name: 'ff ff ff', bytes: [0xff, 0xff, 0xff] },
    { name: 'an empty binary frame', bytes: [] },
    { name: 'an unknown protocol code', bytes: [0xee, 0xff, 0x00, 0x13] },
    { name: 'a server-to-client code', bytes: [Protocol.ROOM_STATE, 0x00] },
  ])('a raw frame that is not a message ($name) closes its sender with 4002; nothing else is affected', async ({ bytes }) => {
    const w = await world();
    const before = await snapshot(w);
    const raw = await rawJoin(live.url, await join(live.url, codeFor(w.ex, 'nation', 'BRV'), 'Raw'));
    const lines = await logLinesDuring(async () => {
      raw.socket.send(Uint8Array.from(bytes));
      const closed = await Promise.race([raw.closed, sleep(5000).then(() => null)]);
      expect(closed, 'the server did not close the connection').not.toBeNull();
      expect(closed?.code).toBe(4002);
    });
    expect(lines.some((l) => l.includes('undecodable frame'))).toBe(true);
    expectNoStackTrace(lines);
    await expectUnchanged(w, before);
    await expectAlive(w.all);
  });

  it('a raw client that sends only real frames stays connected', async () => {
    const w = await world();
    const raw = await rawJoin(live.url, await join(live.url, codeFor(w.ex, 'nation', 'CSM'), 'Raw'));
    raw.socket.send(Uint8Array.of(Protocol.PING));
    await sleep(200);
    expect(raw.socket.readyState).toBe(WebSocket.OPEN);
    expect(raw.frames.filter((f) => f[0] === Protocol.PING).length).toBe(2);
    raw.socket.close();
  });

  it('an undecodable fire-and-forget frame closes only its sender', async () => {
    const w = await world();
    const before = await snapshot(w);
    w.arn.room.connection.send(new Uint8Array([Protocol.ROOM_DATA, 0xff, 0xfe, 0x01, 0x02]));
    await waitUntil(() => w.arn.closeCodes.length > 0, 5000, 'ARN closed');
    expect(w.arn.closeCodes).toEqual([4002]);
    await expectUnchanged(w, before);
    await expectAlive(others(w, w.arn));
    // The sender was not removed: it can join again with its token.
    const again = await connect(live.url, w.arn.joined);
    expect(await again.send({ type: 'message.send', to: ['BRV'], body: 'Back.' })).toMatchObject({ ok: true });
  });

  it('a fire-and-forget message of an unknown type closes only its sender', async () => {
    const w = await world();
    const before = await snapshot(w);
    w.brv.room.send('nope', { hello: 'world' });
    await waitUntil(() => w.brv.closeCodes.length > 0, 5000, 'BRV closed');
    expect(w.brv.closeCodes).toEqual([4002]);
    await expectUnchanged(w, before);
    await expectAlive(others(w, w.brv));
  });
});

describe('bad request payloads', () => {
  /** Payloads that no request type accepts. */
  const garbage: unknown[] = [5, null, 'facilitator', [], true, { junk: 1 }];

  it('every request type the room registers answers bad input with a malformed refusal naming the field', async () => {
    const w = await world();
    const room = matchMaker.getLocalRoomById(w.ex.id);
    const types = Object.keys(room.messages ?? {});
    expect(types.sort()).toEqual([COMMAND, 'view'].sort());
    const before = await snapshot(w);
    const lines = await logLinesDuring(async () => {
      for (const type of types)
        for (const payload of garbage) {
          const reply = await w.arn.room.request<unknown, Reply>(type, payload);
          expectRefused(reply, 'malformed');
          if (reply.ok) continue;
          expect(typeof reply.path, `${type} ${JSON.stringify(payload)}`).toBe('string');
          if (reply.path !== '(root)') expect(reply.message).toContain(reply.path);
        }
    });
    expectNoStackTrace(lines);
    expect(colyseusLines(lines)).toEqual([]);
    await expectUnchanged(w, before);
    expect(w.arn.closeCodes).toEqual([]);
    await expectAlive(w.all);
  });

  it.each([
    { name: 'a number for as', payload: { as: 5 }, path: 'as' },
    { name: 'an over-long as', payload: { as: 'x'.repeat(17) }, path: 'as' },
    { name: 'an unknown field', payload: { as: 'ARN', scope: 'all' }, path: 'scope' },
    { name: 'not an object', payload: 'ARN', path: '(root)' },
  ])('view with $name → malformed at $path, and no trace', async ({ payload, path }) => {
    const w = await world();
    const lines = await logLinesDuring(async () => {
      const reply = await w.fac.room.request<unknown, Reply>('view', payload);
      expectRefused(reply, 'malformed', path);
      expect(!reply.ok && reply.message).toMatch(/^view: /);
      if (path !== '(root)') expect(!reply.ok && reply.message).toContain(path);
    });
    expectNoStackTrace(lines);
    expect(colyseusLines(lines)).toEqual([]);
    // The same connection's next view request is served.
    expect(await w.fac.room.request('view', { as: 'ARN' })).toMatchObject({ ok: true });
  });
});

describe('oversized frames', () => {
  it(`a frame over ${MAX_FRAME_BYTES} bytes closes its sender with 1009; nothing else is affected`, async () => {
    const w = await world();
    const before = await snapshot(w);
    const body = 'x'.repeat(200 * 1024);
    const outcome = await w.arn.room.request(COMMAND, { id: nextId('big'), type: 'message.send', to: ['BRV'], body }).then(
      (r) => ({ reply: r as Reply }),
      (e: unknown) => ({ error: e as Error }),
    );
    await waitUntil(() => w.arn.closeCodes.length > 0, 5000, 'ARN closed');
    expect(w.arn.closeCodes).toEqual([1009]);
    expect('error' in outcome).toBe(true);
    await expectUnchanged(w, before);
    await expectAlive(others(w, w.arn));
    // The sender can come back with its token and carry on.
    const again = await connect(live.url, w.arn.joined);
    expect(await again.send({ type: 'message.send', to: ['BRV'], body: 'Shorter this time.' })).toMatchObject({ ok: true });
  });

  it('a large command under the frame limit but over the schema limit is refused as malformed', async () => {
    const w = await world();
    const before = await snapshot(w);
    const reply = await w.fac.room.request<unknown, Reply>(COMMAND, {
      id: nextId('big'),
      type: 'inject.create',
      from: 'harbour-herald',
      to: ['ALL'],
      channel: 'news',
      subject: 'Long',
      message: 'y'.repeat(40 * 1024),
    });
    expectRefused(reply, 'malformed', 'message');
    await expectUnchanged(w, before);
    await expectAlive(w.all);
  });
});

describe('tokens', () => {
  const sign = (
    claims: Record<string, unknown>,
    key: Uint8Array,
    opts: { sub: string; exp: number | string; iat?: number; issuer?: string },
  ) => {
    let jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(opts.sub)
      .setIssuer(opts.issuer ?? 'concord');
    jwt = opts.iat === undefined ? jwt.setIssuedAt() : jwt.setIssuedAt(opts.iat);
    return jwt.setExpirationTime(opts.exp).sign(key);
  };

  it('expired, forged, unsigned, tampered and garbage tokens are refused by the room and the API', async () => {
    const w = await world();
    const before = await snapshot(w);
    const secret = await live.server.service.store.setting('secret');
    expect(secret).toBeTruthy();
    const key = new TextEncoder().encode(secret!);
    const real = decodeJwt(w.arn.joined.token);
    const sub = real.sub!;
    const claims = { ex: w.ex.id, role: 'nation', nation: 'ARN', position: 'fm', name: 'Ari' };
    const now = Math.floor(Date.now() / 1000);
    const [head, payload, sig] = w.arn.joined.token.split('.') as [string, string, string];
    const tamperedPayload = Buffer.from(JSON.stringify({ ...real, role: 'facilitator', nation: null, position: null })).toString(
      'base64url',
    );

    const bad: Array<{ name: string; token: string; http: string }> = [
      { name: 'expired', token: await sign(claims, key, { sub, iat: now - 7200, exp: now - 3600 }), http: 'token_expired' },
      {
        name: 'forged (another key)',
        token: await sign(claims, new TextEncoder().encode('not-the-server-secret-at-all-0123456789'), { sub, exp: '1h' }),
        http: 'bad_token',
      },
      {
        name: 'forged as facilitator',
        token: await sign({ ...claims, role: 'facilitator', nation: null, position: null }, new TextEncoder().encode('guess'), {
          sub,
          exp: '1h',
        }),
        http: 'bad_token',
      },
      { name: 'wrong issuer', token: await sign(claims, key, { sub, exp: '1h', issuer: 'someone-else' }), http: 'bad_token' },
      { name: 'malformed claims', token: await sign({ ...claims, role: 'admin' }, key, { sub, exp: '1h' }), http: 'bad_token' },
      {
        name: 'unsigned (alg none)',
        token: new UnsecuredJWT(claims).setSubject(sub).setIssuer('concord').setIssuedAt().setExpirationTime('1h').encode(),
        http: 'bad_token',
      },
      { name: 'tampered payload', token: `${head}.${tamperedPayload}.${sig}`, http: 'bad_token' },
      { name: 'truncated signature', token: `${head}.${payload}.${sig.slice(0, 10)}`, http: 'bad_token' },
      { name: 'garbage', token: 'abc.def.ghi', http: 'bad_token' },
      { name: 'too long', token: 'x'.repeat(5000), http: 'bad_token' },
      { name: 'unknown participant', token: await sign(claims, key, { sub: 'p_nobody', exp: '1h' }), http: 'unknown_participant' },
    ];
    for (const { name, token, http } of bad) {
      const client = new Client(live.url);
      client.auth.token = token;
      const err = await client.joinById(w.ex.id).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err, name).toBeInstanceOf(MatchMakeError);
      expect((err as MatchMakeError).code, name).toBe(525);

      for (const path of ['/exercises', `/exercises/${w.ex.id}/state`, `/exercises/${w.ex.id}/log`]) {
        const r = await api<{ error: { code: string; message: string } }>(live.url, 'GET', path, undefined, token);
        expect(r.status, `${name} ${path}`).toBe(401);
        expect(r.body.error.code, `${name} ${path}`).toBe(http);
        expect(r.body.error.message.length).toBeGreaterThan(10);
      }
    }
    // No token at all.
    const anonymous = await new Client(live.url).joinById(w.ex.id).then(
      () => null,
      (e: unknown) => e,
    );
    expect(anonymous).toBeInstanceOf(MatchMakeError);

    await expectUnchanged(w, before);
    await expectAlive(w.all);
    // The real token still works after all that.
    expect(await w.arn.send({ type: 'message.send', to: ['CSM'], body: 'Still me.' })).toMatchObject({ ok: true });
  });

  it('the token is read from client.auth.token, not from the join options (as docs/protocol.md says)', async () => {
    const w = await world();
    const joined = await join(live.url, codeFor(w.ex, 'observer'), 'Press 2');
    const asOption = await new Client(live.url).joinById(w.ex.id, { token: joined.token }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(asOption).toBeInstanceOf(MatchMakeError);
    const client = new Client(live.url);
    client.auth.token = joined.token;
    const room = await client.joinById(w.ex.id);
    expect(room.roomId).toBe(w.ex.id);
    await room.leave();
  });

  it('a token of exercise A cannot join exercise B', async () => {
    const a = await world();
    const b = await world();
    const beforeA = await snapshot(a);
    const beforeB = await snapshot(b);
    const err = await connect(live.url, { ...a.arn.joined, exerciseId: b.ex.id }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(err).toBeInstanceOf(MatchMakeError);
    expect(err!.message).toMatch(/another exercise/);
    // Nor use B's API.
    const http = await api<{ error: { code: string } }>(live.url, 'GET', `/exercises/${b.ex.id}/state`, undefined, a.fac.joined.token);
    expect(http.status).toBe(403);
    expect(http.body.error.code).toBe('wrong_exercise');
    // B's participants do not include A's player.
    const parts = await api<{ participants: Array<{ id: string; online: boolean }> }>(
      live.url,
      'GET',
      `/exercises/${b.ex.id}/participants`,
      undefined,
      b.fac.joined.token,
    );
    expect(parts.body.participants.map((p) => p.id)).not.toContain(decodeJwt(a.arn.joined.token).sub);
    expect(parts.body.participants.filter((p) => p.online)).toHaveLength(6);

    await expectUnchanged(a, beforeA);
    await expectUnchanged(b, beforeB);
    await expectAlive(a.all);
    await expectAlive(b.all);
  });
});

describe("acting beyond one's role", () => {
  it('a nation cannot act for another nation', async () => {
    const w = await world();
    // In the submit phase, so that the phase guard does not answer first.
    for (let i = 0; i < 2; i++) expect((await w.fac.send({ type: 'phase.advance' })).ok).toBe(true);
    const before = await snapshot(w);
    const reply = await w.arn.send({
      type: 'action.submit',
      actionType: 'diplomatic',
      title: 'Demarche',
      text: 'On behalf of Bravaria.',
      as: 'BRV',
    });
    expectRefused(reply, 'not_your_nation', 'as');
    expect(!reply.ok && reply.message).toContain('BRV');
    const adversary = await w.arn.send({
      type: 'action.submit',
      actionType: 'military',
      title: 'Sortie',
      text: 'As the Directorate.',
      as: 'DRX',
    });
    expectRefused(adversary, 'not_your_nation', 'as');
    await expectUnchanged(w, before);
    await expectAlive(w.all);
  });

  it("a nation cannot send control's commands", async () => {
    const w = await world();
    const before = await snapshot(w);
    const commands: unknown[] = [
      { type: 'exercise.pause' },
      { type: 'exercise.end', reason: 'We win.' },
      { type: 'phase.advance' },
      { type: 'inject.release', inject: 'hw-inj-02' },
      { type: 'inject.create', from: 'harbour-herald', to: ['ALL'], channel: 'news', subject: 'Fake news', message: 'Made up by ARN.' },
      { type: 'dice.roll', purpose: 'Luck' },
      { type: 'adjudication.record', title: 'We won', outcome: 'ARN controls everything.' },
    ];
    for (const c of commands) {
      const reply = await w.arn.room.request<unknown, Reply>(COMMAND, { id: nextId('n'), ...(c as object) });
      expectRefused(reply, 'forbidden');
      expect(!reply.ok && reply.message).toMatch(/nation cannot send/);
    }
    await expectUnchanged(w, before);
    await expectAlive(w.all);
  });

  it('evaluators and observers cannot send any command', async () => {
    const w = await world();
    const before = await snapshot(w);
    const commands: unknown[] = [
      { type: 'message.send', to: ['ARN', 'BRV'], body: 'A word from the sidelines.' },
      { type: 'nation.ready', ready: true },
      { type: 'action.submit', actionType: 'diplomatic', title: 'Demarche', text: 'Something.', as: 'DRX' },
      { type: 'exercise.pause' },
      { type: 'inject.acknowledge', inject: 'hw-inj-01' },
    ];
    for (const p of [w.evaluator, w.observer]) {
      for (const c of commands) {
        const reply = await p.room.request<unknown, Reply>(COMMAND, { id: nextId('eo'), ...(c as object) });
        expectRefused(reply, 'forbidden');
        expect(!reply.ok && reply.message).toContain(p.joined.role);
      }
      expect(p.closeCodes).toEqual([]);
    }
    await expectUnchanged(w, before);
    await expectAlive(w.all);
  });

  it("a nation cannot look through another audience's eyes", async () => {
    const w = await world();
    const reply = await w.arn.room.request<unknown, { ok: boolean; code?: string; message?: string }>('view', { as: 'BRV' });
    expect(reply).toMatchObject({ ok: false, code: 'forbidden' });
    const control = await w.observer.room.request<unknown, { ok: boolean; code?: string }>('view', { as: 'facilitator' });
    expect(control).toMatchObject({ ok: false, code: 'forbidden' });
    await expectAlive(w.all);
  });
});

describe('retries', () => {
  it('the same command id twice is applied once; the retry gets the same seqs', async () => {
    const w = await world();
    const id = nextId('retry');
    const command = { id, type: 'message.send' as const, to: ['BRV'], body: 'Only once, please.' };
    const first = await w.arn.send(command);
    expect(first).toMatchObject({ ok: true, duplicate: false });
    const afterFirst = await snapshot(w);
    await w.fac.waitFor((v) => v.exercise.seq === afterFirst.seq);

    const second = await w.arn.send(command);
    expect(second).toEqual({ ok: true, duplicate: true, seqs: first.ok ? first.seqs : [] });
    // A retry with a different body is still the same command: nothing new happens.
    const changed = await w.arn.send({ ...command, body: 'Something else.' });
    expect(changed).toEqual({ ok: true, duplicate: true, seqs: first.ok ? first.seqs : [] });
    await expectUnchanged(w, afterFirst);

    const events = (await log(w)).filter((e) => e.cmd === id);
    expect(events).toHaveLength(1);
    expect(events.map((e) => e.seq)).toEqual(first.ok ? first.seqs : []);
    expect(w.fac.view().messages.filter((m) => m.body === 'Only once, please.')).toHaveLength(1);
    expect(w.fac.view().messages.some((m) => m.body === 'Something else.')).toBe(false);
    await expectAlive(w.all);
  });

  it("an id is the sender's own: another participant using the same id sends another command", async () => {
    const w = await world();
    const id = nextId('shared');
    const a = await w.arn.send({ id, type: 'message.send', to: ['BRV'], body: 'From ARN.' });
    const b = await w.brv.send({ id, type: 'message.send', to: ['ARN'], body: 'From BRV.' });
    expect(a).toMatchObject({ ok: true, duplicate: false });
    expect(b).toMatchObject({ ok: true, duplicate: false });
    await w.fac.waitFor((v) => v.messages.some((m) => m.body === 'From BRV.'));
    expect((await log(w)).filter((e) => e.cmd === id)).toHaveLength(2);
  });

  it('a command of several events is retried as a whole', async () => {
    const w = await world();
    const id = nextId('adv');
    const first = await w.fac.send({ id, type: 'phase.advance' });
    expect(first.ok).toBe(true);
    const after = await snapshot(w);
    await w.fac.waitFor((v) => v.exercise.seq === after.seq);
    const again = await w.fac.send({ id, type: 'phase.advance' });
    expect(again).toEqual({ ok: true, duplicate: true, seqs: first.ok ? first.seqs : [] });
    await expectUnchanged(w, after);
    expect((await log(w)).filter((e) => e.cmd === id).map((e) => e.seq)).toEqual(first.ok ? first.seqs : []);
  });
});

describe('floods', () => {
  type Outcome = { reply: Reply } | { error: string };
  const fire = (p: Player, n: number, tag: string): Array<Promise<Outcome>> =>
    Array.from({ length: n }, (_, i) =>
      p.room.request(COMMAND, { id: `${tag}-${i}`, type: 'message.send', to: ['BRV'], body: `${tag} ${i}` }).then(
        (r) => ({ reply: r as Reply }),
        (e: unknown) => ({ error: (e as Error).message }),
      ),
    );
  const seqsOf = (outcomes: Outcome[]) => outcomes.flatMap((o) => ('reply' in o && o.reply.ok ? o.reply.seqs : []));
  const increasing = (xs: number[]) => xs.every((x, i) => i === 0 || x > xs[i - 1]!);

  /** The flood's messages as control sees them, in log order. */
  const floodMessages = (v: View, tag: string) => v.messages.filter((m) => m.body.startsWith(`${tag} `));

  it('a burst under the hard ceiling: the excess is rate limited with a sentence, the rest applied in order', async () => {
    const w = await world();
    const tag = nextId('burst');
    const outcomes = await Promise.all(fire(w.arn, 50, tag));
    const replies = outcomes.map((o) => ('reply' in o ? o.reply : null));
    expect(
      replies.every((r) => r !== null),
      JSON.stringify(outcomes.find((o) => 'error' in o)),
    ).toBe(true);
    const accepted = replies.filter((r) => r!.ok);
    const limited = replies.filter((r) => !r!.ok);
    // The bucket holds 20; the refill while the burst is read (10 a second) may add one or two.
    expect(accepted.length).toBeGreaterThanOrEqual(20);
    expect(accepted.length).toBeLessThanOrEqual(25);
    for (const r of limited) {
      expectRefused(r!, 'rate_limited');
      expect(r!.message).toMatch(/Too many commands/);
    }
    const seqs = seqsOf(outcomes);
    expect(increasing(seqs)).toBe(true);
    expect(seqs.at(-1)! - seqs[0]!).toBe(seqs.length - 1);
    expect(w.arn.closeCodes).toEqual([]);

    const last = seqs.at(-1)!;
    const v = await w.fac.waitFor((view) => view.exercise.seq >= last);
    const msgs = floodMessages(v, tag);
    expect(msgs.map((m) => m.seq)).toEqual(seqs);
    // Applied in the order sent.
    const order = msgs.map((m) => Number(m.body.split(' ')[1]));
    expect(increasing(order)).toBe(true);

    await expectAlive(others(w, w.arn));
    // Once the bucket refills, the flooder is served again.
    await sleep(250);
    expect(await w.arn.send({ type: 'message.send', to: ['CSM'], body: 'Calmer now.' })).toMatchObject({ ok: true });
    await expectHealthy();
  });

  it('200 commands at once: the flooder is limited or cut off, never served an error, and nobody else notices', async () => {
    const w = await world();
    const before = await snapshot(w);
    const tag = nextId('flood');
    const outcomes = await Promise.all(fire(w.arn, 200, tag));
    const replies = outcomes.flatMap((o) => ('reply' in o ? [o.reply] : []));
    const errors = outcomes.flatMap((o) => ('error' in o ? [o.error] : []));
    const limited = replies.filter((r) => !r.ok);
    for (const r of limited) {
      expectRefused(r, 'rate_limited');
      expect(r.message).toMatch(/Too many commands/);
    }
    // The soft limit answers first (refusals are replied synchronously), even if the hard ceiling
    // (Room.maxMessagesPerSecond) then cuts the flooder off.
    const cutOff = w.arn.closeCodes.includes(4002);
    expect(limited.length, `replies ${replies.length}, errors ${errors.length}, close ${w.arn.closeCodes.join(',')}`).toBeGreaterThan(0);
    if (errors.length > 0) {
      expect(cutOff).toBe(true);
      for (const e of errors) expect(e).toMatch(/connection|closed/);
    }
    const seqs = seqsOf(outcomes);
    expect(increasing(seqs)).toBe(true);

    // Others carry on.
    await expectAlive(others(w, w.arn));
    // What was applied is what the soft limit let through, contiguous and in the order sent.
    const v = w.fac.view();
    const msgs = floodMessages(v, tag);
    expect(msgs.length).toBeGreaterThan(0);
    expect(msgs.length).toBeLessThanOrEqual(25);
    expect(msgs.at(-1)!.seq - msgs[0]!.seq).toBe(msgs.length - 1);
    expect(msgs[0]!.seq).toBe(before.seq + 1);
    expect(increasing(msgs.map((m) => Number(m.body.split(' ')[1])))).toBe(true);
    for (const s of seqs) expect(msgs.map((m) => m.seq)).toContain(s);
    const logged = (await log(w)).filter((e) => e.cmd?.startsWith(`${tag}-`));
    expect(logged.map((e) => e.seq)).toEqual(msgs.map((m) => m.seq));

    // The flooder was not removed: connected or back with its token, it is served again.
    await sleep(250);
    const flooder = cutOff ? await connect(live.url, w.arn.joined) : w.arn;
    expect(await flooder.send({ type: 'message.send', to: ['CSM'], body: 'Sorry about that.' })).toMatchObject({ ok: true });
    await expectHealthy();
  });
});

describe('ordering', () => {
  it('20 concurrent messages from 3 clients are all applied, one after another, in seq order', async () => {
    const w = await world();
    const before = await snapshot(w);
    const senders = [w.arn, w.brv, w.csm];
    const tag = nextId('order');
    const sent = Array.from({ length: 20 }, (_, i) => {
      const p = senders[i % 3]!;
      const body = `${tag} ${i} from ${p.joined.nation}`;
      return p.send({ type: 'message.send', to: ['ALL'], body }).then((reply) => ({ i, p, body, reply }));
    });
    const results = await Promise.all(sent);
    for (const r of results) expect(r.reply, r.body).toMatchObject({ ok: true, duplicate: false });
    const seqOf = (r: (typeof results)[number]) => (r.reply.ok ? r.reply.seqs[0]! : -1);
    const seqs = results.map(seqOf);
    expect(new Set(seqs).size).toBe(20);
    const sorted = [...seqs].sort((a, b) => a - b);
    expect(sorted).toEqual(Array.from({ length: 20 }, (_, k) => before.seq + 1 + k));
    // Each client's own commands keep the order in which it sent them.
    for (const p of senders) {
      const mine = results.filter((r) => r.p === p).map(seqOf);
      expect(mine).toEqual([...mine].sort((a, b) => a - b));
    }

    const v = await w.fac.waitFor((view) => view.exercise.seq >= before.seq + 20);
    const msgs = v.messages.filter((m) => m.body.startsWith(`${tag} `));
    expect(msgs).toHaveLength(20);
    expect(msgs.map((m) => m.seq)).toEqual(sorted);
    for (const r of results) expect(msgs.find((m) => m.body === r.body)!.seq).toBe(seqOf(r));
    // Every nation saw the same conversation in the same order.
    for (const p of senders) {
      const pv = await p.waitFor((view) => view.exercise.seq >= before.seq + 20);
      expect(pv.messages.filter((m) => m.body.startsWith(`${tag} `)).map((m) => m.seq)).toEqual(sorted);
    }
    const logged = (await log(w)).filter((e) => e.seq > before.seq);
    expect(logged.map((e) => e.seq)).toEqual(sorted);
    await expectAlive(w.all);
  });
});
