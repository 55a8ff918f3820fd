/**
 * Pure helpers for the joint operations board: statuses and capabilities in words, what a nation
 * may pledge (its own assets, only those that may go to the operation's regions and are not
 * pledged elsewhere), what it still has to deliver, why the launch is not yet possible, and the
 * burden-sharing ledger by name. No DOM here: everything is unit-tested. The engine decides; these
 * only explain, so that controls are disabled with the reason instead of refused after a click.
 */
import type { View } from '@concord/shared/views/index';
import { assetName, nationName, regionName } from '../labels.ts';

export type Operation = View['operations'][number];
export type FullOperation = Extract<Operation, { full: true }>;
export type Pledge = FullOperation['pledges'][number];
export type Shown = Pledge['pledged'];
export type Ledger = NonNullable<View['burden']>;

export const STATUS: Readonly<Record<Operation['status'], { label: string; order: number }>> = {
  pledging: { label: 'Taking pledges', order: 0 },
  closed: { label: 'Pledging closed — awaiting launch', order: 1 },
  launched: { label: 'Launched — awaiting adjudication', order: 2 },
  adjudicated: { label: 'Adjudicated', order: 3 },
  cancelled: { label: 'Cancelled', order: 4 },
};
export const PLEDGE_STATUS: Readonly<Record<Pledge['status'], string>> = {
  pledged: 'Pledged',
  delivered: 'Delivered',
  withdrawn: 'Withdrawn',
  broken: 'Broken',
};

const words = (s: string) => s.replace(/_/g, ' ').replace(/^\w/, (c) => c.toUpperCase());
export const capabilityLabel = (type: string): string => (type === 'hq' ? 'Headquarters' : words(type));
export const money = (m: number): string => `${m.toLocaleString('en-GB')} M`;

/** The operations grouped by status, in the board's order, newest first within a group. */
export function byStatus(ops: readonly Operation[]): { status: Operation['status']; label: string; ops: Operation[] }[] {
  const groups = new Map<Operation['status'], Operation[]>();
  for (const op of [...ops].sort((a, b) => b.at - a.at)) groups.set(op.status, [...(groups.get(op.status) ?? []), op]);
  return [...groups.entries()]
    .sort(([a], [b]) => STATUS[a].order - STATUS[b].order)
    .map(([status, list]) => ({ status, label: STATUS[status].label, ops: list }));
}

/** Whether the nation's forces may enter a region, as the view knows it: its own, an uncontrolled one, or an ally's it has access to. */
export function mayEnter(view: Pick<View, 'map' | 'access' | 'nations'>, nation: string, region: string): boolean {
  const r = view.map.regions.find((x) => x.id === region);
  if (!r) return false;
  if (r.controller === null || r.controller === nation) return true;
  if (!view.nations.some((n) => n.id === r.controller)) return false;
  return view.access.some((a) => a.user === nation && a.host === r.controller);
}

export const openRegions = (view: Pick<View, 'map' | 'access' | 'nations'>, nation: string, op: Pick<Operation, 'regions'>): string[] =>
  op.regions.filter((r) => mayEnter(view, nation, r));

export interface AssetChoice {
  id: string;
  label: string;
  /** Why it cannot be chosen, or null. */
  disabled: string | null;
  checked: boolean;
}

const isOpenStatus = (s: Operation['status']) => s === 'pledging' || s === 'closed' || s === 'launched';

/** The nation's own assets for the pledge form: each with its type, ticked if already pledged here, disabled with the reason if it may not be. */
export function pledgeChoices(view: View, nation: string, op: FullOperation): AssetChoice[] {
  const mine = op.pledges.find((p) => p.nation === nation);
  const standing = mine && mine.status !== 'withdrawn' ? mine : null;
  const elsewhere = new Map<string, string>();
  for (const o of view.operations) {
    if (o.id === op.id || !o.full || !isOpenStatus(o.status)) continue;
    const p = o.pledges.find((x) => x.nation === nation && x.status !== 'withdrawn');
    for (const a of p?.pledged.assets ?? []) elsewhere.set(a, o.title);
  }
  const reach = openRegions(view, nation, op).length > 0;
  const where = op.regions.map((r) => regionName(view, r)).join(' or ');
  return view.assets
    .filter((a) => a.owner === nation)
    .map((a) => {
      const other = elsewhere.get(a.id);
      const delivered = standing?.delivered.assets.includes(a.id) ?? false;
      return {
        id: a.id,
        label: `${a.name} (${capabilityLabel(a.type)})`,
        disabled: delivered
          ? 'already delivered'
          : other !== undefined
            ? `pledged to “${other}”`
            : !reach
              ? `cannot go to ${where}: no access`
              : null,
        checked: standing?.pledged.assets.includes(a.id) ?? false,
      };
    });
}

/** What of a pledge is still to deliver: assets (with whether each is ready), capability counts and money. */
export function toDeliver(
  view: Pick<View, 'assets'>,
  p: Pledge,
): { assets: AssetChoice[]; capabilities: Shown['capabilities'][number][]; money: number } {
  return {
    assets: p.pledged.assets
      .filter((a) => !p.delivered.assets.includes(a))
      .map((a) => {
        const asset = view.assets.find((x) => x.id === a);
        return {
          id: a,
          label: assetName(view, a),
          disabled: asset?.readiness === 'not_ready' ? 'not ready' : null,
          checked: asset?.readiness !== 'not_ready',
        };
      }),
    capabilities: p.pledged.capabilities.flatMap((k) => {
      const got = p.delivered.capabilities.find((d) => d.type === k.type)?.count ?? 0;
      return k.count > got ? [{ type: k.type, count: k.count - got }] : [];
    }),
    money: Math.max(0, p.pledged.money - p.delivered.money),
  };
}

/** "Frigate Aurora, 2 × fighter, 40 M" — or "nothing". */
export function contributionText(view: Pick<View, 'assets'>, c: Shown): string {
  const parts = [
    ...c.assets.map((a) => assetName(view, a)),
    ...(c.undisclosed > 0 ? [`${c.undisclosed} undisclosed asset${c.undisclosed > 1 ? 's' : ''}`] : []),
    ...c.capabilities.map((k) => `${k.count} × ${capabilityLabel(k.type).toLowerCase()}`),
    ...(c.money > 0 ? [money(c.money)] : []),
  ];
  return parts.length ? parts.join(', ') : 'nothing';
}

/** Whether the proposer may launch now, and if not, why (the phase, or what is missing, in the engine's words). */
export function launchState(view: Pick<View, 'exercise'>, op: FullOperation): { may: boolean; reasons: string[] } {
  if (!isOpenStatus(op.status) || op.status === 'launched') return { may: false, reasons: [] };
  const reasons: string[] = [];
  if (view.exercise.status !== 'running') reasons.push('the exercise is not running');
  if (!op.launch.phaseCome) reasons.push(`launches from ${op.launchFrom.phaseLabel}, turn ${op.launchFrom.turn}`);
  reasons.push(...op.launch.missing.map((m) => m.replace(/^\w/, (c) => c.toUpperCase())));
  return { may: reasons.length === 0, reasons };
}

/** The requirement rows of the table: capability by capability, then the funding. */
export function requirementRows(op: FullOperation): { label: string; need: string; pledged: string; delivered: string; met: boolean }[] {
  const rows = op.requirements.map((r) => ({
    label: capabilityLabel(r.type),
    need: String(r.count),
    pledged: String(r.pledged),
    delivered: String(r.delivered),
    met: r.delivered >= r.count,
  }));
  if (op.funding.need > 0 || op.funding.pledged > 0)
    rows.push({
      label: 'Funding',
      need: money(op.funding.need),
      pledged: money(op.funding.pledged),
      delivered: money(op.funding.delivered),
      met: op.funding.delivered >= op.funding.need,
    });
  return rows;
}

export interface LedgerLine {
  nation: string;
  name: string;
  pledged: string;
  delivered: string;
  fair: string;
  balance: string;
  /** Delivered against fair share: 'over' (≥), 'under', or null without a fair share. */
  standing: 'over' | 'under' | null;
  broken: number;
  rate: string;
}

const units = (n: number) => `${n} unit${n === 1 ? '' : 's'}`;
const round1 = (n: number) => Math.round(n * 10) / 10;

/** The burden-sharing ledger by name: pledged and delivered (units · money), fair share (%, units · money), and the balance. */
export function ledgerLines(view: Pick<View, 'nations' | 'adversary'>, l: Ledger): LedgerLine[] {
  return l.rows.map((r) => {
    const fair =
      r.fairShare === null ? null : { pct: round1(r.fairShare * 100), u: round1(r.fairUnits ?? 0), m: Math.round(r.fairMoney ?? 0) };
    const du = round1(r.deliveredUnits - (fair?.u ?? 0));
    const dm = Math.round(r.deliveredMoney - (fair?.m ?? 0));
    const sign = (n: number) => (n > 0 ? `+${n}` : String(n));
    return {
      nation: r.nation,
      name: nationName(view, r.nation),
      pledged: `${units(r.pledgedUnits)} · ${money(r.pledgedMoney)}`,
      delivered: `${units(r.deliveredUnits)} · ${money(r.deliveredMoney)}`,
      fair: fair ? `${fair.pct}% — ${fair.u} units · ${money(fair.m)}` : 'no pledge rate',
      balance: fair ? `${sign(du)} units · ${sign(dm)} M` : '—',
      standing: fair ? (r.deliveredUnits + r.deliveredMoney >= (r.fairUnits ?? 0) + (r.fairMoney ?? 0) - 1e-9 ? 'over' : 'under') : null,
      broken: r.broken,
      rate: r.pledgePct === null ? '—' : `${r.pledgePct}% of GDP${r.sourceLabel ? ` (${r.sourceLabel})` : ''}`,
    };
  });
}

/** The treaty clauses and agreements in force an operation may rest on, for the basis picker. */
export function basisOptions(view: Pick<View, 'treaties' | 'agreements'>, nation: string): { value: string; label: string }[] {
  const out: { value: string; label: string }[] = [];
  for (const t of view.treaties)
    if (t.parties.includes(nation))
      for (const c of t.clauses) out.push({ value: `treaty/${t.id}/${c.id}`, label: `${t.name}, ${c.article} ${c.title}` });
  for (const a of view.agreements)
    if (a.status === 'in_force' && a.parties.includes(nation)) out.push({ value: `agreement/${a.id}`, label: `Agreement: ${a.title}` });
  return out;
}

export function parseBasis(
  value: string,
): { kind: 'treaty'; treaty: string; clause: string } | { kind: 'agreement'; agreement: string } | null {
  const [kind, a, b] = value.split('/');
  if (kind === 'treaty' && a && b) return { kind, treaty: a, clause: b };
  if (kind === 'agreement' && a) return { kind, agreement: a };
  return null;
}
