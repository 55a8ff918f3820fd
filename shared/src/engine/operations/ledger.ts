/**
 * The burden-sharing ledger: per allied nation, what it pledged and what it delivered to joint
 * operations, against its fair share.
 *
 * - Pledged counts every pledge that stands (delivered, still pledged, or broken), not the
 *   withdrawn ones; cancelled operations count for nothing.
 * - Units are assets plus capability units; money is in millions.
 * - A nation's pledge rate is its `pledgePct` (% of GDP pledged to defence): the highest of the
 *   burden-sharing clauses that bind it, among the scenario's treaties and the agreements in force
 *   (only those the reader knows of). Its weight is GDP × pledgePct / 100 (billions a year).
 * - Its fair share is its weight over the sum of the weights of the nations that have a rate; its
 *   fair units and money are that share of everything the alliance delivered. A nation without a
 *   rate has no fair share (shown as such), and the shares of the others still sum to 1.
 */
import type { ExerciseState } from '../state.ts';
import { inForce } from '../negotiation/records.ts';
import { contributionUnits, standing, type OperationRecord } from './records.ts';

export type PledgeSource =
  | { readonly kind: 'treaty'; readonly treaty: string; readonly clause: string }
  | { readonly kind: 'agreement'; readonly agreement: string };

export interface LedgerRow {
  readonly nation: string;
  readonly pledgedUnits: number;
  readonly pledgedMoney: number;
  readonly deliveredUnits: number;
  readonly deliveredMoney: number;
  /** Pledges broken: undelivered at launch, or withdrawn after the deadline. */
  readonly broken: number;
  readonly pledgePct: number | null;
  readonly source: PledgeSource | null;
  /** Share of the alliance's burden, 0–1, or null without a pledge rate. */
  readonly fairShare: number | null;
  readonly fairUnits: number | null;
  readonly fairMoney: number | null;
}

export interface Ledger {
  readonly rows: readonly LedgerRow[];
  readonly totals: {
    readonly pledgedUnits: number;
    readonly pledgedMoney: number;
    readonly deliveredUnits: number;
    readonly deliveredMoney: number;
  };
}

/** The pledge rate binding a nation, from the sources the reader knows, with where it comes from. */
export function pledgeRate(
  state: ExerciseState,
  nation: string,
  knows: (source: PledgeSource) => boolean,
): { pct: number; source: PledgeSource } | null {
  let best: { pct: number; source: PledgeSource } | null = null;
  for (const t of state.scenario.treaties) {
    if (!t.parties.includes(nation)) continue;
    for (const c of t.clauses) {
      const source: PledgeSource = { kind: 'treaty', treaty: t.id, clause: c.id };
      if (c.type === 'burden_sharing' && c.pledgePct !== undefined && (best === null || c.pledgePct > best.pct) && knows(source))
        best = { pct: c.pledgePct, source };
    }
  }
  for (const id of state.agreementOrder) {
    const a = state.agreements[id];
    if (!a || !inForce(a) || !a.bound.includes(nation)) continue;
    const v = a.versions.find((x) => x.number === a.inForce?.version);
    const source: PledgeSource = { kind: 'agreement', agreement: a.id };
    for (const c of v?.clauses ?? [])
      if (c.type === 'burden_sharing' && (best === null || c.pledgePct > best.pct) && knows(source)) best = { pct: c.pledgePct, source };
  }
  return best;
}

export function burdenLedger(state: ExerciseState, ops: readonly OperationRecord[], knows: (source: PledgeSource) => boolean): Ledger {
  const sums = new Map<string, { pu: number; pm: number; du: number; dm: number; broken: number }>();
  const nations = Object.keys(state.nations).sort();
  for (const n of nations) sums.set(n, { pu: 0, pm: 0, du: 0, dm: 0, broken: 0 });
  for (const op of ops) {
    if (op.status === 'cancelled') continue;
    for (const p of op.pledges) {
      const s = sums.get(p.nation);
      if (!s || !standing(p)) continue;
      s.pu += contributionUnits(p.pledged);
      s.pm += p.pledged.money;
      s.du += contributionUnits(p.delivered);
      s.dm += p.delivered.money;
      if (p.status === 'broken') s.broken++;
    }
  }
  const totals = { pledgedUnits: 0, pledgedMoney: 0, deliveredUnits: 0, deliveredMoney: 0 };
  for (const s of sums.values()) {
    totals.pledgedUnits += s.pu;
    totals.pledgedMoney += s.pm;
    totals.deliveredUnits += s.du;
    totals.deliveredMoney += s.dm;
  }
  const rates = new Map(nations.map((n) => [n, pledgeRate(state, n, knows)]));
  const weight = (n: string): number => {
    const r = rates.get(n);
    const gdp = state.scenario.nations.find((x) => x.id === n)?.resources.gdpBillion ?? 0;
    return r ? (gdp * r.pct) / 100 : 0;
  };
  const total = nations.reduce((w, n) => w + weight(n), 0);
  const rows = nations.map((n): LedgerRow => {
    const s = sums.get(n)!;
    const r = rates.get(n) ?? null;
    const share = r && total > 0 ? weight(n) / total : null;
    return {
      nation: n,
      pledgedUnits: s.pu,
      pledgedMoney: s.pm,
      deliveredUnits: s.du,
      deliveredMoney: s.dm,
      broken: s.broken,
      pledgePct: r?.pct ?? null,
      source: r?.source ?? null,
      fairShare: share,
      fairUnits: share === null ? null : share * totals.deliveredUnits,
      fairMoney: share === null ? null : share * totals.deliveredMoney,
    };
  });
  return { rows, totals };
}
