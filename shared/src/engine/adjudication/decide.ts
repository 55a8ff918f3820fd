/** Free adjudication: exercise control decides outcomes and their effects on the ground truth. */
import { own, reject } from '../envelope.ts';
import { isAllied, type HandlersFor } from '../define.ts';
import { currentPhase } from '../state.ts';
import { rollDie } from '../rng.ts';
import type { adjudicationCommands, adjudicationInfo } from './commands.ts';
import { applyEffects } from './effects.ts';

export const adjudicationHandlers: HandlersFor<typeof adjudicationCommands, typeof adjudicationInfo> = {
  'adjudication.record': (state, cmd) => {
    const seen = new Set<string>();
    for (const [i, id] of cmd.actions.entries()) {
      const a = own(state.actions, id);
      if (!a) return reject('unknown_action', `There is no action "${id}".`, `actions[${i}]`);
      if (a.status !== 'submitted' || seen.has(id))
        return reject('action_closed', `Action "${id}" is ${seen.has(id) ? 'listed twice' : a.status}.`, `actions[${i}]`);
      seen.add(id);
    }
    const actors = new Set([...Object.keys(state.nations), state.scenario.adversary.id]);
    for (const [i, e] of cmd.effects.entries()) {
      const path = `effects[${i}]`;
      if (e.kind === 'region') {
        if (!own(state.regions, e.region)) return reject('unknown_region', `There is no region "${e.region}".`, `${path}.region`);
        if (e.controller !== undefined && e.controller !== null && !actors.has(e.controller))
          return reject('unknown_nation', `"${e.controller}" is neither an allied nation nor the adversary.`, `${path}.controller`);
        if (e.controller === undefined && e.stability === undefined)
          return reject('empty_effect', 'A region effect must change the controller or the stability.', path);
      } else {
        if (!own(state.assets, e.asset)) return reject('unknown_asset', `There is no asset "${e.asset}".`, `${path}.asset`);
        if (e.region !== undefined && !own(state.regions, e.region))
          return reject('unknown_region', `There is no region "${e.region}".`, `${path}.region`);
        if (e.region === undefined && e.strength === undefined && e.readiness === undefined && e.hidden === undefined)
          return reject('empty_effect', 'An asset effect must change its region, strength, readiness or hidden flag.', path);
      }
    }
    if (cmd.visibleTo !== 'ALL')
      for (const [i, n] of cmd.visibleTo.entries())
        if (!isAllied(state, n)) return reject('unknown_nation', `"${n}" is not an allied nation.`, `visibleTo[${i}]`);
    const phase = currentPhase(state);
    if (phase === null) return reject('not_started', 'The exercise has not started yet.');
    return [
      {
        type: 'adjudication.recorded',
        id: `J${state.seq + 1}`,
        turn: state.turn,
        phase,
        actions: cmd.actions,
        operations: [...new Set(cmd.operations)],
        title: cmd.title,
        outcome: cmd.outcome,
        rationale: cmd.rationale,
        effects: cmd.effects,
        previous: applyEffects(state.regions, state.assets, cmd.effects).previous,
        visibleTo: cmd.visibleTo === 'ALL' ? 'ALL' : [...new Set(cmd.visibleTo)].sort(),
        escalation: cmd.escalation ?? null,
      },
    ];
  },
  'dice.roll': (state, cmd) => {
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
