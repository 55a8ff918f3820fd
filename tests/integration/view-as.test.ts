/**
 * One policy for looking through another audience's eyes (shared/src/views/access.ts), held by
 * both paths: the room's `view` request and `GET /api/exercises/:id/state?as=` answer every
 * seat and every label alike, with the same refusal or the same picture. And presence goes to
 * exercise control only.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { PUSH, type ApiErrorBody } from '../../shared/src/protocol/index.ts';
import type { View } from '../../shared/src/views/index.ts';
import { api, codeFor, connect, createExercise, join, sleep, useServer, type Created, type Player } from './support.ts';

const live = useServer({ rate: { perSecond: 1000, burst: 1000 } });

let ex: Created;
const seats = new Map<string, Player>();
const presence = new Map<string, number>();

beforeAll(async () => {
  ex = await createExercise(live.url, 'harbour-watch', 9);
  const fac = await connect(live.url, await join(live.url, codeFor(ex, 'facilitator'), 'Control'));
  expect((await fac.send({ type: 'exercise.start' })).ok).toBe(true);
  seats.set('facilitator', fac);
  seats.set('evaluator', await connect(live.url, await join(live.url, codeFor(ex, 'evaluator'), 'Eve')));
  seats.set('ARN', await connect(live.url, await join(live.url, codeFor(ex, 'nation', 'ARN'), 'Ari', 'fm')));
  seats.set('observer', await connect(live.url, await join(live.url, codeFor(ex, 'observer'), 'Press')));
  for (const [seat, p] of seats) {
    presence.set(seat, 0);
    p.room.onMessage(PUSH.presence, () => presence.set(seat, (presence.get(seat) ?? 0) + 1));
  }
});

type Room = { ok: true; seq: number; view: View } | { ok: false; code: string; message: string };

const LABELS = [undefined, 'facilitator', 'control', 'evaluator', 'observer', 'public', 'ARN', 'brv', 'CSM', 'DRX', 'XYZ', 'nobody!'];

/** What each seat may name: its own audience (or none); control anything that exists. */
const ALLOWED: Record<string, ReadonlyArray<string | undefined>> = {
  facilitator: [undefined, 'facilitator', 'control', 'evaluator', 'observer', 'public', 'ARN', 'brv', 'CSM'],
  evaluator: [undefined, 'facilitator', 'control', 'evaluator', 'observer', 'public', 'ARN', 'brv', 'CSM'],
  ARN: [undefined, 'ARN'],
  observer: [undefined, 'observer', 'public'],
};
const UNKNOWN = ['DRX', 'XYZ', 'nobody!'];

describe('viewing as another audience', () => {
  it.each(['facilitator', 'evaluator', 'ARN', 'observer'])(
    'the room and the HTTP API agree for a %s seat, label by label',
    async (seat) => {
      const p = seats.get(seat)!;
      for (const as of LABELS) {
        const room = await p.room.request<unknown, Room>('view', as === undefined ? {} : { as });
        const http = await api<{ seq: number; view: View } | ApiErrorBody>(
          live.url,
          'GET',
          `/exercises/${ex.id}/state${as === undefined ? '' : `?as=${encodeURIComponent(as)}`}`,
          undefined,
          p.joined.token,
        );
        const where = `${seat} as ${String(as)}`;
        if (ALLOWED[seat]!.includes(as)) {
          expect(room.ok, where).toBe(true);
          expect(http.status, where).toBe(200);
          expect(http.body, where).toEqual(JSON.parse(JSON.stringify({ seq: room.ok && room.seq, view: room.ok && room.view })));
        } else {
          const code = UNKNOWN.includes(as!) ? 'unknown_audience' : 'forbidden';
          expect(room, where).toMatchObject({ ok: false, code });
          expect(http.status, where).toBe(code === 'forbidden' ? 403 : 400);
          const error = (http.body as ApiErrorBody).error;
          expect({ code: error.code, message: error.message }, where).toEqual({ code, message: !room.ok && room.message });
        }
      }
    },
  );

  it('each seat without a label gets its own picture', async () => {
    const own = async (seat: string) => (await seats.get(seat)!.room.request<unknown, Room & { ok: true }>('view', {})).view.audience;
    expect(await own('facilitator')).toBe('facilitator');
    expect(await own('evaluator')).toBe('evaluator');
    expect(await own('ARN')).toBe('ARN');
    expect(await own('observer')).toBe('public');
  });
});

describe('presence', () => {
  it('goes to exercise control only', async () => {
    for (const seat of seats.keys()) presence.set(seat, 0);
    const late = await connect(live.url, await join(live.url, codeFor(ex, 'nation', 'BRV'), 'Bea'));
    await late.room.leave();
    await sleep(200);
    expect(Object.fromEntries(presence)).toEqual({ facilitator: 2, evaluator: 2, ARN: 0, observer: 0 });
  });
});
