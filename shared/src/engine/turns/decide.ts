/** Turn and phase rules: the white cell drives the clock; nations report ready. */
import { reject } from '../envelope.ts';
import type { HandlersFor } from '../define.ts';
import { currentPhase } from '../state.ts';
import type { turnCommands, turnInfo } from './commands.ts';
import { enterPhase, nextPhase } from './schedule.ts';

export const turnHandlers: HandlersFor<typeof turnCommands, typeof turnInfo> = {
  'phase.advance': (state, cmd, ctx) => {
    if (cmd.expect && (cmd.expect.turn !== state.turn || cmd.expect.phase !== currentPhase(state)))
      return reject(
        'stale',
        `You asked to advance from turn ${cmd.expect.turn} ${cmd.expect.phase}, but it is now turn ${state.turn} ${currentPhase(state)}.`,
        'expect',
      );
    const next = nextPhase(state);
    if (!next) return reject('last_phase', `Turn ${state.turn} is the last turn and this is its last phase: end the exercise instead.`);
    return enterPhase(state, next.turn, next.phaseIndex, ctx.at);
  },
  'phase.restart': (state, _cmd, ctx) => {
    return enterPhase(state, state.turn, state.phaseIndex, ctx.at, true);
  },
  'phase.extend': (state, cmd, ctx) => {
    const base = Math.max(state.deadline ?? ctx.at, state.status === 'paused' ? 0 : ctx.at);
    return [{ type: 'phase.extended', minutes: cmd.minutes, deadline: base + cmd.minutes * 60_000 }];
  },
  'nation.ready': (state, cmd, ctx) => {
    const nation = ctx.nation;
    if (state.nations[nation]?.ready === cmd.ready)
      return reject('no_change', `${nation} is already marked ${cmd.ready ? 'ready' : 'not ready'}.`, 'ready');
    return [{ type: 'nation.ready', nation, ready: cmd.ready }];
  },
};
