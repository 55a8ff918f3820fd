/**
 * Simulation moves for forces. While actions are submitted, now and then a nation deploys one of
 * its ready assets: ground forces to a neighbouring land region, ships to a neighbouring sea, air
 * assets anywhere over land or in the air. Only where `accessTo` opens the region, and by
 * preference into an ally's region that an agreement or an activated treaty clause has opened.
 */
import type { AssetType, Domain } from '../../common.ts';
import type { BotContext, BotMove } from '../define.ts';
import type { ExerciseState } from '../state.ts';
import { accessTo, type AccessBasis } from './access.ts';

const SEA: readonly AssetType[] = ['frigate', 'submarine', 'patrol_vessel'];
const AIR: readonly AssetType[] = ['fighter', 'transport_aircraft', 'drone', 'maritime_patrol'];
const LAND: readonly AssetType[] = ['armour', 'infantry', 'artillery', 'air_defence', 'special_forces', 'logistics', 'missile'];

const NOTES: Record<AccessBasis['kind'], readonly string[]> = {
  own: ['Repositioning within national territory.', 'Dispersal to reduce exposure.'],
  open: ['Patrol in international waters and airspace.', 'Forward presence, notified to allies.'],
  agreement: ['Deployed under the basing agreement, host nation notified.', 'Rotation under the access agreement.'],
  collective_defence: ['Committed under collective defence to the attacked ally.', 'Reinforcement of the attacked ally.'],
  treaty_basing: ['Transit under the Treaty basing clause.', 'Temporary basing under the Treaty.'],
};

/** The regions an asset of this type could reach from where it is, before access is checked. */
function reachable(state: ExerciseState, type: AssetType, from: string): string[] {
  const regions = state.scenario.map.regions;
  const domainOf = new Map<string, Domain>(regions.map((r) => [r.id, r.domain]));
  const adjacent = regions.find((r) => r.id === from)?.adjacent ?? [];
  if (AIR.includes(type)) return regions.filter((r) => r.id !== from && (r.domain === 'land' || r.domain === 'air')).map((r) => r.id);
  if (SEA.includes(type)) return adjacent.filter((id) => domainOf.get(id) === 'sea');
  if (LAND.includes(type)) return adjacent.filter((id) => domainOf.get(id) === 'land');
  return [];
}

export function forcesBot(state: ExerciseState, bot: BotContext): BotMove[] {
  if (state.status !== 'running' || bot.phase !== 'submit') return [];
  const moved = new Set(state.deployments.filter((d) => d.turn === state.turn).map((d) => d.asset));
  const types = new Map(state.scenario.assets.map((a) => [a.id, a.type]));
  const moves: BotMove[] = [];
  for (const nation of Object.keys(state.nations)) {
    if (!bot.chance(0.4)) continue;
    const candidates = Object.entries(state.assets).flatMap(([id, a]) => {
      const type = types.get(id);
      if (a.owner !== nation || a.readiness === 'not_ready' || moved.has(id) || type === undefined) return [];
      return reachable(state, type, a.region).flatMap((region) => {
        const basis = accessTo(state, nation, region);
        return basis ? [{ id, region, basis }] : [];
      });
    });
    // Allied regions opened by an agreement or a treaty, when there are any, are the point of the exercise.
    const allied = candidates.filter((c) => c.basis.kind !== 'own' && c.basis.kind !== 'open');
    const move = bot.pick(allied.length && bot.chance(0.7) ? allied : candidates);
    if (!move) continue;
    moves.push({
      actor: { nation },
      command: { type: 'asset.deploy', asset: move.id, region: move.region, note: bot.pick(NOTES[move.basis.kind]) ?? '' },
    });
  }
  return moves;
}
