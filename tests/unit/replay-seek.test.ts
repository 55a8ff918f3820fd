/** Replay.seek lands on command boundaries, never between two events of one command. */
import { describe, expect, it } from 'vitest';
import { decide, EngineEvent, fold } from '../../shared/src/engine/index.ts';
import { Replay, startsCommand } from '../../shared/src/replay/index.ts';
import { facilitator, Harness, nationActor } from '../helpers/harness.ts';

function played() {
  const h = new Harness();
  h.start(); // exercise.started + phase.started (+ scripted releases): one command
  h.ok(nationActor('ARN'), { type: 'message.send', to: ['BRV'], body: 'Anything on your radar?' });
  h.ok(facilitator, { type: 'phase.advance' });
  return { h, replay: new Replay(h.log) };
}

describe('Replay.seek', () => {
  it('lists every command end as a boundary, and nothing else', () => {
    const { h, replay } = played();
    const ends = h.log.filter((e, i) => {
      const next = h.log[i + 1];
      return next === undefined || startsCommand(e, next);
    });
    expect(replay.boundaries).toEqual(ends.map((e) => e.seq));
    expect(replay.boundaries[0]).toBe(1);
    expect(replay.boundaries.at(-1)).toBe(replay.lastSeq);
  });

  it('moves a position inside a command to the end of that command', () => {
    const { h, replay } = played();
    const started = h.log.find((e) => e.type === 'exercise.started');
    const firstPhase = h.log.find((e) => e.type === 'phase.started');
    expect(started?.seq).toBe(2);
    expect(firstPhase?.cmd).toBe(started?.cmd);
    const endOfStart = replay.boundaries[1];
    expect(endOfStart).toBeGreaterThanOrEqual(3);
    for (let seq = 2; seq <= (endOfStart ?? 0); seq++) {
      expect(replay.boundaryAt(seq)).toBe(endOfStart);
      expect(JSON.stringify(replay.seek(seq))).toBe(JSON.stringify(fold(h.log.slice(0, endOfStart))));
    }
    // Boundaries map to themselves; positions are clamped to the log.
    for (const b of replay.boundaries) expect(replay.boundaryAt(b)).toBe(b);
    expect(replay.boundaryAt(-5)).toBe(1);
    expect(replay.boundaryAt(10_000)).toBe(replay.lastSeq);
  });

  it('never offers the state between exercise.started and phase.started (the seed -726726226 case)', () => {
    const { replay } = played();
    const state = replay.seek(2);
    expect(state.turn).toBe(1);
    const d = decide(state, { command: { id: '0', type: 'phase.advance' }, actor: facilitator, at: 2_000_000_000_000 });
    expect(d.ok).toBe(true);
    if (d.ok) for (const e of d.events) expect(EngineEvent.safeParse(e).success).toBe(true);
  });

  it('takes turn snapshots at command boundaries', () => {
    const { replay } = played();
    for (const s of replay.snapshots) expect(replay.boundaries).toContain(s.seq);
    expect(replay.turnStart(1)).toBe(replay.boundaries[1]);
  });
});
