/**
 * The board adjudication changes, and its outcomes.
 *
 * What an audience knows of the board is what it could have learnt: control sees the ground
 * truth; a nation or the public sees the scenario's initial regions and assets with the effects of
 * the outcomes it reads applied in order, and every deployment (a visible move), so a restricted
 * outcome changes only the pictures of those who read it. A nation always sees its own assets as
 * they are. A hidden asset is seen by control and by its owner (marked hidden), by another nation
 * or the public only once an outcome it reads reveals it.
 *
 * A nation or the public reads an outcome released to it, without rationale, override rationale
 * or before-values, naming only the nation's own actions and the operations it takes part in,
 * showing only the effects on what it can see (region effects, and effects on the assets it sees),
 * and the roll it followed (method, table, roll, row or result, odds) without control's note.
 */
import type { AdjudicationRecord, AssetState, DeploymentRecord, Effect, ExerciseState, RegionState } from '../../engine/index.ts';
import { memo } from '../memo.ts';
import type { ViewCtx } from '../context.ts';

export const canSeeAsset = ({ control, nation }: ViewCtx, a: AssetState): boolean =>
  control || !a.hidden || (nation !== null && a.owner === nation);

export const canSeeOutcome = ({ control, nation }: ViewCtx, o: AdjudicationRecord): boolean =>
  control || o.visibleTo === 'ALL' || (nation !== null && o.visibleTo.includes(nation));

// The known picture ------------------------------------------------------------------------------

interface Picture {
  deployments: readonly DeploymentRecord[];
  outcomesDone: number;
  deploymentsDone: number;
  /** Records are replaced when they change, so a projected record is memoised on them. */
  regions: Map<string, RegionState>;
  assets: Map<string, AssetState>;
}

/** Per adjudications array (the live state's, or a snapshot's), per audience: the picture folded so far. */
const pictures = new WeakMap<readonly AdjudicationRecord[], Map<string, Picture>>();

function freshPicture(state: ExerciseState): Picture {
  const s = state.scenario;
  return {
    deployments: state.deployments,
    outcomesDone: 0,
    deploymentsDone: 0,
    regions: new Map(s.map.regions.map((r) => [r.id, { controller: r.controller, stability: r.stability }])),
    assets: new Map(
      s.assets.map((a) => [a.id, { owner: a.owner, region: a.region, strength: a.strength, readiness: a.readiness, hidden: a.hidden }]),
    ),
  };
}

function applyKnown(p: Picture, effects: readonly Effect[]): void {
  for (const e of effects) {
    if (e.kind === 'region') {
      const r = p.regions.get(e.region);
      if (r)
        p.regions.set(e.region, {
          controller: e.controller !== undefined ? e.controller : r.controller,
          stability: e.stability ?? r.stability,
        });
    } else {
      const a = p.assets.get(e.asset);
      if (a)
        p.assets.set(e.asset, {
          owner: a.owner,
          region: e.region ?? a.region,
          strength: e.strength ?? a.strength,
          readiness: e.readiness ?? a.readiness,
          hidden: e.hidden ?? a.hidden,
        });
    }
  }
}

/**
 * The board as a non-control audience knows it: folded incrementally (each outcome and deployment
 * once, in log order), cached per audience on the state's arrays, so the cost stays linear in the
 * log. A snapshot has its own arrays, hence its own picture.
 */
export function knownPicture(ctx: ViewCtx): Pick<Picture, 'regions' | 'assets'> {
  const { state, label } = ctx;
  let byAudience = pictures.get(state.adjudications);
  if (!byAudience) pictures.set(state.adjudications, (byAudience = new Map<string, Picture>()));
  let p = byAudience.get(label);
  if (
    !p ||
    p.deployments !== state.deployments ||
    p.outcomesDone > state.adjudications.length ||
    p.deploymentsDone > state.deployments.length
  )
    byAudience.set(label, (p = freshPicture(state)));
  const outcomes = state.adjudications;
  const moves = state.deployments;
  while (p.outcomesDone < outcomes.length || p.deploymentsDone < moves.length) {
    const o = outcomes[p.outcomesDone];
    const d = moves[p.deploymentsDone];
    if (o && (!d || o.seq < d.seq)) {
      if (canSeeOutcome(ctx, o)) applyKnown(p, o.effects);
      p.outcomesDone++;
    } else if (d) {
      const a = p.assets.get(d.asset);
      if (a) p.assets.set(d.asset, { ...a, region: d.to });
      p.deploymentsDone++;
    }
  }
  return p;
}

/** A region as this audience knows it. */
export function regionAsKnown(ctx: ViewCtx, id: string): RegionState | undefined {
  return ctx.control ? ctx.state.regions[id] : knownPicture(ctx).regions.get(id);
}

/** An asset as this audience knows it (its own as they are), or undefined when it may not see it. */
export function assetAsKnown(ctx: ViewCtx, id: string): AssetState | undefined {
  const truth = ctx.state.assets[id];
  if (!truth) return undefined;
  if (ctx.control || (ctx.nation !== null && truth.owner === ctx.nation)) return truth;
  const known = knownPicture(ctx).assets.get(id);
  return known && !known.hidden ? known : undefined;
}

/** Whether an effect of an outcome the audience reads is shown to it: a region's always, an asset's if it sees the asset. */
function canSeeEffect(ctx: ViewCtx, e: Effect): boolean {
  if (e.kind === 'region') return true;
  return ctx.state.assets[e.asset] === undefined || assetAsKnown(ctx, e.asset) !== undefined;
}

// Fragments --------------------------------------------------------------------------------------

export function map(ctx: ViewCtx) {
  const { state, audience } = ctx;
  const s = state.scenario;
  return {
    map: {
      width: s.map.width,
      height: s.map.height,
      regions: s.map.regions.map((r) => {
        const st = regionAsKnown(ctx, r.id)!;
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
      const a = assetAsKnown(ctx, def.id);
      if (!a) return [];
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

/** How an outcome was reached, as its readers see it: the roll it followed, without control's note. */
export interface OutcomeMethod {
  method: 'table' | 'matrix';
  /** The table's title (table method). */
  table: string | null;
  roll: number;
  /** The roll with the modifiers (table); the roll itself (matrix). */
  adjusted: number;
  /** Total modifier applied (control's and the operation-delivery one). */
  modifier: number;
  /** Table: the row rolled, and its chance in percent. */
  label: string | null;
  chance: number | null;
  /** Matrix: the odds, and the result rolled. */
  odds: number | null;
  success: boolean | null;
  /** Control recorded another row or result, or other effects, than the roll gave (the why is control's). */
  departed: boolean;
  /** The row or result recorded. */
  recorded: string | null;
}

function methodOf(state: ExerciseState, o: AdjudicationRecord): OutcomeMethod | null {
  const r = o.roll === null ? undefined : state.adjudicationRolls[o.roll];
  if (!r) return null;
  const table = r.table === null ? undefined : state.scenario.adjudicationTables.find((t) => t.id === r.table);
  const recordedRow = o.row === null ? undefined : table?.outcomes[o.row];
  return {
    method: r.method,
    table: table?.title ?? null,
    roll: r.roll,
    adjusted: r.adjusted,
    modifier: r.modifier + r.operationModifier,
    label: r.label,
    chance: r.row === null ? null : (r.chances[r.row] ?? null),
    odds: r.odds,
    success: r.success,
    departed: o.override !== null,
    recorded: r.method === 'table' ? (recordedRow?.label ?? null) : o.success === null ? null : o.success ? 'success' : 'failure',
  };
}

export function outcomes(ctx: ViewCtx) {
  const { state, audience, control, nation } = ctx;
  return {
    outcomes: state.adjudications
      .filter((o) => canSeeOutcome(ctx, o))
      .map((o) => {
        if (control) return memo(o, audience, [], () => ({ ...o, method: methodOf(state, o) }));
        // Which effects show depends on the assets' visibility now: part of the key.
        const shown = o.effects.map((e) => canSeeEffect(ctx, e));
        return memo(o, audience, shown, () => ({
          id: o.id,
          seq: o.seq,
          at: o.at,
          turn: o.turn,
          phase: o.phase,
          // A nation sees which of its own actions an outcome settles, not the others', and the operations it takes part in.
          actions: o.actions.filter((a) => nation !== null && state.actions[a]?.nation === nation),
          operations: o.operations.filter((id) => nation !== null && state.operations[id]?.participants.includes(nation) === true),
          title: o.title,
          outcome: o.outcome,
          effects: o.effects.filter((_, i) => shown[i]),
          visibleTo: o.visibleTo,
          method: methodOf(state, o),
        }));
      }),
  };
}

/** Control's table and matrix rolls (the ones waiting for an outcome included); nobody else's. */
export function adjudicationRolls({ state, control }: ViewCtx) {
  return {
    adjudicationRolls: control
      ? state.adjudicationRollOrder.flatMap((id) => (state.adjudicationRolls[id] ? [state.adjudicationRolls[id]] : []))
      : [],
  };
}
