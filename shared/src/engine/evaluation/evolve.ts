import type { EvolversFor } from '../define.ts';
import type { evaluationEvents } from './events.ts';

export const evaluationEvolvers: EvolversFor<typeof evaluationEvents> = {
  'note.recorded': (s, e) => {
    s.notes.push({
      id: e.id,
      seq: e.seq,
      at: e.at,
      turn: e.turn,
      author: e.by.name,
      role: e.by.role,
      text: e.text,
      inject: e.inject,
      nation: e.nation,
    });
  },
};
