import type { EvolversFor } from '../define.ts';
import type { cohesionEvents } from './events.ts';
import { pairKey } from './records.ts';

export const cohesionEvolvers: EvolversFor<typeof cohesionEvents> = {
  'cohesion.changed': (s, e) => {
    const key = pairKey(e.a, e.b);
    const pair = s.cohesion[key];
    if (pair)
      s.cohesion[key] = {
        ...pair,
        value: e.to,
        turnStart: pair.turnStart.turn === e.turn ? pair.turnStart : { turn: e.turn, value: e.from },
      };
    s.cohesionChanges.push({
      seq: e.seq,
      at: e.at,
      turn: e.turn,
      a: e.a,
      b: e.b,
      from: e.from,
      to: e.to,
      delta: e.delta,
      clamped: e.clamped,
      reason: e.reason,
      cause: e.cause,
    });
  },
};
