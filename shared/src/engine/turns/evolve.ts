import type { EvolversFor } from '../define.ts';
import type { turnEvents } from './events.ts';
import type { ExerciseState } from '../state.ts';

/** The current phase run's deadline moved (an extension, or a resume after a pause). */
export function moveLastDeadline(s: ExerciseState, deadline: number): void {
  const last = s.timeline.at(-1);
  if (last) s.timeline[s.timeline.length - 1] = { ...last, deadline };
}

export const turnEvolvers: EvolversFor<typeof turnEvents> = {
  'phase.started': (s, e) => {
    s.turn = e.turn;
    s.phaseIndex = e.phaseIndex;
    s.phaseStartedAt = e.at;
    s.deadline = e.deadline;
    s.timeline.push({ turn: e.turn, phaseIndex: e.phaseIndex, startedAt: e.at, deadline: e.deadline });
    // A phase that starts while paused keeps its full length once resumed.
    if (s.status === 'paused') s.pausedAt = e.at;
    for (const [id, n] of Object.entries(s.nations)) if (n.ready) s.nations[id] = { ready: false, readyAt: null };
  },
  'phase.extended': (s, e) => {
    s.deadline = e.deadline;
    moveLastDeadline(s, e.deadline);
  },
  'nation.ready': (s, e) => {
    if (s.nations[e.nation]) s.nations[e.nation] = { ready: e.ready, readyAt: e.ready ? e.at : null };
  },
};
