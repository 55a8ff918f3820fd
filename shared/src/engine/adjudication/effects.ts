/**
 * The one place where effects are applied. Decide uses it to compute the before-values it logs,
 * evolve to write the result; both get the same answer because it is the same function.
 *
 * Effects apply in order, so each one's "previous" is what the one before it left behind.
 */
import type { AssetState, Effect, RegionState } from '../state.ts';

export interface Applied {
  /** The new record of every region and asset the effects touch (the last value wins). */
  regions: Map<string, RegionState>;
  assets: Map<string, AssetState>;
  /** Before-values of every changed field, one entry per effect. */
  previous: Effect[];
}

export function applyEffects(
  regions: Readonly<Record<string, RegionState>>,
  assets: Readonly<Record<string, AssetState>>,
  effects: readonly Effect[],
): Applied {
  const out: Applied = { regions: new Map(), assets: new Map(), previous: [] };
  for (const e of effects) {
    if (e.kind === 'region') {
      const r = out.regions.get(e.region) ?? (Object.hasOwn(regions, e.region) ? regions[e.region] : undefined);
      if (!r) continue;
      out.previous.push({
        kind: 'region',
        region: e.region,
        ...(e.controller !== undefined ? { controller: r.controller } : {}),
        ...(e.stability !== undefined ? { stability: r.stability } : {}),
      });
      out.regions.set(e.region, {
        controller: e.controller !== undefined ? e.controller : r.controller,
        stability: e.stability ?? r.stability,
      });
    } else {
      const a = out.assets.get(e.asset) ?? (Object.hasOwn(assets, e.asset) ? assets[e.asset] : undefined);
      if (!a) continue;
      out.previous.push({
        kind: 'asset',
        asset: e.asset,
        ...(e.region !== undefined ? { region: a.region } : {}),
        ...(e.strength !== undefined ? { strength: a.strength } : {}),
        ...(e.readiness !== undefined ? { readiness: a.readiness } : {}),
        ...(e.hidden !== undefined ? { hidden: a.hidden } : {}),
      });
      out.assets.set(e.asset, {
        owner: a.owner,
        region: e.region ?? a.region,
        strength: e.strength ?? a.strength,
        readiness: e.readiness ?? a.readiness,
        hidden: e.hidden ?? a.hidden,
      });
    }
  }
  return out;
}
