import type { EvolversFor } from '../define.ts';
import type { escalationEvents } from './events.ts';

export const escalationEvolvers: EvolversFor<typeof escalationEvents> = {
  'escalation.moved': (s, e) => {
    s.escalationLevel = e.to;
    s.escalationMoves.push({
      seq: e.seq,
      at: e.at,
      turn: e.turn,
      from: e.from,
      to: e.to,
      delta: e.delta,
      clamped: e.clamped,
      reason: e.reason,
      cause: e.cause,
    });
  },
};
