import type { Evolvers } from '../handlers.ts';

export const intelEvolvers: Evolvers<'intel.released'> = {
  'intel.released': (s, e) => {
    const r = s.intel[e.intel];
    if (!r) return;
    r.released = true;
    r.releasedAt = e.at;
    r.releasedSeq = e.seq;
    r.releasedTurn = e.turn;
  },
};
