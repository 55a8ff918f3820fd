import { newInjectState } from '../state.ts';
import type { Evolvers } from '../handlers.ts';

export const injectEvolvers: Evolvers<
  'inject.released' | 'inject.held' | 'inject.scheduled' | 'inject.skipped' | 'inject.created' | 'inject.acknowledged'
> = {
  'inject.released': (s, e) => {
    const x = s.injects[e.inject];
    if (!x) return;
    x.status = 'released';
    x.releasedAt = e.at;
    x.releasedSeq = e.seq;
    x.releasedTurn = s.turn;
    x.releaseReason = e.reason;
  },
  'inject.held': (s, e) => {
    const x = s.injects[e.inject];
    if (!x) return;
    x.status = 'held';
    x.statusNote = e.note || null;
  },
  'inject.scheduled': (s, e) => {
    const x = s.injects[e.inject];
    if (!x) return;
    x.status = 'scheduled';
    x.statusNote = null;
  },
  'inject.skipped': (s, e) => {
    const x = s.injects[e.inject];
    if (!x) return;
    x.status = 'skipped';
    x.statusNote = e.note || null;
  },
  'inject.created': (s, e) => {
    s.injects[e.inject.id] = newInjectState(e.inject, true);
    s.injectOrder.push(e.inject.id);
  },
  'inject.acknowledged': (s, e) => {
    const x = s.injects[e.inject];
    if (x) x.acknowledged[e.nation] = { at: e.at, seq: e.seq, position: e.position };
  },
};
