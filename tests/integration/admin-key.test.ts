/**
 * A server with an admin key (CONCORD_ADMIN_KEY): creating an exercise needs the key, the key
 * lists every exercise, and a facilitator token still lists only its own. One server per process
 * (the room's service is static), so this has its own file.
 */
import { describe, expect, it } from 'vitest';
import type { ApiErrorBody } from '../../shared/src/protocol/index.ts';
import { api, codeFor, join, type Created, useServer } from './support.ts';

const adminKey = 'test-admin-key-0123456789';
const live = useServer({ adminKey });

type Listing = { exercises: Array<{ id: string }> };
const errorOf = (body: unknown): ApiErrorBody['error'] => (body as ApiErrorBody).error;

async function create(scenarioId: string): Promise<Created> {
  const r = await api<Created>(live.url, 'POST', '/exercises', { scenarioId }, adminKey);
  expect(r.status).toBe(201);
  return r.body;
}

describe('a server with an admin key', () => {
  it('the admin key lists every exercise; a facilitator token only its own', async () => {
    const a = await create('harbour-watch');
    const b = await create('northern-lantern');
    const all = await api<Listing>(live.url, 'GET', '/exercises', undefined, adminKey);
    expect(all.status).toBe(200);
    expect(all.body.exercises.map((e) => e.id).sort()).toEqual([a.id, b.id].sort());
    for (const ex of [a, b]) {
      const fac = await join(live.url, codeFor(ex, 'facilitator'), 'Control');
      const own = await api<Listing>(live.url, 'GET', '/exercises', undefined, fac.token);
      expect(own.status).toBe(200);
      expect(own.body.exercises.map((e) => e.id)).toEqual([ex.id]);
    }
  });

  it('creating needs the key: no key or a facilitator token is refused, and nothing is created', async () => {
    const a = await create('harbour-watch');
    const fac = await join(live.url, codeFor(a, 'facilitator'), 'Control');
    const before = await api<Listing>(live.url, 'GET', '/exercises', undefined, adminKey);
    for (const token of [undefined, fac.token, `${adminKey}x`]) {
      const refused = await api(live.url, 'POST', '/exercises', { scenarioId: 'harbour-watch' }, token);
      expect(refused.status).toBe(401);
      expect(errorOf(refused.body).code).toBe('admin_key');
    }
    expect(await api<Listing>(live.url, 'GET', '/exercises', undefined, adminKey)).toEqual(before);
  });
});
