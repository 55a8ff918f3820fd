/** Lifecycle rules: created → started → (paused ⇄ running) → ended. */
import { reject } from '../envelope.ts';
import { enterPhase } from '../turns/schedule.ts';
import type { HandlersFor } from '../define.ts';
import type { lifecycleCommands, lifecycleInfo } from './commands.ts';

export const lifecycleHandlers: HandlersFor<typeof lifecycleCommands, typeof lifecycleInfo> = {
  'exercise.start': (state, _cmd, ctx) => {
    if (state.status !== 'setup') return reject('already_started', 'The exercise has already started.');
    return [{ type: 'exercise.started' }, ...enterPhase(state, 1, 0, ctx.at)];
  },
  'exercise.pause': (_state, cmd) => {
    return [{ type: 'exercise.paused', reason: cmd.reason }];
  },
  'exercise.resume': (state, _cmd, ctx) => {
    if (state.status !== 'paused' || state.pausedAt === null) return reject('not_paused', 'The exercise is not paused.');
    return [{ type: 'exercise.resumed', pausedMs: Math.max(0, ctx.at - state.pausedAt) }];
  },
  'exercise.end': (_state, cmd) => {
    return [{ type: 'exercise.ended', reason: cmd.reason }];
  },
};
