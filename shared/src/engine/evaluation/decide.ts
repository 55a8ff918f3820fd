/** Evaluation: evaluators write notes against injects and teams; they never reach players. */
import { own, reject } from '../envelope.ts';
import { isAllied, type HandlersFor } from '../define.ts';
import type { evaluationCommands, evaluationInfo } from './commands.ts';

export const evaluationHandlers: HandlersFor<typeof evaluationCommands, typeof evaluationInfo> = {
  'note.record': (state, cmd) => {
    if (cmd.inject !== undefined && !own(state.injects, cmd.inject))
      return reject('unknown_inject', `There is no inject "${cmd.inject}".`, 'inject');
    if (cmd.nation !== undefined && !isAllied(state, cmd.nation))
      return reject('unknown_nation', `"${cmd.nation}" is not an allied nation.`, 'nation');
    return [
      {
        type: 'note.recorded',
        id: `N${state.seq + 1}`,
        turn: state.turn,
        text: cmd.text,
        inject: cmd.inject ?? null,
        nation: cmd.nation ?? null,
      },
    ];
  },
};
