/**
 * Adjudication: exercise control decides outcomes and their effects on the ground truth, freely or
 * following a logged roll (a d100 on the scenario's table, or against the odds control sets), in
 * the scenario's style (docs/adjudication.md).
 */
import { own, reject, type Rejection } from '../envelope.ts';
import { isAllied, type HandlersFor } from '../define.ts';
import { currentPhase, type ActionRecord, type ExerciseState } from '../state.ts';
import { rollDie } from '../rng.ts';
import type { OperationRecord } from '../operations/records.ts';
import type { adjudicationCommands, adjudicationInfo } from './commands.ts';
import { applyEffects } from './effects.ts';
import {
  matrixSuccess,
  operationModifier,
  proposedEffects,
  proposedEscalation,
  rowChances,
  sameEffects,
  tableFor,
  tableResult,
  targetsOf,
  type AdjudicationRollRecord,
} from './tables.ts';

const assetTypeIn = (state: ExerciseState) => {
  const types = new Map(state.scenario.assets.map((a) => [a.id, a.type]));
  return (asset: string) => types.get(asset);
};

/** The open actions and launched operations a roll or an outcome names, or the refusal. */
function settled(
  state: ExerciseState,
  actionIds: readonly string[],
  operationIds: readonly string[],
):
  | { actions: ActionRecord[]; operations: OperationRecord[] }
  | Rejection<'unknown_action' | 'action_closed' | 'unknown_operation' | 'operation_not_launched'> {
  const seen = new Set<string>();
  const actions: ActionRecord[] = [];
  for (const [i, id] of actionIds.entries()) {
    const a = own(state.actions, id);
    if (!a) return reject('unknown_action', `There is no action "${id}".`, `actions[${i}]`);
    if (a.status !== 'submitted' || seen.has(id))
      return reject('action_closed', `Action "${id}" is ${seen.has(id) ? 'listed twice' : a.status}.`, `actions[${i}]`);
    seen.add(id);
    actions.push(a);
  }
  const operations: OperationRecord[] = [];
  for (const [i, id] of operationIds.entries()) {
    const op = own(state.operations, id);
    if (!op) return reject('unknown_operation', `There is no joint operation "${id}".`, `operations[${i}]`);
    if (op.status !== 'launched' || seen.has(id))
      return reject(
        'operation_not_launched',
        `Operation "${op.title}" is ${seen.has(id) ? 'listed twice' : op.status === 'adjudicated' ? 'already adjudicated' : `${op.status}, not launched`}.`,
        `operations[${i}]`,
      );
    seen.add(id);
    operations.push(op);
  }
  return { actions, operations };
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean => {
  const x = new Set(a);
  const y = new Set(b);
  return x.size === y.size && [...x].every((v) => y.has(v));
};

/** The effects a table roll's row proposes now (the current stability and strength). */
export function proposedFor(state: ExerciseState, roll: AdjudicationRollRecord, row: number) {
  const table = state.scenario.adjudicationTables.find((t) => t.id === roll.table);
  const r = table?.outcomes[row];
  if (!table || !r) return { effects: [], escalation: null };
  const actions = roll.actions.flatMap((id) => (own(state.actions, id) ? [state.actions[id]!] : []));
  const ops = roll.operations.flatMap((id) => (own(state.operations, id) ? [state.operations[id]!] : []));
  return {
    effects: proposedEffects(
      r,
      targetsOf(actions, ops),
      (id) => own(state.regions, id)?.stability,
      (id) => own(state.assets, id)?.strength,
    ),
    escalation: proposedEscalation(table, row),
  };
}

export const adjudicationHandlers: HandlersFor<typeof adjudicationCommands, typeof adjudicationInfo> = {
  'adjudication.record': (state, cmd) => {
    const found = settled(state, cmd.actions, cmd.operations);
    if ('code' in found) return found;
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

    const style = state.scenario.meta.adjudication;
    const rigid = style === 'rigid';
    let row: number | null = null;
    let success: boolean | null = null;
    /** Why the outcome needs an override rationale, if it does. */
    let departs: string | null = null;
    if (cmd.roll !== undefined) {
      const roll = own(state.adjudicationRolls, cmd.roll);
      if (!roll) return reject('unknown_roll', `There is no roll "${cmd.roll}".`, 'roll');
      if (roll.outcome !== null) return reject('roll_used', `Roll ${roll.id} already has its outcome (${roll.outcome}).`, 'roll');
      if (!sameSet(roll.actions, cmd.actions) || !sameSet(roll.operations, cmd.operations))
        return reject('roll_mismatch', `Roll ${roll.id} was for other actions or operations than this outcome settles.`, 'roll');
      if (roll.method === 'table') {
        if (cmd.success !== undefined)
          return reject('roll_mismatch', `Roll ${roll.id} is a table roll: record a row, not a result.`, 'success');
        const table = state.scenario.adjudicationTables.find((t) => t.id === roll.table);
        row = cmd.row ?? roll.row;
        if (!table || row === null || !table.outcomes[row])
          return reject('unknown_row', `The table has no row ${cmd.row ?? ''}.`.replace(' .', '.'), 'row');
        const proposal = proposedFor(state, roll, row);
        const escalation = cmd.escalation ?? null;
        if (row !== roll.row) departs = `records "${table.outcomes[row]!.label}" where the roll gave "${roll.label ?? ''}"`;
        else if (!sameEffects(cmd.effects, proposal.effects)) departs = `has other effects than the row "${roll.label ?? ''}" proposes`;
        else if ((escalation?.delta ?? 0) !== (proposal.escalation?.delta ?? 0))
          departs = `moves the escalation ladder otherwise than the row "${roll.label ?? ''}"`;
      } else {
        if (cmd.row !== undefined) return reject('roll_mismatch', `Roll ${roll.id} is a matrix roll: record a result, not a row.`, 'row');
        success = cmd.success ?? roll.success;
        if (success !== roll.success)
          departs = `records ${success ? 'success' : 'failure'} where the roll gave ${roll.success ? 'success' : 'failure'}`;
      }
    } else {
      if (cmd.row !== undefined) return reject('roll_mismatch', 'A row is recorded only with a table roll.', 'row');
      if (cmd.success !== undefined) return reject('roll_mismatch', 'A result is recorded only with a matrix roll.', 'success');
      if (style !== 'free' && cmd.actions.length + cmd.operations.length > 0)
        departs = `settles actions or operations without a roll in a ${style} scenario`;
    }
    if (departs !== null) {
      if (rigid)
        return reject(
          'override_not_allowed',
          `The scenario is rigid: the outcome ${departs}, and the roll is binding.`,
          cmd.roll ? 'roll' : 'actions',
        );
      if (cmd.override === undefined)
        return reject('override_needs_rationale', `The outcome ${departs}: say why in the override rationale.`, 'override');
    }

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
        roll: cmd.roll ?? null,
        row,
        success,
        override: cmd.override ?? null,
      },
    ];
  },
  'adjudication.roll': (state, cmd) => {
    if (cmd.actions.length + cmd.operations.length === 0)
      return reject('nothing_to_roll', 'Name the actions or operations the roll is for.', 'actions');
    const found = settled(state, cmd.actions, cmd.operations);
    if ('code' in found) return found;
    if (state.scenario.meta.adjudication === 'rigid') {
      const waiting = new Set([...cmd.actions, ...cmd.operations]);
      for (let i = state.adjudicationRollOrder.length - 1; i >= 0; i--) {
        const r = own(state.adjudicationRolls, state.adjudicationRollOrder[i] ?? '');
        if (!r || r.turn < state.turn) break;
        if (r.outcome === null && [...r.actions, ...r.operations].some((x) => waiting.has(x)))
          return reject('already_rolled', `Roll ${r.id} is waiting for its outcome, and in a rigid scenario it binds.`, 'actions');
      }
    }
    const [roll, rng] = rollDie(state.rng, 100);
    const base = {
      type: 'adjudication.rolled' as const,
      id: `R${state.seq + 1}`,
      turn: state.turn,
      actions: cmd.actions,
      operations: cmd.operations,
      note: cmd.note,
      roll,
      rng,
    };
    if (cmd.method === 'matrix') {
      if (cmd.table !== undefined) return reject('not_this_method', 'A matrix roll uses no table.', 'table');
      if (cmd.modifier !== 0) return reject('not_this_method', 'A matrix roll takes odds, not a modifier.', 'modifier');
      if (cmd.odds === undefined) return reject('odds_required', 'Set the odds of success (1–99) for a matrix roll.', 'odds');
      return [
        {
          ...base,
          method: 'matrix',
          table: null,
          modifier: 0,
          operationModifier: 0,
          adjusted: roll,
          row: null,
          label: null,
          chances: [],
          odds: cmd.odds,
          success: matrixSuccess(roll, cmd.odds),
        },
      ];
    }
    if (cmd.odds !== undefined) return reject('not_this_method', 'Odds are for a matrix roll.', 'odds');
    let table;
    if (cmd.table !== undefined) {
      table = state.scenario.adjudicationTables.find((t) => t.id === cmd.table);
      if (!table) return reject('unknown_table', `There is no table "${cmd.table}".`, 'table');
    } else {
      const type = found.actions[0]?.type ?? found.operations[0]?.actionType ?? 'diplomatic';
      table = tableFor(state.scenario, type);
      if (!table) return reject('no_table', `The scenario has no table for ${type} actions: name one, or roll against odds.`, 'table');
    }
    const assetType = assetTypeIn(state);
    const opMod = found.operations.reduce((n, op) => n + operationModifier(op, assetType), 0);
    const modifier = cmd.modifier + opMod;
    const { adjusted, row } = tableResult(table, roll, modifier);
    return [
      {
        ...base,
        method: 'table',
        table: table.id,
        modifier: cmd.modifier,
        operationModifier: opMod,
        adjusted,
        row: row < 0 ? null : row,
        label: table.outcomes[row]?.label ?? null,
        chances: rowChances(table, modifier),
        odds: null,
        success: null,
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
