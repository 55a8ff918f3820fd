/** Free adjudication: exercise control decides outcomes and their effects on the ground truth. */
import { own, reject } from '../envelope.ts';
import { isAllied, requirePhase, requireRunning } from '../define.ts';
import { currentPhase, type Effect } from '../state.ts';
import type { Readiness } from '../../common.ts';
import { rollDie } from '../rng.ts';
import type { Handlers } from '../handlers.ts';

export const adjudicationHandlers: Handlers<'adjudication.record' | 'dice.roll'> = {
  'adjudication.record': (state, cmd) => {
    const refused =
      requireRunning(state, { allowPaused: true }) ?? requirePhase(state, ['adjudicate', 'outcome'], 'Outcomes can be recorded');
    if (refused) return refused;
    const seen = new Set<string>();
    for (const [i, id] of cmd.actions.entries()) {
      const a = own(state.actions, id);
      if (!a) return reject('unknown_action', `There is no action "${id}".`, `actions[${i}]`);
      if (a.status !== 'submitted' || seen.has(id))
        return reject('action_closed', `Action "${id}" is ${seen.has(id) ? 'listed twice' : a.status}.`, `actions[${i}]`);
      seen.add(id);
    }
    const actors = new Set([...Object.keys(state.nations), state.scenario.adversary.id]);
    const previous: Effect[] = [];
    // Effects apply in order, so each one's "previous" is what the one before it left behind.
    const regionNow = new Map<string, { controller: string | null; stability: number }>();
    const assetNow = new Map<string, { region: string; strength: number; readiness: Readiness; hidden: boolean }>();
    for (const [i, e] of cmd.effects.entries()) {
      const path = `effects[${i}]`;
      if (e.kind === 'region') {
        const base = own(state.regions, e.region);
        if (!base) return reject('unknown_region', `There is no region "${e.region}".`, `${path}.region`);
        const r = regionNow.get(e.region) ?? base;
        if (e.controller !== undefined && e.controller !== null && !actors.has(e.controller))
          return reject('unknown_nation', `"${e.controller}" is neither an allied nation nor the adversary.`, `${path}.controller`);
        if (e.controller === undefined && e.stability === undefined)
          return reject('empty_effect', 'A region effect must change the controller or the stability.', path);
        previous.push({
          kind: 'region',
          region: e.region,
          ...(e.controller !== undefined ? { controller: r.controller } : {}),
          ...(e.stability !== undefined ? { stability: r.stability } : {}),
        });
        regionNow.set(e.region, {
          controller: e.controller !== undefined ? e.controller : r.controller,
          stability: e.stability ?? r.stability,
        });
      } else {
        const baseAsset = own(state.assets, e.asset);
        if (!baseAsset) return reject('unknown_asset', `There is no asset "${e.asset}".`, `${path}.asset`);
        const a = assetNow.get(e.asset) ?? baseAsset;
        if (e.region !== undefined && !own(state.regions, e.region))
          return reject('unknown_region', `There is no region "${e.region}".`, `${path}.region`);
        if (e.region === undefined && e.strength === undefined && e.readiness === undefined && e.hidden === undefined)
          return reject('empty_effect', 'An asset effect must change its region, strength, readiness or hidden flag.', path);
        previous.push({
          kind: 'asset',
          asset: e.asset,
          ...(e.region !== undefined ? { region: a.region } : {}),
          ...(e.strength !== undefined ? { strength: a.strength } : {}),
          ...(e.readiness !== undefined ? { readiness: a.readiness } : {}),
          ...(e.hidden !== undefined ? { hidden: a.hidden } : {}),
        });
        assetNow.set(e.asset, {
          region: e.region ?? a.region,
          strength: e.strength ?? a.strength,
          readiness: e.readiness ?? a.readiness,
          hidden: e.hidden ?? a.hidden,
        });
      }
    }
    if (cmd.visibleTo !== 'ALL')
      for (const [i, n] of cmd.visibleTo.entries())
        if (!isAllied(state, n)) return reject('unknown_nation', `"${n}" is not an allied nation.`, `visibleTo[${i}]`);
    return [
      {
        type: 'adjudication.recorded',
        id: `J${state.seq + 1}`,
        turn: state.turn,
        phase: currentPhase(state)!,
        actions: cmd.actions,
        title: cmd.title,
        outcome: cmd.outcome,
        rationale: cmd.rationale,
        effects: cmd.effects,
        previous,
        visibleTo: cmd.visibleTo === 'ALL' ? 'ALL' : [...new Set(cmd.visibleTo)].sort(),
      },
    ];
  },
  'dice.roll': (state, cmd) => {
    const refused = requireRunning(state, { allowPaused: true });
    if (refused) return refused;
    let rng = state.rng;
    const results: number[] = [];
    for (let i = 0; i < cmd.count; i++) {
      const [v, next] = rollDie(rng, cmd.sides);
      results.push(v);
      rng = next;
    }
    return [{ type: 'dice.rolled', purpose: cmd.purpose, sides: cmd.sides, results, rng }];
  },
};
