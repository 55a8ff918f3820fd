/**
 * Joint operations as the state keeps them. The adjudication concern reads an operation through
 * this file only: `deliveredShare` (what was actually delivered, against what was required) and
 * `deliveredAssets`, so that an outcome weighs what the allies brought, not what they promised.
 */
import type { ActionType, AssetType } from '../../common.ts';
import type { GameDeadline } from '../turns/gametime.ts';
import type { Author, Stamp } from '../negotiation/records.ts';

/** A capability an operation needs, or a nation pledges: so many assets of a type. */
export interface CapabilityCount {
  readonly type: AssetType;
  readonly count: number;
}

/** What an operation rests on: a treaty clause, an agreement, or nothing. */
export type OperationBasis =
  | { readonly kind: 'treaty'; readonly treaty: string; readonly clause: string }
  | { readonly kind: 'agreement'; readonly agreement: string }
  | null;

export interface Contribution {
  readonly assets: readonly string[];
  readonly capabilities: readonly CapabilityCount[];
  /** Money, in millions (the scenario's currency). */
  readonly money: number;
}

export interface PledgeRecord extends Stamp {
  readonly id: string;
  readonly nation: string;
  readonly author: Author;
  readonly pledged: Contribution;
  readonly delivered: Contribution;
  readonly note: string;
  /** pledged → delivered (in full) · withdrawn (before the deadline) · broken (undelivered at launch, or withdrawn after the deadline). */
  readonly status: 'pledged' | 'delivered' | 'withdrawn' | 'broken';
  /** How many times the nation replaced its pledge (0 = as first made). */
  readonly amended: number;
  /** Each delivery, in order: what arrived and where the assets went. */
  readonly deliveries: readonly Delivery[];
  /** Why and when the pledge was withdrawn or broken. */
  readonly ended: (Stamp & { readonly reason: string }) | null;
}

export interface Delivery extends Stamp {
  readonly assets: readonly { readonly asset: string; readonly from: string; readonly to: string }[];
  readonly capabilities: readonly CapabilityCount[];
  readonly money: number;
}

export interface OperationRecord extends Stamp {
  readonly id: string;
  readonly proposer: string;
  readonly author: Author;
  readonly title: string;
  readonly objective: string;
  /** The kind of action it is, for the adjudication tables. */
  readonly actionType: ActionType;
  readonly regions: readonly string[];
  readonly requirements: readonly CapabilityCount[];
  /** Money the operation needs, in millions; 0 = none. */
  readonly funding: number;
  /** Pledges are due by the end of this phase (the clock closes pledging). */
  readonly pledgeBy: GameDeadline;
  /** The operation launches no earlier than this phase. */
  readonly launchFrom: GameDeadline;
  readonly basis: OperationBasis;
  /** The allies invited to take part (the proposer included). */
  readonly participants: readonly string[];
  readonly status: 'pledging' | 'closed' | 'launched' | 'adjudicated' | 'cancelled';
  readonly pledges: readonly PledgeRecord[];
  readonly launched: { readonly seq: number; readonly at: number; readonly turn: number } | null;
  readonly adjudication: string | null;
  /** When pledging closed (the deadline, fired by the clock, or the launch). */
  readonly closed: Stamp | null;
  readonly cancelled: (Stamp & { readonly reason: string }) | null;
}

/** Pledging, closed or launched: the assets pledged to it are spoken for. */
export const isOpen = (op: OperationRecord): boolean => op.status === 'pledging' || op.status === 'closed' || op.status === 'launched';

/** A pledge that still counts: not withdrawn. */
export const standing = (p: PledgeRecord): boolean => p.status !== 'withdrawn';

/** Units of a type in a contribution, with a lookup of the asset types. */
export function unitsOf(c: Contribution, type: AssetType, assetType: (asset: string) => AssetType | undefined): number {
  return (
    c.assets.filter((a) => assetType(a) === type).length + c.capabilities.filter((k) => k.type === type).reduce((n, k) => n + k.count, 0)
  );
}

const units = (c: Contribution): number => c.assets.length + c.capabilities.reduce((n, k) => n + k.count, 0);

/**
 * What was delivered against what was required, from 0 to 1: the mean of the capability share
 * (delivered assets of each required type, capped at the need) and the funding share. An
 * operation that requires nothing counts as fully delivered.
 */
export function deliveredShare(op: OperationRecord, assetType: (asset: string) => AssetType | undefined): number {
  const delivered = op.pledges.filter((p) => p.status !== 'withdrawn').map((p) => p.delivered);
  const shares: number[] = [];
  const need = op.requirements.reduce((n, r) => n + r.count, 0);
  if (need > 0) {
    let met = 0;
    for (const r of op.requirements) {
      const have = delivered.reduce(
        (n, c) =>
          n +
          c.assets.filter((a) => assetType(a) === r.type).length +
          c.capabilities.filter((k) => k.type === r.type).reduce((m, k) => m + k.count, 0),
        0,
      );
      met += Math.min(r.count, have);
    }
    shares.push(met / need);
  }
  if (op.funding > 0) shares.push(Math.min(1, delivered.reduce((n, c) => n + c.money, 0) / op.funding));
  return shares.length === 0 ? 1 : shares.reduce((a, b) => a + b, 0) / shares.length;
}

/** Every asset delivered to the operation, in pledge order. */
export const deliveredAssets = (op: OperationRecord): string[] =>
  op.pledges.filter((p) => p.status !== 'withdrawn').flatMap((p) => p.delivered.assets);

export const contributionUnits = units;
