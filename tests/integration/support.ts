/**
 * Support for integration tests: a real server on a free port with a temporary SQLite file,
 * HTTP helpers, and real @colyseus/sdk clients that mirror their view and record raw frames.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { RecordingWebSocket } from './record-frames.ts';
import { Client, Protocol, type Room } from '@colyseus/sdk';
import { pino, type Logger } from 'pino';
import { afterAll, beforeAll, expect } from 'vitest';
import { startServer, type RunningServer, type ServerOptions } from '../../server/src/server.ts';
import { ViewMirror, type PatchMessage } from '../../client/src/net/mirror.ts';
import { COMMAND, PUSH, VIEW, type CommandDraft, type JoinResponse, type Reply } from '../../shared/src/protocol/index.ts';
import { parseJsonl, Replay } from '../../shared/src/replay/index.ts';
import type { View } from '../../shared/src/views/index.ts';

export const quietLog = () => pino({ level: process.env.TEST_LOG ?? 'silent' });

/** A logger that keeps every line (debug and up) for the test to read. */
export function captureLog(): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  return { log: pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) }), lines };
}

/** No stack trace among these log lines (pino escapes newlines, so look for both forms). */
export function expectNoStackTrace(lines: readonly string[]): void {
  for (const line of lines) {
    expect(line, 'a log line carries a stack trace').not.toMatch(/"stack"\s*:/);
    expect(line, 'a log line carries a stack trace').not.toMatch(/(\n|\\n)\s+at \S/);
  }
}

export async function tempDir(prefix = 'concord-it-'): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(joinPath(tmpdir(), prefix));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/**
 * A real server for the whole test file: booted before its tests, closed and its data removed
 * after. Read `live.server` and `live.url` inside tests.
 */
export function useServer(opts: Partial<ServerOptions> = {}): { readonly server: RunningServer; readonly url: string } {
  let server: RunningServer | null = null;
  let dir: Awaited<ReturnType<typeof tempDir>> | null = null;
  beforeAll(async () => {
    dir = await tempDir();
    server = await bootServer({ ...opts, dataDir: dir.path });
  });
  afterAll(async () => {
    await server?.close();
    await dir?.remove();
  });
  return {
    get server() {
      if (!server) throw new Error('the server is not up yet');
      return server;
    },
    get url() {
      return this.server.url;
    },
  };
}

export async function bootServer(opts: ServerOptions & { dataDir: string }): Promise<RunningServer> {
  return startServer({ port: 0, host: '127.0.0.1', log: quietLog(), clientDir: '/nonexistent', ...opts });
}

export async function api<T = unknown>(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}/api${path}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Leave non-JSON bodies (the JSONL export) as text.
  }
  return { status: res.status, body: parsed as T };
}

export interface Created {
  id: string;
  codes: Array<{ id: string; role: string; nation: string | null; label: string; code: string }>;
}

export async function createExercise(base: string, scenarioId = 'harbour-watch', seed = 1): Promise<Created> {
  const r = await api<Created>(base, 'POST', '/exercises', { scenarioId, seed });
  if (r.status !== 201) throw new Error(`create failed: ${JSON.stringify(r.body)}`);
  return r.body;
}

export const codeFor = (c: Created, role: string, nation: string | null = null): string =>
  c.codes.find((x) => x.role === role && x.nation === nation)!.code;

export async function join(base: string, code: string, displayName: string, position?: string): Promise<JoinResponse> {
  const r = await api<JoinResponse>(base, 'POST', '/join', { code, displayName, ...(position ? { position } : {}) });
  if (r.status !== 200) throw new Error(`join failed: ${JSON.stringify(r.body)}`);
  return r.body;
}

export interface Player {
  room: Room;
  mirror: ViewMirror;
  frames: Uint8Array[];
  joined: JoinResponse;
  client: Client;
  send(command: CommandDraft): Promise<Reply>;
  view(): View;
  waitFor(pred: (v: View) => boolean, ms?: number): Promise<View>;
  closeCodes: number[];
}

let counter = 0;
export const nextId = (prefix = 'c') => `${prefix}-${process.pid}-${++counter}`;

/** Connect a real SDK client with a token, mirroring its projection. */
export async function connect(base: string, joined: JoinResponse): Promise<Player> {
  const frames: Uint8Array[] = RecordingWebSocket.sinks.get(joined.token) ?? [];
  RecordingWebSocket.sinks.set(joined.token, frames);
  const client = new Client(base);
  client.auth.token = joined.token;
  const mirror = new ViewMirror();
  const closeCodes: number[] = [];
  const room: Room = await client.joinById(joined.exerciseId);
  room.reconnection.minUptime = 0;
  room.onMessage(PUSH.view, (m: { seq: number; view: View }) => mirror.reset(m.seq, m.view));
  room.onMessage(PUSH.patch, (m: PatchMessage) => {
    if (!mirror.apply(m)) void room.request('view', {}).then((r: { seq: number; view: View }) => mirror.reset(r.seq, r.view));
  });
  room.onMessage(PUSH.presence, () => undefined);
  room.onMessage(PUSH.notice, () => undefined);
  room.onLeave((code: number) => closeCodes.push(code));
  const player: Player = {
    room,
    mirror,
    frames,
    joined,
    client,
    closeCodes,
    send: (command) => room.request<unknown, Reply>(COMMAND, { id: nextId(), ...command }),
    view: () => {
      if (!mirror.view) throw new Error('no view yet');
      return mirror.view;
    },
    waitFor: (pred, ms = 5000) =>
      new Promise<View>((resolve, reject) => {
        if (mirror.view && pred(mirror.view)) return resolve(mirror.view);
        const timer = setTimeout(() => {
          off();
          reject(new Error(`view condition not met within ${ms} ms (seq ${mirror.seq})`));
        }, ms);
        const off = mirror.onChange((v) => {
          if (pred(v)) {
            clearTimeout(timer);
            off();
            resolve(v);
          }
        });
      }),
  };
  await player.waitFor(() => true);
  return player;
}

export const containsBytes = (frames: readonly Uint8Array[], text: string): boolean => {
  const needle = Buffer.from(text, 'utf8');
  return frames.some((f) => Buffer.from(f.buffer, f.byteOffset, f.byteLength).includes(needle));
};

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface RawConnection {
  socket: WebSocket;
  /** Every frame the server sent, in order. */
  frames: Uint8Array[];
  /** Settles with the close code and reason when the connection closes. */
  closed: Promise<{ code: number; reason: string }>;
}

/**
 * Join the exercise's room with a bare WebSocket, the way the SDK does but with nothing of it:
 * reserve a seat over HTTP with the token, connect, acknowledge the server's JOIN_ROOM, and
 * check with a ping that the room now reads this socket's frames. Then any bytes can be sent.
 */
export async function rawJoin(base: string, joined: JoinResponse): Promise<RawConnection> {
  const res = await fetch(`${base}/matchmake/joinById/${joined.exerciseId}`, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/json', authorization: `Bearer ${joined.token}` },
    body: '{}',
  });
  if (res.status !== 200) throw new Error(`seat reservation failed: ${res.status} ${await res.text()}`);
  const seat = (await res.json()) as { sessionId: string; roomId: string; processId?: string };
  const query = new URLSearchParams({ sessionId: seat.sessionId, _authToken: joined.token });
  const socket = new WebSocket(`${base.replace(/^http/, 'ws')}/${seat.processId ?? ''}/${seat.roomId}?${query.toString()}`);
  socket.binaryType = 'arraybuffer';
  const frames: Uint8Array[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.addEventListener('close', (ev) => resolve({ code: ev.code, reason: ev.reason })),
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the raw client did not join within 5 s')), 5000);
    socket.addEventListener('message', (ev: MessageEvent) => {
      const bytes = new Uint8Array(ev.data as ArrayBuffer);
      frames.push(bytes);
      if (bytes[0] === Protocol.JOIN_ROOM) {
        socket.send(Uint8Array.of(Protocol.JOIN_ROOM));
        socket.send(Uint8Array.of(Protocol.PING));
      } else if (bytes[0] === Protocol.PING) {
        clearTimeout(timer);
        resolve();
      }
    });
    void closed.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`the raw client was closed (${code}) before it joined`));
    });
  });
  return { socket, frames, closed };
}

// Helpers for the negotiation and treaty flows ----------------------------------------------------

/** Create an exercise from an uploaded scenario (a variant built by the test). */
export async function createExerciseFrom(base: string, scenario: unknown, seed = 1): Promise<Created> {
  const r = await api<Created>(base, 'POST', '/exercises', { scenario, seed });
  if (r.status !== 201) throw new Error(`create failed: ${JSON.stringify(r.body)}`);
  return r.body;
}

export type Accepted = Extract<Reply, { ok: true }>;
export type Refused = Extract<Reply, { ok: false }>;

/** Send a command that must be accepted: its reply, or an error naming the refusal. */
export async function accepted(p: Player, command: CommandDraft): Promise<Accepted> {
  const r = await p.send(command);
  if (!r.ok) throw new Error(`${command.type} refused: ${r.code} ${r.message}${r.path ? ` (${r.path})` : ''}`);
  return r;
}

/** Send a command that must be refused with `code`: the refusal. */
export async function refused(p: Player, command: CommandDraft, code: string): Promise<Refused> {
  const r = await p.send(command);
  expect(r, `${command.type} should be refused with ${code}`).toMatchObject({ ok: false, code });
  return r as Refused;
}

/** The last sequence number an accepted command produced. */
export const lastSeq = (r: Accepted): number => r.seqs.at(-1) ?? 0;

/**
 * A barrier: once the room answers this request, every frame the server sent this client before
 * it has arrived (one socket, in order), so the mirror and the recorded frames are complete.
 */
export async function flush(...players: Player[]): Promise<void> {
  await Promise.all(players.map((p) => p.room.request(VIEW, {})));
}

/** A copy of the client's mirrored view as it is now (patches change the mirror in place). */
export const snapshot = (p: Player): View => structuredClone(p.view());

/** The picture an audience is shown now, through `GET /api/exercises/:id/state?as=`. */
export async function stateAs(base: string, token: string, exerciseId: string, as?: string): Promise<{ seq: number; view: View }> {
  const r = await api<{ seq: number; view: View }>(
    base,
    'GET',
    `/exercises/${exerciseId}/state${as === undefined ? '' : `?as=${encodeURIComponent(as)}`}`,
    undefined,
    token,
  );
  if (r.status !== 200) throw new Error(`state failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** The exercise's log, downloaded as control does (`GET /api/exercises/:id/log`), ready to replay. */
export async function replayOf(base: string, token: string, exerciseId: string): Promise<Replay> {
  const r = await api<string>(base, 'GET', `/exercises/${exerciseId}/log`, undefined, token);
  if (r.status !== 200) throw new Error(`log failed: ${r.status}`);
  const parsed = parseJsonl(r.body);
  if (!parsed.ok) throw new Error(`log does not parse: ${parsed.problems.join('; ')}`);
  return new Replay(parsed.events);
}

/** Exercise control moves the exercise on, phase by phase, to a phase of a turn. */
export async function advanceTo(control: Player, turn: number, phase: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const x = control.view().exercise;
    if (x.turn === turn && x.phase === phase) return;
    if (x.turn > turn) throw new Error(`already past turn ${turn}`);
    const r = await accepted(control, { type: 'phase.advance', ...(x.phase === null ? {} : { expect: { turn: x.turn, phase: x.phase } }) });
    await control.waitFor((v) => v.exercise.seq >= lastSeq(r));
  }
  throw new Error(`could not reach ${phase} of turn ${turn}`);
}

/** One SDK client for every seat of an exercise: exercise control, each nation, and an observer. */
export interface Table {
  ex: Created;
  control: Player;
  nations: Record<string, Player>;
  observer: Player;
  /** Every nation's client and the observer's, with their audience labels. */
  audiences: Array<[string, Player]>;
}

export async function seatEveryone(base: string, ex: Created, nations: readonly string[]): Promise<Table> {
  const control = await connect(base, await join(base, codeFor(ex, 'facilitator'), 'White Cell'));
  const seated: Record<string, Player> = {};
  for (const n of nations) seated[n] = await connect(base, await join(base, codeFor(ex, 'nation', n), `${n} minister`, 'fm'));
  const observer = await connect(base, await join(base, codeFor(ex, 'observer'), 'Press gallery'));
  return {
    ex,
    control,
    nations: seated,
    observer,
    audiences: [...Object.entries(seated), ['public', observer]],
  };
}
