import type { EvolversFor } from '../define.ts';
import type { lifecycleEvents } from './events.ts';
import { moveLastDeadline } from '../turns/evolve.ts';

export const lifecycleEvolvers: EvolversFor<typeof lifecycleEvents> = {
  'exercise.started': (s) => {
    s.status = 'running';
  },
  'exercise.paused': (s, e) => {
    s.status = 'paused';
    s.pausedAt = e.at;
  },
  'exercise.resumed': (s, e) => {
    s.status = 'running';
    s.pausedAt = null;
    s.pausedTotalMs += e.pausedMs;
    if (s.deadline !== null) {
      s.deadline += e.pausedMs;
      moveLastDeadline(s, s.deadline);
    }
  },
  'exercise.ended': (s, e) => {
    s.status = 'ended';
    s.endedReason = e.reason;
    s.deadline = null;
    s.pausedAt = null;
  },
};
