import type { EvolversFor } from '../define.ts';
import type { intelEvents } from './events.ts';

export const intelEvolvers: EvolversFor<typeof intelEvents> = {
  'intel.released': (s, e) => {
    if (s.intel[e.intel]) s.intel[e.intel] = { released: true, releasedAt: e.at, releasedSeq: e.seq, releasedTurn: e.turn };
  },
};
