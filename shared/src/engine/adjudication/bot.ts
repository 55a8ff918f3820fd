/**
 * Simulation moves for adjudication: in the adjudication phase exercise control settles this
 * turn's open actions a few at a time, with effects on regions and assets and sometimes a roll of
 * the dice first; in the outcome brief it sometimes records a white-cell event that settles no action.
 */
import type { BotContext, BotMove } from '../define.ts';
import type { Effect, ExerciseState } from '../state.ts';
import { actionsThisTurn } from '../actions/decide.ts';

const clamp = (v: number) => Math.max(0, Math.min(100, v));

export function adjudicationBot(state: ExerciseState, bot: BotContext): BotMove[] {
  if (state.status !== 'running' && state.status !== 'paused') return [];
  const nations = Object.keys(state.nations);
  const regions = Object.keys(state.regions);
  const moves: BotMove[] = [];

  if (bot.phase === 'adjudicate') {
    const open = actionsThisTurn(state)
      .filter((a) => a.status === 'submitted')
      .map((a) => a.id);
    while (open.length) {
      const batch = open.splice(0, bot.int(1, 3));
      const effects: Effect[] = [];
      for (const id of batch) {
        const a = state.actions[id];
        for (const r of a?.regions ?? []) {
          const region = state.regions[r];
          if (region && bot.chance(0.6)) effects.push({ kind: 'region', region: r, stability: clamp(region.stability + bot.int(-15, 10)) });
        }
        for (const asset of a?.assets ?? []) {
          const cur = state.assets[asset];
          if (!cur) continue;
          const next = bot.pick(state.scenario.map.regions.find((r) => r.id === cur.region)?.adjacent ?? []);
          if (next !== undefined && bot.chance(0.5)) effects.push({ kind: 'asset', asset, region: next });
          else
            effects.push({
              kind: 'asset',
              asset,
              strength: clamp(cur.strength - bot.int(0, 10)),
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
            purpose: `Odds for ${batch.join(', ')}`,
          },
        });
      const owners = [...new Set(batch.map((id) => state.actions[id]?.nation ?? '').filter((n) => nations.includes(n)))];
      moves.push({
        actor: 'control',
        command: {
          type: 'adjudication.record',
          actions: batch,
          title: `Outcome of ${batch.length} action${batch.length > 1 ? 's' : ''}`,
          outcome: 'The moves had partial effect; the adversary noted allied resolve and adjusted its posture.',
          rationale: 'Judged against the escalation playbook and current readiness.',
          effects,
          visibleTo: bot.chance(0.7) || owners.length === 0 ? 'ALL' : owners,
        },
      });
    }
  }

  const where = bot.phase === 'outcome' && bot.chance(0.15) ? bot.pick(regions) : undefined;
  if (where !== undefined)
    moves.push({
      actor: 'control',
      command: {
        type: 'adjudication.record',
        title: 'White cell event',
        outcome: 'Unrest spreads in the region after a night of rumours.',
        effects: [{ kind: 'region', region: where, stability: clamp((state.regions[where]?.stability ?? 50) - bot.int(1, 10)) }],
      },
    });
  return moves;
}
