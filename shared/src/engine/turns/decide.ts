/** Turn and phase rules: the white cell drives the clock; nations report ready. */
import { reject } from '../envelope.ts';
import { requireRunning } from '../define.ts';
import { currentPhase } from '../state.ts';
import type { Handlers } from '../handlers.ts';
import { enterPhase } from './schedule.ts';

export const turnHandlers: Handlers<'phase.advance' | 'phase.restart' | 'phase.extend' | 'nation.ready'> = {
  'phase.advance': (state, cmd, ctx) => {
    const refused = requireRunning(state, { allowPaused: true });
    if (refused) return refused;
    if (cmd.expect && (cmd.expect.turn !== state.turn || cmd.expect.phase !== currentPhase(state)))
      return reject(
        'stale',
        `You asked to advance from turn ${cmd.expect.turn} ${cmd.expect.phase}, but it is now turn ${state.turn} ${currentPhase(state)}.`,
        'expect',
      );
    const phases = state.scenario.clock.phases;
    let turn = state.turn;
    let index = state.phaseIndex + 1;
    if (index >= phases.length) {
      if (turn >= state.scenario.clock.turns)
        return reject('last_phase', `Turn ${turn} is the last turn and this is its last phase: end the exercise instead.`);
      turn += 1;
      index = 0;
    }
    return enterPhase(state, turn, index, ctx.at);
  },
  'phase.restart': (state, _cmd, ctx) => {
    const refused = requireRunning(state, { allowPaused: true });
    if (refused) return refused;
    return enterPhase(state, state.turn, state.phaseIndex, ctx.at, true);
  },
  'phase.extend': (state, cmd, ctx) => {
    const refused = requireRunning(state, { allowPaused: true });
    if (refused) return refused;
    const base = Math.max(state.deadline ?? ctx.at, state.status === 'paused' ? 0 : ctx.at);
    return [{ type: 'phase.extended', minutes: cmd.minutes, deadline: base + cmd.minutes * 60_000 }];
  },
  'nation.ready': (state, cmd, ctx) => {
    const refused = requireRunning(state);
    if (refused) return refused;
    const nation = ctx.actor.nation!;
    if (state.nations[nation]?.ready === cmd.ready)
      return reject('no_change', `${nation} is already marked ${cmd.ready ? 'ready' : 'not ready'}.`, 'ready');
    return [{ type: 'nation.ready', nation, ready: cmd.ready }];
  },
};
