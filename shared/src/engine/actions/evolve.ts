import type { EvolversFor } from '../define.ts';
import type { actionEvents } from './events.ts';

export const actionEvolvers: EvolversFor<typeof actionEvents> = {
  'action.submitted': (s, e) => {
    s.actions[e.id] = {
      id: e.id,
      seq: e.seq,
      at: e.at,
      turn: e.turn,
      nation: e.nation,
      position: e.by.position,
      submittedBy: e.by.name,
      type: e.actionType,
      title: e.title,
      text: e.text,
      regions: e.regions,
      assets: e.assets,
      argument: e.argument,
      shared: e.shared,
      status: 'submitted',
      adjudication: null,
    };
    s.actionOrder.push(e.id);
  },
  'action.withdrawn': (s, e) => {
    const a = s.actions[e.action];
    if (a) s.actions[e.action] = { ...a, status: 'withdrawn' };
  },
};
