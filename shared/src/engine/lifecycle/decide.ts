/** Lifecycle rules: created → started → (paused ⇄ running) → ended. */
import { reject } from '../envelope.ts';
import { requireRunning } from '../define.ts';
import { enterPhase } from '../turns/schedule.ts';
import type { Handlers } from '../handlers.ts';

export const lifecycleHandlers: Handlers<'exercise.start' | 'exercise.pause' | 'exercise.resume' | 'exercise.end'> = {
  'exercise.start': (state, _cmd, ctx) => {
    if (state.status !== 'setup') return reject('already_started', 'The exercise has already started.');
    return [{ type: 'exercise.started' }, ...enterPhase(state, 1, 0, ctx.at)];
  },
  'exercise.pause': (state, cmd) => {
    const refused = requireRunning(state);
    if (refused) return refused.code === 'paused' ? reject('paused', 'The exercise is already paused.') : refused;
    return [{ type: 'exercise.paused', reason: cmd.reason }];
  },
  'exercise.resume': (state, _cmd, ctx) => {
    if (state.status !== 'paused' || state.pausedAt === null) return reject('not_paused', 'The exercise is not paused.');
    return [{ type: 'exercise.resumed', pausedMs: Math.max(0, ctx.at - state.pausedAt) }];
  },
  'exercise.end': (state, cmd) => {
    const refused = requireRunning(state, { allowPaused: true });
    if (refused) return refused;
    return [{ type: 'exercise.ended', reason: cmd.reason }];
  },
};
