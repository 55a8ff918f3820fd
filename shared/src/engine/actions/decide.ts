/** Action rules: what a nation (or control, for the adversary) may put forward in a turn. */
import { own, reject } from '../envelope.ts';
import { requirePhase, requireRunning } from '../define.ts';
import type { Handlers } from '../handlers.ts';
import { MAX_ACTIONS_PER_TURN } from './commands.ts';

export const actionHandlers: Handlers<'action.submit' | 'action.withdraw'> = {
  'action.submit': (state, cmd, ctx) => {
    const refused = requireRunning(state);
    if (refused) return refused;
    const { actor } = ctx;
    let nation: string;
    if (actor.role === 'nation') {
      if (cmd.as !== undefined && cmd.as !== actor.nation)
        return reject('not_your_nation', `You play ${actor.nation}; you cannot act for ${cmd.as}.`, 'as');
      const wrong = requirePhase(state, ['submit'], 'Actions can be submitted');
      if (wrong) return wrong;
      nation = actor.nation!;
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
      if (!asset) return reject('unknown_asset', `There is no asset "${a}".`, `assets[${i}]`);
      if (asset.owner !== nation) return reject('not_your_asset', `Asset "${a}" belongs to ${asset.owner}, not ${nation}.`, `assets[${i}]`);
    }
    let count = 0;
    for (let i = state.actionOrder.length - 1; i >= 0; i--) {
      const a = state.actions[state.actionOrder[i]!]!;
      if (a.turn < state.turn) break;
      if (a.nation === nation && a.status !== 'withdrawn') count++;
    }
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
      },
    ];
  },
  'action.withdraw': (state, cmd, ctx) => {
    const refused = requireRunning(state);
    if (refused) return refused;
    const a = own(state.actions, cmd.action);
    if (!a) return reject('unknown_action', `There is no action "${cmd.action}".`, 'action');
    const mine = ctx.actor.role === 'facilitator' ? a.nation === state.scenario.adversary.id : a.nation === ctx.actor.nation;
    if (!mine) return reject('not_your_action', `Action "${cmd.action}" belongs to ${a.nation}.`, 'action');
    if (a.status !== 'submitted' || a.turn !== state.turn)
      return reject(
        'not_withdrawable',
        `Action "${cmd.action}" is ${a.status === 'submitted' ? `from turn ${a.turn}` : a.status} and cannot be withdrawn.`,
        'action',
      );
    if (ctx.actor.role === 'nation') {
      const wrong = requirePhase(state, ['submit'], 'Actions can be withdrawn');
      if (wrong) return wrong;
    }
    return [{ type: 'action.withdrawn', action: cmd.action }];
  },
};
