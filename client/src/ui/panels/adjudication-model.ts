/**
 * What control's adjudication panel computes from the view, without the DOM: the launched
 * operations it may settle, the roll waiting for the picked actions, the row's proposed effects,
 * the preview (current value → new value, by name), and whether recording departs from the roll.
 * The effects come from the engine's own pure function, so the preview is what decide checks.
 */
import type { Effect } from '@concord/shared/engine/index';
import {
  proposedEffects,
  proposedEscalation,
  type AdjudicationRollRecord,
  type AdjudicationStyle,
  type AdjudicationTable,
} from '@concord/shared/engine/adjudication/tables';
import type { View } from '@concord/shared/views/index';
import { assetName, nationName, regionName } from '../labels.ts';

/** A launched joint operation as control's panel lists it (read from the operations view). */
export interface OperationItem {
  readonly id: string;
  readonly title: string;
  readonly proposer: string;
  readonly actionType: string;
  readonly status: string;
  readonly regions: readonly string[];
  readonly pledges?: readonly { readonly status: string; readonly delivered: { readonly assets: readonly string[] } }[];
}

/** The operations of the view that are launched and still to be adjudicated. */
export function launchedOperations(view: View): OperationItem[] {
  return view.operations.flatMap((o): OperationItem[] => (o.full && o.status === 'launched' ? [o] : []));
}

export type Table = AdjudicationTable;

const same = (a: readonly string[], b: ReadonlySet<string>) => a.length === b.size && a.every((x) => b.has(x));

/** The latest roll waiting for its outcome that covers exactly these actions and operations. */
export function waitingRoll(view: View, actions: ReadonlySet<string>, operations: ReadonlySet<string>): AdjudicationRollRecord | null {
  for (let i = view.adjudicationRolls.length - 1; i >= 0; i--) {
    const r = view.adjudicationRolls[i]!;
    if (r.outcome === null && same(r.actions, actions) && same(r.operations, operations)) return r;
  }
  return null;
}

/** The effects a table row proposes for these actions and operations, on the current values. */
export function rowProposal(
  view: View,
  row: Table['outcomes'][number],
  actions: readonly string[],
  operations: readonly OperationItem[],
): Effect[] {
  const regions = new Set<string>();
  const assets = new Set<string>();
  for (const id of actions) {
    const a = view.actions.find((x) => x.id === id);
    for (const r of a?.regions ?? []) regions.add(r);
    for (const x of a?.assets ?? []) assets.add(x);
  }
  for (const op of operations) {
    for (const r of op.regions) regions.add(r);
    for (const p of op.pledges ?? []) if (p.status !== 'withdrawn') for (const x of p.delivered.assets) assets.add(x);
  }
  return proposedEffects(
    row,
    { regions: [...regions], assets: [...assets] },
    (id) => view.map.regions.find((r) => r.id === id)?.stability,
    (id) => view.assets.find((a) => a.id === id)?.strength,
  );
}

export { proposedEscalation };

/** Each effect as "Name: field current → new". */
export function previewLines(view: View, effects: readonly Effect[]): string[] {
  return effects.map((e) => {
    if (e.kind === 'region') {
      const r = view.map.regions.find((x) => x.id === e.region);
      const parts: string[] = [];
      if (e.stability !== undefined) parts.push(`stability ${r?.stability ?? '?'} → ${e.stability}`);
      if (e.controller !== undefined)
        parts.push(
          `controller ${r?.controller ? nationName(view, r.controller) : 'no one'} → ${e.controller === null ? 'no one (contested)' : nationName(view, e.controller)}`,
        );
      return `${regionName(view, e.region)}: ${parts.join(', ')}`;
    }
    const a = view.assets.find((x) => x.id === e.asset);
    const parts: string[] = [];
    if (e.strength !== undefined) parts.push(`strength ${a?.strength ?? '?'} → ${e.strength}`);
    if (e.region !== undefined) parts.push(`${a ? regionName(view, a.region) : '?'} → ${regionName(view, e.region)}`);
    if (e.readiness !== undefined) parts.push(`readiness ${a?.readiness.replace('_', ' ') ?? '?'} → ${e.readiness.replace('_', ' ')}`);
    if (e.hidden === false) parts.push('revealed');
    return `${assetName(view, e.asset)}: ${parts.join(', ')}`;
  });
}

/** Why recording would depart from the roll (or from the style), or null when it follows. */
export function departure(
  style: AdjudicationStyle,
  roll: AdjudicationRollRecord | null,
  choice: { row: number | null; success: boolean | null; useRowEffects: boolean; settles: number },
): string | null {
  if (!roll) return style !== 'free' && choice.settles > 0 ? `A ${style} scenario adjudicates actions by roll.` : null;
  if (roll.method === 'table') {
    if (choice.row !== roll.row) return 'Another row than the one rolled.';
    if (!choice.useRowEffects) return "Other effects than the row's.";
    return null;
  }
  return choice.success !== roll.success ? 'The other result than the one rolled.' : null;
}

/** "Table: Military — d100 62 → Success (40%)" / "Matrix: 55% odds, rolled 31 → success". */
export function rollLine(r: AdjudicationRollRecord, tableTitle: string | null): string {
  if (r.method === 'matrix') return `Matrix: ${r.odds ?? 0}% odds, rolled ${r.roll} → ${r.success ? 'success' : 'failure'}`;
  const mod = r.modifier + r.operationModifier;
  const chance = r.row === null ? null : r.chances[r.row];
  return `Table: ${tableTitle ?? ''} — d100 ${r.roll}${mod ? ` ${mod > 0 ? '+' : '−'} ${Math.abs(mod)} = ${r.adjusted}` : ''} → ${r.label ?? '?'}${chance === null || chance === undefined ? '' : ` (${chance}%)`}`;
}
