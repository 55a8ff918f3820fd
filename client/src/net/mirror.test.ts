import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ViewMirror } from './mirror.ts';
import { parseScenarioText } from '@concord/shared/scenario/index';
import { simulate } from '@concord/shared/sim/simulate';
import { nationAudience, project } from '@concord/shared/views/index';
import { diffViews } from '../../../server/src/rooms/diff.ts';

/** What crosses the wire: a JSON round trip. */
const wire = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('ViewMirror', () => {
  const r = parseScenarioText(readFileSync(new URL('../../../scenarios/harbour-watch.json', import.meta.url), 'utf8'));
  if (!r.ok) throw new Error('scenario');

  it('follows a stream of patches to the same view as the server, and refuses a gap', () => {
    const mirror = new ViewMirror();
    let prev: ReturnType<typeof project> | null = null;
    let prevSeq = 0;
    let gapRefused = false;
    simulate(r.scenario, {
      seed: 2,
      observe: (state) => {
        const next = project(state, nationAudience('BRV'));
        if (!prev) mirror.reset(state.seq, wire(next));
        else {
          const ops = wire(diffViews(prev, next));
          if (!gapRefused && state.seq % 7 === 0) {
            expect(mirror.apply({ from: prevSeq - 1, to: state.seq, ops })).toBe(false);
            gapRefused = true;
          }
          expect(mirror.apply({ from: prevSeq, to: state.seq, ops })).toBe(true);
          expect(mirror.view).toEqual(wire(next));
        }
        prev = next;
        prevSeq = state.seq;
      },
    });
    expect(gapRefused).toBe(true);
    expect(mirror.seq).toBe(prevSeq);
  });
});
