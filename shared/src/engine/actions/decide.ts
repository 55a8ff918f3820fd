/**
 * Action rules: what a nation (or control, for the adversary) may put forward in a turn. A nation
 * naming an asset or action that is not its own hears the same answer whether it exists, is
 * hidden, or belongs to someone else.
 */
import { own, reject } from '../envelope.ts';
import type { HandlersFor } from '../define.ts';
import type { ActionRecord, ExerciseState } from '../state.ts';
import { MAX_ACTIONS_PER_TURN, type actionCommands, type actionInfo } from './commands.ts';

/** Every action of this turn, in order; actions are in order, so the walk stops at the previous turn. */
export function actionsThisTurn(state: ExerciseState): ActionRecord[] {
  const out: ActionRecord[] = [];
  for (let i = state.actionOrder.length - 1; i >= 0; i--) {
    const a = own(state.actions, state.actionOrder[i] ?? '');
    if (!a || a.turn < state.turn) break;
    out.push(a);
  }
  return out.reverse();
}

export const actionHandlers: HandlersFor<typeof actionCommands, typeof actionInfo> = {
  'action.submit': (state, cmd, ctx) => {
    const { actor } = ctx;
    let nation: string;
    if (actor.role === 'nation' && actor.nation !== null) {
      if (cmd.as !== undefined && cmd.as !== actor.nation)
        return reject('not_your_nation', `You play ${actor.nation}; you cannot act for ${cmd.as}.`, 'as');
      nation = actor.nation;
    } else {
      const adversary = state.scenario.adversary.id;
      if (cmd.as !== adversary)
        return reject('not_your_nation', `Exercise control submits actions only for the adversary (as: "${adversary}").`, 'as');
      nation = adversary;
    }
    for (const [i, r] of cmd.regions.entries())
      if (!own(state.regions, r)) return reject('unknown_region', `There is no region "${r}".`, `regions[${i}]`);
    for (const [i, a] of cmd.assets.entries()) {
      const asset = own(state.assets, a);
      if (actor.role === 'nation') {
        if (asset?.owner !== nation) return reject('not_your_asset', 'You have no asset by that id.', `assets[${i}]`);
      } else {
        if (!asset) return reject('unknown_asset', `There is no asset "${a}".`, `assets[${i}]`);
        if (asset.owner !== nation)
          return reject('not_your_asset', `Asset "${a}" belongs to ${asset.owner}, not ${nation}.`, `assets[${i}]`);
      }
    }
    const count = actionsThisTurn(state).filter((a) => a.nation === nation && a.status !== 'withdrawn').length;
    if (count >= MAX_ACTIONS_PER_TURN)
      return reject(
        'too_many',
        `${nation} already has ${count} actions this turn (the limit is ${MAX_ACTIONS_PER_TURN}); withdraw one first.`,
      );
    return [
      {
        type: 'action.submitted',
        id: `A${state.seq + 1}`,
        turn: state.turn,
        nation,
        actionType: cmd.actionType,
        title: cmd.title,
        text: cmd.text,
        regions: [...new Set(cmd.regions)],
        assets: [...new Set(cmd.assets)],
        argument: cmd.argument ?? null,
        // The adversary's moves are never shown to the allies.
        shared: actor.role === 'nation' && cmd.shareWithAllies,
      },
    ];
  },
  'action.withdraw': (state, cmd, ctx) => {
    const a = own(state.actions, cmd.action);
    const nation = ctx.actor.role === 'facilitator' ? state.scenario.adversary.id : ctx.actor.nation;
    if (a?.nation !== nation)
      return ctx.actor.role === 'facilitator'
        ? reject('unknown_action', `The adversary has no action "${cmd.action}".`, 'action')
        : reject('not_found', 'You have no action by that id.', 'action');
    if (a.status !== 'submitted' || a.turn !== state.turn)
      return reject(
        'not_withdrawable',
        `Action "${cmd.action}" is ${a.status === 'submitted' ? `from turn ${a.turn}` : a.status} and cannot be withdrawn.`,
        'action',
      );
    return [{ type: 'action.withdrawn', action: cmd.action }];
  },
};
