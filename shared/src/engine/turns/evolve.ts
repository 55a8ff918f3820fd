import type { Evolvers } from '../handlers.ts';

export const turnEvolvers: Evolvers<'phase.started' | 'phase.extended' | 'nation.ready'> = {
  'phase.started': (s, e) => {
    s.turn = e.turn;
    s.phaseIndex = e.phaseIndex;
    s.phaseStartedAt = e.at;
    s.deadline = e.deadline;
    // A phase that starts while paused keeps its full length once resumed.
    if (s.status === 'paused') s.pausedAt = e.at;
    for (const id of Object.keys(s.nations)) if (s.nations[id]!.ready) s.nations[id] = { ready: false, readyAt: null };
  },
  'phase.extended': (s, e) => {
    s.deadline = e.deadline;
  },
  'nation.ready': (s, e) => {
    if (s.nations[e.nation]) s.nations[e.nation] = { ready: e.ready, readyAt: e.ready ? e.at : null };
  },
};
