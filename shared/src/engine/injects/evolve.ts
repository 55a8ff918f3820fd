import type { ExerciseState, InjectState } from '../state.ts';
import type { EvolversFor } from '../define.ts';
import type { injectEvents } from './events.ts';
import { newInjectState } from './schedule.ts';

export const injectEvolvers: EvolversFor<typeof injectEvents> = {
  'inject.released': (s, e) =>
    update(s, e.inject, { status: 'released', releasedAt: e.at, releasedSeq: e.seq, releasedTurn: s.turn, releaseReason: e.reason }),
  'inject.held': (s, e) => update(s, e.inject, { status: 'held', statusNote: e.note || null }),
  'inject.scheduled': (s, e) => update(s, e.inject, { status: 'scheduled', statusNote: null }),
  'inject.skipped': (s, e) => update(s, e.inject, { status: 'skipped', statusNote: e.note || null }),
  'inject.created': (s, e) => {
    s.injects[e.inject.id] = newInjectState(e.inject, true);
    s.injectOrder.push(e.inject.id);
  },
  'inject.acknowledged': (s, e) => {
    const x = s.injects[e.inject];
    if (x) update(s, e.inject, { acknowledged: { ...x.acknowledged, [e.nation]: { at: e.at, seq: e.seq, position: e.position } } });
  },
};

/** Records in the state are replaced, never changed in place, so snapshots can share them. */
function update(s: ExerciseState, id: string, patch: Partial<InjectState>): void {
  const x = s.injects[id];
  if (x) s.injects[id] = { ...x, ...patch };
}
