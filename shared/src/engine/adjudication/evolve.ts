import type { Evolvers } from '../handlers.ts';

export const adjudicationEvolvers: Evolvers<'adjudication.recorded' | 'dice.rolled'> = {
  'adjudication.recorded': (s, e) => {
    for (const eff of e.effects) {
      if (eff.kind === 'region') {
        const r = s.regions[eff.region];
        if (!r) continue;
        if (eff.controller !== undefined) r.controller = eff.controller;
        if (eff.stability !== undefined) r.stability = eff.stability;
      } else {
        const a = s.assets[eff.asset];
        if (!a) continue;
        if (eff.region !== undefined) a.region = eff.region;
        if (eff.strength !== undefined) a.strength = eff.strength;
        if (eff.readiness !== undefined) a.readiness = eff.readiness;
        if (eff.hidden !== undefined) a.hidden = eff.hidden;
      }
    }
    for (const id of e.actions) {
      const a = s.actions[id];
      if (a) {
        a.status = 'adjudicated';
        a.adjudication = e.id;
      }
    }
    s.adjudications.push({
      id: e.id,
      seq: e.seq,
      at: e.at,
      turn: e.turn,
      phase: e.phase,
      actions: e.actions,
      title: e.title,
      outcome: e.outcome,
      rationale: e.rationale,
      effects: e.effects,
      previous: e.previous,
      visibleTo: e.visibleTo,
    });
  },
  'dice.rolled': (s, e) => {
    s.rng = e.rng;
    s.rolls.push({ seq: e.seq, at: e.at, turn: s.turn, purpose: e.purpose, sides: e.sides, results: e.results });
  },
};
