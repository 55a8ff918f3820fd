import type { Evolvers } from '../handlers.ts';

export const lifecycleEvolvers: Evolvers<'exercise.started' | 'exercise.paused' | 'exercise.resumed' | 'exercise.ended'> = {
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
    if (s.deadline !== null) s.deadline += e.pausedMs;
  },
  'exercise.ended': (s, e) => {
    s.status = 'ended';
    s.endedReason = e.reason;
    s.deadline = null;
    s.pausedAt = null;
  },
};
