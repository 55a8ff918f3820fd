import type { Evolvers } from '../handlers.ts';

export const intelEvolvers: Evolvers<'intel.released'> = {
  'intel.released': (s, e) => {
    if (s.intel[e.intel]) s.intel[e.intel] = { released: true, releasedAt: e.at, releasedSeq: e.seq, releasedTurn: e.turn };
  },
};
