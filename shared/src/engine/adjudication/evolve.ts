import type { EvolversFor } from '../define.ts';
import type { adjudicationEvents } from './events.ts';
import { applyEffects } from './effects.ts';

export const adjudicationEvolvers: EvolversFor<typeof adjudicationEvents> = {
  'adjudication.recorded': (s, e) => {
    const applied = applyEffects(s.regions, s.assets, e.effects);
    for (const [id, r] of applied.regions) s.regions[id] = r;
    for (const [id, a] of applied.assets) s.assets[id] = a;
    for (const id of e.actions) {
      const a = s.actions[id];
      if (a) s.actions[id] = { ...a, status: 'adjudicated', adjudication: e.id };
    }
    for (const id of e.operations) {
      const op = s.operations[id];
      if (op) s.operations[id] = { ...op, status: 'adjudicated', adjudication: e.id };
    }
    const roll = e.roll === null ? undefined : s.adjudicationRolls[e.roll];
    if (roll && e.roll !== null) s.adjudicationRolls[e.roll] = { ...roll, outcome: e.id };
    s.adjudications.push({
      id: e.id,
      seq: e.seq,
      at: e.at,
      turn: e.turn,
      phase: e.phase,
      actions: e.actions,
      operations: e.operations,
      title: e.title,
      outcome: e.outcome,
      rationale: e.rationale,
      effects: e.effects,
      previous: e.previous,
      visibleTo: e.visibleTo,
      escalation: e.escalation,
      roll: e.roll,
      row: e.row,
      success: e.success,
      override: e.override,
    });
  },
  'adjudication.rolled': (s, e) => {
    s.rng = e.rng;
    s.adjudicationRolls[e.id] = {
      id: e.id,
      seq: e.seq,
      at: e.at,
      turn: e.turn,
      method: e.method,
      actions: e.actions,
      operations: e.operations,
      table: e.table,
      modifier: e.modifier,
      operationModifier: e.operationModifier,
      roll: e.roll,
      adjusted: e.adjusted,
      row: e.row,
      label: e.label,
      chances: e.chances,
      odds: e.odds,
      success: e.success,
      note: e.note,
      outcome: null,
    };
    s.adjudicationRollOrder.push(e.id);
  },
  'dice.rolled': (s, e) => {
    s.rng = e.rng;
    s.rolls.push({ seq: e.seq, at: e.at, turn: s.turn, purpose: e.purpose, sides: e.sides, results: e.results });
  },
};
