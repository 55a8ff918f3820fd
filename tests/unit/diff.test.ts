/** The server's view diff: applying it to the old projection gives the new one, for every audience. */
import { readFileSync } from 'node:fs';
import fastJsonPatch from 'fast-json-patch';
import { describe, expect, it } from 'vitest';
import { diffViews } from '../../server/src/rooms/diff.ts';
import { parseScenarioText } from '../../shared/src/scenario/index.ts';
import { simulate } from '../../shared/src/sim/simulate.ts';
import { CONTROL, nationAudience, project, PUBLIC } from '../../shared/src/views/index.ts';

describe('diffViews', () => {
  it('patches every audience from any position to any later one', () => {
    const r = parseScenarioText(readFileSync(new URL('../../scenarios/northern-lantern.json', import.meta.url), 'utf8'));
    if (!r.ok) throw new Error('scenario');
    const audiences = [CONTROL, PUBLIC, ...r.scenario.nations.map((n) => nationAudience(n.id))];
    const last = new Map<string, ReturnType<typeof project>>();
    let checked = 0;
    simulate(r.scenario, {
      seed: 3,
      turns: 3,
      observe: (state, e) => {
        if (e.seq % 3 !== 0) return;
        for (const a of audiences) {
          const key = JSON.stringify(a);
          const next = project(state, a);
          const prev = last.get(key);
          if (prev) {
            const copy = JSON.parse(JSON.stringify(prev)) as object;
            const patched = fastJsonPatch.applyPatch(copy, diffViews(prev, next), true, true).newDocument;
            expect(patched).toEqual(JSON.parse(JSON.stringify(next)));
            checked++;
          }
          last.set(key, next);
        }
      },
    });
    expect(checked).toBeGreaterThan(300);
  });

  it('appends to a growing list without rewriting it, and replaces what changed', () => {
    const m1 = { id: 'a' };
    const m2 = { id: 'b' };
    expect(diffViews({ messages: [m1], exercise: { seq: 1 } }, { messages: [m1, m2], exercise: { seq: 2 } })).toEqual([
      { op: 'add', path: '/messages/1', value: m2 },
      { op: 'replace', path: '/exercise/seq', value: 2 },
    ]);
    expect(diffViews({ list: [m1, m2] }, { list: [m2] })).toEqual([
      { op: 'remove', path: '/list/1' },
      { op: 'replace', path: '/list/0/id', value: 'b' },
    ]);
  });
});
