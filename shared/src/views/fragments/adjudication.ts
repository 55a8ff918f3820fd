/**
 * The board adjudication changes, and its outcomes. Everyone sees the map. A hidden asset is seen
 * by control and by its owner (marked hidden), never by another nation or the public, until an
 * outcome reveals it. A nation or the public reads an outcome released to it, without rationale
 * or before-values, naming only the nation's own actions, and showing only the effects on what it
 * can see: region effects, and effects on the assets it sees (its own hidden ones included).
 */
import type { AdjudicationRecord, AssetState, Effect } from '../../engine/index.ts';
import { memo } from '../memo.ts';
import type { ViewCtx } from '../context.ts';

export const canSeeAsset = ({ control, nation }: ViewCtx, a: AssetState): boolean =>
  control || !a.hidden || (nation !== null && a.owner === nation);

export const canSeeOutcome = ({ control, nation }: ViewCtx, o: AdjudicationRecord): boolean =>
  control || o.visibleTo === 'ALL' || (nation !== null && o.visibleTo.includes(nation));

/** Whether an effect of an outcome the audience reads is shown to it: a region's always, an asset's if it sees the asset. */
function canSeeEffect(ctx: ViewCtx, e: Effect): boolean {
  if (e.kind === 'region') return true;
  const a = ctx.state.assets[e.asset];
  return a === undefined || canSeeAsset(ctx, a);
}

export function map({ state, audience }: ViewCtx) {
  const s = state.scenario;
  return {
    map: {
      width: s.map.width,
      height: s.map.height,
      regions: s.map.regions.map((r) => {
        const st = state.regions[r.id]!;
        return memo(st, audience, [r.id], () => ({
          id: r.id,
          name: r.name,
          domain: r.domain,
          polygon: r.polygon,
          label: r.label ?? null,
          adjacent: r.adjacent,
          infrastructure: r.infrastructure,
          population: r.population ?? null,
          controller: st.controller,
          stability: st.stability,
        }));
      }),
    },
  };
}

export function assets(ctx: ViewCtx) {
  const { state, audience } = ctx;
  return {
    assets: state.scenario.assets.flatMap((def) => {
      const a = state.assets[def.id]!;
      if (!canSeeAsset(ctx, a)) return [];
      return [
        memo(a, audience, [def.id], () => ({
          id: def.id,
          name: def.name,
          type: def.type,
          owner: a.owner,
          region: a.region,
          strength: a.strength,
          readiness: a.readiness,
          hidden: a.hidden,
        })),
      ];
    }),
  };
}

export function outcomes(ctx: ViewCtx) {
  const { state, audience, control, nation } = ctx;
  return {
    outcomes: state.adjudications
      .filter((o) => canSeeOutcome(ctx, o))
      .map((o) => {
        if (control) return o;
        // Which effects show depends on the assets' visibility now: part of the key.
        const shown = o.effects.map((e) => canSeeEffect(ctx, e));
        return memo(o, audience, shown, () => ({
          id: o.id,
          seq: o.seq,
          at: o.at,
          turn: o.turn,
          phase: o.phase,
          // A nation sees which of its own actions an outcome settles, not the others'.
          actions: o.actions.filter((a) => nation !== null && state.actions[a]?.nation === nation),
          title: o.title,
          outcome: o.outcome,
          effects: o.effects.filter((_, i) => shown[i]),
          visibleTo: o.visibleTo,
        }));
      }),
  };
}
