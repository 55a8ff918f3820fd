/**
 * Adjudication by table and by matrix odds: the pure rules a roll follows, shared by the engine
 * (decide computes the roll it logs, and checks a record against it), the bots and control's panel
 * (which previews the same numbers). Nothing here reads a clock or draws a number: the d100 comes
 * from `state.rng` in decide and is logged with the new generator state.
 *
 * - Table: the d100 plus the modifier (control's, and the operation-delivery modifier), clamped to
 *   1..100, picks the row whose range holds it. A row's chance is the share of the 100 raw rolls
 *   that land in it once modified.
 * - Matrix: control sets the odds of success (1..99); the roll succeeds when the d100 is at most
 *   the odds.
 */
import type { AdjudicationTable as TableSchema, Scenario } from '../../scenario/schema.ts';
import type { z } from 'zod';
import type { ActionType, AssetType } from '../../common.ts';
import type { Effect } from '../state.ts';
import { deliveredAssets, deliveredShare, type OperationRecord } from '../operations/records.ts';

export type AdjudicationTable = z.infer<typeof TableSchema>;
export type AdjudicationStyle = Scenario['meta']['adjudication'];
export type RollMethod = 'table' | 'matrix';

/** A roll as the state keeps it (and the control view shows it). */
export interface AdjudicationRollRecord {
  readonly id: string;
  readonly seq: number;
  readonly at: number;
  readonly turn: number;
  readonly method: RollMethod;
  readonly actions: readonly string[];
  readonly operations: readonly string[];
  /** The table rolled on (table method), else null. */
  readonly table: string | null;
  /** Control's modifier (table method; 0 for matrix). */
  readonly modifier: number;
  /** The operation-delivery modifier (table method: the sum over the operations settled). */
  readonly operationModifier: number;
  /** The d100, as drawn. */
  readonly roll: number;
  /** The roll with the modifiers, clamped to 1..100 (matrix: the roll itself). */
  readonly adjusted: number;
  /** Table: the index of the row the adjusted roll falls in, and its label. */
  readonly row: number | null;
  readonly label: string | null;
  /** Table: each row's chance in percent given the modifiers. Matrix: empty. */
  readonly chances: readonly number[];
  /** Matrix: the odds of success control set, and whether the roll succeeded. */
  readonly odds: number | null;
  readonly success: boolean | null;
  /** Control-only: why these odds or this modifier. */
  readonly note: string;
  /** The outcome that followed this roll, once recorded. */
  readonly outcome: string | null;
}

export const clamp100 = (v: number): number => Math.max(0, Math.min(100, Math.round(v)));
const clampRoll = (v: number): number => Math.max(1, Math.min(100, v));

/** The table for an action type, or null when the scenario has none. */
export const tableFor = (scenario: Scenario, actionType: ActionType): AdjudicationTable | null =>
  scenario.adjudicationTables.find((t) => t.actionType === actionType) ?? null;

/** The index of the row whose range holds `roll` (1..100), or -1 if the table leaves it uncovered. */
export const rowIndex = (table: AdjudicationTable, roll: number): number =>
  table.outcomes.findIndex((o) => roll >= o.range[0] && roll <= o.range[1]);

/** Each row's chance in percent (integers summing to 100 on a covering table) for a d100 with this modifier. */
export function rowChances(table: AdjudicationTable, modifier: number): number[] {
  const counts = table.outcomes.map(() => 0);
  for (let r = 1; r <= 100; r++) {
    const i = rowIndex(table, clampRoll(r + modifier));
    if (i >= 0) counts[i] = (counts[i] ?? 0) + 1;
  }
  return counts;
}

/** The table result of a drawn d100: the adjusted roll and the row it falls in (-1 if none). */
export function tableResult(table: AdjudicationTable, roll: number, modifier: number): { adjusted: number; row: number } {
  const adjusted = clampRoll(roll + modifier);
  return { adjusted, row: rowIndex(table, adjusted) };
}

/** Matrix: success when the d100 is at most the odds. */
export const matrixSuccess = (roll: number, odds: number): boolean => roll <= odds;

/**
 * The operation-delivery modifier: round(30 × (deliveredShare − 1)), so 0 when everything required
 * was delivered and −30 when nothing was.
 */
export const operationModifier = (op: OperationRecord, assetType: (asset: string) => AssetType | undefined): number =>
  Math.round(30 * (deliveredShare(op, assetType) - 1)) || 0;

/** What a table row acts on: the regions and assets of the actions and operations it settles. */
export interface Targets {
  regions: readonly string[];
  assets: readonly string[];
}

/** The regions of the actions and operations (in order, once each), and the committed and delivered assets. */
export function targetsOf(
  actions: readonly { readonly regions: readonly string[]; readonly assets: readonly string[] }[],
  operations: readonly OperationRecord[],
): Targets {
  const regions = new Set<string>();
  const assets = new Set<string>();
  for (const a of actions) {
    for (const r of a.regions) regions.add(r);
    for (const x of a.assets) assets.add(x);
  }
  for (const op of operations) {
    for (const r of op.regions) regions.add(r);
    for (const x of deliveredAssets(op)) assets.add(x);
  }
  return { regions: [...regions], assets: [...assets] };
}

/**
 * The effects a table row proposes, against the current values: its stability delta on every
 * target region and its strength delta on every target asset, clamped to 0..100. A target whose
 * value would not change gets no effect. Pure: the engine checks a record with it, the panel
 * previews with it, and a replay recomputes it.
 */
export function proposedEffects(
  row: { readonly stabilityDelta: number; readonly strengthDelta: number },
  targets: Targets,
  stabilityOf: (region: string) => number | undefined,
  strengthOf: (asset: string) => number | undefined,
): Effect[] {
  const out: Effect[] = [];
  if (row.stabilityDelta !== 0)
    for (const region of targets.regions) {
      const cur = stabilityOf(region);
      if (cur === undefined) continue;
      const next = clamp100(cur + row.stabilityDelta);
      if (next !== cur) out.push({ kind: 'region', region, stability: next });
    }
  if (row.strengthDelta !== 0)
    for (const asset of targets.assets) {
      const cur = strengthOf(asset);
      if (cur === undefined) continue;
      const next = clamp100(cur + row.strengthDelta);
      if (next !== cur) out.push({ kind: 'asset', asset, strength: next });
    }
  return out;
}

/** The escalation move a table row proposes (null when its delta is 0). */
export const proposedEscalation = (table: AdjudicationTable, row: number): { delta: number; reason: string } | null => {
  const r = table.outcomes[row];
  return r && r.escalationDelta !== 0 ? { delta: r.escalationDelta, reason: `${table.title}: ${r.label}` } : null;
};

/** Whether an adjudication without a roll must carry an override rationale (or is refused, in rigid). */
export const styleNeedsRoll = (style: AdjudicationStyle): boolean => style !== 'free';
/** The panel's default method for a style. */
export const defaultMethod = (style: AdjudicationStyle): RollMethod | 'free' =>
  style === 'matrix' ? 'matrix' : style === 'free' ? 'free' : 'table';

/** Two effect lists are the same (order and fields). */
export function sameEffects(a: readonly Effect[], b: readonly Effect[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((e, i) => {
    const f = b[i]!;
    const keys = new Set([...Object.keys(e), ...Object.keys(f)]);
    return [...keys].every((k) => (e as Record<string, unknown>)[k] === (f as Record<string, unknown>)[k]);
  });
}
