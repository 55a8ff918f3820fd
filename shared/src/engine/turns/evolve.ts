import type { Evolvers } from '../handlers.ts';

export const turnEvolvers: Evolvers<'phase.started' | 'phase.extended' | 'nation.ready'> = {
  'phase.started': (s, e) => {
    s.turn = e.turn;
    s.phaseIndex = e.phaseIndex;
    s.phaseStartedAt = e.at;
    s.deadline = e.deadline;
    // A phase that starts while paused keeps its full length once resumed.
    if (s.status === 'paused') s.pausedAt = e.at;
    for (const n of Object.values(s.nations)) {
      n.ready = false;
      n.readyAt = null;
    }
  },
  'phase.extended': (s, e) => {
    s.deadline = e.deadline;
  },
  'nation.ready': (s, e) => {
    const n = s.nations[e.nation];
    if (!n) return;
    n.ready = e.ready;
    n.readyAt = e.ready ? e.at : null;
  },
};
