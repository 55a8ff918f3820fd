/** Actions: what each nation (and control, for the adversary) puts forward in a turn. */
import type { Concern } from '../define.ts';
import type { ActionRecord } from '../state.ts';
import { actionCommands, actionInfo } from './commands.ts';
import { actionHandlers } from './decide.ts';
import { actionEvents } from './events.ts';
import { actionEvolvers } from './evolve.ts';
import { actionsBot } from './bot.ts';

export interface ActionsSlice {
  actions: Record<string, ActionRecord>;
  actionOrder: string[];
}

export const actions: Concern<typeof actionCommands, typeof actionEvents, typeof actionInfo, ActionsSlice> = {
  name: 'actions',
  summary: "Nations' actions, turn by turn.",
  commands: actionCommands,
  info: actionInfo,
  handlers: actionHandlers,
  events: actionEvents,
  evolvers: actionEvolvers,
  initial: (): ActionsSlice => ({ actions: {}, actionOrder: [] }),
  collections: ['actions', 'actionOrder'],
  bot: actionsBot,
  upcasters: [
    {
      name: 'v3→v4: action.submitted gets its matrix argument (none) and whether it is shown to the allies (no)',
      from: 3,
      to: 4,
      type: 'action.submitted',
      up: (event) => ({ argument: null, shared: false, ...event }),
    },
  ],
};
