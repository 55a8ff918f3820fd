import type { Evolvers } from '../handlers.ts';

export const adjudicationEvolvers: Evolvers<'adjudication.recorded' | 'dice.rolled'> = {
  'adjudication.recorded': (s, e) => {
    for (const eff of e.effects) {
      if (eff.kind === 'region') {
        const r = s.regions[eff.region];
        if (!r) continue;
        s.regions[eff.region] = {
          controller: eff.controller !== undefined ? eff.controller : r.controller,
          stability: eff.stability ?? r.stability,
        };
      } else {
        const a = s.assets[eff.asset];
        if (!a) continue;
        s.assets[eff.asset] = {
          owner: a.owner,
          region: eff.region ?? a.region,
          strength: eff.strength ?? a.strength,
          readiness: eff.readiness ?? a.readiness,
          hidden: eff.hidden ?? a.hidden,
        };
      }
    }
    for (const id of e.actions) {
      const a = s.actions[id];
      if (a) s.actions[id] = { ...a, status: 'adjudicated', adjudication: e.id };
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
