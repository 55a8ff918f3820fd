/**
 * Simulation moves for adjudication. In the adjudication phase exercise control settles this
 * turn's open actions (and launched joint operations) a few at a time: by a roll on the scenario's
 * table, by a matrix roll against odds it sets when the team argued its case, or freely (with an
 * override rationale when the scenario adjudicates by roll, never in a rigid one). A roll's outcome
 * is recorded in the next round (the roll's result is only known once it is logged): mostly
 * following the row or result, sometimes departing from it with a rationale. In the outcome brief
 * it records what is still waiting, and sometimes a white-cell event that settles no action.
 *
 * Linear: it reads this turn's actions and rolls from the end of their lists, and the last few
 * operations only.
 */
import type { BotContext, BotMove } from '../define.ts';
import type { ActionRecord, Effect, ExerciseState } from '../state.ts';
import type { OperationRecord } from '../operations/records.ts';
import { actionsThisTurn } from '../actions/decide.ts';
import { clamp100, proposedEffects, proposedEscalation, tableFor, targetsOf, type AdjudicationRollRecord } from './tables.ts';

/** How many of the latest operations the bot looks at for launched ones. */
const RECENT_OPERATIONS = 20;

/** This turn's rolls still waiting for their outcome, oldest first. */
export function waitingRolls(state: ExerciseState): AdjudicationRollRecord[] {
  const out: AdjudicationRollRecord[] = [];
  for (let i = state.adjudicationRollOrder.length - 1; i >= 0; i--) {
    const r = state.adjudicationRolls[state.adjudicationRollOrder[i] ?? ''];
    if (!r || r.turn < state.turn) break;
    if (r.outcome === null) out.push(r);
  }
  return out.reverse();
}

/** Launched operations among the latest ones. */
function launchedOperations(state: ExerciseState): OperationRecord[] {
  const out: OperationRecord[] = [];
  for (let i = state.operationOrder.length - 1, n = 0; i >= 0 && n < RECENT_OPERATIONS; i--, n++) {
    const op = state.operations[state.operationOrder[i] ?? ''];
    if (op?.status === 'launched') out.push(op);
  }
  return out.reverse();
}

export function adjudicationBot(state: ExerciseState, bot: BotContext): BotMove[] {
  if (state.status !== 'running' && state.status !== 'paused') return [];
  if (bot.phase !== 'adjudicate' && bot.phase !== 'outcome') return [];
  const style = state.scenario.meta.adjudication;
  const rigid = style === 'rigid';
  const nations = Object.keys(state.nations);
  const regions = Object.keys(state.regions);
  const moves: BotMove[] = [];

  // What the moves already planned this round leave behind, so that a later record's proposal is
  // computed on the values decide will see.
  const stability = new Map<string, number>();
  const strength = new Map<string, number>();
  const stabilityOf = (r: string) => stability.get(r) ?? state.regions[r]?.stability;
  const strengthOf = (a: string) => strength.get(a) ?? state.assets[a]?.strength;
  const record = (command: Extract<BotMove['command'], { type: 'adjudication.record' }>) => {
    for (const e of command.effects ?? []) {
      if (e.kind === 'region' && e.stability !== undefined) stability.set(e.region, e.stability);
      if (e.kind === 'asset' && e.strength !== undefined) strength.set(e.asset, e.strength);
    }
    moves.push({ actor: 'control', command });
  };
  const owners = (actions: readonly ActionRecord[]) => [...new Set(actions.map((a) => a.nation).filter((n) => nations.includes(n)))];
  const audience = (actions: readonly ActionRecord[]) => {
    const o = owners(actions);
    return bot.chance(0.7) || o.length === 0 ? ('ALL' as const) : o;
  };
  const actionsOf = (ids: readonly string[]) => ids.flatMap((id) => (state.actions[id] ? [state.actions[id]] : []));
  const operationsOf = (ids: readonly string[]) => ids.flatMap((id) => (state.operations[id] ? [state.operations[id]] : []));

  // 1. The outcomes of the rolls made earlier this turn.
  const waiting = waitingRolls(state);
  for (const roll of waiting) {
    const acts = actionsOf(roll.actions);
    const ops = operationsOf(roll.operations);
    const targets = targetsOf(acts, ops);
    const base = {
      type: 'adjudication.record' as const,
      actions: [...roll.actions],
      operations: [...roll.operations],
      roll: roll.id,
      rationale:
        roll.method === 'table' ? `d100 ${roll.roll}, adjusted ${roll.adjusted}.` : `Odds ${roll.odds ?? 0}%, rolled ${roll.roll}.`,
      visibleTo: audience(acts),
    };
    if (roll.method === 'table') {
      const table = state.scenario.adjudicationTables.find((t) => t.id === roll.table);
      if (!table || roll.row === null) continue;
      const follow = rigid || table.outcomes.length < 2 || bot.chance(0.75);
      const row = follow ? roll.row : (roll.row + bot.int(1, table.outcomes.length - 1)) % table.outcomes.length;
      const r = table.outcomes[row]!;
      const escalation = proposedEscalation(table, row);
      record({
        ...base,
        title: `${table.title}: ${r.label}`,
        outcome: r.description,
        effects: proposedEffects(r, targets, stabilityOf, strengthOf),
        ...(escalation ? { escalation } : {}),
        ...(follow
          ? {}
          : { row, override: `The table's "${roll.label ?? ''}" does not fit what the teams actually did; "${r.label}" does.` }),
      });
    } else {
      const follow = rigid || bot.chance(0.85);
      const success = follow ? roll.success === true : roll.success !== true;
      const effects: Effect[] = targets.regions.flatMap((region) => {
        const cur = stabilityOf(region);
        if (cur === undefined) return [];
        const next = clamp100(cur + (success ? bot.int(2, 8) : -bot.int(2, 8)));
        return next === cur ? [] : [{ kind: 'region' as const, region, stability: next }];
      });
      const intended = acts.find((a) => a.argument)?.argument?.result;
      record({
        ...base,
        title: success ? 'The argued result comes about' : 'The argued result does not come about',
        outcome: success
          ? `As the team argued: ${intended ?? 'the intended result is achieved.'}`
          : 'The counter-arguments prevail; the intended result is not achieved this turn.',
        effects,
        ...(follow ? {} : { success, override: 'The adversary had already pre-empted the move: the white cell reverses the roll.' }),
      });
    }
  }

  if (bot.phase === 'adjudicate') {
    // 2. This turn's open actions and launched operations that no roll is waiting on, in batches.
    const rolled = new Set(waiting.flatMap((r) => [...r.actions, ...r.operations]));
    const open = actionsThisTurn(state).filter((a) => a.status === 'submitted' && !rolled.has(a.id));
    const ops = launchedOperations(state).filter((op) => !rolled.has(op.id));
    while (open.length || ops.length) {
      const batch = open.splice(0, ops.length && bot.chance(0.5) ? 0 : bot.int(1, 3));
      const opBatch = batch.length === 0 ? ops.splice(0, 1) : [];
      if (batch.length === 0 && opBatch.length === 0) break;
      const ids = batch.map((a) => a.id);
      const opIds = opBatch.map((o) => o.id);
      const type = batch[0]?.type ?? opBatch[0]?.actionType ?? 'diplomatic';
      const hasTable = tableFor(state.scenario, type) !== null;
      const argued = batch.length > 0 && batch.every((a) => a.argument !== null);
      if (argued && (bot.chance(0.6) || (rigid && !hasTable)))
        moves.push({
          actor: 'control',
          command: {
            type: 'adjudication.roll',
            method: 'matrix',
            actions: ids,
            operations: opIds,
            odds: bot.int(2, 16) * 5,
            note: 'Weighed the strength of the argument and the counter-arguments.',
          },
        });
      else if (hasTable && (rigid || style !== 'free' ? bot.chance(0.8) : bot.chance(0.4)))
        moves.push({
          actor: 'control',
          command: {
            type: 'adjudication.roll',
            method: 'table',
            actions: ids,
            operations: opIds,
            modifier: bot.chance(0.5) ? 0 : bot.int(-2, 2) * 5,
            note: 'Readiness and timing of the forces committed.',
          },
        });
      else if (!rigid || opBatch.length + batch.length === 0) {
        // Free: control's own judgement, effects and all.
        const effects: Effect[] = [];
        for (const a of batch) {
          for (const r of a.regions) {
            const cur = stabilityOf(r);
            if (cur !== undefined && bot.chance(0.6))
              effects.push({ kind: 'region', region: r, stability: clamp100(cur + bot.int(-15, 10)) });
          }
          for (const asset of a.assets) {
            const cur = state.assets[asset];
            if (!cur) continue;
            const next = bot.pick(state.scenario.map.regions.find((r) => r.id === cur.region)?.adjacent ?? []);
            if (next !== undefined && bot.chance(0.5)) effects.push({ kind: 'asset', asset, region: next });
            else
              effects.push({
                kind: 'asset',
                asset,
                strength: clamp100((strengthOf(asset) ?? cur.strength) - bot.int(0, 10)),
                readiness: bot.pick(['ready', 'limited'] as const) ?? 'ready',
              });
          }
        }
        const region = bot.chance(0.05) ? bot.pick(regions) : undefined;
        if (region !== undefined)
          effects.push({
            kind: 'region',
            region,
            controller: bot.chance(0.5) ? null : (bot.pick([...nations, state.scenario.adversary.id]) ?? null),
          });
        const hidden = bot.chance(0.1) ? bot.pick(Object.keys(state.assets).filter((id) => state.assets[id]?.hidden)) : undefined;
        if (hidden !== undefined) effects.push({ kind: 'asset', asset: hidden, hidden: false });
        if (bot.chance(0.2))
          moves.push({
            actor: 'control',
            command: {
              type: 'dice.roll',
              sides: bot.pick([6, 20, 100]) ?? 100,
              count: bot.int(1, 2),
              purpose: `Odds for ${[...ids, ...opIds].join(', ')}`,
            },
          });
        const n = batch.length + opBatch.length;
        record({
          type: 'adjudication.record',
          actions: ids,
          operations: opIds,
          title: `Outcome of ${n} move${n > 1 ? 's' : ''}`,
          outcome: 'The moves had partial effect; the adversary noted allied resolve and adjusted its posture.',
          rationale: 'Judged against the escalation playbook and current readiness.',
          effects,
          visibleTo: audience(batch),
          ...(bot.chance(0.1) ? { escalation: { delta: bot.chance(0.5) ? 1 : -1, reason: 'The adversary reads the allied moves' } } : {}),
          ...(style === 'free' ? {} : { override: 'No table fits these moves: the white cell judges them directly.' }),
        });
      }
    }
  }

  const where = bot.phase === 'outcome' && bot.chance(0.15) ? bot.pick(regions) : undefined;
  if (where !== undefined)
    record({
      type: 'adjudication.record',
      title: 'White cell event',
      outcome: 'Unrest spreads in the region after a night of rumours.',
      effects: [{ kind: 'region', region: where, stability: clamp100((stabilityOf(where) ?? 50) - bot.int(1, 10)) }],
    });
  return moves;
}
