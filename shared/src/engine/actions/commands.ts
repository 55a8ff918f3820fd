import { z } from 'zod';
import { ActionType, Id, longText, NationId, shortText } from '../../common.ts';
import { command, RUNNING, type CommandInfo } from '../define.ts';

export const MAX_ACTIONS_PER_TURN = 12;

/** Matrix adjudication: the team's argument for the action (action, intended result, reasons). */
export const MatrixArgument = z.strictObject({
  result: longText(2000).min(1).describe('The intended result: what the team argues will happen'),
  reasons: z.array(shortText(400).min(1)).min(1).max(6).describe('Why it should happen: each reason one line'),
});

export const ActionSubmit = command('action.submit', {
  actionType: ActionType,
  title: shortText(160),
  text: longText(4000).min(1),
  regions: z.array(Id).max(16).default([]),
  assets: z.array(Id).max(32).default([]).describe('Own assets committed to the action'),
  as: NationId.optional().describe('Facilitators only: act for the adversary'),
  argument: MatrixArgument.optional().describe('Matrix adjudication: the intended result and the reasons for it'),
  shareWithAllies: z
    .boolean()
    .default(false)
    .describe("Show this action to the allies (their 'allies' positions' picture); never the adversary's"),
});
export const ActionWithdraw = command('action.withdraw', { action: Id });

export const actionCommands = [ActionSubmit, ActionWithdraw] as const;
export type ActionCommand = z.infer<(typeof actionCommands)[number]>;

export const actionInfo = {
  'action.submit': {
    roles: ['nation', 'facilitator'],
    status: RUNNING,
    phases: { nation: ['submit'] },
    phaseWhat: 'Actions can be submitted',
    summary: `Submit an action for this turn: its type, target regions, committed assets and intent (at most ${MAX_ACTIONS_PER_TURN} per nation per turn). Exercise control submits the adversary's moves with "as".`,
    rejections: {
      not_your_nation: 'A nation cannot act for another nation.',
      unknown_region: 'A target region does not exist.',
      unknown_asset: 'An asset does not exist (answered to exercise control; a nation hears not_your_asset).',
      not_your_asset: "The sender has no asset by that id: whether it exists, is hidden or is another nation's is not said.",
      too_many: 'The per-turn limit of actions is reached.',
    },
  },
  'action.withdraw': {
    roles: ['nation', 'facilitator'],
    status: RUNNING,
    phases: { nation: ['submit'] },
    phaseWhat: 'Actions can be withdrawn',
    summary: 'Withdraw an action submitted this turn, before it is adjudicated.',
    rejections: {
      unknown_action: 'No action of the adversary has that id (answered to exercise control; a nation hears not_found).',
      not_withdrawable: 'Already adjudicated, withdrawn, or from an earlier turn.',
    },
  },
} as const satisfies Record<ActionCommand['type'], CommandInfo>;
